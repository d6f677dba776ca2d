"""Saving through a workspace scrubs every free text with the shared service, colleagues included."""

from __future__ import annotations

import json

import pytest

from leerkring.notebooks.lifecycle import plan_session
from leerkring.store import Viewer
from leerkring.workspace import Workspace


@pytest.fixture
def ws(tmp_path):
    workspace = Workspace.init(tmp_path / "ws", "Wijkteams Test")
    kring = workspace.add_kring("Wijkteam Noord")
    workspace.store.add_member(kring.id, "Anouk Verbeek", "coach")
    workspace.store.add_member(kring.id, "Thijs Oosterhout", "member")
    workspace.session = plan_session(workspace, kring.id, "2026-11-10", "teamreflectie")
    yield workspace
    workspace.close()


def test_entry_text_is_pseudonymised_before_it_is_stored(ws):
    text = (
        "Bij mevrouw Fatima El Amrani op de Kerkstraat 12 (06-12345678) besprak ik met "
        "Thijs hoe we de schulden aanpakken."
    )
    saved = ws.store.add_entry(ws.session.id, "ervaringen", "ervaring", text, author="Anouk Verbeek")
    stored = saved.entry.text
    for original in ("Fatima", "Amrani", "Kerkstraat", "06-12345678", "Thijs"):
        assert original not in stored
    assert "[TELEFOON-1]" in stored and "schulden" in stored
    types = {f["type"] for f in saved.replaced}
    assert {"persoon", "adres", "telefoon"} <= types
    # what is kept about the replacement never holds the original value
    assert "Amrani" not in json.dumps(saved.entry.findings)
    again = ws.store.entries(Viewer.kring_summary([saved.entry.kring_id]))[0]
    assert again.text == stored


def test_signals_titles_remarks_and_actions_are_scrubbed_too(ws):
    signal = ws.store.raise_signal(
        ws.session.id,
        "Brief aan m.jansen@outlook.com kwam nooit aan",
        "Haar IBAN NL02 RABO 0123 4567 89 stond verkeerd in het systeem.",
    )
    assert "m.jansen@outlook.com" not in signal.title and "RABO" not in signal.text
    evaluation = ws.store.add_evaluation(ws.session.id, 4, 4, "Fijn dat Anouk doorvroeg.")
    assert "Anouk" not in evaluation.remark
    action = ws.store.add_action(ws.session.id, "Ik bel meneer Ahmed Benali terug", owner="Thijs Oosterhout")
    assert "Benali" not in action.title


def test_short_free_text_fields_are_scrubbed_but_codes_are_kept(ws):
    saved = ws.store.add_entry(
        ws.session.id,
        "spanningen",
        "perspectief",
        "Handhaven is ook zorg",
        author="Anouk Verbeek",
        extra={"position": "Thijs: handhaven", "level": "gemeente"},
    )
    assert "Thijs" not in saved.entry.extra["position"]
    assert saved.entry.extra["level"] == "gemeente"


def test_the_inprocess_setting_scrubs_without_the_service(tmp_path, monkeypatch):
    """privacy.scrubber = "inprocess" in leerkring.toml loads deduce in this process instead."""
    from leerkring import config

    monkeypatch.delenv("LEERKRING_SCRUBBER", raising=False)
    workspace = Workspace.init(tmp_path / "ws", "Wijkteams Test")
    workspace.settings.scrubber = "inprocess"
    config.write_settings(workspace.path, workspace.settings)
    workspace.close()
    with Workspace.open(tmp_path / "ws") as ws:
        kring = ws.add_kring("Wijkteam Zuid")
        ws.store.add_member(kring.id, "Iris Kok", "member")
        session = ws.store.add_session(kring.id, "2026-11-10")
        monkeypatch.setenv("LEERKRING_SERVICE_SOCKET", str(tmp_path / "no-service-here.sock"))
        saved = ws.store.add_entry(
            session.id, "ervaringen", "ervaring", "Bel mevrouw Jansen op 06-12345678.", author="Iris Kok"
        )
    assert "06-12345678" not in saved.entry.text and "[TELEFOON-1]" in saved.entry.text
    assert not (tmp_path / "no-service-here.sock").exists()  # no service was started for it
