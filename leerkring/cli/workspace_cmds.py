"""leerkring init."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("init", help="maak een nieuwe werkruimte", description="Maak een nieuwe werkruimte.")
    p.add_argument("dir", nargs="?", default=".", metavar="MAP", help="map van de werkruimte (standaard: hier)")
    p.add_argument("--name", required=True, help='naam van de organisatie, bijv. "Wijkteams Dordrecht"')
    p.add_argument("--database-url", help="PostgreSQL-URL in plaats van de ingebouwde SQLite-database")
    p.set_defaults(handler=run_init)


def run_init(args) -> int:
    from leerkring.workspace import Workspace

    ws = Workspace.init(args.dir, args.name, database_url=args.database_url)
    print(f"Werkruimte '{ws.settings.name}' gemaakt in {ws.path}")
    ws.close()
    return 0
