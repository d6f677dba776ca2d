"""``leerkring dashboard``: serve the read-only management dashboard (Voilà) for this workspace."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser(
        "dashboard",
        help="toon het dashboard voor management (alleen-lezen, via Voilà)",
        description="Start het dashboard voor management. Het toont alleen de samenvattingen voor de "
        "organisatie (summaries/organisatie/) en draait tot je Ctrl-C geeft.",
    )
    p.add_argument("--port", type=int, default=8866, help="poort (standaard 8866)")
    p.add_argument(
        "--host", default="127.0.0.1", help="adres om op te luisteren (standaard 127.0.0.1: alleen deze computer)"
    )
    p.add_argument("--open-browser", action="store_true", help="open het dashboard in de browser")
    p.set_defaults(handler=run)


def run(args) -> int:
    from leerkring.cli import open_workspace
    from leerkring.dashboard import serve
    from leerkring.errors import UsageError

    if not 0 < args.port < 65536:
        raise UsageError(f"Ongeldige poort {args.port}; kies een getal van 1 tot 65535.")
    workspace = open_workspace(args)
    summaries = workspace.summaries_dir
    workspace.close()  # the dashboard needs no database
    return serve(
        summaries.parent,
        port=args.port,
        host=args.host,
        open_browser=args.open_browser,
        announce=lambda line: print(line, flush=True),
    )
