"""The organisation summary HTML in headless Chromium with the network blocked: it renders, charts drawn."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_summary_cli import _workspace

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("rules_scrubber")]
CHROMIUM = os.environ.get("LEERKRING_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def test_summary_html_renders_offline_with_charts(tmp_path, require, run_cli):
    require(Path(CHROMIUM).exists() or bool(shutil.which("chromium")), f"Chromium missing at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed")
    _workspace(tmp_path / "ws").close()
    result = run_cli("--workspace", str(tmp_path / "ws"), "summarize", "--period", "2026", timeout=300)
    assert result.returncode == 0, result.stderr
    pages = [
        tmp_path / "ws" / "summaries" / "organisatie" / "_organisatie" / "2026.html",
        tmp_path / "ws" / "summaries" / "kring" / "wijkteam-noord" / "2026.html",
    ]
    blocked = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"), args=ARGS, headless=True
        )
        try:
            context = browser.new_context(offline=True)

            def route(r):
                if r.request.url.startswith("file:"):
                    r.continue_()
                else:
                    blocked.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            for file in pages:
                page = context.new_page()
                errors = []
                page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
                page.goto(file.as_uri(), wait_until="load")
                assert page.locator("h1").first.inner_text().startswith("Samenvatting")
                charts = page.locator("svg.leerkring-chart")
                assert charts.count() >= 4, file
                for i in range(charts.count()):
                    chart = charts.nth(i)
                    box = chart.bounding_box()
                    assert box and box["width"] > 100 and box["height"] > 50, (file, i, box)
                    assert chart.get_attribute("aria-label")
                    assert chart.locator("path, rect, polygon, use").count() > 5, "the chart has drawn shapes"
                assert page.locator("figcaption").count() == charts.count()
                assert not errors, errors
                page.close()
        finally:
            browser.close()
    assert not blocked, f"the page tried to load from the network: {blocked[:5]}"
