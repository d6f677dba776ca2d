"""Charts of the sections, drawn as inline SVG by :mod:`leerkring.svgcharts` (no plotting library, no
JavaScript, nothing fetched).

Every chart has a Dutch title and a text alternative: the ``<svg>`` carries ``role="img"``, an
``aria-label`` (title and text alternative), a ``<title>`` and a ``<desc>``. On the summary page a chart
is a :class:`ChartSpec` (also listed in the summary JSON) shown by :func:`figure_html` with its text
alternative as caption; suppressed figures are drawn as an empty, hatched bar marked "< k". On the
dashboard :func:`stacked_bars`, :func:`hbars` and :func:`lines` draw a chart that the section puts next
to a table of its numbers.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from leerkring import svgcharts
from leerkring.sections.document import is_complementary, is_suppressed, number, show
from leerkring.svgcharts import COLOURS, HEIGHT, WIDTH, Canvas

# Dashboard colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphics); text is #222.
PALETTE = ("#1f5fa8", "#b34700", "#2e7d32", "#7b3294", "#a0153e", "#00695c", "#5d4037")
GREY = "#595959"
MARKERS = ("circle", "square", "triangle", "diamond")
DASHBOARD_WIDTH = 640


# -- the summary page ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ChartSpec:
    id: str
    title: str
    alt: str
    draw: Callable  # draw(canvas: Canvas) -> None
    height: int = HEIGHT


def bars(c: Canvas, labels, values, k, *, horizontal=False, xlabel="", ylabel="aantal", colour=COLOURS[0]):
    """Bars for summary values (numbers, or suppressed markers drawn hatched with "< k"; a figure hidden
    only so that a small one beside it cannot be worked out is marked "verborgen", not "< k")."""
    svgcharts.bars(
        c,
        labels,
        [number(v) for v in values],
        [is_suppressed(v) for v in values],
        k,
        horizontal=horizontal,
        xlabel=xlabel,
        ylabel=ylabel,
        colour=colour,
        marks=["verborgen" if is_complementary(v) else f"< {k}" for v in values],
    )


def pairs_text(pairs) -> str:
    """'label: value; label: value' for a text alternative."""
    return "; ".join(f"{label}: {show(value)}" for label, value in pairs)


def svg(spec: ChartSpec, width: int = WIDTH, height: int | None = None) -> str:
    """The chart as an inline SVG string (no external references), with role=img, aria-label and <title>."""
    canvas = Canvas(spec.id, width, height or spec.height)
    spec.draw(canvas)
    return canvas.svg(spec.title, spec.alt)


def figure_html(spec: ChartSpec) -> str:
    """A <figure> with the SVG and its text alternative as caption."""
    return (
        f'<figure class="leerkring-figure" id="grafiek-{spec.id}">{svg(spec)}'
        f"<figcaption><strong>{html.escape(spec.title)}</strong>. Tekstalternatief: {html.escape(spec.alt)}"
        "</figcaption></figure>"
    )


# -- the dashboard ---------------------------------------------------------------------------------
def _canvas(title: str, alt: str, width: int = DASHBOARD_WIDTH, height: int = HEIGHT) -> Canvas:
    """A canvas whose id (used for its hatch pattern) is unique per chart on a page."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "grafiek"
    return Canvas(f"{slug}-{zlib.crc32((title + alt).encode()):08x}", width, height)


def to_svg(canvas: Canvas, title: str, alt: str) -> str:
    """The drawn canvas as an inline ``<svg>`` element with its title and text alternative."""
    return canvas.svg(title, alt, css_class="lk-svg", attrs=' focusable="false"')


def stacked_bars(
    title: str, alt: str, labels: list[str], series: list[tuple[str, list[float]]], ylabel: str = ""
) -> str:
    """One stacked bar per label, a band per series, with a legend to the right."""
    c = _canvas(title, alt, width=700)
    svgcharts.stacked(
        c,
        labels,
        [values for _, values in series],
        [name for name, _ in series],
        xlabel="",
        ylabel=ylabel,
        colours=PALETTE,
        as_bars=True,
    )
    return to_svg(c, title, alt)


def hbars(
    title: str, alt: str, labels: list[str], values: list[float | None], *, colors=None, notes: list[str] | None = None
) -> str:
    """Horizontal bars, top to bottom in the given order, each with its value (or its note) after it.
    A bar with no value but a note (e.g. "onderdrukt") is drawn hatched, marked with the note."""
    notes = notes or [""] * len(values)
    height = max(200, int(32 * len(labels) / 0.68) + 1)
    c = _canvas(title, alt, height=height)
    nums = [v or 0 for v in values]
    hidden = [v is None and bool(note) for v, note in zip(values, notes)]
    texts = [note or ("" if v is None else f"{v:g}".replace(".", ",")) for v, note in zip(values, notes)]
    colours = list(colors) if isinstance(colors, (list, tuple)) else [colors or PALETTE[0]] * len(values)
    svgcharts.bars(
        c,
        list(labels),
        nums,
        hidden,
        None,
        horizontal=True,
        ylabel="",
        colours=colours,
        notes=texts,
        marks=notes,
        headroom=1.25,
    )
    return to_svg(c, title, alt)


def lines(
    title: str,
    alt: str,
    labels: list[str],
    series: list[tuple[str, list[float | None]]],
    ylim=(1, 5),
    gaps: list[str] | None = None,
    ylabel: str = "gemiddelde score",
) -> str:
    """Lines over months on a fixed scale; missing (suppressed) months leave a gap in the line and
    carry their ``gaps`` text."""
    c = _canvas(title, alt, height=350)  # room for the legend under the month labels
    drawn = [
        (name, values, PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)], i > 0)
        for i, (name, values) in enumerate(series)
    ]
    svgcharts.lines(
        c,
        labels,
        drawn,
        lo=ylim[0],
        hi=ylim[1],
        xlabel="",
        ylabel=ylabel,
        break_at_gaps=True,
        gaps=gaps,
        legend_below=True,
    )
    return to_svg(c, title, alt)


def status_text(values) -> str:
    """'label: n; label: onderdrukt; label: geen' for a dashboard chart's text alternative."""
    out = []
    for label, v in values:
        n = number(v, None)
        if is_complementary(v):
            text = "verborgen (zodat een klein aantal ernaast niet terug te rekenen is)"
        else:
            text = "onderdrukt" if is_suppressed(v) else ("geen" if n is None else f"{n:g}")
        out.append(f"{label}: {text}")
    return "; ".join(out)
