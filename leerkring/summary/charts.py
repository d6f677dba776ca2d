"""Charts for summaries, written directly as small inline SVG (no matplotlib, nothing fetched).

Every chart has a Dutch title, axis labels and a text alternative: the ``<svg>`` carries ``role="img"``,
an ``aria-label`` (title and text alternative), a ``<title>`` and a ``<desc>``. Suppressed figures are
drawn as an empty, hatched bar marked "< k". The charts are simple (bars, stacked bands, lines), so a
few lines of geometry per kind replace a plotting library: about a millisecond per chart instead of a
quarter of a second, and no plotting library in the kernel.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass

from leerkring.summary.suppression import is_suppressed, number, show

COLOURS = ["#1b6ca8", "#e07a1f", "#3a9a5b", "#c0392b", "#7d5ba6", "#8c6d46", "#d35fa0"]
INK, MUTED, GRID = "#222", "#555", "#e3e3e3"
WIDTH, HEIGHT = 640, 320  # px; the SVG scales down with the page (max-width: 100%)
FONT, SMALL, TITLE = 12, 10, 15

# plot area as fractions of the canvas (left, right, bottom, top), like figure margins
_MARGINS = {"left": 0.1, "right": 0.97, "bottom": 0.2, "top": 0.88}
_MARGINS_WIDE = {"left": 0.3, "right": 0.97, "bottom": 0.2, "top": 0.88}
_MARGINS_LEGEND = {"left": 0.1, "right": 0.6, "bottom": 0.25, "top": 0.88}


@dataclass(frozen=True)
class ChartSpec:
    id: str
    title: str
    alt: str
    draw: Callable  # draw(canvas: Canvas) -> None
    height: int = HEIGHT


def _f(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros (short and deterministic)."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _tick_label(value: float) -> str:
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
    """Collects SVG elements for one chart; coordinates in px, y grows downwards."""

    def __init__(self, cid: str, width: int = WIDTH, height: int = HEIGHT):
        self.cid, self.width, self.height = cid, width, height
        self.parts: list[str] = []
        self.defs: list[str] = []
        self.legend_outside = False
        self.frame(_MARGINS)

    def frame(self, margins: dict) -> None:
        self.x0 = margins["left"] * self.width
        self.x1 = margins["right"] * self.width
        self.y0 = (1 - margins["top"]) * self.height
        self.y1 = (1 - margins["bottom"]) * self.height

    # -- primitives ---------------------------------------------------------------------------
    def add(self, element: str) -> None:
        self.parts.append(element)

    def text(self, x, y, text, *, size=FONT, anchor="start", fill=INK, rotate=None, baseline=None, weight=None):
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
        self.add(f"<text {attrs}>{html.escape(str(text), quote=False)}</text>")

    def line(self, x1, y1, x2, y2, *, stroke=INK, width=1):
        self.add(f'<path d="M{_f(x1)} {_f(y1)}H{_f(x2)}" stroke="{stroke}" stroke-width="{width}"/>' if y1 == y2 else
                 f'<path d="M{_f(x1)} {_f(y1)}V{_f(y2)}" stroke="{stroke}" stroke-width="{width}"/>' if x1 == x2 else
                 f'<path d="M{_f(x1)} {_f(y1)}L{_f(x2)} {_f(y2)}" stroke="{stroke}" stroke-width="{width}"/>')

    def rect(self, x, y, w, h, *, fill, extra=""):
        self.add(f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(max(0.0, w))}" height="{_f(max(0.0, h))}" '
                 f'fill="{fill}"{extra}/>')

    def hatch(self) -> str:
        """The fill for a suppressed bar: a light hatch pattern (defined once per chart)."""
        pid = f"lk-arcering-{self.cid}"
        if not self.defs:
            self.defs.append(
                f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" '
                f'patternTransform="rotate(45)"><path d="M0 0V6" stroke="{MUTED}" stroke-width="1.5"/></pattern>')
        return f"url(#{pid})"

    def suppressed_bar(self, x, y, w, h, k, *, horizontal: bool):
        self.rect(x, y, w, h, fill=self.hatch(), extra=f' stroke="{MUTED}" stroke-width="1"')
        if horizontal:
            self.text(x + w + 4, y + h / 2, f"< {k}", size=SMALL, fill=MUTED, baseline="central")
        else:
            self.text(x + w / 2, y - 3, f"< {k}", size=SMALL, fill=MUTED, anchor="middle")

    # -- axes -----------------------------------------------------------------------------------
    def y_axis(self, ticks, lo, hi, label: str) -> Callable[[float], float]:
        """Horizontal grid lines with labels on the left; returns value -> y."""
        scale = lambda v: self.y1 - (v - lo) / (hi - lo) * (self.y1 - self.y0)  # noqa: E731
        for t in ticks:
            y = scale(t)
            if t != lo:
                self.line(self.x0, y, self.x1, y, stroke=GRID)
            self.line(self.x0 - 4, y, self.x0, y)
            self.text(self.x0 - 7, y, _tick_label(t), anchor="end", baseline="central")
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
            self.text(x, self.y1 + 16, _tick_label(t), anchor="middle")
        self.line(self.x0, self.y1, self.x1, self.y1)
        if label:
            self.text((self.x0 + self.x1) / 2, self.y1 + 34, label, anchor="middle")
        return scale

    def x_labels(self, positions, labels, *, rotate=False, label: str = "") -> None:
        """Category labels under the x axis (months rotated 45 degrees) and the axis title."""
        self.line(self.x0, self.y1, self.x1, self.y1)
        for x, text in zip(positions, labels):
            self.line(x, self.y1, x, self.y1 + 4)
            if rotate:
                self.text(x + 4, self.y1 + 10, text, anchor="end", rotate=-45, size=SMALL)
            else:
                self.text(x, self.y1 + 16, text, anchor="middle")
        if label:
            self.text((self.x0 + self.x1) / 2, self.height - 6 if rotate else self.y1 + 36, label, anchor="middle")

    def legend(self, items, *, outside: bool) -> None:
        """items: [(label, colour, marker)] with marker "rect", "circle" or "square"."""
        row = 14
        if outside:
            x, y = self.x1 + 12, self.y0 + 4
        else:
            width = max(len(label) for label, _, _ in items) * 6 + 30
            x, y = self.x1 - width, self.y0 + 4
        for i, (label, colour, marker) in enumerate(items):
            cy = y + i * row + 5
            if marker == "rect":
                self.rect(x, cy - 5, 10, 10, fill=colour)
            else:
                self.line(x - 2, cy, x + 14, cy, stroke=colour, width=2)
                self._marker(x + 6, cy, colour, marker)
            self.text(x + 18, cy, label, size=SMALL, baseline="central")

    def _marker(self, x, y, colour, marker):
        if marker == "square":
            self.rect(x - 3.5, y - 3.5, 7, 7, fill=colour)
        else:
            self.add(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3.5" fill="{colour}"/>')

    # -- output ---------------------------------------------------------------------------------
    def svg(self, title: str, alt: str) -> str:
        label = html.escape(f"{title}. {alt}", quote=True)
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" class="leerkring-chart" '
            f'width="{self.width}" height="{self.height}" viewBox="0 0 {self.width} {self.height}" '
            f'style="max-width:100%;height:auto" font-family="sans-serif" font-size="{FONT}" fill="{INK}">'
            f"<title>{html.escape(title, quote=False)}</title><desc>{html.escape(alt, quote=False)}</desc>{defs}"
            f'<rect width="{self.width}" height="{self.height}" fill="#fff"/>'
            + "".join(self.parts)
            + f'<text x="{_f((self.x0 + self.x1) / 2)}" y="{_f(self.y0 - 12)}" text-anchor="middle" '
              f'font-size="{TITLE}">{html.escape(title, quote=False)}</text></svg>'
        )


# -- the three kinds of chart -----------------------------------------------------------------------
def _bars(c: Canvas, labels, values, k, *, horizontal=False, xlabel="", ylabel="aantal", colour=COLOURS[0]):
    nums = [number(v) for v in values]
    hidden = [is_suppressed(v) for v in values]
    n = max(1, len(labels))
    ticks = nice_ticks(max(nums, default=0))
    if horizontal:
        c.frame(_MARGINS_WIDE)
        scale = c.x_value_axis(ticks, xlabel)
        slot = (c.y1 - c.y0) / n
        size = max(7, min(FONT, int(slot * 0.8)))
        for i, (label, v, is_hidden) in enumerate(zip(labels, nums, hidden)):
            y = c.y0 + i * slot + slot * 0.1
            if is_hidden:
                c.suppressed_bar(c.x0, y, 14, slot * 0.8, k, horizontal=True)
            else:
                c.rect(c.x0, y, scale(v) - c.x0, slot * 0.8, fill=colour)
            c.line(c.x0 - 4, y + slot * 0.4, c.x0, y + slot * 0.4)
            c.text(c.x0 - 7, y + slot * 0.4, label, anchor="end", baseline="central", size=size)
        c.line(c.x0, c.y0, c.x0, c.y1)
        if ylabel:
            c.text(14, (c.y0 + c.y1) / 2, ylabel, anchor="middle", rotate=-90, baseline="central")
    else:
        c.frame(_MARGINS)
        scale = c.y_axis(ticks, 0, ticks[-1], ylabel)
        slot = (c.x1 - c.x0) / n
        centres = []
        for i, (v, is_hidden) in enumerate(zip(nums, hidden)):
            x = c.x0 + i * slot + slot * 0.1
            centres.append(x + slot * 0.4)
            if is_hidden:
                c.suppressed_bar(x, c.y1 - 14, slot * 0.8, 14, k, horizontal=False)
            else:
                c.rect(x, scale(v), slot * 0.8, c.y1 - scale(v), fill=colour)
        c.x_labels(centres, labels, label=xlabel)


def _month_positions(c: Canvas, n: int) -> list[float]:
    if n == 1:
        return [(c.x0 + c.x1) / 2]
    pad = (c.x1 - c.x0) * 0.03
    return [c.x0 + pad + i * (c.x1 - c.x0 - 2 * pad) / (n - 1) for i in range(n)]


def _stacked(c: Canvas, labels, series, names, *, xlabel, ylabel):
    """One filled band per series (stacked); a single month is one stacked bar."""
    c.frame(_MARGINS_LEGEND)
    totals = [sum(col) for col in zip(*series)] if series else []
    ticks = nice_ticks(max(totals, default=0))
    scale = c.y_axis(ticks, 0, ticks[-1], ylabel)
    xs = _month_positions(c, len(labels))
    below = [0.0] * len(labels)
    for i, vals in enumerate(series):
        colour = COLOURS[i % len(COLOURS)]
        above = [b + v for b, v in zip(below, vals)]
        if len(labels) == 1:
            w = (c.x1 - c.x0) * 0.3
            c.rect(xs[0] - w / 2, scale(above[0]), w, scale(below[0]) - scale(above[0]), fill=colour)
        else:
            top = "L".join(f"{_f(x)} {_f(scale(v))}" for x, v in zip(xs, above))
            bottom = "L".join(f"{_f(x)} {_f(scale(v))}" for x, v in reversed(list(zip(xs, below))))
            c.add(f'<path d="M{top}L{bottom}Z" fill="{colour}"/>')
        below = above
    step = max(1, len(labels) // 12)
    c.x_labels(xs[::step], labels[::step], rotate=True, label=xlabel)
    c.legend([(name, COLOURS[i % len(COLOURS)], "rect") for i, name in enumerate(names)], outside=True)


def _lines(c: Canvas, labels, series, *, lo, hi, xlabel, ylabel):
    """series: [(name, values, colour, marker)]; y runs from lo to hi."""
    c.frame(_MARGINS)
    scale = c.y_axis(list(range(int(lo), int(hi) + 1)), lo, hi, ylabel)
    xs = _month_positions(c, len(labels))
    for _name, values, colour, marker in series:
        points = [(x, scale(v)) for x, v in zip(xs, values) if v is not None]
        if len(points) > 1:
            c.add(f'<path d="M{"L".join(f"{_f(x)} {_f(y)}" for x, y in points)}" fill="none" stroke="{colour}" '
                  'stroke-width="2"/>')
        for x, y in points:
            c._marker(x, y, colour, marker)
    step = max(1, len(labels) // 12)
    c.x_labels(xs[::step], labels[::step], rotate=True, label=xlabel)
    c.legend([(name, colour, marker) for name, _, colour, marker in series], outside=False)


def _list(pairs) -> str:
    return "; ".join(f"{label}: {show(value)}" for label, value in pairs)


def chart_specs(doc: dict) -> list[ChartSpec]:
    """The charts for one summary document (none when the period is empty)."""
    if doc.get("empty"):
        return []
    k = doc["min_group_size"]
    specs: list[ChartSpec] = []
    principles = doc["leermix"]["principles"]
    p_labels = [str(p["number"]) for p in principles]
    p_values = [p["entries"] for p in principles]
    specs.append(ChartSpec(
        "leermix", "Leer-mix: bijdragen per principe",
        "Staafdiagram van het aantal bijdragen per principe. "
        + _list((f"{p['number']}. {p['name']}", p["entries"]) for p in principles) + ".",
        lambda c: _bars(c, p_labels, p_values, k, xlabel="principe (nummer)", ylabel="aantal bijdragen"),
    ))
    months = doc["leermix"]["by_month"]
    if months:
        def draw_months(c, months=months, principles=principles):
            series = [[number(m["principles"].get(p["key"])) for m in months] for p in principles]
            _stacked(c, [m["month"] for m in months], series, [f"{p['number']}. {p['name']}" for p in principles],
                     xlabel="maand", ylabel="aantal bijdragen")

        hidden = sum(1 for m in months for v in m["principles"].values() if is_suppressed(v))
        alt = (f"Gestapeld staafdiagram van de bijdragen per principe per maand, {months[0]['month']} tot en met "
               f"{months[-1]['month']}. " + " ".join(
                   f"{m['month']}: " + ", ".join(f"principe {p['number']} {show(m['principles'].get(p['key'], 0))}"
                                                 for p in principles) + "." for m in months[-12:]))
        if len(months) > 12:
            alt += f" (De tekst noemt de laatste 12 van {len(months)} maanden.)"
        if hidden:
            alt += f" {hidden} cellen zijn weggelaten: minder dan {k} bijdragers."
        specs.append(ChartSpec("leermix_tijd", "Leer-mix door de tijd", alt, draw_months))
    a = doc["actions"]
    a_pairs = [("opgepakt", a["raised"]), ("teruggekoppeld", a["reported"]), ("klaar", a["done"]),
               ("loopt door", a.get("continued", 0)), ("gestopt", a["dropped"]), ("nog open", a["open"]),
               ("over de afspraakdatum", a["overdue"])]
    specs.append(ChartSpec(
        "actieleren", "Actieleren: van actie naar terugkoppeling",
        "Liggend staafdiagram van de acties. " + _list(a_pairs) + ". Dagen tot de eerste terugkoppeling (mediaan): "
        + show(a["days_to_first_report"]["median"]) + ".",
        lambda c: _bars(c, [p[0] for p in a_pairs], [p[1] for p in a_pairs], k, horizontal=True,
                        xlabel="aantal acties", ylabel="", colour=COLOURS[2]),
    ))
    t = doc["trialogue"]
    t_pairs = [("kennis", t["kennis"]), ("gevoel", t["gevoel"]), ("contact", t["contact"])]
    specs.append(ChartSpec(
        "trialoog", "Trialoog: kennis, gevoel en contact",
        "Staafdiagram van de bijdragen onder principe 7. " + _list(t_pairs) + ".",
        lambda c: _bars(c, [p[0] for p in t_pairs], [p[1] for p in t_pairs], k, xlabel="soort bijdrage",
                        ylabel="aantal bijdragen", colour=COLOURS[4]),
    ))
    s = doc["signals"]
    if s["raised"]:
        s_pairs = [("open", s["open"]), ("beantwoord", s["answered"]), ("afgesloten", s["closed"])]
        specs.append(ChartSpec(
            "signalen", "Signalen aan het management",
            "Staafdiagram van de signalen naar status. " + _list(s_pairs) + ". Dagen tot een antwoord (mediaan): "
            + show(s["days_to_answer"]["median"]) + ".",
            lambda c: _bars(c, [p[0] for p in s_pairs], [p[1] for p in s_pairs], k, xlabel="status",
                            ylabel="aantal signalen", colour=COLOURS[3]),
        ))
    ev = [m for m in doc["evaluations"]["by_month"] if not is_suppressed(m["free_to_speak"]) and m["free_to_speak"] is not None]
    if ev:
        def draw_eval(c, ev=ev):
            _lines(c, [m["month"] for m in ev],
                   [("vrijuit kunnen spreken", [m["free_to_speak"] for m in ev], COLOURS[0], "circle"),
                    ("nuttig", [number(m["useful"], None) for m in ev], COLOURS[1], "square")],
                   lo=1, hi=5, xlabel="maand", ylabel="gemiddelde score (1-5)")

        alt = ("Lijndiagram van de gemiddelde evaluatiescores per maand (alleen maanden met minstens "
               f"{k} evaluaties). " + " ".join(f"{m['month']}: vrijuit {show(m['free_to_speak'])}, nuttig {show(m['useful'])}."
                                                for m in ev[-12:]))
        specs.append(ChartSpec("evaluaties", "Evaluaties door de tijd", alt, draw_eval))
    if doc.get("kringen"):
        rows = doc["kringen"]
        specs.append(ChartSpec(
            "sessies_per_kring", "Sessies per kring (op naam, geen rangorde)",
            "Liggend staafdiagram van het aantal sessies per kring, op alfabetische volgorde. "
            + _list((r["name"], r["sessions"]) for r in rows) + ".",
            lambda c: _bars(c, [r["name"] for r in rows], [r["sessions"] for r in rows], k, horizontal=True,
                            xlabel="aantal sessies", ylabel=""),
            # room for every name: at least 18 px per kring
            height=max(HEIGHT, int(18 * len(rows) / 0.68) + 1),
        ))
    return specs


def svg(spec: ChartSpec, width: int = WIDTH, height: int | None = None) -> str:
    """The chart as an inline SVG string (no external references), with role=img, aria-label and <title>."""
    canvas = Canvas(spec.id, width, height or spec.height)
    spec.draw(canvas)
    return canvas.svg(spec.title, spec.alt)


def figure_html(spec: ChartSpec) -> str:
    """A <figure> with the SVG and its text alternative as caption."""
    return (f'<figure class="leerkring-figure" id="grafiek-{spec.id}">{svg(spec)}'
            f'<figcaption><strong>{html.escape(spec.title)}</strong>. Tekstalternatief: {html.escape(spec.alt)}'
            "</figcaption></figure>")
