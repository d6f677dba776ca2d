"""Retention and forget reach backups honestly (the canary): a member forgotten after the backup is
forgotten again after the restore, and a retention run after the backup is applied again, with the
same outcome as in the live workspace; without the live workspace the restore says what it could not
do. An older backup is upgraded after the restore. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest
import sqlalchemy as sa
from _backup_helpers import restored_db

from leerkring import config
from leerkring.store import Store, schema
from leerkring.store.engine import make_engine

pytestmark = pytest.mark.usefixtures("rules_scrubber")

COMPARED = ("person", "membership", "attendance", "entry", "action", "action_update", "evaluation", "signal", "session")


def _fill(url: str, kring, session) -> None:
    """Mila's personal and kring entries, an action she owns and reported on, Nout's entries, an
    anonymous one, and an old session (past retention) with a kept lesson."""
    store = Store(url)
    for i in range(2):
        store.add_entry(
            session.id, "ervaringen", "ervaring", f"Mila persoonlijk {i}", author="Mila Lid", visibility="persoonlijk"
        )
        store.add_entry(session.id, "onzekerheid", "leervraag", f"Mila kring {i}", author="Mila Lid")
    action = store.add_action(session.id, "Mila belt de huisarts", owner="Mila Lid", author="Mila Lid")
    store.add_entry(session.id, "ervaringen", "ervaring", "Nout kring", author="Nout Lid")
    store.add_entry(
        session.id, "ervaringen", "ervaring", "Nout persoonlijk", author="Nout Lid", visibility="persoonlijk"
    )
    store.add_entry(session.id, "trialoog", "gevoel", "Anoniem gevoel")
    later = store.add_session(kring.id, "2026-11-16", "actieleren_terugblik")
    store.report_action(
        action.id, later.id, status="done", effect="Mila heeft gebeld", lesson="Bellen helpt", author="Mila Lid"
    )
    old = store.add_session(kring.id, "2020-01-06", "teamreflectie")
    store.add_entry(old.id, "ervaringen", "ervaring", "Oude reflectie van Nout", author="Nout Lid")
    store.add_entry(old.id, "actieleren", "les", "Oude les die blijft", author="Nout Lid", keep=True)
    store.close()


def _rows(url: str) -> dict[str, list[tuple]]:
    engine = make_engine(url)
    out = {}
    try:
        with engine.connect() as conn:
            for name in COMPARED:
                table = schema.metadata.tables[name]
                columns = [c for c in table.c if c.name != "text_removed_at"]
                if name == "entry":  # when retention removed a text: the time of the run in each copy
                    columns.append((table.c.text_removed_at.is_not(None)).label("text_removed"))
                rows = conn.execute(sa.select(*columns).order_by(*table.primary_key.columns)).all()
                out[name] = [tuple(_plain(v) for v in row) for row in rows]
    finally:
        engine.dispose()
    return out


def _plain(value):
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
    return value


def _ok(done):
    assert done.returncode == 0, done.stderr
    return done


def test_a_member_forgotten_after_the_backup_is_forgotten_again_after_restore(backup_workspace, run_cli, tmp_path):
    live, url, (kring, session) = backup_workspace
    _fill(url, kring, session)
    archive = tmp_path / "voor.tar"
    _ok(run_cli("--workspace", str(live), "backup", "-o", str(archive)))

    # after the backup, in the live workspace: forget Mila, apply retention, and forget someone new
    _ok(run_cli("--workspace", str(live), "member", "forget", "Mila Lid", "--yes"))
    _ok(run_cli("--workspace", str(live), "retention", "apply"))
    _ok(run_cli("--workspace", str(live), "member", "add", "Lotte Later", "--kring", "Wijkteam Noord"))
    _ok(run_cli("--workspace", str(live), "member", "forget", "Lotte Later", "--yes"))

    target = tmp_path / "terug"
    done = _ok(run_cli("restore", str(archive), "--to", str(target)))
    assert "1 × lid opnieuw vergeten, 1 × bewaartermijn opnieuw toegepast" in done.stdout
    assert done.stderr == ""

    restored_url = config.sqlite_url(restored_db(target))
    restored, now = _rows(restored_url), _rows(url)
    for table in COMPARED:  # the very outcome of 'member forget' and 'retention apply' in the live workspace
        assert restored[table] == now[table], table

    store = Store(restored_url)
    try:
        assert "Mila Lid" not in [p.name for p in store.people()]
        texts = dict(_all_entries(store))
        assert not [t for t in texts if t and t.startswith("Mila persoonlijk")]
        assert texts["Mila kring 0"] is None and texts["Mila kring 1"] is None  # kept, anonymous
        assert texts["Nout persoonlijk"] is not None
        assert "Oude reflectie van Nout" not in texts and "Oude les die blijft" in texts
        log = store.audit_log(limit=3)  # newest first: applied again in the live log's order, then the restore
        assert [r["action"] for r in log] == ["backup.restore", "retention.apply", "member.forget"]
        assert "herstel" in log[1]["actor"] and "herstel" in log[2]["actor"]
    finally:
        store.close()


def _all_entries(store) -> list[tuple]:
    """Every entry as (text, author_id), personal ones included."""
    with store.read() as conn:
        return conn.execute(sa.select(schema.entry.c.text, schema.entry.c.author_id)).all()


def test_without_the_live_workspace_the_restore_says_what_it_could_not_do(backup_workspace, run_cli, tmp_path):
    live, url, (kring, session) = backup_workspace
    _fill(url, kring, session)
    archive = tmp_path / "voor.tar"
    _ok(run_cli("--workspace", str(live), "backup", "-o", str(archive)))
    _ok(run_cli("--workspace", str(live), "member", "forget", "Mila Lid", "--yes"))
    moved = tmp_path / "verhuisd"
    shutil.move(live, moved)

    # the backup's own workspace is gone: restored as it was, with a warning that says so
    done = _ok(run_cli("restore", str(archive), "--to", str(tmp_path / "zonder")))
    assert "let op:" in done.stderr and "niet opnieuw toegepast" in done.stderr
    store = Store(config.sqlite_url(restored_db(tmp_path / "zonder")))
    assert "Mila Lid" in [p.name for p in store.people()]
    store.close()

    # named with --from-workspace, the forget is applied again
    done = _ok(run_cli("restore", str(archive), "--to", str(tmp_path / "met"), "--from-workspace", str(moved)))
    assert "1 × lid opnieuw vergeten" in done.stdout
    store = Store(config.sqlite_url(restored_db(tmp_path / "met")))
    assert "Mila Lid" not in [p.name for p in store.people()]
    store.close()

    # another workspace's audit log does not continue this backup: refused, nothing written
    other = tmp_path / "ander"
    _ok(run_cli("init", str(other), "--name", "Andere gemeente"))
    done = run_cli("restore", str(archive), "--to", str(tmp_path / "fout"), "--from-workspace", str(other))
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "komt niet uit de werkruimte" in done.stderr
    assert not (tmp_path / "fout").exists()
    assert not [n for n in os.listdir(tmp_path) if "herstel" in n]


def test_an_older_backup_is_upgraded_after_the_restore(backup_workspace, run_cli, tmp_path):
    from alembic import command

    from leerkring.store import migrations
    from leerkring.store.core import StoreCore

    live, url, (kring, session) = backup_workspace
    _fill(url, kring, session)
    core = StoreCore(url, check_version=False)
    with core.migration_transaction() as conn:
        command.downgrade(migrations.config(conn), "0002")
    assert core.schema_version() == 2
    core.close()
    archive = tmp_path / "oud.tar"
    _ok(run_cli("--workspace", str(live), "backup", "-o", str(archive)))
    done = _ok(run_cli("restore", str(archive), "--to", str(tmp_path / "nieuw")))
    assert f"bijgewerkt naar schemaversie {schema.SCHEMA_VERSION}" in done.stdout
    restored = Store(config.sqlite_url(restored_db(tmp_path / "nieuw")))  # opens: the version is current
    before = Store(url, check_version=False)
    try:
        assert restored.schema_version() == schema.SCHEMA_VERSION
        assert restored.revision() == (f"{schema.SCHEMA_VERSION:04d}",)
        assert sorted(_all_entries(restored)) == sorted(_all_entries(before))
    finally:
        restored.close()
        before.close()
