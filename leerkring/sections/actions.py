"""Sections about what follows from a session: the actieleren loop (principle 6) and the signals to
management."""

from __future__ import annotations

from leerkring.sections.base import (
    MAX_ITEMS,
    Section,
    View,
    dashboard_figure,
    esc,
    figure_value,
    kpis,
    plain_table,
    table,
    value,
)
from leerkring.sections.charts import (
    COLOURS,
    GREY,
    PALETTE,
    ChartSpec,
    bars,
    figure_html,
    hbars,
    pairs_text,
    status_text,
)
from leerkring.sections.document import STATUS_LABELS, as_dict, as_list, is_suppressed, number, show


def _status(status) -> str:
    return STATUS_LABELS.get(status, status)


class Actions(Section):
    key = "actieleren"
    title = "Actieleren: van actie naar les"
    order = 30
    chart_title = "Acties en terugkoppeling"
    #: (label, key in the summary) from raising an action to its end, as the chart and the table show them
    steps = (
        ("opgepakt", "raised"),
        ("teruggekoppeld", "reported"),
        ("klaar", "done"),
        ("loopt door", "continued"),
        ("gestopt", "dropped"),
        ("nog open", "open"),
        ("over de afspraakdatum", "overdue"),
    )
    colours = (PALETTE[0], PALETTE[5], PALETTE[2], PALETTE[3], GREY, PALETTE[1], PALETTE[4])

    def _values(self, a: dict) -> list:
        # "continued" came later than the other counts: an older summary without it has none
        return [a.get(key, 0 if key == "continued" else None) for _, key in self.steps]

    def charts(self, doc):
        if doc.get("empty"):
            return []
        a, k = doc["actions"], doc["min_group_size"]
        pairs = [(label, v) for (label, _), v in zip(self.steps, self._values(a))]
        return [
            ChartSpec(
                "actieleren",
                self.chart_title,
                "Liggend staafdiagram van de acties. " + pairs_text(pairs) + ". Dagen tot de eerste terugkoppeling "
                "(mediaan): " + show(a["days_to_first_report"]["median"]) + ".",
                lambda c: bars(
                    c,
                    [p[0] for p in pairs],
                    [p[1] for p in pairs],
                    k,
                    horizontal=True,
                    xlabel="aantal acties",
                    ylabel="",
                    colour=COLOURS[2],
                ),
            )
        ]

    def html(self, view: View) -> str:
        a = view.doc["actions"]
        d = a["days_to_first_report"]
        out = (
            f"<h2>{esc(self.title_for(view.audience))}</h2><p>Acties opgepakt: {value(a['raised'])}; "
            f"teruggekoppeld: {value(a['reported'])}; klaar: {value(a['done'])}; loopt door: "
            f"{value(a.get('continued', 0))}; gestopt: {value(a['dropped'])}; nog open: {value(a['open'])}, "
            f"waarvan over de afspraakdatum: {value(a['overdue'])}. Dagen tot de eerste terugkoppeling: mediaan "
            f"{value(d['median'])}, gemiddeld {value(d['mean'])}.</p>"
        )
        out += "".join(figure_html(spec) for spec in self.charts(view.doc))
        if not view.org and a.get("items"):
            out += plain_table(
                ["actie", "opgepakt", "afspraak", "status", "terugkoppelingen"],
                [
                    [
                        esc(i["title"]),
                        esc(i["raised"] or ""),
                        esc(i["due"] or ""),
                        esc(_status(i["status"])) + (" (te laat)" if i["overdue"] else ""),
                        i["reports"],
                    ]
                    for i in a["items"][-30:]
                ],
            )
        return out

    def dashboard_html(self, view: View) -> str:
        k = view.k
        a = as_dict(view.doc.get("actions"))
        values = self._values(a)
        labels = [label for label, _ in self.steps]
        stats = as_dict(a.get("days_to_first_report"))
        svg = hbars(
            self.chart_title,
            status_text(zip(labels, values)),
            labels,
            [number(v, None) for v in values],
            colors=self.colours,
            notes=["onderdrukt" if is_suppressed(v) else "" for v in values],
        )
        rows = [[label, figure_value(v, k)] for label, v in zip(labels, values)]
        return (
            f"<h3>{esc(self.title)}</h3>"
            + dashboard_figure(
                svg,
                "Acties die in deze periode zijn opgepakt, en wat ermee gebeurde.",
                table(["stap", "acties"], rows, "Acties", numeric={1}),
            )
            + "<p>Dagen tot de eerste terugkoppeling: mediaan "
            f"{figure_value(stats.get('median'), k)}, gemiddeld {figure_value(stats.get('mean'), k)} "
            f"(over {figure_value(stats.get('n'), k)} acties).</p>"
        )


class Signals(Section):
    key = "signalen"
    title = "Signalen aan het management"
    order = 80
    chart_title = "Signalen aan het management"

    def charts(self, doc):
        if doc.get("empty"):
            return []
        s, k = doc["signals"], doc["min_group_size"]
        if not s["raised"]:
            return []
        pairs = [("open", s["open"]), ("beantwoord", s["answered"]), ("afgesloten", s["closed"])]
        return [
            ChartSpec(
                "signalen",
                self.chart_title,
                "Staafdiagram van de signalen naar status. "
                + pairs_text(pairs)
                + ". Dagen tot een antwoord (mediaan): "
                + show(s["days_to_answer"]["median"])
                + ".",
                lambda c: bars(
                    c,
                    [p[0] for p in pairs],
                    [p[1] for p in pairs],
                    k,
                    xlabel="status",
                    ylabel="aantal signalen",
                    colour=COLOURS[3],
                ),
            )
        ]

    def html(self, view: View) -> str:
        sg = view.doc["signals"]
        out = (
            f"<h2>{esc(self.title_for(view.audience))}</h2><p>{sg['raised']} signalen: {sg['open']} open, "
            f"{sg['answered']} beantwoord, {sg['closed']} afgesloten. Dagen tot een antwoord: mediaan "
            f"{value(sg['days_to_answer']['median'])}; het oudste open signaal wacht {value(sg['open_days_max'])} "
            "dagen.</p>"
        )
        out += "".join(figure_html(spec) for spec in self.charts(view.doc))
        if sg["items"]:
            rows = []
            for i in sg["items"][-30:]:
                answer = " / ".join(r["text"] for r in i["responses"]) or "–"
                title = (esc(i["kring"]) + ": " if view.rollup and i.get("kring") else "") + esc(i["title"])
                rows.append(
                    [esc(i["raised"]), title, esc(_status(i["status"])), value(i["days_to_answer"]), esc(answer)]
                )
            out += plain_table(["gemeld", "signaal", "status", "dagen tot antwoord", "antwoord"], rows)
        return out

    def dashboard_html(self, view: View) -> str:
        k, names = view.k, view.names
        s = as_dict(view.doc.get("signals"))
        stats = as_dict(s.get("days_to_answer"))
        out = [
            f"<h3>{esc(self.title)}</h3>",
            kpis(
                [
                    ("gesignaleerd", figure_value(s.get("raised"), k)),
                    ("nog zonder antwoord", figure_value(s.get("open"), k)),
                    ("beantwoord", figure_value(s.get("answered"), k)),
                    ("afgesloten", figure_value(s.get("closed"), k)),
                ]
            ),
        ]
        out.append(
            table(
                ["reactietijd", "dagen"],
                [
                    ["mediaan tot antwoord", figure_value(stats.get("median"), k)],
                    ["gemiddeld tot antwoord", figure_value(stats.get("mean"), k)],
                    ["langste tot antwoord", figure_value(stats.get("max"), k)],
                    ["oudste signaal zonder antwoord", figure_value(s.get("open_days_max"), k)],
                ],
                "Hoe snel krijgen signalen antwoord?",
                numeric={1},
            )
        )
        open_items = [i for i in as_list(s.get("items")) if isinstance(i, dict) and i.get("status") == "open"]
        if open_items:
            out.append('<p><b>Signalen die nog op antwoord wachten</b></p><ul class="lk-texts">')
            for item in open_items[:MAX_ITEMS]:
                kring = names.get(str(item.get("kring")), item.get("kring"))
                meta = ", ".join(
                    esc(x) for x in (kring, f"sinds {item.get('raised')}" if item.get("raised") else None) if x
                )
                text = f"<br>{esc(item.get('text'))}" if item.get("text") else ""
                out.append(f'<li><b>{esc(item.get("title"))}</b> <span class="lk-muted">({meta})</span>{text}</li>')
            out.append("</ul>")
            if len(open_items) > MAX_ITEMS:
                out.append(f'<p class="lk-muted">En nog {len(open_items) - MAX_ITEMS} open signalen.</p>')
        elif number(s.get("raised"), None):
            out.append("<p>Alle signalen uit deze periode hebben een antwoord gekregen.</p>")
        return "".join(out)


__all__ = ["Actions", "Signals"]
