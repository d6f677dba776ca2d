"""The privacy rules in force: leerkring's own plus those of installed plugins, merged once.

The engine asks here for its detectors, the known types of personal data and the keep-words. The
merge happens on first use (in the service, or in a process that scrubs in-process) and again only
when a plugin is registered or removed at run time, so a scrub pays a dictionary lookup, not a hook
call.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache

from leerkring import plugins

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def _rules(generation: int) -> tuple[dict[str, Callable], tuple[str, ...], frozenset[str], tuple[str, ...]]:
    types: list[str] = []
    for value in plugins.sequence("pii_types"):
        key = str(value).strip().lower()
        if key and key not in types:
            types.append(key)
    words = {str(w).strip().lower() for w in plugins.sequence("keep_words") if str(w).strip()}
    single = frozenset(w for w in words if " " not in w)
    phrases = tuple(sorted(w for w in words if " " in w))
    detectors = {str(name): fn for name, fn in plugins.mapping("pii_detectors").items() if callable(fn)}
    return detectors, tuple(types), single, phrases


def _current():
    return _rules(plugins.generation())


def detectors() -> dict[str, Callable]:
    """{name: detector(text) -> list[Candidate]} of every plugin, leerkring's own first."""
    return _current()[0]


def types() -> tuple[str, ...]:
    """The known types of personal data, in notice order."""
    return _current()[1]


def keep_words() -> frozenset[str]:
    """Single lower-case words that are never personal data."""
    return _current()[2]


def keep_phrases() -> tuple[str, ...]:
    """Multi-word lower-case terms that are never a person or a place."""
    return _current()[3]


def known(candidates: list) -> list:
    """The candidates whose type is known; a plugin's detector with an unknown type is logged once."""
    allowed = set(types())
    kept = [c for c in candidates if c.type in allowed]
    if len(kept) != len(candidates):
        unknown = sorted({c.type for c in candidates} - allowed)
        _warn_unknown(tuple(unknown))
    return kept


@lru_cache(maxsize=32)
def _warn_unknown(unknown: tuple[str, ...]) -> None:
    log.warning("detector found types no plugin declares (pii_types): %s; left out", ", ".join(unknown))
