"""leerkring summarize: cross-session summaries for the kring and the organisation."""

from __future__ import annotations

import getpass
import sys

from leerkring.cli import open_workspace


def register(sub) -> None:
    p = sub.add_parser(
        "summarize",
        help="maak samenvattingen over sessies heen (notebook, HTML en JSON)",
        description=(
            "Maakt samenvattingen met de summary-notebook (papermill): per kring voor de kring zelf en voor de "
            "organisatie, en een overzicht van alle kringen samen. Zonder --period: alle sessies tot en met vandaag "
            "(bestandsnaam 'alles'). Bestanden: summaries/<publiek>/<kring>/<periode>.ipynb|.html|.json."
        ),
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument("--kring", metavar="KRING", help="alleen deze kring (naam of slug)")
    which.add_argument("--all", action="store_true", help="alle kringen (standaard), met het organisatie-overzicht")
    p.add_argument(
        "--period",
        metavar="PERIODE",
        default=None,
        help="2026Q4, 2026, 2026-10, 2026-09-01..2026-11-30 of 'alles' (standaard: alles tot vandaag)",
    )
    p.add_argument(
        "--audience",
        choices=("kring", "organisatie", "both"),
        default="both",
        help="voor wie: de kring, de organisatie of beide (standaard: beide)",
    )
    p.add_argument("--by", metavar="NAAM", help="wie publiceert (voor het auditlog; standaard de gebruikersnaam)")
    p.add_argument("--quiet", action="store_true", help="geen voortgang tonen")
    p.set_defaults(handler=run_summarize)


def run_summarize(args) -> int:
    from leerkring.summary.publish import summarize

    try:
        actor = args.by or getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user name in some containers
        actor = "onbekend"
    log = None if args.quiet else (lambda text: print(text, file=sys.stderr))
    with open_workspace(args) as ws:
        outcome = summarize(
            ws,
            None if args.all or not args.kring else args.kring,
            args.period,
            args.audience,
            actor=actor,
            progress=None if not args.quiet else False,
            log=log,
        )
        for path in outcome.rebuilt:
            print(f"Beschadigde samenvatting van een eerdere keer opnieuw gemaakt: {path.relative_to(ws.path)}")
        n = len(outcome.targets)
        print(
            f"{n} samenvatting(en) geschreven voor periode {outcome.period} in "
            f"{ws.summaries_dir.relative_to(ws.path)}/ ({outcome.seconds:.1f} s)."
        )
        if outcome.empty:
            if len(outcome.empty) == n:
                print("Geen sessies in deze periode; de samenvattingen zeggen dat ook.")
            else:
                print(
                    f"Geen sessies in deze periode bij: {', '.join(sorted(set(t.split('/')[1] for t in outcome.empty)))}."
                )
        later = later_sessions(ws, None if args.all or not args.kring else args.kring, args.period)
        if later:
            print(
                f"Niet meegenomen: {len(later)} sessie(s) gepland na vandaag (vanaf {later[0].date.isoformat()}); "
                "'alles' loopt tot en met vandaag. Kies een --period met een latere einddatum om ze mee te nemen."
            )
    return 0


def later_sessions(ws, kring, period) -> list:
    """The sessions a summary of ``period`` leaves out because they lie after today (only 'alles'
    ends today; a quarter, month, year or range includes every session inside it)."""
    import datetime as dt

    from leerkring.summary.period import parse_period

    chosen = parse_period(period)
    if chosen.kind != "all":
        return []
    return ws.store.sessions(kring, start=chosen.end + dt.timedelta(days=1))
