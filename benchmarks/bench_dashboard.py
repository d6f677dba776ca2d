"""Dashboard page time against anchors measured in the same run, on the same machine.

1. Time until the dashboard page is complete (navigation until its final marker element appears) with
   a 10-session history, against Voilà rendering an empty notebook (one cell that shows only a marker)
   with the same server, flags and browser: target ratio <= 1.5.
2. The same with a 5,000-session history against the 10-session one: target ratio <= 1.2.

Headless Debian Chromium via Playwright, network to anything but the server aborted. Prints medians and
ratios; exits 1 when a target is missed. Usage: python benchmarks/bench_dashboard.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # test data, not in the package
import summary_samples as samples  # noqa: E402

from leerkring.dashboard import start  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MARKER = "[data-leerkring-klaar]"
KRINGEN = [(f"wijkteam-{i}", f"Wijkteam {i}") for i in range(1, 9)]


def empty_notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("from IPython.display import HTML\nHTML('<p data-leerkring-klaar=\"1\">klaar</p>')")
    ]
    nbformat.write(nb, path)
    return path


def page_time(browser, url: str) -> float:
    page = browser.new_page()
    origin = url.rstrip("/")
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(origin) else r.abort())
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(MARKER, state="attached", timeout=120_000)
    elapsed = time.perf_counter() - t0
    page.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench-dashboard-"))
    small = samples.write_organisation(tmp / "small", KRINGEN, sessions=10)
    large = samples.write_organisation(tmp / "large", KRINGEN, sessions=5000)
    size = lambda root: sum(p.stat().st_size for p in root.rglob("*.json"))  # noqa: E731
    print(
        f"history: 10 sessions ({size(small) / 1e3:.0f} kB of JSON), "
        f"5,000 sessions ({size(large) / 1e6:.1f} MB of JSON)"
    )
    servers = {
        "empty": start(None, port=0, notebook=empty_notebook(tmp / "empty.ipynb"), data_dir=small),
        "dash10": start(None, port=0, data_dir=small),
        "dash5000": start(None, port=0, data_dir=large),
    }
    times: dict[str, list[float]] = {name: [] for name in servers}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for server in servers.values():  # warm-up: first kernel start, font cache, page assets
                page_time(browser, server.url)
            for _ in range(args.runs):  # interleaved so that load on the shared machine hits all alike
                for name, server in servers.items():
                    times[name].append(page_time(browser, server.url))
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    med = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(f"{name:9s} median {med[name]:.3f}s  (runs: {', '.join(f'{v:.2f}' for v in values)})")
    r1 = med["dash10"] / med["empty"]
    r2 = med["dash5000"] / med["dash10"]
    print(f"dashboard (10 sessions) / empty notebook     = {r1:.2f}  (target <= 1.5)")
    print(f"dashboard (5,000 sessions) / (10 sessions)   = {r2:.2f}  (target <= 1.2)")
    return 0 if r1 <= 1.5 and r2 <= 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
