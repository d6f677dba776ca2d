"""HTML for the dashboard, built from one organisation summary.

Every text that comes from a summary goes through :func:`esc` before it is put into HTML: a shared
entry containing ``<script>`` is shown as those characters. Rendering only looks at pre-aggregated
fields and at most a fixed number of list items, so its cost does not grow with the history.
"""

from __future__ import annotations

import html

from leerkring.dashboard import charts
from leerkring.dashboard.data import ROLLUP, as_dict, as_list, number, suppressed

MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MAX_MONTHS = 24      # charts over time show at most the last two years
MAX_ITEMS = 25       # texts listed per section
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
</style>
"""


def esc(value) -> str:
    """Any value from a summary, as HTML text."""
    return html.escape("" if value is None else str(value), quote=True)


class Safe(str):
    """HTML built here (already escaped); table cells of this type are not escaped again."""


def suppressed_text(k) -> str:
    return f"onderdrukt: minder dan {esc(k)} deelnemers"


def fmt_number(value, decimals: int = 1) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",")


def show(value, k, decimals: int = 1, unit: str = "") -> Safe:
    """A count or measure as HTML: the number, 'onderdrukt: ...', or a dash when there is nothing."""
    if suppressed(value):
        return Safe(f'<span class="lk-onderdrukt">{suppressed_text(k)}</span>')
    n = number(value)
    if n is None:
        return Safe('<span class="lk-muted" aria-label="geen gegevens">–</span>')
    return Safe(esc(fmt_number(n, decimals)) + (f" {esc(unit)}" if unit else ""))


def month_label(month: str) -> str:
    try:
        year, mon = str(month).split("-")
        return f"{MONTHS[int(mon) - 1]} {year}"
    except (ValueError, IndexError):
        return str(month)


def table(headers: list[str], rows: list[list], caption: str = "", numeric: set[int] = frozenset()) -> str:
    out = ["<table>"]
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    out.append("<thead><tr>" + "".join(f'<th scope="col">{esc(h)}</th>' for h in headers) + "</tr></thead><tbody>")
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            body = cell if isinstance(cell, Safe) else esc(cell)
            tag = "th" if i == 0 else "td"
            extra = ' scope="row"' if i == 0 else (' class="lk-n"' if i in numeric else "")
            cells.append(f"<{tag}{extra}>{body}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def figure(svg: str, caption: str, data_table: str = "") -> str:
    details = (f"<details><summary>Cijfers bij deze grafiek</summary>{data_table}</details>"
               if data_table else "")
    return f"<figure>{svg}<figcaption>{esc(caption)}</figcaption>{details}</figure>"


def _value_for_chart(value) -> float:
    n = number(value)
    return float(n) if n is not None else 0.0


# -- sections ------------------------------------------------------------------------------------
def _kpis(items: list[tuple[str, Safe]]) -> str:
    return '<ul class="lk-kpis">' + "".join(f"<li><b>{v}</b>{esc(label)}</li>" for label, v in items) + "</ul>"


def participation(doc: dict, k) -> str:
    sessions = as_dict(doc.get("sessions"))
    attendance = as_dict(sessions.get("attendance"))
    boundary = as_dict(doc.get("boundary"))
    roles = as_dict(attendance.get("by_role"))
    role_names = {"coach": "leercoaches", "member": "teamleden", "guest": "gasten"}
    out = ["<h3>Sessies en deelname</h3>", _kpis([
        ("sessies", show(sessions.get("count"), k)),
        ("deelnemers (verschillende mensen)", show(attendance.get("participants"), k)),
        ("gemiddeld aanwezig per sessie", show(attendance.get("mean_per_session"), k)),
        ("sessies met gasten", show(boundary.get("sessions_with_guests"), k)),
    ])]
    rows = [[role_names.get(str(role), str(role)), show(value, k)] for role, value in list(roles.items())[:10]]
    methods = [[str(m.get("label") or m.get("key")), show(m.get("count"), k)]
               for m in as_list(sessions.get("by_method"))[:12] if isinstance(m, dict)]
    if rows:
        out.append(table(["rol", "aanwezig"], rows, "Deelnemers per rol", numeric={1}))
    if methods:
        out.append(table(["werkvorm", "sessies"], methods, "Sessies per werkvorm", numeric={1}))
    return "".join(out)


def leermix(doc: dict, k) -> str:
    mix = as_dict(doc.get("leermix"))
    principles = [p for p in as_list(mix.get("principles")) if isinstance(p, dict)]
    principles.sort(key=lambda p: number(p.get("number")) or 99)
    by_month = [m for m in as_list(mix.get("by_month")) if isinstance(m, dict)][-MAX_MONTHS:]
    out = ["<h3>Leer-mix: aandacht voor de zeven principes</h3>"]
    rows = [[f"{p.get('number', '')}. {p.get('name') or p.get('key')}", show(p.get("entries"), k),
             show(p.get("sessions"), k)] for p in principles]
    data_table = table(["principe", "bijdragen", "sessies met aandacht"], rows,
                       "Bijdragen per principe in deze periode", numeric={1, 2})
    if by_month and principles:
        labels = [month_label(m.get("month")) for m in by_month]
        series, hidden = [], 0
        for p in principles:
            values = []
            for m in by_month:
                v = as_dict(m.get("principles")).get(p.get("key"))
                hidden += suppressed(v)
                values.append(_value_for_chart(v))
            series.append((f"{p.get('number', '')}. {p.get('name') or p.get('key')}", values))
        totals = [sum(v[i] for _, v in series) for i in range(len(labels))]
        title = "Leer-mix per maand"
        alt = (f"Gestapelde staven: bijdragen per principe per maand, {labels[0]} tot en met {labels[-1]}. "
               f"Meeste bijdragen in {labels[totals.index(max(totals))]} ({max(totals):g}).")
        caption = "Aantal bijdragen per principe per maand" + (
            f"; {hidden} waarde(n) {suppressed_text(k)} en niet getekend." if hidden else ".")
        month_rows = [[label] + [Safe(show(as_dict(m.get("principles")).get(p.get("key")), k)) for p in principles]
                      for label, m in zip(labels, by_month)]
        month_table = table(["maand"] + [str(p.get("number", p.get("key"))) for p in principles], month_rows,
                            "Bijdragen per maand (kolommen: principenummer)",
                            numeric=set(range(1, len(principles) + 1)))
        out.append(figure(charts.stacked_bars(title, alt, labels, series, "bijdragen"), caption,
                          data_table + month_table))
    else:
        out.append(data_table)
    return "".join(out)


def actions(doc: dict, k) -> str:
    a = as_dict(doc.get("actions"))
    steps = [("opgepakt", "raised"), ("teruggekoppeld", "reported"), ("gedaan", "done"),
             ("gestopt", "dropped"), ("nog open", "open"), ("over de datum", "overdue")]
    values = [a.get(key) for _, key in steps]
    rows = [[label, show(v, k)] for (label, _), v in zip(steps, values)]
    stats = as_dict(a.get("days_to_first_report"))
    out = ["<h3>Actieleren: van actie naar les</h3>"]
    title = "Acties en terugkoppeling"
    numbers = [number(v) for v in values]
    alt = "; ".join(f"{label}: {'onderdrukt' if suppressed(v) else ('geen' if n is None else f'{n:g}')}"
                    for (label, _), v, n in zip(steps, values, numbers))
    notes = ["onderdrukt" if suppressed(v) else "" for v in values]
    colors = [charts.PALETTE[0], charts.PALETTE[5], charts.PALETTE[2], charts.GREY, charts.PALETTE[1],
              charts.PALETTE[4]]
    svg = charts.hbars(title, alt, [label for label, _ in steps], numbers, colors=colors, notes=notes)
    out.append(figure(svg, "Acties die in deze periode zijn opgepakt, en wat ermee gebeurde.",
                      table(["stap", "acties"], rows, "Acties", numeric={1})))
    out.append("<p>Dagen tot de eerste terugkoppeling: mediaan "
               f"{show(stats.get('median'), k)}, gemiddeld {show(stats.get('mean'), k)} "
               f"(over {show(stats.get('n'), k)} acties).</p>")
    return "".join(out)


def signals(doc: dict, k, names: dict[str, str]) -> str:
    s = as_dict(doc.get("signals"))
    stats = as_dict(s.get("days_to_answer"))
    out = ["<h3>Signalen aan het management</h3>", _kpis([
        ("gesignaleerd", show(s.get("raised"), k)),
        ("nog zonder antwoord", show(s.get("open"), k)),
        ("beantwoord", show(s.get("answered"), k)),
        ("afgesloten", show(s.get("closed"), k)),
    ])]
    out.append(table(["reactietijd", "dagen"], [
        ["mediaan tot antwoord", show(stats.get("median"), k)],
        ["gemiddeld tot antwoord", show(stats.get("mean"), k)],
        ["langste tot antwoord", show(stats.get("max"), k)],
        ["oudste signaal zonder antwoord", show(s.get("open_days_max"), k)],
    ], "Hoe snel krijgen signalen antwoord?", numeric={1}))
    open_items = [i for i in as_list(s.get("items")) if isinstance(i, dict) and i.get("status") == "open"]
    if open_items:
        out.append("<p><b>Signalen die nog op antwoord wachten</b></p><ul class=\"lk-texts\">")
        for item in open_items[:MAX_ITEMS]:
            kring = names.get(str(item.get("kring")), item.get("kring"))
            meta = ", ".join(esc(x) for x in (kring, f"sinds {item.get('raised')}" if item.get("raised") else None) if x)
            text = f"<br>{esc(item.get('text'))}" if item.get("text") else ""
            out.append(f"<li><b>{esc(item.get('title'))}</b> <span class=\"lk-muted\">({meta})</span>{text}</li>")
        out.append("</ul>")
        if len(open_items) > MAX_ITEMS:
            out.append(f"<p class=\"lk-muted\">En nog {len(open_items) - MAX_ITEMS} open signalen.</p>")
    elif number(s.get("raised")):
        out.append("<p>Alle signalen uit deze periode hebben een antwoord gekregen.</p>")
    return "".join(out)


def trialogue(doc: dict, k) -> str:
    t = as_dict(doc.get("trialogue"))
    parts = [("kennis", "Kennis"), ("gevoel", "Gevoel"), ("contact", "Contacten in de wijk")]
    values = [t.get(key) for key, _ in parts]
    numbers = [number(v) for v in values]
    title = "Trialoog: kennis, gevoel en contacten"
    alt = "; ".join(f"{label}: {'onderdrukt' if suppressed(v) else ('geen' if n is None else f'{n:g}')}"
                    for (_, label), v, n in zip(parts, values, numbers))
    svg = charts.hbars(title, alt, [label for _, label in parts], numbers,
                       colors=[charts.PALETTE[0], charts.PALETTE[4], charts.PALETTE[2]],
                       notes=["onderdrukt" if suppressed(v) else "" for v in values])
    rows = [[label, show(v, k)] for (_, label), v in zip(parts, values)]
    return ("<h3>Trialoog</h3>" + figure(svg, "Bijdragen onder principe 7, naar soort kapitaal.",
                                         table(["soort", "bijdragen"], rows, "Trialoog", numeric={1})))


def evaluations(doc: dict, k) -> str:
    e = as_dict(doc.get("evaluations"))
    out = ["<h3>Evaluaties van de sessies</h3>", _kpis([
        ("evaluaties", show(e.get("count"), k)),
        ("vrijuit kunnen spreken (1-5)", show(e.get("free_to_speak"), k)),
        ("nuttig (1-5)", show(e.get("useful"), k)),
    ])]
    months = [m for m in as_list(e.get("by_month")) if isinstance(m, dict)][-MAX_MONTHS:]
    if months:
        labels = [month_label(m.get("month")) for m in months]
        free = [number(m.get("free_to_speak")) for m in months]
        useful = [number(m.get("useful")) for m in months]
        gaps = ["onderdrukt" if suppressed(m.get("free_to_speak")) or suppressed(m.get("useful"))
                or suppressed(m.get("count")) else "" for m in months]
        hidden = sum(1 for g in gaps if g)
        title = "Evaluaties per maand"
        alt = (f"Lijnen: gemiddelde score 'vrijuit kunnen spreken' en 'nuttig' (1 tot 5) per maand, "
               f"{labels[0]} tot en met {labels[-1]}"
               + (f"; {hidden} maand(en) onderdrukt: minder dan {k} deelnemers." if hidden else "."))
        svg = charts.lines(title, alt, labels, [("vrijuit kunnen spreken", free), ("nuttig", useful)], gaps=gaps)
        rows = [[label, show(m.get("count"), k), show(m.get("free_to_speak"), k), show(m.get("useful"), k)]
                for label, m in zip(labels, months)]
        caption = "Gemiddelde scores per maand" + (
            f"; maanden met minder dan {k} deelnemers zijn onderdrukt en niet getekend." if hidden else ".")
        out.append(figure(svg, caption, table(["maand", "evaluaties", "vrijuit spreken", "nuttig"], rows,
                                              "Evaluaties per maand", numeric={1, 2, 3})))
    return "".join(out)


def tensions_and_boundaries(doc: dict, k) -> str:
    t = as_dict(doc.get("tensions"))
    b = as_dict(doc.get("boundary"))
    values = [[str(v.get("label") or v.get("key")), show(v.get("count"), k)]
              for v in as_list(t.get("values"))[:10] if isinstance(v, dict)]
    out = ["<h3>Spanningen en grensoverschrijdend leren</h3>", _kpis([
        ("bijdragen over spanningen", show(t.get("entries"), k)),
        ("gezamenlijke kaders gevonden", show(t.get("shared_frames"), k)),
        ("gasten (verschillende mensen)", show(b.get("guests"), k)),
        ("systeemkwesties", show(b.get("systeemkwesties"), k)),
    ])]
    if values:
        out.append(table(["waarde", "keren genoemd"], values, "Waarden die op het spel stonden", numeric={1}))
    return "".join(out)


def _texts(title: str, items: list, truncated, names: dict[str, str], empty: str) -> str:
    items = [i for i in items if isinstance(i, dict) and i.get("text")]
    out = [f"<h3>{esc(title)}</h3>"]
    if not items:
        return out[0] + f"<p class=\"lk-muted\">{esc(empty)}</p>"
    out.append('<ul class="lk-texts">')
    for item in items[:MAX_ITEMS]:
        meta = [names.get(str(item.get("kring")), item.get("kring")), item.get("date")]
        tags = ", ".join(str(t) for t in as_list(item.get("tags"))[:8])
        meta_html = ", ".join(esc(m) for m in meta if m)
        tag_html = f" <span class=\"lk-muted\">[{esc(tags)}]</span>" if tags else ""
        meta_span = f" <span class=\"lk-muted\">({meta_html})</span>" if meta_html else ""
        out.append(f"<li>{esc(item.get('text'))}{meta_span}{tag_html}</li>")
    out.append("</ul>")
    more = max(0, len(items) - MAX_ITEMS) + (number(truncated) or 0)
    if more:
        out.append(f"<p class=\"lk-muted\">En nog {esc(fmt_number(int(more)))} die hier niet getoond worden.</p>")
    return "".join(out)


def shared(doc: dict, names: dict[str, str]) -> str:
    return (_texts("Lessen die met de organisatie gedeeld zijn", as_list(doc.get("lessons")),
                   doc.get("lessons_truncated"), names, "Geen gedeelde lessen in deze periode.")
            + _texts("Gedeelde bijdragen", as_list(doc.get("shared_entries")),
                     doc.get("shared_entries_truncated"), names, "Niets gedeeld in deze periode."))


def header(doc: dict, names: dict[str, str]) -> str:
    scope = as_dict(doc.get("scope"))
    period = as_dict(doc.get("period"))
    if scope.get("type") == "organisatie" or scope.get("slug") == ROLLUP:
        who = f"Alle kringen ({esc(scope.get('kringen', ''))})"
    else:
        who = esc(names.get(str(scope.get("slug")), scope.get("name") or scope.get("slug")))
    start, end = period.get("start"), period.get("end")
    span = f"{esc(start)} t/m {esc(end)}" if start else f"Tot en met {esc(end)}"
    label = "alle sessies" if period.get("kind") == "all" else period.get("label", "")
    out = [f"<h2>{who}: {esc(label)}</h2>",
           f"<p class=\"lk-muted\">{span}. Aantallen die op minder dan {esc(doc.get('min_group_size'))} "
           "deelnemers rusten, worden niet getoond (onderdrukt).</p>"]
    if doc.get("message"):
        out.append(f"<p class=\"lk-note\">{esc(doc.get('message'))}</p>")
    return "".join(out)


def summary(doc: dict, names: dict[str, str]) -> str:
    """The full view of one summary (a kring, or the roll-up) with its final marker."""
    k = doc.get("min_group_size", "k")
    parts = [header(doc, names)]
    if doc.get("empty"):
        parts.append("<p>Geen sessies in deze periode.</p>")
    else:
        parts += [participation(doc, k), leermix(doc, k), actions(doc, k), signals(doc, k, names),
                  trialogue(doc, k), evaluations(doc, k), tensions_and_boundaries(doc, k), shared(doc, names)]
    parts.append(footer(doc))
    return '<div class="lk" lang="nl">' + "".join(parts) + "</div>"


def footer(doc: dict) -> str:
    made = str(doc.get("generated_at") or "")[:16].replace("T", " ")
    return (f'<p class="lk-muted {MARKER_CLASS}" data-leerkring-klaar="1">Samenvatting gemaakt op '
            f"{esc(made)} met leerkring {esc(as_dict(doc.get('generator')).get('version', ''))}.</p>")


def overview(doc: dict | None, names: dict[str, str], kring_count: int) -> str:
    """The organisation overview at the top: headline figures and one row per kring (name order)."""
    out = ['<div class="lk" lang="nl">', "<h2>Overzicht van de organisatie</h2>"]
    if doc is None:
        out.append(f"<p>{kring_count} kring(en) met samenvattingen. Er is nog geen overzicht over alle "
                   "kringen samen; kies hieronder een kring.</p></div>")
        return "".join(out)
    k = doc.get("min_group_size", "k")
    sessions = as_dict(doc.get("sessions"))
    attendance = as_dict(sessions.get("attendance"))
    mix = as_dict(doc.get("leermix"))
    period = as_dict(doc.get("period"))
    out.append(f"<p class=\"lk-muted\">Periode: {esc(period.get('label', ''))}. Geen ranglijst: kringen staan "
               "op naam.</p>")
    out.append(_kpis([
        ("kringen", show(as_dict(doc.get("scope")).get("kringen"), k)),
        ("sessies", show(sessions.get("count"), k)),
        ("deelnemers", show(attendance.get("participants"), k)),
        ("bijdragen", show(mix.get("total_entries"), k)),
        ("open signalen", show(as_dict(doc.get("signals")).get("open"), k)),
    ]))
    rows = []
    for row in as_list(doc.get("kringen")):
        if not isinstance(row, dict):
            continue
        pwa = row.get("principles_with_attention")
        rows.append([names.get(str(row.get("slug")), row.get("name") or row.get("slug")),
                     show(row.get("sessions"), k), show(row.get("entries"), k),
                     Safe(f"{show(pwa, k)} van 7" if number(pwa) is not None else show(pwa, k)),
                     show(row.get("actions_raised"), k), show(row.get("signals_open"), k)])
    if rows:
        out.append(table(["kring", "sessies", "bijdragen", "principes met aandacht", "acties", "open signalen"],
                         rows[:200], "Kringen", numeric={1, 2, 3, 4, 5}))
    out.append("</div>")
    return "".join(out)
