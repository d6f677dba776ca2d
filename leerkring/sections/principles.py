"""Sections about the principles of transformatieleren: the leer-mix over all seven, then uncertainty
(2), tensions and values (4), boundary-crossing (5) and the trialogue (7)."""

from __future__ import annotations

from leerkring.sections.base import (
    MAX_MONTHS,
    Section,
    View,
    chart_value,
    dashboard_figure,
    esc,
    figure_value,
    hidden_note,
    kpis,
    month_label,
    plain_table,
    table,
    text_list,
    value,
)
from leerkring.sections.charts import (
    COLOURS,
    PALETTE,
    ChartSpec,
    bars,
    figure_html,
    hbars,
    pairs_text,
    stacked_bars,
    status_text,
)
from leerkring.sections.document import as_dict, as_list, is_suppressed, number, show
from leerkring.svgcharts import stacked


def _principle_name(p: dict) -> str:
    return f"{p.get('number', '')}. {p.get('name') or p.get('key')}"


class Leermix(Section):
    key = "leermix"
    title = "Leer-mix: aandacht voor de zeven principes"
    order = 20
    chart_title = "Leer-mix: bijdragen per principe"
    months_title = "Leer-mix per maand"

    def charts(self, doc):
        if doc.get("empty"):
            return []
        k = doc["min_group_size"]
        principles = doc["leermix"]["principles"]
        p_labels = [str(p["number"]) for p in principles]
        p_values = [p["entries"] for p in principles]
        specs = [
            ChartSpec(
                "leermix",
                self.chart_title,
                "Staafdiagram van het aantal bijdragen per principe. "
                + pairs_text((f"{p['number']}. {p['name']}", p["entries"]) for p in principles)
                + ".",
                lambda c: bars(c, p_labels, p_values, k, xlabel="principe (nummer)", ylabel="aantal bijdragen"),
            )
        ]
        months = doc["leermix"]["by_month"]
        if months:

            def draw_months(c, months=months, principles=principles):
                series = [[number(m["principles"].get(p["key"])) for m in months] for p in principles]
                stacked(
                    c,
                    [m["month"] for m in months],
                    series,
                    [f"{p['number']}. {p['name']}" for p in principles],
                    xlabel="maand",
                    ylabel="aantal bijdragen",
                )

            hidden = hidden_note((v for m in months for v in m["principles"].values()), k)
            alt = (
                f"Gestapeld staafdiagram van de bijdragen per principe per maand, {months[0]['month']} tot en met "
                f"{months[-1]['month']}. "
                + " ".join(
                    f"{m['month']}: "
                    + ", ".join(f"principe {p['number']} {show(m['principles'].get(p['key'], 0))}" for p in principles)
                    + "."
                    for m in months[-12:]
                )
            )
            if len(months) > 12:
                alt += f" (De tekst noemt de laatste 12 van {len(months)} maanden.)"
            if hidden:
                alt += f" Weggelaten: {hidden}."
            specs.append(ChartSpec("leermix_tijd", self.months_title, alt, draw_months))
        return specs

    def html(self, view: View) -> str:
        doc = view.doc
        lm = doc["leermix"]
        s = doc["sessions"]
        out = (
            f"<h2>{esc(self.title_for(view.audience))}</h2><p>Welke principes kregen aandacht? In totaal "
            f"{value(lm['total_entries'])} bijdragen van {value(lm['contributors'])} bijdragers.</p>"
        )
        out += plain_table(
            ["principe", "bijdragen", "sessies met aandacht"],
            [[f"{p['number']}. {esc(p['name'])}", value(p["entries"]), value(p["sessions"])] for p in lm["principles"]],
        )
        out += "".join(figure_html(spec) for spec in self.charts(doc))
        if not view.org and s["items"]:
            names = {p["key"]: f"{p['number']}. {p['name']}" for p in lm["principles"]}
            order = {p["key"]: i for i, p in enumerate(lm["principles"])}
            rows = []
            for it in s["items"][-20:]:
                pr = it["principles"]
                mix = (
                    value(pr)
                    if is_suppressed(pr)
                    else "<br>".join(
                        esc(f"{names.get(k2, k2)}: {show(v)}")
                        for k2, v in sorted(pr.items(), key=lambda kv: order.get(kv[0], 99))
                    )
                    or "–"
                )
                rows.append([esc(it["date"]), esc(it["method_label"]), mix])
            out += "<h3>Leer-mix per sessie (laatste 20)</h3>" + plain_table(
                ["datum", "methode", "bijdragen per principe"], rows
            )
        return out

    def dashboard_html(self, view: View) -> str:
        doc, k = view.doc, view.k
        mix = as_dict(doc.get("leermix"))
        principles = [p for p in as_list(mix.get("principles")) if isinstance(p, dict)]
        principles.sort(key=lambda p: number(p.get("number"), None) or 99)
        by_month = [m for m in as_list(mix.get("by_month")) if isinstance(m, dict)][-MAX_MONTHS:]
        out = [f"<h3>{esc(self.title)}</h3>"]
        rows = [
            [_principle_name(p), figure_value(p.get("entries"), k), figure_value(p.get("sessions"), k)]
            for p in principles
        ]
        data_table = table(
            ["principe", "bijdragen", "sessies met aandacht"],
            rows,
            "Bijdragen per principe in deze periode",
            numeric={1, 2},
        )
        if by_month and principles:
            labels = [month_label(m.get("month")) for m in by_month]
            series, shown = [], []
            for p in principles:
                values = []
                for m in by_month:
                    v = as_dict(m.get("principles")).get(p.get("key"))
                    shown.append(v)
                    values.append(chart_value(v))
                series.append((_principle_name(p), values))
            totals = [sum(v[i] for _, v in series) for i in range(len(labels))]
            alt = (
                f"Gestapelde staven: bijdragen per principe per maand, {labels[0]} tot en met {labels[-1]}. "
                f"Meeste bijdragen in {labels[totals.index(max(totals))]} ({max(totals):g})."
            )
            hidden = hidden_note(shown, k)
            caption = "Aantal bijdragen per principe per maand" + (f"; niet getekend: {hidden}." if hidden else ".")
            month_rows = [
                [label] + [figure_value(as_dict(m.get("principles")).get(p.get("key")), k) for p in principles]
                for label, m in zip(labels, by_month)
            ]
            month_table = table(
                ["maand"] + [str(p.get("number", p.get("key"))) for p in principles],
                month_rows,
                "Bijdragen per maand (kolommen: principenummer)",
                numeric=set(range(1, len(principles) + 1)),
            )
            out.append(
                dashboard_figure(
                    stacked_bars(self.months_title, alt, labels, series, "bijdragen"), caption, data_table + month_table
                )
            )
        else:
            out.append(data_table)
        return "".join(out)


class Uncertainties(Section):
    key = "onzekerheid"
    title = "Onzekerheden en leervragen"
    order = 40
    audiences = frozenset({"kring"})  # the texts stay in the kring; the organisation gets no such part

    def html(self, view: View) -> str:
        if view.org or "uncertainties" not in view.doc:
            return ""
        u = view.doc["uncertainties"]
        return (
            f"<h2>{esc(self.title_for(view.audience))}</h2><p>Niet weten: {value(u['niet_weten'])}; "
            f"leervragen: {value(u['leervragen'])}.</p>" + text_list(u["items"])
        )


class Tensions(Section):
    key = "spanningen"
    title = "Spanningen en waarden"
    order = 50
    value_headers = ["waarde die op het spel stond", "keer genoemd"]

    def html(self, view: View) -> str:
        t = view.doc["tensions"]
        out = (
            f"<h2>{esc(self.title_for(view.audience))}</h2><p>Bijdragen over spanningen: {value(t['entries'])}; "
            f"gezamenlijk kader gevonden: {value(t.get('shared_frames', 0))}.</p>"
        )
        if t["values"]:
            out += plain_table(self.value_headers, [[esc(v["label"]), value(v["count"])] for v in t["values"]])
        else:
            out += "<p>Geen waarden benoemd.</p>"
        if not view.org:
            out += text_list(t.get("items", []))
        return out

    def dashboard_html(self, view: View) -> str:
        k = view.k
        t = as_dict(view.doc.get("tensions"))
        values = [
            [str(v.get("label") or v.get("key")), figure_value(v.get("count"), k)]
            for v in as_list(t.get("values"))[:10]
            if isinstance(v, dict)
        ]
        out = [
            f"<h3>{esc(self.title)}</h3>",
            kpis(
                [
                    ("bijdragen over spanningen", figure_value(t.get("entries"), k)),
                    ("gezamenlijke kaders gevonden", figure_value(t.get("shared_frames"), k)),
                ]
            ),
        ]
        if values:
            out.append(table(self.value_headers, values, "Waarden die op het spel stonden", numeric={1}))
        return "".join(out)


class Boundary(Section):
    key = "grenzen"
    title = "Grensoverschrijdend leren"
    order = 60

    def html(self, view: View) -> str:
        b = view.doc["boundary"]
        out = (
            f"<h2>{esc(self.title_for(view.audience))}</h2><p>Sessies met gasten: "
            f"{value(b['sessions_with_guests'])}; verschillende gasten: {value(b['guests'])}; systeemkwesties: "
            f"{value(b['systeemkwesties'])}.</p>"
        )
        if b["invitations"]:
            out += plain_table(
                ["wie we willen uitnodigen", "aantal"], [[esc(i["label"]), value(i["count"])] for i in b["invitations"]]
            )
        if b.get("sources"):
            out += plain_table(
                ["bron van stille kennis", "aantal"], [[esc(i["label"]), value(i["count"])] for i in b["sources"]]
            )
        return out

    def dashboard_html(self, view: View) -> str:
        k = view.k
        b = as_dict(view.doc.get("boundary"))
        return f"<h3>{esc(self.title)}</h3>" + kpis(
            [
                ("gasten (verschillende mensen)", figure_value(b.get("guests"), k)),
                ("systeemkwesties", figure_value(b.get("systeemkwesties"), k)),
            ]
        )


class Trialogue(Section):
    key = "trialoog"
    title = "Trialoog"
    order = 70
    chart_title = "Trialoog: kennis, gevoel en contacten"
    #: (key in the summary, label): the three kinds of capital under principle 7
    parts = (("kennis", "kennis"), ("gevoel", "gevoel"), ("contact", "contacten in de wijk"))

    def charts(self, doc):
        if doc.get("empty"):
            return []
        t, k = doc["trialogue"], doc["min_group_size"]
        pairs = [(label, t[key]) for key, label in self.parts]
        return [
            ChartSpec(
                "trialoog",
                self.chart_title,
                "Staafdiagram van de bijdragen onder principe 7. " + pairs_text(pairs) + ".",
                lambda c: bars(
                    c,
                    [p[0] for p in pairs],
                    [p[1] for p in pairs],
                    k,
                    xlabel="soort bijdrage",
                    ylabel="aantal bijdragen",
                    colour=COLOURS[4],
                ),
            )
        ]

    def html(self, view: View) -> str:
        tr = view.doc["trialogue"]
        figures = "; ".join(f"{label}: {value(tr[key])}" for key, label in self.parts)
        return f"<h2>{esc(self.title_for(view.audience))}</h2><p>{figures[:1].upper()}{figures[1:]}.</p>" + "".join(
            figure_html(spec) for spec in self.charts(view.doc)
        )

    def dashboard_html(self, view: View) -> str:
        k = view.k
        t = as_dict(view.doc.get("trialogue"))
        values = [t.get(key) for key, _ in self.parts]
        labels = [label for _, label in self.parts]
        alt = status_text(zip(labels, values))
        svg = hbars(
            self.chart_title,
            alt,
            labels,
            [number(v, None) for v in values],
            colors=[PALETTE[0], PALETTE[4], PALETTE[2]],
            notes=["onderdrukt" if is_suppressed(v) else "" for v in values],
        )
        rows = [[label, figure_value(v, k)] for label, v in zip(labels, values)]
        return f"<h3>{esc(self.title)}</h3>" + dashboard_figure(
            svg,
            "Bijdragen onder principe 7, naar soort kapitaal.",
            table(["soort", "bijdragen"], rows, "Trialoog", numeric={1}),
        )


__all__ = ["Boundary", "Leermix", "Tensions", "Trialogue", "Uncertainties"]
