"""The pieces `leerkring summarize` uses to render: SVG charts, the HTML page, the fast schema check."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

import pytest
from test_summary_library import _build

from leerkring.sections import chart_specs
from leerkring.sections.charts import figure_html, svg
from leerkring.summary import files
from leerkring.summary.suppression import suppressed
from leerkring.svgcharts import nice_ticks

SVG_NS = "{http://www.w3.org/2000/svg}"


def _docs(ws):
    return [s.data for s in _build(ws, "all", "alles", "both")]


def _parse(image: str) -> ET.Element:
    return ET.fromstring(image)  # well-formed XML, or this raises


def test_every_chart_is_accessible_self_contained_svg(ws):
    docs = _docs(ws)
    seen = set()
    for doc in docs:
        for spec in chart_specs(doc):
            seen.add(spec.id)
            image = svg(spec)
            root = _parse(image)
            assert root.tag == SVG_NS + "svg"
            assert root.get("role") == "img" and root.get("class") == "leerkring-chart"
            assert root.get("aria-label") == f"{spec.title}. {spec.alt}"
            assert root.find(SVG_NS + "title").text == spec.title
            assert root.find(SVG_NS + "desc").text == spec.alt
            assert int(root.get("width")) > 100 and int(root.get("height")) > 50
            shapes = [e for e in root.iter() if e.tag in (SVG_NS + "path", SVG_NS + "rect", SVG_NS + "polygon")]
            assert len(shapes) > 5, spec.id
            texts = [e.text for e in root.iter(SVG_NS + "text")]
            assert spec.title in texts, "the title is drawn as text"
            assert "http" not in image.replace('xmlns="http://www.w3.org/2000/svg"', ""), "nothing external"
            assert "<script" not in image
    assert {"leermix", "leermix_tijd", "actieleren", "trialoog", "signalen", "evaluaties", "sessies_per_kring"} <= seen


def test_chart_labels_are_dutch(ws):
    doc = next(d for d in _docs(ws) if d["scope"]["slug"] == "_organisatie")
    specs = {c.id: c for c in chart_specs(doc)}
    image = svg(specs["actieleren"])
    for label in ("opgepakt", "teruggekoppeld", "over de afspraakdatum", "aantal acties"):
        assert f">{label}<" in image
    assert ">maand<" in svg(specs["leermix_tijd"]) and ">aantal bijdragen<" in svg(specs["leermix"])
    assert ">gemiddelde score (1-5)<" in svg(specs["evaluaties"])
    for row in doc["kringen"]:
        assert f">{row['name']}<" in svg(specs["sessies_per_kring"])


def test_suppressed_values_are_hatched_and_marked(ws):
    doc = copy.deepcopy(next(d for d in _docs(ws) if d["audience"] == "organisatie"))
    k = doc["min_group_size"]
    for p in doc["leermix"]["principles"][:2]:
        p["entries"] = suppressed(k)
    spec = next(c for c in chart_specs(doc) if c.id == "leermix")
    image = svg(spec)
    root = _parse(image)
    hidden = sum(1 for p in doc["leermix"]["principles"] if isinstance(p["entries"], dict))
    assert hidden >= 2 and image.count(f">&lt; {k}<") == hidden
    pattern = root.find(f"{SVG_NS}defs/{SVG_NS}pattern")
    assert pattern is not None and f"url(#{pattern.get('id')})" in image
    assert "minder dan" in spec.alt and f"< {k}" not in spec.alt


def test_text_in_charts_is_escaped(ws):
    doc = copy.deepcopy(next(d for d in _docs(ws) if d["scope"]["slug"] == "_organisatie"))
    doc["kringen"][0]["name"] = 'Team <b>&</b> "zuid"'
    spec = next(c for c in chart_specs(doc) if c.id == "sessies_per_kring")
    root = _parse(svg(spec))  # still well-formed
    assert 'Team <b>&</b> "zuid"' in [e.text for e in root.iter(SVG_NS + "text")]
    html = figure_html(spec)
    assert "<b>" not in html.replace("&lt;b&gt;", "")


@pytest.mark.parametrize("vmax", [0, 1, 3, 7, 10, 11, 99, 100, 101, 2499, 34108])
def test_nice_ticks_cover_the_maximum_with_round_integer_steps(vmax):
    ticks = nice_ticks(vmax)
    assert ticks[0] == 0 and ticks[-1] >= vmax
    steps = {round(b - a, 6) for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1 and all(float(t).is_integer() for t in ticks)
    assert 2 <= len(ticks) <= 12


def test_page_exporter_writes_a_self_contained_dutch_page():
    import nbformat

    from leerkring.summary.page import notebook_html

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Samenvatting\n\nMet `code` en <script>alert(1)</script>."),
        nbformat.v4.new_code_cell(
            "x = 1",
            outputs=[
                nbformat.v4.new_output("display_data", data={"text/html": "<p id='een'>een</p>", "text/plain": "een"}),
                nbformat.v4.new_output("display_data", data={"text/plain": "a < b"}),
                nbformat.v4.new_output("display_data", data={"text/html": "<p id='twee'>twee</p>"}),
            ],
        ),
    ]
    page = notebook_html(nb, "Samenvatting <Noord>")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page and page.rstrip().endswith("</html>")
    assert "<title>Samenvatting &lt;Noord&gt;</title>" in page
    assert "<h1>Samenvatting</h1>" in page and "<code>code</code>" in page
    assert "<script" not in page, "raw HTML in markdown is escaped; the page has no scripts"
    assert "x = 1" not in page, "inputs are not shown"
    assert page.index("id='een'") < page.index("a &lt; b") < page.index("id='twee'")
    assert "http" not in page


def test_fast_schema_check_agrees_with_jsonschema(ws):
    import jsonschema

    validator = jsonschema.Draft202012Validator(files.schema(), format_checker=jsonschema.FormatChecker())
    fast = files._fast_validator()
    assert fast is not None, "the summary schema only uses keywords the fast check knows"
    docs = _docs(ws)
    mutations = [
        lambda d: d["period"].__setitem__("end", "2026-13-01"),
        lambda d: d.__setitem__("generated_at", "gisteren"),
        lambda d: d.pop("leermix"),
        lambda d: d["scope"].__setitem__("kringen", -1),
        lambda d: d["scope"].__setitem__("type", "wijk"),
        lambda d: d.__setitem__("schema_version", 2),
        lambda d: d["leermix"]["principles"][0].__setitem__("entries", {"suppressed": False}),
        lambda d: d["leermix"]["principles"][0].__setitem__("entries", True),
        lambda d: d["leermix"]["principles"][0].__setitem__("entries", 1.5),
        lambda d: d["leermix"]["principles"][0].__setitem__("entries", suppressed(3)),
        lambda d: d["sessions"].__setitem__("count", "drie"),
        lambda d: d["evaluations"].__setitem__("free_to_speak", None),
    ]
    for doc in docs:
        assert fast(doc) and validator.is_valid(doc)
        files.validate(doc)
        for mutate in mutations:
            changed = copy.deepcopy(doc)
            mutate(changed)
            assert fast(changed) == validator.is_valid(changed), (doc["scope"]["slug"], changed)


def test_fast_schema_check_refuses_keywords_it_does_not_know():
    with pytest.raises(files._Unsupported):
        files._compile({"type": "object", "patternProperties": {"^a": {"type": "string"}}}, {}, {})
    with pytest.raises(files._Unsupported):
        files._compile({"$ref": "https://elders.example/schema.json"}, {}, {})


def test_validate_names_the_place_in_dutch(ws):
    from leerkring.errors import LeerkringError

    doc = copy.deepcopy(_docs(ws)[0])
    doc["period"]["end"] = 5
    with pytest.raises(LeerkringError, match="period/end"):
        files.validate(doc)
