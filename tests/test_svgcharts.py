"""Labels, legends and titles of the SVG charts are never cut off (issue 15: "3. Inductieve
kennisontwikkel…"): the full text is in the SVG, and the layout leaves it the room its estimated width
needs inside the canvas."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import summary_samples as samples

from leerkring import svgcharts
from leerkring.dashboard import render as dashboard_render
from leerkring.sections import charts
from leerkring.svgcharts import FONT, SMALL, Canvas, text_width

NS = "{http://www.w3.org/2000/svg}"
PRINCIPLES = [
    "1. Leren vanuit ervaringen",
    "2. Benutten van onzekerheid",
    "3. Inductieve kennisontwikkeling",
    "4. Benutten van spanningen en conflicten",
    "5. Grensoverschrijdend leren",
    "6. Discursieve betekenisgeving en actieleren",
    "7. Trialogische kenniscreatie",
]


def texts(svg: str) -> list[dict]:
    """Every <text> of the chart: its lines, font size, anchor, position and the canvas size."""
    root = ET.fromstring(svg)
    width, height = float(root.get("width")), float(root.get("height"))
    out = []
    for node in root.iter(f"{NS}text"):
        spans = node.findall(f"{NS}tspan")
        lines = [s.text or "" for s in spans] if spans else [node.text or ""]
        size = float(node.get("font-size") or FONT)
        out.append(
            {
                "lines": lines,
                "text": " ".join(lines),
                "size": size,
                "anchor": node.get("text-anchor") or "start",
                "x": float(node.get("x")) if node.get("x") else None,
                "y": float(node.get("y")) if node.get("y") else None,
                "rotated": node.get("transform") is not None,
                "width": width,
                "height": height,
            }
        )
    return out


def assert_fits(t: dict) -> None:
    """The text's estimated extent lies inside the canvas."""
    if t["rotated"] or t["x"] is None:
        return
    extent = max(text_width(line, t["size"]) for line in t["lines"])
    left = {"start": t["x"], "middle": t["x"] - extent / 2, "end": t["x"] - extent}[t["anchor"]]
    assert left >= 0 and left + extent <= t["width"], (t["text"], left, extent, t["width"])
    assert 0 <= t["y"] <= t["height"], t


def test_wrap_keeps_every_word_and_respects_the_width():
    lines = svgcharts.wrap("6. Discursieve betekenisgeving en actieleren", 120, SMALL)
    assert " ".join(lines) == "6. Discursieve betekenisgeving en actieleren" and len(lines) > 1
    assert all(text_width(line, SMALL) <= 120 for line in lines)
    assert svgcharts.wrap("kort", 120) == ["kort"]


@pytest.mark.parametrize("width", [640, 700, 420])
def test_stacked_legend_names_every_principle_in_full(width):
    c = Canvas("leermix", width)
    svgcharts.stacked(c, ["2026-09", "2026-10"], [[1, 2]] * 7, PRINCIPLES, xlabel="maand", ylabel="aantal")
    found = texts(c.svg("Leer-mix per maand", "tekst"))
    legend = [t for t in found if t["text"] in PRINCIPLES]
    assert sorted(t["text"] for t in legend) == sorted(PRINCIPLES)
    assert "…" not in "".join(t["text"] for t in found)
    for t in found:
        assert_fits(t)


def test_dashboard_charts_keep_long_names_whole():
    svg = charts.stacked_bars("Leer-mix per maand", "alt", ["sep 2026"], [(name, [3.0]) for name in PRINCIPLES])
    assert sorted(t["text"] for t in texts(svg) if t["text"] in PRINCIPLES) == sorted(PRINCIPLES)
    labels = ["Signaal verstuurd naar het management", "Beantwoord door de teamleider", "Kort"]
    svg = charts.hbars("Signalen", "alt", labels, [4, 2, None], notes=["", "", "onderdrukt"])
    found = texts(svg)
    assert {t["text"] for t in found} >= set(labels)
    for t in found:
        assert_fits(t)


def test_horizontal_bar_labels_get_the_room_they_need():
    names = ["Wijkteam Crabbehof", "Wijkteam Sterrenburg-Oost en Dubbeldam-West (pilot samenwerking)"]
    c = Canvas("kringen")
    svgcharts.bars(c, names, [4, 7], [False, False], 3, horizontal=True, xlabel="aantal sessies", ylabel="")
    found = texts(c.svg("Sessies per kring", "tekst"))
    assert {t["text"] for t in found} >= set(names)
    for t in found:
        assert_fits(t)
    long = next(t for t in found if t["text"] == names[1])
    assert len(long["lines"]) >= 2  # wider than 45 % of the chart: wrapped, not cut


def test_category_labels_wrap_under_their_bar_and_the_axis_title_moves_down():
    labels = ["gesignaleerd aan het management", "beantwoord", "afgesloten zonder antwoord"]
    c = Canvas("signalen")
    svgcharts.bars(c, labels, [5, 3, 1], [False] * 3, 3, xlabel="status", ylabel="aantal")
    found = texts(c.svg("Signalen naar status", "tekst"))
    slot = (c.x1 - c.x0) / 3
    for label in labels:
        [t] = [t for t in found if t["text"] == label]
        assert all(text_width(line, t["size"]) <= slot for line in t["lines"])
        assert_fits(t)
    axis = next(t for t in found if t["text"] == "status")
    lowest = max(t["y"] + FONT * 1.2 * (len(t["lines"]) - 1) for t in found if t["text"] in labels)
    assert axis["y"] > lowest + FONT and axis["y"] <= c.height


def test_a_long_title_stays_on_the_canvas():
    c = Canvas("titel", 420)
    svgcharts.bars(c, ["a"], [1], [False], 3)
    title = "Bijdragen per principe van transformatieleren in de afgelopen periode, per kring"
    [t] = [t for t in texts(c.svg(title, "tekst")) if t["text"] == title]
    assert_fits(t)


def test_the_dashboard_page_shows_principle_names_in_full():
    doc = samples.summary("wijkteam-noord", "Wijkteam Noord", sessions=30)
    html = dashboard_render.summary(doc, {})
    assert "…" not in html
    for svg in html.split("<svg")[1:]:
        for t in texts("<svg" + svg.split("</svg>")[0] + "</svg>"):
            assert_fits(t)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@pytest.mark.browser
def test_in_chromium_every_text_lies_inside_its_chart(tmp_path, require, repo_root):
    """The real fonts: every <text> box, as Chromium lays it out, is inside the chart's viewBox. Saves
    docs/screenshots/charts-labels.png (the dashboard's leer-mix and signal charts, the summary's bars)."""
    from pathlib import Path

    require(Path(CHROMIUM).exists(), f"Chromium missing at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed")
    leermix = charts.stacked_bars(
        "Leer-mix per maand", "alt", ["sep 2026", "okt 2026"], [(n, [3.0, 2.0]) for n in PRINCIPLES], "bijdragen"
    )
    signals = charts.hbars(
        "Signalen",
        "alt",
        ["Signaal verstuurd naar het management", "Beantwoord door de teamleider", "Nog open"],
        [4, 2, None],
        notes=["", "", "onderdrukt"],
    )
    spec = charts.ChartSpec(
        "status",
        "Signalen naar status",
        "alt",
        lambda c: charts.bars(c, ["gesignaleerd aan het management", "beantwoord", "afgesloten"], [5, 3, 1], 3),
    )
    page_html = (
        "<!doctype html><meta charset='utf-8'><body style='margin:8px;width:720px'>"
        + leermix
        + signals
        + charts.svg(spec)
        + "</body>"
    )
    path = tmp_path / "charts.html"
    path.write_text(page_html, "utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 740, "height": 400})
            page.goto(path.as_uri())
            outside = page.evaluate(
                """() => [...document.querySelectorAll('svg')].flatMap(svg => {
                    const vb = svg.viewBox.baseVal;
                    return [...svg.querySelectorAll('text')].map(t => {
                        const b = t.getBBox(), m = t.getCTM(), s = svg.getCTM();
                        // the box in the svg's user space (rotated labels: their transformed corners)
                        const pt = (x, y) => new DOMPoint(x, y).matrixTransform(s.inverse().multiply(m));
                        const c = [pt(b.x, b.y), pt(b.x + b.width, b.y), pt(b.x, b.y + b.height),
                                   pt(b.x + b.width, b.y + b.height)];
                        const xs = c.map(q => q.x), ys = c.map(q => q.y);
                        return {text: t.textContent, l: Math.min(...xs), r: Math.max(...xs),
                                t: Math.min(...ys), b: Math.max(...ys), w: vb.width, h: vb.height};
                    }).filter(q => q.l < -0.5 || q.t < -0.5 || q.r > q.w + 0.5 || q.b > q.h + 0.5);
                })"""
            )
            assert outside == []
            shots = repo_root / "docs" / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / "charts-labels.png"), full_page=True)
        finally:
            browser.close()
