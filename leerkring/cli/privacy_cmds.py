"""leerkring retention apply (the leerkring service has its own module, service_cmds)."""

from __future__ import annotations

from leerkring.cli import open_workspace, table


def register(sub) -> None:
    r = sub.add_parser("retention", help="bewaartermijn: oude reflecties opruimen")
    s = r.add_subparsers(dest="retention_command", metavar="ACTIE", required=True)
    apply = s.add_parser("apply", help="verwijder de tekst van bijdragen ouder dan de bewaartermijn")
    apply.add_argument("--dry-run", action="store_true", help="toon alleen wat er weg zou gaan")
    apply.add_argument("--by", default="leercoach", help="wie dit uitvoert (voor het auditlog)")
    apply.set_defaults(handler=run_retention)


def run_retention(args) -> int:
    with open_workspace(args) as ws:
        months = ws.settings.retention_months
        result = ws.store.apply_retention(months, dry_run=args.dry_run, actor=args.by)
    verb = "zou verwijderen" if args.dry_run else "verwijderd"
    print(f"Bewaartermijn {months} maanden: sessies van voor {result['cutoff']}.")
    if result["entries"]:
        print(table([[k, n] for k, n in sorted(result["entries"].items())], ["principe/soort", "teksten"]))
    print(
        f"Tekst {verb}: {result['entries_total']} bijdragen, {result['evaluation_remarks']} opmerkingen bij "
        f"evaluaties, {result['action_effects']} effecten van acties, {result.get('case_texts', 0)} casusteksten "
        "(de titels blijven). Lessen en tellingen blijven."
    )
    return 0
