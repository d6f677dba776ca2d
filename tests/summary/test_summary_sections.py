"""One section list for the summary page and the dashboard: order, one title per section, and plugins
that add a section to both pages."""

from __future__ import annotations

import html
import re

import pytest
import summary_samples as samples
from test_summary_library import _build

from leerkring import plugins
from leerkring.dashboard import render as dashboard_render
from leerkring.hookspecs import hookimpl
from leerkring.sections import Section, View, chart_specs, dashboard_sections, summary_sections
from leerkring.sections.charts import ChartSpec, bars, figure_html
from leerkring.summary import render as summary_render


class Buurtkracht(Section):
    """A section an organisation adds: shown between the tensions (50) and boundary-crossing (60)."""

    key = "buurtkracht"
    title = "Buurtkracht <en netwerk>"
    order = 55

    def charts(self, doc):
        k = doc["min_group_size"]
        return [
            ChartSpec(
                "buurtkracht",
                "Buurtkracht per soort",
                "Staafdiagram met twee staven.",
                lambda c: bars(c, ["a", "b"], [2, 3], k),
            )
        ]

    def html(self, view):
        figures = "".join(figure_html(spec) for spec in self.charts(view.doc))
        return (
            f"<h2>{html.escape(self.title_for(view.audience))}</h2><p>Kringen: {view.doc['scope']['kringen']}.</p>"
            + figures
        )

    def dashboard_html(self, view):
        return f"<h3>{html.escape(self.title)}</h3><p>Uit de buurt.</p>"


HEADING = "Buurtkracht &lt;en netwerk&gt;"


class BuurtPlugin:
    @hookimpl
    def summary_sections(self):
        return [Buurtkracht()]

    @hookimpl
    def dashboard_sections(self):
        return [Buurtkracht()]


@pytest.fixture
def buurt_plugin():
    name = plugins.register(BuurtPlugin(), name="test-buurtkracht")
    try:
        yield name
    finally:
        plugins.unregister(name)


def _headings(page: str, tag: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", h)) for h in re.findall(rf"<{tag}>(.*?)</{tag}>", page)]


def test_default_sections_are_one_ordered_list():
    summary = summary_sections()
    dashboard = dashboard_sections()
    assert [s.order for s in summary] == sorted(s.order for s in summary)
    assert len({s.key for s in summary}) == len(summary)
    assert [s.key for s in summary][:3] == ["sessies", "leermix", "actieleren"]
    # the dashboard shows the same sections (the same objects), except those only for the kring itself
    assert [s.key for s in dashboard] == [s.key for s in summary if "organisatie" in s.audiences]
    assert "onzekerheid" in {s.key for s in summary} - {s.key for s in dashboard}


def test_a_section_made_from_keywords_renders_on_both_pages():
    doc = samples.summary("x", "X")
    section = Section(
        key="eigen",
        title="Ons eigen overzicht",
        order=95,
        html=lambda view: f"<h2>Eigen</h2><p>{view.doc['scope']['name']}</p>",
        dashboard_html=lambda view: f"<h3>Eigen</h3><p>k = {view.k}</p>",
    )
    view = View(doc)
    assert (
        section.html(view) == "<h2>Eigen</h2><p>X</p>" and section.dashboard_html(view) == "<h3>Eigen</h3><p>k = 3</p>"
    )
    assert section.title_for("kring") == "Ons eigen overzicht" and section.charts(doc) == []
    with pytest.raises(TypeError):
        Section(kleur="rood")


def test_summary_page_and_dashboard_use_the_same_titles_in_the_same_order(ws):
    doc = next(s.data for s in _build(ws, "all", "alles", "both") if s.slug == "_organisatie")
    page = "\n".join(part for _, part in summary_render.sections(doc))
    board = dashboard_render.summary(doc, {})
    expected = [s.title_for("organisatie") for s in dashboard_sections()]
    assert [h for h in _headings(page, "h2") if h in expected] == expected
    assert [h for h in _headings(board, "h3") if h in expected] == expected
    # every chart drawn on the page is listed in the JSON with the same title
    listed = {c["id"]: c["title"] for c in doc["charts"]}
    assert listed and all(f"<title>{html.escape(title)}</title>" in page for title in listed.values())


def test_hook_summary_sections(ws, buurt_plugin):
    """A plugin's section shows on every summary page, in its order, and its chart is in the JSON."""
    summaries = _build(ws, "all", "alles", "both")
    for summary in summaries:
        parts = summary_render.sections(summary.data)
        keys = [key for key, _ in parts]
        assert "buurtkracht" in keys and keys.index("spanningen") < keys.index("buurtkracht") < keys.index("grenzen")
        page = "\n".join(part for _, part in parts)
        assert f"<h2>{HEADING}</h2>" in page and "<title>Buurtkracht per soort</title>" in page
        assert {
            "id": "buurtkracht",
            "title": "Buurtkracht per soort",
            "alt": "Staafdiagram met twee staven.",
        } in summary.data["charts"], "the plugin's chart is listed in the JSON"


def test_hook_dashboard_sections(buurt_plugin):
    """A plugin's section shows on the dashboard, in its order."""
    board = dashboard_render.summary(samples.summary("wijkteam-noord", "Wijkteam Noord"), {})
    assert f"<h3>{HEADING}</h3><p>Uit de buurt.</p>" in board
    assert (
        board.index("<h3>Spanningen en waarden</h3>")
        < board.index(HEADING)
        < board.index("<h3>Grensoverschrijdend leren</h3>")
    )


def test_an_unregistered_plugin_section_is_gone(ws):
    name = plugins.register(BuurtPlugin(), name="test-buurtkracht-weg")
    assert "buurtkracht" in {s.key for s in summary_sections()}
    plugins.unregister(name)
    assert "buurtkracht" not in {s.key for s in summary_sections() + dashboard_sections()}
    doc = samples.summary("x", "X")
    assert "Buurtkracht" not in dashboard_render.summary(doc, {})
    assert all(spec.id != "buurtkracht" for spec in chart_specs(doc))
