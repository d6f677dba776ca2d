"""The store's base: engine, transactions, error translation, schema version and upgrades."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from leerkring.errors import DatabaseError
from leerkring.store import schema
from leerkring.store.engine import WRITE, make_engine

# Migrations: from_version -> function(connection) that brings the schema to from_version + 1.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value


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
        if check_version:
            self.check_version()

    # -- transactions ---------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A short write transaction (SQLite: BEGIN IMMEDIATE). Database errors become one line."""
        try:
            with self.engine.connect().execution_options(**{WRITE: True}) as conn:
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
        try:
            with self.engine.connect() as conn:
                if not inspect(conn).has_table(schema.meta.name):
                    return None
                value = conn.execute(
                    select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")
                ).scalar_one_or_none()
        except (OperationalError, DBAPIError) as exc:
            raise DatabaseError(_explain(exc)) from None
        return int(value) if value is not None else None

    def check_version(self) -> None:
        version = self.schema_version()
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

    def create_schema(self) -> None:
        if self.schema_version() is not None:
            raise DatabaseError("Deze database bevat al een leerkring-schema.")
        with self.write() as conn:
            schema.metadata.create_all(conn)
            conn.execute(schema.meta.insert().values(key="schema_version", value=str(schema.SCHEMA_VERSION)))

    def upgrade(self, target: int | None = None) -> list[int]:
        """Apply migrations up to ``target`` (default: this code's version). Returns versions reached."""
        target = schema.SCHEMA_VERSION if target is None else target
        version = self.schema_version()
        if version is None:
            raise DatabaseError("De database is leeg: maak eerst een werkruimte met 'leerkring init'.")
        if version > target:
            raise DatabaseError(
                f"De database heeft schemaversie {version}, nieuwer dan deze leerkring (versie {target})."
            )
        reached = []
        while version < target:
            migration = MIGRATIONS.get(version)
            if migration is None:
                raise DatabaseError(f"Geen upgrade bekend van schemaversie {version}.")
            with self.write() as conn:
                migration(conn)
                conn.execute(
                    schema.meta.update()
                    .where(schema.meta.c.key == "schema_version")
                    .values(value=str(version + 1))
                )
            version += 1
            reached.append(version)
        return reached

    def integrity_check(self) -> str:
        """'ok' when the database is sound (SQLite: PRAGMA integrity_check)."""
        with self.read() as conn:
            if conn.dialect.name == "sqlite":
                return str(conn.execute(text("PRAGMA integrity_check")).scalar())
            conn.execute(text("SELECT 1"))
            return "ok"
