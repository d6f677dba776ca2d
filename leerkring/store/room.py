"""The live session: the coach's phases and timer, rounds, and the version a participant's wall waits on.

One ``session_room`` row per session (made on first use). Its ``version`` rises in the same transaction
as every write into the session (an entry, an edit, a reply, a phase, a vote, a round), so
:meth:`RoomMixin.watch` can tell a waiting wall *that* something changed; the wall then reads the
entries as the caller may see them. A watch reveals no content.

Phases come from the session's method (``methods.toml``: ``[[method.phase]]``). While a phase runs,
every entry saved is marked with its key; once every phase that collects a principle is over, saves
into that principle are refused (:class:`~leerkring.errors.PhaseClosed`). Replies are not locked: a
question about a contribution may come in any phase.
"""

from __future__ import annotations

import time

from sqlalchemy import select

from leerkring.errors import PhaseClosed, UsageError
from leerkring.store import live, schema
from leerkring.store.helpers import as_utc, insert_ignore, utcnow
from leerkring.store.records import Room

#: What the coach can do with a session's room (:meth:`RoomMixin.room_control`).
CONTROLS = (
    "start",
    "pause",
    "resume",
    "next",
    "extend",
    "finish",
    "vote_open",
    "vote_close",
    "choose_case",
    "round_start",
    "round_next",
    "round_end",
)
MAX_WATCH = 30.0  # seconds one watch call may wait at most (well inside the clients' 60 s timeout)
EXTEND_DEFAULT = 5  # minutes "extend" adds when none are given
DEFAULT_VOTES = 2
PARTICIPANT_ROLES = ("coach", "member", "guest")


class RoomMixin:
    # -- reading --------------------------------------------------------------------------------
    def room(self, session_id: int, *, person: str | int | None = None) -> Room:
        """The live state of a session, as ``person`` sees it (their votes left; nobody: 0)."""
        current = self.session(session_id)
        person_id = self.person(person).id if person is not None else None
        with self.read() as conn:
            row = self._room_row(conn, current.id)
            return self._to_room(conn, current, row, person_id)

    def watch(self, session_id: int, since: int = 0, timeout: float = 25.0) -> int:
        """The session's live version as soon as it differs from ``since``, or after ``timeout``
        seconds (at most :data:`MAX_WATCH`) the unchanged one."""
        sid = self.session(session_id).id
        try:
            since = int(since)
            timeout = min(max(float(timeout), 0.0), MAX_WATCH)
        except (TypeError, ValueError):
            raise UsageError("'since' is een versienummer en 'timeout' een aantal seconden.") from None
        deadline = time.monotonic() + timeout
        while True:
            seen = live.tick(sid)
            version = self.room_version(sid)
            remaining = deadline - time.monotonic()
            if version != since or remaining <= 0:
                return version
            live.wait(sid, seen, min(remaining, live.RECHECK))

    def room_version(self, session_id: int) -> int:
        with self.read() as conn:
            found = conn.execute(
                select(schema.room.c.version).where(schema.room.c.session_id == int(session_id))
            ).scalar()
        return int(found or 0)

    # -- the coach ------------------------------------------------------------------------------
    def room_control(
        self,
        session_id: int,
        action: str,
        *,
        minutes: int | None = None,
        votes: int | None = None,
        case_id: int | None = None,
        order: list | None = None,
        by: str | int | None = None,
    ) -> Room:
        """One step of the coach: see :data:`CONTROLS`. ``by`` (a coach of the kring) is checked when given."""
        if action not in CONTROLS:
            raise UsageError(f"Onbekende stap '{action}'. Kies uit: {', '.join(CONTROLS)}.")
        current = self.session(session_id)
        if by is not None:
            self.require_role(current.kring_id, by, "coach")
        phases = self.frameworks.method(current.method).phases
        if action == "round_start":
            order_ids = self._round_order(current, order)
        with self.write() as conn:
            self._open_session_row(conn, current.id)
            row = self._ensure_room(conn, current.id)
            now = utcnow()
            if action in ("start", "pause", "resume", "next", "extend", "finish"):
                changes = _phase_step(action, row, phases, now, minutes)
            elif action in ("vote_open", "vote_close", "choose_case"):
                changes = self._vote_step(conn, action, current, row, votes, case_id)
            else:
                changes = _round_step(action, row, order_ids if action == "round_start" else None)
            self._touch(conn, current.id, **changes)
        live.notify(current.id)
        return self.room(current.id, person=by)

    # -- used by every write into a session -------------------------------------------------------
    def _touch(self, conn, session_id: int, **changes) -> None:
        """Raise the session's live version (and apply ``changes`` to its room) in this transaction:
        one UPDATE on a save's path, the room row made only the first time."""
        r = schema.room.c
        raise_version = schema.room.update().where(r.session_id == session_id).values(version=r.version + 1, **changes)
        if conn.execute(raise_version).rowcount == 0:
            self._ensure_room(conn, session_id)
            conn.execute(raise_version)

    def _phase_for_save(self, conn, session_row, principle: str) -> str:
        """The running phase's key for a new entry of ``principle`` ("" when none runs); refuses a
        principle whose phases are all over."""
        row = self._room_row(conn, session_row["id"])
        if row is None or (row["phase"] is None and not row["finished"]):
            return ""
        phases = self.frameworks.method(session_row["method"]).phases
        if principle in _locked(phases, row):
            name = self.frameworks.principle(principle).name
            raise PhaseClosed(
                f"De fase voor '{name}' is gesloten; de leercoach heeft de sessie verder gezet. "
                "Je bijdrage is niet opgeslagen; bewaar je tekst zelf of vraag de leercoach om meer tijd."
            )
        if row["finished"] or row["phase"] >= len(phases):
            return ""
        return phases[row["phase"]].key

    # -- helpers --------------------------------------------------------------------------------
    @staticmethod
    def _room_row(conn, session_id: int):
        return conn.execute(select(schema.room).where(schema.room.c.session_id == session_id)).mappings().first()

    def _ensure_room(self, conn, session_id: int):
        insert_ignore(
            conn,
            schema.room,
            session_id=session_id,
            version=0,
            finished=False,
            paused_seconds=0,
            extra_minutes=0,
            history=[],
            votes_per_person=0,
            rounds=0,
        )
        return self._room_row(conn, session_id)

    def _round_order(self, current, order) -> list[int]:
        """Person ids in turn order: ``order`` (names or ids of participants) or, by default, the
        kring's coaches and members and the guests present, by name."""
        members = [m for m in self.members(current.kring_id) if m.role in PARTICIPANT_ROLES]
        if order is None:
            present = {pid for pid, _ in self.attendance(current.id)}
            chosen = [m for m in members if m.role != "guest" or m.person_id in present]
            return [m.person_id for m in sorted(chosen, key=lambda m: m.name.casefold())]
        if not isinstance(order, (list, tuple)) or not order:
            raise UsageError("Geef de volgorde van de ronde als een lijst van namen.")
        ids = []
        for who in order:
            member = self.member(current.kring_id, who)
            if member.role not in PARTICIPANT_ROLES:
                raise UsageError(f"'{member.name}' doet niet mee aan de sessie.")
            if member.person_id not in ids:
                ids.append(member.person_id)
        return ids

    def _to_room(self, conn, current, row, person_id: int | None) -> Room:
        phases = self.frameworks.method(current.method).phases
        now = utcnow()
        row = dict(row) if row is not None else {}
        index, finished = row.get("phase"), bool(row.get("finished"))
        state = "waiting"
        if finished:
            state = "finished"
        elif index is not None:
            state = "paused" if row.get("paused_at") else "running"
        seconds_left = minutes = None
        key = name = ""
        if state in ("running", "paused") and index < len(phases):
            phase = phases[index]
            key, name = phase.key, phase.name
            minutes = phase.minutes + int(row.get("extra_minutes") or 0)
            seconds_left = minutes * 60 - _elapsed(row, now)
        vote, per, left, tally, case = self._vote_view(conn, current, row, person_id)
        names = ()
        if row.get("round_order"):
            found = dict(
                conn.execute(
                    select(schema.person.c.id, schema.person.c.name).where(schema.person.c.id.in_(row["round_order"]))
                ).all()
            )
            names = tuple(found.get(pid, "(vertrokken)") for pid in row["round_order"])
        return Room(
            session_id=current.id,
            version=int(row.get("version") or 0),
            phases=tuple((p.key, p.name, p.minutes, tuple(p.principles)) for p in phases),
            state=state,
            phase=index,
            phase_key=key,
            phase_name=name,
            seconds_left=seconds_left,
            phase_minutes=minutes,
            locked=frozenset(_locked(phases, row)) if row else frozenset(),
            vote=vote,
            votes_per_person=per,
            votes_left=left,
            tally=tally,
            case=case,
            round_names=names,
            round_turn=row.get("round_turn") if names else None,
            history=tuple(row.get("history") or ()),
            server_time=now,
        )


def _elapsed(row, now) -> int:
    """Seconds the current phase has run, pauses not counted."""
    started = as_utc(row["phase_started_at"])
    if started is None:
        return 0
    until = as_utc(row["paused_at"]) or now
    return max(0, int((until - started).total_seconds()) - int(row.get("paused_seconds") or 0))


def _locked(phases, row) -> set[str]:
    """Principles whose every phase is over (nothing is locked before the first phase starts)."""
    if not phases or row is None:
        return set()
    index, finished = row.get("phase"), bool(row.get("finished"))
    if index is None and not finished:
        return set()
    over = phases if finished else phases[: index or 0]
    still = () if finished else phases[index or 0 :]
    return {p for ph in over for p in ph.principles} - {p for ph in still for p in ph.principles}


def _phase_step(action: str, row, phases, now, minutes) -> dict:
    """The room columns one phase action changes (Dutch errors for steps out of order)."""
    if not phases:
        raise UsageError("Deze methode kent geen fasen.")
    index, finished, paused = row["phase"], bool(row["finished"]), row["paused_at"] is not None
    if finished:
        raise UsageError("De sessie is al afgerond; er is geen volgende fase meer.")
    if action == "start":
        if index is not None:
            raise UsageError("De sessie is al begonnen.")
        return _begin(0, now)
    if index is None:
        raise UsageError("De sessie is nog niet begonnen; kies eerst 'Start'.")
    if action == "pause":
        if paused:
            raise UsageError("De sessie staat al op pauze.")
        return {"paused_at": now}
    if action == "resume":
        if not paused:
            raise UsageError("De sessie staat niet op pauze.")
        pause = int((now - as_utc(row["paused_at"])).total_seconds())
        return {"paused_at": None, "paused_seconds": int(row["paused_seconds"] or 0) + max(0, pause)}
    if action == "extend":
        try:
            extra = EXTEND_DEFAULT if minutes is None else int(minutes)
        except (TypeError, ValueError):
            raise UsageError("Geef het aantal minuten als getal.") from None
        if not 1 <= extra <= 60:
            raise UsageError("Verleng een fase met 1 tot 60 minuten.")
        return {"extra_minutes": int(row["extra_minutes"] or 0) + extra}
    # next or finish: the current phase goes into the history
    phase = phases[index]
    done = {
        "key": phase.key,
        "name": phase.name,
        "planned_minutes": phase.minutes + int(row["extra_minutes"] or 0),
        "seconds": _elapsed(row, now),
        "ended_at": now.isoformat(timespec="seconds"),
    }
    history = list(row["history"] or ()) + [done]
    if action == "finish" or index + 1 >= len(phases):
        return {"history": history, "finished": True, "paused_at": None}
    return {"history": history, **_begin(index + 1, now)}


def _begin(index: int, now) -> dict:
    return {"phase": index, "phase_started_at": now, "paused_at": None, "paused_seconds": 0, "extra_minutes": 0}


def _round_step(action: str, row, order_ids) -> dict:
    running = bool(row["round_order"])
    if action == "round_start":
        if running:
            raise UsageError("Er loopt al een ronde; stop die eerst.")
        if not order_ids:
            raise UsageError("Er is niemand om een beurt te geven.")
        return {"round_order": order_ids, "round_turn": 0, "rounds": int(row["rounds"] or 0) + 1}
    if not running:
        raise UsageError("Er loopt geen ronde.")
    if action == "round_next" and int(row["round_turn"] or 0) + 1 < len(row["round_order"]):
        return {"round_turn": int(row["round_turn"] or 0) + 1}
    return {"round_order": None, "round_turn": None}  # round_end, or the last turn is over
