"""leerkring action list; leerkring signal list|respond (the manager's answer)."""

from __future__ import annotations

from leerkring.cli import open_workspace, table

ACTION_LABELS = {"open": "open", "continued": "loopt door", "done": "klaar", "dropped": "gestopt"}
SIGNAL_LABELS = {"open": "open", "answered": "beantwoord", "closed": "afgesloten"}


def register(sub) -> None:
    a = sub.add_parser("action", help="acties uit het actieleren bekijken")
    s = a.add_subparsers(dest="action_command", metavar="ACTIE", required=True)
    ls = s.add_parser("list", help="toon acties")
    ls.add_argument("--kring")
    ls.add_argument("--open", action="store_true", help="alleen acties die nog lopen")
    ls.set_defaults(handler=run_actions)

    g = sub.add_parser("signal", help="signalen aan het management")
    s = g.add_subparsers(dest="signal_command", metavar="ACTIE", required=True)
    ls = s.add_parser("list", help="toon signalen")
    ls.add_argument("--kring")
    ls.add_argument("--status", choices=sorted(SIGNAL_LABELS))
    ls.set_defaults(handler=run_signals)
    respond = s.add_parser("respond", help="beantwoord een signaal")
    respond.add_argument("id", type=int, metavar="NR")
    respond.add_argument("--by", required=True, help="wie antwoordt")
    respond.add_argument("--text", required=True, help="het antwoord")
    respond.add_argument("--close", action="store_true", help="sluit het signaal ook af")
    respond.set_defaults(handler=run_respond)


def run_actions(args) -> int:
    from leerkring.store.actions import OPEN_STATES
    from leerkring.store.viewer import Viewer

    with open_workspace(args) as ws:
        names = {k.id: k.name for k in ws.store.kringen()}
        viewer = Viewer.kring_summary(names)  # the coach's view: the kringen, no one's personal entries
        actions = ws.store.actions(viewer, args.kring, OPEN_STATES if args.open else None)
        if not actions:
            print("Geen acties gevonden.")
            return 0
        rows = [
            [a.id, names[a.kring_id], a.title[:60], a.owner or "", a.due_date or "", ACTION_LABELS[a.status]]
            for a in actions
        ]
        print(table(rows, ["nr", "kring", "actie", "eigenaar", "afspraak", "status"]))
    return 0


def run_signals(args) -> int:
    with open_workspace(args) as ws:
        names = {k.id: k.name for k in ws.store.kringen()}
        signals = ws.store.signals(args.kring, args.status)
        if not signals:
            print("Geen signalen gevonden.")
            return 0
        rows = [
            [
                s.id,
                names[s.kring_id],
                s.raised_at.date().isoformat(),
                s.title[:60],
                SIGNAL_LABELS[s.status],
                s.answered_at.date().isoformat() if s.answered_at else "",
            ]
            for s in signals
        ]
        print(table(rows, ["nr", "kring", "gemeld", "signaal", "status", "beantwoord"]))
    return 0


def run_respond(args) -> int:
    with open_workspace(args) as ws:
        signal = ws.store.respond_signal(args.id, args.by, args.text, "closed" if args.close else "answered")
        print(f"Signaal {signal.id} is {SIGNAL_LABELS[signal.status]}.")
    return 0
