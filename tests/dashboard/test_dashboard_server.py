"""The real Voilà server, started through the library: lockdown over HTTP, and the page in Chromium."""

from __future__ import annotations

import http.client
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_dashboard_support import CANARIES, XSS_IMG, XSS_SCRIPT, make_workspace

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
def dashboard_server(tmp_path_factory):
    from leerkring.dashboard import start

    ws = make_workspace(tmp_path_factory.mktemp("dash") / "ws")
    srv = start(ws, port=0)
    srv.workspace = ws
    yield srv
    srv.stop()
    assert not srv.staging.exists()


def _raw_get(url: str, path: str):
    """GET exactly this path (no client-side normalisation of '..')."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    conn.putrequest("GET", path, skip_accept_encoding=True)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), body


def test_serves_on_loopback_without_token(dashboard_server):
    assert dashboard_server.url.startswith("http://127.0.0.1:") and not dashboard_server.token
    status, headers, body = _raw_get(dashboard_server.url, "/")
    assert status == 200
    assert b"Overzicht van de organisatie" in body
    assert "connect-src 'self'" in headers["Content-Security-Policy"]
    assert b"cdn.jsdelivr.net" not in body
    assert b"from leerkring.dashboard.app import show" not in body  # sources stripped


@pytest.mark.parametrize(
    "path",
    [
        "/tree",
        "/tree/",
        "/api/contents",
        "/api/contents/leerkring.toml",
        "/api/kernels",
        "/api/sessions",
        "/api/kernelspecs",
        "/voila/files/dashboard.ipynb",
        "/voila/files/../leerkring.toml",
        "/voila/files/%2e%2e/leerkring.toml",
        "/voila/files/../../leerkring.toml",
        "/voila/tree",
        "/voila/render/dashboard.ipynb",
        "/voila/api/contents/",
        "/notebooks/dashboard.ipynb",
        "/files/leerkring.toml",
        "/leerkring.toml",
        "/.leerkring/leerkring.db",
        "/dashboard.ipynb",
        "/wijkteam-noord/sessions/2026-11-02-teamreflectie.ipynb",
        "/summaries/kring/wijkteam-noord/alles.json",
        "/voila/files/wijkteam-noord/sessions/2026-11-02-teamreflectie.ipynb",
        "/lab",
        "/login",
        "/edit/leerkring.toml",
        "/voila/static/../../../leerkring.toml",
        "/?template=../../../",
        "/..%2fleerkring.toml",
    ],
)
def test_everything_else_is_closed(dashboard_server, path):
    status, _, body = _raw_get(dashboard_server.url, path)
    if path.startswith("/?"):
        assert status == 200  # query overrides are ignored, the dashboard is rendered as usual
    else:
        assert status in (403, 404), (path, status)
    for secret in (*CANARIES, "Gemeente Test", "sqlite", "SQLite format"):
        assert secret.encode() not in body, (path, secret)


def test_kernel_api_is_read_only(dashboard_server):
    parts = urlsplit(dashboard_server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.request("DELETE", "/api/kernels/00000000-0000-0000-0000-000000000000")
    assert conn.getresponse().status in (403, 404, 405)


# -- the browser ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser(require):
    require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        require(False, "playwright is not installed")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def open_dashboard(browser, url, viewport=(1200, 900)):
    """A page with every request not to the dashboard server aborted; returns (page, log)."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    log = {"blocked": [], "dialogs": [], "errors": []}
    origin = url.rstrip("/")

    def route(r):
        if r.request.url.startswith(origin + "/") or r.request.url == origin:
            r.continue_()
        elif r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            log["blocked"].append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.goto(url)
    page.wait_for_selector("[data-leerkring-klaar]", state="attached", timeout=90_000)
    return page, log


@pytest.mark.browser
def test_renders_offline_with_charts(dashboard_server, browser, artifacts, repo_root):
    page, log = open_dashboard(browser, dashboard_server.url, viewport=(1200, 4200))
    try:
        assert page.locator("svg.lk-svg[role=img]").count() >= 4
        titles = page.locator("svg.lk-svg title").all_text_contents()
        assert "Leer-mix per maand" in titles and "Acties en terugkoppeling" in titles
        assert log["blocked"] == []  # nothing tried to reach the internet
        assert page.get_by_text("onderdrukt: minder dan 3 deelnemers").first.is_visible()
        page.screenshot(path=str(artifacts / "dashboard.png"), full_page=True)
        shots = repo_root / "docs" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(artifacts / "dashboard.png", shots / "dashboard.png")
    finally:
        page.close()


@pytest.mark.browser
def test_hostile_texts_are_shown_as_text(dashboard_server, browser):
    page, log = open_dashboard(browser, dashboard_server.url)
    try:
        page.wait_for_timeout(500)
        assert log["dialogs"] == []
        texts = page.locator("ul.lk-texts li").all_inner_texts()
        assert any(t.startswith(XSS_SCRIPT) for t in texts), texts  # the literal text is on the page
        assert any(t.startswith(XSS_IMG) for t in texts), texts
        assert page.locator("ul.lk-texts li", has_text=XSS_IMG).first.is_visible()
        assert page.locator("img[src=x]").count() == 0
        assert page.evaluate("() => [...document.scripts].some(s => s.textContent.includes('alert(1)'))") is False
    finally:
        page.close()


@pytest.mark.browser
def test_kring_and_period_choice_by_keyboard_and_no_canaries(dashboard_server, browser):
    page, log = open_dashboard(browser, dashboard_server.url)
    try:
        kring = page.get_by_label("Kring")
        kring.focus()
        kring.select_option(label="Wijkteam Zuid")
        page.wait_for_selector("h2:has-text('Wijkteam Zuid')", timeout=30_000)
        period = page.get_by_label("Periode")
        period.select_option(label="2026 kwartaal 4")
        page.wait_for_selector("h2:has-text('Wijkteam Zuid: 2026Q4')", timeout=30_000)
        html = page.content()
        for secret in CANARIES:
            assert secret not in html
        assert str(dashboard_server.workspace) not in html
        assert log["dialogs"] == []
    finally:
        page.close()


def _kernels(server_pid: int) -> set[int]:
    """The kernel processes the dashboard server started (its children running ipykernel)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:  # the process ended while we looked
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == server_pid and b"ipykernel" in cmdline:
            found.add(int(entry.name))
    return found


def _wait_for(condition, timeout: float, step: float = 1.0) -> float:
    """Seconds until ``condition()`` held; fails after ``timeout``."""
    import time

    began = time.monotonic()
    while not condition():
        if time.monotonic() - began > timeout:
            pytest.fail(f"not within {timeout:.0f} s")
        time.sleep(step)
    return time.monotonic() - began


@pytest.mark.browser
def test_a_closed_pages_kernel_is_stopped_within_a_minute_and_an_open_pages_kernel_stays(
    tmp_path, browser, monkeypatch
):
    """Issue 15: 20 page views left 27 kernels (1.5 GB) for 15 minutes. The page's own request to stop
    its kernel is blocked here (as when a laptop is closed), so only culling can end it. The shipped
    timings stop it within a minute; the mechanism is run here with shorter ones (the same settings)."""
    from leerkring.dashboard import start
    from leerkring.dashboard.server import CULL_IDLE_SECONDS, CULL_INTERVAL_SECONDS, voila_argv

    assert CULL_IDLE_SECONDS + CULL_INTERVAL_SECONDS <= 60
    idle, interval = 8, 2
    monkeypatch.setenv("LEERKRING_DASHBOARD_CULL_IDLE_S", str(idle))
    monkeypatch.setenv("LEERKRING_DASHBOARD_CULL_INTERVAL_S", str(interval))
    srv = start(make_workspace(tmp_path / "ws"), port=0)
    try:
        pid = srv.process.pid
        assert _kernels(pid) == set()
        gone_page, _ = open_dashboard(browser, srv.url)
        gone_page.route("**/voila/api/shutdown/**", lambda r: r.abort())  # the stop request is lost
        kept_page, _ = open_dashboard(browser, srv.url)
        assert len(_kernels(pid)) == 2
        gone_page.close()
        seconds = _wait_for(lambda: len(_kernels(pid)) == 1, timeout=75)
        assert seconds <= idle + interval + 5, seconds
        # the open page kept its kernel although it idled longer than the culling timeout: it still works
        kring = kept_page.get_by_label("Kring")
        kring.select_option(label="Wijkteam Zuid")
        kept_page.wait_for_selector("h2:has-text('Wijkteam Zuid')", timeout=30_000)
        kept_page.close()
        _wait_for(lambda: not _kernels(pid), timeout=75)
    finally:
        srv.stop()
    # the server ran with the settings under test; without the variables it ships the minute-long ones
    assert f"cull_idle_timeout={idle}" in " ".join(voila_argv("d.ipynb", port=0, ip="127.0.0.1"))
    monkeypatch.delenv("LEERKRING_DASHBOARD_CULL_IDLE_S")
    monkeypatch.delenv("LEERKRING_DASHBOARD_CULL_INTERVAL_S")
    shipped = " ".join(voila_argv("d.ipynb", port=0, ip="127.0.0.1"))
    assert f"cull_idle_timeout={CULL_IDLE_SECONDS}" in shipped and f"cull_interval={CULL_INTERVAL_SECONDS}" in shipped
    assert "cull_connected=False" in shipped


@pytest.mark.browser
def test_printing_gives_every_section_not_one_screenful(dashboard_server, browser, repo_root):
    """Issue 15: the page scrolls inside a panel of the window's height, so printing gave one page."""
    page, log = open_dashboard(browser, dashboard_server.url, viewport=(1000, 800))
    try:
        page.emulate_media(media="print")
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('*')].filter(e => {
                const s = getComputedStyle(e);
                return ['auto', 'scroll', 'hidden'].includes(s.overflowY) && e.scrollHeight > e.clientHeight + 5
                    && e.querySelector('.lk');
            }).map(e => e.id || e.className)"""
        )
        assert clipped == []  # no panel around the dashboard cuts its content off on paper
        last = page.locator(".lk h3").last
        assert last.bounding_box()["y"] > 2000  # the whole page is laid out, far below one screen
        pdf = page.pdf(format="A4")
        pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        assert pages >= 3, pages
        shots = repo_root / "docs" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "dashboard-print.png"), full_page=True)
    finally:
        page.close()
