"""A member on a real JupyterHub: from login to the first form of a session notebook (issue 13).

The script starts its own hub like the tests do (``tests/hub/_hub_harness.py``: JupyterHub on
127.0.0.1, npm's proxy, the leerkring service as a managed hub service loading deduce once) over a
small workspace with one planned session, and drives Debian's chromium with Playwright as member
``mila`` (whose server, where the machine allows it, runs without the workspace folder: see
``tests/hub/_hub_lab.py``). Her single-user server keeps running between runs, as on a working day;
every run is a new browser context (a fresh login) and a new kernel.

- ours: log in, Lab, click the launcher's "Leerkring" card, "Openen" beside the session (Lab opens
  the notebook written into her home), wait for the kernel, Run All, until the first step's text box
  is visible;
- direct (for where the time goes): log in, open the session notebook (already in her home) by its
  Lab URL, wait for the kernel, Run All, until the first form is visible;
- anchor: log in, open an empty notebook (one cell, ``print("klaar")``) in Lab, wait for the kernel,
  Run All, until its output is visible.

The three alternate (the order reversed every round); medians, p95 and the ratio are printed
(goal: ours <= 1.5 x anchor). Then, on a *fresh* server each time (stopped and started through the hub
API before the run): seconds from Run All to the first form visible (goal: within 2 s, issue 13 item 5).

``python benchmarks/bench_hub_login.py [runs per side, default 6] [fresh-server runs, default 3]``
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO / "tests" / "hub")]

from _common import header, median, percentile  # noqa: E402
from _hub_harness import PASSWORD, Hub, find_proxy  # noqa: E402
from _hub_lab import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    can_hide_folders,
    first_form,
    login,
    open_from_launcher,
    open_lab,
    run_all,
    spawn_hook_lines,
    wait_kernel_idle,
    wait_visible,
)

USER = "mila"
EMPTY = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "leeg",
            "metadata": {},
            "outputs": [],
            "source": 'print("klaar")',
        }
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def seed(root: Path) -> int:
    from leerkring.notebooks.lifecycle import plan_session
    from leerkring.workspace import Workspace

    ws = Workspace.init(root, "Gemeente Benchmark", scrubber=None)
    try:
        kring = ws.add_kring("Wijkteam Noord")
        ws.store.add_member(kring.id, "Cora Coach", "coach", "cora")
        ws.store.add_member(kring.id, "Mila Lid", "member", USER)
        return plan_session(ws, kring.id, time.strftime("%Y-%m-%d"), "teamreflectie", "Benchmarksessie").id
    finally:
        ws.close()


def shut_kernels(page) -> None:
    """Stop this run's kernels, so every run starts one of its own."""
    page.evaluate("async () => { await window.jupyterapp.serviceManager.sessions.shutdownAll(); return true; }")


STAGES: dict[str, list[float]] = {"login+Lab": [], "launcher+Openen": [], "kernel idle": [], "Run All -> form": []}


def ours(browser, hub: Hub, session_id: int) -> tuple[float, str]:
    """Seconds from login to the first form, opened from the launcher; and the notebook's Lab path."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(120_000)
    page = context.new_page()
    try:
        marks = [time.perf_counter()]
        login(page, hub.url, USER, PASSWORD)
        open_lab(page, hub.url, USER)
        marks.append(time.perf_counter())
        open_from_launcher(page, session_id)
        marks.append(time.perf_counter())
        wait_kernel_idle(page)
        marks.append(time.perf_counter())
        run_all(page)
        wait_visible(page, first_form(page))
        marks.append(time.perf_counter())
        for name, a, b in zip(STAGES, marks, marks[1:], strict=False):
            STAGES[name].append(b - a)
        path = page.evaluate("() => window.jupyterapp.shell.currentWidget.context.path")
        shut_kernels(page)
        return marks[-1] - marks[0], path
    finally:
        context.close()


def direct(browser, hub: Hub, path: str) -> float:
    """Seconds from login to the first form, the notebook (already in her home) opened by its URL."""
    return _timed(browser, hub, path, first_form)


def anchor(browser, hub: Hub) -> float:
    return _timed(browser, hub, "leeg.ipynb", lambda page: page.locator(".jp-OutputArea-output", has_text="klaar"))


def _timed(browser, hub: Hub, path: str, shown) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(120_000)
    page = context.new_page()
    try:
        start = time.perf_counter()
        login(page, hub.url, USER, PASSWORD)
        open_lab(page, hub.url, USER, path)
        wait_kernel_idle(page)
        run_all(page)
        wait_visible(page, shown(page))
        elapsed = time.perf_counter() - start
        shut_kernels(page)
        return elapsed
    finally:
        context.close()


def fresh_server(browser, hub: Hub, session_id: int) -> tuple[float, float]:
    """(seconds from Run All to the first form, seconds to start the server) on a server started anew."""
    hub.stop_server(USER)
    started = time.perf_counter()
    hub.spawn(USER)
    spawn = time.perf_counter() - started
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(120_000)
    page = context.new_page()
    try:
        login(page, hub.url, USER, PASSWORD)
        open_lab(page, hub.url, USER)
        open_from_launcher(page, session_id)
        wait_kernel_idle(page)
        start = time.perf_counter()
        run_all(page)
        wait_visible(page, first_form(page))
        elapsed = time.perf_counter() - start
        shut_kernels(page)
        return elapsed, spawn
    finally:
        context.close()


def describe(name: str, values: list[float]) -> str:
    return f"{name}: median {median(values):.2f} s, p95 {percentile(values, 95):.2f} s ({len(values)} runs)"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    fresh_runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    header("bench_hub_login: login to the first form on a real JupyterHub")
    from playwright.sync_api import sync_playwright

    base = Path(tempfile.mkdtemp(prefix="bench-hub-login-"))
    session_id = seed(base / "ws")
    hidden = (USER,) if can_hide_folders() else ()
    hub = Hub(
        base / "hub",
        base / "ws",
        users=["cora", USER],
        proxy=find_proxy(),
        extra_config=spawn_hook_lines(base / "ws", hidden=hidden),
    )
    home = base / "hub" / "home" / USER
    home.mkdir(parents=True)
    (home / "leeg.ipynb").write_text(json.dumps(EMPTY))
    hub.start()
    try:
        hub.wait_for_service(hub.new_token(USER)[0])
        hub.spawn(USER)
        print(f"# member's server without the workspace folder: {'yes' if hidden else 'no (not possible here)'}")
        print(f"# load average at start: {os.getloadavg()[0]:.1f}")
        times: dict[str, list[float]] = {"ours": [], "direct": [], "anchor": []}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                _, path = ours(browser, hub, session_id)  # warm-up: the notebook written, Lab's assets cached
                anchor(browser, hub)
                for name in STAGES:
                    STAGES[name].clear()
                sides = ["ours", "direct", "anchor"]
                for i in range(runs):
                    for side in sides if i % 2 == 0 else sides[::-1]:
                        if side == "ours":
                            value = ours(browser, hub, session_id)[0]
                        elif side == "direct":
                            value = direct(browser, hub, path)
                        else:
                            value = anchor(browser, hub)
                        times[side].append(value)
                        print(f"  run {i + 1} {side}: {value:.2f} s", flush=True)
                ratio = median(times["ours"]) / median(times["anchor"])
                pairs = sorted(o / a for o, a in zip(times["ours"], times["anchor"], strict=True))
                print(describe("ours   (login -> launcher -> Openen -> Run All -> first form)", times["ours"]))
                print("  stages (medians): " + ", ".join(f"{k} {median(v):.2f} s" for k, v in STAGES.items()))
                print(
                    describe(
                        "direct (login -> the session notebook by its URL -> Run All -> first form)", times["direct"]
                    )
                )
                print(describe("anchor (login -> empty notebook -> Run All -> first output)", times["anchor"]))
                print(
                    f"ratio ours/anchor (medians): {ratio:.2f}x; goal 1.5x: {'OK' if ratio <= 1.5 else 'OVER'} "
                    f"(pairwise min {pairs[0]:.2f}, median {median(pairs):.2f}, max {pairs[-1]:.2f})"
                )
                print(f"ratio direct/anchor (medians): {median(times['direct']) / median(times['anchor']):.2f}x")
                fresh, spawns = [], []
                for _ in range(fresh_runs):
                    elapsed, spawn = fresh_server(browser, hub, session_id)
                    fresh.append(elapsed)
                    spawns.append(spawn)
                    print(f"  fresh server (started in {spawn:.1f} s): first form {elapsed:.2f} s after Run All")
                print(
                    f"first form within {max(fresh):.2f} s of Run All on a fresh single-user server "
                    f"(median {median(fresh):.2f} s over {len(fresh)} servers; goal 2 s: "
                    f"{'OK' if max(fresh) <= 2 else 'OVER'}); server start median {median(spawns):.1f} s"
                )
            finally:
                browser.close()
        print(f"# load average at end: {os.getloadavg()[0]:.1f}")
    finally:
        hub.stop()


if __name__ == "__main__":
    main()
