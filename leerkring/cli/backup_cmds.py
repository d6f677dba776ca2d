"""leerkring backup [-o FILE] [--key KEYFILE] | backup --check FILE | backup key -o KEYFILE;
leerkring restore FILE --to DIR. The work is in :mod:`leerkring.backup`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from leerkring.cli import open_workspace


def register(sub) -> None:
    p = sub.add_parser(
        "backup",
        help="maak of controleer een back-up (database, instellingen, kaders, sjablonen)",
        description="Maak een back-up van de werkruimte terwijl leden blijven opslaan, of controleer er een.",
    )
    p.add_argument(
        "-o", "--output", metavar="BESTAND", help="waar de back-up komt (standaard backups/leerkring-<datum>.tar)"
    )
    p.add_argument("--key", metavar="SLEUTELBESTAND", help="versleutel (of open) de back-up met dit sleutelbestand")
    p.add_argument("--check", metavar="BESTAND", help="controleer een back-up zonder hem terug te zetten")
    p.add_argument("--by", default="systeem", help="wie dit uitvoert (voor het auditlog)")
    p.set_defaults(handler=run_backup)
    s = p.add_subparsers(dest="backup_command", metavar="ACTIE")
    k = s.add_parser("key", help="maak een nieuw sleutelbestand (alleen voor jou leesbaar)")
    k.add_argument("-o", "--output", metavar="SLEUTELBESTAND", required=True, help="het nieuwe sleutelbestand")
    k.set_defaults(handler=run_key)

    r = sub.add_parser(
        "restore",
        help="zet een back-up terug in een nieuwe werkruimte",
        description=(
            "Zet een back-up terug in een NIEUWE map, na controle. Vergeten leden en bewaartermijn die de "
            "live werkruimte na de back-up vastlegde, worden opnieuw toegepast."
        ),
    )
    r.add_argument("file", metavar="BESTAND", help="de back-up")
    r.add_argument("--to", required=True, metavar="MAP", help="de nieuwe werkruimte (bestaat niet of is leeg)")
    r.add_argument("--key", metavar="SLEUTELBESTAND", help="het sleutelbestand van een versleutelde back-up")
    r.add_argument(
        "--from-workspace",
        metavar="LIVE",
        help="de live werkruimte waarvan het auditlog wordt gevolgd (standaard: waar de back-up van gemaakt is)",
    )
    r.add_argument(
        "--database-url",
        metavar="URL",
        help="een PostgreSQL-back-up in deze lege PostgreSQL-database terugzetten (standaard: SQLite in MAP)",
    )
    r.add_argument("--by", default="systeem", help="wie dit uitvoert (voor het auditlog)")
    r.set_defaults(handler=run_restore)


def _path(value: str | None) -> Path | None:
    return Path(value).expanduser() if value else None


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB".replace(".", ",")


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def run_backup(args) -> int:
    from leerkring.backup import check_backup, create_backup
    from leerkring.errors import LeerkringError

    if args.check:
        if args.output:
            from leerkring.errors import UsageError

            raise UsageError("--check en -o gaan niet samen: --check schrijft niets.")
        result = check_backup(Path(args.check), _path(args.key))
        manifest = result.manifest
        print(f"Back-up in orde: {args.check}")
        print(f"  {_describe(manifest)}")
        for line in result.verified:
            print(f"  gecontroleerd: {line}")
        for line in result.notes:
            print(f"  let op: {line}")
        return 0
    with open_workspace(args, check_version=False) as ws:
        result = create_backup(ws, _path(args.output), _path(args.key), actor=args.by)
        manifest = result.manifest
        try:
            ws.store.audit(
                args.by,
                "backup.create",
                {"file": result.path.name, "encrypted": bool(args.key), "created_at": manifest["created_at"]},
            )
        except LeerkringError as exc:  # the backup itself is complete: say so, and why the log is not
            print(f"let op: de back-up staat niet in het auditlog ({exc.message})", file=sys.stderr)
    print(f"Back-up geschreven: {result.path} ({_mb(result.size)}{', versleuteld' if args.key else ''})")
    print(f"  {_describe(manifest)}")
    if manifest.get("writers_waited_s", 0) >= 0.01:
        print(f"  opslaan van leden wachtte {manifest['writers_waited_s']:.2f} s op de kopie".replace(".", ","))
    for note in manifest.get("notes") or ():
        print(f"  let op: {note}")
    if args.key:
        print("  Bewaar het sleutelbestand apart van de back-up: zonder sleutel is hij niet te openen.")
    else:
        print("  Niet versleuteld: bevat alle reflecties. Versleutel met --key als hij de server verlaat.")
    return 0


def _describe(manifest: dict) -> str:
    source = manifest.get("source", {})
    kind = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(source.get("database"), "?")
    tables = manifest.get("tables", {})
    return (
        f"van {manifest.get('created_at', '?')[:19].replace('T', ' ')} UTC, werkruimte '{source.get('name', '?')}', "
        f"{kind} ({source.get('method', '?')}), schemaversie {manifest.get('schema', {}).get('version')}; "
        f"{_count(tables.get('session', 0))} sessies, {_count(tables.get('entry', 0))} bijdragen, "
        f"{len(tables)} tabellen"
    )


def run_key(args) -> int:
    from leerkring.backup import new_key_file

    path = new_key_file(Path(args.output).expanduser())
    print(f"Sleutel geschreven: {path} (alleen voor jou leesbaar).")
    print("  Bewaar een kopie op een veilige plek buiten de server: zonder sleutel is een back-up niet te openen.")
    return 0


def run_restore(args) -> int:
    from leerkring.backup import restore_backup

    result = restore_backup(
        Path(args.file),
        Path(args.to),
        key_file=_path(args.key),
        live=_path(args.from_workspace),
        database_url=args.database_url,
        actor=args.by,
    )
    manifest = result.manifest
    print(f"Teruggezet in {result.path}")
    print(f"  {_describe(manifest)}")
    print(
        f"  gecontroleerd: {len(manifest['files'])} bestanden (controlegetallen) en de aantallen van "
        f"{len(manifest['tables'])} tabellen"
    )
    if result.upgraded_to:
        print(f"  database bijgewerkt naar schemaversie {result.upgraded_to[-1]}")
    if result.live is not None:
        print(
            f"  uit het auditlog van {result.live}: {result.forgotten_again} × lid opnieuw vergeten, "
            f"{len(result.retention_again)} × bewaartermijn opnieuw toegepast"
        )
    for line in result.warnings:
        print(f"let op: {line}", file=sys.stderr)
    from leerkring.config import DATABASE_ENV

    if os.environ.get(DATABASE_ENV):
        print(
            f"let op: {DATABASE_ENV} is gezet en gaat voor de instelling in {result.path}/leerkring.toml; "
            "haal hem weg voordat je de teruggezette werkruimte gebruikt.",
            file=sys.stderr,
        )
    return 0
