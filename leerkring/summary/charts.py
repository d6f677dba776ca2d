"""Charts for summaries: matplotlib (Agg) drawn to inline SVG, each with a Dutch title, axis labels
and a text alternative. Suppressed figures are drawn as an empty, hatched bar marked "< k"."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from leerkring.summary.suppression import is_suppressed, number, show

COLOURS = ["#1b6ca8", "#e07a1f", "#3a9a5b", "#c0392b", "#7d5ba6", "#8c6d46", "#d35fa0"]


@dataclass(frozen=True)
class ChartSpec:
    id: str
    title: str
    alt: str
    draw: Callable  # draw(ax) -> None


def _bars(ax, labels, values, k, *, horizontal=False, xlabel="", ylabel="aantal", colour=COLOURS[0]):
    nums = [number(v) for v in values]
    hidden = [is_suppressed(v) for v in values]
    positions = range(len(labels))
    if horizontal:
        bars = ax.barh(list(positions), nums, color=colour)
        ax.set_yticks(list(positions), labels)
        ax.invert_yaxis()
    else:
        bars = ax.bar(list(positions), nums, color=colour)
        ax.set_xticks(list(positions), labels, rotation=0)
    for bar, is_hidden in zip(bars, hidden):
        if is_hidden:
            if horizontal:
                ax.text(0, bar.get_y() + bar.get_height() / 2, f" < {k}", va="center", fontsize=8, color="#555")
            else:
                ax.text(bar.get_x() + bar.get_width() / 2, 0, f"< {k}", ha="center", va="bottom", fontsize=8, color="#555")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.spines[["top", "right"]].set_visible(False)


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
        lambda ax: _bars(ax, p_labels, p_values, k, xlabel="principe (nummer)", ylabel="aantal bijdragen"),
    ))
    months = doc["leermix"]["by_month"]
    if months:
        def draw_months(ax, months=months, principles=principles):
            # one filled band per principle (stackplot): cheap to draw and to render, also for years of data
            labels = [m["month"] for m in months]
            x = list(range(len(months)))
            series = [[number(m["principles"].get(p["key"])) for m in months] for p in principles]
            if len(months) == 1:
                bottom = 0
                for i, (p, vals) in enumerate(zip(principles, series)):
                    ax.bar([0], vals, bottom=[bottom], color=COLOURS[i % len(COLOURS)], label=f"{p['number']}. {p['name']}")
                    bottom += vals[0]
            else:
                ax.stackplot(x, series, colors=COLOURS[: len(principles)],
                             labels=[f"{p['number']}. {p['name']}" for p in principles])
            step = max(1, len(labels) // 12)
            ax.set_xticks(x[::step], labels[::step], rotation=45, ha="right")
            ax.set_xlabel("maand")
            ax.set_ylabel("aantal bijdragen")
            ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1, 1), frameon=False)
            ax.spines[["top", "right"]].set_visible(False)

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
        lambda ax: _bars(ax, [p[0] for p in a_pairs], [p[1] for p in a_pairs], k, horizontal=True,
                         xlabel="aantal acties", ylabel="", colour=COLOURS[2]),
    ))
    t = doc["trialogue"]
    t_pairs = [("kennis", t["kennis"]), ("gevoel", t["gevoel"]), ("contact", t["contact"])]
    specs.append(ChartSpec(
        "trialoog", "Trialoog: kennis, gevoel en contact",
        "Staafdiagram van de bijdragen onder principe 7. " + _list(t_pairs) + ".",
        lambda ax: _bars(ax, [p[0] for p in t_pairs], [p[1] for p in t_pairs], k, xlabel="soort bijdrage",
                         ylabel="aantal bijdragen", colour=COLOURS[4]),
    ))
    s = doc["signals"]
    if s["raised"]:
        s_pairs = [("open", s["open"]), ("beantwoord", s["answered"]), ("afgesloten", s["closed"])]
        specs.append(ChartSpec(
            "signalen", "Signalen aan het management",
            "Staafdiagram van de signalen naar status. " + _list(s_pairs) + ". Dagen tot een antwoord (mediaan): "
            + show(s["days_to_answer"]["median"]) + ".",
            lambda ax: _bars(ax, [p[0] for p in s_pairs], [p[1] for p in s_pairs], k, xlabel="status",
                             ylabel="aantal signalen", colour=COLOURS[3]),
        ))
    ev = [m for m in doc["evaluations"]["by_month"] if not is_suppressed(m["free_to_speak"]) and m["free_to_speak"] is not None]
    if ev:
        def draw_eval(ax, ev=ev):
            x = list(range(len(ev)))
            ax.plot(x, [m["free_to_speak"] for m in ev], marker="o", color=COLOURS[0], label="vrijuit kunnen spreken")
            ax.plot(x, [m["useful"] for m in ev], marker="s", color=COLOURS[1], label="nuttig")
            step = max(1, len(ev) // 12)
            ax.set_xticks(x[::step], [m["month"] for m in ev][::step], rotation=45, ha="right")
            ax.set_ylim(1, 5)
            ax.set_xlabel("maand")
            ax.set_ylabel("gemiddelde score (1-5)")
            ax.legend(fontsize=8, frameon=False)
            ax.spines[["top", "right"]].set_visible(False)

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
            lambda ax: _bars(ax, [r["name"] for r in rows], [r["sessions"] for r in rows], k, horizontal=True,
                             xlabel="aantal sessies", ylabel=""),
        ))
    return specs


_plt = None
_fig = None
# fixed margins instead of tight_layout (which draws the figure an extra time)
_MARGINS = {"left": 0.1, "right": 0.97, "bottom": 0.2, "top": 0.88}
_MARGINS_WIDE = {"left": 0.3, "right": 0.97, "bottom": 0.2, "top": 0.88}
_MARGINS_LEGEND = {"left": 0.1, "right": 0.68, "bottom": 0.25, "top": 0.88}


def _pyplot():
    global _plt
    if _plt is None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        # text stays text (<text>, readable and selectable, generic font names: nothing is fetched)
        matplotlib.rcParams.update({"svg.hashsalt": "leerkring", "svg.fonttype": "none", "font.size": 9,
                                    "axes.titlesize": 11, "font.family": "sans-serif"})
        _plt = plt
    return _plt


def svg(spec: ChartSpec, width: float = 6.4, height: float = 3.2) -> str:
    """The chart as an inline SVG string (no external references), with role=img and aria-label."""
    global _fig
    plt = _pyplot()
    if _fig is None:
        _fig = plt.figure(figsize=(width, height))
    fig = _fig
    fig.clf()
    fig.set_size_inches(width, height)
    ax = fig.add_subplot(1, 1, 1)
    spec.draw(ax)
    ax.set_title(spec.title)
    margins = _MARGINS_LEGEND if ax.get_legend() is not None and spec.id != "evaluaties" else (
        _MARGINS_WIDE if spec.id in ("actieleren", "sessies_per_kring") else _MARGINS)
    fig.subplots_adjust(**margins)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Title": spec.title, "Date": None, "Creator": None})
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    label = html.escape(f"{spec.title}. {spec.alt}", quote=True)
    return re.sub(r"<svg\b", f'<svg role="img" aria-label="{label}" class="leerkring-chart"', text, count=1)


def figure_html(spec: ChartSpec) -> str:
    """A <figure> with the SVG and its text alternative as caption."""
    return (f'<figure class="leerkring-figure" id="grafiek-{spec.id}">{svg(spec)}'
            f'<figcaption><strong>{html.escape(spec.title)}</strong>. Tekstalternatief: {html.escape(spec.alt)}'
            "</figcaption></figure>")
