"""The backup commands as a coach runs them: default place and modes, key files, what the settings in
an archive hold, PostgreSQL restored into PostgreSQL, and the refusals around it."""

from __future__ import annotations

import os
import re
import sys
import tarfile
from pathlib import Path

import pytest
from _backup_helpers import manifest_of

pytestmark = pytest.mark.usefixtures("rules_scrubber")


def test_backup_goes_into_a_private_backups_folder_with_the_date(tmp_path, run_cli, team_workspace):
    ws, _kring, _session = team_workspace(tmp_path / "live", scrubber=None)
    ws.close()
    done = run_cli("--workspace", str(ws.path), "backup")
    assert done.returncode == 0, done.stderr
    folder = ws.path / "backups"
    (archive,) = folder.iterdir()
    assert re.fullmatch(r"leerkring-\d{4}-\d{2}-\d{2}-\d{6}\.tar", archive.name)
    assert folder.stat().st_mode & 0o777 == 0o700 and archive.stat().st_mode & 0o777 == 0o600
    assert str(archive) in done.stdout and "Niet versleuteld" in done.stdout
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".leerkring-backup")]
    # the live audit log records the backup
    from leerkring.store import Store

    store = Store(ws.store.url)
    assert store.audit_log(limit=1)[0]["action"] == "backup.create"
    store.close()
    # an existing file is never overwritten
    again = run_cli("--workspace", str(ws.path), "backup", "-o", str(archive))
    assert again.returncode == 1 and "bestaat al" in again.stderr
    wrong = run_cli("backup", "--check", str(archive), "-o", str(tmp_path / "x.tar"))
    assert wrong.returncode == 2 and wrong.stderr.startswith("fout:")


def test_key_file_is_private_and_never_overwritten(tmp_path, run_cli):
    key = tmp_path / "sleutel.key"
    done = run_cli("backup", "key", "-o", str(key))
    assert done.returncode == 0, done.stderr
    assert key.stat().st_mode & 0o777 == 0o600
    before = key.read_bytes()
    again = run_cli("backup", "key", "-o", str(key))
    assert again.returncode == 1 and "bestaat al" in again.stderr and key.read_bytes() == before
    not_a_key = tmp_path / "geen.key"
    not_a_key.write_text("hallo\n", encoding="utf-8")
    refused = run_cli("backup", "--check", str(key), "--key", str(not_a_key))
    assert refused.returncode == 1 and "geen leerkring-sleutelbestand" in refused.stderr


def test_the_database_password_is_not_in_the_archive(tmp_path, team_workspace):
    from leerkring.backup import _settings_bytes

    ws, _kring, _session = team_workspace(tmp_path / "live", scrubber=None)
    ws.close()
    settings = ws.path / "leerkring.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace('url = ""', 'url = "postgresql://leerkring:geheim-wachtwoord@db.example:5432/lk"'),
        encoding="utf-8",
    )
    stored, removed = _settings_bytes(ws.path)
    assert removed and b"geheim-wachtwoord" not in stored and b"leerkring@db.example:5432/lk" in stored


@pytest.mark.postgres
def test_a_postgresql_backup_restores_into_an_empty_postgresql_database(
    tmp_path, run_cli, team_workspace, pg_schema_url, pg_admin
):
    from sqlalchemy import text

    source_url, source_schema = pg_schema_url()
    target_url, target_schema = pg_schema_url()
    try:
        ws, _kring, session = team_workspace(tmp_path / "live", scrubber=None, database_url=source_url)
        for i in range(20):
            ws.store.add_entry(session.id, "ervaringen", "ervaring", f"Tekst\t{i}\\ met\nregels é", author="Mila Lid")
        ws.close()
        archive = tmp_path / "pg.tar"
        assert run_cli("--workspace", str(ws.path), "backup", "-o", str(archive)).returncode == 0
        assert manifest_of(archive)["source"]["method"] == "pg_dump"

        done = run_cli("restore", str(archive), "--to", str(tmp_path / "pg"), "--database-url", target_url)
        assert done.returncode == 0, done.stderr
        from leerkring.workspace import Workspace

        restored = Workspace.open(tmp_path / "pg", scrubber=None)
        try:
            assert target_schema in restored.store.url  # leerkring.toml names the given database
            from leerkring.store import Viewer

            texts = sorted(e.text for e in restored.store.entries(Viewer.kring_summary([1]), session_id=session.id))
            assert texts == sorted(f"Tekst\t{i}\\ met\nregels é" for i in range(20))
            # sequences continue after the restored ids
            new = restored.store.add_entry(
                session.id, "ervaringen", "ervaring", "na het terugzetten", author="Nout Lid"
            )
            assert new.entry.id > 20
        finally:
            restored.close()

        # the target now holds a workspace: a second restore into it is refused and changes nothing
        with pg_admin.connect() as conn:
            before = conn.execute(text(f'SELECT count(*) FROM "{target_schema}".entry')).scalar()
        again = run_cli("restore", str(archive), "--to", str(tmp_path / "pg2"), "--database-url", target_url)
        assert again.returncode == 1 and "niet leeg" in again.stderr and not (tmp_path / "pg2").exists()
        with pg_admin.connect() as conn:
            assert conn.execute(text(f'SELECT count(*) FROM "{target_schema}".entry')).scalar() == before

        # without pg_restore on the PATH a pg_dump backup cannot be read: one line, nothing written
        bare = run_cli(
            "restore", str(archive), "--to", str(tmp_path / "pg3"), env={"PATH": str(Path(sys.executable).parent)}
        )
        assert bare.returncode == 1 and "pg_restore" in bare.stderr and not (tmp_path / "pg3").exists()
        assert not [n for n in os.listdir(tmp_path) if "herstel" in n]
    finally:
        with pg_admin.connect() as conn:
            for name in (source_schema, target_schema):
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))


def test_a_sqlite_backup_is_not_restored_into_postgresql(tmp_path, run_cli, team_workspace):
    ws, _kring, _session = team_workspace(tmp_path / "live", scrubber=None)
    ws.close()
    archive = tmp_path / "s.tar"
    assert run_cli("--workspace", str(ws.path), "backup", "-o", str(archive)).returncode == 0
    done = run_cli("restore", str(archive), "--to", str(tmp_path / "x"), "--database-url", "postgresql://x@127.0.0.1/y")
    assert done.returncode == 1 and "als SQLite" in done.stderr and not (tmp_path / "x").exists()
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[0] == "workspace/leerkring.toml" and names[-2:] == ["manifest.json", "manifest.sha256"]
