"""Charts written directly as small inline SVG: one implementation for summaries and the dashboard.

No plotting library, nothing fetched, text kept as ``<text>``. Every chart has a title and a text
alternative: the ``<svg>`` carries ``role="img"``, an ``aria-label`` (title and text alternative), a
``<title>`` and a ``<desc>``. Suppressed figures are drawn as an empty, hatched bar with a short mark.
The charts are simple (bars, stacked bands or bars, lines), so a few lines of geometry per kind replace
a plotting library: about a millisecond per chart.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

COLOURS = ["#1b6ca8", "#e07a1f", "#3a9a5b", "#c0392b", "#7d5ba6", "#8c6d46", "#d35fa0"]
INK, MUTED, GRID = "#222", "#555", "#e3e3e3"
WIDTH, HEIGHT = 640, 320  # px; the SVG scales down with the page (max-width: 100%)
FONT, SMALL, TITLE = 12, 10, 15
LINE = 1.2  # line height of wrapped labels, in font sizes

# plot area as fractions of the canvas (left, right, bottom, top), like figure margins
MARGINS = {"left": 0.1, "right": 0.97, "bottom": 0.2, "top": 0.88}
MARGINS_WIDE = {"left": 0.3, "right": 0.97, "bottom": 0.2, "top": 0.88}
MARGINS_LEGEND = {"left": 0.1, "right": 0.6, "bottom": 0.25, "top": 0.88}

_DASH = ' stroke-dasharray="6 3"'


# Advance widths in em of a sans-serif face, rounded up from DejaVu Sans (the sans-serif of Chromium on
# Debian; Arial and Helvetica are narrower): enough to reserve room so that no label is cut off.
_NARROW = set(" .,:;'!|ijlI()[]")
_SEMI = set("frt-/")
_WIDE = set("mwMW@%")


def text_width(text, size: float = FONT) -> float:
    """An upper estimate of the width in px of ``text`` at font size ``size``."""
    em = 0.0
    for ch in str(text):
        if ch in _NARROW:
            em += 0.34
        elif ch in _SEMI:
            em += 0.45
        elif ch in _WIDE:
            em += 1.0
        elif ch.isupper():
            em += 0.76
        else:
            em += 0.64
    return em * size


def wrap(text, width: float, size: float = FONT) -> list[str]:
    """``text`` in lines of at most ``width`` px (estimated), broken at spaces. A single word wider than
    that stays whole: the caller makes room for :func:`widest` of the lines."""
    words = str(text).split()
    if not words:
        return [""]
    lines = [words[0]]
    for word in words[1:]:
        candidate = f"{lines[-1]} {word}"
        if text_width(candidate, size) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def widest(lines, size: float = FONT) -> float:
    return max((text_width(line, size) for line in lines), default=0.0)


def _f(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros (short and deterministic)."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def tick_label(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}".replace(".", ",")


def nice_ticks(vmax: float, *, integer: bool = True) -> list[float]:
    """Ticks from 0 to at least ``vmax`` with a round step (1, 2, 2.5 or 5 times a power of ten)."""
    vmax = float(vmax)
    if not vmax > 0:
        return [0, 1]
    raw = vmax / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = 10 * magnitude
    for m in (1, 2, 2.5, 5, 10):
        candidate = m * magnitude
        if integer and not float(candidate).is_integer():
            continue
        if candidate >= raw:
            step = candidate
            break
    if integer:
        step = max(1, step)
    n = math.ceil(vmax / step - 1e-9)
    return [round(i * step, 10) for i in range(n + 1)]


class Canvas:
    """Collects SVG elements for one chart; coordinates in px, y grows downwards.

    ``cid`` must be unique within the HTML page: it names the chart's hatch pattern."""

    def __init__(self, cid: str, width: int = WIDTH, height: int = HEIGHT):
        self.cid, self.width, self.height = cid, width, height
        self.parts: list[str] = []
        self.defs: list[str] = []
        self.legend_outside = False
        self.frame(MARGINS)

    def frame(self, margins: dict) -> None:
        self.x0 = margins["left"] * self.width
        self.x1 = margins["right"] * self.width
        self.y0 = (1 - margins["top"]) * self.height
        self.y1 = (1 - margins["bottom"]) * self.height

    # -- primitives ---------------------------------------------------------------------------
    def add(self, element: str) -> None:
        self.parts.append(element)

    def text(self, x, y, text, *, size=FONT, anchor="start", fill=INK, rotate=None, baseline=None, weight=None):
        """One text; ``text`` may be a list of lines (from :func:`wrap`), written one under the other
        and centred on ``y`` as a block when ``baseline`` is "central"."""
        lines = [str(line) for line in text] if isinstance(text, (list, tuple)) else [str(text)]
        if len(lines) > 1:
            step = size * LINE
            if baseline == "central":
                y -= step * (len(lines) - 1) / 2
        attrs = f'x="{_f(x)}" y="{_f(y)}"'
        if rotate is not None:
            attrs = f'transform="translate({_f(x)},{_f(y)}) rotate({rotate})"'
        if anchor != "start":
            attrs += f' text-anchor="{anchor}"'
        if size != FONT:
            attrs += f' font-size="{size}"'
        if fill != INK:
            attrs += f' fill="{fill}"'
        if baseline:
            attrs += f' dominant-baseline="{baseline}"'
        if weight:
            attrs += f' font-weight="{weight}"'
        if len(lines) == 1:
            self.add(f"<text {attrs}>{html.escape(lines[0], quote=False)}</text>")
            return
        tx = "0" if rotate is not None else _f(x)
        spans = "".join(
            f'<tspan x="{tx}" dy="{0 if i == 0 else _f(size * LINE)}">{html.escape(line, quote=False)}</tspan>'
            for i, line in enumerate(lines)
        )
        self.add(f"<text {attrs}>{spans}</text>")

    def line(self, x1, y1, x2, y2, *, stroke=INK, width=1, dashed=False):
        if y1 == y2:
            d = f"M{_f(x1)} {_f(y1)}H{_f(x2)}"
        elif x1 == x2:
            d = f"M{_f(x1)} {_f(y1)}V{_f(y2)}"
        else:
            d = f"M{_f(x1)} {_f(y1)}L{_f(x2)} {_f(y2)}"
        self.add(f'<path d="{d}" stroke="{stroke}" stroke-width="{width}"{_DASH if dashed else ""}/>')

    def rect(self, x, y, w, h, *, fill, extra=""):
        self.add(
            f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(max(0.0, w))}" height="{_f(max(0.0, h))}" fill="{fill}"{extra}/>'
        )

    def hatch(self) -> str:
        """The fill for a suppressed bar: a light hatch pattern (defined once per chart)."""
        pid = f"lk-arcering-{self.cid}"
        if not self.defs:
            self.defs.append(
                f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" '
                f'patternTransform="rotate(45)"><path d="M0 0V6" stroke="{MUTED}" stroke-width="1.5"/></pattern>'
            )
        return f"url(#{pid})"

    def suppressed_bar(self, x, y, w, h, k, *, horizontal: bool, mark: str | None = None):
        """A hatched bar with a mark next to it: ``< k`` unless ``mark`` is given."""
        mark = f"< {k}" if mark is None else mark
        self.rect(x, y, w, h, fill=self.hatch(), extra=f' stroke="{MUTED}" stroke-width="1"')
        if horizontal:
            self.text(x + w + 4, y + h / 2, mark, size=SMALL, fill=MUTED, baseline="central")
        else:
            self.text(x + w / 2, y - 3, mark, size=SMALL, fill=MUTED, anchor="middle")

    # -- axes -----------------------------------------------------------------------------------
    def y_axis(self, ticks, lo, hi, label: str) -> Callable[[float], float]:
        """Horizontal grid lines with labels on the left; returns value -> y."""
        scale = lambda v: self.y1 - (v - lo) / (hi - lo) * (self.y1 - self.y0)  # noqa: E731
        for t in ticks:
            y = scale(t)
            if t != lo:
                self.line(self.x0, y, self.x1, y, stroke=GRID)
            self.line(self.x0 - 4, y, self.x0, y)
            self.text(self.x0 - 7, y, tick_label(t), anchor="end", baseline="central")
        self.line(self.x0, self.y0, self.x0, self.y1)
        if label:
            self.text(14, (self.y0 + self.y1) / 2, label, anchor="middle", rotate=-90, baseline="central")
        return scale

    def x_value_axis(self, ticks, label: str) -> Callable[[float], float]:
        """Vertical grid lines with labels below (for horizontal bars); returns value -> x."""
        hi = ticks[-1] or 1
        scale = lambda v: self.x0 + v / hi * (self.x1 - self.x0)  # noqa: E731
        for t in ticks:
            x = scale(t)
            if t:
                self.line(x, self.y0, x, self.y1, stroke=GRID)
            self.line(x, self.y1, x, self.y1 + 4)
            self.text(x, self.y1 + 16, tick_label(t), anchor="middle")
        self.line(self.x0, self.y1, self.x1, self.y1)
        if label:
            self.text((self.x0 + self.x1) / 2, self.y1 + 34, label, anchor="middle")
        return scale

    def x_labels(self, positions, labels, *, rotate=False, label: str = "", slot: float | None = None) -> None:
        """Category labels under the x axis (months rotated 45 degrees) and the axis title. Upright
        labels are wrapped to ``slot`` px (the room each category has); the canvas grows downwards
        when the lines and the axis title need more room."""
        self.line(self.x0, self.y1, self.x1, self.y1)
        rows = 1
        for x, text in zip(positions, labels):
            self.line(x, self.y1, x, self.y1 + 4)
            if rotate:
                self.text(x + 4, self.y1 + 10, text, anchor="end", rotate=-45, size=SMALL)
            else:
                lines = wrap(text, slot - 4, FONT) if slot else [str(text)]
                rows = max(rows, len(lines))
                self.text(x, self.y1 + 16, lines, anchor="middle")
        bottom = self.y1 + 16 + FONT * LINE * (rows - 1)
        if label:
            y = self.height - 6 if rotate else bottom + 20
            self.text((self.x0 + self.x1) / 2, y, label, anchor="middle")
            bottom = y
        self.grow_to(bottom + 6)

    def grow_to(self, bottom: float) -> None:
        """Make the canvas at least ``bottom`` px high (room for wrapped labels or a long legend)."""
        if bottom > self.height:
            self.height = int(math.ceil(bottom))

    def legend(self, items, *, outside: bool, below: bool = False) -> None:
        """items: [(label, colour, marker)] or [(label, colour, marker, dashed)] with marker "rect",
        "circle", "square", "triangle" or "diamond". Outside the plot on the right (labels wrapped to the
        room up to the canvas edge), inside at the top right, or ``below``: rows along the bottom edge
        of the canvas (leave room for one; a further row makes the canvas taller). Nothing is cut off:
        the canvas grows when the legend needs it."""
        row = SMALL * LINE + 2
        if below:
            x, y = self.x0, self.height - 15
        elif outside:
            x, y = self.x1 + 12, self.y0 + 4
        else:
            width = widest([item[0] for item in items], SMALL) + 30
            x, y = max(4.0, self.x1 - width), self.y0 + 4
        room = self.width - x - 18 - 4  # after the swatch, up to the canvas edge
        cy = y + 5
        bottom = cy
        previous = 1  # lines of the label above
        for i, (label, colour, marker, *dashed) in enumerate(items):
            lines = [str(label)]
            if below:
                if i:
                    x += text_width(items[i - 1][0], SMALL) + 40
                    if x + 18 + text_width(label, SMALL) > self.width - 4:  # next row
                        x, cy = self.x0, cy + row
            elif i:
                cy += row * previous
            if outside and not below:
                lines = wrap(label, room, SMALL)
            previous = len(lines)
            if marker == "rect":
                self.rect(x, cy - 5, 10, 10, fill=colour)
            else:
                self.line(x - 2, cy, x + 14, cy, stroke=colour, width=2, dashed=bool(dashed and dashed[0]))
                self.marker(x + 6, cy, colour, marker)
            # the first line next to the swatch, the others under it
            self.text(x + 18, cy + SMALL * LINE * (len(lines) - 1) / 2, lines, size=SMALL, baseline="central")
            bottom = max(bottom, cy + SMALL * LINE * (len(lines) - 1))
        self.grow_to(bottom + SMALL + 4)

    def marker(self, x, y, colour, marker):
        if marker == "square":
            self.rect(x - 3.5, y - 3.5, 7, 7, fill=colour)
        elif marker == "triangle":
            self.add(
                f'<path d="M{_f(x)} {_f(y - 4.5)}L{_f(x + 4)} {_f(y + 3)}L{_f(x - 4)} {_f(y + 3)}Z" fill="{colour}"/>'
            )
        elif marker == "diamond":
            self.add(
                f'<path d="M{_f(x)} {_f(y - 4.5)}L{_f(x + 4.5)} {_f(y)}L{_f(x)} {_f(y + 4.5)}'
                f'L{_f(x - 4.5)} {_f(y)}Z" fill="{colour}"/>'
            )
        else:
            self.add(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3.5" fill="{colour}"/>')

    # -- output ---------------------------------------------------------------------------------
    def svg(self, title: str, alt: str, *, css_class: str = "leerkring-chart", attrs: str = "") -> str:
        """The chart as an inline ``<svg>``; ``attrs`` are extra attributes after the class."""
        label = html.escape(f"{title}. {alt}", quote=True)
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" '
            f'class="{html.escape(css_class, quote=True)}"{attrs} '
            f'width="{self.width}" height="{self.height}" viewBox="0 0 {self.width} {self.height}" '
            f'style="max-width:100%;height:auto" font-family="sans-serif" font-size="{FONT}" fill="{INK}">'
            f"<title>{html.escape(title, quote=False)}</title><desc>{html.escape(alt, quote=False)}</desc>{defs}"
            f'<rect width="{self.width}" height="{self.height}" fill="#fff"/>'
            + "".join(self.parts)
            + self._title(title)
            + "</svg>"
        )

    def _title(self, title: str) -> str:
        """The title above the plot, centred on it when it fits there, else moved or made smaller so
        that all of it stays on the canvas."""
        size = TITLE
        width = text_width(title, size)
        if width > self.width - 16:
            size = max(9.0, TITLE * (self.width - 16) / width)
            width = text_width(title, size)
        x = min(max((self.x0 + self.x1) / 2, 8 + width / 2), self.width - 8 - width / 2)
        y = max(self.y0 - 12, size + 3)  # a low chart has a small top margin: keep the capitals on it
        return (
            f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="middle" '
            f'font-size="{_f(size)}">{html.escape(title, quote=False)}</text>'
        )


# -- the kinds of chart -----------------------------------------------------------------------------
def bars(
    c: Canvas,
    labels,
    nums,
    hidden,
    k,
    *,
    horizontal=False,
    xlabel="",
    ylabel="aantal",
    colour=COLOURS[0],
    colours=None,
    notes=None,
    marks=None,
    headroom=1.0,
):
    """Bars for plain numbers ``nums``; ``hidden[i]`` draws bar i as suppressed (hatched, marked ``< k``
    or ``marks[i]``). Horizontal bars may have their own ``colours`` and a ``notes`` text after the bar;
    ``headroom`` stretches the value axis to leave room for those notes."""
    n = max(1, len(labels))
    ticks = nice_ticks(max(nums, default=0) * headroom)
    if horizontal:
        c.frame(MARGINS_WIDE)
        slot = (c.y1 - c.y0) / n
        size = max(7, min(FONT, int(slot * 0.8)))
        # the labels get the room they need on the left (up to 45 % of the width; longer ones wrap)
        axis_title = 22 if ylabel else 0
        limit = c.width * 0.45 - 12 - axis_title
        lines = [wrap(label, limit, size) if text_width(label, size) > limit else [str(label)] for label in labels]
        needed = max((widest(ls, size) for ls in lines), default=0) + 12 + axis_title
        c.frame({**MARGINS_WIDE, "left": max(0.12, min(needed, c.width * 0.45) / c.width)})
        scale = c.x_value_axis(ticks, xlabel)
        for i, (label, v, is_hidden) in enumerate(zip(lines, nums, hidden)):
            y = c.y0 + i * slot + slot * 0.1
            if is_hidden:
                c.suppressed_bar(c.x0, y, 14, slot * 0.8, k, horizontal=True, mark=marks[i] if marks else None)
            else:
                c.rect(c.x0, y, scale(v) - c.x0, slot * 0.8, fill=colours[i] if colours else colour)
                if notes and notes[i]:
                    c.text(scale(v) + 4, y + slot * 0.4, notes[i], size=SMALL, baseline="central")
            c.line(c.x0 - 4, y + slot * 0.4, c.x0, y + slot * 0.4)
            c.text(c.x0 - 7, y + slot * 0.4, label, anchor="end", baseline="central", size=size)
        c.line(c.x0, c.y0, c.x0, c.y1)
        if ylabel:
            c.text(14, (c.y0 + c.y1) / 2, ylabel, anchor="middle", rotate=-90, baseline="central")
    else:
        c.frame(MARGINS)
        scale = c.y_axis(ticks, 0, ticks[-1], ylabel)
        slot = (c.x1 - c.x0) / n
        centres = []
        for i, (v, is_hidden) in enumerate(zip(nums, hidden)):
            x = c.x0 + i * slot + slot * 0.1
            centres.append(x + slot * 0.4)
            if is_hidden:
                c.suppressed_bar(x, c.y1 - 14, slot * 0.8, 14, k, horizontal=False, mark=marks[i] if marks else None)
            else:
                c.rect(x, scale(v), slot * 0.8, c.y1 - scale(v), fill=colours[i] if colours else colour)
        c.x_labels(centres, labels, label=xlabel, slot=slot)


def month_positions(c: Canvas, n: int) -> list[float]:
    if n == 1:
        return [(c.x0 + c.x1) / 2]
    pad = (c.x1 - c.x0) * 0.03
    return [c.x0 + pad + i * (c.x1 - c.x0 - 2 * pad) / (n - 1) for i in range(n)]


def stacked(c: Canvas, labels, series, names, *, xlabel, ylabel, colours=COLOURS, as_bars=False):
    """One filled band per series (stacked); a single month is one stacked bar. With ``as_bars`` every
    month is a stacked bar."""
    # the legend on the right gets the room its longest name needs (up to 40 % of the width; longer
    # names wrap), the plot the rest
    legend = min(widest(names, SMALL), c.width * 0.4) + 12 + 18 + 8
    c.frame({**MARGINS_LEGEND, "right": min(0.8, max(0.5, (c.width - legend) / c.width))})
    totals = [sum(col) for col in zip(*series)] if series else []
    ticks = nice_ticks(max(totals, default=0))
    scale = c.y_axis(ticks, 0, ticks[-1], ylabel)
    if as_bars:
        slot = (c.x1 - c.x0) / max(1, len(labels))
        xs = [c.x0 + (i + 0.5) * slot for i in range(len(labels))]
    else:
        xs = month_positions(c, len(labels))
    below = [0.0] * len(labels)
    for i, vals in enumerate(series):
        colour = colours[i % len(colours)]
        above = [b + v for b, v in zip(below, vals)]
        if as_bars:
            w = min(slot * 0.7, (c.x1 - c.x0) * 0.3)
            for x, b, a in zip(xs, below, above):
                if a > b:
                    c.rect(
                        x - w / 2,
                        scale(a),
                        w,
                        scale(b) - scale(a),
                        fill=colour,
                        extra=' stroke="#fff" stroke-width="0.6"',
                    )
        elif len(labels) == 1:
            w = (c.x1 - c.x0) * 0.3
            c.rect(xs[0] - w / 2, scale(above[0]), w, scale(below[0]) - scale(above[0]), fill=colour)
        else:
            top = "L".join(f"{_f(x)} {_f(scale(v))}" for x, v in zip(xs, above))
            bottom = "L".join(f"{_f(x)} {_f(scale(v))}" for x, v in reversed(list(zip(xs, below))))
            c.add(f'<path d="M{top}L{bottom}Z" fill="{colour}"/>')
        below = above
    step = max(1, len(labels) // 12)
    c.x_labels(xs[::step], labels[::step], rotate=True, label=xlabel)
    c.legend([(name, colours[i % len(colours)], "rect") for i, name in enumerate(names)], outside=True)


def lines(c: Canvas, labels, series, *, lo, hi, xlabel, ylabel, break_at_gaps=False, gaps=None, legend_below=False):
    """series: [(name, values, colour, marker)] or [(name, values, colour, marker, dashed)]; y runs from
    lo to hi. A value None is not drawn; with ``break_at_gaps`` the line stops there instead of joining
    its neighbours. ``gaps[i]``, when given, is written upright at month i (e.g. "onderdrukt").
    ``legend_below`` puts the legend in a row under the month labels (needs a taller canvas, no xlabel)."""
    c.frame(MARGINS)
    scale = c.y_axis(list(range(int(lo), int(hi) + 1)), lo, hi, ylabel)
    xs = month_positions(c, len(labels))
    for x, gap in zip(xs, gaps or []):
        if gap:
            c.text(x, c.y1 - 4, gap, size=SMALL, fill=MUTED, rotate=-90, baseline="central")
    for _name, values, colour, marker, *dashed in series:
        dash = _DASH if dashed and dashed[0] else ""
        points = [(x, scale(v)) for x, v in zip(xs, values) if v is not None]
        if break_at_gaps:
            runs, run = [], []
            for x, v in zip(xs, values):
                if v is None:
                    runs, run = runs + [run], []
                else:
                    run.append((x, scale(v)))
            runs.append(run)
        else:
            runs = [points]
        for run in runs:
            if len(run) > 1:
                c.add(
                    f'<path d="M{"L".join(f"{_f(x)} {_f(y)}" for x, y in run)}" fill="none" stroke="{colour}" '
                    f'stroke-width="2"{dash}/>'
                )
        for x, y in points:
            c.marker(x, y, colour, marker)
    step = max(1, len(labels) // 12)
    c.x_labels(xs[::step], labels[::step], rotate=True, label=xlabel)
    c.legend(
        [(name, colour, marker, *dashed) for name, _, colour, marker, *dashed in series],
        outside=False,
        below=legend_below,
    )
