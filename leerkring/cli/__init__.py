"""Command line: a thin layer over the library. Each command group lives in its own module and
registers itself through the ``cli_commands`` hook (:mod:`leerkring.cli.plugin`, where plugins add
theirs); handlers import the library lazily so ``leerkring --help`` starts fast."""

from __future__ import annotations

import argparse
import os
import sys

# Our command modules, in the order they appear in --help. Each has register(subparsers); see
# leerkring.cli.plugin.
COMMAND_MODULES = (
    "leerkring.cli.workspace_cmds",
    "leerkring.cli.kring_cmds",
    "leerkring.cli.member_cmds",
    "leerkring.cli.session_cmds",
    "leerkring.cli.loop_cmds",
    "leerkring.cli.release_cmds",
    "leerkring.cli.db_cmds",
    "leerkring.cli.backup_cmds",
    "leerkring.cli.demo_cmds",
)
OPTIONAL_MODULES = (
    "leerkring.cli.privacy_cmds",
    "leerkring.cli.service_cmds",
    "leerkring.cli.summary_cmds",
    "leerkring.cli.dashboard_cmds",
    "leerkring.cli.hub_cmds",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line and exit code 2, in Dutch
        self.exit(2, f"{self.prog}: fout in de opdracht: {message}\n(zie '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    from leerkring import __version__

    parser = _Parser(
        prog="leerkring",
        description="leerkring: leerinfrastructuur voor wijkteams (intervisie, actieleren, samenvattingen).",
    )
    parser.add_argument("--version", action="version", version=f"leerkring {__version__}")
    parser.add_argument(
        "-w",
        "--workspace",
        metavar="MAP",
        help="de werkruimte (standaard: de huidige map of een map erboven)",
    )
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=_Parser)
    from leerkring import plugins

    # ours first (leerkring.cli.plugin), then those of installed plugins
    plugins.call("cli_commands", subparsers=sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from leerkring.errors import LeerkringError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        result = args.handler(args)
        return int(result or 0)
    except LeerkringError as exc:
        print(f"fout: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("afgebroken", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # never a traceback to the user
        if os.environ.get("LEERKRING_DEBUG"):
            raise
        import logging

        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        first = (str(exc).splitlines() or [""])[0][:300]
        print(
            f"fout: onverwachte fout ({type(exc).__name__}: {first}); zet LEERKRING_DEBUG=1 voor details.",
            file=sys.stderr,
        )
        return 1


def open_workspace(args, **kwargs):
    """The workspace named by --workspace, or the one around the current directory."""
    from leerkring.workspace import Workspace

    return Workspace.open(args.workspace, **kwargs)


def table(rows: list[list], headers: list[str]) -> str:
    """A plain text table for terminal output."""
    cells = [headers] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
