"""The ``scrub`` operation of the leerkring service: deduce, loaded once, for every kernel of the user.

This is why the service exists: deduce costs seconds to load and about 1 GB of memory, too much for
each of ten member kernels. The handler is *eager*: the service loads deduce (and runs one text
through it) before it accepts connections, so a service that answers is a service that is ready,
and the first member's save does not pay for the load a second time.

Request and answer (see :mod:`leerkring.service.framing`)::

    {"op": "scrub", "text": "...", "known_names": ["Sandra Willems"]}
    -> {"ok": true, "text": "...", "findings": [["persoon", 12, 27, "[PERSOON-1]"], ...]}

A text longer than :data:`leerkring.service.limits.MAX_SCRUB_CHARS` is refused at once with one Dutch
line (the request line itself is limited by the framing); other handlers' in-process calls are not,
as the store bounds its texts before it scrubs.

Other handlers of the same service scrub through :meth:`ScrubHandler.scrub` (the store gateway does,
via ``services.scrub``), in-process, without a socket round trip.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from leerkring.privacy.model import Scrubbed
from leerkring.service import limits

if TYPE_CHECKING:
    from leerkring.identity import Caller

log = logging.getLogger(__name__)


class ScrubHandler:
    eager = True  # load deduce before the service accepts connections

    def __init__(self, services: Any = None, engine: Any = None):
        if engine is None:
            from leerkring.privacy.engine import LocalEngine

            engine = LocalEngine()
        self.engine = engine

    def start(self) -> None:
        self.engine.load()

    def scrub(self, text: str, *, known_names: Iterable[str] = ()) -> Scrubbed:
        if type(known_names) is not tuple:  # the store's own list is a tuple of names already
            known_names = tuple(str(n) for n in known_names)
        return self.engine.scrub(text, known_names=known_names)

    def answer(self, req: dict[str, Any], caller: Caller) -> dict[str, Any]:
        """Scrub for any authenticated caller (scrubbing reads and stores nothing)."""
        text = req.get("text")
        if not isinstance(text, str):
            return {"ok": False, "error": "Geen tekst om te scrubben."}
        if len(text) > limits.MAX_SCRUB_CHARS:  # refused at once: deduce would hold up everyone else
            return {"ok": False, "error": limits.scrub_too_long(len(text)), "kind": "UsageError"}
        return {"ok": True, **self.scrub(text, known_names=req.get("known_names") or ()).to_dict()}

    def status(self) -> dict[str, Any]:
        return {"engine": _engine_name()}


def _engine_name() -> str:
    try:
        return f"deduce {version('deduce')}"
    except PackageNotFoundError:
        log.warning("deduce's version is unknown (no package metadata)")
        return "deduce"
