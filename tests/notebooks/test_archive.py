"""The archive a closed session leaves behind (issue 15): long texts folded, an archive that says it is
one, no step without a word, and an HTML copy that contacts no server and renders no math or script."""

from __future__ import annotations

import json
import re

import pytest

from leerkring.notebooks.lifecycle import close_session

pytestmark = pytest.mark.usefixtures("rules_scrubber")

LONG = "Begin van het verhaal. " + " ".join(f"zin{i} loopt door." for i in range(1000)) + " EINDE"


@pytest.fixture
def closed(tmp_path, team_workspace, rules_scrubber):
    """A closed teamreflectie session with a long contribution, a short one and hostile text."""
    ws, kring, session = team_workspace(tmp_path / "ws")
    ws.store.add_entry(session.id, "ervaringen", "ervaring", LONG, visibility="kring", step="ervaringen")
    ws.store.add_entry(
        session.id,
        "onzekerheid",
        "niet_weten",
        "Wat kost het? $$\\href{javascript:alert(document.domain)}{klik hier}$$ en $x^2$ "
        '[link](javascript:alert(1)) <a href="javascript:alert(2)">a</a> <javascript:alert(3)>',
        visibility="kring",
        step="onzekerheid",
    )
    close_session(ws, session.id)
    path = ws.path / session.notebook
    yield ws, session, path
    ws.close()


def archive_cells(path) -> list[dict]:
    nb = json.loads(path.read_text("utf-8"))
    return [c for c in nb["cells"] if c["metadata"].get("leerkring", {}).get("role") == "archive"]


def test_a_long_contribution_is_folded_in_the_archive(closed):
    ws, session, path = closed
    [cell] = [c for c in archive_cells(path) if c["metadata"]["leerkring"].get("step") == "ervaringen"]
    source = "".join(cell["source"])
    head, rest = source.split("<details>", 1)
    assert "Begin van het verhaal." in head and "EINDE" not in head and len(head) < 1000
    assert "<summary>lees verder (nog " in rest and "EINDE" in rest and "</details>" in rest
    page = path.with_suffix(".html").read_text("utf-8")
    assert "<details>" in page and "lees verder (nog " in page and "EINDE" in page


def test_math_and_links_in_contributions_stay_text_in_the_notebook(closed):
    ws, session, path = closed
    [cell] = [c for c in archive_cells(path) if c["metadata"]["leerkring"].get("step") == "onzekerheid"]
    source = "".join(cell["source"])
    assert "$" not in source.replace("&#36;", "")  # every dollar is an entity inside a mathjax_ignore span
    assert source.count('<span class="mathjax_ignore tex2jax_ignore">&#36;</span>') == 6
    assert not re.search(r"(?<!\\)\]\(javascript:", source), "a link stays escaped text"
    assert "<a " not in source and "<javascript:" not in source


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@pytest.mark.browser
def test_opening_the_archive_contacts_no_server_and_runs_nothing(closed, require):
    """Every request that is not the file itself is recorded and refused: there must be none; no link
    with a javascript: address, no typeset math, no script."""
    from pathlib import Path

    require(Path(CHROMIUM).exists(), f"Chromium missing at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed")
    ws, session, path = closed
    page_file = path.with_suffix(".html")
    raw = page_file.read_text("utf-8")
    assert "<script" not in raw and "cdnjs" not in raw and "mathjax" not in raw.lower().replace("mathjax_ignore", "")
    outside, files = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context()

            def route(r):
                if r.request.url.startswith("file:"):
                    files.append(r.request.url)
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.goto(page_file.as_uri(), wait_until="load")
            page.wait_for_timeout(1500)  # time for anything late (a script loader, a font) to ask
            assert outside == []
            assert files == [page_file.as_uri()]
            hrefs = page.eval_on_selector_all("[href], [src], [action]", "els => els.map(e => e.outerHTML)")
            assert not [h for h in hrefs if "javascript:" in h.lower()]
            assert page.locator("mjx-container, .MathJax, script").count() == 0
            body = page.inner_text("body")
            assert "$$\\href{javascript:alert(document.domain)}{klik hier}$$" in body and "$x^2$" in body
            assert "[link](javascript:alert(1))" in body
            assert "Begin van het verhaal." in body
        finally:
            browser.close()


def test_the_archive_says_it_is_one_and_no_step_is_left_without_a_word(closed):
    from leerkring.notebooks.archive import INTRO_NOTE
    from leerkring.notebooks.templates import steps_of

    ws, session, path = closed
    nb = json.loads(path.read_text("utf-8"))
    [intro] = [c for c in nb["cells"] if c["metadata"].get("leerkring", {}).get("role") == "intro"]
    assert "Run All" not in "".join(intro["source"]) and INTRO_NOTE in "".join(intro["source"])
    page = path.with_suffix(".html").read_text("utf-8")
    assert "Run All" not in page and "dit notebook is haar archief" in page
    archived = {c["metadata"]["leerkring"].get("step"): "".join(c["source"]) for c in archive_cells(path)}
    for step in steps_of(nb):
        assert step.key in archived, f"step {step.key} has no word in the archive"
    assert "_Geen bijdragen bij deze stap._" in archived["actieleren"]
    assert "geen signaal aan het management" in archived["signaal"]
    assert "geen evaluatie ingevuld" in archived["evaluatie"]


def test_reopening_brings_the_instructions_back_and_closing_again_does_not_repeat_itself(closed, run_cli):
    from leerkring.notebooks.archive import INTRO_NOTE

    ws, session, path = closed
    coach = next(m for m in ws.store.members(session.kring_id) if m.role == "coach")
    result = run_cli("-w", str(ws.path), "session", "reopen", "--id", str(session.id), "--by", coach.name)
    assert result.returncode == 0, result.stderr
    intro = lambda: "".join(  # noqa: E731
        next(c for c in json.loads(path.read_text("utf-8"))["cells"] if c["metadata"]["leerkring"]["role"] == "intro")[
            "source"
        ]
    )
    assert "Run All" in intro() and INTRO_NOTE not in intro()
    ws.store.raise_signal(session.id, "Een regel zit de hulp in de weg")
    close_session(ws, session.id)
    assert intro().count(INTRO_NOTE) == 1 and "Run All" not in intro()
    archived = {c["metadata"]["leerkring"].get("step"): "".join(c["source"]) for c in archive_cells(path)}
    assert "- Een regel zit de hulp in de weg (open)" in archived["signaal"]
