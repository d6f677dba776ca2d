"""leerkring service start|stop|status: the leerkring service by hand (kernels start it themselves)."""

from __future__ import annotations

from leerkring.service import NAME

ACTIONS = (
    ("start", "start de service (laadt deduce één keer)"),
    ("stop", "stop de service"),
    ("status", "draait de service?"),
)


def register(sub) -> None:
    sc = sub.add_parser("service", help=f"de {NAME}: pseudonimiseren en opslaan voor de notebooks")
    s = sc.add_subparsers(dest="service_command", metavar="ACTIE", required=True)
    for name, help_text in ACTIONS:
        s.add_parser(name, help=help_text).set_defaults(handler=run_service, action=name)
    # the old name, kept for scripts: not listed in --help
    old = sub.add_parser("scrubber")
    s = old.add_subparsers(dest="service_command", metavar="ACTIE", required=True)
    for name, help_text in ACTIONS:
        s.add_parser(name, help=help_text).set_defaults(handler=run_service, action=name, old_name=True)


def run_service(args) -> int:
    import sys

    from leerkring.service import client

    if getattr(args, "old_name", False):
        print(f"Let op: 'leerkring scrubber {args.action}' heet nu 'leerkring service {args.action}'.", file=sys.stderr)

    if args.action == "start":
        status = client.start_service()
        print(f"De {NAME} draait (pid {status.get('pid')}, socket {status.get('socket')}).")
    elif args.action == "stop":
        print(f"De {NAME} is gestopt." if client.stop_service() else f"Er draaide geen {NAME}.")
    else:
        status = client.service_status()
        if status.get("running"):
            print(
                f"De {NAME} draait: pid {status.get('pid')}, {status.get('requests')} verzoeken, "
                f"{status.get('rss_mb')} MB, socket {status.get('socket')}."
            )
        else:
            print(f"De {NAME} draait niet" + (" (wordt gestart)." if status.get("starting") else "."))
            return 1
    return 0
