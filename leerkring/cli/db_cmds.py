"""leerkring db status|upgrade.

``db upgrade`` runs the Alembic revisions (``alembic upgrade head``, batch mode on SQLite) in one
transaction; a database from before Alembic is stamped at its version first. See
:mod:`leerkring.store.migrations`.
"""

from __future__ import annotations

from leerkring.cli import open_workspace


def register(sub) -> None:
    p = sub.add_parser("db", help="de database: status en upgrade")
    s = p.add_subparsers(dest="db_command", metavar="ACTIE", required=True)
    st = s.add_parser("status", help="schemaversie, revisie en integriteit")
    st.set_defaults(handler=run_status)
    up = s.add_parser("upgrade", help="werk het databaseschema bij naar deze versie van leerkring")
    up.set_defaults(handler=run_upgrade)


def run_status(args) -> int:
    from leerkring.store.core import revision_id
    from leerkring.store.schema import SCHEMA_VERSION

    with open_workspace(args, check_version=False) as ws:
        version = ws.store.schema_version()
        revision = ws.store.revision()
        print(f"schemaversie database: {version}; deze leerkring: {SCHEMA_VERSION}")
        shown = ", ".join(revision) if revision else "geen (van vóór Alembic)"
        print(f"schemarevisie database: {shown}; deze leerkring: {revision_id(SCHEMA_VERSION)}")
        if version is not None and version < SCHEMA_VERSION:
            print("voer 'leerkring db upgrade' uit om de database bij te werken")
        print(f"integriteit: {ws.store.integrity_check()}")
    return 0


def run_upgrade(args) -> int:
    with open_workspace(args, check_version=False) as ws:
        reached = ws.store.upgrade()
        if reached:
            print(f"Database bijgewerkt naar schemaversie {reached[-1]}.")
        else:
            print(f"Database is al bij (schemaversie {ws.store.schema_version()}).")
    return 0
