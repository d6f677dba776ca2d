"""Rights of the people in the data and the retention period.

- ``export_person``: everything a person contributed, as plain data (for a JSON export).
- ``forget_person``: removes their personal entries, their authorship of the rest, their presence and
  their memberships; what they shared with the kring stays, anonymously.
- ``apply_retention``: removes the text of raw reflections older than the retention period, keeping
  counts (the rows stay) and what the team marked to keep (lessons).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, delete, func, select, update

from leerkring.store import schema
from leerkring.store.helpers import as_utc, utcnow


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return dt.date(year, month, min(day.day, last))


def _iso(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


class RightsMixin:
    def export_person(self, name: str | int, actor: str = "systeem") -> dict:
        person = self.person(name)
        e, s, k = schema.entry.c, schema.session.c, schema.kring.c
        with self.read() as conn:
            entries = (
                conn.execute(
                    select(schema.entry, s.date.label("session_date"), s.method, k.name.label("kring"))
                    .join(schema.session, s.id == e.session_id)
                    .join(schema.kring, k.id == e.kring_id)
                    .where(e.author_id == person.id)
                    .order_by(e.created_at, e.id)
                )
                .mappings()
                .all()
            )
            updates = (
                conn.execute(select(schema.action_update).where(schema.action_update.c.author_id == person.id))
                .mappings()
                .all()
            )
            owned = conn.execute(select(schema.action).where(schema.action.c.owner_id == person.id)).mappings().all()
            cases = (
                conn.execute(
                    select(schema.case, k.name.label("kring"))
                    .join(schema.kring, k.id == schema.case.c.kring_id)
                    .where(schema.case.c.author_id == person.id)
                    .order_by(schema.case.c.created_at)
                )
                .mappings()
                .all()
            )
            present = (
                conn.execute(
                    select(s.date, s.method, k.name.label("kring"))
                    .join(schema.attendance, schema.attendance.c.session_id == s.id)
                    .join(schema.kring, k.id == s.kring_id)
                    .where(schema.attendance.c.person_id == person.id)
                    .order_by(s.date)
                )
                .mappings()
                .all()
            )
        data = {
            "person": {"name": person.name, "username": person.username},
            "memberships": [
                {"kring": self.kring(m.kring_id).name, "role": m.role} for m in self.memberships(person.id)
            ],
            "attendance": [{k: _iso(v) for k, v in row.items()} for row in present],
            "entries": [
                {
                    "kring": row["kring"],
                    "session_date": _iso(row["session_date"]),
                    "method": row["method"],
                    "principle": row["principle"],
                    "kind": row["kind"],
                    "revision": row["revision"],
                    "current": bool(row["is_current"]),
                    "visibility": row["visibility"],
                    "tags": list(row["tags"] or []),
                    "extra": dict(row["extra"] or {}),
                    "text": row["text"],
                    "created_at": _iso(as_utc(row["created_at"])),
                }
                for row in entries
            ],
            "action_reports": [
                {
                    "action_id": r["action_id"],
                    "effect": r["effect"],
                    "lesson": r["lesson"],
                    "status": r["status"],
                    "created_at": _iso(as_utc(r["created_at"])),
                }
                for r in updates
            ],
            "actions_owned": [
                {"id": r["id"], "title": r["title"], "due_date": _iso(r["due_date"]), "status": r["status"]}
                for r in owned
            ],
            "cases": [
                {
                    "kring": r["kring"],
                    "title": r["title"],
                    "text": r["text"],
                    "status": r["status"],
                    "created_at": _iso(as_utc(r["created_at"])),
                }
                for r in cases
            ],
            "note": "Anonieme bijdragen en evaluaties hebben geen auteur en kunnen niet aan jou gekoppeld worden.",
        }
        self.audit(actor, "member.export", {"person_id": person.id, "entries": len(data["entries"])})
        return data

    def forget_person(self, name: str | int, actor: str = "systeem") -> dict:
        person = self.person(name)
        e = schema.entry.c
        with self.write() as conn:
            personal = conn.execute(
                delete(schema.entry).where(and_(e.author_id == person.id, e.visibility == "persoonlijk"))
            ).rowcount
            anonymised = conn.execute(
                update(schema.entry).where(e.author_id == person.id).values(author_id=None)
            ).rowcount
            conn.execute(
                update(schema.action_update).where(schema.action_update.c.author_id == person.id).values(author_id=None)
            )
            conn.execute(update(schema.action).where(schema.action.c.owner_id == person.id).values(owner_id=None))
            # cases (store/cases.py): a draft was never shared, so it goes; a shared case stays, without author
            c = schema.case.c
            drafts = conn.execute(
                delete(schema.case).where(and_(c.author_id == person.id, c.status == "draft"))
            ).rowcount
            conn.execute(update(schema.case).where(c.author_id == person.id).values(author_id=None))
            conn.execute(delete(schema.case_ballot).where(schema.case_ballot.c.person_id == person.id))
            attendance = conn.execute(
                delete(schema.attendance).where(schema.attendance.c.person_id == person.id)
            ).rowcount
            conn.execute(delete(schema.membership).where(schema.membership.c.person_id == person.id))
            conn.execute(delete(schema.person).where(schema.person.c.id == person.id))
        self._names_changed()
        result = {
            "personal_entries_removed": personal,
            "entries_anonymised": anonymised,
            "attendance_removed": attendance,
            "draft_cases_removed": drafts,
        }
        self.audit(actor, "member.forget", {"person_id": person.id, **result})
        return result

    def apply_retention(
        self,
        months: int,
        *,
        today: dt.date | None = None,
        dry_run: bool = False,
        actor: str = "systeem",
        cutoff: dt.date | None = None,
    ) -> dict:
        """Remove the text of entries (and evaluation remarks and action effects) from sessions before
        the cut-off date (``months`` before ``today``, or ``cutoff`` itself: a restore applies a run
        recorded in the audit log again with its date). Lessons and entries marked ``keep`` stay.
        Returns what was (or would be) removed."""
        cutoff = cutoff if cutoff is not None else months_before(today or dt.date.today(), months)
        e, s = schema.entry.c, schema.session.c
        old_sessions = select(s.id).where(s.date < cutoff).scalar_subquery()
        entry_filter = and_(e.session_id.in_(old_sessions), e.keep == False, e.text.is_not(None))  # noqa: E712
        remark_filter = and_(schema.evaluation.c.session_id.in_(old_sessions), schema.evaluation.c.remark != "")
        effect_filter = and_(schema.action_update.c.session_id.in_(old_sessions), schema.action_update.c.effect != "")
        # a case's text (store/cases.py) is as old as the case; its title stays, like a lesson's gist
        case_before = dt.datetime.combine(cutoff, dt.time(), tzinfo=dt.UTC)
        case_filter = and_(schema.case.c.created_at < case_before, schema.case.c.text != "")
        with self.read() if dry_run else self.write() as conn:
            per_kind = conn.execute(
                select(e.principle, e.kind, func.count()).where(entry_filter).group_by(e.principle, e.kind)
            ).all()
            remarks = conn.execute(select(func.count()).select_from(schema.evaluation).where(remark_filter)).scalar()
            effects = conn.execute(select(func.count()).select_from(schema.action_update).where(effect_filter)).scalar()
            case_texts = conn.execute(select(func.count()).select_from(schema.case).where(case_filter)).scalar()
            if not dry_run:
                now = utcnow()
                conn.execute(update(schema.entry).where(entry_filter).values(text=None, text_removed_at=now))
                conn.execute(update(schema.evaluation).where(remark_filter).values(remark=""))
                conn.execute(update(schema.action_update).where(effect_filter).values(effect=""))
                conn.execute(update(schema.case).where(case_filter).values(text="", findings=[]))
        result = {
            "cutoff": cutoff.isoformat(),
            "entries": {f"{p}/{k}": n for p, k, n in per_kind},
            "entries_total": sum(n for _, _, n in per_kind),
            "evaluation_remarks": remarks,
            "action_effects": effects,
            "case_texts": case_texts,
            "dry_run": dry_run,
        }
        if not dry_run:
            self.audit(actor, "retention.apply", {k: v for k, v in result.items() if k != "entries"})
        return result
