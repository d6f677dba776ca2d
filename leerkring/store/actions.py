"""The actieleren loop: actions raised in a session, reported on in later ones until done or dropped."""

from __future__ import annotations

from sqlalchemy import select

from leerkring.errors import NotFound, UsageError
from leerkring.store import schema
from leerkring.store.core import as_utc, utcnow
from leerkring.store.records import Action, ActionUpdate
from leerkring.store.sessions import parse_date

OPEN_STATES = ("open", "continued")
REPORT_STATES = ("done", "continued", "dropped")


def _action(row) -> Action:
    return Action(
        row["id"], row["kring_id"], row["session_id"], row["title"], row["owner_id"], row.get("owner_name"),
        row["due_date"], row["status"], as_utc(row["created_at"]), as_utc(row["closed_at"]),
    )


class ActionsMixin:
    def add_action(self, session_id: int, title: str, *, owner: str | int | None = None, due=None,
                   author: str | int | None = None, visibility: str = "kring") -> Action:
        """A new action: stored as an ``actie`` entry on the session wall and tracked in the loop."""
        session = self.session(session_id)
        owner_id = self.member(session.kring_id, owner).person_id if owner is not None else None
        due_date = parse_date(due) if due else None
        if due_date is not None and due_date < session.date:
            raise UsageError("De afspraakdatum ligt voor de sessiedatum.")
        extra = {"owner": self.person(owner_id).name if owner_id else None,
                 "due": due_date.isoformat() if due_date else None}
        saved = self.add_entry(session_id, "actieleren", "actie", title, author=author,
                               visibility=visibility, extra=extra)
        with self.write() as conn:
            action_id = conn.execute(
                schema.action.insert().values(
                    kring_id=session.kring_id, session_id=session_id, entry_uid=saved.entry.uid,
                    title=saved.entry.text, owner_id=owner_id, due_date=due_date, status="open",
                    created_at=utcnow(),
                )
            ).inserted_primary_key[0]
        return self.action(action_id)

    def action(self, action_id: int) -> Action:
        rows = self._actions(schema.action.c.id == int(action_id))
        if not rows:
            raise NotFound(f"Onbekende actie {action_id}.")
        return rows[0]

    def actions(self, kring=None, status: str | tuple[str, ...] | None = None) -> list[Action]:
        clauses = []
        if kring is not None:
            clauses.append(schema.action.c.kring_id == self.kring(kring).id)
        if status is not None:
            states = (status,) if isinstance(status, str) else tuple(status)
            clauses.append(schema.action.c.status.in_(states))
        return self._actions(*clauses)

    def open_actions(self, kring, before_session: int | None = None) -> list[Action]:
        """Actions still open (or continued), optionally only those raised before a given session."""
        found = self.actions(kring, OPEN_STATES)
        if before_session is not None:
            session = self.session(before_session)
            dates = {s.id: s.date for s in self.sessions(kring)}
            found = [a for a in found if a.session_id != session.id and dates.get(a.session_id, session.date) <= session.date]
        return found

    def report_action(self, action_id: int, session_id: int, *, effect: str = "", lesson: str = "",
                      status: str = "continued", author: str | int | None = None) -> ActionUpdate:
        """Report back on an action in a (later) session: effect, lesson and the new status."""
        if status not in REPORT_STATES:
            raise UsageError(f"Onbekende status '{status}'. Kies uit: {', '.join(REPORT_STATES)}.")
        current = self.action(action_id)
        session = self.session(session_id)
        if session.kring_id != current.kring_id:
            raise UsageError("Deze actie hoort bij een andere kring.")
        if current.status not in OPEN_STATES:
            raise UsageError(f"Actie {action_id} is al afgesloten ({current.status}).")
        if not (effect or "").strip() and not (lesson or "").strip() and status == "continued":
            raise UsageError("Vul een effect of les in, of kies 'klaar' of 'gestopt'.")
        link = {"action_id": current.id, "action": current.title}
        effect_text = lesson_text = ""
        if (effect or "").strip():
            effect_text = self.add_entry(session_id, "actieleren", "effect", effect, author=author, extra=link).entry.text
        if (lesson or "").strip():
            lesson_text = self.add_entry(session_id, "actieleren", "les", lesson, author=author, extra=link,
                                         keep=True).entry.text
        author_id = self.member(session.kring_id, author).person_id if author is not None else None
        now = utcnow()
        with self.write() as conn:
            update_id = conn.execute(
                schema.action_update.insert().values(
                    action_id=current.id, session_id=session_id, effect=effect_text, lesson=lesson_text,
                    status=status, author_id=author_id, created_at=now,
                )
            ).inserted_primary_key[0]
            conn.execute(
                schema.action.update().where(schema.action.c.id == current.id).values(
                    status=status, closed_at=now if status in ("done", "dropped") else None
                )
            )
        return ActionUpdate(update_id, current.id, session_id, effect_text, lesson_text, status, now)

    def action_updates(self, action_id: int | None = None, kring=None) -> list[ActionUpdate]:
        query = select(schema.action_update).order_by(schema.action_update.c.created_at, schema.action_update.c.id)
        if action_id is not None:
            query = query.where(schema.action_update.c.action_id == action_id)
        if kring is not None:
            query = query.join(schema.action, schema.action.c.id == schema.action_update.c.action_id).where(
                schema.action.c.kring_id == self.kring(kring).id
            )
        with self.read() as conn:
            rows = conn.execute(query).mappings().all()
        return [ActionUpdate(r["id"], r["action_id"], r["session_id"], r["effect"], r["lesson"], r["status"],
                             as_utc(r["created_at"])) for r in rows]

    def _actions(self, *clauses) -> list[Action]:
        query = (
            select(schema.action, schema.person.c.name.label("owner_name"))
            .select_from(schema.action.outerjoin(schema.person, schema.person.c.id == schema.action.c.owner_id))
            .order_by(schema.action.c.created_at, schema.action.c.id)
        )
        for clause in clauses:
            query = query.where(clause)
        with self.read() as conn:
            return [_action(r) for r in conn.execute(query).mappings().all()]
