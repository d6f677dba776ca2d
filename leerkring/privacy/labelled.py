"""Read the labelled test set (``{{type|span}}`` / ``((keep))``) and measure a scrubber against it.

Used by the tests and by ``benchmarks/bench_privacy.py``. A marked span counts as *caught* when none
of its alphanumeric tokens of length >= 2 survives, i.e. every such token lies inside a replaced
finding. The scrubber works on the normalised text (:mod:`.normalise`) and its findings' offsets
refer to that, so the marked spans are carried over to the normalised text first; the findings must
rebuild ``.text`` from it exactly. The
titles that the data puts inside person spans ("mevrouw", "de heer") are therefore part of what must
go: our scrubber replaces "mevrouw Fatima El Amrani" as a whole by ``[PERSOON-1]``.
A keep word *survives* when no finding touches it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from leerkring.privacy.model import Scrubbed

_MARK = re.compile(r"\{\{(\w+)\|(.*?)\}\}|\(\((.*?)\)\)")
_WORD = re.compile(r"[^\W_]{2,}")


@dataclass
class Example:
    text: str
    spans: list[tuple[str, int, int]]  # (type, start, end) in text
    keep: list[tuple[int, int]]


@dataclass
class Report:
    caught: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    kept: int = 0
    keep_total: int = 0
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (type, span, output line)
    lost: list[tuple[str, str]] = field(default_factory=list)  # (keep word, output line)

    def recall(self, kind: str | None = None) -> float:
        if kind is None:
            total = sum(self.total.values())
            return sum(self.caught.values()) / total if total else 1.0
        return self.caught.get(kind, 0) / self.total[kind] if self.total.get(kind) else 1.0

    @property
    def keep_rate(self) -> float:
        return self.kept / self.keep_total if self.keep_total else 1.0

    def table(self) -> str:
        lines = [f"{'type':<10} {'gevonden':>8} {'totaal':>6} {'recall':>7}"]
        for kind in sorted(self.total):
            lines.append(f"{kind:<10} {self.caught.get(kind, 0):>8} {self.total[kind]:>6} {self.recall(kind):>7.3f}")
        lines.append(
            f"{'alles':<10} {sum(self.caught.values()):>8} {sum(self.total.values()):>6} {self.recall():>7.3f}"
        )
        lines.append(f"{'behouden':<10} {self.kept:>8} {self.keep_total:>6} {self.keep_rate:>7.3f}")
        return "\n".join(lines)


def parse_line(line: str) -> Example:
    text, spans, keep, pos = [], [], [], 0
    out_len = 0
    for m in _MARK.finditer(line):
        text.append(line[pos : m.start()])
        out_len += m.start() - pos
        value = m.group(2) if m.group(1) else m.group(3)
        if m.group(1):
            spans.append((m.group(1), out_len, out_len + len(value)))
        else:
            keep.append((out_len, out_len + len(value)))
        text.append(value)
        out_len += len(value)
        pos = m.end()
    text.append(line[pos:])
    return Example("".join(text), spans, keep)


def load(path: str | Path) -> list[Example]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [parse_line(line) for line in lines if line.strip() and not line.lstrip().startswith("#")]


def rebuild(text: str, findings) -> str:
    """The output implied by the findings; a scrubber's ``.text`` must equal it."""
    parts, pos = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        parts += [text[pos : f.start], f.replacement]
        pos = f.end
    return "".join(parts + [text[pos:]])


def _covered(start: int, end: int, findings) -> bool:
    return any(f.start <= start and end <= f.end for f in findings)


def _touched(start: int, end: int, findings) -> bool:
    return any(f.start < end and start < f.end for f in findings)


def evaluate(examples: Iterable[Example], scrub: Callable[[str], Scrubbed]) -> Report:
    """``scrub`` maps an input text to a :class:`~leerkring.privacy.Scrubbed`. A span's token
    survives when no finding covers it (the findings are checked to produce exactly ``.text`` from
    the normalised input, the text their offsets refer to)."""
    from leerkring.privacy.normalise import map_span, normalise_map

    report = Report()
    for ex in examples:
        result = scrub(ex.text)
        text, origin = normalise_map(ex.text)
        if rebuild(text, result.findings) != result.text:
            raise AssertionError(f"findings do not match the scrubbed text: {result.text!r}")
        for kind, start, end in ex.spans:
            value = ex.text[start:end]
            start, end = map_span(origin, start, end)
            report.total[kind] = report.total.get(kind, 0) + 1
            tokens = [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]
            if all(_covered(s, e, result.findings) for s, e in tokens):
                report.caught[kind] = report.caught.get(kind, 0) + 1
            else:
                report.missed.append((kind, value, result.text))
        for start, end in ex.keep:
            report.keep_total += 1
            start, end = map_span(origin, start, end)
            if _touched(start, end, result.findings):
                report.lost.append((text[start:end], result.text))
            else:
                report.kept += 1
    return report
