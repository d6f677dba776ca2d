"""leerkring session new|list|close|reopen."""

from __future__ import annotations

from leerkring.cli import clean, date_arg, open_workspace, table

STATUS_LABELS = {"open": "open", "closed": "gesloten"}


def _add_selector(p) -> None:
    p.add_argument("--id", type=int, help="nummer van de sessie (zie 'session list')")
    p.add_argument("--kring")
    p.add_argument("--date", type=date_arg, help="datum JJJJ-MM-DD")
    p.add_argument("--method", help="methode, als er op die datum meer sessies zijn")


def select_session(ws, args):
    from leerkring.errors import UsageError

    if args.id is not None:
        return ws.store.session(args.id)
    if not (args.kring and args.date):
        raise UsageError("Kies een sessie met --id, of met --kring en --date.")
    return ws.store.find_session(args.kring, args.date, args.method)


def register(sub) -> None:
    p = sub.add_parser("session", help="sessies plannen, bekijken, sluiten")
    s = p.add_subparsers(dest="session_command", metavar="ACTIE", required=True)
    new = s.add_parser("new", help="plan een nieuwe sessie en maak het sessienotebook")
    new.add_argument("--kring", required=True)
    new.add_argument("--date", required=True, type=date_arg, help="datum JJJJ-MM-DD")
    new.add_argument("--method", help="intervisiemethode (standaard: teamreflectie)")
    new.add_argument("--title", default="", help="onderwerp van de sessie")
    new.set_defaults(handler=run_new)
    ls = s.add_parser("list", help="toon sessies")
    ls.add_argument("--kring")
    ls.add_argument("--status", choices=sorted(STATUS_LABELS))
    ls.set_defaults(handler=run_list)
    close = s.add_parser("close", help="sluit (archiveer) een sessie")
    _add_selector(close)
    close.add_argument("--by", help="naam van de leercoach die sluit")
    close.set_defaults(handler=run_close)
    reopen = s.add_parser("reopen", help="heropen een gesloten sessie (alleen de leercoach)")
    _add_selector(reopen)
    reopen.add_argument("--by", required=True, help="naam van de leercoach")
    reopen.set_defaults(handler=run_reopen)


def run_new(args) -> int:
    from leerkring.notebooks.lifecycle import plan_session

    with open_workspace(args) as ws:
        session = plan_session(ws, args.kring, args.date, args.method, args.title)
        kring = ws.store.kring(session.kring_id)
        print(
            clean(f"Sessie {session.id} gepland: {kring.name}, {session.date.isoformat()}, methode {session.method}.")
        )
        if session.notebook:
            print(f"Notebook: {ws.path / session.notebook}")
    return 0


def run_list(args) -> int:
    with open_workspace(args) as ws:
        names = {k.id: k.name for k in ws.store.kringen()}
        sessions = ws.store.sessions(args.kring, args.status)
        if not sessions:
            print("Geen sessies gevonden.")
            return 0
        rows = [
            [s.id, names[s.kring_id], s.date.isoformat(), s.method, STATUS_LABELS[s.status], s.title] for s in sessions
        ]
        print(table(rows, ["nr", "kring", "datum", "methode", "status", "titel"]))
    return 0


def run_close(args) -> int:
    """Close (archive) a session. A session dated after today is closed too (a coach may close a
    session planned by mistake), but with a note that says so and how to undo it."""
    import datetime as dt

    from leerkring.notebooks.lifecycle import close_session

    with open_workspace(args) as ws:
        session = close_session(ws, select_session(ws, args).id, by=args.by)
        print(f"Sessie {session.id} ({session.date.isoformat()}) is gesloten.")
        if session.date > dt.date.today():
            print(
                f"Let op: deze sessie staat gepland op {session.date.isoformat()}, na vandaag; er kan nu niets "
                f"meer bij. Was dat niet de bedoeling: leerkring session reopen --id {session.id} --by <leercoach>."
            )
        if session.notebook:
            print(f"Archief: {ws.path / session.notebook}")
    return 0


def run_reopen(args) -> int:
    from leerkring.notebooks.archive import reopen_notebook

    with open_workspace(args) as ws:
        session = ws.store.reopen_session(select_session(ws, args).id, by=args.by)
        reopen_notebook(ws, session)
        print(f"Sessie {session.id} ({session.date.isoformat()}) is weer open.")
    return 0
