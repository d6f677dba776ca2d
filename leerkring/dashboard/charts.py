"""Charts as inline SVG, drawn by :mod:`leerkring.svgcharts` (shared with the summaries): no plotting
library, no JavaScript, no CDN, text kept as text.

Each chart carries a Dutch title and a text alternative: ``role="img"``, ``aria-label``, ``<title>``
and ``<desc>`` on the ``<svg>`` element; the caller puts the numbers next to it as a table.
"""

from __future__ import annotations

import re
import zlib

from leerkring import svgcharts
from leerkring.svgcharts import Canvas

# Colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphics); text is #222 (svgcharts.INK).
PALETTE = ("#1f5fa8", "#b34700", "#2e7d32", "#7b3294", "#a0153e", "#00695c", "#5d4037")
GREY = "#595959"
TEXT = svgcharts.INK
MARKERS = ("circle", "square", "triangle", "diamond")
WIDTH = 640


def _canvas(title: str, alt: str, width: int = WIDTH, height: int = svgcharts.HEIGHT) -> Canvas:
    """A canvas whose id (used for its hatch pattern) is unique per chart on a page."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "grafiek"
    return Canvas(f"{slug}-{zlib.crc32((title + alt).encode()):08x}", width, height)


def to_svg(canvas: Canvas, title: str, alt: str) -> str:
    """The drawn canvas as an inline ``<svg>`` element with its title and text alternative."""
    return canvas.svg(title, alt, css_class="lk-svg", attrs=' focusable="false"')


def _short(text: str, n: int = 18) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def stacked_bars(title: str, alt: str, labels: list[str], series: list[tuple[str, list[float]]],
                 ylabel: str = "") -> str:
    """One stacked bar per label, a band per series, with a legend to the right."""
    c = _canvas(title, alt, width=700)
    svgcharts.stacked(c, labels, [values for _, values in series], [_short(name, 30) for name, _ in series],
                      xlabel="", ylabel=ylabel, colours=PALETTE, as_bars=True)
    return to_svg(c, title, alt)


def hbars(title: str, alt: str, labels: list[str], values: list[float | None], *, colors=None,
          notes: list[str] | None = None) -> str:
    """Horizontal bars, top to bottom in the given order, each with its value (or its note) after it.
    A bar with no value but a note (e.g. "onderdrukt") is drawn hatched, marked with the note."""
    notes = notes or [""] * len(values)
    height = max(200, int(32 * len(labels) / 0.68) + 1)
    c = _canvas(title, alt, height=height)
    nums = [v or 0 for v in values]
    hidden = [v is None and bool(note) for v, note in zip(values, notes)]
    texts = [note or ("" if v is None else f"{v:g}".replace(".", ",")) for v, note in zip(values, notes)]
    colours = list(colors) if isinstance(colors, (list, tuple)) else [colors or PALETTE[0]] * len(values)
    svgcharts.bars(c, [_short(label, 28) for label in labels], nums, hidden, None, horizontal=True, ylabel="",
                   colours=colours, notes=texts, marks=notes, headroom=1.25)
    return to_svg(c, title, alt)


def lines(title: str, alt: str, labels: list[str], series: list[tuple[str, list[float | None]]],
          ylim=(1, 5), gaps: list[str] | None = None, ylabel: str = "gemiddelde score") -> str:
    """Lines over months on a fixed scale; missing (suppressed) months leave a gap in the line and
    carry their ``gaps`` text."""
    c = _canvas(title, alt, height=350)  # room for the legend under the month labels
    drawn = [(name, values, PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)], i > 0)
             for i, (name, values) in enumerate(series)]
    svgcharts.lines(c, labels, drawn, lo=ylim[0], hi=ylim[1], xlabel="", ylabel=ylabel, break_at_gaps=True,
                    gaps=gaps, legend_below=True)
    return to_svg(c, title, alt)
