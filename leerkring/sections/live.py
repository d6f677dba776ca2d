"""The live sessions: how often the coach led the phases, held rounds and a vote, and how much people
replied to each other. Counts only (the document's ``live`` block): no names and no case texts, so the
section is the same for the kring and, suppressed like every small figure, for the organisation.

A period without any live session says so in one line instead of a table of zeros.
"""

from __future__ import annotations

from leerkring.sections.base import Section, View, esc, figure_value, kpis, plain_table, value
from leerkring.sections.document import as_dict, as_list, is_suppressed, number

#: (key in the document, what the figure is called), in the order both pages show them.
FIGURES = (
    ("phases_completed", "fasen afgerond"),
    ("rounds", "rondes gehouden"),
    ("sessions_with_vote", "sessies met een stemming over de casus"),
    ("replies", "reacties op een bijdrage"),
)

#: What the section says for a period in which no session was led live (no table of zeros).
NONE = "In deze periode is geen sessie live geleid (met fasen, rondes, een stemming of reacties)."


def _vote(v) -> str:
    if is_suppressed(v):
        return str(value(v))
    return "ja" if v is True else "nee"


class Live(Section):
    key = "live"
    title = "Live sessies"
    order = 85  # after the signals, before the evaluations: how the sessions went

    def html(self, view: View) -> str:
        live = as_dict(view.doc.get("live"))
        n = number(live.get("sessions"))
        if not n:
            return f"<h2>{esc(self.title_for(view.audience))}</h2><p>{esc(NONE)}</p>"
        out = (
            f"<h2>{esc(self.title_for(view.audience))}</h2><p>{n} {'sessie' if n == 1 else 'sessies'} live geleid: "
            "met fasen en een klok, rondes, een stemming over de casus of reacties op elkaars bijdragen. "
            "Alleen aantallen, zonder namen.</p>"
        )
        out += plain_table(["wat", "aantal"], [[esc(label), value(live.get(key))] for key, label in FIGURES])
        if not view.org and not view.rollup:
            rows = [
                [
                    esc(item.get("date")),
                    value(as_dict(item.get("live")).get("phases_completed")),
                    value(as_dict(item.get("live")).get("rounds")),
                    _vote(as_dict(item.get("live")).get("vote")),
                    value(as_dict(item.get("live")).get("replies")),
                ]
                for item in as_list(as_dict(view.doc.get("sessions")).get("items"))
                if isinstance(item, dict) and item.get("live")
            ]
            if rows:
                out += "<h3>Per sessie</h3>" + plain_table(
                    ["datum", "fasen afgerond", "rondes", "stemming", "reacties"], rows
                )
        return out

    def dashboard_html(self, view: View) -> str:
        live = as_dict(view.doc.get("live"))
        n = number(live.get("sessions"))
        if not n:
            return f'<h3>{esc(self.title)}</h3><p class="lk-muted">{esc(NONE)}</p>'
        k = view.k
        out = [
            f"<h3>{esc(self.title)}</h3>",
            kpis(
                [("sessies live geleid", figure_value(n, k))]
                + [(label, figure_value(live.get(key), k)) for key, label in FIGURES]
            ),
        ]
        return "".join(out)


__all__ = ["FIGURES", "NONE", "Live"]
