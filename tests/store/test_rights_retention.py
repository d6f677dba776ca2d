"""Export, forget and retention: the rights of the people in the data, and data not kept forever."""

from __future__ import annotations

import datetime as dt
import json

from leerkring.store import Viewer
from leerkring.store.rights import months_before


def test_months_before_handles_month_ends():
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 11, 24), 24) == dt.date(2024, 11, 24)
    assert months_before(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)


def test_export_contains_everything_the_person_contributed(kring_setup):
    store, kring, session = kring_setup
    saved = store.add_entry(session.id, "ervaringen", "ervaring", "Mijn ervaring", author="Mila Lid")
    store.edit_entry(saved.entry.uid, "Mila Lid", "Mijn ervaring, aangevuld")
    store.add_entry(session.id, "trialoog", "gevoel", "Alleen voor mij", author="Mila Lid", visibility="persoonlijk")
    store.add_entry(session.id, "trialoog", "gevoel", "Van Nout", author="Nout Lid")
    store.add_entry(session.id, "trialoog", "gevoel", "Anoniem", author=None)
    data = store.export_person("Mila Lid", actor="Cora Coach")
    texts = [e["text"] for e in data["entries"]]
    assert texts == ["Mijn ervaring", "Mijn ervaring, aangevuld", "Alleen voor mij"]
    assert data["memberships"] == [{"kring": "Wijkteam Test", "role": "member"}]
    assert data["attendance"][0]["date"] == "2026-11-02"
    json.dumps(data)  # serialisable
    assert store.audit_log(limit=1)[0]["action"] == "member.export"


def test_forget_removes_personal_entries_and_authorship(kring_setup):
    store, kring, session = kring_setup
    store.add_entry(session.id, "ervaringen", "ervaring", "Gedeeld met de kring", author="Mila Lid")
    store.add_entry(session.id, "trialoog", "gevoel", "PERSOONLIJK-WEG", author="Mila Lid", visibility="persoonlijk")
    action = store.add_action(session.id, "Ik bel de school", owner="Mila Lid", author="Mila Lid")
    result = store.forget_person("Mila Lid", actor="Cora Coach")
    assert result["personal_entries_removed"] == 1
    entries = store.entries(Viewer.kring_summary([kring.id]), session_id=session.id)
    assert {e.text for e in entries} == {"Gedeeld met de kring", "Ik bel de school"}
    assert all(e.author_id is None for e in entries)
    assert "Mila Lid" not in store.person_names()
    assert store.action(Viewer.kring_summary([kring.id]), action.id).owner is None
    assert all(pid != action.owner_id for pid, _ in store.attendance(session.id))
    log = store.audit_log(limit=1)[0]
    assert log["action"] == "member.forget" and "Mila" not in json.dumps(log["detail"])


def test_retention_removes_old_texts_but_keeps_lessons_and_counts(kring_setup):
    store, kring, session = kring_setup  # session on 2026-11-02
    recent = store.add_session(kring.id, "2028-10-01", "teamreflectie")
    store.add_entry(session.id, "ervaringen", "ervaring", "OUD-RAUW", author="Mila Lid")
    store.add_entry(session.id, "actieleren", "les", "OUDE-LES", author="Mila Lid", keep=True)
    store.add_evaluation(session.id, 4, 4, "OUDE-OPMERKING")
    store.add_entry(recent.id, "ervaringen", "ervaring", "RECENT", author="Mila Lid")
    dry = store.apply_retention(24, today=dt.date(2028, 12, 1), dry_run=True)
    assert dry["entries_total"] == 1 and dry["evaluation_remarks"] == 1
    assert "OUD-RAUW" in {e.text for e in store.entries(Viewer.kring_summary([kring.id]))}
    done = store.apply_retention(24, today=dt.date(2028, 12, 1))
    assert done["entries"] == {"ervaringen/ervaring": 1}
    entries = store.entries(Viewer.kring_summary([kring.id]))
    assert len(entries) == 3  # counts stay
    assert {e.text for e in entries} == {None, "OUDE-LES", "RECENT"}
    assert store.evaluations(Viewer.kring_summary([kring.id]), session_id=session.id)[0].remark == ""
    assert store.apply_retention(24, today=dt.date(2028, 12, 1))["entries_total"] == 0


def test_cli_export_forget_retention(tmp_path, run_cli):
    root = tmp_path / "ws"
    assert run_cli("init", str(root), "--name", "T").returncode == 0
    for args in (("kring", "add", "Noord"), ("member", "add", "Ann Smit", "--kring", "Noord")):
        assert run_cli("-w", str(root), *args).returncode == 0
    out = tmp_path / "ann.json"
    result = run_cli("-w", str(root), "member", "export", "Ann Smit", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text())["person"]["name"] == "Ann Smit"
    assert run_cli("-w", str(root), "member", "forget", "Ann Smit").returncode == 1  # needs --yes
    result = run_cli("-w", str(root), "member", "forget", "Ann Smit", "--yes")
    assert result.returncode == 0 and "vergeten" in result.stdout
    result = run_cli("-w", str(root), "member", "export", "Ann Smit")
    assert result.returncode == 1 and "Onbekend lid" in result.stderr
    result = run_cli("-w", str(root), "retention", "apply", "--dry-run")
    assert result.returncode == 0 and "24 maanden" in result.stdout
