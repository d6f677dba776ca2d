"""The store's base: engine, transactions, error translation, schema version and upgrades.

Schema upgrades are Alembic revisions (:mod:`leerkring.store.migrations`, which explains how
``leerkring_meta.schema_version`` and Alembic's ``alembic_version`` relate). This module does not
import Alembic: opening a store checks both with plain SQL; only :meth:`StoreCore.upgrade` and
:meth:`StoreCore.create_schema` load it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext

from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from leerkring.errors import DatabaseError
from leerkring.store import schema
from leerkring.store.engine import WRITE, make_engine
from leerkring.store.helpers import as_utc, utcnow  # noqa: F401  (they lived here; still importable)

# Steps registered in code: from_version -> function(connection) that brings the schema to
# from_version + 1. A step registered here runs instead of the Alembic revision for that version
# (and the database is stamped at that revision). Kept for code and tests written before Alembic;
# every real schema change is an Alembic revision in leerkring/store/migrations/versions/.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {}

VERSION_TABLE = "alembic_version"


def revision_id(version: int) -> str:
    """The Alembic revision id of a schema version: four digits (version 2 is revision ``0002``)."""
    return f"{version:04d}"


def version_of(revision: str) -> int:
    """The schema version of a revision id (``0002`` -> 2); ValueError for an id that is not ours."""
    if not (isinstance(revision, str) and revision.isdigit()):
        raise ValueError(f"not a leerkring revision id: {revision!r}")
    return int(revision)


def _explain(exc: Exception) -> str:
    message = str(getattr(exc, "orig", exc)).lower()
    if "locked" in message or "busy" in message:
        return "De database is bezet door een ander proces; probeer het zo opnieuw."
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return "Het databasebestand is beschadigd of geen leerkring-database."
    if "unable to open" in message or "readonly" in message or "read-only" in message:
        return "Het databasebestand kan niet worden geopend of beschreven."
    if "connection" in message or "could not connect" in message or "does not exist" in message:
        return f"De database is niet bereikbaar: {str(getattr(exc, 'orig', exc)).splitlines()[0]}"
    return f"Databasefout: {str(getattr(exc, 'orig', exc)).splitlines()[0]}"


class StoreCore:
    """Engine, transactions and schema management shared by every part of the store."""

    def __init__(self, url: str, *, check_version: bool = True):
        self.url = url
        self.engine = make_engine(url)
        # SQLite has one writer at a time. Threads of this process queue for it here, and the next
        # one starts the moment the lock is free; SQLite's busy handler, which other processes still
        # meet, polls with sleeps that grow to 100 ms. Reentrant, so a nested write behaves as before.
        self._write_turn = threading.RLock() if self.engine.dialect.name == "sqlite" else nullcontext()
        if check_version:
            self.check_version()

    # -- transactions ---------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A short write transaction (SQLite: BEGIN IMMEDIATE). Database errors become one line."""
        try:
            with self._write_turn, self.engine.connect().execution_options(**{WRITE: True}) as conn:
                with conn.begin():
                    yield conn
        except IntegrityError:
            raise
        except (OperationalError, DBAPIError) as exc:
            raise DatabaseError(_explain(exc)) from None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                with conn.begin():
                    yield conn
        except (OperationalError, DBAPIError) as exc:
            raise DatabaseError(_explain(exc)) from None

    def close(self) -> None:
        self.engine.dispose()

    # -- schema ---------------------------------------------------------------------------------
    def schema_version(self) -> int | None:
        """The database's schema version, or None for an empty database."""
        return self._versions()[0]

    def revision(self) -> tuple[str, ...] | None:
        """The Alembic revision(s) in the database; None when it has no ``alembic_version`` table."""
        return self._versions()[1]

    def _versions(self) -> tuple[int | None, tuple[str, ...] | None]:
        """(``leerkring_meta.schema_version``, ``alembic_version`` rows) by plain SQL, without Alembic."""
        try:
            with self.engine.connect() as conn:
                inspector = inspect(conn)
                if not inspector.has_table(schema.meta.name):
                    return None, None
                value = conn.execute(
                    select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
                ).scalar_one_or_none()
                revisions = None
                if inspector.has_table(VERSION_TABLE):
                    revisions = tuple(conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())
        except (OperationalError, DBAPIError) as exc:
            raise DatabaseError(_explain(exc)) from None
        return (int(value) if value is not None else None), revisions

    def check_version(self) -> None:
        version, revisions = self._versions()
        if version is None:
            raise DatabaseError("De database is leeg: maak eerst een werkruimte met 'leerkring init'.")
        if version > schema.SCHEMA_VERSION:
            raise DatabaseError(
                f"De database heeft schemaversie {version}, nieuwer dan deze leerkring "
                f"(versie {schema.SCHEMA_VERSION}); werk leerkring bij."
            )
        if version < schema.SCHEMA_VERSION:
            raise DatabaseError(
                f"De database heeft schemaversie {version}; voer 'leerkring db upgrade' uit "
                f"(naar versie {schema.SCHEMA_VERSION})."
            )
        # A database from before Alembic has no revision yet; 'db upgrade' stamps it.
        if revisions is not None and revisions != (revision_id(version),):
            raise DatabaseError(_revision_mismatch(revisions, version))

    def create_schema(self) -> None:
        """Create every table in an empty database and stamp it at the head revision (loads Alembic)."""
        if self.schema_version() is not None:
            raise DatabaseError("Deze database bevat al een leerkring-schema.")
        from leerkring.store import migrations

        with self.write() as conn:
            schema.metadata.create_all(conn)
            conn.execute(schema.meta.insert().values(key="schema_version", value=str(schema.SCHEMA_VERSION)))
            migrations.stamp(conn, revision_id(schema.SCHEMA_VERSION))

    @contextmanager
    def migration_transaction(self) -> Iterator[Connection]:
        """One write transaction for a whole upgrade. On SQLite, foreign keys are off while it runs
        (batch mode copies and recreates tables; with them on, dropping the old table would cascade
        into the rows that refer to it) and ``PRAGMA foreign_key_check`` must pass before the commit.
        """
        try:
            with self.engine.connect() as conn:
                sqlite = conn.dialect.name == "sqlite"
                if sqlite:  # a PRAGMA that only works outside a transaction: on the driver's connection
                    conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
                try:
                    conn.execution_options(**{WRITE: True})
                    with conn.begin():
                        yield conn
                        if sqlite:
                            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                            if broken:
                                raise DatabaseError(
                                    f"De upgrade is teruggedraaid: {len(broken)} verwijzing(en) kloppen niet "
                                    f"meer (eerste in tabel {broken[0][0]})."
                                )
                finally:
                    if sqlite and not conn.invalidated:
                        conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
        except (OperationalError, DBAPIError) as exc:
            raise DatabaseError(_explain(exc)) from None

    def upgrade(self, target: int | None = None) -> list[int]:
        """Bring the schema to ``target`` (default: this code's version) with the Alembic revisions, in
        one transaction. Returns the versions reached. Loads Alembic."""
        target = schema.SCHEMA_VERSION if target is None else target
        version, revisions = self._versions()
        if version is None:
            raise DatabaseError("De database is leeg: maak eerst een werkruimte met 'leerkring init'.")
        if version > target:
            raise DatabaseError(
                f"De database heeft schemaversie {version}, nieuwer dan deze leerkring (versie {target})."
            )
        if version == target and revisions == (revision_id(target),):
            return []  # up to date: no need to load Alembic
        from alembic.util import CommandError

        from leerkring.store import migrations

        known = migrations.revisions()
        if revisions is not None and not set(revisions) <= known:
            raise DatabaseError(_revision_mismatch(revisions, version))
        reached = []
        try:
            with self.migration_transaction() as conn:
                if revisions is None:  # written by a release before Alembic: it is at its version
                    migrations.stamp(conn, revision_id(version))
                while version < target:
                    step = MIGRATIONS.get(version)
                    if step is not None:
                        step(conn)
                        migrations.stamp(conn, revision_id(version + 1))
                    elif revision_id(version + 1) in known:
                        migrations.upgrade(conn, revision_id(version + 1))
                    else:
                        raise DatabaseError(f"Geen upgrade bekend van schemaversie {version}.")
                    version += 1
                    conn.execute(
                        schema.meta.update().where(schema.meta.c.key == "schema_version").values(value=str(version))
                    )
                    reached.append(version)
                if migrations.current(conn) != (revision_id(version),):
                    # schema_version was already there but the revision lags: run what is missing
                    migrations.upgrade(conn, revision_id(version))
        except CommandError as exc:
            raise DatabaseError(f"De upgrade is teruggedraaid: {str(exc).splitlines()[0]}") from None
        return reached

    def integrity_check(self) -> str:
        """'ok' when the database is sound (SQLite: PRAGMA integrity_check)."""
        with self.read() as conn:
            if conn.dialect.name == "sqlite":
                return str(conn.execute(text("PRAGMA integrity_check")).scalar())
            conn.execute(text("SELECT 1"))
            return "ok"


def _revision_mismatch(revisions: tuple[str, ...], version: int) -> str:
    shown = ", ".join(revisions) or "geen"
    newer = [r for r in revisions if r.isdigit() and int(r) > schema.SCHEMA_VERSION]
    if newer:
        return (
            f"De database heeft schemarevisie {shown}, nieuwer dan deze leerkring "
            f"(revisie {revision_id(schema.SCHEMA_VERSION)}); werk leerkring bij."
        )
    return (
        f"De database heeft schemarevisie {shown}, die niet past bij schemaversie {version} "
        f"van deze leerkring; werk leerkring bij of laat de database nakijken."
    )
