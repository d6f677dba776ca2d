"""What the live session leaves to count: phases completed, rounds held, whether a vote was held, and
replies (reacties), per session and without names.

Read with a few grouped queries over the sessions a summary covers (the same kring and period filter
as :mod:`leerkring.summary.aggregate`); only sessions that were led live have a ``session_room`` row,
so the cost follows the live sessions, not the history. The people behind each figure travel along as
sets of person ids, only so that suppression can count them (:mod:`leerkring.summary.build`); no id
or name ever reaches a document:

- replies rest on their distinct authors;
- a vote on the distinct people who cast a vote (the ballots; the votes themselves carry no voter);
- phases and rounds on the distinct people present in the sessions that had them.

A reply counts only when the kring may see it and its parent too (the archive shows it under that
parent), in its current revision.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, func, select

from leerkring.store import schema
from leerkring.store.entries import visibility_clause
from leerkring.store.viewer import Viewer

S, E, R = schema.session.c, schema.entry.c, schema.room.c


@dataclass
class SessionLive:
    """The live figures of one session."""

    phases: int = 0  # phases completed (the room's history)
    rounds: int = 0  # rounds held
    vote: bool = False  # a vote on the case was opened
    replies: int = 0
    reply_authors: set = field(default_factory=set)
    voters: set = field(default_factory=set)
    present: set = field(default_factory=set)

    @property
    def live(self) -> bool:
        """Whether anything live happened in the session."""
        return bool(self.phases or self.rounds or self.vote or self.replies)


def collect(store, where) -> dict[int, SessionLive]:
    """{session id: SessionLive} for the sessions matching ``where`` (a clause on the session table)
    that had anything live; the others are left out."""
    out: dict[int, SessionLive] = defaultdict(SessionLive)
    parent = schema.entry.alias("parent")
    with store.read() as conn:
        rooms = conn.execute(
            select(R.session_id, R.history, R.rounds, R.vote)
            .select_from(schema.room.join(schema.session, S.id == R.session_id))
            .where(where)
        ).all()
        for row in rooms:
            facts = out[row.session_id]
            facts.phases = len(row.history or ())
            facts.rounds = int(row.rounds or 0)
            facts.vote = row.vote is not None
        kring_ids = sorted(conn.execute(select(S.kring_id).where(where).distinct()).scalars())
        if kring_ids:
            seen = Viewer.kring_summary(kring_ids)
            pc = parent.c
            replies = (
                select(E.session_id, E.author_id, func.count().label("n"))
                .select_from(
                    schema.entry.join(schema.session, S.id == E.session_id).join(
                        parent,
                        and_(pc.uid == E.parent_uid, pc.is_current == True),  # noqa: E712
                    )
                )
                .where(
                    where,
                    E.parent_uid.is_not(None),
                    E.is_current == True,  # noqa: E712
                    visibility_clause(seen),
                    pc.visibility.in_(("kring", "organisatie")),
                )
                .group_by(E.session_id, E.author_id)
            )
            for row in conn.execute(replies):
                facts = out[row.session_id]
                facts.replies += int(row.n)
                if row.author_id is not None:
                    facts.reply_authors.add(row.author_id)
        b = schema.case_ballot.c
        for row in conn.execute(
            select(b.session_id, b.person_id)
            .select_from(schema.case_ballot.join(schema.session, S.id == b.session_id))
            .where(where, b.used > 0)
        ):
            out[row.session_id].voters.add(row.person_id)
        live_ids = sorted(out)
        if live_ids:
            a = schema.attendance.c
            for row in conn.execute(select(a.session_id, a.person_id).where(a.session_id.in_(live_ids))):
                out[row.session_id].present.add(row.person_id)
    return {sid: facts for sid, facts in out.items() if facts.live}


def session_facts(store, session_ids) -> dict[int, SessionLive]:
    """The live figures of the given sessions (those with anything live)."""
    ids = sorted({int(s) for s in session_ids})
    if not ids:
        return {}
    return collect(store, S.id.in_(ids))


def _people(facts, attr: str, counted) -> int:
    """Distinct people (ids of ``attr``) behind the sessions for which ``counted(facts)`` holds."""
    return len(set().union(*(getattr(f, attr) for f in facts if counted(f))))


def figures(facts: dict[int, SessionLive], session_ids, sup) -> dict:
    """The document's ``live`` block for the given sessions, suppressed by ``sup``."""
    chosen = [facts[s] for s in session_ids if s in facts]
    return {
        "sessions": len(chosen),
        "phases_completed": sup.count(sum(f.phases for f in chosen), _people(chosen, "present", lambda f: f.phases)),
        "sessions_with_vote": sup.count(sum(1 for f in chosen if f.vote), _people(chosen, "voters", lambda f: f.vote)),
        "rounds": sup.count(sum(f.rounds for f in chosen), _people(chosen, "present", lambda f: f.rounds)),
        "replies": sup.count(sum(f.replies for f in chosen), _people(chosen, "reply_authors", lambda f: f.replies)),
    }


def session_item(f: SessionLive, sup) -> dict:
    """One session's ``live`` figures in the document's list of sessions."""
    vote = f.vote
    if vote and sup.hides(1, len(f.voters)):
        from leerkring.summary.suppression import suppressed

        vote = suppressed(sup.k)
    return {
        "phases_completed": sup.count(f.phases, len(f.present)),
        "rounds": sup.count(f.rounds, len(f.present)),
        "vote": vote,
        "replies": sup.count(f.replies, len(f.reply_authors)),
    }


__all__ = ["SessionLive", "collect", "figures", "session_facts", "session_item"]
