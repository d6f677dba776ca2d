"""A store for session-notebook kernels that forwards each call to the leerkring service.

A member's kernel would otherwise import SQLAlchemy (about 0.2 s per kernel) and hold database
connections of its own, ten kernels to a session. :class:`RemoteStore` satisfies
:class:`~leerkring.store.protocol.StoreAPI` with the same parameters, results and errors as
:class:`~leerkring.store.Store`; the service's :class:`~leerkring.store.gateway.StoreGateway` runs the
calls on a real store. Each method is written out (no ``__getattr__``), so what a kernel can ask for
is visible here and checked against the protocol by a test. The frameworks are read locally: they
are files, not database rows.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leerkring import errors
from leerkring.service import framing
from leerkring.store import wire

if TYPE_CHECKING:
    from leerkring.store.records import (
        Action,
        ActionUpdate,
        Entry,
        Evaluation,
        Kring,
        Member,
        Saved,
        Session,
        Signal,
    )
    from leerkring.store.viewer import Viewer


class RemoteUnavailable(errors.DatabaseError):
    """The service does not answer store calls (none can start, or an older version runs)."""

    def __init__(self, detail: str = ""):
        super().__init__("De leerkring-service is niet bereikbaar" + (f" ({detail})" if detail else "") + ".")


class RemoteStore:
    def __init__(self, root: Path, url: str, frameworks):
        self.root = Path(root)
        self.url = url
        self._frameworks = frameworks
        self._sock: socket.socket | None = None  # one connection for all calls of this kernel
        self._reader = None
        self._lock = threading.Lock()

    @property
    def frameworks(self):
        return self._frameworks

    def close(self) -> None:
        with self._lock:
            self._drop()

    # -- reading (see StoreAPI) ---------------------------------------------------------------------
    def session(self, session_id: int) -> Session:
        return self.call("session", session_id)

    def kring(self, name_or_slug: str | int) -> Kring:
        return self.call("kring", name_or_slug)

    def members(self, kring: str | int) -> list[Member]:
        return self.call("members", kring)

    def entries(
        self,
        viewer: Viewer,
        *,
        session_id=None,
        kring=None,
        principle=None,
        kind=None,
        start=None,
        end=None,
        history: bool = False,
    ) -> list[Entry]:
        return self.call(
            "entries",
            viewer,
            session_id=session_id,
            kring=kring,
            principle=principle,
            kind=kind,
            start=start,
            end=end,
            history=history,
        )

    def open_actions(self, viewer: Viewer, kring, before_session: int | None = None) -> list[Action]:
        return self.call("open_actions", viewer, kring, before_session)

    def action_updates(self, viewer: Viewer, action_id: int | None = None, kring=None) -> list[ActionUpdate]:
        return self.call("action_updates", viewer, action_id, kring)

    def signals(self, kring=None, status: str | None = None, signal_id: int | None = None) -> list[Signal]:
        return self.call("signals", kring, status, signal_id)

    def evaluations(self, viewer, session_id: int | None = None, kring=None) -> list[Evaluation]:
        return self.call("evaluations", viewer, session_id, kring)

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
        tags=(),
        extra: dict | None = None,
        step: str = "",
        keep: bool = False,
        client_key: str | None = None,
    ) -> Saved:
        return self.call(
            "add_entry",
            session_id,
            principle,
            kind,
            text,
            author=author,
            visibility=visibility,
            tags=tags,
            extra=extra,
            step=step,
            keep=keep,
            client_key=client_key,
        )

    def edit_entry(
        self, uid: str, editor: str | int, text: str | None = None, *, visibility=None, tags=None, extra=None
    ) -> Saved:
        return self.call("edit_entry", uid, editor, text, visibility=visibility, tags=tags, extra=extra)

    def add_action(
        self,
        session_id: int,
        title: str,
        *,
        owner: str | int | None = None,
        due=None,
        author: str | int | None = None,
        visibility: str = "kring",
    ) -> Action:
        return self.call("add_action", session_id, title, owner=owner, due=due, author=author, visibility=visibility)

    def save_action(
        self,
        session_id: int,
        text: str,
        *,
        owner: str | int | None = None,
        due=None,
        author: str | int | None = None,
        visibility: str = "kring",
        tags=(),
        step: str = "",
        client_key: str | None = None,
    ) -> Saved:
        return self.call(
            "save_action",
            session_id,
            text,
            owner=owner,
            due=due,
            author=author,
            visibility=visibility,
            tags=tags,
            step=step,
            client_key=client_key,
        )

    def report_action(
        self,
        action_id: int,
        session_id: int,
        *,
        effect: str = "",
        lesson: str = "",
        status: str = "continued",
        author: str | int | None = None,
    ) -> ActionUpdate:
        return self.call(
            "report_action", action_id, session_id, effect=effect, lesson=lesson, status=status, author=author
        )

    def raise_signal(self, session_id: int, title: str, text: str = "") -> Signal:
        return self.call("raise_signal", session_id, title, text)

    def add_evaluation(self, session_id: int, free_to_speak: int, useful: int, remark: str = "") -> Evaluation:
        return self.call("add_evaluation", session_id, free_to_speak, useful, remark)

    # -- the connection -----------------------------------------------------------------------------
    def _drop(self) -> None:
        for part in (self._reader, self._sock):
            if part is not None:
                with contextlib.suppress(OSError):  # closing a broken connection: nothing left to lose
                    part.close()
        self._sock = self._reader = None

    def _connect(self) -> None:
        from leerkring.service import client

        try:
            sock = client.connect()
        except OSError:  # no service yet (or it went away): start one, once
            try:
                client.start_service()
                sock = client.connect()
            except (OSError, errors.LeerkringError) as exc:
                raise RemoteUnavailable(str(exc)) from None
        self._sock, self._reader = sock, sock.makefile("rb")

    def _exchange(self, line: bytes) -> dict:
        """Send one request line and read the answer, on the kept connection.

        A request that could not be sent (the service restarted since the last call) goes again on a
        new connection. Once sent it is never repeated: a write may have landed before an answer was lost.
        """
        for attempt in (1, 2):
            if self._sock is None:
                self._connect()
            try:
                self._sock.sendall(line)
                break
            except OSError:
                self._drop()
                if attempt == 2:
                    raise RemoteUnavailable("verzoek niet te versturen") from None
        try:
            return framing.receive(self._reader)
        except TimeoutError:
            self._drop()
            raise errors.DatabaseError(
                "De leerkring-service gaf geen antwoord. Ververs het formulier om te zien of je bijdrage is opgeslagen."
            ) from None
        except (OSError, ValueError):
            self._drop()
            raise errors.DatabaseError(
                "De verbinding met de leerkring-service brak af. Ververs het formulier om te zien of je bijdrage "
                "is opgeslagen."
            ) from None

    def call(self, method: str, *args, **kwargs) -> Any:
        """Run ``store.<method>(*args, **kwargs)`` in the service; its errors are raised here."""
        payload = {
            "op": "store",
            "workspace": str(self.root),
            "database_url": self.url,
            "method": method,
            "args": wire.encode(list(args)),
            "kwargs": wire.encode(kwargs),
        }
        with self._lock:
            answer = self._exchange(framing.encode(payload))
        if answer.get("ok"):
            return wire.decode(answer.get("result"))
        kind = answer.get("kind")
        if not kind:  # an older service that does not know store calls
            raise RemoteUnavailable(str(answer.get("error")))
        cls = getattr(errors, str(kind), None)
        if not (isinstance(cls, type) and issubclass(cls, errors.LeerkringError)):
            cls = errors.LeerkringError
        raise cls(str(answer.get("error") or "De leerkring-service gaf een fout."))
