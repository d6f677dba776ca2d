"""Who may call what through the leerkring service: the server side of every store call.

The store gateway (:mod:`leerkring.store.gateway`) runs a caller's store call through
:func:`authorise` unless the caller is *trusted* (the ``local`` mode: one OS account is one trust
domain, and that account could open the database itself). For everyone else no request names its
viewer, author or editor:

- the caller (an account name the identity provider vouches for) becomes the workspace person whose
  ``username`` it is; an unlinked account is refused;
- the person's roles per kring come from their memberships; a ``guest`` counts only for the sessions
  they attend (``attendance``: a coach marks them present, ``mark_present``);
- every ``viewer`` argument is replaced by the caller's own member viewer; an ``author``, ``editor``
  or ``by`` must be the caller's own person (``author=None`` stays anonymous where the store allows);
- writes go only into sessions of kringen the caller is a member (or coach, or invited guest) of;
- ``edit_entry`` only edits the caller's own entries, so nobody widens someone else's visibility;
- a person who is only ``manager`` gets no entry texts: every call that reads or writes entries is
  refused (signals, the organisation's view, stay readable);
- coach operations need the ``coach`` role in that kring (or an admin), workspace operations an admin;
- ``kringen`` and ``sessions`` list only the caller's own kringen (a manager: the kringen they manage,
  no sessions); the coach operations that write files as well (:data:`FILE_CALLS`, run by the gateway
  in the service) are checked by :func:`authorise_files` as coach operations;
- the release review of texts for the organisation (``pending_releases``, ``release``, ``reject``,
  ``edit_release``) needs the ``coach`` role in the text's kring, as oneself (no admin exception).

The README's table "Who may call what" says the same per role; keep the two together.
"""

from __future__ import annotations

import inspect
import os
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from leerkring.errors import NotAllowed, NotFound
from leerkring.store import schema
from leerkring.store.people import name_key
from leerkring.store.records import Person, Signal
from leerkring.store.viewer import Viewer

MEMBER_ROLES = frozenset({"coach", "member"})

#: Calls that return entry texts or write entries (refused to a person who is only a manager).
ENTRY_READS = frozenset({"entries", "open_actions", "action_updates", "evaluations", "room", "cases", "actions"})
ENTRY_WRITES = frozenset(
    {"add_entry", "edit_entry", "add_action", "save_action", "report_action", "raise_signal", "add_evaluation"}
)
#: The live session's writes by participants (store/room.py, store/cases.py), each as oneself.
LIVE_WRITES = frozenset({"add_case", "share_case", "vote", "add_reply"})
#: Coach operations, allowed to a coach of the kring they concern and to admins.
COACH = frozenset(
    {
        "add_session",
        "close_session",
        "reopen_session",
        "mark_present",
        "add_member",
        "set_role",
        "link_account",
        "room_control",
    }
)
#: The release review of texts for the organisation: a coach of the text's kring only, as themselves
#: (an admin who is not that kring's coach is refused too; leerkring/store/release.py).
RELEASE = frozenset({"pending_releases", "release", "reject", "edit_release"})
#: Management's answer to a signal: a manager (of any kring: signals are the organisation's view) or an
#: admin, always as themselves.
ANSWER = frozenset({"respond_signal"})
#: Workspace operations, allowed to admins only.
ADMIN = frozenset({"add_kring"})
#: Reads of names and metadata (no entry texts).
READS = frozenset({"session", "kring", "members", "signals", "account", "watch"})
#: What the coach's and manager's forms list: the caller's own kringen (any role: names only) and the
#: sessions of the kringen they take part in (a guest: the sessions they attend; a manager: none).
LISTS = frozenset({"kringen", "sessions"})
#: Every call :func:`authorise` knows; the gateway's allow-list must not hold any other.
KNOWN = ENTRY_READS | ENTRY_WRITES | LIVE_WRITES | COACH | ADMIN | READS | RELEASE | ANSWER | LISTS
#: Coach operations that write the workspace's files as well as its store (the gateway's
#: ``FILE_CALLS``): checked by :func:`authorise_files`.
FILE_CALLS = frozenset({"plan_session", "archive_session", "reopen_session_notebook"})


@dataclass(frozen=True)
class Rights:
    """What one caller is in the workspace, read from the database (and reused briefly, see rights())."""

    username: str
    person: Person | None  # None: an admin account not linked to a person
    roles: dict[int, str]  # kring id -> role
    attended: frozenset[int]  # sessions the person attends (what makes a guest welcome)
    admin: bool

    @property
    def member_kringen(self) -> frozenset[int]:
        return frozenset(k for k, role in self.roles.items() if role in MEMBER_ROLES)

    @property
    def manager_only(self) -> bool:
        return bool(self.roles) and all(role == "manager" for role in self.roles.values())

    def is_coach(self, kring_id: int) -> bool:
        return self.roles.get(kring_id) == "coach"

    def is_self(self, who: Any) -> bool:
        """Whether ``who`` (an id, a name or an account name, as callers pass them) is this person."""
        if self.person is None or who is None or isinstance(who, bool):
            return False
        if isinstance(who, int):
            return who == self.person.id
        if isinstance(who, str):
            key = name_key(who)
            return key == name_key(self.person.name) or (
                self.person.username is not None and key == self.person.username
            )
        return False


#: Seconds a caller's rights are reused between calls (a live session saves every few seconds; each
#: lookup is three queries). A change of membership, role, account or attendance through the service
#: clears them at once; one made elsewhere (the CLI) applies within this time.
RIGHTS_TTL = float(os.environ.get("LEERKRING_RIGHTS_TTL", "2"))
#: Calls after which cached rights are dropped at once.
CHANGES_RIGHTS = frozenset({"add_member", "set_role", "link_account", "mark_present", "add_kring"})
_cache: dict[tuple[int, str, bool], tuple[float, Rights]] = {}
_cache_lock = threading.Lock()


def rights(store, caller) -> Rights:
    """The caller's rights, reused for :data:`RIGHTS_TTL` seconds (see :func:`_read_rights`)."""
    key = (id(store), str(caller.username or ""), bool(caller.admin))
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    found = _read_rights(store, caller)
    with _cache_lock:
        if len(_cache) > 4096:  # many accounts: start again rather than grow without end
            _cache.clear()
        _cache[key] = (now + RIGHTS_TTL, found)
    return found


#: The kring of each session a caller named, per store: a session never moves to another kring and is
#: never deleted (retention and forget remove entries, not sessions), so the checks of a save or a
#: wall read need no query for it after the first. Should sessions ever be deleted, drop this cache:
#: SQLite may give a new session the id of a deleted one.
_session_kringen: weakref.WeakKeyDictionary[Any, dict[int, int]] = weakref.WeakKeyDictionary()
_SESSIONS_KEPT = 100_000


def session_kring(store, session_id) -> int:
    """The kring id of ``session_id`` (:class:`NotFound` for an unknown session, which is not kept)."""
    session_id = int(session_id)
    with _cache_lock:
        known = _session_kringen.setdefault(store, {})
        kring_id = known.get(session_id)
    if kring_id is None:
        kring_id = store.session(session_id).kring_id
        with _cache_lock:
            if len(known) >= _SESSIONS_KEPT:
                known.clear()
            known[session_id] = kring_id
    return kring_id


def forget_rights() -> None:
    """Drop every cached right (after a call that changes memberships, roles or accounts)."""
    with _cache_lock:
        _cache.clear()


def _read_rights(store, caller) -> Rights:
    """The caller's person, roles and attended sessions (one Dutch line for an unlinked account)."""
    username = str(caller.username or "")
    try:
        person = store.account(username)
    except (NotFound, ValueError, TypeError):  # UsageError (a LeerkringError) for an empty name is re-raised
        person = None
    if person is None:
        if caller.admin:
            return Rights(username, None, {}, frozenset(), True)
        raise NotAllowed(
            f"Je account '{username}' is niet gekoppeld aan een lid van deze werkruimte. Vraag je leercoach "
            f'het te koppelen met: leerkring member link "<je naam>" --hub-user {username}'
        )
    m, a = schema.membership.c, schema.attendance.c
    with store.read() as conn:
        roles = {r.kring_id: r.role for r in conn.execute(select(m.kring_id, m.role).where(m.person_id == person.id))}
        attended = frozenset(r.session_id for r in conn.execute(select(a.session_id).where(a.person_id == person.id)))
    return Rights(username, person, roles, attended, bool(caller.admin))


def authorise(store, caller, method: str, args: list, kwargs: dict) -> Callable[[], Any]:
    """The call ``store.<method>(*args, **kwargs)`` as ``caller`` may make it (arguments replaced
    where the caller's identity decides them), ready to run; :class:`NotAllowed` when refused."""
    if method not in KNOWN:
        raise NotAllowed(f"De leerkring-service voert '{method}' niet uit.")
    function = getattr(store, method)
    bound = inspect.signature(function).bind(*args, **kwargs)  # TypeError: a malformed request
    bound.apply_defaults()
    call = bound.arguments
    who = rights(store, caller)
    check = _Check(store, who)
    after: Callable[[Any], Any] = lambda result: result  # noqa: E731

    if method in ENTRY_READS | ENTRY_WRITES | LIVE_WRITES and who.manager_only:
        raise NotAllowed("Als management zie en schrijf je geen bijdragen; je leest de organisatiesamenvatting.")

    if method == "account":
        call["username"] = who.username
    elif method in ("session", "watch"):
        check.session_visible(call["session_id"])
    elif method == "room":
        check.session_visible(call["session_id"])
        call["person"] = who.person.id if who.person is not None else None
    elif method == "cases":
        check.kring_visible(call["kring"])
        call["person"] = who.person.id if who.person is not None else None
    elif method in LIVE_WRITES:
        check.person_needed()
        if method == "add_case":
            check.kring_writable(call["kring"])
        elif method == "vote":
            check.session_writable(call["session_id"])
        elif method == "add_reply":  # the parent must be one the caller sees, in a session they write in
            parent = store.entry(check.viewer(), str(call["parent_uid"]))
            check.session_writable(parent.session_id)
        who_key = "voter" if method == "vote" else "author"
        if not who.is_self(call[who_key]):
            raise NotAllowed("Je kunt alleen als jezelf opslaan, niet namens iemand anders.")
        call[who_key] = who.person.id
    elif method in ("kring", "members"):
        check.kring_visible(call["name_or_slug"] if method == "kring" else call["kring"])
    elif method == "signals":
        if not (who.admin or "manager" in who.roles.values()):
            if call["kring"] is not None:
                check.kring_visible(call["kring"])
            after = check.own_signals
    elif method in ("entries", "evaluations"):
        extra = check.guest_kring(call["session_id"]) if call["session_id"] is not None else ()
        call["viewer"] = check.viewer(extra)
    elif method == "open_actions":
        extra = ()
        if call["before_session"] is not None:
            extra = check.guest_kring(call["before_session"])
        call["viewer"] = check.viewer(extra)
    elif method in ("action_updates", "actions"):
        call["viewer"] = check.viewer()
    elif method == "kringen":
        if not who.admin:
            after = check.own_kringen
    elif method == "sessions":
        if call["kring"] is not None:
            check.sessions_visible(call["kring"])
        if not who.admin:
            after = check.own_sessions
    elif method in ENTRY_WRITES:
        check.person_needed()
        if method == "edit_entry":
            check.own_entry(call["uid"], call["editor"])
            call["editor"] = who.person.id
        else:
            check.session_writable(call["session_id"])
            if "author" in call:
                call["author"] = check.self_or_anonymous(call["author"])
            if method == "report_action":  # only on an action the caller can see (its title is copied)
                store.action(check.viewer(), call["action_id"])
    elif method == "add_kring":
        if not who.admin:
            raise NotAllowed("Een kring toevoegen mag alleen een beheerder van de werkruimte.")
    elif method in ("add_session", "add_member", "set_role"):
        kring = store.kring(call["kring"])
        check.coach_of(kring.id)
        if method == "add_member" and call.get("username"):
            check.may_link(call["name"], call["username"], kring_id=kring.id)
    elif method in ("close_session", "reopen_session", "mark_present", "room_control"):
        session = store.session(call["session_id"])
        check.coach_of(session.kring_id)
        if method != "mark_present":
            call["by"] = check.by(call["by"], session.kring_id)
    elif method == "link_account":
        check.may_link(call["person"], call["username"])
    elif method == "pending_releases":
        if call["kring"] is not None:
            check.release_coach(store.kring(call["kring"]).id)
        else:
            if not any(role == "coach" for role in who.roles.values()):
                raise NotAllowed("Alleen een leercoach ziet de teksten die op vrijgave wachten.")
            after = check.coached_releases
    elif method == "respond_signal":
        store.signal(call["signal_id"])  # NotFound first, as for every other caller
        call["responder"] = check.answerer(call["responder"])
    elif method in RELEASE:  # release, reject, edit_release
        check.release_coach(store.release_record(call["item"]).kring_id)
        call["by"] = check.self_by(call["by"])

    def run() -> Any:
        result = after(function(*bound.args, **bound.kwargs))
        if method in CHANGES_RIGHTS:
            forget_rights()
        return result

    return run


def authorise_files(store, caller, method: str, call: dict) -> None:
    """Check a coach operation that writes files too (:data:`FILE_CALLS`) for ``caller``; ``call`` holds
    its bound arguments and gets the caller's own name as ``by``. :class:`NotAllowed` when refused."""
    if method not in FILE_CALLS:
        raise NotAllowed(f"De leerkring-service voert '{method}' niet uit.")
    check = _Check(store, rights(store, caller))
    if method == "plan_session":
        check.coach_of(store.kring(call["kring"]).id)
        return
    session = store.session(call["session_id"])
    check.coach_of(session.kring_id)
    call["by"] = check.by(call.get("by"), session.kring_id)


class _Check:
    """The individual checks, for one caller's rights."""

    def __init__(self, store, who: Rights):
        self.store = store
        self.who = who

    # -- reading ------------------------------------------------------------------------------------
    def viewer(self, extra_kringen=()) -> Viewer:
        """The caller's own viewer: their member kringen (plus a guest's kring for an attended session)."""
        if self.who.person is None:
            raise NotAllowed("Je account is niet gekoppeld aan een lid; er zijn geen bijdragen voor je.")
        kringen = self.who.member_kringen | frozenset(extra_kringen)
        return Viewer.member(self.who.person.id, kringen, self.who.person.name)

    def guest_kring(self, session_id) -> tuple[int, ...]:
        """The kring of ``session_id`` when the caller is a guest there and attends it, else nothing."""
        kring_id = session_kring(self.store, session_id)
        if self.who.roles.get(kring_id) == "guest" and int(session_id) in self.who.attended:
            return (kring_id,)
        return ()

    def kring_visible(self, kring) -> None:
        target = self.store.kring(kring)
        if not self.who.admin and target.id not in self.who.roles:
            raise NotAllowed(f"Kring '{target.name}' is niet een van jouw kringen.")

    def session_visible(self, session_id) -> None:
        session = self.store.session(session_id)
        role = self.who.roles.get(session.kring_id)
        if self.who.admin or (role is not None and role != "guest") or session.id in self.who.attended:
            return
        raise NotAllowed(f"Sessie {session.id} hoort niet bij jouw kringen.")

    def own_kringen(self, result):
        """The kringen the caller has any role in (a manager: the kringen they manage)."""
        return [k for k in result if k.id in self.who.roles]

    def sessions_visible(self, kring) -> None:
        """Sessions are listed for the kringen the caller takes part in (a guest: filtered afterwards)."""
        target = self.store.kring(kring)
        if self.who.admin or self.who.roles.get(target.id) in ("coach", "member", "guest"):
            return
        raise NotAllowed(f"De sessies van kring '{target.name}' zie je alleen als deelnemer van die kring.")

    def own_sessions(self, result):
        """Sessions of the caller's member kringen and those they attend as a guest."""
        return [s for s in result if s.kring_id in self.who.member_kringen or s.id in self.who.attended]

    def own_signals(self, result):
        """Signals of the caller's member kringen and of the sessions they attend as a guest."""
        if isinstance(result, Signal):
            result = [result]
        return [s for s in result if s.kring_id in self.who.member_kringen or s.session_id in self.who.attended]

    # -- writing ------------------------------------------------------------------------------------
    def person_needed(self) -> None:
        if self.who.person is None:
            raise NotAllowed("Je account is niet gekoppeld aan een lid; je kunt niets opslaan.")

    def session_writable(self, session_id) -> None:
        role = self.who.roles.get(session_kring(self.store, session_id))
        if role in MEMBER_ROLES:
            return
        if role == "guest":
            if int(session_id) in self.who.attended:
                return
            raise NotAllowed("Als gast schrijf je alleen in de sessies waarvoor je bent uitgenodigd.")
        raise NotAllowed("Je bent geen lid van de kring van deze sessie; je kunt er niets opslaan.")

    def kring_writable(self, kring) -> None:
        """A participant of the kring (coach, member or guest) may bring in a case there."""
        target = self.store.kring(kring)
        if self.who.roles.get(target.id) not in ("coach", "member", "guest"):
            raise NotAllowed(f"Kring '{target.name}' is niet een van jouw kringen.")

    def self_or_anonymous(self, author):
        if author is None:
            return None
        if not self.who.is_self(author):
            raise NotAllowed("Je kunt alleen als jezelf opslaan, niet namens iemand anders.")
        return self.who.person.id

    def own_entry(self, uid, editor) -> None:
        if not self.who.is_self(editor):
            raise NotAllowed("Je kunt alleen als jezelf een bijdrage aanpassen.")
        e = schema.entry.c
        with self.store.read() as conn:
            row = conn.execute(
                select(e.author_id, e.session_id).where((e.uid == str(uid)) & (e.is_current == True))  # noqa: E712
            ).first()
        if row is None:
            raise NotFound(f"Onbekende bijdrage {uid}.")
        if row.author_id != self.who.person.id:
            raise NotAllowed("Je kunt alleen je eigen bijdragen aanpassen.")
        self.session_writable(row.session_id)

    # -- coach and admin ----------------------------------------------------------------------------
    def coach_of(self, kring_id: int) -> None:
        if self.who.admin or self.who.is_coach(kring_id):
            return
        name = self.store.kring(kring_id).name
        raise NotAllowed(f"Dit mag alleen een leercoach van kring '{name}'.")

    def by(self, by, kring_id: int):
        """``by`` of a session call: the caller's own person (a coach there), or nobody for an admin."""
        if by is not None and not self.who.is_self(by):
            raise NotAllowed("Je kunt dit alleen als jezelf doen, niet namens iemand anders.")
        if self.who.person is not None and self.who.is_coach(kring_id):
            return self.who.person.name  # by name, so the audit log says who it was
        return None  # an admin who is not a coach here: the store records "systeem"

    def release_coach(self, kring_id: int) -> None:
        """The release review is a coach's of that kring (an admin's rights do not reach it)."""
        if self.who.person is not None and self.who.is_coach(kring_id):
            return
        name = self.store.kring(kring_id).name
        raise NotAllowed(f"Teksten vrijgeven, terugsturen of aanpassen mag alleen een leercoach van kring '{name}'.")

    def coached_releases(self, result):
        """Pending texts of the kringen the caller is coach of."""
        coached = {k for k, role in self.who.roles.items() if role == "coach"}
        return [r for r in result if r.kring_id in coached]

    def answerer(self, responder):
        """``responder`` of an answer to a signal: the caller's own name, a manager somewhere (or an
        admin linked to a person)."""
        if not (self.who.admin or "manager" in self.who.roles.values()):
            raise NotAllowed("Een signaal beantwoorden mag alleen iemand van het management (teamleider).")
        self.person_needed()
        if responder is not None and not self.who.is_self(responder):
            raise NotAllowed("Je kunt dit alleen als jezelf doen, niet namens iemand anders.")
        return self.who.person.name

    def self_by(self, by):
        """``by`` of a release call: the caller's own person."""
        if not self.who.is_self(by):
            raise NotAllowed("Je kunt dit alleen als jezelf doen, niet namens iemand anders.")
        return self.who.person.id

    def may_link(self, person, username, *, kring_id: int | None = None) -> None:
        """A coach links accounts only for people of their own kringen who have none yet; changing an
        existing link, or linking someone who is also elsewhere, is for an admin."""
        if self.who.admin:
            return
        try:
            target = self.store.person(person)
        except NotFound:
            if kring_id is not None:  # add_member creates the person in the coach's kring
                return
            raise
        kringen = {m.kring_id for m in self.store.memberships(target.id)}
        if kring_id is not None:
            kringen.add(kring_id)
        coached = {k for k in kringen if self.who.is_coach(k)}
        if not coached:
            raise NotAllowed(f"Een account koppelen voor '{target.name}' mag alleen een leercoach van diens kring.")
        if coached != kringen:
            raise NotAllowed(
                f"'{target.name}' is ook lid van andere kringen; vraag de beheerder het account te koppelen."
            )
        if target.username is not None and target.username != str(username).strip().casefold():
            raise NotAllowed(f"'{target.name}' heeft al een gekoppeld account; alleen een beheerder kan dat wijzigen.")
