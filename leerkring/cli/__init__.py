"""Command line: a thin layer over the library. Each command group lives in its own module and
registers itself through the ``cli_commands`` hook (:mod:`leerkring.cli.plugin`, where plugins add
theirs); handlers import the library lazily so ``leerkring --help`` starts fast."""

from __future__ import annotations

import argparse
import os
import re
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


# argparse's own messages, in Dutch (Python 3.11 to 3.13 wordings)
_ARGPARSE_NL = (
    (re.compile(r"^argument ([^:]+): "), r"bij \1: "),
    (re.compile(r"invalid choice: (.*?) \(choose from (.*)\)"), r"ongeldige keuze \1 (kies uit \2)"),
    (re.compile(r"the following arguments are required: (.*)"), r"deze opties ontbreken: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"onbekende argumenten: \1"),
    (re.compile(r"expected one argument"), "hier hoort één waarde bij"),
    (re.compile(r"expected at least one argument"), "hier hoort minstens één waarde bij"),
    (re.compile(r"invalid \w+ value: (.*)"), r"ongeldige waarde \1"),
    (re.compile(r"one of the arguments (.*) is required"), r"kies een van \1"),
    (re.compile(r"not allowed with argument (.*)"), r"niet samen met \1"),
    (re.compile(r"ignored explicit argument (.*)"), r"overbodige waarde \1"),
)


def dutch(message: str) -> str:
    """An argparse message in Dutch (our own messages pass unchanged)."""
    for pattern, replacement in _ARGPARSE_NL:
        message = pattern.sub(replacement, message)
    return message


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line and exit code 2, in Dutch
        message = clean(dutch(message))
        self.exit(2, f"{self.prog}: fout in de opdracht: {message}\n(zie '{self.prog} --help')\n")


# -- option types: checked while the command line is read, answered in Dutch -----------------------------
MONTH_NAMES = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def date_arg(text: str) -> str:
    """``--date``: a day as JJJJ-MM-DD that exists (2026-02-30 is not a format error but a day that
    does not exist, and is told so)."""
    import calendar
    import datetime as dt

    value = str(text).strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        raise argparse.ArgumentTypeError(f"Ongeldige datum '{text}': gebruik JJJJ-MM-DD, bijvoorbeeld 2026-11-24.")
    year, month, day = (int(part) for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            why = f"er is geen maand {month}"
        else:
            days = calendar.monthrange(year, month)[1] if year >= 1 else 31
            why = f"{MONTH_NAMES[month - 1]} {year} heeft {days} dagen" if day else "er is geen dag 0"
        raise argparse.ArgumentTypeError(f"Ongeldige datum '{text}': die dag bestaat niet ({why}).") from None
    return value


def role_arg(text: str) -> str:
    """``--role``: leercoach, teamlid, gast, teamleider (or the codes coach, member, guest, manager)."""
    from leerkring.errors import UsageError
    from leerkring.store.people import role_code

    try:
        return role_code(text)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


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
        print(f"fout: {clean(exc.message)}", file=sys.stderr)
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
        first = clean((str(exc).splitlines() or [""])[0][:300])
        print(
            f"fout: onverwachte fout ({type(exc).__name__}: {first}); zet LEERKRING_DEBUG=1 voor details.",
            file=sys.stderr,
        )
        return 1


def open_workspace(args, **kwargs):
    """The workspace named by --workspace, or the one around the current directory.

    A ``--kring`` the workspace does not know is refused here, with the closest names it does know."""
    from leerkring.workspace import Workspace

    ws = Workspace.open(args.workspace, **kwargs)
    kring = getattr(args, "kring", None)
    if isinstance(kring, str) and kring:
        try:
            check_kring(ws, kring)
        except BaseException:
            ws.close()
            raise
    return ws


def check_kring(ws, name: str) -> None:
    """Raise NotFound for an unknown kring, suggesting the closest names (difflib's ratio) or listing them."""
    import difflib

    from leerkring.errors import NotFound

    try:
        ws.store.kring(name)
        return
    except NotFound:
        kringen = ws.store.kringen()
    by_key = {}
    for k in kringen:
        by_key.setdefault(k.name.casefold(), k.name)
        by_key.setdefault(k.slug.casefold(), k.name)
    # the closest names, and any nearly as close (kringen often share "Wijkteam ")
    scores = sorted(
        ((difflib.SequenceMatcher(None, name.casefold(), key).ratio(), key) for key in by_key), reverse=True
    )
    best = scores[0][0] if scores else 0.0
    names = list(dict.fromkeys(by_key[key] for score, key in scores if score >= max(0.5, best - 0.08)))[:3]
    if names:
        hint = " Bedoel je " + " of ".join(f"'{n}'" for n in names) + "?"
    elif kringen:
        shown = [k.name for k in kringen[:8]]
        hint = " Bekende kringen: " + ", ".join(shown) + (", ..." if len(kringen) > 8 else "") + "."
    else:
        hint = " Er is nog geen kring; voeg er een toe met 'leerkring kring add NAAM'."
    raise NotFound(f"Onbekende kring '{name}'.{hint}")


# Control characters (terminal escape sequences: ESC [ 2 J clears the screen), bidirectional overrides
# and other format characters that could disguise or reorder what a user text shows in a terminal.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text, *, one_line: bool = False) -> str:
    """User text made safe to print in a terminal: escape sequences and control characters removed
    (tab and newline kept, or made spaces with ``one_line``). Every table and every line of the CLI
    that shows a user's text goes through here."""
    text = _CONTROL.sub("", _ESCAPES.sub("", str(text)))
    return " ".join(text.split()) if one_line else text


def table(rows: list[list], headers: list[str]) -> str:
    """A plain text table for terminal output (every cell through :func:`clean`, on one line)."""
    cells = [headers] + [["" if c is None else clean(c, one_line=True) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
