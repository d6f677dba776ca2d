"""Pseudonymise personal data in contributions before they are stored.

    >>> from leerkring.privacy import scrub
    >>> result = scrub("Ik belde mevrouw Jansen op 06-12345678.")
    >>> result.text
    'Ik belde [PERSOON-1] op [TELEFOON-1].'
    >>> result.notice()
    'Vervangen: 1 × persoon, 1 × telefoon'

The engine is deduce plus our own detectors for Dutch identifiers (:mod:`.detectors`). Because
deduce costs seconds and ~1 GB to load, ``scrub`` normally sends the text to one shared service per
user and machine (:mod:`.service`), starting it on first use. ``LEERKRING_SCRUBBER`` chooses:

- ``service`` (default): the shared service over a Unix socket;
- ``inprocess``: load deduce in this process (:class:`.engine.LocalEngine`);
- ``rules``: our rule detectors only, no deduce: fast, for tests of code that only needs *a*
  scrubber. It misses names without a title or a known-name match: never use it in production.

This module imports nothing heavy: deduce is only imported by the engine, in the service.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from leerkring.privacy.model import TYPES, Finding, Scrubbed, ScrubberError

if TYPE_CHECKING:
    from leerkring.privacy.engine import LocalEngine

__all__ = [
    "TYPES",
    "Finding",
    "Scrubbed",
    "ScrubberError",
    "scrub",
    "effective_mode",
    "start_service",
    "stop_service",
    "service_status",
    "socket_path",
    "LocalEngine",
]

_engines: dict[bool, "LocalEngine"] = {}


def _local(use_deduce: bool) -> "LocalEngine":
    engine = _engines.get(use_deduce)
    if engine is None:
        from leerkring.privacy.engine import LocalEngine

        engine = _engines[use_deduce] = LocalEngine(use_deduce=use_deduce)
    return engine


def effective_mode(setting: str | None = None) -> str:
    """The scrubber in use: ``LEERKRING_SCRUBBER`` if set, else the workspace setting, else the service."""
    return (os.environ.get("LEERKRING_SCRUBBER") or setting or "service").strip().lower()


def scrub(text: str, *, known_names: Iterable[str] = (), mode: str = "service") -> Scrubbed:
    """Replace personal data in ``text`` by numbered tags (``[PERSOON-1]``, ``[TELEFOON-1]``, ...).

    ``known_names``: names of colleagues in the workspace; matched case-insensitively as whole
    words, full names and first names alone. ``mode`` (the workspace's ``privacy.scrubber`` setting)
    picks the engine; the environment variable ``LEERKRING_SCRUBBER`` overrides it. Raises
    :class:`ScrubberError` when the shared service cannot be reached or started.
    """
    if not text:
        return Scrubbed(text or "", ())
    names = [n for n in known_names if n]
    mode = effective_mode(mode)
    if mode == "service":
        from leerkring.privacy.service import client_scrub

        return client_scrub(text, names)
    if mode == "inprocess":
        return _local(True).scrub(text, known_names=names)
    if mode == "rules":
        return _local(False).scrub(text, known_names=names)
    raise ScrubberError(f"Onbekende waarde LEERKRING_SCRUBBER={mode!r} (kies service, inprocess of rules).")


def __getattr__(name: str) -> Any:
    if name in ("start_service", "stop_service", "service_status", "socket_path"):
        from leerkring.privacy import service

        return getattr(service, name)
    if name == "LocalEngine":
        from leerkring.privacy.engine import LocalEngine

        return LocalEngine
    raise AttributeError(f"module 'leerkring.privacy' has no attribute {name!r}")
