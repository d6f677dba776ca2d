"""Benchmark: `leerkring backup` of the 5,000-session history against its anchors, in one run.

Builds the summary benchmark's synthetic workspace (``bench_summary.build``: 5,000 sessions, 250,000
entries, 20 kringen) on SQLite and, when a PostgreSQL URL is given (``LEERKRING_BENCH_DATABASE_URL``
or ``LEERKRING_TEST_DATABASE_URL``), copies the same rows into a fresh PostgreSQL schema. Then, in
this process and alternating ours and the anchor (``--repeat`` rounds; medians reported, minima too):

  SQLite      ours:   leerkring.backup.create_backup (snapshot, BLAKE3 of every member, tar, fsync)
              anchor: a plain file copy of the database (shutil.copyfile: sendfile, no fsync)
  PostgreSQL  ours:   create_backup (pg_dump on an exported snapshot, counts in it, BLAKE3, tar)
              anchor: bare `pg_dump --format=custom` of the same schema

Every run starts and ends with everything flushed to disk (``os.sync``, not timed), so the plain
copy's deferred write-back is not charged to the next measurement; the file written is removed
outside the timing. Goal: ours <= 2 x anchor for both. Printed for context: the hash of the database
file alone (BLAKE3, which the backup uses, and SHA-256, which it used before), SQLite's online backup API path
(LEERKRING_BACKUP_LOCK_LIMIT_MB=0), the encrypted backup, PostgreSQL through the driver, and the whole
`leerkring backup` command as a process.

    .venv/bin/python benchmarks/bench_backup.py [--sessions 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import header  # noqa: E402
from bench_summary import build  # noqa: E402

GOAL = 2.0


def timed(function) -> float:
    """Wall time of ``function()``. The file it wrote is removed afterwards and everything is flushed
    to disk before and after, outside the timing: the plain copy does not wait for the disk, and its
    write-back must not be charged to the next measurement (nor ours to the copy)."""
    os.sync()
    start = time.perf_counter()
    written = function()
    elapsed = time.perf_counter() - start
    if written is not None:
        Path(written).unlink()
    os.sync()
    return elapsed


WAITED: dict[str, list[float]] = {"plain": [], "encrypted": []}  # how long saves were held up (SQLite)


def ours(ws, out: Path, key: Path | None = None) -> Path:
    from leerkring.backup import create_backup

    result = create_backup(ws, out, key)
    if result.manifest["source"]["method"] == "sqlite-copy-under-write-lock":
        WAITED["encrypted" if key else "plain"].append(result.manifest["writers_waited_s"])
    return result.path


def rounds(pairs: dict, repeat: int) -> dict[str, list[float]]:
    """Run every named measurement once per round, in order, ``repeat`` rounds."""
    times: dict[str, list[float]] = {name: [] for name in pairs}
    for _ in range(repeat):
        for name, function in pairs.items():
            times[name].append(timed(function))
    return times


def report(label: str, times: dict[str, list[float]], mine: str, anchor: str) -> dict:
    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = med[mine] / med[anchor]
    print(
        f"{label}: ours {med[mine]:.3f} s (min {min(times[mine]):.3f}), anchor {med[anchor]:.3f} s "
        f"(min {min(times[anchor]):.3f}), ratio {ratio:.2f} x (goal <= {GOAL})"
    )
    for name, value in med.items():
        if name not in (mine, anchor):
            print(f"   context: {name} {value:.3f} s ({value / med[anchor]:.2f} x the anchor)")
    return {"ours_s": round(med[mine], 3), "anchor_s": round(med[anchor], 3), "ratio": round(ratio, 2)} | {
        f"{k}_s": round(v, 3) for k, v in med.items() if k not in (mine, anchor)
    }


def copy_into_postgres(sqlite_ws: Path, pg_url: str, target: Path):
    """The same rows in a PostgreSQL workspace (bulk copy of every data table)."""
    import sqlalchemy as sa

    from leerkring.store import schema
    from leerkring.store.engine import make_engine
    from leerkring.workspace import Workspace

    ws = Workspace.init(target, "Gemeente Benchmark", database_url=pg_url, scrubber=None)
    source = make_engine(f"sqlite:///{sqlite_ws / '.leerkring' / 'leerkring.db'}")
    skip = {"leerkring_meta", "alembic_version", "audit_log"}
    with source.connect() as src, ws.store.write() as dst:
        for table in schema.metadata.sorted_tables:
            if table.name in skip:
                continue
            batch = []
            for row in src.execute(sa.select(table)).mappings():
                batch.append(dict(row))
                if len(batch) == 20_000:
                    dst.execute(table.insert(), batch)
                    batch = []
            if batch:
                dst.execute(table.insert(), batch)
            if "id" in table.c:
                dst.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                    f'COALESCE((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
                )
    source.dispose()
    ws.close()
    return Workspace.open(target, scrubber=None)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("LEERKRING_SCRUBBER", "rules")
    header("bench_backup: leerkring backup vs a plain file copy (SQLite) and bare pg_dump (PostgreSQL)")
    from leerkring.backup import new_key_file
    from leerkring.backup.snapshot import LOCK_LIMIT_ENV, libpq, pg_env
    from leerkring.workspace import Workspace

    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        tmp = Path(tmp)
        info = build(tmp / "ws", args.sessions)
        print(
            f"history: {info['sessions']} sessions, {info['entries']} entries, {info['kringen']} kringen "
            f"(built in {info['build_s']:.1f} s)"
        )
        ws = Workspace.open(tmp / "ws", scrubber=None)
        db = tmp / "ws" / ".leerkring" / "leerkring.db"
        print(f"SQLite database: {db.stat().st_size / 1e6:.1f} MB")
        key = new_key_file(tmp / "bench.key")
        out = tmp / "out"
        out.mkdir()

        def api():
            os.environ[LOCK_LIMIT_ENV] = "0"
            try:
                return ours(ws, out / "api.tar")
            finally:
                del os.environ[LOCK_LIMIT_ENV]

        def cli():
            subprocess.run(
                [sys.executable, "-m", "leerkring", "--workspace", str(ws.path), "backup", "-o", str(out / "cli.tar")],
                check=True,
                capture_output=True,
            )
            return out / "cli.tar"

        def sha256_alone():
            import hashlib

            with open(db, "rb") as f:
                hashlib.file_digest(f, "sha256")

        def blake3_alone():
            from blake3 import blake3

            digest = blake3()
            with open(db, "rb", buffering=0) as f:
                while chunk := f.read(1 << 20):
                    digest.update(chunk)

        times = rounds(
            {
                "anchor": lambda: shutil.copyfile(db, out / "copy.db"),
                "BLAKE3 of the database file alone": blake3_alone,
                "SHA-256 of the database file alone": sha256_alone,
                "ours": lambda: ours(ws, out / "ours.tar"),
                "online backup API": api,
                "encrypted": lambda: ours(ws, out / "enc.tar.fernet", key),
                "leerkring backup (process)": cli,
            },
            args.repeat,
        )
        results["sqlite"] = report("SQLite", times, "ours", "anchor")
        for kind, waits in WAITED.items():
            waited = statistics.median(waits)
            print(
                f"   saves held up by the copy under the write lock ({kind}): median {waited:.3f} s, max {max(waits):.3f} s"
            )
            results["sqlite"][f"writers_waited_{kind}_s"] = round(waited, 3)
        ws.close()

        pg_url = os.environ.get("LEERKRING_BENCH_DATABASE_URL") or os.environ.get("LEERKRING_TEST_DATABASE_URL")
        pg_dump = shutil.which("pg_dump")
        if pg_url and pg_dump:
            import sqlalchemy as sa
            from sqlalchemy.engine import make_url

            from leerkring.store.engine import normalise_url

            name = "bench_" + uuid.uuid4().hex[:10]
            admin = sa.create_engine(normalise_url(pg_url), isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(sa.text(f'CREATE SCHEMA "{name}"'))
            try:
                url = f"{pg_url}{'&' if '?' in pg_url else '?'}options=-csearch_path%3D{name}"
                started = time.perf_counter()
                pws = copy_into_postgres(tmp / "ws", url, tmp / "pg")
                print(f"PostgreSQL copy of the history built in {time.perf_counter() - started:.1f} s")
                dsn, password = libpq(make_url(normalise_url(url)))
                bare = [
                    pg_dump,
                    "--format=custom",
                    f'--schema="{name}"',
                    f"--file={out / 'bare.pgdump'}",
                    f"--dbname={dsn}",
                ]

                def anchor():
                    subprocess.run(bare, check=True, env=pg_env(password), capture_output=True)
                    return out / "bare.pgdump"

                def driver():
                    os.environ["LEERKRING_PG_DUMP"] = "driver"
                    try:
                        return ours(pws, out / "driver.tar")
                    finally:
                        del os.environ["LEERKRING_PG_DUMP"]

                times = rounds(
                    {"anchor": anchor, "ours": lambda: ours(pws, out / "pg.tar"), "COPY through the driver": driver},
                    max(3, args.repeat // 2),
                )
                results["postgresql"] = report("PostgreSQL", times, "ours", "anchor")
                pws.close()
            finally:
                with admin.connect() as conn:
                    conn.execute(sa.text(f'DROP SCHEMA "{name}" CASCADE'))
                admin.dispose()
        else:
            print("PostgreSQL: skipped (set LEERKRING_BENCH_DATABASE_URL and install pg_dump)")
    met = all(r["ratio"] <= GOAL for r in results.values())
    print(json.dumps({"history": info, "results": results, "goal_ratio_max": GOAL, "met": met}, indent=1))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
