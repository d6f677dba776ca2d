"""What a session notebook may do with the store: :class:`StoreAPI`, one declared interface.

The forms of a session notebook reach the store in one of two ways: a :class:`~leerkring.store.Store`
opened in the kernel (``LEERKRING_NOTEBOOK_STORE=local``, or when the leerkring service cannot take
store calls), or a :class:`~leerkring.store.remote.RemoteStore` that sends each call to the service.
Both satisfy :class:`StoreAPI`, with the same parameters (a test compares them with
``inspect.signature``), so the widgets are written once against this protocol; and the service's
allow-list (:data:`leerkring.store.gateway.METHODS`) is exactly :data:`METHODS`.

Visibility is the store's: every read that returns text takes a :class:`~leerkring.store.Viewer`.
Through a shared service (``peer``, ``hub``) the service decides the viewer, author and editor from
the authenticated caller instead, and the coach and workspace operations at the end are refused to
whoever lacks the role (:mod:`leerkring.store.policy`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    import datetime as dt

    from leerkring.frameworks import Frameworks
    from leerkring.store.records import (
        Action,
        ActionUpdate,
        Case,
        Entry,
        Evaluation,
        Kring,
        Member,
        Person,
        Release,
        Room,
        Saved,
        Session,
        Signal,
    )
    from leerkring.store.viewer import Viewer


@runtime_checkable
class StoreAPI(Protocol):
    """The store as a session notebook uses it (see the module docstring)."""

    @property
    def frameworks(self) -> Frameworks:
        """The workspace's principles, methods and vocabularies (files, read where the caller runs)."""
        ...

    def close(self) -> None: ...

    # -- reading ------------------------------------------------------------------------------------
    def session(self, session_id: int) -> Session: ...

    def kring(self, name_or_slug: str | int) -> Kring: ...

    def members(self, kring: str | int) -> list[Member]: ...

    def kringen(self) -> list[Kring]:
        """Every kring; through a shared service only the caller's own (names, no texts)."""
        ...

    def sessions(self, kring=None, status: str | None = None, start=None, end=None) -> list[Session]:
        """Sessions by date; through a shared service only those of the kringen the caller takes part in."""
        ...

    def actions(self, viewer: Viewer, kring=None, status: str | tuple[str, ...] | None = None) -> list[Action]: ...

    def entries(
        self,
        viewer: Viewer,
        *,
        session_id: int | None = None,
        kring: str | int | None = None,
        principle: str | None = None,
        kind: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        history: bool = False,
        limit: int | None = None,
        before: int | None = None,
    ) -> list[Entry]:
        """Oldest first; ``limit`` keeps the newest ``limit``, ``before`` (an entry id) pages back."""
        ...

    def open_actions(self, viewer: Viewer, kring: str | int, before_session: int | None = None) -> list[Action]: ...

    def action_updates(
        self, viewer: Viewer, action_id: int | None = None, kring: str | int | None = None
    ) -> list[ActionUpdate]: ...

    def signals(
        self, kring: str | int | None = None, status: str | None = None, signal_id: int | None = None
    ) -> list[Signal]: ...

    def evaluations(
        self, viewer: Viewer, session_id: int | None = None, kring: str | int | None = None
    ) -> list[Evaluation]: ...

    # -- writing ------------------------------------------------------------------------------------
    def add_entry(
        self,
        session_id: int,
        principle: str,
        kind: str,
        text: str,
        *,
        author: str | int | None = None,
        visibility: str = "kring",
        tags: Any = (),
        extra: dict | None = None,
        step: str = "",
        keep: bool = False,
        client_key: str | None = None,
    ) -> Saved: ...

    def edit_entry(
        self,
        uid: str,
        editor: str | int,
        text: str | None = None,
        *,
        visibility: str | None = None,
        tags: Any = None,
        extra: dict | None = None,
    ) -> Saved: ...

    def add_action(
        self,
        session_id: int,
        title: str,
        *,
        owner: str | int | None = None,
        due: Any = None,
        author: str | int | None = None,
        visibility: str = "kring",
    ) -> Action: ...

    def save_action(
        self,
        session_id: int,
        text: str,
        *,
        owner: str | int | None = None,
        due: Any = None,
        author: str | int | None = None,
        visibility: str = "kring",
        tags: Any = (),
        step: str = "",
        client_key: str | None = None,
    ) -> Saved: ...

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
    ) -> ActionUpdate: ...

    def raise_signal(self, session_id: int, title: str, text: str = "", *, client_key: str | None = None) -> Signal: ...

    def add_evaluation(
        self, session_id: int, free_to_speak: int, useful: int, remark: str = "", *, client_key: str | None = None
    ) -> Evaluation: ...

    # -- the live session (leerkring/store/room.py, cases.py) --------------------------------------
    def room(self, session_id: int, *, person: str | int | None = None) -> Room:
        """The session's phase, timer, vote and round; through a shared service ``person`` is the caller."""
        ...

    def watch(self, session_id: int, since: int = 0, timeout: float = 25.0) -> int:
        """Blocks until the session's live version differs from ``since`` (or ``timeout`` seconds)."""
        ...

    def cases(self, kring: str | int, *, person: str | int | None = None) -> list[Case]: ...

    def add_case(
        self, kring: str | int, title: str, text: str = "", *, author: str | int, client_key: str | None = None
    ) -> Case: ...

    def share_case(self, case_id: int, *, author: str | int) -> Case: ...

    def vote(self, session_id: int, case_id: int, *, voter: str | int) -> Room: ...

    def add_reply(
        self,
        parent_uid: str,
        text: str,
        *,
        author: str | int,
        visibility: str | None = None,
        client_key: str | None = None,
    ) -> Saved: ...

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
        """The coach's steps: phases, timer, vote and rounds (a coach of the kring)."""
        ...

    # -- who am I -----------------------------------------------------------------------------------
    def account(self, username: str) -> Person:
        """The person linked to an account; through a shared service always the caller's own."""
        ...

    # -- coach operations (a coach of the kring, or an admin) ---------------------------------------
    def add_session(self, kring, date, method: str | None = None, title: str = "") -> Session: ...

    def close_session(self, session_id: int, by: str | int | None = None) -> Session: ...

    def reopen_session(self, session_id: int, by: str | int) -> Session: ...

    def mark_present(self, session_id: int, name: str | int) -> None: ...

    def add_member(self, kring: str | int, name: str, role: str = "member", username: str | None = None) -> Member: ...

    def set_role(self, kring: str | int, name: str, role: str) -> Member: ...

    def link_account(self, person: str | int, username: str) -> Person: ...

    # -- release review (a coach of the text's kring; leerkring/store/release.py) ------------------
    def pending_releases(self, kring: str | int | None = None) -> list[Release]:
        """Texts waiting for a coach's release; through a shared service those of the caller's kringen
        as coach."""
        ...

    def release(self, item: int, by: str | int) -> Release: ...

    def reject(self, item: int, by: str | int, reason: str = "") -> Release: ...

    def edit_release(
        self, item: int, by: str | int, text: str | None = None, *, title: str | None = None
    ) -> Release: ...

    # -- workspace operations (an admin) ------------------------------------------------------------
    # -- management's answer to a signal (a manager or an admin, as themselves) ---------------------
    def respond_signal(self, signal_id: int, responder: str, text: str, status: str = "answered") -> Signal: ...

    def add_kring(self, name: str, description: str = "") -> Kring: ...


#: Members of :class:`StoreAPI` that each side answers itself instead of through the service.
LOCAL = frozenset({"frameworks", "close"})
#: The store calls a session notebook makes: what the service's gateway runs for a kernel.
METHODS = frozenset(name for name in vars(StoreAPI) if not name.startswith("_") and name not in LOCAL)
#: Calls that change nothing: resending one whose answer was lost is always safe.
READS = METHODS & {
    "session",
    "kring",
    "members",
    "kringen",
    "sessions",
    "actions",
    "account",
    "entries",
    "open_actions",
    "action_updates",
    "signals",
    "evaluations",
    "pending_releases",
    "room",
    "watch",
    "cases",
}
#: Every other call writes (the service's per-person rate limit counts these).
WRITES = METHODS - READS
#: Writes made idempotent by a ``client_key``: a client may resend them when the answer was lost.
#: A write in neither set is never sent twice (an edit would add a second revision).
IDEMPOTENT = frozenset(
    {"add_entry", "save_action", "report_action", "raise_signal", "add_evaluation", "add_reply", "add_case"}
)
