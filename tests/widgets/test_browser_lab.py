"""A member's session in a real JupyterLab, driven with Playwright and Debian's chromium.

Starts ``jupyter lab`` on a free localhost port with a token, opens a session notebook, runs all cells,
chooses a name, types a contribution with a phone number and saves. The store must hold the
pseudonymised text and the page must show the replacement notice. A screenshot goes to test-artifacts/.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from _lab_helpers import privacy_service, start_lab, stop_lab

from leerkring.store.viewer import Viewer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def service():
    with privacy_service() as sock:
        yield sock


def _start_lab(root: Path, home: Path):
    return start_lab(root, home)


_stop_lab = stop_lab


@pytest.mark.browser
def test_member_saves_a_contribution_in_jupyterlab(service, tmp_path, require, team_workspace, artifacts):
    require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed")
    ws, kring, session = team_workspace(tmp_path / "ws")
    ws.close()
    proc, port, token = _start_lab(tmp_path / "ws", tmp_path)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            try:
                _drive(page, port, token, session, artifacts)
            except Exception:
                page.screenshot(path=str(artifacts / "session-failure.png"))
                raise
            finally:
                browser.close()
    finally:
        _stop_lab(proc)
    from leerkring.workspace import Workspace

    with Workspace.open(tmp_path / "ws") as check:
        [entry] = check.store.entries(Viewer.kring_summary([kring.id]), session_id=session.id)
    assert "06-12345678" not in entry.text and "[TELEFOON-1]" in entry.text
    assert entry.author is None  # the kring summary viewer never sees authors
    assert entry.step == "ervaringen"


QUESTION = "Welke situatie uit je werk van de afgelopen weken blijft bij je hangen?"


def _accept_kernel_dialog(page) -> None:
    """Under load JupyterLab may ask which kernel to use although the notebook names one: accept it."""
    dialog = page.locator(".jp-Dialog .jp-mod-accept")
    if dialog.count() and dialog.first.is_visible():
        dialog.first.click()


def _open_and_run(page, port, token, session):
    """Open the notebook and run all cells until the first form is there (nothing is saved yet)."""
    page.goto(f"http://127.0.0.1:{port}/lab/tree/{session.notebook}?token={token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand('notebook:run-all-cells')")
    deadline = time.monotonic() + 90
    while not page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count():
        _accept_kernel_dialog(page)
        if time.monotonic() > deadline:
            raise AssertionError("the kernel did not become idle")
        page.wait_for_timeout(250)
    # do not await the command's promise: it only resolves when every cell has run
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); return true; }")
    box = page.get_by_placeholder(QUESTION)
    deadline = time.monotonic() + 90
    while not box.count() or not box.first.is_visible():
        _accept_kernel_dialog(page)
        if time.monotonic() > deadline:
            raise AssertionError("the forms did not appear")
        page.wait_for_timeout(250)
    return box


def _drive(page, port, token, session, artifacts) -> None:
    try:
        box = _open_and_run(page, port, token, session)
    except Exception:  # one more try on a loaded machine: nothing has been saved yet
        page.screenshot(path=str(artifacts / "session-first-try.png"))
        box = _open_and_run(page, port, token, session)
    page.locator(".widget-dropdown select").first.select_option(label="Mila Lid")
    box.fill("De moeder belde me om 22 uur op 06-12345678; ik wist niet of ik moest opnemen.")
    form = box.locator("xpath=ancestor::div[contains(@class,'widget-vbox')][.//button[contains(., 'Opslaan')]][1]")
    form.get_by_role("button", name="Opslaan").click()
    notice = form.get_by_text("Vervangen:")
    notice.wait_for(timeout=120_000)
    assert "06-12345678" not in notice.inner_text()
    form.get_by_text("[TELEFOON-1]").first.wait_for()
    form.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "session.png"), full_page=False)
