"""A store for session-notebook kernels that forwards each call to the shared service.

A member's kernel would otherwise import SQLAlchemy (about 0.2 s per kernel) and hold database
connections of its own, ten kernels to a session. :class:`RemoteStore` offers the same methods the
forms use (:data:`~leerkring.store.gateway.METHODS`) with the same arguments, results and errors; the
service's :class:`~leerkring.store.gateway.StoreGateway` runs them on a real
:class:`~leerkring.store.Store`. The frameworks are read locally: they are files, not database rows.
"""

from __future__ import annotations

import socket
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

    @property
    def frameworks(self):
        return self._frameworks

    def close(self) -> None:  # the service keeps the connection; nothing to release here
        pass

    def __getattr__(self, name: str):
        if name not in METHODS:
            raise AttributeError(f"RemoteStore has no method {name!r}")

        def call(*args, **kwargs):
            return self.call(name, *args, **kwargs)

        call.__name__ = name
        return call

    def call(self, method: str, *args, **kwargs) -> Any:
        """Run ``store.<method>(*args, **kwargs)`` in the service; its errors are raised here."""
        from leerkring.privacy import service

        payload = {
            "op": "store", "workspace": str(self.root), "database_url": self.url, "method": method,
            "args": wire.encode(list(args)), "kwargs": wire.encode(kwargs),
        }
        try:
            sock = service.connect()
        except OSError:  # no service yet (or it went away): start one, once
            try:
                service.start_service()
                sock = service.connect()
            except (OSError, errors.LeerkringError) as exc:
                raise RemoteUnavailable(str(exc)) from None
        # Not retried after this point: a write may have landed before the connection broke.
        try:
            with sock:
                answer = service.exchange(sock, payload)
        except socket.timeout:
            raise errors.DatabaseError(
                "De leerkring-service gaf geen antwoord. Ververs het formulier om te zien of je bijdrage is opgeslagen."
            ) from None
        except (OSError, ValueError):
            raise errors.DatabaseError(
                "De verbinding met de leerkring-service brak af. Ververs het formulier om te zien of je bijdrage "
                "is opgeslagen."
            ) from None
        if answer.get("ok"):
            return wire.decode(answer.get("result"))
        kind = answer.get("kind")
        if not kind:  # an older service that does not know store calls
            raise RemoteUnavailable(str(answer.get("error")))
        cls = getattr(errors, str(kind), None)
        if not (isinstance(cls, type) and issubclass(cls, errors.LeerkringError)):
            cls = errors.LeerkringError
        raise cls(str(answer.get("error") or "De leerkring-service gaf een fout."))
