"""``leerkring dashboard``: serve the read-only management dashboard (Voilà) for this workspace."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser(
        "dashboard",
        help="toon het dashboard voor management (alleen-lezen, via Voilà)",
        description="Start het dashboard voor management. Het toont alleen de samenvattingen voor de "
        "organisatie (summaries/organisatie/) die 'leerkring summarize' heeft gepubliceerd, en draait tot "
        "je Ctrl-C geeft.",
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
    try:
        published = workspace.store.publications()  # read here: the dashboard process gets no database
    finally:
        workspace.close()
    return serve(
        workspace.path,
        published=published,
        port=args.port,
        host=args.host,
        open_browser=args.open_browser,
        announce=lambda line: print(line, flush=True),
    )
