"""Result types of the scrubber. Stdlib only, so ``import leerkring.privacy`` stays light."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from leerkring.errors import LeerkringError

#: The types of personal data we replace, in the order the notice lists them.
TYPES: tuple[str, ...] = (
    "persoon",
    "adres",
    "postcode",
    "plaats",
    "telefoon",
    "email",
    "bsn",
    "iban",
    "datum",
    "leeftijd",
    "dossier",
    "url",
    "kenteken",
)


class ScrubberError(LeerkringError):
    """The scrubbing service could not be reached or started; ``str()`` is one line of Dutch."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One replaced span. ``start``/``end`` are offsets in the NORMALISED text the scrubber worked on
    (:func:`leerkring.privacy.normalise.normalise` of the text passed in: invisible characters
    removed, NFKC, look-alike letters folded), which is the text the replacements were made in;
    for a text that needed no normalisation (plain ASCII, say) that is the original."""

    type: str
    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Scrubbed:
    """A pseudonymised text and what was replaced in it. ``text`` is the normalised text with the
    replacements made: it is what is stored, never the text as typed."""

    text: str
    findings: tuple[Finding, ...] = field(default=())

    @property
    def changed(self) -> bool:
        return bool(self.findings)

    def counts(self) -> dict[str, int]:
        """Number of replacements per type, in the fixed type order; types with 0 left out."""
        counts = {t: 0 for t in TYPES}
        for finding in self.findings:
            counts[finding.type] = counts.get(finding.type, 0) + 1
        return {t: n for t, n in counts.items() if n}

    def notice(self) -> str:
        """Short Dutch notice for the author, e.g. ``"Vervangen: 2 × persoon, 1 × telefoon"``.

        Never contains the original values; ``""`` when nothing was replaced.
        """
        counts = self.counts()
        if not counts:
            return ""
        return "Vervangen: " + ", ".join(f"{n} × {t}" for t, n in counts.items())

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "findings": [[f.type, f.start, f.end, f.replacement] for f in self.findings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scrubbed:
        return cls(
            text=data["text"],
            findings=tuple(Finding(str(t), int(s), int(e), str(r)) for t, s, e, r in data["findings"]),
        )
