"""The operations the leerkring service answers, registered by name (papermill ``engines.py`` style).

The host knows two operations itself (``ping`` and ``shutdown``); every other ``op`` of a request is
looked up here. A handler is named by a dotted path and imported only when the host starts it, so
the host imports neither :mod:`leerkring.privacy` nor :mod:`leerkring.store`, and a service that
never gets a store call never loads SQLAlchemy.

A handler class is built as ``Handler(services)`` and offers:

- ``answer(request: dict, caller: Caller) -> dict``: the answer line for one request
  (``{"ok": ...}``); ``caller`` (:class:`leerkring.identity.Caller`) is who the transport
  authenticated (the Unix-socket host asks its identity provider once per connection, the hub
  service per HTTP request), never anything the request says about itself; it is called from many
  connection threads at once;
- optionally ``eager = True`` and ``start()``: built and started before the service accepts
  connections (the scrub handler loads deduce there, so "running" means "ready");
- optionally ``status() -> dict``: added to the ping answer (e.g. ``{"engine": "deduce 3.0.2"}``);
- optionally ``close()``: called when the service stops.

``services`` (:class:`Services`) is how one handler uses another without importing it: the store
gateway scrubs texts with ``services.scrub``, which is the scrub handler's engine in the same process.
``services.workspace`` is the one workspace a shared service (``peer``, ``hub``) is bound to, or
``None`` for the single-account service, whose requests name their workspace.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Iterable, Mapping
from typing import Any

log = logging.getLogger(__name__)

#: leerkring's own operations: name -> "module:Class".
BUILTIN_HANDLERS: tuple[tuple[str, str], ...] = (
    ("scrub", "leerkring.privacy.handler:ScrubHandler"),
    ("store", "leerkring.store.gateway:StoreGateway"),
)
#: The operations a new host answers (a copy is taken when the host starts).
HANDLERS: dict[str, str] = dict(BUILTIN_HANDLERS)
#: Answered by the host itself; no handler may take these names.
RESERVED = frozenset({"ping", "shutdown"})


def register(op: str, target: str) -> None:
    """Answer requests with ``{"op": op}`` by the class at ``target`` ("module:Class")."""
    if op in RESERVED:
        raise ValueError(f"'{op}' is answered by the host itself")
    if ":" not in target:
        raise ValueError(f"a handler is named 'module:Class', not {target!r}")
    HANDLERS[op] = target


def load(target: str) -> type:
    """The class a dotted path names, imported now."""
    module_name, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


class Handlers:
    """One host's handlers: built on first use (eager ones at start), each once, thread-safely."""

    def __init__(self, targets: Mapping[str, str] | Iterable[tuple[str, str]] | None = None, *, workspace: Any = None):
        self._targets = dict(HANDLERS if targets is None else targets)
        self._built: dict[str, Any] = {}
        self._lock = threading.RLock()  # a handler's constructor may ask for another handler
        self.services = Services(self, workspace=workspace)

    def __contains__(self, op: object) -> bool:
        return op in self._targets

    def names(self) -> list[str]:
        return list(self._targets)

    def get(self, op: str) -> Any:
        """The handler for ``op`` (built now if needed). ``KeyError`` for an unknown operation."""
        with self._lock:
            handler = self._built.get(op)
            if handler is None:
                handler = self._built[op] = load(self._targets[op])(self.services)
            return handler

    def start(self) -> None:
        """Build and start the eager handlers, before the host accepts connections."""
        for op, target in self._targets.items():
            if getattr(load(target), "eager", False):
                handler = self.get(op)
                if hasattr(handler, "start"):
                    handler.start()

    def status(self) -> dict[str, Any]:
        """What the built handlers add to a ping answer."""
        with self._lock:
            built = list(self._built.values())
        merged: dict[str, Any] = {}
        for handler in built:
            if hasattr(handler, "status"):
                merged.update(handler.status())
        return merged

    def close(self) -> None:
        with self._lock:
            built, self._built = list(self._built.items()), {}
        for op, handler in built:
            if not hasattr(handler, "close"):
                continue
            try:
                handler.close()
            except Exception:  # the others must still close
                log.exception("closing the %r handler failed", op)


class Services:
    """What a handler may use of the others, without importing them."""

    def __init__(self, handlers: Handlers, *, workspace: Any = None):
        self._handlers = handlers
        #: The workspace folder (a Path) a shared service is bound to; ``None``: requests name theirs.
        self.workspace = workspace

    def handler(self, op: str) -> Any:
        return self._handlers.get(op)

    def scrub(self, text: str, *, known_names: Iterable[str] = ()) -> Any:
        """Scrub ``text`` with the ``scrub`` handler of this service (an object with ``.text`` and
        ``.findings``); what the store gateway gives its stores as their scrubber."""
        return self.handler("scrub").scrub(text, known_names=known_names)
