"""Schema migrations with Alembic: the environment (``env.py``), the revisions (``versions/``) and the
few calls the store makes (:meth:`~leerkring.store.core.StoreCore.upgrade`, ``create_schema``).

Importing this module imports Alembic (about 100 ms), so only ``leerkring db upgrade``, ``leerkring db
status`` and creating a new database do; opening a store never does. Alembic is configured here in
code: no ``alembic.ini`` is needed at run time.

How the schema version and Alembic's revision relate
----------------------------------------------------
- A revision's id is its schema version as four digits (``revision_id`` in :mod:`leerkring.store.core`):
  ``0001`` is the baseline, the schema of the last release before Alembic (schema version 1);
  ``0002`` adds the index ``ix_audit_action``. The history is one straight line, like the version.
- ``leerkring_meta.schema_version`` stays, and is kept in step with the Alembic revision: every
  applied step (upgrade, downgrade, stamp) sets it to the version of the new head, in the same
  transaction (``on_version_apply`` in ``env.py``). Opening a store reads that row and
  ``alembic_version`` with plain SQL and refuses a database older than the code (until ``db upgrade``),
  newer than the code, or whose revision does not belong to its version.
- A database created by a release before Alembic has no ``alembic_version`` table: ``db upgrade``
  stamps it at the revision of its ``schema_version`` first, then upgrades. A new database is created
  with ``schema.metadata.create_all`` and stamped at the head.
- ``db upgrade`` runs every step in one transaction (PostgreSQL and SQLite both have transactional
  DDL): an upgrade that fails leaves the database as it was. On SQLite, revisions use batch mode
  (``render_as_batch``) and foreign keys are off while they run, so a table that batch mode copies
  and recreates never cascades a delete into the rows that refer to it; ``PRAGMA foreign_key_check``
  runs before the commit.

Writing a revision (for developers; the command line is Alembic's, configured from this package)::

    leerkring init /tmp/ws --name Dev      # a database at the current head
    python -m leerkring.store.migrations -x url=sqlite:////tmp/ws/.leerkring/leerkring.db \\
        revision --autogenerate -m "person hub_user"

The new file in ``versions/`` gets the next schema version as its id. Review it (autogenerate misses
CHECK constraints and data changes), change ``schema.py`` to match and bump ``SCHEMA_VERSION``:
``tests/test_migrations.py`` checks that the head equals ``schema.metadata`` and ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from leerkring.store.core import revision_id, version_of

HERE = Path(__file__).resolve().parent


def config(connection: Connection | None = None, url: str | None = None) -> Config:
    """Alembic's configuration for leerkring, in code. ``connection``: run on it (and its transaction)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    """The newest revision in ``versions/`` (exactly one: the history is linear)."""
    return script_directory().get_current_head()


def next_revision_id() -> str:
    return revision_id(version_of(head()) + 1)


def revisions() -> set[str]:
    """Every revision id in ``versions/``."""
    return {script.revision for script in script_directory().walk_revisions()}


def current(connection: Connection) -> tuple[str, ...]:
    """The revision(s) in the database's ``alembic_version``; empty when it has none."""
    return MigrationContext.configure(connection).get_current_heads()


def upgrade(connection: Connection, revision: str) -> None:
    """``alembic upgrade <revision>`` on ``connection``, inside its transaction."""
    command.upgrade(config(connection), revision)


def stamp(connection: Connection, revision: str) -> None:
    """``alembic stamp <revision>``: record the revision without running it."""
    command.stamp(config(connection), revision)
