"""A backup taken while eight processes keep saving loses nothing that was acknowledged before it
started, holds nothing partial, and restores with the manifest's counts (SQLite and PostgreSQL, both
snapshot methods of each: copy under the write lock and the online backup API; pg_dump and COPY
through the driver; and the default method encrypted, which for SQLite copies under the lock and
encrypts after it)."""

from __future__ import annotations

import threading
import time
from collections import defaultdict

import pytest
from _backup_helpers import manifest_of, restored_db, sqlite_rows

from leerkring.backup import check_backup, new_key_file

pytestmark = pytest.mark.usefixtures("rules_scrubber")

WRITERS = 8
AUTHORS = ["Cora Coach", "Mila Lid", "Nout Lid", "Gijs Gast"]


def _collect(proc, acks: list, index: int) -> None:
    for line in proc.stdout:
        acks.append((index, int(line), time.time()))


@pytest.mark.parametrize("variant", ["default", "alternative", "encrypted"])
def test_backup_during_a_storm_of_eight_writers(backup_workspace, storm_writers, run_cli, tmp_path, variant):
    live, url, (kring, session) = backup_workspace
    sqlite = url.startswith("sqlite")
    alternative = variant == "alternative"
    key = new_key_file(tmp_path / "sleutel.key") if variant == "encrypted" else None
    with_key = ("--key", str(key)) if key else ()
    env = {}
    if alternative:  # SQLite: the online backup API; PostgreSQL: COPY through the driver, no pg_dump
        env = {"LEERKRING_BACKUP_LOCK_LIMIT_MB": "0"} if sqlite else {"LEERKRING_PG_DUMP": "driver"}
    method = {
        (True, False): "sqlite-copy-under-write-lock",
        (True, True): "sqlite-online-backup-api",
        (False, False): "pg_dump",
        (False, True): "postgresql-copy-driver",
    }[(sqlite, alternative)]

    stop = tmp_path / "stop"
    procs = storm_writers(url, session.id, [AUTHORS[i % len(AUTHORS)] for i in range(WRITERS)], stop)
    acks: list[tuple[int, int, float]] = []  # (writer, seq, when we read the acknowledgement)
    readers = [threading.Thread(target=_collect, args=(p, acks, i), daemon=True) for i, p in enumerate(procs)]
    for r in readers:
        r.start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # every writer is saving before the backup starts
        per = defaultdict(int)
        for w, _seq, _t in list(acks):
            per[w] += 1
        if len(per) == WRITERS and min(per.values()) >= 10:
            break
        assert all(p.poll() is None for p in procs), [p.stderr.read() for p in procs if p.poll() is not None]
        time.sleep(0.1)

    archive = tmp_path / ("storm.tar.fernet" if key else "storm.tar")
    started = time.time()
    made = run_cli("--workspace", str(live), "backup", "-o", str(archive), *with_key, env=env, timeout=300)
    finished = time.time()
    time.sleep(1.0)  # and they keep saving after it
    stop.touch()
    for p in procs:
        assert p.wait(timeout=120) == 0, p.stderr.read()
    for r in readers:
        r.join(timeout=30)
    assert made.returncode == 0, made.stderr
    assert made.stderr == ""

    manifest = check_backup(archive, key).manifest if key else manifest_of(archive)
    assert manifest["source"]["method"] == method
    if key and sqlite:  # the plain copy made under the lock is gone from beside the database
        assert not [p.name for p in (live / ".leerkring").iterdir() if p.name.startswith(".leerkring-backup")]
    during = [a for a in acks if started < a[2] < finished]
    assert during, "no save was acknowledged while the backup ran"

    target = tmp_path / "restored"
    restored = run_cli("restore", str(archive), "--to", str(target), *with_key, timeout=600)
    assert restored.returncode == 0, restored.stderr
    db = restored_db(target)

    rows = sqlite_rows(db, "SELECT uid, text, client_key, kind, session_id, kring_id, author_id FROM entry")
    by_writer: dict[int, set[int]] = defaultdict(set)
    for uid, text, client_key, kind, session_id, kring_id, author_id in rows:
        # complete rows only: every field as the writer saved it
        assert (
            len(uid) == 32
            and text == client_key
            and (session_id, kring_id) == (session.id, kring.id)
            and author_id is not None
        )
        writer, seq = text[1:].split("-")
        assert kind == ("actie" if int(seq) % 4 == 3 else "ervaring")
        assert int(seq) not in by_writer[int(writer)], f"{text} twice"
        by_writer[int(writer)].add(int(seq))
    acknowledged: dict[int, set[int]] = defaultdict(set)
    before: dict[int, set[int]] = defaultdict(set)
    for w, seq, when in acks:
        acknowledged[w].add(seq)
        if when < started:
            before[w].add(seq)
    for w in range(WRITERS):
        assert before[w], f"writer {w} saved nothing before the backup"
        missing = before[w] - by_writer[w]
        assert not missing, f"writer {w}: acknowledged before the backup but not restored: {sorted(missing)[:5]}"
        # one point in time: each writer's saves up to some number, no gaps, nothing never acknowledged
        assert by_writer[w] == set(range(len(by_writer[w]))), f"writer {w} has gaps"
        assert by_writer[w] <= acknowledged[w]
    assert sum(len(s) for s in by_writer.values()) < len(acks), "saves after the backup cannot be in it"

    # an action and its entry were saved in one transaction: both or neither
    actions = sqlite_rows(db, "SELECT a.title, e.text FROM action a LEFT JOIN entry e ON e.uid = a.entry_uid")
    assert all(title == text for title, text in actions)
    action_entries = sqlite_rows(
        db,
        "SELECT count(*) FROM entry e WHERE kind = 'actie' AND NOT EXISTS (SELECT 1 FROM action a WHERE a.entry_uid = e.uid)",
    )
    assert action_entries == [(0,)]
    assert len(actions) == sum(1 for s in by_writer.values() for seq in s if seq % 4 == 3)

    # the counts are the manifest's (the restore added one audit record: backup.restore)
    for table, count in manifest["tables"].items():
        (found,) = sqlite_rows(db, f'SELECT count(*) FROM "{table}"')[0]
        assert found == count + (1 if table == "audit_log" else 0), table
    assert manifest["tables"]["entry"] == len(rows)
    assert sqlite_rows(db, "PRAGMA integrity_check") == [("ok",)]
