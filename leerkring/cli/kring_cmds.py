"""leerkring kring add|list."""

from __future__ import annotations

from leerkring.cli import clean, open_workspace, table


def register(sub) -> None:
    p = sub.add_parser("kring", help="kringen toevoegen en bekijken")
    s = p.add_subparsers(dest="kring_command", metavar="ACTIE", required=True)
    add = s.add_parser("add", help="voeg een kring toe")
    add.add_argument("name", metavar="NAAM")
    add.add_argument("--description", default="", help="korte omschrijving")
    add.set_defaults(handler=run_add)
    ls = s.add_parser("list", help="toon de kringen")
    ls.set_defaults(handler=run_list)


def run_add(args) -> int:
    with open_workspace(args) as ws:
        kring = ws.add_kring(args.name, args.description)
        print(clean(f"Kring '{kring.name}' toegevoegd (map {kring.slug}/)."))
    return 0


def run_list(args) -> int:
    with open_workspace(args) as ws:
        rows = []
        for k in ws.store.kringen():
            members = ws.store.members(k.id)
            sessions = ws.store.sessions(k.id)
            rows.append([k.name, k.slug, len(members), len(sessions)])
        if not rows:
            print("Nog geen kringen. Voeg er een toe met 'leerkring kring add NAAM'.")
        else:
            print(table(rows, ["kring", "map", "leden", "sessies"]))
    return 0
