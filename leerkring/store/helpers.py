"""Small helpers shared by the store's modules: time, dates, dialect-neutral inserts, kring filters.

Kept in one place so each rule is written once: everything stored is UTC (SQLite hands datetimes
back naive), dates are ISO (``JJJJ-MM-DD`` in the Dutch message), and a viewer sees the rows of
its own kringen only (the organisation may count across all of them).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import false

from leerkring.errors import UsageError
from leerkring.store.viewer import Viewer


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def parse_date(value: str | dt.date) -> dt.date:
    """A date from ``JJJJ-MM-DD`` (or a date); a user's typing error becomes one Dutch line."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise UsageError(f"Ongeldige datum '{value}': gebruik JJJJ-MM-DD, bijvoorbeeld 2026-11-24.") from None


def insert_ignore(conn, table, **values):
    """INSERT that does nothing when the row exists (both dialects).

    The dialect's module is imported here, not at the top: the connection has loaded it already, and a
    kernel on SQLite should not pay for importing PostgreSQL's (about 50 ms).
    """
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(table).values(**values).on_conflict_do_nothing()
    conn.execute(stmt)


def kring_clause(column, viewer: Viewer):
    """Rows of the viewer's kringen only (``None``: no limit, for the organisation, which may count
    across all kringen)."""
    if viewer.kind == "organisation":
        return None
    if not viewer.kring_ids:
        return false()
    return column.in_(sorted(viewer.kring_ids))
