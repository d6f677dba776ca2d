"""Charts for summaries, written directly as small inline SVG (no plotting library, nothing fetched).

Every chart has a Dutch title, axis labels and a text alternative: the ``<svg>`` carries ``role="img"``,
an ``aria-label`` (title and text alternative), a ``<title>`` and a ``<desc>``. Suppressed figures are
drawn as an empty, hatched bar marked "< k". The drawing itself lives in :mod:`leerkring.svgcharts`,
which the dashboard shares; this module says which charts a summary has and what they show.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from leerkring.summary.suppression import is_suppressed, number, show
from leerkring.svgcharts import COLOURS, HEIGHT, WIDTH, Canvas, nice_ticks  # noqa: F401  (nice_ticks: public)
from leerkring.svgcharts import bars as _draw_bars
from leerkring.svgcharts import lines as _lines
from leerkring.svgcharts import stacked as _stacked


@dataclass(frozen=True)
class ChartSpec:
    id: str
    title: str
    alt: str
    draw: Callable  # draw(canvas: Canvas) -> None
    height: int = HEIGHT


def _bars(c: Canvas, labels, values, k, *, horizontal=False, xlabel="", ylabel="aantal", colour=COLOURS[0]):
    """Bars for summary values (numbers, or suppressed markers drawn hatched with "< k")."""
    _draw_bars(c, labels, [number(v) for v in values], [is_suppressed(v) for v in values], k,
               horizontal=horizontal, xlabel=xlabel, ylabel=ylabel, colour=colour)


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
