"""A coach's whole cycle and a manager's answer in a real JupyterLab, with no terminal.

JupyterLab runs on a free localhost port with the workspace as its root and the shipped coach and
manager notebooks copied into it; Playwright drives Debian's chromium. Before the browser opens, a
member shares a text with the organisation and raises a signal (through the library). In the coach
notebook the coach adds a member, plans a session and closes it, releases the member's text, publishes
the summaries and exports a member; in the manager notebook the manager answers the signal. Every step
is checked on screen, and at the end in the store and the workspace's files. Screenshots go to
test-artifacts/.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from _lab_helpers import privacy_service, start_lab, stop_lab

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SHARED_TEXT = "Samen met de wijkagent vonden we een opening bij de familie"
SIGNAL_TITLE = "Wachtlijst schuldhulp loopt op"
ANSWER = "We bespreken de wachtlijst met de gemeente en komen erop terug."


@pytest.fixture(scope="module")
def service():
    with privacy_service() as sock:
        yield sock


def _start_lab(root: Path, home: Path):
    # the notebooks find the workspace around their own folder
    return start_lab(root, home, unset=("JUPYTERHUB_USER", "LEERKRING_WORKSPACE"))


_stop_lab = stop_lab


def _prepare(tmp_path, team_workspace, repo_root):
    """The test team's workspace with a text shared with the organisation and an open signal, and the
    shipped notebooks in its root (where a coach opens them)."""
    ws, kring, session = team_workspace(tmp_path / "ws")
    entry = ws.store.add_entry(
        session.id, "ervaringen", "inzicht", SHARED_TEXT, author="Mila Lid", visibility="organisatie"
    )
    sig = ws.store.raise_signal(session.id, SIGNAL_TITLE, "Gezinnen wachten maanden op een eerste gesprek.")
    ws.close()
    for name in ("coach.ipynb", "manager.ipynb"):
        shutil.copy(repo_root / "leerkring" / "resources" / "notebooks" / name, ws.path / name)
    return ws.path, kring, entry, sig


@pytest.mark.browser
def test_a_coach_works_a_whole_cycle_and_a_manager_answers_in_jupyterlab(
    service, tmp_path, require, team_workspace, repo_root, artifacts
):
    require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed")
    root, kring, entry, sig = _prepare(tmp_path, team_workspace, repo_root)
    proc, port, token = _start_lab(root, tmp_path)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            try:
                lab = Lab(page, port, token)
                _coach_cycle(lab, artifacts)
                lab.page = browser.new_page(viewport={"width": 1400, "height": 1000})  # the manager's own
                lab.page.set_default_timeout(60_000)
                _manager_answers(lab, artifacts)
            except Exception:
                lab.page.screenshot(path=str(artifacts / "coach-failure.png"))
                raise
            finally:
                browser.close()
    finally:
        _stop_lab(proc)
    _check_store(root, kring, entry, sig)


class Lab:
    """The pieces of JupyterLab and of the ipywidgets forms the coach touches, found as a user sees them."""

    def __init__(self, page, port, token):
        self.page, self.port, self.token = page, port, token

    def open_and_run(self, notebook: str, ready_text: str) -> None:
        """Open ``notebook`` alone in a Lab workspace of its own (as on the coach's or manager's own
        machine) and run all cells until ``ready_text`` shows."""
        page = self.page
        page.goto(
            f"http://127.0.0.1:{self.port}/lab/workspaces/{Path(notebook).stem}/tree/{notebook}?token={self.token}"
        )
        page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached")
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.commands.hasCommand('notebook:run-all-cells')"
        )
        self.until(lambda: page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count(), "kernel idle")
        prompt = page.locator(".jp-CodeCell .jp-InputArea-prompt").filter(visible=True).first
        for _attempt in range(3):
            # not awaited: the command's promise resolves only when every cell has run
            page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); return true; }")
            try:  # queued ([*]) or run ([1]); on a loaded machine Lab may drop a request sent too early
                self.until(lambda: any(c in prompt.inner_text() for c in "*0123456789"), "the cell queued", 20)
                break
            except AssertionError:
                continue
        ready = page.locator(".jp-OutputArea").get_by_text(ready_text).filter(visible=True)
        self.until(ready.count, f"'{ready_text}' on screen")

    def until(self, condition, what: str, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            dialog = self.page.locator(".jp-Dialog .jp-mod-accept")  # a kernel choice Lab may ask under load
            if dialog.count() and dialog.first.is_visible():
                dialog.first.click()
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {seconds:.0f} s for {what}")
            self.page.wait_for_timeout(200)

    def tab(self, title: str) -> None:
        self.page.locator(".widget-tab .lm-TabBar-tab", has_text=title).click()

    def visible(self, selector: str, label: str):
        """The one visible widget of this kind whose description is ``label`` (in the open tab)."""
        return (
            self.page.locator(selector)
            .filter(has=self.page.locator("label", has_text=label))
            .filter(visible=True)
            .first
        )

    def select(self, label: str, option: str) -> None:
        """Choose ``option`` (ipywidgets writes the spaces of option labels as no-break spaces)."""
        index = self.options(label).index(option)
        self.visible(".widget-dropdown", label).locator("select").select_option(index=index)

    def options(self, label: str) -> list[str]:
        texts = self.visible(".widget-dropdown", label).locator("option").all_inner_texts()
        return [t.replace("\xa0", " ") for t in texts]

    def chosen(self, label: str) -> str:
        select = self.visible(".widget-dropdown", label).locator("select")
        text = select.evaluate("s => s.options[s.selectedIndex] ? s.options[s.selectedIndex].text : ''")
        return text.replace("\xa0", " ")

    def fill(self, label: str, value: str, kind: str = ".widget-text") -> None:
        self.visible(kind, label).locator("input, textarea").fill(value)

    def click(self, button: str) -> None:
        self.page.get_by_role("button", name=button, exact=True).filter(visible=True).first.click()

    def cut_off(self) -> list[str]:
        """The visible labels and buttons of the forms whose text does not fit (shown with '…')."""
        return self.page.eval_on_selector_all(
            ".jp-OutputArea .widget-label, .jp-OutputArea .jupyter-button, .jp-OutputArea .lm-TabBar-tabLabel",
            "els => els.filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)",
        )

    def see(self, text: str, seconds: float = 60):
        """Wait until ``text`` is on screen; returns its locator."""
        found = self.page.get_by_text(text).filter(visible=True).first
        found.wait_for(timeout=seconds * 1000)
        return found


def _coach_cycle(lab: Lab, artifacts: Path) -> None:
    lab.open_and_run("coach.ipynb", "Werkruimte van de leercoach")
    assert lab.chosen("Ik ben") == "Cora Coach"  # the workspace's only coach, chosen for her

    # Leden: a guest joins the kring
    lab.tab("Leden")
    lab.fill("Naam", "Henk de Graaf")
    lab.select("Rol", "gast")
    lab.click("Toevoegen")
    lab.see("Henk de Graaf is nu gast in kring 'Wijkteam Noord'.")
    lab.page.locator("td", has_text="Henk de Graaf").filter(visible=True).wait_for()  # in the member list

    # Sessies: plan a moral deliberation, then close it
    lab.tab("Sessies")
    lab.fill("Datum", "2026-11-20", kind=".widget-datepicker")
    lab.select("Methode", "Moreel beraad")
    lab.see("4 stap(pen)")
    lab.fill("Onderwerp", "Hulpverlenen of handhaven?")
    lab.click("Plan sessie")
    lab.see("gepland: Wijkteam Noord, 2026-11-20, methode moreel_beraad.")
    lab.see("Sessienotebook openen")
    lab.until(
        lambda: lab.chosen("Sessie").startswith("2026-11-20 · moreel_beraad · open"), "the planned session chosen", 30
    )
    lab.click("Sluiten en archiveren")
    lab.see("(2026-11-20) is gesloten.", seconds=90)
    html_link = lab.see("Archief (HTML)")
    href = html_link.get_attribute("href")
    assert href == "wijkteam-noord/sessions/2026-11-20-moreel_beraad.html", href
    lab.until(
        lambda: lab.chosen("Sessie").startswith("2026-11-20 · moreel_beraad · gesloten"), "the session shown closed", 30
    )

    # Vrijgeven: the member's text for the organisation, with what stands out
    lab.tab("Vrijgeven")
    lab.select("Tekst", next(o for o in lab.options("Tekst") if "bijdrage" in o))
    lab.see(SHARED_TEXT)
    lab.click("Vrijgeven")
    lab.see("is vrijgegeven voor de organisatie.")
    lab.until(lambda: not any("bijdrage" in o for o in lab.options("Tekst")), "the released text off the list", 30)

    # Samenvattingen: the kring's and the organisation's summaries for the quarter
    lab.tab("Samenvattingen")
    lab.fill("Periode", "2026Q4")
    lab.click("Samenvattingen maken")
    lab.see("samenvatting(en) gemaakt voor periode 2026Q4", seconds=150)
    lab.until(lambda: lab.page.get_by_role("link", name="Openen").filter(visible=True).count() >= 2, "links", 30)

    # Privacy: the new member is there without a restart; export a member's contributions
    lab.tab("Privacy")
    lab.until(lambda: "Henk de Graaf" in lab.options("Persoon"), "the new member in the Privacy tab", 30)
    lab.select("Persoon", "Mila Lid")
    lab.click("Exporteren (inzage)")
    lab.see("1 bijdrage van Mila Lid geschreven.")
    lab.see("Export openen")
    lab.page.screenshot(path=str(artifacts / "coach.png"))
    for title in ("Leden", "Sessies", "Acties en signalen", "Samenvattingen", "Vrijgeven", "Privacy"):
        lab.tab(title)
        assert lab.cut_off() == [], title


def _manager_answers(lab: Lab, artifacts: Path) -> None:
    lab.open_and_run("manager.ipynb", "Antwoord versturen")
    assert lab.chosen("Ik ben") == "Mariam Manager"
    assert SIGNAL_TITLE in lab.chosen("Signaal")
    lab.see("Gezinnen wachten maanden op een eerste gesprek.")
    lab.fill("Antwoord", ANSWER, kind=".widget-textarea")
    lab.click("Antwoord versturen")
    lab.see("is beantwoord; het team ziet je antwoord.")
    lab.see("Er zijn geen open signalen.")
    lab.page.screenshot(path=str(artifacts / "manager.png"))
    assert lab.cut_off() == []


def _check_store(root: Path, kring, entry, sig) -> None:
    from leerkring.workspace import Workspace

    with Workspace.open(root) as ws:
        store = ws.store
        assert ("Henk de Graaf", "guest") in [(m.name, m.role) for m in store.members(kring.id)]
        planned = store.find_session(kring.id, "2026-11-20")
        assert (planned.method, planned.title, planned.status) == (
            "moreel_beraad",
            "Hulpverlenen of handhaven?",
            "closed",
        )
        archive = root / planned.notebook
        assert archive.with_suffix(".html").is_file()
        assert "dit notebook is haar archief" in archive.read_text("utf-8")
        assert [r.status for r in store.releases(kring.id) if r.item == "entry"] == ["released"]
        org = json.loads((ws.summaries_dir / "organisatie" / "_organisatie" / "2026Q4.json").read_text("utf-8"))
        assert SHARED_TEXT in json.dumps(org, ensure_ascii=False)
        assert (ws.summaries_dir / "kring" / kring.slug / "2026Q4.html").is_file()
        exported = json.loads((root / "exports" / "mila-lid.json").read_text("utf-8"))
        assert exported["person"]["name"] == "Mila Lid"
        assert [e["text"] for e in exported["entries"]] == [SHARED_TEXT]
        answered = store.signal(sig.id)
        assert answered.status == "answered"
        assert [(r.responder, r.text) for r in answered.responses] == [("Mariam Manager", ANSWER)]
