"""Cases (casussen) a member prepares, and the session's anonymous vote on which one to discuss.

A case starts as a draft that only its author sees (:meth:`CasesMixin.cases` never names authors: a
case says whether it is the asker's own). Shared, it is the kring's, and a session's vote can choose
it. A vote row holds no voter; the number of votes each person used sits apart, without the cases,
so the tally cannot be traced back to anyone.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from leerkring.errors import NotAllowed, NotFound, UsageError
from leerkring.store import limits, live, schema
from leerkring.store.helpers import as_utc, insert_ignore, utcnow
from leerkring.store.records import Case

CASE_TITLE = 200
CASE_TEXT = 10_000
MAX_VOTES = 10


class CasesMixin:
    def add_case(self, kring, title: str, text: str = "", *, author: str | int, client_key: str | None = None) -> Case:
        """A new draft case of ``author`` (a participant of the kring), scrubbed like every text."""
        target = self.kring(kring)
        member = self.member(target.id, author)
        if member.role not in ("coach", "member", "guest"):
            raise NotAllowed("Een casus inbrengen doen de deelnemers van de kring.")
        title = limits.clean(
            title, "de titel van de casus", CASE_TITLE, required=True, one_line=True, empty="Geef de casus een titel."
        )
        text = limits.clean(text, "de casus", CASE_TEXT)
        client_key = limits.client_key(client_key)
        scrubbed_title, title_findings = self.scrub_text(title)
        scrubbed, findings = self.scrub_text(text) if text else ("", [])
        try:
            with self.write() as conn:
                case_id = conn.execute(
                    schema.case.insert().values(
                        kring_id=target.id,
                        author_id=member.person_id,
                        title=scrubbed_title,
                        text=scrubbed,
                        findings=[*title_findings, *findings],
                        status="draft",
                        client_key=client_key,
                        created_at=utcnow(),
                    )
                ).inserted_primary_key[0]
        except IntegrityError:
            if client_key is None:
                raise
            with self.read() as conn:
                case_id = conn.execute(select(schema.case.c.id).where(schema.case.c.client_key == client_key)).scalar()
        return self._case(case_id, member.person_id)

    def share_case(self, case_id: int, *, author: str | int) -> Case:
        """Share the author's own draft with the kring (the open sessions' walls are told)."""
        person_id = self.person(author).id
        c = schema.case.c
        with self.write() as conn:
            row = conn.execute(select(schema.case).where(c.id == int(case_id))).mappings().first()
            if row is None or (row["status"] == "draft" and row["author_id"] != person_id):
                raise NotFound(f"Onbekende casus {case_id}.")
            if row["author_id"] != person_id:
                raise NotAllowed("Alleen wie de casus inbracht, kan haar delen.")
            if row["status"] != "shared":
                conn.execute(schema.case.update().where(c.id == row["id"]).values(status="shared", shared_at=utcnow()))
            open_sessions = (
                conn.execute(
                    select(schema.session.c.id).where(
                        (schema.session.c.kring_id == row["kring_id"]) & (schema.session.c.status == "open")
                    )
                )
                .scalars()
                .all()
            )
            for sid in open_sessions:
                self._touch(conn, sid)
        for sid in open_sessions:
            live.notify(sid)
        return self._case(int(case_id), person_id)

    def cases(self, kring, *, person: str | int | None = None) -> list[Case]:
        """The kring's shared cases and ``person``'s own drafts, newest first."""
        target = self.kring(kring)
        person_id = self.person(person).id if person is not None else None
        c = schema.case.c
        mine = (c.author_id == person_id) if person_id is not None else False
        query = (
            select(schema.case)
            .where((c.kring_id == target.id) & ((c.status == "shared") | mine))
            .order_by(c.created_at.desc(), c.id.desc())
        )
        with self.read() as conn:
            return [_to_case(row, person_id) for row in conn.execute(query).mappings().all()]

    def vote(self, session_id: int, case_id: int, *, voter: str | int):
        """One vote of ``voter`` for a shared case of the session's kring, while the vote is open."""
        current = self.session(session_id)
        member = self.member(current.kring_id, voter)
        if member.role not in ("coach", "member", "guest"):
            raise NotAllowed("Stemmen doen de deelnemers van de sessie.")
        with self.write() as conn:
            self._open_session_row(conn, current.id)
            room = self._room_row(conn, current.id)
            if room is None or room["vote"] != "open":
                raise UsageError("Er is nu geen stemming; de leercoach opent haar.")
            self._shared_case(conn, case_id, current.kring_id)
            self._on_ballot(conn, case_id, current)
            b = schema.case_ballot.c
            insert_ignore(conn, schema.case_ballot, session_id=current.id, person_id=member.person_id, used=0)
            used = conn.execute(
                schema.case_ballot.update()
                .where(
                    (b.session_id == current.id)
                    & (b.person_id == member.person_id)
                    & (b.used < room["votes_per_person"])
                )
                .values(used=b.used + 1)
            ).rowcount
            if used != 1:
                raise UsageError("Je hebt al je stemmen uitgebracht.")
            conn.execute(schema.case_vote.insert().values(session_id=current.id, case_id=int(case_id)))
            self._touch(conn, current.id)
        live.notify(current.id)
        return self.room(current.id, person=member.person_id)

    # -- the coach's vote steps (called by room_control inside its transaction) ---------------------
    def _vote_step(self, conn, action: str, current, row, votes, case_id) -> dict:
        if action == "vote_open":
            if row["vote"] == "open":
                raise UsageError("De stemming is al open.")
            try:
                per = 2 if votes is None else int(votes)
            except (TypeError, ValueError):
                raise UsageError("Geef het aantal stemmen per deelnemer als getal.") from None
            if not 1 <= per <= MAX_VOTES:
                raise UsageError(f"Iedere deelnemer krijgt 1 tot {MAX_VOTES} stemmen.")
            shared = len(_tally(conn, current))
            if not shared:
                raise UsageError("Er is nog geen gedeelde casus om over te stemmen.")
            conn.execute(schema.case_vote.delete().where(schema.case_vote.c.session_id == current.id))
            conn.execute(schema.case_ballot.delete().where(schema.case_ballot.c.session_id == current.id))
            return {"vote": "open", "votes_per_person": per, "case_id": None}
        if action == "vote_close":
            if row["vote"] != "open":
                raise UsageError("Er is geen open stemming om te sluiten.")
            tally = _tally(conn, current)
            best = max(tally, key=lambda t: (t[2], -t[3]), default=None)  # most votes; a tie: shared first
            chosen = best[0] if best is not None and best[2] > 0 else None
            return {"vote": "closed", "case_id": chosen}
        case = self._shared_case(conn, case_id, current.kring_id)  # choose_case
        return {"case_id": case["id"], "vote": row["vote"] if row["vote"] != "open" else "closed"}

    def _vote_view(self, conn, current, row, person_id):
        """(vote state, votes per person, the person's votes left, tally, chosen case) for a Room."""
        vote = row.get("vote") or "none"
        per = int(row.get("votes_per_person") or 0)
        left = 0
        if vote == "open" and person_id is not None:
            used = conn.execute(
                select(schema.case_ballot.c.used).where(
                    (schema.case_ballot.c.session_id == current.id) & (schema.case_ballot.c.person_id == person_id)
                )
            ).scalar()
            left = max(0, per - int(used or 0))
        tally = tuple((t[0], t[1], t[2]) for t in _tally(conn, current)) if vote != "none" else ()
        case = None
        if row.get("case_id") is not None:
            found = conn.execute(select(schema.case).where(schema.case.c.id == row["case_id"])).mappings().first()
            case = _to_case(found, person_id) if found is not None else None
        return vote, per, left, tally, case

    @staticmethod
    def _shared_case(conn, case_id, kring_id: int):
        try:
            wanted = int(case_id)
        except (TypeError, ValueError):
            raise UsageError("Kies een casus (nummer).") from None
        row = conn.execute(select(schema.case).where(schema.case.c.id == wanted)).mappings().first()
        if row is None or row["kring_id"] != kring_id or row["status"] != "shared":
            raise NotFound(f"Casus {case_id} is geen gedeelde casus van deze kring.")
        return row

    @staticmethod
    def _on_ballot(conn, case_id, current) -> None:
        """Refuse a vote for a case another session already chose."""
        if int(case_id) not in {t[0] for t in _tally(conn, current)}:
            raise UsageError("Over deze casus is al gesproken in een eerdere sessie; kies een andere.")

    def _case(self, case_id: int, person_id: int | None) -> Case:
        with self.read() as conn:
            row = conn.execute(select(schema.case).where(schema.case.c.id == case_id)).mappings().first()
        if row is None:
            raise NotFound(f"Onbekende casus {case_id}.")
        return _to_case(row, person_id)


def _tally(conn, current) -> list[tuple[int, str, int, float]]:
    """(case id, title, votes, shared-at timestamp) per shared case of the session's kring."""
    c, v = schema.case.c, schema.case_vote.c
    counts = dict(
        conn.execute(select(v.case_id, func.count()).where(v.session_id == current.id).group_by(v.case_id)).all()
    )
    rows = conn.execute(
        select(c.id, c.title, c.shared_at)
        .where((c.kring_id == current.kring_id) & (c.status == "shared") & c.id.not_in(_chosen_elsewhere(current)))
        .order_by(c.shared_at, c.id)
    ).all()
    return [
        (r.id, r.title, int(counts.get(r.id, 0)), (as_utc(r.shared_at).timestamp() if r.shared_at else 0.0))
        for r in rows
    ]


def _chosen_elsewhere(current):
    """Cases another session already chose: they are not on this session's ballot."""
    r = schema.room.c
    return select(r.case_id).where((r.session_id != current.id) & r.case_id.is_not(None)).scalar_subquery()


def _to_case(row, person_id: int | None) -> Case:
    return Case(
        id=row["id"],
        kring_id=row["kring_id"],
        title=row["title"],
        text=row["text"],
        status=row["status"],
        mine=person_id is not None and row["author_id"] == person_id,
        created_at=as_utc(row["created_at"]),
    )
