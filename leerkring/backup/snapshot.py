"""A consistent snapshot of the database, written straight into the archive, while members keep saving.

SQLite, two ways (both give the database exactly as it was at one commit):

- **Copy under the write lock** (databases up to ``LEERKRING_BACKUP_LOCK_LIMIT_MB``, default 256 MB):
  ``BEGIN IMMEDIATE`` takes SQLite's write lock, the counts are read in that transaction, and the
  database file and its WAL are streamed into the archive (hashed on the way) before the lock is
  released. No commit can happen meanwhile, so the pair is one commit's state; a checkpoint that runs
  concurrently only copies WAL frames (which are in the copied WAL too) into the database file, and on
  opening the copy SQLite reads those pages from the WAL. Saves wait (with the store's 30 s busy
  timeout) for as long as the copy takes (about 0.1-0.2 s per 100 MB on the benchmark machine) and
  never fail. This is one pass over the data: a file copy plus its BLAKE3. An encrypted backup
  would hold saves up for the whole encryption (about 20 times as long as the copy), so then the
  files are copied under the lock into a private folder beside the database (where the same bytes
  already lie unencrypted; never beside the archive, which may be on other storage), and added to the
  archive after the lock is released.
- **SQLite's online backup API** (``sqlite3.Connection.backup``, larger databases, or
  ``LEERKRING_BACKUP_LOCK_LIMIT_MB=0``): pages are copied in one step inside a read transaction into a
  temporary file beside the archive, writers are not held up at all (WAL), then the file is added.
  Two passes over the data and SQLite's per-page work: about three times the copy under the lock.

PostgreSQL: a ``REPEATABLE READ READ ONLY`` transaction exports its snapshot (``pg_export_snapshot``),
reads the counts, schema version and last audit record in it, and ``pg_dump --format=custom
--snapshot=...`` dumps the same snapshot while the transaction stays open. Without ``pg_dump`` (or with
``LEERKRING_PG_DUMP=driver``, or a ``pg_dump`` older than the server) every table is exported with
``COPY ... TO STDOUT`` through the driver in that same transaction.

No other SQLite connection of this process may be open on the database while it is copied under the
lock: closing a file descriptor drops every POSIX lock the process holds on the file (the caller,
:func:`leerkring.backup.create_backup`, closes the workspace's pool first).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from leerkring.backup.archive import ArchiveWriter, BackupError
from leerkring.errors import DatabaseError

log = logging.getLogger(__name__)

LOCK_LIMIT_ENV = "LEERKRING_BACKUP_LOCK_LIMIT_MB"
DEFAULT_LOCK_LIMIT_MB = 256
PG_DUMP_ENV = "LEERKRING_PG_DUMP"

SQLITE_LOCK = "sqlite-copy-under-write-lock"
SQLITE_API = "sqlite-online-backup-api"
PG_DUMP = "pg_dump"
PG_DRIVER = "postgresql-copy-driver"

DB_MEMBER = "database/leerkring.db"
WAL_MEMBER = "database/leerkring.db-wal"
PGDUMP_MEMBER = "database/leerkring.pgdump"


@dataclass
class Snapshot:
    kind: str  # "sqlite" or "postgresql"
    method: str
    schema_version: int | None
    revision: str | None
    tables: dict[str, int]
    audit_last: dict | None
    columns: dict[str, list[str]] = field(default_factory=dict)  # PostgreSQL: every table's columns
    writers_waited_s: float = 0.0  # how long saves were held up (copy under the write lock)
    notes: list[str] = field(default_factory=list)


def iso_utc(value) -> str | None:
    """A stored timestamp as ISO 8601 in UTC (SQLite keeps naive UTC text, PostgreSQL timestamptz)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat()


def take(url: str, writer: ArchiveWriter, scratch: Path) -> Snapshot:
    """Write the snapshot of the database at ``url`` into ``writer``; ``scratch / name`` gives a path
    in a private folder on the archive's file system for temporary files."""
    from sqlalchemy.engine import make_url

    from leerkring.store.engine import normalise_url

    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise BackupError("Een database in het geheugen kan niet worden geback-upt.")
        return _sqlite(Path(parsed.database), writer, scratch)
    if parsed.get_backend_name() == "postgresql":
        return _postgresql(parsed, writer, scratch)
    raise BackupError(f"Database '{parsed.get_backend_name()}' wordt niet ondersteund.")


# -- SQLite -----------------------------------------------------------------------------------------
def _lock_limit() -> int:
    raw = os.environ.get(LOCK_LIMIT_ENV, "").strip()
    try:
        return int(float(raw) * 2**20) if raw else DEFAULT_LOCK_LIMIT_MB * 2**20
    except ValueError:
        raise BackupError(f"{LOCK_LIMIT_ENV} moet een getal (MB) zijn, niet {raw!r}.") from None


def _busy_seconds() -> float:
    from leerkring.store.engine import BUSY_TIMEOUT_ENV

    return int(os.environ.get(BUSY_TIMEOUT_ENV) or 30_000) / 1000


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _sqlite_info(conn: sqlite3.Connection) -> tuple[dict[str, int], int | None, str | None, dict | None]:
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    version = revision = audit = None
    if "leerkring_meta" in counts:
        row = conn.execute("SELECT value FROM leerkring_meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row else None
    if "alembic_version" in counts:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        revision = ",".join(r[0] for r in rows) or None
    if "audit_log" in counts:
        row = conn.execute("SELECT id, at, action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        audit = {"id": row[0], "at": iso_utc(row[1]), "action": row[2]} if row else None
    return counts, version, revision, audit


def _sqlite(db: Path, writer: ArchiveWriter, scratch: Path) -> Snapshot:
    if not db.is_file():
        raise BackupError(f"De database {db} bestaat niet.")
    wal = db.with_name(db.name + "-wal")
    if _size(db) + _size(wal) > _lock_limit():
        return _sqlite_backup_api(db, writer, scratch)
    try:
        conn = sqlite3.connect(db, timeout=_busy_seconds(), isolation_level=None)
    except sqlite3.Error as exc:
        raise DatabaseError(f"De database {db} kan niet worden geopend: {exc}.") from None
    files = []
    staged: list[tuple[str, Path]] = []  # encrypted backups: (member, plain copy), added after the lock
    stage = Path(tempfile.mkdtemp(prefix=".leerkring-backup-", dir=db.parent)) if writer.encrypted else None
    try:
        try:
            conn.execute(f"PRAGMA busy_timeout={int(_busy_seconds() * 1000)}")
            conn.execute("BEGIN IMMEDIATE")  # the write lock: no commit until we are done
            locked = time.perf_counter()
            try:
                counts, version, revision, audit = _sqlite_info(conn)
                journal = conn.execute("PRAGMA journal_mode").fetchone()[0].lower()
                # Opened now and closed only after the connection (closing a descriptor drops the
                # process's POSIX locks on the file).
                for member, path in ((DB_MEMBER, db), (WAL_MEMBER, wal)):
                    if member == WAL_MEMBER and (journal != "wal" or not _size(wal)):
                        continue
                    files.append(open(path, "rb", buffering=0))
                    size = os.fstat(files[-1].fileno()).st_size
                    if stage is None:
                        writer.add_stream(member, files[-1], size)
                    else:
                        staged.append((member, _copy_exactly(files[-1], size, stage / path.name)))
            finally:
                conn.execute("ROLLBACK")
                waited = time.perf_counter() - locked
        except sqlite3.Error as exc:
            raise DatabaseError(f"De database kon niet worden gekopieerd: {exc}.") from None
        finally:
            conn.close()
            for f in files:
                f.close()
        if version is None:
            raise BackupError(f"{db} is geen leerkring-database.")
        for member, copy in staged:
            writer.add_file(member, copy)
    finally:
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)
    return Snapshot("sqlite", SQLITE_LOCK, version, revision, counts, audit, writers_waited_s=round(waited, 3))


def _copy_exactly(source, size: int, target: Path) -> Path:
    """``size`` bytes of the open file ``source`` into a new private file (the kernel copies; zeros
    past the end of a file that shrank meanwhile, as :meth:`ArchiveWriter.add_stream` does)."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        done = 0
        while done < size:
            sent = os.sendfile(fd, source.fileno(), done, size - done)
            if not sent:
                break
            done += sent
        os.ftruncate(fd, size)
    finally:
        os.close(fd)
    return target


def _sqlite_backup_api(db: Path, writer: ArchiveWriter, scratch: Path) -> Snapshot:
    copy = scratch / "snapshot.db"
    try:
        source = sqlite3.connect(db, timeout=_busy_seconds())
        try:
            source.execute(f"PRAGMA mmap_size={1 << 31}")  # page reads without a system call each
            target = sqlite3.connect(copy)
            try:
                target.execute("PRAGMA journal_mode=OFF")  # a scratch file: written once, then read
                target.execute("PRAGMA synchronous=OFF")
                target.execute("PRAGMA cache_size=16")
                source.backup(target)  # pages=-1: one step, inside one read transaction
            finally:
                target.close()
        finally:
            source.close()
        check = sqlite3.connect(copy)
        try:
            counts, version, revision, audit = _sqlite_info(check)
        finally:
            check.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"De database kon niet worden gekopieerd: {exc}.") from None
    if version is None:
        raise BackupError(f"{db} is geen leerkring-database.")
    writer.add_file(DB_MEMBER, copy)
    copy.unlink()
    return Snapshot("sqlite", SQLITE_API, version, revision, counts, audit)


# -- PostgreSQL -------------------------------------------------------------------------------------
def libpq(parsed) -> tuple[str, str | None]:
    """A libpq connection URI without the password (which goes into PGPASSWORD, not onto a command
    line other accounts can read), and the password."""
    from sqlalchemy.engine import URL

    plain = URL.create(
        "postgresql",
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )
    return plain.render_as_string(hide_password=False), parsed.password


def pg_dump_program() -> str | None:
    """The pg_dump to use: ``LEERKRING_PG_DUMP`` (a path, or ``driver`` for none), else the one on the
    PATH; None means COPY through the driver."""
    chosen = os.environ.get(PG_DUMP_ENV, "").strip()
    if chosen.lower() == "driver":
        return None
    return chosen or shutil.which("pg_dump")


def pg_env(password: str | None) -> dict:
    env = {**os.environ, "PGTZ": "UTC", "PGCLIENTENCODING": "UTF8"}
    if password:
        env["PGPASSWORD"] = password
    return env


def _postgresql(parsed, writer: ArchiveWriter, scratch: Path) -> Snapshot:
    import psycopg
    from psycopg import sql

    dsn, password = libpq(parsed)
    try:
        conn = psycopg.connect(dsn, password=password, autocommit=False)
    except psycopg.Error as exc:
        raise DatabaseError(f"De database is niet bereikbaar: {str(exc).splitlines()[0]}") from None
    try:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.cursor() as cur:
            cur.execute("SET TIME ZONE 'UTC'")
            snapshot_id = cur.execute("SELECT pg_export_snapshot()").fetchone()[0]
            schema_name = cur.execute("SELECT current_schema()").fetchone()[0]
            rows = cur.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
            ).fetchall()
            base = {
                r[0]
                for r in cur.execute(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                ).fetchall()
            }
            columns: dict[str, list[str]] = {}
            for table, column in rows:
                if table in base:
                    columns.setdefault(table, []).append(column)
            counts = {
                t: cur.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(t))).fetchone()[0]
                for t in sorted(columns)
            }
            if "leerkring_meta" not in counts:
                raise BackupError("De database bevat geen leerkring-schema.")
            row = cur.execute("SELECT value FROM leerkring_meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else None
            revision = None
            if "alembic_version" in counts:
                revision = ",".join(r[0] for r in cur.execute("SELECT version_num FROM alembic_version")) or None
            audit = None
            if "audit_log" in counts:
                row = cur.execute("SELECT id, at, action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
                audit = {"id": row[0], "at": iso_utc(row[1]), "action": row[2]} if row else None
            snapshot = Snapshot("postgresql", PG_DUMP, version, revision, counts, audit, columns=columns)
            pg_dump = pg_dump_program()
            if pg_dump and _pg_dump(pg_dump, dsn, password, snapshot_id, schema_name, writer, scratch, snapshot):
                return snapshot
            snapshot.method = PG_DRIVER
            for table in sorted(columns):
                part = scratch / f"{table}.copy"
                lines = 0
                with open(part, "wb") as out:
                    with cur.copy(sql.SQL("COPY {} TO STDOUT").format(sql.Identifier(table))) as copy:
                        for data in copy:
                            out.write(data)
                            lines += bytes(data).count(b"\n")
                if lines != counts[table]:
                    raise BackupError(f"Tabel {table}: {lines} rijen geëxporteerd, {counts[table]} geteld.")
                writer.add_file(f"database/{table}.copy", part)
                part.unlink()
            return snapshot
    except psycopg.Error as exc:
        raise DatabaseError(f"Databasefout tijdens de back-up: {str(exc).splitlines()[0]}") from None
    finally:
        conn.rollback()
        conn.close()


def _pg_dump(program, dsn, password, snapshot_id, schema_name, writer, scratch, snapshot) -> bool:
    """Dump the exported snapshot with pg_dump; False when this pg_dump cannot talk to the server."""
    target = scratch / "leerkring.pgdump"
    quoted = '"' + schema_name.replace('"', '""') + '"'
    command = [
        program,
        "--format=custom",
        f"--snapshot={snapshot_id}",
        f"--schema={quoted}",
        "--no-owner",
        "--no-privileges",
        f"--file={target}",
        f"--dbname={dsn}",
    ]
    try:
        done = subprocess.run(command, env=pg_env(password), capture_output=True, text=True)
    except OSError as exc:
        snapshot.notes.append(
            f"pg_dump kon niet starten ({exc.strerror}); de tabellen zijn via de driver geëxporteerd."
        )
        return False
    if done.returncode:
        first = (done.stderr.strip().splitlines() or ["onbekende fout"])[0]
        if "version mismatch" in first:
            snapshot.notes.append(f"{first}; de tabellen zijn via de driver geëxporteerd.")
            log.warning("pg_dump refused the server: %s", first)
            return False
        raise BackupError(f"pg_dump gaf een fout: {first}")
    writer.add_file(PGDUMP_MEMBER, target)
    target.unlink()
    return True
