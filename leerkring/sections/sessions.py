"""Sections about who came and how it went: the sessions and their attendance, and the evaluations."""

from __future__ import annotations

from leerkring.sections.base import (
    MAX_MONTHS,
    Section,
    View,
    dashboard_figure,
    esc,
    figure_value,
    kpis,
    month_label,
    plain_table,
    table,
    value,
)
from leerkring.sections.charts import COLOURS, HEIGHT, ChartSpec, bars, figure_html, lines, pairs_text
from leerkring.sections.document import ROLE_LABELS, as_dict, as_list, is_suppressed, number, show
from leerkring.svgcharts import lines as draw_lines

#: The columns of the one-row-per-kring table (the roll-up's sessions section and the dashboard overview).
KRING_COLUMNS = ["kring", "sessies", "bijdragen", "principes met aandacht", "acties", "open signalen"]
KRINGEN_TITLE = "Per kring (op naam, geen rangorde)"


class Sessions(Section):
    key = "sessies"
    title = "Sessies en aanwezigheid"
    order = 10
    chart_title = "Sessies per kring (op naam, geen rangorde)"

    def charts(self, doc):
        if doc.get("empty") or not doc.get("kringen"):
            return []
        rows = doc["kringen"]
        k = doc["min_group_size"]
        return [
            ChartSpec(
                "sessies_per_kring",
                self.chart_title,
                "Liggend staafdiagram van het aantal sessies per kring, op alfabetische volgorde. "
                + pairs_text((r["name"], r["sessions"]) for r in rows)
                + ".",
                lambda c: bars(
                    c,
                    [r["name"] for r in rows],
                    [r["sessions"] for r in rows],
                    k,
                    horizontal=True,
                    xlabel="aantal sessies",
                    ylabel="",
                ),
                # room for every name: at least 18 px per kring
                height=max(HEIGHT, int(18 * len(rows) / 0.68) + 1),
            )
        ]

    def html(self, view: View) -> str:
        doc = view.doc
        s = doc["sessions"]
        att = s["attendance"]
        out = (
            f"<h2>{esc(self.title_for(view.audience))}</h2><p>{s['count']} sessies ({s['closed']} afgesloten). "
            f"Deelnemers: {value(att['participants'])}; gemiddeld aanwezig per sessie: "
            f"{value(att['mean_per_session'])}.</p>"
        )
        out += plain_table(["methode", "sessies"], [[esc(m["label"]), value(m["count"])] for m in s["by_method"]])
        if att["by_role"]:
            out += plain_table(
                ["rol", "aantal mensen"], [[esc(ROLE_LABELS.get(r, r)), value(v)] for r, v in att["by_role"].items()]
            )
        if view.rollup and doc.get("kringen"):
            out += f"<h3>{KRINGEN_TITLE}</h3>" + plain_table(
                KRING_COLUMNS,
                [
                    [
                        esc(r["name"]),
                        r["sessions"],
                        value(r["entries"]),
                        r["principles_with_attention"],
                        value(r["actions_raised"]),
                        r["signals_open"],
                    ]
                    for r in doc["kringen"]
                ],
            )
            out += "".join(figure_html(spec) for spec in self.charts(doc))
        return out

    def dashboard_html(self, view: View) -> str:
        doc, k = view.doc, view.k
        sessions = as_dict(doc.get("sessions"))
        attendance = as_dict(sessions.get("attendance"))
        boundary = as_dict(doc.get("boundary"))
        roles = as_dict(attendance.get("by_role"))
        out = [
            f"<h3>{esc(self.title)}</h3>",
            kpis(
                [
                    ("sessies", figure_value(sessions.get("count"), k)),
                    ("deelnemers (verschillende mensen)", figure_value(attendance.get("participants"), k)),
                    ("gemiddeld aanwezig per sessie", figure_value(attendance.get("mean_per_session"), k)),
                    ("sessies met gasten", figure_value(boundary.get("sessions_with_guests"), k)),
                ]
            ),
        ]
        rows = [[ROLE_LABELS.get(str(role), str(role)), figure_value(v, k)] for role, v in list(roles.items())[:10]]
        methods = [
            [str(m.get("label") or m.get("key")), figure_value(m.get("count"), k)]
            for m in as_list(sessions.get("by_method"))[:12]
            if isinstance(m, dict)
        ]
        if rows:
            out.append(table(["rol", "aantal mensen"], rows, "Deelnemers per rol", numeric={1}))
        if methods:
            out.append(table(["methode", "sessies"], methods, "Sessies per methode", numeric={1}))
        return "".join(out)


class Evaluations(Section):
    key = "evaluaties"
    title = "Evaluaties van de sessies"
    order = 90
    chart_title = "Evaluaties per maand"

    def charts(self, doc):
        if doc.get("empty"):
            return []
        k = doc["min_group_size"]
        ev = [
            m
            for m in doc["evaluations"]["by_month"]
            if not is_suppressed(m["free_to_speak"]) and m["free_to_speak"] is not None
        ]
        if not ev:
            return []

        def draw(c, ev=ev):
            draw_lines(
                c,
                [m["month"] for m in ev],
                [
                    ("vrijuit kunnen spreken", [m["free_to_speak"] for m in ev], COLOURS[0], "circle"),
                    ("nuttig", [number(m["useful"], None) for m in ev], COLOURS[1], "square"),
                ],
                lo=1,
                hi=5,
                xlabel="maand",
                ylabel="gemiddelde score (1-5)",
            )

        alt = (
            "Lijndiagram van de gemiddelde evaluatiescores per maand (alleen maanden met minstens "
            f"{k} evaluaties). "
            + " ".join(
                f"{m['month']}: vrijuit {show(m['free_to_speak'])}, nuttig {show(m['useful'])}." for m in ev[-12:]
            )
        )
        return [ChartSpec("evaluaties", self.chart_title, alt, draw)]

    def html(self, view: View) -> str:
        doc, k = view.doc, view.k
        ev = doc["evaluations"]
        out = (
            f"<h2>{esc(self.title_for(view.audience))}</h2><p>Aantal evaluaties: {value(ev['count'])}. "
            f"Gemiddeld vrijuit kunnen spreken: {value(ev['free_to_speak'])}; nuttig: {value(ev['useful'])} "
            f"(schaal 1-5; weggelaten bij minder dan {k} evaluaties).</p>"
        )
        out += "".join(figure_html(spec) for spec in self.charts(doc))
        if not view.org and ev.get("remarks"):
            out += "<ul>" + "".join(f"<li>{esc(r)}</li>" for r in ev["remarks"]) + "</ul>"
        return out

    def dashboard_html(self, view: View) -> str:
        doc, k = view.doc, view.k
        e = as_dict(doc.get("evaluations"))
        out = [
            f"<h3>{esc(self.title)}</h3>",
            kpis(
                [
                    ("evaluaties", figure_value(e.get("count"), k)),
                    ("vrijuit kunnen spreken (1-5)", figure_value(e.get("free_to_speak"), k)),
                    ("nuttig (1-5)", figure_value(e.get("useful"), k)),
                ]
            ),
        ]
        months = [m for m in as_list(e.get("by_month")) if isinstance(m, dict)][-MAX_MONTHS:]
        if months:
            labels = [month_label(m.get("month")) for m in months]
            free = [number(m.get("free_to_speak"), None) for m in months]
            useful = [number(m.get("useful"), None) for m in months]
            gaps = [
                "onderdrukt"
                if is_suppressed(m.get("free_to_speak"))
                or is_suppressed(m.get("useful"))
                or is_suppressed(m.get("count"))
                else ""
                for m in months
            ]
            hidden = sum(1 for g in gaps if g)
            alt = (
                f"Lijnen: gemiddelde score 'vrijuit kunnen spreken' en 'nuttig' (1 tot 5) per maand, "
                f"{labels[0]} tot en met {labels[-1]}"
                + (f"; {hidden} maand(en) onderdrukt: minder dan {k} deelnemers." if hidden else ".")
            )
            svg = lines(
                self.chart_title, alt, labels, [("vrijuit kunnen spreken", free), ("nuttig", useful)], gaps=gaps
            )
            rows = [
                [
                    label,
                    figure_value(m.get("count"), k),
                    figure_value(m.get("free_to_speak"), k),
                    figure_value(m.get("useful"), k),
                ]
                for label, m in zip(labels, months)
            ]
            caption = "Gemiddelde scores per maand" + (
                f"; maanden met minder dan {k} deelnemers zijn onderdrukt en niet getekend." if hidden else "."
            )
            out.append(
                dashboard_figure(
                    svg,
                    caption,
                    table(
                        ["maand", "evaluaties", "vrijuit spreken", "nuttig"],
                        rows,
                        "Evaluaties per maand",
                        numeric={1, 2, 3},
                    ),
                )
            )
        return "".join(out)


__all__ = ["KRING_COLUMNS", "Evaluations", "Sessions"]
