"""Plain, immutable records that the store returns. No database objects leak out of the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Kring:
    id: int
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    username: str | None


@dataclass(frozen=True)
class Member:
    person_id: int
    name: str
    role: str
    kring_id: int
    username: str | None = None


@dataclass(frozen=True)
class Session:
    id: int
    kring_id: int
    date: dt.date
    method: str
    title: str
    status: str
    notebook: str | None
    closed_at: dt.datetime | None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class Entry:
    id: int
    uid: str
    revision: int
    session_id: int
    kring_id: int
    principle: str
    kind: str
    step: str
    author_id: int | None
    author: str | None  # None when anonymous or hidden from this viewer
    visibility: str
    tags: tuple[str, ...]
    extra: dict
    text: str | None
    findings: tuple[dict, ...]
    keep: bool
    created_at: dt.datetime
    # the release review of a text shared with the organisation, for its author only (else None):
    # "pending", "released" or "rejected", with the coach's reason when it was sent back
    release: str | None = None
    release_reason: str = ""
    # the live session (schema version 5): the entry a reply answers, and the phase it was saved in
    parent_uid: str | None = None
    phase: str = ""


@dataclass(frozen=True)
class Saved:
    """What a save returns to the author: the stored entry and what the scrubber replaced."""

    entry: Entry
    replaced: tuple[dict, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Action:
    id: int
    kring_id: int
    session_id: int
    title: str | None  # None for the organisation unless the action was shared with it
    owner_id: int | None
    owner: str | None
    due_date: dt.date | None
    status: str
    created_at: dt.datetime
    closed_at: dt.datetime | None


@dataclass(frozen=True)
class ActionUpdate:
    id: int
    action_id: int
    session_id: int
    effect: str
    lesson: str
    status: str
    created_at: dt.datetime


@dataclass(frozen=True)
class Signal:
    id: int
    kring_id: int
    session_id: int | None
    title: str
    text: str
    status: str
    raised_at: dt.datetime
    answered_at: dt.datetime | None
    responses: tuple[SignalResponse, ...] = ()


@dataclass(frozen=True)
class SignalResponse:
    id: int
    signal_id: int
    responder: str
    text: str
    status: str
    created_at: dt.datetime


@dataclass(frozen=True)
class Evaluation:
    id: int
    session_id: int
    free_to_speak: int
    useful: int
    remark: str
    created_at: dt.datetime


@dataclass(frozen=True)
class Release:
    """One text under the coach's release review (:mod:`leerkring.store.release`).

    ``item`` is ``entry`` (one revision of an entry shared with the organisation), ``signal`` or
    ``response`` (an answer to a signal); ``text`` is the text that would be published (a signal's
    explanation, with its ``title`` beside it). ``status``: ``pending``, ``released``, ``rejected`` or
    ``replaced`` (an entry revision the author or the coach replaced by a newer one).
    """

    id: int
    item: str
    kring_id: int
    status: str
    title: str
    text: str
    entry_uid: str | None
    signal_id: int | None
    response_id: int | None
    session_id: int | None
    principle: str | None
    kind: str | None
    decision: str | None  # "coach", "auto" or "management" once decided
    decided_by: str | None  # the coach's name (None for "auto", or once that person was forgotten)
    decided_at: dt.datetime | None
    reason: str
    created_at: dt.datetime


@dataclass(frozen=True)
class Case:
    """A case (casus) a member prepares for the kring. Never names its author: ``mine`` says whether
    the one who asked wrote it (a draft is only ever shown to its author)."""

    id: int
    kring_id: int
    title: str
    text: str
    status: str  # "draft" or "shared"
    mine: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class Room:
    """The live state of one session (:mod:`leerkring.store.room`), as one participant sees it.

    ``phases`` are ``(key, name, minutes, principles)`` of the session's method. ``seconds_left`` is
    computed by the store when asked (negative: over time); ``locked`` holds the principles whose every
    phase is over (saves into them are refused). The vote's ``tally`` is ``(case id, title, votes)``
    per shared case, never who voted; ``votes_left`` is the asking person's.
    """

    session_id: int
    version: int
    phases: tuple[tuple, ...]
    state: str  # "waiting", "running", "paused" or "finished"
    phase: int | None
    phase_key: str
    phase_name: str
    seconds_left: int | None
    phase_minutes: int | None
    locked: frozenset[str]
    vote: str  # "none", "open" or "closed"
    votes_per_person: int
    votes_left: int
    tally: tuple[tuple, ...]
    case: Case | None
    round_names: tuple[str, ...]
    round_turn: int | None
    history: tuple[dict, ...]
    server_time: dt.datetime
