"""A team on a real JupyterHub, in four browser contexts at once (Playwright, Debian chromium).

One hub (the leerkring service and the dashboard as managed services, the simple local spawner) over a
small workspace whose organisation summaries were published once before. Then, as the people do it:

- the coach (``cora``) opens the coach's notebook in her JupyterLab, runs it and plans today's session
  in the *Sessies* tab (her server knows the workspace: the coach owns it);
- two members (``mila``, ``nout``) log in, click the launcher's "Leerkring" card, open the session with
  "Openen", Run All, and save: each a kring contribution, Mila also a *persoonlijk* one. After
  "Verversen" each sees the other's kring contribution; Nout never sees Mila's personal one. Their
  servers run without the workspace folder when the machine allows it (an empty folder over it in a
  mount namespace): their kernels reach the workspace through the service only;
- the coach closes the session and publishes the summaries for the organisation;
- the manager (``mariam``, hub group ``management``) opens ``/services/leerkring-dashboard/`` and sees
  the kring's figures grow by the new session; a member opening that URL gets 403.

Screenshots of the launcher, a member's form and the manager's dashboard go to ``docs/screenshots/``.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from _hub_harness import PASSWORD, Hub
from _hub_lab import (
    CHROMIUM,
    CHROMIUM_ARGS,
    can_hide_folders,
    first_form,
    form_of,
    login,
    open_from_launcher,
    open_lab,
    run_all,
    spawn_hook_lines,
    wait_kernel_idle,
    wait_visible,
)

pytestmark = pytest.mark.browser  # tests/conftest.py makes every browser test slow

DASHBOARD = "/services/leerkring-dashboard/"
KRING = "Wijkteam Noord"
PEOPLE = (  # name, role, hub account
    ("Cora Coach", "coach", "cora"),
    ("Mila Lid", "member", "mila"),
    ("Nout Lid", "member", "nout"),
    ("Bram Lid", "member", None),
    ("Mariam Manager", "manager", "mariam"),
)
MILA_KRING = "Bij de wachtlijst voor schuldhulp helpt het om samen met de buurtcoach te bellen."
MILA_PRIVATE = "Voor mezelf: ik merk dat ik te lang doorga na een zwaar gesprek."
NOUT_KRING = "Een vaste inloop op woensdag maakte de drempel voor jonge ouders lager."
TITLE = "Wat leren we van de wachtlijst?"


def _seed(root: Path) -> None:
    """The workspace: one kring, an earlier session with three contributors, its published summaries."""
    from leerkring.notebooks.lifecycle import plan_session
    from leerkring.summary.publish import summarize
    from leerkring.workspace import Workspace

    ws = Workspace.init(root, "Gemeente Hubtest", scrubber=None)
    try:
        kring = ws.add_kring(KRING)
        for name, role, account in PEOPLE:
            ws.store.add_member(kring.id, name, role, account)
        earlier = plan_session(ws, kring.id, "2026-11-02", "teamreflectie", "Eerdere sessie")
        for author, text in (
            ("Mila Lid", "Een huisbezoek samen met de wijkagent gaf rust."),
            ("Nout Lid", "We spraken af eerder op te schalen bij stille signalen."),
            ("Bram Lid", "Een gesprek aan de keukentafel werkte beter dan op kantoor."),
        ):
            ws.store.add_entry(earlier.id, "ervaringen", "ervaring", text, author=author)
        ws.store.close_session(earlier.id, by="Cora Coach")
        with pytest.MonkeyPatch.context() as mp:  # the baseline needs no names found: the rules suffice
            mp.setenv("LEERKRING_SCRUBBER", "rules")
            summarize(ws, None, None, "organisatie", actor="Cora Coach", progress=False)
    finally:
        ws.close()


@pytest.fixture(scope="module")
def team_hub(tmp_path_factory, proxy_command, leerkring_service, repo_root):
    """The running hub, its folder and whether the members' servers run without the workspace folder."""
    from leerkring import privacy

    base = tmp_path_factory.mktemp("hub-browser")
    # the coach's kernel scrubs through the test run's privacy service: start it while the hub starts
    warm = threading.Thread(target=privacy.start_service, daemon=True)
    warm.start()
    _seed(base / "ws")
    hidden = ("mila", "nout") if can_hide_folders() else ()
    hub = Hub(
        base / "hub",
        base / "ws",
        users=[a for _, _, a in PEOPLE if a],
        groups={"management": ["mariam"]},
        proxy=proxy_command,
        dashboard=True,
        extra_config=spawn_hook_lines(
            base / "ws",
            coaches=("cora",),
            hidden=hidden,
            coach_env={"LEERKRING_SERVICE_SOCKET": os.environ["LEERKRING_SERVICE_SOCKET"]},
        ),
    )
    home = base / "hub" / "home" / "cora"
    home.mkdir(parents=True)
    shutil.copy(repo_root / "leerkring" / "resources" / "notebooks" / "coach.ipynb", home / "coach.ipynb")
    hub.start()
    try:
        spawners = [threading.Thread(target=hub.spawn, args=(user,)) for user in ("cora", "mila", "nout")]
        for thread in spawners:
            thread.start()
        for thread in spawners:
            thread.join()
        warm.join(timeout=180)
        yield hub, base, bool(hidden)
    finally:
        hub.stop()
        left = hub.leftovers()
        assert not left, f"processes still running after the hub stopped: {left}"


def _figures(page) -> list[str]:
    """The cells of the kring's row in the dashboard's overview table."""
    row = page.locator("tr", has=page.locator("th, td", has_text=re.compile(rf"^{KRING}$"))).first
    row.wait_for(timeout=120_000)
    return [c.strip() for c in row.locator("th, td").all_inner_texts()]


def _wait_rendered(page) -> None:
    """Until the dashboard's widgets are drawn (no "Loading widget..." left)."""
    page.locator(".widget-dropdown select").first.wait_for()
    page.wait_for_function("() => !document.body.innerText.includes('Loading widget')")


def _coach_tab(page, title: str):
    page.locator(".widget-tab .lm-TabBar-tab", has_text=title).first.click()
    return page.locator(".widget-tab .lm-TabBar-tab", has_text=title).first


def _coach_says(page, text: str, timeout: float = 180) -> None:
    page.get_by_text(text).first.wait_for(timeout=timeout * 1000)


def test_a_team_on_the_hub(team_hub, require, artifacts, repo_root):
    require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed")
    hub, base, hidden = team_hub
    shots = repo_root / "docs" / "screenshots"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = {}
        for user in ("cora", "mila", "nout", "mariam"):  # four people, four browser contexts, all open
            context = browser.new_context(viewport={"width": 1280, "height": 960})
            context.set_default_timeout(120_000)
            pages[user] = context.new_page()
        try:
            _drive(hub, pages, shots, hidden)
        except Exception:
            for user, page in pages.items():
                page.screenshot(path=str(artifacts / f"hub-browser-failure-{user}.png"))
            raise
        finally:
            browser.close()


def _drive(hub: Hub, pages: dict, shots: Path, hidden: bool) -> None:
    coach, mila, nout, manager = pages["cora"], pages["mila"], pages["nout"], pages["mariam"]
    for user, page in pages.items():
        login(page, hub.url, user, PASSWORD)

    # the manager's figures before the session
    manager.goto(hub.url + DASHBOARD)
    before = _figures(manager)

    # the coach plans today's session in her notebook
    open_lab(coach, hub.url, "cora", "coach.ipynb")
    wait_kernel_idle(coach)
    run_all(coach)
    wait_visible(coach, coach.locator(".widget-tab .lm-TabBar-tab", has_text="Sessies"), what="the coach's tabs")
    _coach_tab(coach, "Sessies")
    coach.get_by_placeholder("waar gaat de sessie over (mag leeg)").fill(TITLE)
    coach.get_by_role("button", name="Plan sessie").click()
    _coach_says(coach, "gepland:")
    session_id = int(re.search(r"Sessie (\d+) gepland", coach.get_by_text("gepland:").first.inner_text()).group(1))

    # two members open it from the launcher and run it
    for user, page in (("mila", mila), ("nout", nout)):
        open_lab(page, hub.url, user)
        open_from_launcher(page, session_id, shots / "hub-launcher.png" if user == "mila" else None)
        wait_kernel_idle(page)
        run_all(page)
    boxes = {}
    for page in (mila, nout):
        wait_visible(page, first_form(page))
        boxes[page] = first_form(page).first

    def save(page, text: str, visibility: str = "kring") -> None:
        box = boxes[page]
        box.fill(text)
        form = form_of(box)
        form.locator(".widget-toggle-button", has_text=visibility).first.click()
        form.locator("button[title='Opslaan']").click()
        form.get_by_text(text[:40]).first.wait_for()

    save(mila, MILA_KRING)
    save(mila, MILA_PRIVATE, "persoonlijk")
    save(nout, NOUT_KRING)
    for page in (mila, nout):
        form_of(boxes[page]).get_by_role("button", name="Verversen").click()
    form_of(boxes[mila]).get_by_text(NOUT_KRING[:40]).first.wait_for()
    form_of(boxes[nout]).get_by_text(MILA_KRING[:40]).first.wait_for()
    nout_wall = form_of(boxes[nout]).inner_text()
    assert MILA_PRIVATE[:30] not in nout_wall and NOUT_KRING[:40] in nout_wall
    assert MILA_PRIVATE[:30] in form_of(boxes[mila]).inner_text()  # her own personal note, for her alone
    boxes[mila].locator("xpath=ancestor::div[contains(@class,'jp-CodeCell')][1]").evaluate(
        "e => e.scrollIntoView({block: 'start'})"
    )
    mila.screenshot(path=str(shots / "hub-member-form.png"))

    # the coach closes the session and publishes the summaries for the organisation
    coach.get_by_role("button", name="Sluiten en archiveren").click()
    _coach_says(coach, "is gesloten.")
    _coach_tab(coach, "Samenvattingen")
    coach.locator(".widget-dropdown", has_text="Voor").locator("select").select_option(label="de organisatie")
    coach.get_by_role("button", name="Samenvattingen maken").click()
    _coach_says(coach, "samenvatting(en) gemaakt", timeout=240)

    # the manager sees the new figures; a member gets 403
    after = before
    for _ in range(30):  # the dashboard service stages a new publication within a few seconds
        manager.goto(hub.url + DASHBOARD)
        after = _figures(manager)
        if after != before:
            break
        manager.wait_for_timeout(1000)
    assert after != before, (before, after)
    _wait_rendered(manager)
    manager.screenshot(path=str(shots / "hub-manager-dashboard.png"), full_page=False)
    answer = nout.goto(hub.url + DASHBOARD)
    assert answer.status == 403, answer.status
    assert KRING not in nout.content()
    print(f"dashboard row before {before}, after {after}; members without the workspace folder: {hidden}")
