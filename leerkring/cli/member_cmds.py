"""leerkring member add|link|list|role|export|forget."""

from __future__ import annotations

from leerkring.cli import clean, open_workspace, role_arg, table

ROLE_LABELS = {"coach": "leercoach", "member": "teamlid", "guest": "gast", "manager": "management"}
ROLE_HELP = "leercoach, teamlid, gast of teamleider (ook: coach, lid, member, guest, management, manager)"


def register(sub) -> None:
    p = sub.add_parser("member", help="leden en hun rol in een kring")
    s = p.add_subparsers(dest="member_command", metavar="ACTIE", required=True)
    add = s.add_parser("add", help="voeg iemand toe aan een kring")
    add.add_argument("name", metavar="NAAM")
    add.add_argument("--kring", required=True)
    add.add_argument("--role", default="member", type=role_arg, metavar="ROL", help=ROLE_HELP + " (standaard: teamlid)")
    add.add_argument(
        "--hub-user",
        "--username",
        dest="username",
        metavar="ACCOUNT",
        help="het account waarmee diegene de leerkring-service gebruikt (JupyterHub- of machine-account)",
    )
    add.set_defaults(handler=run_add)
    link = s.add_parser("link", help="koppel iemand aan een JupyterHub- of machine-account")
    link.add_argument("name", metavar="NAAM")
    link.add_argument("--hub-user", "--username", dest="username", metavar="ACCOUNT", required=True)
    link.set_defaults(handler=run_link)
    ls = s.add_parser("list", help="toon de leden van een kring")
    ls.add_argument("--kring", required=True)
    ls.set_defaults(handler=run_list)
    role = s.add_parser("role", help="wijzig iemands rol in een kring")
    role.add_argument("name", metavar="NAAM")
    role.add_argument("--kring", required=True)
    role.add_argument("--role", required=True, type=role_arg, metavar="ROL", help=ROLE_HELP)
    role.set_defaults(handler=run_role)
    export = s.add_parser("export", help="alles wat iemand bijdroeg, als JSON (inzagerecht)")
    export.add_argument("name", metavar="NAAM")
    export.add_argument("--output", "-o", help="schrijf naar dit bestand in plaats van het scherm")
    export.add_argument("--by", default="leercoach", help="wie de export maakt (voor het auditlog)")
    export.set_defaults(handler=run_export)
    forget = s.add_parser("forget", help="vergeet iemand: persoonlijke bijdragen weg, de rest anoniem")
    forget.add_argument("name", metavar="NAAM")
    forget.add_argument("--yes", action="store_true", help="bevestig; zonder --yes gebeurt er niets")
    forget.add_argument("--by", default="leercoach", help="wie dit uitvoert (voor het auditlog)")
    forget.set_defaults(handler=run_forget)


def run_add(args) -> int:
    with open_workspace(args) as ws:
        member = ws.store.add_member(args.kring, args.name, args.role, args.username)
        kring = ws.store.kring(member.kring_id)
        linked = f" (account '{member.username}')" if member.username else ""
        print(clean(f"{member.name} is nu {ROLE_LABELS[member.role]} in kring '{kring.name}'{linked}."))
    return 0


def run_link(args) -> int:
    with open_workspace(args) as ws:
        person = ws.store.link_account(args.name, args.username)
    print(clean(f"{person.name} is nu gekoppeld aan account '{person.username}'."))
    return 0


def run_list(args) -> int:
    with open_workspace(args) as ws:
        members = ws.store.members(args.kring)
        if not members:
            print("Deze kring heeft nog geen leden.")
        else:
            print(
                table(
                    [[m.name, ROLE_LABELS[m.role], m.username or ""] for m in members],
                    ["naam", "rol", "account"],
                )
            )
    return 0


def run_role(args) -> int:
    with open_workspace(args) as ws:
        member = ws.store.set_role(args.kring, args.name, args.role)
        print(clean(f"{member.name} is nu {ROLE_LABELS[member.role]}."))
    return 0


def run_export(args) -> int:
    import json
    import os
    from pathlib import Path

    with open_workspace(args) as ws:
        data = ws.store.export_person(args.name, actor=args.by)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if args.output:
        target = Path(args.output)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(text + "\n", encoding="utf-8")
        os.replace(tmp, target)
        print(clean(f"{len(data['entries'])} bijdragen van {data['person']['name']} geschreven naar {target}."))
    else:
        print(text)
    return 0


def run_forget(args) -> int:
    with open_workspace(args) as ws:
        person = ws.store.person(args.name)
        if not args.yes:
            print(
                f"Dit verwijdert de persoonlijke bijdragen van {person.name} en maakt de rest anoniem. "
                "Herhaal met --yes om het uit te voeren."
            )
            return 1
        result = ws.store.forget_person(person.id, actor=args.by)
    print(
        f"{person.name} is vergeten: {result['personal_entries_removed']} persoonlijke bijdragen verwijderd, "
        f"{result['entries_anonymised']} bijdragen anoniem gemaakt."
    )
    return 0
