"""HTML for the dashboard, built from one organisation summary: a header, the sections of
:func:`leerkring.sections.dashboard_sections` (leerkring's own and those of plugins) and a final marker;
and the organisation overview at the top of the page.

Every text that comes from a summary is escaped before it is put into HTML: a shared entry containing
``<script>`` is shown as those characters. Rendering only looks at pre-aggregated fields and at most a
fixed number of list items, so its cost does not grow with the history.
"""

from __future__ import annotations

from leerkring.sections import View, dashboard_sections
from leerkring.sections.base import Safe, esc, figure_value, kpis, table
from leerkring.sections.document import as_dict, as_list, is_rollup, number
from leerkring.sections.sessions import KRING_COLUMNS

MARKER_CLASS = "lk-klaar"

CSS = """
<style>
.lk { color:#1b1b1b; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; line-height:1.45; max-width: 60rem; }
.lk h2 { font-size:1.35rem; margin:1.2rem 0 .4rem; }
.lk h3 { font-size:1.1rem; margin:1.1rem 0 .3rem; border-top:1px solid #c8c8c8; padding-top:.7rem; }
.lk .lk-muted { color:#4a4a4a; }
.lk table { border-collapse:collapse; margin:.4rem 0 .8rem; font-size:.92rem; }
.lk caption { text-align:left; font-weight:600; padding:.2rem 0; color:#1b1b1b; }
.lk table th, .lk table td { border:1px solid #b0b0b0; padding:.25rem .5rem; text-align:left; vertical-align:top; }
.lk table th { background:#eef1f5; }
.lk table td.lk-n { text-align:right; font-variant-numeric: tabular-nums; }
.lk .lk-onderdrukt { color:#6b3a00; font-style:italic; }
.lk .lk-kpis { display:flex; flex-wrap:wrap; gap:.6rem; margin:.4rem 0 .8rem; padding:0; list-style:none; }
.lk .lk-kpis li { border:1px solid #b0b0b0; border-radius:6px; padding:.4rem .7rem; min-width:8rem; }
.lk .lk-kpis b { display:block; font-size:1.3rem; }
.lk figure { margin:.4rem 0 .8rem; }
.lk figcaption { color:#4a4a4a; font-size:.9rem; }
.lk details summary { cursor:pointer; color:#0b4f8a; }
.lk details summary:focus-visible { outline:2px solid #0b4f8a; outline-offset:2px; }
.lk ul.lk-texts { padding-left:1.2rem; }
.lk ul.lk-texts li { margin:.25rem 0; white-space:pre-wrap; overflow-wrap:anywhere; }
.lk .lk-note { background:#fff4e0; border-left:4px solid #8a5200; padding:.4rem .7rem; }
/* Printing: Voilà shows the page inside a panel of the window's height that scrolls by itself, so a
   browser would print only what fits on screen. On paper every panel around the cells grows with its
   content, charts and tables are not split over two pages, and headings stay with what follows. */
@media print {
  @page { margin: 1.5cm; }
  html, body { height:auto !important; overflow:visible !important; }
  #rendered_cells, body *:has(#rendered_cells) {
    position:static !important; display:block !important; height:auto !important; max-height:none !important;
    width:auto !important; overflow:visible !important; contain:none !important;
  }
  .lk { max-width:none; }
  .lk figure, .lk table, .lk .lk-kpis li, .lk svg { break-inside:avoid; }
  .lk h2, .lk h3 { break-after:avoid; }
  .lk details summary { color:#1b1b1b; }
}
</style>
"""

#: What "bijdragen" counts, said where the figure is (the demo and a coach's own count of the step
#: contributions differ from it: actions and report-backs are contributions too, personal notes are not).
ENTRIES_NOTE = (
    "Bijdragen: alles wat in de sessies is vastgelegd en met de kring of de organisatie is gedeeld, ook "
    "afgesproken acties en terugmeldingen op acties (effect of les). Persoonlijke aantekeningen tellen niet mee."
)

__all__ = ["CSS", "ENTRIES_NOTE", "MARKER_CLASS", "esc", "footer", "header", "overview", "summary"]


def header(doc: dict, names: dict[str, str]) -> str:
    scope = as_dict(doc.get("scope"))
    period = as_dict(doc.get("period"))
    if is_rollup(doc):
        who = f"Alle kringen ({esc(scope.get('kringen', ''))})"
    else:
        who = esc(names.get(str(scope.get("slug")), scope.get("name") or scope.get("slug")))
    start, end = period.get("start"), period.get("end")
    span = f"{esc(start)} t/m {esc(end)}" if start else f"Tot en met {esc(end)}"
    label = "alle sessies" if period.get("kind") == "all" else period.get("label", "")
    out = [
        f"<h2>{who}: {esc(label)}</h2>",
        f'<p class="lk-muted">{span}. Aantallen die op minder dan {esc(doc.get("min_group_size"))} '
        "deelnemers rusten, worden niet getoond (onderdrukt).</p>",
    ]
    if doc.get("message"):
        out.append(f'<p class="lk-note">{esc(doc.get("message"))}</p>')
    return "".join(out)


def summary(doc: dict, names: dict[str, str]) -> str:
    """The full view of one summary (a kring, or the roll-up) with its final marker."""
    parts = [header(doc, names)]
    if doc.get("empty"):
        parts.append("<p>Geen sessies in deze periode.</p>")
    else:
        view = View(doc, names)
        parts += [section.dashboard_html(view) for section in dashboard_sections()]
    parts.append(footer(doc))
    return '<div class="lk" lang="nl">' + "".join(parts) + "</div>"


def footer(doc: dict) -> str:
    made = str(doc.get("generated_at") or "")[:16].replace("T", " ")
    return (
        f'<p class="lk-muted {MARKER_CLASS}" data-leerkring-klaar="1">Samenvatting gemaakt op '
        f"{esc(made)} met leerkring {esc(as_dict(doc.get('generator')).get('version', ''))}.</p>"
    )


def overview(doc: dict | None, names: dict[str, str], kring_count: int) -> str:
    """The organisation overview at the top: headline figures and one row per kring (name order)."""
    out = ['<div class="lk" lang="nl">', "<h2>Overzicht van de organisatie</h2>"]
    if doc is None:
        out.append(
            f"<p>{kring_count} kring(en) met samenvattingen. Er is nog geen overzicht over alle "
            "kringen samen; kies hieronder een kring.</p></div>"
        )
        return "".join(out)
    k = doc.get("min_group_size", "k")
    sessions = as_dict(doc.get("sessions"))
    attendance = as_dict(sessions.get("attendance"))
    mix = as_dict(doc.get("leermix"))
    period = as_dict(doc.get("period"))
    out.append(
        f'<p class="lk-muted">Periode: {esc(period.get("label", ""))}. Geen ranglijst: kringen staan op naam.</p>'
    )
    out.append(
        kpis(
            [
                ("kringen", figure_value(as_dict(doc.get("scope")).get("kringen"), k)),
                ("sessies", figure_value(sessions.get("count"), k)),
                ("deelnemers", figure_value(attendance.get("participants"), k)),
                ("bijdragen", figure_value(mix.get("total_entries"), k)),
                ("open signalen", figure_value(as_dict(doc.get("signals")).get("open"), k)),
            ]
        )
    )
    out.append(f'<p class="lk-muted lk-bijdragen">{esc(ENTRIES_NOTE)}</p>')
    rows = []
    for row in as_list(doc.get("kringen")):
        if not isinstance(row, dict):
            continue
        pwa = row.get("principles_with_attention")
        rows.append(
            [
                names.get(str(row.get("slug")), row.get("name") or row.get("slug")),
                figure_value(row.get("sessions"), k),
                figure_value(row.get("entries"), k),
                Safe(f"{figure_value(pwa, k)} van 7" if number(pwa, None) is not None else figure_value(pwa, k)),
                figure_value(row.get("actions_raised"), k),
                figure_value(row.get("signals_open"), k),
            ]
        )
    if rows:
        out.append(table(KRING_COLUMNS, rows[:200], "Kringen", numeric={1, 2, 3, 4, 5}))
    out.append("</div>")
    return "".join(out)
