"""The store: SQLite by default, PostgreSQL given a URL. The one place that reads and writes data.

Every free text is scrubbed (pseudonymised) before it is stored, and every query that returns text
takes a :class:`~leerkring.store.viewer.Viewer` and returns only what that viewer may see.

Two ways in, one behaviour:

- :class:`Store` (:mod:`.database`) talks to the database through SQLAlchemy. The CLI, summaries and
  the shared service use it.
- :class:`~leerkring.store.remote.RemoteStore` forwards the calls a session notebook needs to the
  shared service (:mod:`.gateway`), so a member's kernel loads neither SQLAlchemy nor deduce.

Importing this package is cheap: ``Store`` and SQLAlchemy load on first use of the name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from leerkring.store.viewer import Viewer

if TYPE_CHECKING:
    from leerkring.store.database import Scrubber, Store

__all__ = ["Store", "Viewer", "Scrubber"]


def __getattr__(name: str) -> Any:
    if name in ("Store", "Scrubber"):
        from leerkring.store import database

        return getattr(database, name)
    raise AttributeError(f"module 'leerkring.store' has no attribute {name!r}")
