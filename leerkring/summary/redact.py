"""Scrubbing on the way out: every text that goes into an organisation output passes here.

Texts in the store are already pseudonymised when saved; this second pass catches what an earlier
scrubber version missed and the names of people known to the workspace. When the scrubber cannot be
reached, nothing is published for the organisation (one clear Dutch error), never an unscrubbed text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from leerkring.errors import LeerkringError

_CODE = re.compile(r"^[a-z][a-z0-9_\- ]{0,39}$")


def default_scrubber() -> Callable:
    try:
        from leerkring.privacy import scrub
    except ImportError as exc:  # the privacy package is missing or broken
        raise LeerkringError(
            f"De privacyfilter is niet beschikbaar ({exc}); er wordt niets voor de organisatie gepubliceerd."
        ) from None
    return scrub


class Redactor:
    """Scrubs texts for organisation outputs, with a cache (the same text is scrubbed once)."""

    def __init__(self, known_names: Iterable[str] = (), scrubber: Callable | None = None):
        self.known_names = tuple(n for n in known_names if n and n.strip())
        self._scrubber = scrubber
        self._cache: dict[str, str] = {}
        parts = sorted({re.escape(n.strip()) for n in self.known_names if len(n.strip()) >= 2}, key=len, reverse=True)
        # Belt and braces: full names (and single name parts of 3+ letters) of known people.
        words = sorted(
            {re.escape(w) for n in self.known_names for w in n.split() if len(w) >= 3 and w[0].isupper()},
            key=len,
            reverse=True,
        )
        self._names = re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE) if parts else None
        self._parts = re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)") if words else None
        self.calls = 0

    @property
    def scrubber(self) -> Callable:
        if self._scrubber is None:
            self._scrubber = default_scrubber()
        return self._scrubber

    def text(self, value: str | None) -> str:
        if not value:
            return ""
        cached = self._cache.get(value)
        if cached is not None:
            return cached
        try:
            result = self.scrubber(value, known_names=self.known_names)
        except LeerkringError:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure stops publication; not chained: no text in tracebacks
            raise LeerkringError(
                f"De privacyfilter gaf een fout ({type(exc).__name__}); er wordt niets voor de organisatie gepubliceerd."
            ) from None
        self.calls += 1
        out = result.text if hasattr(result, "text") else str(result)
        if self._names is not None:
            out = self._names.sub("[PERSOON]", out)
        if self._parts is not None:
            out = self._parts.sub("[PERSOON]", out)
        self._cache[value] = out
        return out

    def code(self, value) -> str:
        """A short code (e.g. an invitee kind) or 'overig' when it looks like free text."""
        value = " ".join(str(value or "").split()).lower()
        if not value or not _CODE.match(value):
            return "overig"
        if self._names is not None and self._names.search(value):
            return "overig"
        return value
