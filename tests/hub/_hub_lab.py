"""Driving JupyterLab on a real hub with Playwright: log in, open a session from the "Leerkring" launcher
card, Run All until the first form shows. Shared by ``test_hub_browser.py`` and
``benchmarks/bench_hub_login.py``.

:func:`spawn_hook_lines` gives the ``jupyterhub_config.py`` lines the hub needs for this: every user's
JupyterLab exposes its app object (``window.jupyterapp``, to run all cells without hunting for menus),
fetches no news and renders every cell (no windowing, so a form below the fold is in the page); the
coaches' servers know the workspace (the coach's notebook works on it as the workspace's owner); and
the members' servers can be started *without the workspace folder*: in a mount namespace of their own
an empty folder lies over it, so a member's kernel reaches the workspace only through the service, as
on a hub without a shared file system.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: JupyterLab user settings written into each account's home before its server starts.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}
LAB_ARGS = ["--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None"]
#: The question of the first step of a teamreflectie session (its text box's placeholder).
QUESTION = "Welke situatie uit je werk van de afgelopen weken blijft bij je hangen?"


def can_hide_folders() -> bool:
    """Whether this machine lets us lay an empty folder over another in a mount namespace (root with
    CAP_SYS_ADMIN); then the members' servers run without the workspace folder."""
    if not shutil.which("unshare") or os.geteuid() != 0:
        return False
    with tempfile.TemporaryDirectory() as folder:
        probe = subprocess.run(
            [
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                'mount -t tmpfs -o size=64k none "$0"',
                folder,
            ],
            capture_output=True,
            timeout=30,
        )
    return probe.returncode == 0


def spawn_hook_lines(workspace: Path, *, coaches=(), hidden=(), coach_env: dict[str, str] | None = None) -> list[str]:
    """``jupyterhub_config.py`` lines: Lab settings for everyone, the workspace for ``coaches``, and for
    the accounts in ``hidden`` a server that cannot see the workspace folder (see the module docstring)."""
    singleuser = str(Path(sys.executable).with_name("jupyterhub-singleuser"))
    hide = 'mount -t tmpfs -o size=64k,mode=000 none "$0" && exec "$@"'
    coach_env = {"LEERKRING_WORKSPACE": str(Path(workspace).resolve()), **(coach_env or {})}
    return [
        f"c.Spawner.args = ['--allow-root', *{LAB_ARGS!r}]",
        "def _leerkring_test_spawn(spawner):",
        "    import json, os",
        "    name = spawner.user.name",
        "    home = spawner.home_dir_template.format(username=name)",
        f"    for rel, content in {LAB_SETTINGS!r}.items():",
        "        path = os.path.join(home, '.jupyter', 'lab', 'user-settings', rel)",
        "        os.makedirs(os.path.dirname(path), exist_ok=True)",
        "        with open(path, 'w') as fh:",
        "            json.dump(content, fh)",
        f"    if name in {sorted(coaches)!r}:",
        f"        spawner.environment = dict(spawner.environment, **{coach_env!r})",
        f"    if name in {sorted(hidden)!r}:",
        "        spawner.cmd = ['unshare', '--mount', '--propagation', 'private', 'sh', '-c',",
        f"                       {hide!r}, {str(Path(workspace).resolve())!r}, {singleuser!r}]",
        "c.Spawner.pre_spawn_hook = _leerkring_test_spawn",
    ]


def login(page, hub_url: str, user: str, password: str) -> None:
    """The hub's login form, as a person fills it in."""
    page.goto(hub_url + "/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", password)
    page.click("#login_submit")
    page.wait_for_url(lambda url: "/hub/login" not in url, timeout=120_000)


def accept_kernel_dialog(page) -> None:
    """Under load JupyterLab may ask which kernel to use although the notebook names one: accept it."""
    dialog = page.locator(".jp-Dialog .jp-mod-accept")
    if dialog.count() and dialog.first.is_visible():
        dialog.first.click()


def open_lab(page, hub_url: str, user: str, path: str = "") -> None:
    page.goto(f"{hub_url}/user/{user}/lab" + (f"/tree/{path}" if path else "") + "?reset")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand('notebook:run-all-cells')")


def open_from_launcher(page, session_id: int, screenshot: Path | None = None) -> None:
    """Click the launcher's "Leerkring" card, then "Openen" beside the session: Lab opens its notebook."""
    card = page.locator(".jp-LauncherCard", has_text="Leerkring").first
    card.wait_for()
    if screenshot is not None:
        page.screenshot(path=str(screenshot))
    card.click()
    frame = page.frame_locator("iframe[src*='/leerkring/']").first
    frame.locator(f'button[data-sessie="{session_id}"]').click()
    page.wait_for_function(OPENED, timeout=120_000)


#: The session notebook (under ``leerkring/`` in the member's home) is Lab's current document.
OPENED = """() => {
  const app = window.jupyterapp;
  const w = app && app.shell.currentWidget;
  return !!(w && w.context && w.context.path.startsWith('leerkring/') && w.context.path.endsWith('.ipynb'));
}"""


KERNEL_READY = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const ctx = w && w.sessionContext;
  const k = ctx && ctx.session && ctx.session.kernel;
  return !!k && ctx.isReady && k.connectionStatus === 'connected' && k.status === 'idle';
}"""


def wait_kernel_idle(page, timeout: float = 120) -> None:
    """Until the open notebook's own kernel is connected and idle (not a kernel Lab is replacing)."""
    page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached")
    deadline = time.monotonic() + timeout
    while not page.evaluate(KERNEL_READY):
        accept_kernel_dialog(page)
        if time.monotonic() > deadline:
            raise AssertionError("the kernel did not become idle")
        page.wait_for_timeout(50)


RAN = "() => [...document.querySelectorAll('.jp-Notebook .jp-InputPrompt')].some(p => /[0-9*]/.test(p.textContent))"


def run_all(page, timeout: float = 120) -> None:
    """Run > Run All Cells (without awaiting the command: it resolves only when every cell has run).
    A command given while the kernel is still being connected can be lost: then it is given again."""
    deadline = time.monotonic() + timeout
    while True:
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); return true; }")
        try:
            page.wait_for_function(RAN, timeout=5_000)
            return
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: nothing started yet
            accept_kernel_dialog(page)
            if time.monotonic() > deadline:
                raise AssertionError("Run All Cells started no cell") from None


def wait_visible(page, locator, timeout: float = 120, what: str = "the form") -> None:
    deadline = time.monotonic() + timeout
    while not locator.count() or not locator.first.is_visible():
        accept_kernel_dialog(page)
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not appear within {timeout:.0f} s")
        page.wait_for_timeout(50)


def first_form(page):
    """The first step's text box (placeholder: the step's question)."""
    return page.get_by_placeholder(QUESTION)


def form_of(box):
    """The form (widget box with an 'Opslaan' button) around a text box."""
    return box.locator("xpath=ancestor::div[contains(@class,'widget-vbox')][.//button[contains(., 'Opslaan')]][1]")
