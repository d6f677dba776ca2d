"""What a coach or manager meets in their first hour at the command line (issue 15): Dutch answers,
notes where something is left out or unusual, suggestions, and no raw terminal codes from user text."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.usefixtures("rules_scrubber")

LATER = (dt.date.today() + dt.timedelta(days=30)).isoformat()
EARLIER = (dt.date.today() - dt.timedelta(days=30)).isoformat()


@pytest.fixture(scope="module")
def first_ws(tmp_path_factory, run_cli, rules_scrubber):
    root = tmp_path_factory.mktemp("eerste-uur") / "ws"
    assert run_cli("init", str(root), "--name", "Wijkteams Test").returncode == 0
    for args in (
        ("kring", "add", "Wijkteam Crabbehof"),
        ("kring", "add", "Wijkteam Sterrenburg"),
        ("member", "add", "Anna de Boer", "--kring", "Wijkteam Crabbehof", "--role", "coach"),
        ("session", "new", "--kring", "Wijkteam Crabbehof", "--date", EARLIER, "--method", "incidentmethode"),
        ("session", "new", "--kring", "Wijkteam Crabbehof", "--date", LATER, "--method", "incidentmethode"),
    ):
        result = run_cli("-w", str(root), *args)
        assert result.returncode == 0, result.stderr
    return root


def test_summarize_says_which_later_sessions_it_leaves_out(first_ws, run_cli):
    result = run_cli(
        "-w", str(first_ws), "summarize", "--kring", "Wijkteam Crabbehof", "--audience", "kring", timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert f"Niet meegenomen: 1 sessie(s) gepland na vandaag (vanaf {LATER})" in result.stdout
    # a period that covers the later session takes it in, and says nothing
    result = run_cli(
        "-w", str(first_ws), "summarize", "--kring", "Wijkteam Crabbehof", "--audience", "kring",
        "--period", f"{EARLIER}..{LATER}", timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Niet meegenomen" not in result.stdout


def test_closing_a_session_dated_after_today_says_so(first_ws, run_cli):
    result = run_cli("-w", str(first_ws), "session", "close", "--kring", "Wijkteam Crabbehof", "--date", EARLIER)
    assert result.returncode == 0, result.stderr
    assert "Let op" not in result.stdout
    result = run_cli("-w", str(first_ws), "session", "close", "--kring", "Wijkteam Crabbehof", "--date", LATER)
    assert result.returncode == 0, result.stderr
    assert "is gesloten" in result.stdout
    [note] = [line for line in result.stdout.splitlines() if line.startswith("Let op")]
    assert f"gepland op {LATER}, na vandaag" in note and "session reopen --id" in note


def test_roles_by_their_dutch_names_and_answers_in_dutch(first_ws, run_cli):
    for name, role, shown in (
        ("Ilse Vermeulen", "teamleider", "management"),
        ("Youssef El Amrani", "Teamlid", "teamlid"),
        ("Henk de Graaf", "gast", "gast"),
        ("Marieke Coach", "leercoach", "leercoach"),
        ("Piet Manager", "manager", "management"),  # the codes still work
    ):
        result = run_cli("-w", str(first_ws), "member", "add", name, "--kring", "Wijkteam Sterrenburg", "--role", role)
        assert result.returncode == 0, result.stderr
        assert f"is nu {shown} in kring 'Wijkteam Sterrenburg'" in result.stdout
    result = run_cli("-w", str(first_ws), "member", "role", "Henk de Graaf", "--kring", "Wijkteam Sterrenburg",
                     "--role", "lid")  # fmt: skip
    assert result.returncode == 0 and "is nu teamlid" in result.stdout
    result = run_cli("-w", str(first_ws), "member", "add", "X", "--kring", "Wijkteam Sterrenburg", "--role", "baas")
    assert result.returncode == 2
    assert "Onbekende rol 'baas'" in result.stderr and "leercoach" in result.stderr and "teamleider" in result.stderr
    assert "invalid" not in result.stderr and "argument" not in result.stderr and "choose" not in result.stderr
    result = run_cli("-w", str(first_ws), "session", "new", "--date", "2026-12-01")
    assert result.returncode == 2 and "deze opties ontbreken: --kring" in result.stderr
    assert "required" not in result.stderr


def test_a_day_that_does_not_exist_is_told_so(first_ws, run_cli):
    result = run_cli("-w", str(first_ws), "session", "new", "--kring", "Wijkteam Crabbehof", "--date", "2026-02-30")
    assert result.returncode == 2
    assert (
        "2026-02-30" in result.stderr
        and "bestaat niet" in result.stderr
        and "februari 2026 heeft 28 dagen" in result.stderr
    )
    assert "JJJJ-MM-DD" not in result.stderr
    result = run_cli("-w", str(first_ws), "session", "new", "--kring", "Wijkteam Crabbehof", "--date", "2026-13-01")
    assert result.returncode == 2 and "er is geen maand 13" in result.stderr
    result = run_cli("-w", str(first_ws), "session", "new", "--kring", "Wijkteam Crabbehof", "--date", "30-02-2026")
    assert result.returncode == 2 and "gebruik JJJJ-MM-DD" in result.stderr


def test_an_unknown_kring_gets_the_closest_names(first_ws, run_cli):
    result = run_cli("-w", str(first_ws), "member", "list", "--kring", "Wijkteam Crabehof")
    assert result.returncode == 1
    assert result.stderr.strip() == "fout: Onbekende kring 'Wijkteam Crabehof'. Bedoel je 'Wijkteam Crabbehof'?"
    result = run_cli("-w", str(first_ws), "session", "list", "--kring", "sterenburg")
    assert result.returncode == 1 and "Bedoel je 'Wijkteam Sterrenburg'?" in result.stderr
    result = run_cli("-w", str(first_ws), "session", "list", "--kring", "Zuid")
    assert result.returncode == 1
    assert "Bekende kringen: Wijkteam Crabbehof, Wijkteam Sterrenburg." in result.stderr


def test_terminal_codes_in_user_text_are_not_printed(first_ws, run_cli):
    """A signal title with escape codes (stored before the store cleaned texts, or by another client)
    must not reach the coach's terminal: ESC [ 2 J would clear the screen."""
    import sqlite3

    from leerkring.workspace import Workspace

    ws = Workspace.open(first_ws)
    try:
        from leerkring.notebooks.lifecycle import plan_session

        session = plan_session(ws, "Wijkteam Sterrenburg", EARLIER)
        signal = ws.store.raise_signal(session.id, "Regel blokkeert hulp")
    finally:
        ws.close()
    hostile = "\x1b[2J\x1b[HRegel\x07 blokkeert \x1b]0;gehackt\x07hulp\u202e\x9b"
    db = sqlite3.connect(first_ws / ".leerkring" / "leerkring.db")
    db.execute("UPDATE signal SET title = ? WHERE id = ?", (hostile, signal.id))
    db.commit()
    db.close()
    result = run_cli("-w", str(first_ws), "signal", "list")
    assert result.returncode == 0, result.stderr
    assert "Regel blokkeert hulp" in result.stdout
    assert not any(ch in result.stdout for ch in "\x1b\x07\x9b\u202e")
    # the same helper guards error lines that repeat what was typed
    result = run_cli("-w", str(first_ws), "member", "list", "--kring", "\x1b[2JNoord")
    assert result.returncode == 1 and "\x1b" not in result.stderr and "Noord" in result.stderr
