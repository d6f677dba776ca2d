"""The actieleren loop: actions raised in a session, reported on in later ones until done or dropped."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import and_, false, or_, select, true
from sqlalchemy.exc import IntegrityError

from leerkring.errors import NotFound, UsageError
from leerkring.store import limits, schema
from leerkring.store.helpers import as_utc, kring_clause, parse_date, utcnow
from leerkring.store.records import Action, ActionUpdate, Saved
from leerkring.store.viewer import Viewer

OPEN_STATES = ("open", "continued")
REPORT_STATES = ("done", "continued", "dropped")


def _action(row, viewer: Viewer | None) -> Action:
    action = Action(
        row["id"],
        row["kring_id"],
        row["session_id"],
        row["title"],
        row["owner_id"],
        row.get("owner_name"),
        row["due_date"],
        row["status"],
        as_utc(row["created_at"]),
        as_utc(row["closed_at"]),
    )
    if viewer is not None and viewer.kind == "organisation":
        # the organisation sees that an action exists and how it ends, not what it is or whose it is,
        # unless the team shared the action itself with the organisation
        shared = row.get("entry_visibility") == "organisatie"
        action = replace(action, title=action.title if shared else None, owner_id=None, owner=None)
    return action


class ActionsMixin:
    def add_action(
        self,
        session_id: int,
        title: str,
        *,
        owner: str | int | None = None,
        due=None,
        author: str | int | None = None,
        visibility: str = "kring",
    ) -> Action:
        """A new action: stored as an ``actie`` entry on the session wall and tracked in the loop."""
        saved = self.save_action(session_id, title, owner=owner, due=due, author=author, visibility=visibility)
        return self._action_of_entry(saved.entry.uid)

    def save_action(
        self,
        session_id: int,
        text: str,
        *,
        owner: str | int | None = None,
        due=None,
        author: str | int | None = None,
        visibility: str = "kring",
        tags=(),
        step: str = "",
        client_key: str | None = None,
    ) -> Saved:
        """Save an action as a form does: the ``actie`` entry and the tracked action in one transaction.

        Returns what :meth:`add_entry` returns (the entry and what the scrubber replaced). With a
        ``client_key`` saved before, the first save's entry comes back and no second action is made.
        """
        session = self.session(session_id)
        owner_id = self.member(session.kring_id, owner).person_id if owner is not None else None
        due_date = parse_date(due) if due else None
        if due_date is not None and due_date < session.date:
            raise UsageError("De afspraakdatum ligt voor de sessiedatum.")
        derived = {
            "owner": self.person(owner_id).name if owner_id else None,
            "due": due_date.isoformat() if due_date else None,
        }
        values = self._entry_values(
            session_id,
            "actieleren",
            "actie",
            text,
            author=author,
            visibility=visibility,
            tags=tags,
            extra=None,
            step=step,
            keep=False,
            client_key=client_key,
            system_extra=derived,
        )

        def track(conn, entry: dict) -> None:
            conn.execute(
                schema.action.insert().values(
                    kring_id=entry["kring_id"],
                    session_id=session_id,
                    entry_uid=entry["uid"],
                    title=entry["text"],
                    owner_id=owner_id,
                    due_date=due_date,
                    status="open",
                    created_at=entry["created_at"],
                )
            )

        return self._insert_entry(values, author, then=track)

    def action(self, viewer: Viewer, action_id: int) -> Action:
        return self._action_by_id(action_id, viewer)

    def _action_of_entry(self, entry_uid: str) -> Action:
        rows = self._actions(schema.action.c.entry_uid == entry_uid, viewer=None)
        if not rows:
            raise NotFound(f"Geen actie bij bijdrage {entry_uid}.")
        return rows[0]

    def _action_by_id(self, action_id: int, viewer: Viewer | None) -> Action:
        rows = self._actions(schema.action.c.id == int(action_id), viewer=viewer)
        if not rows:
            raise NotFound(f"Onbekende actie {action_id}.")
        return rows[0]

    def actions(self, viewer: Viewer, kring=None, status: str | tuple[str, ...] | None = None) -> list[Action]:
        """Actions ``viewer`` may see, oldest first (see ``_action`` for what the organisation gets)."""
        clauses = []
        if kring is not None:
            clauses.append(schema.action.c.kring_id == self.kring(kring).id)
        if status is not None:
            states = (status,) if isinstance(status, str) else tuple(status)
            clauses.append(schema.action.c.status.in_(states))
        return self._actions(*clauses, viewer=viewer)

    def open_actions(self, viewer: Viewer, kring, before_session: int | None = None) -> list[Action]:
        """Actions still open (or continued), optionally only those raised before a given session."""
        found = self.actions(viewer, kring, OPEN_STATES)
        if before_session is not None:
            session = self.session(before_session)
            dates = {s.id: s.date for s in self.sessions(kring)}
            found = [
                a for a in found if a.session_id != session.id and dates.get(a.session_id, session.date) <= session.date
            ]
        return found

    def report_action(
        self,
        action_id: int,
        session_id: int,
        *,
        effect: str = "",
        lesson: str = "",
        status: str = "continued",
        author: str | int | None = None,
        client_key: str | None = None,
    ) -> ActionUpdate:
        """Report back on an action in a (later) session: effect, lesson and the new status.

        ``client_key`` makes the report idempotent: reporting again with the same key returns the
        report stored the first time (its effect and lesson entries carry keys derived from it).
        """
        if status not in REPORT_STATES:
            raise UsageError(f"Onbekende status '{status}'. Kies uit: {', '.join(REPORT_STATES)}.")
        client_key = limits.client_key(client_key)
        if client_key is not None:
            first = self._update_by_client_key(client_key)
            if first is not None:
                return first
        effect = limits.clean(effect, "het effect", limits.ENTRY_TEXT)
        lesson = limits.clean(lesson, "de les", limits.ENTRY_TEXT)
        current = self._action_by_id(action_id, None)
        session = self.session(session_id)
        if session.kring_id != current.kring_id:
            raise UsageError("Deze actie hoort bij een andere kring.")
        if current.status not in OPEN_STATES:
            raise UsageError(f"Actie {action_id} is al afgesloten ({current.status}).")
        if not effect and not lesson and status == "continued":
            raise UsageError("Vul een effect of les in, of kies 'klaar' of 'gestopt'.")
        link = {"action_id": current.id, "action": current.title}
        texts = {}
        for kind, text in (("effect", effect), ("les", lesson)):
            if text:
                values = self._entry_values(
                    session_id,
                    "actieleren",
                    kind,
                    text,
                    author=author,
                    visibility="kring",
                    tags=(),
                    extra=None,
                    step="",
                    keep=kind == "les",
                    client_key=f"{client_key}:{kind}" if client_key else None,
                    system_extra=link,
                )
                texts[kind] = self._insert_entry(values, author).entry.text
        author_id = self.member(session.kring_id, author).person_id if author is not None else None
        now = utcnow()
        try:
            with self.write() as conn:
                update_id = conn.execute(
                    schema.action_update.insert().values(
                        action_id=current.id,
                        session_id=session_id,
                        effect=texts.get("effect", ""),
                        lesson=texts.get("les", ""),
                        status=status,
                        author_id=author_id,
                        client_key=client_key,
                        created_at=now,
                    )
                ).inserted_primary_key[0]
                conn.execute(
                    schema.action.update()
                    .where(schema.action.c.id == current.id)
                    .values(status=status, closed_at=now if status in ("done", "dropped") else None)
                )
        except IntegrityError:
            first = self._update_by_client_key(client_key) if client_key is not None else None
            if first is None:
                raise
            return first
        return ActionUpdate(
            update_id, current.id, session_id, texts.get("effect", ""), texts.get("les", ""), status, now
        )

    def _update_by_client_key(self, key: str) -> ActionUpdate | None:
        u = schema.action_update.c
        with self.read() as conn:
            r = conn.execute(select(schema.action_update).where(u.client_key == key)).mappings().first()
        if r is None:
            return None
        return ActionUpdate(
            r["id"], r["action_id"], r["session_id"], r["effect"], r["lesson"], r["status"], as_utc(r["created_at"])
        )

    def action_updates(self, viewer: Viewer, action_id: int | None = None, kring=None) -> list[ActionUpdate]:
        """Report-backs ``viewer`` may see; the organisation gets statuses and dates without the texts."""
        u = schema.action_update.c
        query = (
            select(schema.action_update)
            .join(schema.action, schema.action.c.id == u.action_id)
            .order_by(u.created_at, u.id)
        )
        if action_id is not None:
            query = query.where(u.action_id == action_id)
        if kring is not None:
            query = query.where(schema.action.c.kring_id == self.kring(kring).id)
        clause = kring_clause(schema.action.c.kring_id, viewer)
        if clause is not None:
            query = query.where(clause)
        with self.read() as conn:
            rows = conn.execute(query).mappings().all()
        hide = viewer.kind == "organisation"
        return [
            ActionUpdate(
                r["id"],
                r["action_id"],
                r["session_id"],
                "" if hide else r["effect"],
                "" if hide else r["lesson"],
                r["status"],
                as_utc(r["created_at"]),
            )
            for r in rows
        ]

    def _actions(self, *clauses, viewer: Viewer | None) -> list[Action]:
        a, e = schema.action.c, schema.entry.c
        query = (
            select(schema.action, schema.person.c.name.label("owner_name"), e.visibility.label("entry_visibility"))
            .select_from(
                schema.action.outerjoin(schema.person, schema.person.c.id == a.owner_id).outerjoin(
                    schema.entry, and_(e.uid == a.entry_uid, e.is_current == true())
                )
            )
            .order_by(a.created_at, a.id)
        )
        for clause in clauses:
            query = query.where(clause)
        if viewer is not None:
            in_kring = kring_clause(a.kring_id, viewer)
            if in_kring is not None:
                query = query.where(in_kring)
            # an action raised as a personal entry is only its author's
            own = e.author_id == viewer.person_id if viewer.kind == "member" and viewer.person_id else false()
            query = query.where(or_(e.visibility.is_(None), e.visibility != "persoonlijk", own))
        with self.read() as conn:
            return [_action(r, viewer) for r in conn.execute(query).mappings().all()]
