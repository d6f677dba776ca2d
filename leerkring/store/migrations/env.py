"""Alembic environment of leerkring's store; see :mod:`leerkring.store.migrations`.

Given a connection (``config.attributes["connection"]``, as ``leerkring db upgrade`` and
``create_schema`` do), the revisions run on it and inside its transaction. Otherwise (Alembic's
command line, ``python -m leerkring.store.migrations``) the database comes from ``-x url=...``, the
configuration's ``sqlalchemy.url`` or ``LEERKRING_DATABASE_URL``, and is opened the way the store
opens it.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy.engine import Connection

from leerkring.store import schema
from leerkring.store.core import StoreCore, version_of

config = context.config


def keep_schema_version(ctx, step, heads, run_args) -> None:
    """After every applied step: ``leerkring_meta.schema_version`` follows the new head revision."""
    if len(heads) != 1:  # back at base (the tables are gone) or branched: nothing to record
        return
    version = version_of(next(iter(heads)))
    ctx.execute(schema.meta.update().where(schema.meta.c.key == "schema_version").values(value=str(version)))


def _options(dialect_name: str) -> dict:
    return {
        "target_metadata": schema.metadata,
        "render_as_batch": dialect_name == "sqlite",  # SQLite alters tables by copying them
        "on_version_apply": [keep_schema_version],
    }


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    url = url or os.environ.get("LEERKRING_DATABASE_URL")
    if not url:
        raise SystemExit("Geef de database met -x url=... of LEERKRING_DATABASE_URL.")
    return url


def run_migrations_offline() -> None:
    from sqlalchemy.engine import make_url

    from leerkring.store.engine import normalise_url

    url = normalise_url(_url())
    context.configure(url=url, literal_binds=True, **_options(make_url(url).get_backend_name()))
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    context.configure(connection=connection, **_options(connection.dialect.name))
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    core = StoreCore(_url(), check_version=False)
    try:
        with core.migration_transaction() as conn:
            _run(conn)
    finally:
        core.close()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
