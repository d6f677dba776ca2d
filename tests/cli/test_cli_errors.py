"""Bad input at the command line: one line of Dutch, exit code 1 (2 for usage), never a traceback."""

from __future__ import annotations

import sqlite3

import pytest


@pytest.fixture(scope="module")
def cli_ws(tmp_path_factory, run_cli):
    root = tmp_path_factory.mktemp("cli") / "ws"
    assert run_cli("init", str(root), "--name", "Wijkteams Test").returncode == 0
    for args in (
        ("kring", "add", "Wijkteam Noord"),
        ("member", "add", "Anna de Boer", "--kring", "Wijkteam Noord", "--role", "coach"),
        ("member", "add", "Bram Smit", "--kring", "wijkteam-noord"),
        ("session", "new", "--kring", "Wijkteam Noord", "--date", "2026-11-20", "--method", "incidentmethode"),
    ):
        result = run_cli("-w", str(root), *args)
        assert result.returncode == 0, result.stderr
    return root


def assert_one_line_error(result, code, fragment):
    assert result.returncode == code, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr
    assert fragment.lower() in result.stderr.lower(), result.stderr
    if code == 1:
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("fout: ")


def test_happy_path_lists(cli_ws, run_cli):
    result = run_cli("-w", str(cli_ws), "member", "list", "--kring", "Wijkteam Noord")
    assert result.returncode == 0
    assert "Anna de Boer" in result.stdout and "leercoach" in result.stdout
    result = run_cli("-w", str(cli_ws), "session", "list")
    assert "incidentmethode" in result.stdout and "open" in result.stdout


@pytest.mark.parametrize(
    "args, code, fragment",
    [
        (("kring", "add", "wijkteam noord"), 1, "al een kring"),
        (("member", "add", "Bram Smit", "--kring", "Wijkteam Noord"), 1, "al lid"),
        (("member", "list", "--kring", "Wijkteam Zuid"), 1, "Onbekende kring"),
        (("member", "role", "Onbekend Iemand", "--kring", "Wijkteam Noord", "--role", "coach"), 1, "Onbekend lid"),
        (("session", "new", "--kring", "Wijkteam Noord", "--date", "20-11-2026"), 2, "Ongeldige datum"),
        (("session", "new", "--kring", "Wijkteam Noord", "--date", "2026-02-30"), 2, "Ongeldige datum"),
        (
            ("session", "new", "--kring", "Wijkteam Noord", "--date", "2026-11-20", "--method", "incidentmethode"),
            1,
            "al een sessie",
        ),
        (
            ("session", "new", "--kring", "Wijkteam Noord", "--date", "2026-11-21", "--method", "yoga"),
            1,
            "Onbekende methode",
        ),
        (("session", "close", "--id", "999"), 1, "Onbekende sessie"),
        (("session", "close", "--kring", "Wijkteam Noord", "--date", "2026-01-01"), 1, "geen sessie"),
        (("session", "close", "--id", "1", "--by", "Bram Smit"), 1, "alleen een coach"),
        (("session", "close", "--id", "1", "--by", "Niemand"), 1, "Onbekend lid"),
        (("session", "close"), 2, "--id"),
        (("signal", "respond", "42", "--by", "Mariam", "--text", "ok"), 1, "Onbekend signaal"),
        (("member", "add", "X", "--kring", "Wijkteam Noord", "--role", "baas"), 2, "Onbekende rol"),
        (("session", "list", "--bogus"), 2, "fout in de opdracht"),
        (("nonsense",), 2, "fout in de opdracht"),
    ],
)
def test_bad_input(cli_ws, args, code, fragment, run_cli):
    assert_one_line_error(run_cli("-w", str(cli_ws), *args), code, fragment)


def test_missing_workspace(tmp_path, run_cli):
    assert_one_line_error(run_cli("kring", "list", cwd=tmp_path), 1, "Geen leerkring-werkruimte")
    assert_one_line_error(run_cli("-w", str(tmp_path / "nergens"), "kring", "list"), 1, "bestaat niet")


def test_init_twice_and_empty_name(tmp_path, run_cli):
    assert run_cli("init", str(tmp_path / "a"), "--name", "A").returncode == 0
    assert_one_line_error(run_cli("init", str(tmp_path / "a"), "--name", "A"), 1, "al een werkruimte")
    assert_one_line_error(run_cli("init", str(tmp_path / "b"), "--name", "  "), 1, "naam")


def test_hand_broken_settings_file(tmp_path, run_cli):
    root = tmp_path / "ws"
    assert run_cli("init", str(root), "--name", "A").returncode == 0
    (root / "leerkring.toml").write_text("[workspace\nname=", encoding="utf-8")
    assert_one_line_error(run_cli("-w", str(root), "kring", "list"), 1, "geen geldige TOML")


def test_corrupt_database_file(tmp_path, run_cli):
    root = tmp_path / "ws"
    assert run_cli("init", str(root), "--name", "A").returncode == 0
    (root / ".leerkring" / "leerkring.db").write_bytes(b"this is not a database" * 100)
    for name in ("leerkring.db-wal", "leerkring.db-shm"):
        (root / ".leerkring" / name).unlink(missing_ok=True)
    assert_one_line_error(run_cli("-w", str(root), "kring", "list"), 1, "beschadigd")


def test_locked_database(tmp_path, run_cli):
    root = tmp_path / "ws"
    assert run_cli("init", str(root), "--name", "A").returncode == 0
    holder = sqlite3.connect(root / ".leerkring" / "leerkring.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run_cli("-w", str(root), "kring", "add", "Noord", env={"LEERKRING_SQLITE_BUSY_TIMEOUT_MS": "300"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_one_line_error(result, 1, "bezet")
    assert run_cli("-w", str(root), "kring", "add", "Noord").returncode == 0


def test_database_newer_than_the_code(tmp_path, run_cli):
    root = tmp_path / "ws"
    assert run_cli("init", str(root), "--name", "A").returncode == 0
    db = sqlite3.connect(root / ".leerkring" / "leerkring.db")
    db.execute("UPDATE leerkring_meta SET value = '99' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    assert_one_line_error(run_cli("-w", str(root), "kring", "list"), 1, "nieuwer dan deze leerkring")
    assert_one_line_error(run_cli("-w", str(root), "db", "upgrade"), 1, "nieuwer")
    status = run_cli("-w", str(root), "db", "status")
    assert status.returncode == 0 and "99" in status.stdout


def test_help_and_version(run_cli):
    result = run_cli("--help")
    assert result.returncode == 0 and "session" in result.stdout and "init" in result.stdout
    assert run_cli("--version").stdout.startswith("leerkring ")
