"""A store for session-notebook kernels that forwards each call to the leerkring service.

A member's kernel would otherwise import SQLAlchemy (about 0.2 s per kernel) and hold database
connections of its own, ten kernels to a session. :class:`RemoteStore` satisfies
:class:`~leerkring.store.protocol.StoreAPI` with the same parameters, results and errors as
:class:`~leerkring.store.Store`; the service's :class:`~leerkring.store.gateway.StoreGateway` runs the
calls on a real store. Each method is written out (no ``__getattr__``), so what a kernel can ask for
is visible here and checked against the protocol by a test. The frameworks are read locally: they
are files, not database rows.

How a call travels is a :class:`Transport`: the local service's Unix socket (:class:`SocketTransport`,
the default) or, on JupyterHub, HTTP to the hub's leerkring service with this server's hub token
(:class:`HttpTransport`, chosen when ``LEERKRING_SERVICE_URL`` is set). Both raise the same errors:
the answer's ``kind`` names a :mod:`leerkring.errors` class; :class:`NotSent` means the request never
left (safe to repeat), :class:`NoAnswer` that it left and no answer came (repeat only what is safe).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import os
import socket
import threading
import time
import urllib.parse
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from leerkring import errors
from leerkring.service import framing
from leerkring.service import limits as service_limits
from leerkring.store import protocol, wire

if TYPE_CHECKING:
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

log = logging.getLogger(__name__)

SERVICE_URL_ENV = "LEERKRING_SERVICE_URL"  # set by the hub for single-user servers (`leerkring hub config`)
HUB_TOKEN_ENV = "JUPYTERHUB_API_TOKEN"  # the single-user server's own hub token
#: Seconds to wait for an answer over HTTP (scrubbing a long text takes well under a second).
REQUEST_TIMEOUT = float(os.environ.get("LEERKRING_SERVICE_TIMEOUT", "60"))


class NotSent(errors.DatabaseError):
    """The request never reached the service (nothing listened, or the connection broke before it
    was sent): repeating it is always safe."""


class RemoteUnavailable(NotSent):
    """The service does not answer store calls (none can start, or an older version runs)."""

    def __init__(self, detail: str = ""):
        super().__init__("De leerkring-service is niet bereikbaar" + (f" ({detail})" if detail else "") + ".")


class RemoteStore:
    """:class:`~leerkring.store.protocol.StoreAPI` over a :class:`Transport` (default: from the
    environment, see :func:`transport_from_env`)."""

    def __init__(self, root: Path, url: str, frameworks, transport: Transport | None = None):
        self.root = Path(root)
        self.url = url
        self._frameworks = frameworks
        self.transport = transport or transport_from_env(self.root, url)

    @property
    def frameworks(self):
        return self._frameworks

    def close(self) -> None:
        self.transport.close()

    # -- reading (see StoreAPI) ---------------------------------------------------------------------
    def session(self, session_id: int) -> Session:
        return self.call("session", session_id)

    def kring(self, name_or_slug: str | int) -> Kring:
        return self.call("kring", name_or_slug)

    def members(self, kring: str | int) -> list[Member]:
        return self.call("members", kring)

    def kringen(self) -> list[Kring]:
        return self.call("kringen")

    def sessions(self, kring=None, status: str | None = None, start=None, end=None) -> list[Session]:
        return self.call("sessions", kring, status, start, end)

    def actions(self, viewer: Viewer, kring=None, status: str | tuple[str, ...] | None = None) -> list[Action]:
        return self.call("actions", viewer, kring, status)

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
        limit: int | None = None,
        before: int | None = None,
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
            limit=limit,
            before=before,
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
        client_key: str | None = None,
    ) -> ActionUpdate:
        return self.call(
            "report_action",
            action_id,
            session_id,
            effect=effect,
            lesson=lesson,
            status=status,
            author=author,
            client_key=client_key,
        )

    def raise_signal(self, session_id: int, title: str, text: str = "", *, client_key: str | None = None) -> Signal:
        return self.call("raise_signal", session_id, title, text, client_key=client_key)

    def add_evaluation(
        self, session_id: int, free_to_speak: int, useful: int, remark: str = "", *, client_key: str | None = None
    ) -> Evaluation:
        return self.call("add_evaluation", session_id, free_to_speak, useful, remark, client_key=client_key)

    # -- the live session (see StoreAPI) ---------------------------------------------------------------
    def room(self, session_id: int, *, person: str | int | None = None) -> Room:
        return self.call("room", session_id, person=person)

    def watch(self, session_id: int, since: int = 0, timeout: float = 25.0) -> int:
        return self.call("watch", session_id, since, timeout)

    def cases(self, kring: str | int, *, person: str | int | None = None) -> list[Case]:
        return self.call("cases", kring, person=person)

    def add_case(
        self, kring: str | int, title: str, text: str = "", *, author: str | int, client_key: str | None = None
    ) -> Case:
        return self.call("add_case", kring, title, text, author=author, client_key=client_key)

    def share_case(self, case_id: int, *, author: str | int) -> Case:
        return self.call("share_case", case_id, author=author)

    def vote(self, session_id: int, case_id: int, *, voter: str | int) -> Room:
        return self.call("vote", session_id, case_id, voter=voter)

    def add_reply(
        self,
        parent_uid: str,
        text: str,
        *,
        author: str | int,
        visibility: str | None = None,
        client_key: str | None = None,
    ) -> Saved:
        return self.call("add_reply", parent_uid, text, author=author, visibility=visibility, client_key=client_key)

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
        return self.call(
            "room_control", session_id, action, minutes=minutes, votes=votes, case_id=case_id, order=order, by=by
        )

    # -- who am I, coach and workspace operations (the service decides who may) ----------------------
    def account(self, username: str) -> Person:
        return self.call("account", username)

    def add_session(self, kring, date, method: str | None = None, title: str = "") -> Session:
        return self.call("add_session", kring, date, method, title)

    def close_session(self, session_id: int, by: str | int | None = None) -> Session:
        return self.call("close_session", session_id, by)

    def reopen_session(self, session_id: int, by: str | int) -> Session:
        return self.call("reopen_session", session_id, by)

    def mark_present(self, session_id: int, name: str | int) -> None:
        return self.call("mark_present", session_id, name)

    def add_member(self, kring: str | int, name: str, role: str = "member", username: str | None = None) -> Member:
        return self.call("add_member", kring, name, role, username)

    def set_role(self, kring: str | int, name: str, role: str) -> Member:
        return self.call("set_role", kring, name, role)

    def link_account(self, person: str | int, username: str) -> Person:
        return self.call("link_account", person, username)

    # -- release review (see StoreAPI) ----------------------------------------------------------------
    def pending_releases(self, kring: str | int | None = None) -> list[Release]:
        return self.call("pending_releases", kring)

    def release(self, item: int, by: str | int) -> Release:
        return self.call("release", item, by)

    def reject(self, item: int, by: str | int, reason: str = "") -> Release:
        return self.call("reject", item, by, reason)

    def edit_release(self, item: int, by: str | int, text: str | None = None, *, title: str | None = None) -> Release:
        return self.call("edit_release", item, by, text, title=title)

    def respond_signal(self, signal_id: int, responder: str, text: str, status: str = "answered") -> Signal:
        return self.call("respond_signal", signal_id, responder, text, status)

    def add_kring(self, name: str, description: str = "") -> Kring:
        return self.call("add_kring", name, description)

    # -- the call ---------------------------------------------------------------------------------
    def call(self, method: str, *args, **kwargs) -> Any:
        """Run ``store.<method>(*args, **kwargs)`` in the service; its errors are raised here.

        A save that can carry a ``client_key`` gets one here when the caller gave none, so that it can
        be sent again when its answer is lost (:func:`exchange_with_retries`).
        """
        if method in protocol.IDEMPOTENT and not kwargs.get("client_key"):
            kwargs["client_key"] = uuid.uuid4().hex
        payload = {"method": method, "args": wire.encode(list(args)), "kwargs": wire.encode(kwargs)}
        check_request_size(payload)
        answer = exchange_with_retries(self.transport, "store", payload, repeatable=method in REPEATABLE)
        if answer.get("ok"):
            return wire.decode(answer.get("result"))
        raise answer_error(answer)


def answer_error(answer: dict) -> errors.LeerkringError:
    """The leerkring error an ``{"ok": false, ...}`` answer stands for (its ``kind`` names the class)."""
    kind = answer.get("kind")
    if not kind:  # an older service that does not know store calls
        return RemoteUnavailable(str(answer.get("error")))
    cls = getattr(errors, str(kind), None)
    if not (isinstance(cls, type) and issubclass(cls, errors.LeerkringError)):
        cls = errors.LeerkringError
    return cls(str(answer.get("error") or "De leerkring-service gaf een fout."))


# ------------------------------------------------------------------------------------ retries
#: Store calls that may be sent again when their answer was lost: reads, and saves with a ``client_key``.
REPEATABLE = protocol.READS | protocol.IDEMPOTENT
#: How often a call whose answer was lost (or that could not be sent) is sent again.
RETRIES = int(os.environ.get("LEERKRING_SERVICE_RETRIES", "6"))
#: The pause before the first repeat, in seconds; it doubles each time, up to :data:`RETRY_PAUSE_MAX`.
RETRY_PAUSE = 0.2
RETRY_PAUSE_MAX = 5.0


def exchange_with_retries(
    transport: Transport,
    op: str,
    payload: dict,
    *,
    repeatable: bool,
    retries: int | None = None,
    sleep=time.sleep,
) -> dict:
    """``transport.exchange(op, payload)``, sent again when that is safe; for every transport.

    - :class:`NotSent` (nothing left, e.g. the service or the hub's proxy is restarting): sent again;
    - :class:`NoAnswer` (sent, no answer: the service was killed, the connection broke, a timeout):
      sent again, the same request with the same ``client_key``, only when ``repeatable`` (a read, or a
      save the store recognises by its key); otherwise raised, as the write may have landed;
    - :class:`RemoteUnavailable` (no service can start, or an older one runs): raised at once.

    At most ``retries`` repeats (:data:`RETRIES`), with a pause that doubles from :data:`RETRY_PAUSE`.
    A socket transport reconnects on the next exchange and starts the service when none answers.
    """
    retries = RETRIES if retries is None else retries
    pause = RETRY_PAUSE
    for attempt in range(retries + 1):
        try:
            return transport.exchange(op, payload)
        except RemoteUnavailable:
            raise
        except NoAnswer:
            if not repeatable or attempt == retries:
                raise
            log.info("no answer to %s (attempt %d); sending it again", payload.get("method", op), attempt + 1)
        except NotSent:
            if attempt == retries:
                raise
            log.info("%s not sent (attempt %d); trying again", payload.get("method", op), attempt + 1)
        sleep(pause)
        pause = min(pause * 2, RETRY_PAUSE_MAX)
    raise AssertionError("unreachable")  # the loop returns or raises


def check_request_size(payload: dict) -> None:
    """Refuse, before sending, a request the service would refuse for its size (one Dutch line)."""
    size = len(json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    if size > service_limits.MAX_REQUEST_BYTES:
        raise errors.UsageError(
            f"Dit verzoek is te groot voor de leerkring-service ({service_limits.megabytes(size)}; hoogstens "
            f"{service_limits.megabytes(service_limits.MAX_REQUEST_BYTES)}). Maak de tekst korter."
        )


# ------------------------------------------------------------------------------------ transports
class NoAnswer(errors.DatabaseError):
    """The request was sent but no answer came (the service stopped, the connection broke, a
    timeout): it may have been carried out, so only a call that is safe to repeat (a read, or a save
    with its ``client_key``) may be sent again."""

    def __init__(self, message: str = ""):
        super().__init__(
            message
            or "De verbinding met de leerkring-service brak af. Ververs het formulier om te zien of je bijdrage "
            "is opgeslagen."
        )


class Transport(Protocol):
    """How a request reaches the service: ``exchange(op, payload)`` returns the answer object or
    raises :class:`NotSent` / :class:`NoAnswer` (both one line of Dutch)."""

    def exchange(self, op: str, payload: dict) -> dict: ...

    def close(self) -> None: ...


def transport_from_env(root: Path | None = None, url: str = "") -> Transport:
    """HTTP to the hub's leerkring service when ``LEERKRING_SERVICE_URL`` is set (a single-user server
    on JupyterHub), else the local service's Unix socket."""
    service_url = os.environ.get(SERVICE_URL_ENV, "").strip()
    if service_url:
        return HttpTransport(service_url, os.environ.get(HUB_TOKEN_ENV, ""))
    return SocketTransport(root, url)


class SocketTransport:
    """The local or peer service over its Unix socket, one kept connection. The workspace and the
    database URL travel with each request (the local service serves every workspace of its user)."""

    def __init__(self, root: Path | None = None, url: str = ""):
        self.root = root
        self.url = url
        self._sock: socket.socket | None = None  # one connection for all calls of this kernel
        self._reader = None
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._drop()

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

    def exchange(self, op: str, payload: dict) -> dict:
        """Send one request line and read the answer, on the kept connection.

        A request that could not be sent (the service restarted since the last call) goes again on a
        new connection. Once sent it is never repeated here: a write may have landed before an answer
        was lost (:class:`NoAnswer`).
        """
        message = {"op": op, **payload}
        if op == "store":
            message.update(workspace=str(self.root or ""), database_url=self.url)
        line = framing.encode(message)
        with self._lock:
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
                raise NoAnswer(
                    "De leerkring-service gaf geen antwoord. Ververs het formulier om te zien of je bijdrage is "
                    "opgeslagen."
                ) from None
            except (OSError, ValueError):
                self._drop()
                raise NoAnswer() from None


class HttpTransport:
    """The leerkring service of a JupyterHub (``/services/leerkring/``) over HTTP, with the hub token
    of this server (``JUPYTERHUB_API_TOKEN``). The service knows the workspace and its database: the
    request names neither, and this kernel holds no key to the data.

    Standard library only (``http.client``), so a kernel loads neither requests nor tornado. One
    connection is kept while it is busy; one idle for longer than :data:`KEEP_IDLE` seconds is
    replaced before use, since proxies close idle connections and a request sent on one that is just
    being closed would be lost in between.
    """

    KEEP_IDLE = 2.0

    def __init__(self, base_url: str, token: str, *, timeout: float | None = None):
        parts = urllib.parse.urlsplit(base_url if base_url.endswith("/") else base_url + "/")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise errors.UsageError(f"{SERVICE_URL_ENV} is geen http(s)-adres: {base_url!r}.")
        self.base_url = urllib.parse.urlunsplit(parts)
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port
        self._path = parts.path
        self.token = token
        self.timeout = REQUEST_TIMEOUT if timeout is None else timeout
        self._conn: http.client.HTTPConnection | None = None
        self._last_used = 0.0
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(OSError):  # closing a broken connection: nothing left to lose
                self._conn.close()
        self._conn = None

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is not None and time.monotonic() - self._last_used > self.KEEP_IDLE:
            self._drop()
        if self._conn is None:
            cls = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            conn = cls(self._host, self._port, timeout=self.timeout)
            try:
                conn.connect()
            except OSError as exc:  # nothing listens (the service or the proxy is restarting)
                conn.close()
                raise NotSent(
                    f"De leerkring-service op {self.base_url} is niet bereikbaar ({exc.strerror or type(exc).__name__})."
                ) from None
            self._conn = conn
        return self._conn

    def request(self, http_method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        """``(status, answer object)`` of one request to ``<base_url><path>``."""
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Accept": "application/json", "Authorization": f"token {self.token}"}
        if data is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        with self._lock:
            conn = self._connection()
            try:
                conn.request(http_method, self._path + path, body=data, headers=headers)
            except OSError:  # could not even be written: not sent
                self._drop()
                raise NotSent(
                    f"De leerkring-service op {self.base_url} is niet bereikbaar (verzoek niet verstuurd)."
                ) from None
            try:
                response = conn.getresponse()
                raw = response.read()
            except TimeoutError:
                self._drop()
                raise NoAnswer(
                    "De leerkring-service gaf geen antwoord. Ververs het formulier om te zien of je bijdrage is "
                    "opgeslagen."
                ) from None
            except (OSError, http.client.HTTPException):
                self._drop()
                raise NoAnswer() from None
            self._last_used = time.monotonic()
            if response.will_close:
                self._drop()
        try:
            answer = json.loads(raw)
        except ValueError:
            answer = None
        if not isinstance(answer, dict) or "ok" not in answer:
            # not the service's answer: the proxy's or the hub's (service down, restarting, not found)
            log.info("no answer from the leerkring service (HTTP %s)", response.status)
            if response.status in (502, 503, 504):
                raise NoAnswer(
                    f"De leerkring-service is niet bereikbaar (HTTP {response.status}). Ververs het formulier om "
                    "te zien of je bijdrage is opgeslagen."
                )
            # not RemoteUnavailable: a kernel on the hub must not fall back to opening the database
            raise errors.DatabaseError(
                f"De leerkring-service op {self.base_url} antwoordt niet (HTTP {response.status})."
            )
        return response.status, answer

    def exchange(self, op: str, payload: dict) -> dict:
        if op not in ("store", "scrub"):
            raise errors.UsageError(f"De leerkring-service kent geen {op!r} over HTTP.")
        return self.request("POST", f"api/{op}", payload)[1]
