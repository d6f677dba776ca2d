"""leerkring member add|list|role."""

from __future__ import annotations

from leerkring.cli import open_workspace, table

ROLE_LABELS = {"coach": "leercoach", "member": "teamlid", "guest": "gast", "manager": "management"}


def register(sub) -> None:
    p = sub.add_parser("member", help="leden en hun rol in een kring")
    s = p.add_subparsers(dest="member_command", metavar="ACTIE", required=True)
    add = s.add_parser("add", help="voeg iemand toe aan een kring")
    add.add_argument("name", metavar="NAAM")
    add.add_argument("--kring", required=True)
    add.add_argument("--role", default="member", choices=sorted(ROLE_LABELS), help="rol (standaard: member)")
    add.add_argument("--username", help="gebruikersnaam, bijv. in JupyterHub")
    add.set_defaults(handler=run_add)
    ls = s.add_parser("list", help="toon de leden van een kring")
    ls.add_argument("--kring", required=True)
    ls.set_defaults(handler=run_list)
    role = s.add_parser("role", help="wijzig iemands rol in een kring")
    role.add_argument("name", metavar="NAAM")
    role.add_argument("--kring", required=True)
    role.add_argument("--role", required=True, choices=sorted(ROLE_LABELS))
    role.set_defaults(handler=run_role)


def run_add(args) -> int:
    with open_workspace(args) as ws:
        member = ws.store.add_member(args.kring, args.name, args.role, args.username)
        kring = ws.store.kring(member.kring_id)
        print(f"{member.name} is nu {ROLE_LABELS[member.role]} in kring '{kring.name}'.")
    return 0


def run_list(args) -> int:
    with open_workspace(args) as ws:
        members = ws.store.members(args.kring)
        if not members:
            print("Deze kring heeft nog geen leden.")
        else:
            print(table([[m.name, ROLE_LABELS[m.role], m.username or ""] for m in members],
                        ["naam", "rol", "gebruikersnaam"]))
    return 0


def run_role(args) -> int:
    with open_workspace(args) as ws:
        member = ws.store.set_role(args.kring, args.name, args.role)
        print(f"{member.name} is nu {ROLE_LABELS[member.role]}.")
    return 0
