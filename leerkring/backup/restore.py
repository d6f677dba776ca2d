"""Restore a backup into a NEW workspace folder, verified before it is put in place.

Everything is built in a private staging folder beside the target (``.<name>.herstel-<random>``) and
renamed to the target only at the end; on any error the staging folder is removed, so a refused or
failed restore leaves nothing behind. The order:

1. Unpack and verify the archive (:func:`leerkring.backup.archive.read_archive`: checksums, manifest,
   structure; the key for an encrypted one). Refuse a newer schema or backup format.
2. Read the live workspace's audit log (``--from-workspace``, or the folder the backup came from when
   it is still there) and check that it continues the backup's history (the backup's last audit
   record is in it, unchanged).
3. The database:
   - a SQLite backup: the copied file (and its WAL) go into ``.leerkring/``; the WAL is checkpointed,
     ``PRAGMA integrity_check`` must say ``ok``, and the counts must equal the manifest's;
   - a PostgreSQL backup: into the new workspace's SQLite (default) or an empty PostgreSQL database
     (``database_url``). The schema of the backup's revision is created with Alembic, the rows are
     loaded from the COPY text (``pg_restore --data-only`` of the pg_dump, or the driver's export), and
     the counts are compared before the transaction commits.
4. ``db upgrade`` when the backup's schema is older than this leerkring.
5. Forgets and retention recorded in the live audit log after the backup are applied again, with
   the same person ids and cut-off dates, through the store's own ``forget_person`` and
   ``apply_retention`` (so the outcome is the one ``member forget`` and ``retention apply`` give).
6. The settings (database URL replaced: never the live database), frameworks, templates, the kring
   folders; an audit record ``backup.restore``; then the rename.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from leerkring import config
from leerkring.backup import snapshot
from leerkring.backup.archive import BackupError, read_archive
from leerkring.backup.crypto import Damaged
from leerkring.errors import LeerkringError, NotFound

log = logging.getLogger(__name__)

REAPPLIED = ("member.forget", "retention.apply")


@dataclass
class RestoreResult:
    path: Path
    manifest: dict
    database_url: str
    upgraded_to: list[int] = field(default_factory=list)
    live: Path | None = None
    forgotten_again: int = 0
    forgets_skipped: int = 0
    retention_again: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# -- checks on the manifest -------------------------------------------------------------------------
def check_manifest(manifest: dict, shown: str) -> None:
    """Refuse what this leerkring cannot restore (newer schema, unknown source) with one Dutch line."""
    from leerkring.store.schema import SCHEMA_VERSION

    try:
        version = int(manifest["schema"]["version"])
        kind = manifest["source"]["database"]
        method = manifest["source"]["method"]
        tables = manifest["tables"]
        if not all(isinstance(k, str) and isinstance(v, int) for k, v in tables.items()):
            raise TypeError("tables")
    except (KeyError, TypeError, ValueError, AttributeError):
        raise Damaged(f"{shown} is beschadigd (het manifest mist gegevens).") from None
    if version > SCHEMA_VERSION:
        raise BackupError(
            f"{shown} heeft schemaversie {version}, nieuwer dan deze leerkring (versie {SCHEMA_VERSION}); "
            "werk leerkring bij om hem terug te zetten."
        )
    known = {
        "sqlite": (snapshot.SQLITE_LOCK, snapshot.SQLITE_API),
        "postgresql": (snapshot.PG_DUMP, snapshot.PG_DRIVER),
    }
    if method not in known.get(kind, ()):
        raise BackupError(f"{shown} komt van een onbekende bron ({kind}, {method}); werk leerkring bij.")


# -- SQLite -----------------------------------------------------------------------------------------
def verify_sqlite(db: Path, manifest: dict, shown: str) -> str:
    """Open a restored SQLite file (replaying its WAL into it), check integrity and the counts."""
    try:
        conn = sqlite3.connect(db, isolation_level=None)
        try:
            if conn.execute("PRAGMA journal_mode=WAL").fetchone()[0].lower() == "wal":
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if integrity != "ok":
                raise Damaged(f"{shown} is beschadigd (de database is niet in orde: {integrity}).")
            counts, *_ = snapshot._sqlite_info(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise Damaged(f"{shown} is beschadigd (de database is niet te openen: {exc}).") from None
    _compare_counts(counts, manifest["tables"], shown)
    return integrity


def _compare_counts(found: dict[str, int], expected: dict[str, int], shown: str) -> None:
    if set(found) != set(expected):
        raise Damaged(f"{shown} is beschadigd (de tabellen kloppen niet met het manifest).")
    for table, count in expected.items():
        if found[table] != count:
            raise Damaged(f"{shown} is beschadigd (tabel {table}: {found[table]} rijen, het manifest zegt {count}).")


# -- COPY text (PostgreSQL backups) -----------------------------------------------------------------
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))", re.S)
_SIMPLE = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_HEADER = re.compile(r'^COPY\s+(?:(?:"(?:[^"]|"")+"|[^\s.(]+)\.)?("(?:[^"]|"")+"|[^\s(]+)\s*\((.*)\)\s+FROM stdin;$')


def _unescape_match(m: re.Match) -> str:
    if m.group(1):
        return chr(int(m.group(1), 8))
    if m.group(2):
        return chr(int(m.group(2), 16))
    return _SIMPLE.get(m.group(3), m.group(3))


def copy_fields(line: str) -> list[str | None]:
    """One line of PostgreSQL's COPY text format: tab-separated, ``\\N`` for NULL, backslash escapes."""
    if line.endswith("\n"):
        line = line[:-1]
    return [None if f == "\\N" else (_ESCAPE.sub(_unescape_match, f) if "\\" in f else f) for f in line.split("\t")]


def _identifier(text: str) -> str:
    text = text.strip()
    if text.startswith('"') and text.endswith('"'):
        return text[1:-1].replace('""', '"')
    return text


def _split_columns(text: str) -> list[str]:
    return [_identifier(c) for c in re.findall(r'"(?:[^"]|"")+"|[^,\s][^,]*', text)]


class CopySource:
    """The rows of a PostgreSQL backup, per table, as COPY text lines (bytes, with their newline)."""

    def __init__(self, manifest: dict, unpacked: Path, shown: str):
        self.manifest = manifest
        self.shown = shown
        self.method = manifest["source"]["method"]
        self.dump = unpacked / snapshot.PGDUMP_MEMBER
        self.unpacked = unpacked
        self.pg_restore = None
        if self.method == snapshot.PG_DUMP:
            self.pg_restore = shutil.which("pg_restore")
            if not self.pg_restore:
                raise BackupError(
                    "Deze back-up is gemaakt met pg_dump; installeer pg_restore (Debian: postgresql-client) "
                    "om hem terug te zetten."
                )

    def rows(self, table: str) -> tuple[list[str], Iterator[bytes]]:
        if self.method == snapshot.PG_DRIVER:
            columns = self.manifest.get("columns", {}).get(table)
            if not isinstance(columns, list):
                raise Damaged(f"{self.shown} is beschadigd (geen kolommen voor tabel {table}).")
            part = self.unpacked / "database" / f"{table}.copy"
            if not part.is_file():
                raise Damaged(f"{self.shown} is beschadigd (tabel {table} ontbreekt).")
            return columns, self._file_lines(part)
        return self._pg_restore(table)

    @staticmethod
    def _file_lines(part: Path) -> Iterator[bytes]:
        with open(part, "rb") as f:
            yield from f

    def _pg_restore(self, table: str) -> tuple[list[str], Iterator[bytes]]:
        command = [self.pg_restore, "--data-only", f"--table={table}", "--file=-", str(self.dump)]
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=snapshot.pg_env(None))
        columns = None
        for raw in proc.stdout:
            if raw.startswith(b"COPY "):
                header = _HEADER.match(raw.decode("utf-8").rstrip("\n"))
                if header is None or _identifier(header.group(1)) != table:
                    continue
                columns = _split_columns(header.group(2))
                break
        if columns is None:
            _finish(proc, self.shown)
            return [], iter(())

        def lines() -> Iterator[bytes]:
            for raw in proc.stdout:
                if raw == b"\\.\n":
                    break
                yield raw
            else:
                raise Damaged(f"{self.shown} is beschadigd (de gegevens van tabel {table} houden op).")
            _finish(proc, self.shown)

        return columns, lines()

    def count(self, table: str) -> int:
        _columns, lines = self.rows(table)
        return sum(1 for _ in lines)


def _finish(proc: subprocess.Popen, shown: str) -> None:
    proc.stdout.read()
    err = proc.stderr.read().decode("utf-8", "replace")
    if proc.wait():
        first = (err.strip().splitlines() or ["onbekende fout"])[0]
        raise Damaged(f"{shown} is beschadigd (pg_restore: {first}).")


def _converter(column_type):
    import sqlalchemy as sa

    if isinstance(column_type, sa.Boolean):
        return lambda v: v == "t"
    if isinstance(column_type, sa.DateTime):
        return lambda v: dt.datetime.fromisoformat(v).astimezone(dt.UTC)
    if isinstance(column_type, sa.Date):
        return dt.date.fromisoformat
    if isinstance(column_type, sa.Integer):
        return int
    if isinstance(column_type, sa.JSON):
        return json.loads
    return str


def _load_copy(manifest: dict, unpacked: Path, target_url: str, shown: str) -> None:
    """Create the backup's schema in the empty database at ``target_url`` and load every table from
    the COPY text; the counts must equal the manifest's before the transaction commits."""
    import sqlalchemy as sa

    from leerkring.store import migrations
    from leerkring.store.core import StoreCore, revision_id

    source = CopySource(manifest, unpacked, shown)
    core = StoreCore(target_url, check_version=False)
    try:
        with core.read() as conn:
            existing = sa.inspect(conn).get_table_names()
        if existing:
            raise BackupError(
                f"De doeldatabase is niet leeg ({len(existing)} tabellen); geef een lege database of schema."
            )
        revision = manifest["schema"].get("revision") or revision_id(int(manifest["schema"]["version"]))
        with core.migration_transaction() as conn:
            migrations.upgrade(conn, revision)  # the schema as it was when the backup was made
            meta = sa.MetaData()
            meta.reflect(bind=conn)
            if set(meta.tables) != set(manifest["tables"]):
                raise Damaged(f"{shown} is beschadigd (de tabellen kloppen niet met schemarevisie {revision}).")
            conn.execute(sa.delete(meta.tables["leerkring_meta"]))
            postgres = conn.dialect.name == "postgresql"
            for table in meta.sorted_tables:
                if table.name == "alembic_version":
                    continue
                columns, lines = source.rows(table.name)
                if not columns:
                    continue
                unknown = [c for c in columns if c not in table.c]
                if unknown:
                    raise Damaged(f"{shown} is beschadigd (tabel {table.name} heeft onbekende kolom {unknown[0]}).")
                if postgres:
                    _copy_into_postgres(conn, table.name, columns, lines)
                else:
                    _insert_rows(conn, table, columns, lines, shown)
            found = {
                t: conn.execute(sa.select(sa.func.count()).select_from(meta.tables[t])).scalar() for t in meta.tables
            }
            _compare_counts(found, manifest["tables"], shown)
            if postgres:
                for table in meta.sorted_tables:
                    if "id" in table.c and table.c.id.primary_key and isinstance(table.c.id.type, sa.Integer):
                        conn.exec_driver_sql(
                            f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                            f'COALESCE((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
                        )
    finally:
        core.close()


def _insert_rows(conn, table, columns: list[str], lines: Iterator[bytes], shown: str) -> None:
    converters = [_converter(table.c[c].type) for c in columns]
    batch: list[dict] = []
    for raw in lines:
        values = copy_fields(raw.decode("utf-8"))
        if len(values) != len(columns):
            raise Damaged(f"{shown} is beschadigd (een rij van tabel {table.name} heeft {len(values)} velden).")
        try:
            batch.append({c: None if v is None else f(v) for c, f, v in zip(columns, converters, values)})
        except ValueError as exc:
            raise Damaged(f"{shown} is beschadigd (tabel {table.name}: {exc}).") from None
        if len(batch) >= 5000:
            conn.execute(table.insert(), batch)
            batch = []
    if batch:
        conn.execute(table.insert(), batch)


def _copy_into_postgres(conn, table: str, columns: list[str], lines: Iterator[bytes]) -> None:
    from psycopg import sql

    raw = conn.connection.driver_connection
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )
    with raw.cursor() as cur, cur.copy(statement) as copy:
        buffer: list[bytes] = []
        for line in lines:
            buffer.append(line)
            if len(buffer) >= 2000:
                copy.write(b"".join(buffer))
                buffer = []
        if buffer:
            copy.write(b"".join(buffer))


def _drop_all(url: str) -> None:
    """Undo a load into a PostgreSQL database after a later step failed (best effort, logged)."""
    import sqlalchemy as sa

    from leerkring.store.core import StoreCore

    core = StoreCore(url, check_version=False)
    try:
        with core.write() as conn:
            meta = sa.MetaData()
            meta.reflect(bind=conn)
            meta.drop_all(conn)
    except (LeerkringError, sa.exc.SQLAlchemyError):
        log.warning("could not empty %s after a failed restore", url, exc_info=True)
    finally:
        core.close()


# -- the live workspace's audit log -----------------------------------------------------------------
def _live_events(manifest: dict, live: Path | None, target: Path, result: RestoreResult) -> list[dict]:
    """The forgets and retention runs the live workspace recorded after the backup, oldest first."""
    import sqlalchemy as sa

    from leerkring.store import schema
    from leerkring.store.core import StoreCore
    from leerkring.store.helpers import as_utc

    explicit = live is not None
    source = manifest.get("source", {}).get("workspace")
    candidate = Path(live if explicit else source) if (explicit or source) else None
    created = manifest.get("created_at", "?")
    lost = (
        f"vergeten leden en bewaartermijn van na de back-up ({created}) zijn niet opnieuw toegepast "
        "(zie README, 'Backups')"
    )
    if candidate is None:
        result.warnings.append(f"geen live werkruimte bekend: {lost}.")
        return []
    candidate = candidate.expanduser().absolute()
    if candidate.resolve() == target.resolve():
        raise BackupError(f"{target} is de live werkruimte; zet een back-up terug in een nieuwe map.")
    if not (candidate / config.SETTINGS_FILE).is_file():
        if explicit:
            raise BackupError(f"Geen werkruimte in {candidate} (--from-workspace).")
        result.warnings.append(f"de werkruimte van deze back-up ({candidate}) is er niet meer: {lost}.")
        return []
    last = manifest.get("audit") or {}
    try:
        settings = config.read_settings(candidate)
        live_url = config.database_url(candidate, settings)
        if live_url.startswith("sqlite:///") and not Path(live_url[len("sqlite:///") :]).is_file():
            # (opening it would create an empty database file in the live workspace)
            raise BackupError(f"de database {live_url[len('sqlite:///') :]} bestaat niet")
        core = StoreCore(live_url, check_version=False)
        try:
            with core.read() as conn:
                rows = (
                    conn.execute(
                        sa.select(schema.audit.c.id, schema.audit.c.at, schema.audit.c.action, schema.audit.c.detail)
                        .where(schema.audit.c.id >= int(last.get("id") or 0))
                        .order_by(schema.audit.c.id)
                    )
                    .mappings()
                    .all()
                )
        finally:
            core.close()
    except LeerkringError as exc:
        if explicit:
            raise
        result.warnings.append(f"het auditlog van {candidate} is niet te lezen ({exc.message}): {lost}.")
        return []
    same = (
        rows
        and rows[0]["id"] == last.get("id")
        and snapshot.iso_utc(as_utc(rows[0]["at"])) == last.get("at")
        and rows[0]["action"] == last.get("action")
    )
    if not same:
        if explicit:
            raise BackupError(
                f"De back-up komt niet uit de werkruimte {candidate} (het auditlog loopt niet door); "
                "kies de werkruimte waar hij van gemaakt is."
            )
        result.warnings.append(f"{candidate} is niet de werkruimte waar deze back-up van gemaakt is: {lost}.")
        return []
    result.live = candidate
    return [dict(r) for r in rows[1:] if r["action"] in REAPPLIED]


def _reapply(store, events: list[dict], actor: str, result: RestoreResult) -> None:
    for event in events:
        detail = event["detail"] or {}
        when = snapshot.iso_utc(event["at"])
        if event["action"] == "member.forget":
            person_id = detail.get("person_id")
            try:
                store.person(int(person_id))
            except (NotFound, TypeError, ValueError):
                result.forgets_skipped += 1  # added after the backup: not in it
                continue
            store.forget_person(int(person_id), actor=f"{actor} (herstel; vergeten op {when})")
            result.forgotten_again += 1
        else:
            cutoff = detail.get("cutoff")
            if not cutoff:
                result.warnings.append(f"bewaartermijn van {when} zonder datum in het auditlog; niet toegepast.")
                continue
            store.apply_retention(
                0, cutoff=dt.date.fromisoformat(cutoff), actor=f"{actor} (herstel; bewaartermijn van {when})"
            )
            result.retention_again.append(cutoff)


# -- the workspace ----------------------------------------------------------------------------------
def _settings(unpacked: Path, staging: Path, database_url: str | None) -> dict:
    import tomli_w

    source = unpacked / "workspace" / config.SETTINGS_FILE
    try:
        data = tomllib.loads(source.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        raise Damaged("de back-up bevat geen geldige leerkring.toml.") from None
    data.setdefault("database", {})["url"] = database_url or ""  # never the live database
    target = staging / config.SETTINGS_FILE
    target.write_text("# leerkring workspace settings (teruggezet)\n" + tomli_w.dumps(data), encoding="utf-8")
    config.read_settings(staging)  # valid as leerkring reads it
    return data


def restore_backup(
    archive: Path,
    to: Path,
    *,
    key_file: Path | None = None,
    live: Path | None = None,
    database_url: str | None = None,
    actor: str = "systeem",
) -> RestoreResult:
    """Restore ``archive`` into the new folder ``to``; see the module's docstring."""
    to = Path(os.path.abspath(Path(to).expanduser()))
    archive = Path(os.path.abspath(Path(archive).expanduser()))
    shown = archive.name
    if to.exists() and (not to.is_dir() or any(to.iterdir())):
        raise BackupError(f"{to} bestaat al en is niet leeg; zet een back-up terug in een nieuwe, lege map.")
    if not to.parent.is_dir():
        raise BackupError(f"Map {to.parent} bestaat niet.")
    staging = to.parent / f".{to.name}.herstel-{os.urandom(4).hex()}"
    try:
        staging.mkdir(mode=0o700)
    except OSError as exc:
        raise BackupError(f"Kan niet schrijven in {to.parent}: {exc.strerror}.") from None
    loaded_url = None
    try:
        unpacked = staging / ".backup"
        unpacked.mkdir(mode=0o700)
        manifest = read_archive(archive, unpacked, key_file)
        check_manifest(manifest, shown)
        kind = manifest["source"]["database"]
        if kind == "sqlite" and database_url:
            raise BackupError("Een SQLite-back-up wordt als SQLite teruggezet; laat --database-url weg.")
        result = RestoreResult(to, manifest, database_url or "")
        events = _live_events(manifest, live, to, result)
        _settings(unpacked, staging, database_url)
        for folder in ("frameworks", "templates"):
            if (unpacked / "workspace" / folder).is_dir():
                os.replace(unpacked / "workspace" / folder, staging / folder)
        data_dir = staging / config.DATA_DIR
        data_dir.mkdir(mode=0o700)
        (staging / "summaries").mkdir(mode=0o700)
        db = data_dir / config.DATABASE_FILE
        if kind == "sqlite":
            os.replace(unpacked / snapshot.DB_MEMBER, db)
            wal = unpacked / snapshot.WAL_MEMBER
            if wal.exists():
                os.replace(wal, db.with_name(db.name + "-wal"))
            verify_sqlite(db, manifest, shown)
            url = config.sqlite_url(db)
        else:
            if database_url:
                url = database_url
            else:
                os.close(os.open(db, os.O_WRONLY | os.O_CREAT, 0o600))
                url = config.sqlite_url(db)
            _load_copy(manifest, unpacked, url, shown)
            loaded_url = database_url
        shutil.rmtree(unpacked)
        _finish_database(url, manifest, events, actor, archive, staging, result)
        config.protect(data_dir)
        if to.exists():
            to.rmdir()  # empty (checked above)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)  # the workspace folder as 'leerkring init' makes it
        os.rename(staging, to)
        return result
    except BaseException:
        shutil.rmtree(staging, onerror=_log_rmtree)
        if loaded_url:
            _drop_all(loaded_url)
        raise


def _finish_database(url, manifest, events, actor, archive, staging, result) -> None:
    from leerkring.store import Store
    from leerkring.store.schema import SCHEMA_VERSION

    store = Store(url, check_version=False)
    try:
        if int(manifest["schema"]["version"]) < SCHEMA_VERSION or manifest["schema"].get("revision") is None:
            result.upgraded_to = store.upgrade()
        store.check_version()
        _reapply(store, events, actor, result)
        for kring in store.kringen():
            (staging / kring.slug / "sessions").mkdir(parents=True, exist_ok=True)
        store.audit(
            actor,
            "backup.restore",
            {
                "archive": archive.name,
                "backup_created_at": manifest.get("created_at"),
                "from_workspace": manifest.get("source", {}).get("workspace"),
                "forgotten_again": result.forgotten_again,
                "retention_again": result.retention_again,
                "upgraded_to": result.upgraded_to,
            },
        )
    finally:
        store.close()


def _log_rmtree(function, path, exc_info) -> None:
    log.warning("could not remove %s while cleaning up a failed restore", path, exc_info=exc_info)
