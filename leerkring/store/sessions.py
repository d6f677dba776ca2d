"""Sessions of a kring: open -> closed, reopened only by a coach; attendance."""

from __future__ import annotations

from sqlalchemy import select

from leerkring.errors import AlreadyExists, NotFound, SessionClosed, UsageError
from leerkring.store import limits, schema
from leerkring.store.helpers import as_utc, insert_ignore, parse_date, utcnow
from leerkring.store.records import Session


def _session(row) -> Session:
    return Session(
        row["id"],
        row["kring_id"],
        row["date"],
        row["method"],
        row["title"],
        row["status"],
        row["notebook"],
        as_utc(row["closed_at"]),
    )


class SessionsMixin:
    def add_session(self, kring, date, method: str | None = None, title: str = "") -> Session:
        target = self.kring(kring)
        when = parse_date(date)
        method_key = (self.frameworks.method(method) if method else self.frameworks.default_method).key
        title = limits.clean(title, "de titel van de sessie", limits.SESSION_TITLE, one_line=True)
        if title:
            title = self.scrub_text(title)[0]
        with self.write() as conn:
            exists = conn.execute(
                select(schema.session.c.id).where(
                    (schema.session.c.kring_id == target.id)
                    & (schema.session.c.date == when)
                    & (schema.session.c.method == method_key)
                )
            ).first()
            if exists:
                raise AlreadyExists(
                    f"Kring '{target.name}' heeft op {when.isoformat()} al een sessie met methode '{method_key}'."
                )
            sid = conn.execute(
                schema.session.insert().values(
                    kring_id=target.id,
                    date=when,
                    method=method_key,
                    title=title,
                    status="open",
                    created_at=utcnow(),
                )
            ).inserted_primary_key[0]
        return self.session(sid)

    def session(self, session_id: int) -> Session:
        with self.read() as conn:
            row = conn.execute(select(schema.session).where(schema.session.c.id == int(session_id))).mappings().first()
        if row is None:
            raise NotFound(f"Onbekende sessie {session_id}.")
        return _session(row)

    def find_session(self, kring, date, method: str | None = None) -> Session:
        target = self.kring(kring)
        when = parse_date(date)
        query = select(schema.session).where((schema.session.c.kring_id == target.id) & (schema.session.c.date == when))
        if method:
            query = query.where(schema.session.c.method == method)
        with self.read() as conn:
            rows = conn.execute(query).mappings().all()
        if not rows:
            raise NotFound(f"Kring '{target.name}' heeft geen sessie op {when.isoformat()}.")
        if len(rows) > 1:
            raise UsageError(f"Op {when.isoformat()} zijn er meerdere sessies; geef ook --method op.")
        return _session(rows[0])

    def sessions(self, kring=None, status: str | None = None, start=None, end=None) -> list[Session]:
        query = select(schema.session).order_by(schema.session.c.date, schema.session.c.id)
        if kring is not None:
            query = query.where(schema.session.c.kring_id == self.kring(kring).id)
        if status is not None:
            query = query.where(schema.session.c.status == status)
        if start is not None:
            query = query.where(schema.session.c.date >= parse_date(start))
        if end is not None:
            query = query.where(schema.session.c.date <= parse_date(end))
        with self.read() as conn:
            return [_session(r) for r in conn.execute(query).mappings().all()]

    def set_notebook(self, session_id: int, path: str) -> None:
        with self.write() as conn:
            conn.execute(schema.session.update().where(schema.session.c.id == session_id).values(notebook=path))

    def close_session(self, session_id: int, by: str | int | None = None) -> Session:
        current = self.session(session_id)
        if by is not None:
            self.require_role(current.kring_id, by, "coach")
        if not current.is_open:
            raise SessionClosed(f"Sessie {current.id} ({current.date.isoformat()}) is al gesloten.")
        with self.write() as conn:
            conn.execute(
                schema.session.update()
                .where((schema.session.c.id == current.id) & (schema.session.c.status == "open"))
                .values(status="closed", closed_at=utcnow())
            )
        self.audit(by if isinstance(by, str) else "systeem", "session.close", {"session": current.id})
        return self.session(current.id)

    def reopen_session(self, session_id: int, by: str | int) -> Session:
        current = self.session(session_id)
        self.require_role(current.kring_id, by, "coach")
        if current.is_open:
            raise UsageError(f"Sessie {current.id} is niet gesloten.")
        with self.write() as conn:
            conn.execute(
                schema.session.update().where(schema.session.c.id == current.id).values(status="open", closed_at=None)
            )
        self.audit(str(by), "session.reopen", {"session": current.id})
        return self.session(current.id)

    def mark_present(self, session_id: int, name: str | int) -> None:
        current = self.session(session_id)
        member = self.member(current.kring_id, name)
        with self.write() as conn:
            insert_ignore(conn, schema.attendance, session_id=current.id, person_id=member.person_id, role=member.role)

    def attendance(self, session_id: int) -> list[tuple[int, str]]:
        """(person_id, role) of everyone present. Names are not part of any summary."""
        query = select(schema.attendance.c.person_id, schema.attendance.c.role).where(
            schema.attendance.c.session_id == session_id
        )
        with self.read() as conn:
            return [(r.person_id, r.role) for r in conn.execute(query).all()]

    def _open_session_row(self, conn, session_id: int):
        row = conn.execute(select(schema.session).where(schema.session.c.id == session_id)).mappings().first()
        if row is None:
            raise NotFound(f"Onbekende sessie {session_id}.")
        if row["status"] != "open":
            raise SessionClosed(
                f"Sessie {row['id']} ({row['date'].isoformat()}) is gesloten; er kan niets meer bij. "
                "Vraag de leercoach om haar te heropenen."
            )
        return row
