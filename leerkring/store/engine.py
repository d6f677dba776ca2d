"""Engines for SQLite (embedded default) and PostgreSQL, with the settings concurrency needs."""

from __future__ import annotations

import os

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError

from leerkring.errors import DatabaseError

BUSY_TIMEOUT_ENV = "LEERKRING_SQLITE_BUSY_TIMEOUT_MS"
WRITE = "leerkring_write"


def normalise_url(url: str) -> str:
    """Accept plain ``postgresql://`` URLs and use the psycopg 3 driver for them."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"Ongeldige database-URL: {url!r}.") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=4, future=True)
    raise DatabaseError(f"Database '{parsed.get_backend_name()}' wordt niet ondersteund (SQLite of PostgreSQL).")


def _sqlite_engine(url: str) -> Engine:
    # How long a writer waits for another writer's lock before giving up with a clear message.
    busy_ms = int(os.environ.get(BUSY_TIMEOUT_ENV) or 30_000)
    # A small pool: opening a connection costs four PRAGMAs, so saves reuse connections.
    engine = create_engine(
        url, pool_size=2, max_overflow=8, connect_args={"timeout": busy_ms / 1000, "check_same_thread": False}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's BEGIN (below) decide when a transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # Writers take the write lock up front: a deferred transaction that upgrades later
        # fails with SQLITE_BUSY without waiting for the busy timeout.
        if connection.get_execution_options().get(WRITE):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine
