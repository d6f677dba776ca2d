"""Pseudonymise personal data in contributions before they are stored.

    >>> from leerkring.privacy import scrub
    >>> result = scrub("Ik belde mevrouw Jansen op 06-12345678.")
    >>> result.text
    'Ik belde [PERSOON-1] op [TELEFOON-1].'
    >>> result.notice()
    'Vervangen: 1 × persoon, 1 × telefoon'

The engine is deduce plus our own detectors for Dutch identifiers (:mod:`.detectors`). Because
deduce costs seconds and ~1 GB to load, ``scrub`` normally sends the text to the leerkring service,
one per user and machine (:mod:`leerkring.service`; its ``scrub`` operation is :mod:`.handler`),
starting it on first use. ``LEERKRING_SCRUBBER`` chooses:

- ``service`` (default): the leerkring service over a Unix socket;
- ``inprocess``: load deduce in this process (:class:`.engine.LocalEngine`);
- ``rules``: our rule detectors only, no deduce: fast, for tests of code that only needs *a*
  scrubber. It misses names without a title or a known-name match: never use it in production.

This module imports nothing heavy: deduce is only imported by the engine, in the service.
``start_service``, ``stop_service``, ``service_status`` and ``socket_path`` are the service's own
(:mod:`leerkring.service.client`), offered here for scripts that only import privacy.
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

_engines: dict[bool, LocalEngine] = {}


def _local(use_deduce: bool) -> LocalEngine:
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
        return client_scrub(text, names)
    if mode == "inprocess":
        return _local(True).scrub(text, known_names=names)
    if mode == "rules":
        return _local(False).scrub(text, known_names=names)
    raise ScrubberError(f"Onbekende waarde LEERKRING_SCRUBBER={mode!r} (kies service, inprocess of rules).")


def client_scrub(text: str, known_names: Iterable[str] = (), *, timeout: float | None = None) -> Scrubbed:
    """Scrub through the leerkring service, starting it when none runs."""
    from leerkring.service import NAME, ServiceError, client, paths

    path = paths.socket_path()
    payload = {"op": "scrub", "text": text, "known_names": list(known_names)}
    timeout = timeout or client.REQUEST_TIMEOUT
    for attempt in (1, 2):
        try:
            answer = client.request(payload, path=path, timeout=timeout)
        except TimeoutError as exc:
            raise ScrubberError(f"De {NAME} gaf geen antwoord binnen {timeout:.0f} s.") from exc
        except OSError:  # no socket, refused, reset, not a directory, ...: (re)start the service
            if attempt == 2:
                raise ScrubberError(f"De {NAME} is niet bereikbaar via {path}.") from None
            try:
                client.start_service()
            except ServiceError as exc:
                raise ScrubberError(str(exc)) from exc
            continue
        except ValueError as exc:
            raise ScrubberError(f"De {NAME} gaf een onleesbaar antwoord.") from exc
        if not answer.get("ok"):
            raise ScrubberError(str(answer.get("error") or f"De {NAME} gaf een fout."))
        return Scrubbed.from_dict(answer)
    raise AssertionError("unreachable")  # pragma: no cover


def __getattr__(name: str) -> Any:
    if name in ("start_service", "stop_service", "service_status"):
        from leerkring.service import client

        return getattr(client, name)
    if name == "socket_path":
        from leerkring.service import paths

        return paths.socket_path
    if name == "LocalEngine":
        from leerkring.privacy.engine import LocalEngine

        return LocalEngine
    raise AttributeError(f"module 'leerkring.privacy' has no attribute {name!r}")
