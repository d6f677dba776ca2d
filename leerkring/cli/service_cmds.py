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

    identity, workspace = _identity_of_workspace(args)  # a peer workspace names its shared socket
    if args.action == "start":
        status = client.start_service(identity=identity, workspace=workspace)
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


def _identity_of_workspace(args) -> tuple[str, object]:
    """``[service] identity`` of the workspace the command runs in (and that workspace, which a shared
    service is bound to); ``("local", None)`` outside a workspace. A ``peer`` service listens on the
    workspace's shared socket (``[service] socket``) and runs as ``[service] user``, unless
    LEERKRING_SERVICE_SOCKET and LEERKRING_SERVICE_USER say otherwise."""
    import os
    from pathlib import Path

    from leerkring import config
    from leerkring.errors import LeerkringError
    from leerkring.service import paths

    try:
        root = config.find_workspace(Path(args.workspace) if getattr(args, "workspace", None) else None)
    except LeerkringError:  # not in a workspace: the single-account service every kernel starts
        return "local", None
    settings = config.read_settings(root)
    if settings.service_identity == "local":
        return "local", None
    os.environ.setdefault(paths.SOCKET_ENV, settings.peer_socket())
    os.environ.setdefault(paths.USER_ENV, settings.peer_user())
    return settings.service_identity, root
