"""Damaged, truncated, foreign and wrong-key archives: `restore` and `backup --check` answer one Dutch
line and exit 1, and nothing is written (no target folder, no staging folder, no temporary files)."""

from __future__ import annotations

import os
import sqlite3
import tarfile
from pathlib import Path

import pytest

from leerkring.backup import create_backup, new_key_file
from leerkring.workspace import Workspace

pytestmark = pytest.mark.usefixtures("rules_scrubber")


@pytest.fixture(scope="module")
def archives(tmp_path_factory, team_workspace):
    """A small SQLite workspace with entries, its backup (plain and encrypted), the key and another key."""
    root = tmp_path_factory.mktemp("damage")
    ws, kring, session = team_workspace(root / "live", scrubber=None)
    for i in range(30):
        ws.store.add_entry(session.id, "ervaringen", "ervaring", f"Bijdrage {i}", author="Mila Lid")
    (ws.path / "frameworks").mkdir(exist_ok=True)
    (ws.path / "frameworks" / "eigen.toml").write_text("# eigen kaders\n", encoding="utf-8")
    key, other = new_key_file(root / "sleutel.key"), new_key_file(root / "andere.key")
    plain = create_backup(ws, root / "plain.tar").path
    encrypted = create_backup(ws, root / "encrypted.tar.fernet", key).path
    ws.close()
    return {"root": root, "plain": plain, "encrypted": encrypted, "key": key, "other": other}


def _members(archive: Path) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(archive) as tar:
        return {m.name: m for m in tar.getmembers()}


def _flip(data: bytearray, position: int) -> bytearray:
    data[position] ^= 0x20
    return data


def _plain_damage(archive: Path, how: str) -> bytes:
    data = bytearray(archive.read_bytes())
    members = _members(archive)
    toml, db, manifest = members["workspace/leerkring.toml"], members["database/leerkring.db"], members["manifest.json"]
    return bytes(
        {
            "header": lambda: _flip(data, db.offset + 130),  # a byte of the database member's tar header
            "database": lambda: _flip(data, db.offset_data + db.size // 2),
            "manifest": lambda: _flip(data, manifest.offset_data + manifest.size // 3),
            "padding": lambda: _flip(data, toml.offset_data + toml.size + 3),
            "end": lambda: _flip(data, len(data) - 1),
            "truncated-half": lambda: data[: len(data) // 2],
            "truncated-last-byte": lambda: data[:-1],
            "truncated-before-manifest": lambda: data[: manifest.offset],
        }[how]()
    )


def _encrypted_damage(archive: Path, how: str) -> bytes:
    data = bytearray(archive.read_bytes())
    magic = len(b"leerkring-backup/fernet/1\n")
    return bytes(
        {
            "magic": lambda: _flip(data, 3),
            "key-id": lambda: _flip(data, magic + 16 + 2),
            "archive-id": lambda: _flip(data, magic + 5),
            "length": lambda: _flip(data, magic + 24 + 1),
            "token": lambda: _flip(data, len(data) // 2),
            "truncated-half": lambda: data[: len(data) // 2],
            "truncated-last-byte": lambda: data[:-1],
            "appended": lambda: data + b"\x00" * 16,
        }[how]()
    )


def _assert_refused(done, words: tuple[str, ...]) -> str:
    assert done.returncode == 1, (done.stdout, done.stderr)
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("fout: "), done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert any(w in lines[0] for w in words), lines[0]
    return lines[0]


def _refused_everywhere(run_cli, tmp_path, bad: Path, words: tuple[str, ...], *key: str) -> str:
    """restore and backup --check both refuse; nothing is left behind by either."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    parent = tmp_path / "restores"
    parent.mkdir()
    target = parent / "nieuw"
    env = {"TMPDIR": str(scratch)}
    line = _assert_refused(run_cli("restore", str(bad), "--to", str(target), *key, env=env), words)
    assert not target.exists() and os.listdir(parent) == []
    _assert_refused(run_cli("backup", "--check", str(bad), *key, env=env), words)
    assert os.listdir(scratch) == []
    return line


DAMAGED = ("beschadigd", "onvolledig")


@pytest.mark.parametrize(
    "how",
    [
        "header",
        "database",
        "manifest",
        "padding",
        "end",
        "truncated-half",
        "truncated-last-byte",
        "truncated-before-manifest",
    ],
)
def test_damaged_or_truncated_plain_archive_is_refused(archives, run_cli, tmp_path, how):
    bad = tmp_path / "bad.tar"
    bad.write_bytes(_plain_damage(archives["plain"], how))
    line = _refused_everywhere(run_cli, tmp_path, bad, DAMAGED)
    if how.startswith("truncated"):
        assert "onvolledig" in line


@pytest.mark.parametrize(
    "how",
    ["magic", "key-id", "archive-id", "length", "token", "truncated-half", "truncated-last-byte", "appended"],
)
def test_damaged_or_truncated_encrypted_archive_is_refused(archives, run_cli, tmp_path, how):
    bad = tmp_path / "bad.tar.fernet"
    bad.write_bytes(_encrypted_damage(archives["encrypted"], how))
    words = DAMAGED + ("geen leerkring-back-up",) if how == "magic" else DAMAGED
    line = _refused_everywhere(run_cli, tmp_path, bad, words, "--key", str(archives["key"]))
    if how.startswith("truncated"):
        assert "onvolledig" in line


def test_wrong_key_and_missing_key_are_refused(archives, run_cli, tmp_path):
    (tmp_path / "a").mkdir()
    line = _refused_everywhere(
        run_cli, tmp_path / "a", archives["encrypted"], ("andere sleutel",), "--key", str(archives["other"])
    )
    assert "versleuteld met een andere sleutel" in line
    (tmp_path / "b").mkdir()
    line = _refused_everywhere(run_cli, tmp_path / "b", archives["encrypted"], ("--key",))
    assert "versleuteld" in line


def test_a_file_that_is_not_a_backup_is_refused(run_cli, tmp_path):
    bad = tmp_path / "foto.tar"
    bad.write_bytes(os.urandom(20_000))
    _refused_everywhere(run_cli, tmp_path, bad, ("geen leerkring-back-up",))
    other = tmp_path / "ander.tar"
    with tarfile.open(other, "w") as tar:
        tar.add(bad, arcname="foto.jpg")
    (tmp_path / "2").mkdir()
    _refused_everywhere(run_cli, tmp_path / "2", other, ("geen leerkring-back-up",))


def test_the_good_archives_pass(archives, run_cli, tmp_path):
    done = run_cli("backup", "--check", str(archives["plain"]))
    assert done.returncode == 0 and "Back-up in orde" in done.stdout, done.stderr
    done = run_cli("backup", "--check", str(archives["encrypted"]), "--key", str(archives["key"]))
    assert done.returncode == 0 and "Back-up in orde" in done.stdout, done.stderr
    assert "database-integriteit: ok" in done.stdout
    # the encrypted file shows nothing of its contents, not even the manifest
    raw = archives["encrypted"].read_bytes()
    assert b"manifest" not in raw and b"Bijdrage" not in raw and b"leerkring.toml" not in raw
    assert archives["plain"].stat().st_mode & 0o777 == 0o600
    assert archives["encrypted"].stat().st_mode & 0o777 == 0o600


def test_a_backup_from_a_newer_schema_is_refused(tmp_path, run_cli, team_workspace):
    ws, _kring, _session = team_workspace(tmp_path / "nieuwer", scrubber=None)
    db = Path(ws.store.url[len("sqlite:///") :])
    ws.close()
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE leerkring_meta SET value = '99' WHERE key = 'schema_version'")
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.close()
    newer = Workspace.open(tmp_path / "nieuwer", check_version=False, scrubber=None)
    archive = create_backup(newer, tmp_path / "nieuwer.tar").path
    newer.close()
    parent = tmp_path / "restores"
    parent.mkdir()
    done = run_cli("restore", str(archive), "--to", str(parent / "nieuw"))
    line = _assert_refused(done, ("nieuwer",))
    assert "schemaversie 99" in line and os.listdir(parent) == []


def test_restore_never_writes_into_a_folder_in_use(archives, run_cli, tmp_path):
    used = tmp_path / "in-gebruik"
    used.mkdir()
    (used / "notities.txt").write_text("van iemand anders", encoding="utf-8")
    _assert_refused(run_cli("restore", str(archives["plain"]), "--to", str(used)), ("niet leeg",))
    assert sorted(os.listdir(used)) == ["notities.txt"]
    live = archives["root"] / "live"
    before = sorted(os.listdir(live))
    _assert_refused(run_cli("restore", str(archives["plain"]), "--to", str(live)), ("niet leeg", "live"))
    assert sorted(os.listdir(live)) == before
    empty = tmp_path / "leeg"
    empty.mkdir()
    done = run_cli("restore", str(archives["plain"]), "--to", str(empty))
    assert done.returncode == 0, done.stderr
    assert (empty / ".leerkring" / "leerkring.db").stat().st_mode & 0o777 == 0o600
    assert (empty / "frameworks" / "eigen.toml").read_text(encoding="utf-8") == "# eigen kaders\n"
