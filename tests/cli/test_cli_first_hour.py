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
