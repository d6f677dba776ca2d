"""A store for session-notebook kernels that forwards each call to the shared service.

A member's kernel would otherwise import SQLAlchemy (about 0.2 s per kernel) and hold database
connections of its own, ten kernels to a session. :class:`RemoteStore` offers the same methods the
forms use (:data:`~leerkring.store.gateway.METHODS`) with the same arguments, results and errors; the
service's :class:`~leerkring.store.gateway.StoreGateway` runs them on a real
:class:`~leerkring.store.Store`. The frameworks are read locally: they are files, not database rows.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from pathlib import Path
from typing import Any

from leerkring import errors
from leerkring.store import wire
from leerkring.store.gateway import METHODS


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

    def _drop(self) -> None:
        for part in (self._reader, self._sock):
            if part is not None:
                with contextlib.suppress(OSError):
                    part.close()
        self._sock = self._reader = None

    def _connect(self) -> None:
        from leerkring.privacy import service

        try:
            sock = service.connect()
        except OSError:  # no service yet (or it went away): start one, once
            try:
                service.start_service()
                sock = service.connect()
            except (OSError, errors.LeerkringError) as exc:
                raise RemoteUnavailable(str(exc)) from None
        self._sock, self._reader = sock, sock.makefile("rb")

    def _exchange(self, line: bytes) -> dict:
        """Send one request line and read the answer, on the kept connection.

        A request that could not be sent (the service restarted since the last call) goes again on a
        new connection. Once sent it is never repeated: a write may have landed before an answer was lost.
        """
        from leerkring.privacy.service import MAX_LINE

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
            answer = self._reader.readline(MAX_LINE + 1)
            if not answer.endswith(b"\n"):
                raise ConnectionError("incomplete answer")
            return json.loads(answer)
        except socket.timeout:
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

    def __getattr__(self, name: str):
        if name not in METHODS:
            raise AttributeError(f"RemoteStore has no method {name!r}")

        def call(*args, **kwargs):
            return self.call(name, *args, **kwargs)

        call.__name__ = name
        return call

    def call(self, method: str, *args, **kwargs) -> Any:
        """Run ``store.<method>(*args, **kwargs)`` in the service; its errors are raised here."""
        payload = {
            "op": "store", "workspace": str(self.root), "database_url": self.url, "method": method,
            "args": wire.encode(list(args)), "kwargs": wire.encode(kwargs),
        }
        line = json.dumps(payload, ensure_ascii=False).encode("utf-8") + b"\n"
        with self._lock:
            answer = self._exchange(line)
        if answer.get("ok"):
            return wire.decode(answer.get("result"))
        kind = answer.get("kind")
        if not kind:  # an older service that does not know store calls
            raise RemoteUnavailable(str(answer.get("error")))
        cls = getattr(errors, str(kind), None)
        if not (isinstance(cls, type) and issubclass(cls, errors.LeerkringError)):
            cls = errors.LeerkringError
        raise cls(str(answer.get("error") or "De leerkring-service gaf een fout."))
