"""leerkring release list|approve|reject|edit: the coach's release review of texts for the organisation.

A thin layer over :mod:`leerkring.store.release` (the decisions) and :mod:`leerkring.privacy.residual`
(the highlights): ``list`` shows every pending text with what the scrubber may have missed between
``»`` and ``«`` and the reasons below it.
"""

from __future__ import annotations

from leerkring.cli import open_workspace

ITEM_LABELS = {"entry": "bijdrage", "signal": "signaal", "response": "antwoord op signaal"}


def register(sub) -> None:
    r = sub.add_parser(
        "release",
        help="teksten voor de organisatie nakijken en vrijgeven (leercoach)",
        description=(
            "Vier ogen: een bijdrage of les die met de organisatie is gedeeld, een signaal en een antwoord "
            "daarop gaan pas naar de organisatie als een leercoach van de kring ze heeft vrijgegeven."
        ),
    )
    s = r.add_subparsers(dest="release_command", metavar="ACTIE", required=True)
    ls = s.add_parser("list", help="toon de teksten die op vrijgave wachten, met wat opvalt")
    ls.add_argument("--kring", help="alleen deze kring")
    ls.set_defaults(handler=run_list)
    approve = s.add_parser("approve", help="geef een tekst vrij voor de organisatie")
    approve.add_argument("id", type=int, metavar="NR")
    approve.add_argument("--by", required=True, help="de leercoach die vrijgeeft")
    approve.set_defaults(handler=run_approve)
    reject = s.add_parser("reject", help="stuur een tekst terug: hij gaat niet naar de organisatie")
    reject.add_argument("id", type=int, metavar="NR")
    reject.add_argument("--by", required=True, help="de leercoach die terugstuurt")
    reject.add_argument("--reason", default="", help="waarom (de auteur ziet dit bij de bijdrage)")
    reject.set_defaults(handler=run_reject)
    edit = s.add_parser("edit", help="pas een tekst aan en geef de aangepaste versie vrij")
    edit.add_argument("id", type=int, metavar="NR")
    edit.add_argument("--by", required=True, help="de leercoach die aanpast")
    edit.add_argument("--text", help="de nieuwe tekst (wordt opnieuw gepseudonimiseerd)")
    edit.add_argument("--title", help="bij een signaal: de nieuwe titel")
    edit.set_defaults(handler=run_edit)


def _marked(text: str) -> tuple[str, list[str]]:
    """The text with its residual risks between » and «, and one line per risk."""
    from leerkring.privacy.residual import mark, residual_risks

    risks = residual_risks(text)
    return mark(text, risks), [f"»{text[r.start : r.end]}«: {', '.join(r.reasons)}" for r in risks]


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in (text or "(leeg)").splitlines() or [""])


def run_list(args) -> int:
    with open_workspace(args) as ws:
        store = ws.store
        pending = store.pending_releases(args.kring)
        where = f" in kring {store.kring(args.kring).name}" if args.kring else ""
        if not pending:
            print(f"Er wachten geen teksten op vrijgave{where}.")
            return 0
        kringen = {k.id: k.name for k in store.kringen()}
        dates: dict[int, str] = {}
        blocks = []
        for item in pending:
            if item.session_id is not None and item.session_id not in dates:
                dates[item.session_id] = store.session(item.session_id).date.isoformat()
            head = [f"[{item.id}] {ITEM_LABELS[item.item]}", kringen.get(item.kring_id, str(item.kring_id))]
            if item.session_id is not None:
                head.append(f"sessie {dates[item.session_id]}")
            if item.kind:
                head.append(f"{item.principle}/{item.kind}")
            lines = [" · ".join(head)]
            notes: list[str] = []
            if item.item == "signal":
                title, title_notes = _marked(item.title)
                lines.append(f"  titel: {title}")
                notes += title_notes
            elif item.item == "response":
                lines.append(f"  bij signaal: {item.title}")
            text, text_notes = _marked(item.text)
            lines.append(_indent(text))
            notes += text_notes
            lines.append("  let op: " + "; ".join(notes) if notes else "  let op: niets bijzonders gevonden")
            blocks.append("\n".join(lines))
        print("\n\n".join(blocks))
        print(
            f"\n{len(pending)} tekst(en) wachten op vrijgave{where}. Geef vrij met 'leerkring release approve NR "
            "--by NAAM', stuur terug met 'reject' of pas aan met 'edit'."
        )
    return 0


def run_approve(args) -> int:
    with open_workspace(args) as ws:
        item = ws.store.release(args.id, args.by)
        print(
            f"Tekst {item.id} ({ITEM_LABELS[item.item]}) is vrijgegeven; de volgende 'leerkring summarize' "
            "neemt haar mee voor de organisatie."
        )
    return 0


def run_reject(args) -> int:
    with open_workspace(args) as ws:
        item = ws.store.reject(args.id, args.by, args.reason)
        seen = " De auteur ziet dat bij de bijdrage." if item.item == "entry" and item.entry_uid else ""
        print(f"Tekst {item.id} ({ITEM_LABELS[item.item]}) is teruggestuurd en gaat niet naar de organisatie.{seen}")
    return 0


def run_edit(args) -> int:
    with open_workspace(args) as ws:
        item = ws.store.edit_release(args.id, args.by, args.text, title=args.title)
        new = f" als tekst {item.id}" if item.id != args.id else ""
        print(
            f"Tekst {args.id} ({ITEM_LABELS[item.item]}) is aangepast en vrijgegeven{new}. Zo gaat ze naar de organisatie:"
        )
        if item.item == "signal":
            print(f"  titel: {item.title}")
        print(_indent(item.text))
    return 0
