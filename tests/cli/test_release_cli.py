"""`leerkring release list|approve|reject|edit`: the coach's release review at the command line."""

from __future__ import annotations

import pytest

from leerkring.cli import main
from leerkring.store import Viewer
from leerkring.workspace import Workspace

pytestmark = pytest.mark.usefixtures("rules_scrubber")

LESSON = "Bij FATIMA BOUALI leerden we eerst te luisteren."


@pytest.fixture
def ws_root(tmp_path):
    root = tmp_path / "ws"
    with Workspace.init(root, "Gemeente Test") as ws:
        noord = ws.add_kring("Wijkteam Noord")
        zuid = ws.add_kring("Wijkteam Zuid")
        for kring, people in ((noord, ("Cora Coach", "Mila Lid")), (zuid, ("Zeno Coach", "Zoë Lid"))):
            ws.store.add_member(kring.id, people[0], "coach")
            ws.store.add_member(kring.id, people[1], "member")
        ws.store.add_member(noord.id, "Mariam Manager", "manager")
        session = ws.store.add_session(noord.id, "2026-11-02", "teamreflectie", "Noord")
        ws.store.add_entry(session.id, "actieleren", "les", LESSON, author="Mila Lid", visibility="organisatie")
        ws.store.raise_signal(session.id, "Wachtlijst schuldhulp", "Drie maanden wachten is te lang.")
        other = ws.store.add_session(zuid.id, "2026-11-03", "teamreflectie", "Zuid")
        ws.store.add_entry(
            other.id, "ervaringen", "inzicht", "Zuid deelt dit", author="Zoë Lid", visibility="organisatie"
        )
    return root


def cli(root, capsys, *args):
    code = main(["-w", str(root), "release", *args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(result, code: int, text: str) -> None:
    got, out, err = result
    lines = [line for line in err.splitlines() if line.strip()]
    assert got == code, (out, err)
    assert len(lines) == 1 and lines[0].startswith("fout: ") and text in lines[0], err
    assert "Traceback" not in err


def test_list_shows_every_pending_text_with_its_risks_marked(ws_root, capsys):
    code, out, err = cli(ws_root, capsys, "list")
    assert code == 0, err
    assert "[1] bijdrage · Wijkteam Noord · sessie 2026-11-02 · actieleren/les" in out
    assert "Bij »FATIMA« »BOUALI« leerden we eerst te luisteren." in out
    assert "let op: »FATIMA«: voornaam; »BOUALI«: achternaam, onbekend woord\n" in out
    assert "[2] signaal · Wijkteam Noord" in out and "titel: Wachtlijst schuldhulp" in out
    assert "[3] bijdrage · Wijkteam Zuid" in out
    assert "3 tekst(en) wachten op vrijgave." in out

    code, out, _ = cli(ws_root, capsys, "list", "--kring", "Wijkteam Zuid")
    assert code == 0 and "Zuid deelt dit" in out and "Wijkteam Noord" not in out
    assert "1 tekst(en) wachten op vrijgave in kring Wijkteam Zuid." in out
    one_line_error(cli(ws_root, capsys, "list", "--kring", "Wijkteam West"), 1, "Onbekende kring 'Wijkteam West'")


def test_approve_once_by_a_coach_of_the_kring(ws_root, capsys):
    one_line_error(cli(ws_root, capsys, "approve", "1", "--by", "Mila Lid"), 1, "Alleen een leercoach van kring")
    one_line_error(cli(ws_root, capsys, "approve", "1", "--by", "Mariam Manager"), 1, "is daar management")
    one_line_error(cli(ws_root, capsys, "approve", "1", "--by", "Zeno Coach"), 1, "geen lid van kring 'Wijkteam Noord'")
    one_line_error(cli(ws_root, capsys, "approve", "99", "--by", "Cora Coach"), 1, "Onbekende tekst 99 in de vrijgave")

    code, out, err = cli(ws_root, capsys, "approve", "1", "--by", "Cora Coach")
    assert code == 0, err
    assert out.strip() == (
        "Tekst 1 (bijdrage) is vrijgegeven; de volgende 'leerkring summarize' neemt haar mee voor de organisatie."
    )
    one_line_error(
        cli(ws_root, capsys, "approve", "1", "--by", "Cora Coach"),
        1,
        "Bijdrage 1 is al vrijgegeven (door Cora Coach op ",
    )
    one_line_error(cli(ws_root, capsys, "reject", "1", "--by", "Cora Coach"), 1, "al vrijgegeven")
    code, out, _ = cli(ws_root, capsys, "list", "--kring", "Wijkteam Noord")
    assert "[1]" not in out and "[2] signaal" in out
    with Workspace.open(ws_root) as ws:
        assert [a["action"] for a in ws.store.audit_log(5) if a["action"].startswith("release.")] == ["release.approve"]


def test_reject_with_a_reason_the_author_sees(ws_root, capsys):
    code, out, err = cli(
        ws_root, capsys, "reject", "1", "--by", "Cora Coach", "--reason", "Er staan een naam en een mailadres in"
    )
    assert code == 0, err
    assert "Tekst 1 (bijdrage) is teruggestuurd en gaat niet naar de organisatie. De auteur ziet dat" in out
    with Workspace.open(ws_root) as ws:
        mila = ws.viewer_for("Mila Lid")
        (entry,) = [e for e in ws.store.entries(mila) if e.kind == "les"]
        assert (entry.release, entry.release_reason) == ("rejected", "Er staan een naam en een mailadres in")
    one_line_error(cli(ws_root, capsys, "approve", "1", "--by", "Cora Coach"), 1, "Bijdrage 1 is al teruggestuurd")


def test_edit_is_scrubbed_again_stored_as_a_new_revision_and_released(ws_root, capsys):
    code, out, err = cli(
        ws_root,
        capsys,
        "edit",
        "1",
        "--by",
        "Cora Coach",
        "--text",
        "Bij [PERSOON-1] leerden we luisteren; bel 06-12345678",
    )
    assert code == 0, err
    assert "Tekst 1 (bijdrage) is aangepast en vrijgegeven als tekst 4." in out
    assert "Bij [PERSOON-1] leerden we luisteren; bel [TELEFOON-1]" in out
    with Workspace.open(ws_root) as ws:
        kring = ws.store.kring("Wijkteam Noord")
        history = [e for e in ws.store.entries(Viewer.kring_summary([kring.id]), history=True) if e.kind == "les"]
        assert [(e.revision, e.text) for e in history] == [
            (1, LESSON),
            (2, "Bij [PERSOON-1] leerden we luisteren; bel [TELEFOON-1]"),
        ]
        assert ws.store.audit_log(1)[0]["action"] == "release.edit"
    one_line_error(
        cli(ws_root, capsys, "edit", "1", "--by", "Cora Coach", "--text", "x"), 1, "al aangepast en vrijgegeven"
    )

    code, out, err = cli(ws_root, capsys, "edit", "2", "--by", "Cora Coach", "--title", "Wachtlijst")
    assert code == 0, err
    assert "Tekst 2 (signaal) is aangepast en vrijgegeven." in out and "  titel: Wachtlijst\n" in out
    code, out, err = cli(ws_root, capsys, "edit", "3", "--by", "Zeno Coach")
    assert code == 2 and err.startswith("fout: Geef de nieuwe tekst (--text)")
    one_line_error(cli(ws_root, capsys, "edit", "3", "--by", "Zeno Coach", "--text", ""), 2, "Een lege bijdrage")


def test_the_real_command_answers_one_dutch_line(ws_root, run_cli):
    result = run_cli("-w", str(ws_root), "release", "approve", "42", "--by", "Cora Coach")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "fout: Onbekende tekst 42 in de vrijgave (zie 'leerkring release list')."
    ]
    result = run_cli("-w", str(ws_root), "release", "approve", "een", "--by", "Cora Coach")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    listed = run_cli("-w", str(ws_root), "release", "list")
    assert listed.returncode == 0 and "»FATIMA«" in listed.stdout
