"""leerkring demo [DIR]: build a realistic fictitious workspace."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("demo", help="bouw een demowerkruimte met fictieve kringen en sessies")
    p.add_argument("dir", nargs="?", default="demo-workspace", metavar="MAP")
    p.add_argument("--seed", type=int, default=2026, help="zelfde seed, zelfde demo")
    p.add_argument("--force", action="store_true", help="vervang een bestaande demowerkruimte in MAP")
    p.set_defaults(handler=run_demo)


def entry_counts(ws) -> dict[str, int]:
    """What the demo's contributions are, counted the way the summaries and the dashboard count them.

    ``total``: every current contribution; ``steps``: typed into a step's form; ``replies``: reactions
    and questions under a contribution (the live session); ``actions``: actions agreed; ``reports``:
    report-backs on an earlier action (its effect or lesson); ``personal``: kept for the author alone;
    ``shared``: all but the personal ones, which is the dashboard's "bijdragen".
    """
    from sqlalchemy import select

    from leerkring.store import schema

    E = schema.entry
    counts = dict.fromkeys(("total", "steps", "replies", "actions", "reports", "personal", "shared"), 0)
    with ws.store.read() as conn:
        rows = conn.execute(
            select(E.c.kind, E.c.visibility, E.c.extra, E.c.parent_uid).where(E.c.is_current == True)  # noqa: E712
        )
        for kind, visibility, extra, parent_uid in rows:
            counts["total"] += 1
            if parent_uid is not None:
                counts["replies"] += 1
            elif kind == "actie":
                counts["actions"] += 1
            elif isinstance(extra, dict) and extra.get("action"):
                counts["reports"] += 1
            else:
                counts["steps"] += 1
            if visibility == "persoonlijk":
                counts["personal"] += 1
            else:
                counts["shared"] += 1
    return counts


def describe(report, counts: dict[str, int]) -> str:
    """The demo in a few Dutch lines, with the contributions reconciled with the dashboard's figure."""
    labels = {"open": "open", "continued": "loopt door", "done": "klaar", "dropped": "gestopt"}
    acts = ", ".join(f"{n} {labels.get(status, status)}" for status, n in sorted(report.actions.items()))
    return (
        f"Demowerkruimte gemaakt in {report.path}\n"
        f"  {report.kringen} kringen, {report.members} deelnemers, {report.sessions} sessies\n"
        f"  {counts['total']} bijdragen: {counts['steps']} bij de stappen, {counts['replies']} reacties daarop, "
        f"{counts['actions']} acties en {counts['reports']} terugmeldingen op acties (effect of les)\n"
        f"  {counts['shared']} daarvan ziet de kring: dat aantal noemen de samenvattingen en het dashboard "
        f"({counts['personal']} persoonlijke aantekeningen tellen daar niet mee)\n"
        f"  acties: {acts}\n"
        f"  {report.signals} signalen ({report.answered} beantwoord), {report.evaluations} evaluaties\n"
        f"  live: {report.live.get('cases', 0)} casussen ingebracht en gedeeld, {report.live.get('votes', 0)} "
        f"stemmen, {report.live.get('rounds', 0)} rondes"
    )


def run_demo(args) -> int:
    from leerkring.demo.build import build_demo
    from leerkring.workspace import Workspace

    report = build_demo(args.dir, seed=args.seed, force=args.force)
    with Workspace.open(report.path, search=False, scrubber=None) as ws:
        print(describe(report, entry_counts(ws)))
    return 0
