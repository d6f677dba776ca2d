"""The live side of the demo: cases brought in and voted on, phases as a coach led them, replies.

For each demo session, before it is closed: in a session of the incidentmethode or moreel beraad two
present members bring in cases and share them, the coach opens a vote (two votes each), everyone
present votes and the case with the most votes is chosen; in about a third of the sessions a
colleague replies to a contribution (each reply text once in the whole demo);
some sessions hold a round; and the phases are led from start to finish. The phases' durations are
then set to plausible minutes (a demo is built in seconds, a real session takes an hour).
"""

from __future__ import annotations

import tomllib
from importlib import resources

from sqlalchemy import select

from leerkring.store import Viewer, schema

VOTED_METHODS = ("incidentmethode", "moreel_beraad")
_DATA = tomllib.loads(resources.files(__package__).joinpath("data", "live.toml").read_text("utf-8"))
CASES: dict[str, list[dict]] = {block["kring"]: block["items"] for block in _DATA["cases"]}
REPLIES: list[str] = _DATA["replies"]


def run_live_session(store, session, coach: str, present: list[str], rng, state: dict) -> dict:
    """Play one session's live part; ``state`` carries the kring's unused cases and replies between
    sessions. Returns counts for the demo's report."""
    counts = {"cases": 0, "votes": 0, "replies": 0, "rounds": 0}
    kring = store.kring(session.kring_id)
    if session.method in VOTED_METHODS:
        queue = state.setdefault(("cases", kring.name), list(CASES.get(kring.name, ())))
        for item in queue[:2]:
            author = rng.choice(present)
            case = store.add_case(kring.id, item["title"], item["text"], author=author)
            store.share_case(case.id, author=author)
            counts["cases"] += 1
        del queue[:2]
        if counts["cases"]:
            store.room_control(session.id, "vote_open", votes=2, by=coach)
            shared = [c for c in store.cases(kring.id) if c.status == "shared"][: max(2, counts["cases"])]
            for voter in present:
                for _ in range(2):
                    store.vote(session.id, rng.choice(shared).id, voter=voter)
                    counts["votes"] += 1
            store.room_control(session.id, "vote_close", by=coach)
    shared_entries = [
        e for e in store.entries(Viewer.kring_summary([kring.id]), session_id=session.id) if e.parent_uid is None
    ]
    # every reply text is used once in the whole demo (no sentence repeats), in about a third of sessions
    replies = state.setdefault("replies", rng.sample(REPLIES, k=len(REPLIES)))
    if replies and shared_entries and rng.random() < 0.4:
        parent = rng.choice(shared_entries)
        author = rng.choice([p for p in present if p != parent.author] or present)
        store.add_reply(parent.uid, replies.pop(), author=author)
        counts["replies"] += 1
    phases = store.frameworks.method(session.method).phases
    if phases:
        store.room_control(session.id, "start", by=coach)
        if rng.random() < 0.5:
            store.room_control(session.id, "round_start", by=coach)
            counts["rounds"] += 1
            store.room_control(session.id, "round_end", by=coach)
        for _ in phases:
            store.room_control(session.id, "next", by=coach)
        _plausible_durations(store, session.id, rng)
    return counts


def _plausible_durations(store, session_id: int, rng) -> None:
    """Give the phases the minutes a real session would have taken (planned, give or take a few)."""
    r = schema.room.c
    with store.write() as conn:
        history = conn.execute(select(r.history).where(r.session_id == session_id)).scalar() or []
        for phase in history:
            planned = int(phase.get("planned_minutes") or 10)
            phase["seconds"] = max(60, (planned + rng.choice((-3, -2, -1, 0, 0, 1, 2, 4))) * 60 + rng.randint(0, 59))
        conn.execute(schema.room.update().where(r.session_id == session_id).values(history=list(history)))
