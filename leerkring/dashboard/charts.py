"""Charts as inline SVG: matplotlib without pyplot, no JavaScript, no CDN, text kept as text.

Each chart carries a Dutch title and a text alternative: ``role="img"``, ``aria-label`` and ``<title>``
on the ``<svg>`` element; the caller puts the numbers next to it as a table.
"""

from __future__ import annotations

import html
import io
import re

# Colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphics); text is #1b1b1b.
PALETTE = ("#1f5fa8", "#b34700", "#2e7d32", "#7b3294", "#a0153e", "#00695c", "#5d4037")
GREY = "#595959"
TEXT = "#1b1b1b"

_RC = {
    "svg.fonttype": "none",       # text stays <text>: selectable, readable by screen readers, smaller
    "text.parse_math": False,     # a '$' in a name is text, not mathtext
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": GREY,
    "axes.labelcolor": TEXT,
    "text.color": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "legend.frameon": False,
}
_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)
_SIZE = re.compile(r'\s(width|height)="[^"]*"')
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)


def _figure(width=6.4, height=2.8):
    import matplotlib

    matplotlib.rcParams.update(_RC)
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=72, layout="constrained")


def to_svg(fig, title: str, alt: str) -> str:
    """The figure as an inline ``<svg>`` element with its title and text alternative."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = _METADATA.sub("", _PROLOGUE.sub("", buf.getvalue(), count=1))
    head_end = svg.index(">")
    head = _SIZE.sub("", svg[:head_end])
    label = html.escape(f"{title}. {alt}", quote=True)
    return (f'{head} role="img" aria-label="{label}" focusable="false" class="lk-svg" '
            f'style="width:100%;max-width:{fig.get_figwidth() * 72:.0f}px;height:auto">'
            f"<title>{html.escape(title)}</title><desc>{html.escape(alt)}</desc>{svg[head_end + 1:]}")


def _short(text: str, n: int = 18) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def stacked_bars(title: str, alt: str, labels: list[str], series: list[tuple[str, list[float]]],
                 ylabel: str = "") -> str:
    fig = _figure(6.6, 3.0)
    ax = fig.add_subplot()
    bottom = [0.0] * len(labels)
    x = list(range(len(labels)))
    for i, (name, values) in enumerate(series):
        ax.bar(x, values, bottom=bottom, label=_short(name, 30), color=PALETTE[i % len(PALETTE)],
               edgecolor="white", linewidth=0.6)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_xticks(x, labels, rotation=45 if len(labels) > 8 else 0, ha="right" if len(labels) > 8 else "center")
    ax.set_ylabel(ylabel)
    ax.set_title(title, loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    return to_svg(fig, title, alt)


def hbars(title: str, alt: str, labels: list[str], values: list[float | None], *, colors=None,
          notes: list[str] | None = None) -> str:
    fig = _figure(6.0, 0.45 * len(labels) + 0.9)
    ax = fig.add_subplot()
    y = list(range(len(labels)))[::-1]
    shown = [v or 0 for v in values]
    ax.barh(y, shown, color=colors or PALETTE[0], height=0.6)
    ax.set_yticks(y, [_short(label, 28) for label in labels])
    top = max(shown + [1])
    for yi, v, note in zip(y, values, notes or [""] * len(values)):
        text = note or ("" if v is None else f"{v:g}")
        ax.text((v or 0) + top * 0.02, yi, text, va="center", fontsize=8, color=TEXT)
    ax.set_xlim(0, top * 1.35)
    ax.set_title(title, loc="left")
    return to_svg(fig, title, alt)


def lines(title: str, alt: str, labels: list[str], series: list[tuple[str, list[float | None]]],
          ylim=(1, 5), gaps: list[str] | None = None) -> str:
    fig = _figure(6.4, 2.8)
    ax = fig.add_subplot()
    x = list(range(len(labels)))
    markers = ("o", "s", "^", "D")
    for i, (name, values) in enumerate(series):
        xs = [xi for xi, v in zip(x, values) if v is not None]
        ys = [v for v in values if v is not None]
        ax.plot(xs, ys, marker=markers[i % len(markers)], color=PALETTE[i % len(PALETTE)], label=name,
                linestyle="-" if i == 0 else "--")
    for xi, gap in zip(x, gaps or []):
        if gap:
            ax.text(xi, ylim[0] + 0.15, gap, rotation=90, fontsize=7, color=GREY, ha="center", va="bottom")
    ax.set_xticks(x, labels, rotation=45 if len(labels) > 8 else 0, ha="right" if len(labels) > 8 else "center")
    ax.set_ylim(ylim[0] - 0.1, ylim[1] + 0.1)
    ax.set_title(title, loc="left")
    ax.legend(loc="lower right", fontsize=8)
    return to_svg(fig, title, alt)
