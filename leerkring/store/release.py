"""The release review (vier-ogen): nothing reaches the organisation before a coach has read it.

Every text that would go into an organisation artifact gets one row in ``text_release`` the moment it
becomes organisation-visible, in the same transaction as the text itself:

- an entry revision shared with the organisation (a save with visibility ``organisatie``, or an edit
  that shares or changes a shared entry: each revision is reviewed on its own, and a newer revision
  makes the older one's pending row ``replaced``);
- a signal (its title and explanation), when it is raised;
- an answer to a signal. An answer given by someone who is ``manager`` in any kring is management's
  own text, written for management: it counts as released at once (decision ``management``). Any
  other answer (a coach passing on what they heard, a name that is nobody's role) waits.

States: ``pending`` → ``released`` (a coach approved it, or edited it: the edit is scrubbed again and
stored as a new entry revision, or in place for a signal or an answer with the earlier text kept in
the row's ``original``) or ``rejected`` (sent back, with an optional reason the author sees). A
decision is final; a rejected entry comes back as a new pending revision when its author edits it.
Only a coach of the item's kring may decide (:meth:`~leerkring.store.people.PeopleMixin.require_role`),
and every decision is written to the audit log (``release.approve``, ``release.reject``,
``release.edit``; ``release.auto`` and ``release.management`` for texts released without a coach).

With ``[privacy] release = "auto"`` in ``leerkring.toml`` (:attr:`ReleaseMixin.release_mode`) a text is
released the moment it is stored, audited as ``release.auto``.

The summaries publish only released texts for the organisation (:mod:`leerkring.summary.texts` and
:mod:`leerkring.summary.aggregate`); kring summaries and the kring's own views are not affected. The
residual-risk highlights the coach sees are the privacy package's (:mod:`leerkring.privacy.residual`),
computed by the caller: the store does not import the privacy package.
"""

from __future__ import annotations

from sqlalchemy import and_, select
from sqlalchemy.exc import IntegrityError

from leerkring.errors import LeerkringError, NotAllowed, NotFound, UsageError
from leerkring.store import limits, schema
from leerkring.store.helpers import as_utc, utcnow
from leerkring.store.people import name_key
from leerkring.store.records import Release

RELEASE_MODES = ("coach", "auto")
#: The longest reason a coach may give when sending a text back (characters).
MAX_REASON = 1_000
STATUS_LABELS = {
    "pending": "wacht op vrijgave",
    "released": "vrijgegeven",
    "rejected": "teruggestuurd",
    "replaced": "vervangen door een nieuwere versie",
}
ROLE_LABELS = {"coach": "leercoach", "member": "teamlid", "guest": "gast", "manager": "management"}
ITEM_LABELS = {"entry": "bijdrage", "signal": "signaal", "response": "antwoord op een signaal"}


def _release_query():
    """Every release row with the text it is about (the entry revision, the signal, or the answer and
    the title of its signal) and the name of who decided."""
    rl = schema.text_release.c
    e, s, r = schema.entry.c, schema.signal.c, schema.signal_response.c
    answered = schema.signal.alias("answered")
    return select(
        schema.text_release,
        e.uid.label("entry_uid"),
        e.text.label("entry_text"),
        e.is_current.label("entry_current"),
        e.session_id.label("entry_session"),
        e.principle,
        e.kind,
        s.title.label("signal_title"),
        s.text.label("signal_text"),
        s.session_id.label("signal_session"),
        r.text.label("response_text"),
        answered.c.title.label("answered_title"),
        answered.c.session_id.label("answered_session"),
        schema.person.c.name.label("decided_by"),
    ).select_from(
        schema.text_release.outerjoin(schema.entry, e.id == rl.entry_id)
        .outerjoin(schema.signal, s.id == rl.signal_id)
        .outerjoin(schema.signal_response, r.id == rl.response_id)
        .outerjoin(answered, answered.c.id == r.signal_id)
        .outerjoin(schema.person, schema.person.c.id == rl.decided_by_id)
    )


def _to_release(row) -> Release:
    item = row["item"]
    if item == "entry":
        title, text, session = "", row["entry_text"], row["entry_session"]
    elif item == "signal":
        title, text, session = row["signal_title"], row["signal_text"], row["signal_session"]
    else:
        title, text, session = row["answered_title"], row["response_text"], row["answered_session"]
    return Release(
        id=row["id"],
        item=item,
        kring_id=row["kring_id"],
        status=row["status"],
        title=title or "",
        text=text or "",
        entry_uid=row["entry_uid"],
        signal_id=row["signal_id"],
        response_id=row["response_id"],
        session_id=session,
        principle=row["principle"],
        kind=row["kind"],
        decision=row["decision"],
        decided_by=row["decided_by"],
        decided_at=as_utc(row["decided_at"]),
        reason=row["reason"] or "",
        created_at=as_utc(row["created_at"]),
    )


def _item_id(item) -> int:
    if isinstance(item, bool) or not isinstance(item, (int, str)) or not str(item).strip().isdigit():
        raise UsageError(f"'{item}' is geen nummer van een tekst in de vrijgave.")
    return int(item)


def _audit(conn, actor: str, action: str, detail: dict) -> None:
    """An audit entry inside the caller's transaction (the decision and its record stand or fall together)."""
    conn.execute(schema.audit.insert().values(at=utcnow(), actor=str(actor), action=action, detail=detail))


class ReleaseMixin:
    #: ``coach`` (default): texts wait for a coach; ``auto``: released when stored (``[privacy] release``).
    release_mode: str = "coach"

    # -- hooks: a text became organisation-visible (inside the save's transaction) ------------------
    def _release_new(
        self,
        conn,
        item: str,
        kring_id: int,
        *,
        entry_id: int | None = None,
        signal_id: int | None = None,
        response_id: int | None = None,
        decision: str | None = None,
        by_id: int | None = None,
        actor: str = "systeem",
    ) -> str:
        """The row of a text that just became organisation-visible; returns its status. ``decision``
        ``management`` releases an answer written by management; in ``auto`` mode everything is
        released at once. Both are audited."""
        now = utcnow()
        if decision is None and self.release_mode == "auto":
            decision = "auto"
        values = dict(
            item=item,
            kring_id=kring_id,
            entry_id=entry_id,
            signal_id=signal_id,
            response_id=response_id,
            status="pending",
            reason="",
            created_at=now,
        )
        if decision is not None:
            values.update(status="released", decision=decision, decided_by_id=by_id, decided_at=now)
        release_id = conn.execute(schema.text_release.insert().values(**values)).inserted_primary_key[0]
        if decision is not None:
            target = {"entry": entry_id, "signal": signal_id, "response": response_id}[item]
            _audit(conn, actor, f"release.{decision}", {"release": release_id, "item": item, "id": target})
        return values["status"]

    def _release_replaced(self, conn, uid: str, newest_id: int) -> None:
        """Older revisions of entry ``uid`` that still wait are replaced by revision ``newest_id``."""
        older = select(schema.entry.c.id).where(schema.entry.c.uid == uid, schema.entry.c.id != newest_id)
        conn.execute(
            schema.text_release.update()
            .where(schema.text_release.c.status == "pending", schema.text_release.c.entry_id.in_(older))
            .values(status="replaced")
        )

    def _is_management(self, name: str) -> int | None:
        """The person id of ``name`` when that person is ``manager`` in some kring, else None."""
        p, m = schema.person.c, schema.membership.c
        key = name_key(name)
        with self.read() as conn:
            return conn.execute(
                select(p.id)
                .join(schema.membership, m.person_id == p.id)
                .where((p.name_key == key) | (p.username == key), m.role == "manager")
                .limit(1)
            ).scalar()

    # -- reading ------------------------------------------------------------------------------------
    def releases(self, kring=None, status: str | None = None, release_id: int | None = None) -> list[Release]:
        """Release rows, oldest first; ``kring`` and ``status`` narrow them. Pending entry revisions
        whose text retention removed are left out (they can never be published)."""
        rl = schema.text_release.c
        query = _release_query().order_by(rl.created_at, rl.id)
        if kring is not None:
            query = query.where(rl.kring_id == self.kring(kring).id)
        if status is not None:
            if status not in schema.RELEASE_STATES:
                raise UsageError(f"Onbekende status '{status}'. Kies uit: {', '.join(schema.RELEASE_STATES)}.")
            query = query.where(rl.status == status)
        if release_id is not None:
            query = query.where(rl.id == release_id)
        with self.read() as conn:
            rows = conn.execute(query).mappings().all()
        return [_to_release(r) for r in rows if not (r["item"] == "entry" and r["entry_text"] is None)]

    def pending_releases(self, kring: str | int | None = None) -> list[Release]:
        """The texts that wait for a coach's release, oldest first (of one kring, or of all)."""
        return self.releases(kring, "pending")

    def release_record(self, item: int) -> Release:
        """One text in the release review, whatever its state (NotFound for an unknown number)."""
        release_id = _item_id(item)
        with self.read() as conn:
            row = conn.execute(_release_query().where(schema.text_release.c.id == release_id)).mappings().first()
        if row is None:
            raise NotFound(f"Onbekende tekst {item} in de vrijgave (zie 'leerkring release list').")
        return _to_release(row)

    # -- deciding (a coach of the item's kring) -----------------------------------------------------
    def _pending_for(self, item, by) -> tuple[Release, object]:
        """The pending text ``item`` and the coach ``by`` who may decide on it; one Dutch line otherwise."""
        current = self.release_record(item)
        if by is None or (isinstance(by, str) and not by.strip()):
            raise UsageError("Zeg welke leercoach dit doet (--by).")
        member = self.member(current.kring_id, by)
        if member.role != "coach":
            kring = self.kring(current.kring_id).name
            raise NotAllowed(
                f"Alleen een leercoach van kring '{kring}' mag teksten vrijgeven, terugsturen of aanpassen; "
                f"'{member.name}' is daar {ROLE_LABELS.get(member.role, member.role)}."
            )
        coach = self.require_role(current.kring_id, member.person_id, "coach")
        self._still_pending(current)
        return current, coach

    @staticmethod
    def _still_pending(current: Release) -> None:
        if current.status == "pending":
            return
        label = ITEM_LABELS[current.item].capitalize()
        if current.status == "replaced":
            if current.decision == "coach":  # the coach's own edit, released as a new revision
                when = f" op {current.decided_at.date().isoformat()}" if current.decided_at else ""
                by = current.decided_by or "een leercoach"
                raise LeerkringError(
                    f"{label} {current.id} is al aangepast en vrijgegeven als nieuwe versie (door {by}{when})."
                )
            raise LeerkringError(
                f"{label} {current.id} is vervangen door een nieuwere versie van de auteur; "
                "die staat in 'leerkring release list'."
            )
        who = ""
        if current.decision == "auto":
            who = ' (automatisch, volgens de instelling release = "auto")'
        elif current.decision == "management":
            who = " (geschreven door het management zelf)"
        elif current.decided_by or current.decided_at:
            who = f" (door {current.decided_by or 'een vergeten lid'}"
            who += f" op {current.decided_at.date().isoformat()})" if current.decided_at else ")"
        raise LeerkringError(f"{label} {current.id} is al {STATUS_LABELS[current.status]}{who}.")

    def _decide(self, conn, current: Release, status: str, coach, **values) -> None:
        """Set a pending row's decision; refused when another coach decided in the meantime."""
        done = conn.execute(
            schema.text_release.update()
            .where(and_(schema.text_release.c.id == current.id, schema.text_release.c.status == "pending"))
            .values(status=status, decision="coach", decided_by_id=coach.person_id, decided_at=utcnow(), **values)
        ).rowcount
        if done != 1:
            raise IntegrityError("release", {}, Exception("decided meanwhile"))

    def _decided_meanwhile(self, current: Release) -> LeerkringError:
        try:
            self._still_pending(self.release_record(current.id))
        except LeerkringError as exc:
            return exc
        return LeerkringError("Deze tekst is intussen gewijzigd; bekijk 'leerkring release list' opnieuw.")

    def release(self, item: int, by: str | int) -> Release:
        """Release a pending text for the organisation (only a coach of its kring)."""
        current, coach = self._pending_for(item, by)
        try:
            with self.write() as conn:
                self._decide(conn, current, "released", coach)
                _audit(conn, coach.name, "release.approve", {"release": current.id, "item": current.item})
        except IntegrityError:
            raise self._decided_meanwhile(current) from None
        return self.release_record(current.id)

    def reject(self, item: int, by: str | int, reason: str = "") -> Release:
        """Send a pending text back: it never reaches the organisation. ``reason`` (optional, scrubbed)
        is shown to the author beside their entry."""
        current, coach = self._pending_for(item, by)
        reason = limits.clean(reason or "", "de reden", MAX_REASON)
        if reason:
            reason = self.scrub_text(reason)[0]
        try:
            with self.write() as conn:
                self._decide(conn, current, "rejected", coach, reason=reason)
                detail = {"release": current.id, "item": current.item, "reason": bool(reason)}
                _audit(conn, coach.name, "release.reject", detail)
        except IntegrityError:
            raise self._decided_meanwhile(current) from None
        return self.release_record(current.id)

    def edit_release(self, item: int, by: str | int, text: str | None = None, *, title: str | None = None) -> Release:
        """Correct a pending text and release the correction. The new text is scrubbed again. An entry
        gets a new revision (the author's stays as the earlier one); a signal or an answer is changed
        in place and its earlier text kept in the release row. Returns the released text."""
        current, coach = self._pending_for(item, by)
        if text is None and title is None:
            raise UsageError("Geef de nieuwe tekst (--text) of, bij een signaal, de nieuwe titel (--title).")
        if title is not None and current.item != "signal":
            raise UsageError("Alleen een signaal heeft een titel; pas de tekst aan met --text.")
        try:
            if current.item == "entry":
                return self._edit_entry_release(current, coach, text)
            return self._edit_signal_release(current, coach, text, title)
        except IntegrityError:
            raise self._decided_meanwhile(current) from None

    def _edit_entry_release(self, current: Release, coach, text) -> Release:
        from leerkring.store.entries import _clean_text

        scrubbed, findings = self.scrub_text(_clean_text(text))
        rl = schema.text_release.c
        with self.read() as conn:
            row = (
                conn.execute(
                    select(schema.entry)
                    .join(schema.text_release, rl.entry_id == schema.entry.c.id)
                    .where(rl.id == current.id)
                )
                .mappings()
                .one()
            )
        if not row["is_current"]:
            raise LeerkringError(f"Bijdrage {current.id} is vervangen door een nieuwere versie.")
        now = utcnow()
        values = {k: row[k] for k in row.keys() if k not in ("id", "client_key")}
        values.update(
            revision=row["revision"] + 1,
            is_current=True,
            text=scrubbed,
            findings=list(row["findings"] or ()) + list(findings),
            created_at=now,
        )
        with self.write() as conn:
            self._decide(conn, current, "replaced", coach)
            updated = conn.execute(
                schema.entry.update()
                .where((schema.entry.c.id == row["id"]) & (schema.entry.c.is_current == True))  # noqa: E712
                .values(is_current=False)
            ).rowcount
            if updated != 1:
                raise IntegrityError("edit", {}, Exception("stale revision"))
            entry_id = conn.execute(schema.entry.insert().values(**values)).inserted_primary_key[0]
            new_id = conn.execute(
                schema.text_release.insert().values(
                    item="entry",
                    kring_id=current.kring_id,
                    entry_id=entry_id,
                    status="released",
                    decision="coach",
                    decided_by_id=coach.person_id,
                    decided_at=now,
                    reason="",
                    created_at=now,
                )
            ).inserted_primary_key[0]
            detail = {"release": current.id, "new_release": new_id, "item": "entry", "revision": values["revision"]}
            _audit(conn, coach.name, "release.edit", detail)
        return self.release_record(new_id)

    def _edit_signal_release(self, current: Release, coach, text, title) -> Release:
        if current.item == "signal":
            table, target = schema.signal, current.signal_id
            new = {}
            if title is not None:
                new["title"] = limits.clean(
                    title,
                    "de titel van het signaal",
                    limits.SIGNAL_TITLE,
                    required=True,
                    one_line=True,
                    empty="Een signaal heeft een korte titel nodig.",
                )
            if text is not None:
                new["text"] = limits.clean(text, "de toelichting", limits.SIGNAL_TEXT)
            original = {key: (current.title if key == "title" else current.text) for key in new}
        else:
            table, target = schema.signal_response, current.response_id
            new = {
                "text": limits.clean(
                    text, "het antwoord", limits.RESPONSE, required=True, empty="Een antwoord mag niet leeg zijn."
                )
            }
            original = {"text": current.text}
        new = {key: (self.scrub_text(value)[0] if value else "") for key, value in new.items()}
        with self.write() as conn:
            self._decide(conn, current, "released", coach, original=original)
            conn.execute(table.update().where(table.c.id == target).values(**new))
            detail = {"release": current.id, "item": current.item, "fields": sorted(new)}
            _audit(conn, coach.name, "release.edit", detail)
        return self.release_record(current.id)
