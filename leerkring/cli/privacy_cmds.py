"""leerkring retention apply; leerkring scrubber start|stop|status."""

from __future__ import annotations

from leerkring.cli import open_workspace, table


def register(sub) -> None:
    r = sub.add_parser("retention", help="bewaartermijn: oude reflecties opruimen")
    s = r.add_subparsers(dest="retention_command", metavar="ACTIE", required=True)
    apply = s.add_parser("apply", help="verwijder de tekst van bijdragen ouder dan de bewaartermijn")
    apply.add_argument("--dry-run", action="store_true", help="toon alleen wat er weg zou gaan")
    apply.add_argument("--by", default="leercoach", help="wie dit uitvoert (voor het auditlog)")
    apply.set_defaults(handler=run_retention)

    sc = sub.add_parser("scrubber", help="de gedeelde pseudonimiseerdienst")
    s = sc.add_subparsers(dest="scrubber_command", metavar="ACTIE", required=True)
    for name, help_text in (("start", "start de dienst (laadt deduce één keer)"), ("stop", "stop de dienst"),
                            ("status", "draait de dienst?")):
        p = s.add_parser(name, help=help_text)
        p.set_defaults(handler=run_scrubber, action=name)


def run_retention(args) -> int:
    with open_workspace(args) as ws:
        months = ws.settings.retention_months
        result = ws.store.apply_retention(months, dry_run=args.dry_run, actor=args.by)
    verb = "zou verwijderen" if args.dry_run else "verwijderd"
    print(f"Bewaartermijn {months} maanden: sessies van voor {result['cutoff']}.")
    if result["entries"]:
        print(table([[k, n] for k, n in sorted(result["entries"].items())], ["principe/soort", "teksten"]))
    print(f"Tekst {verb}: {result['entries_total']} bijdragen, {result['evaluation_remarks']} opmerkingen bij "
          f"evaluaties, {result['action_effects']} effecten van acties. Lessen en tellingen blijven.")
    return 0


def run_scrubber(args) -> int:
    from leerkring.privacy import service

    if args.action == "start":
        status = service.start_service()
        print(f"Pseudonimiseerdienst draait (pid {status.get('pid')}, socket {status.get('socket')}).")
    elif args.action == "stop":
        print("Pseudonimiseerdienst gestopt." if service.stop_service() else "Er draaide geen pseudonimiseerdienst.")
    else:
        status = service.service_status()
        if status.get("running"):
            print(f"Pseudonimiseerdienst draait: pid {status.get('pid')}, {status.get('requests')} verzoeken, "
                  f"{status.get('rss_mb')} MB, socket {status.get('socket')}.")
        else:
            print("Pseudonimiseerdienst draait niet" + (" (wordt gestart)." if status.get("starting") else "."))
            return 1
    return 0
