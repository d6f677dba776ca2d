"""Start the Voilà dashboard in a staging directory that holds only what management may see.

The launcher runs in the user's process (it may know the workspace); the Voilà server and its kernels
run in a child process that never learns where the workspace is:

* ``<staging>/site/`` holds a copy of the dashboard notebook and nothing else. It is Voilà's root
  directory and the kernels' working directory.
* ``<staging>/data/organisatie/<kring>/<period>.json`` is a copy of the organisation summaries that
  ``leerkring summarize`` published: JSON only, and only files whose bytes have the SHA-256 that the
  publication recorded in the audit log (see :mod:`leerkring.store.publications`; the latest record
  per path wins). A file placed by hand, or edited after publication, is refused with one Dutch line;
  so is a file whose ``audience`` is not ``organisatie``. The data folder's path reaches the kernel in
  ``LEERKRING_DASHBOARD_DATA``; it is outside Voilà's root, so no URL maps onto it.
* The launcher reads the publication records itself (one audit query) before Voilà starts; the
  dashboard process never gets a database URL.
* The child gets a minimal environment (no database URL, no workspace path, no user Jupyter config).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import webbrowser
from dataclasses import dataclass, field
from pathlib import Path

from leerkring.dashboard.data import DATA_ENV
from leerkring.errors import LeerkringError
from leerkring.sections.document import ORGANISATIE

log = logging.getLogger(__name__)
DEFAULT_PORT = 8866
DEFAULT_HOST = "127.0.0.1"
NOTEBOOK_NAME = "dashboard.ipynb"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

# Only these variables of the user's environment reach Voilà and its kernels.
_ENV_KEEP = (
    "PATH",
    "HOME",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_CTYPE",
    "LC_MESSAGES",
    "TZ",
    "TMPDIR",
    "PYTHONPATH",
    "VIRTUAL_ENV",
    "SYSTEMROOT",
)


def notebook_path() -> Path:
    """The packaged dashboard notebook: inside the wheel, or ``notebooks/`` of a source checkout."""
    from importlib import resources

    import leerkring

    candidates = [
        Path(str(resources.files("leerkring") / "resources" / "notebooks" / NOTEBOOK_NAME)),
        Path(leerkring.__file__).resolve().parents[1] / "notebooks" / NOTEBOOK_NAME,
    ]
    for path in candidates:
        if path.is_file():
            return path
    raise LeerkringError("Het dashboard-notebook ontbreekt in deze installatie; installeer leerkring opnieuw.")


def organisation_dir(workspace) -> Path:
    """``summaries/organisatie`` of a Workspace object or a workspace folder."""
    summaries = getattr(workspace, "summaries_dir", None)
    if summaries is None:
        summaries = Path(workspace) / "summaries"
    return Path(summaries) / ORGANISATIE


def _summary_files(source: Path) -> list[Path]:
    return sorted(p for p in source.glob("*/*.json") if p.is_file() and not p.name.startswith("."))


def published_files(workspace) -> dict[str, str]:
    """The recorded SHA-256 of every published summary file by its workspace-relative path.

    ``workspace`` is an open Workspace (its store is asked) or a workspace folder (opened for this one
    query, without a scrubber, and closed again).
    """
    store = getattr(workspace, "store", None)
    if store is not None:
        return store.publications()
    from leerkring.workspace import Workspace

    ws = Workspace.open(Path(workspace), search=False, scrubber=None)
    try:
        return ws.store.publications()
    finally:
        ws.close()


def refused_line(relative: str) -> str:
    """The one Dutch line the launcher prints for a summary it does not show."""
    return f"niet getoond: {relative} is niet gepubliceerd door leerkring (of daarna gewijzigd)"


def _warn(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def stage(
    workspace,
    staging: Path | None = None,
    *,
    published: dict[str, str] | None = None,
    notice=_warn,
) -> Path:
    """Build the staging directory; returns it. Raises LeerkringError when there is nothing to show.

    Only organisation JSON files whose bytes match their publication record are staged
    (``published``: path relative to the workspace -> SHA-256, as :func:`published_files` returns
    it; read from the workspace when not given). ``notice`` gets one Dutch line per refused file.
    """
    from leerkring.store.publications import digest

    source = organisation_dir(workspace)
    files = _summary_files(source) if source.is_dir() else []
    if not files:
        raise LeerkringError(
            "Er zijn nog geen samenvattingen voor de organisatie; maak eerst samenvattingen met 'leerkring summarize'."
        )
    if published is None:
        published = published_files(workspace)
    staging = Path(staging or tempfile.mkdtemp(prefix="leerkring-dashboard-"))
    staging.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(staging, 0o700)
    site = staging / "site"
    data = staging / "data" / ORGANISATIE
    site.mkdir(parents=True, exist_ok=True)
    data.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(notebook_path(), site / NOTEBOOK_NAME)
    copied = 0
    for path in files:
        relative = f"summaries/{ORGANISATIE}/{path.parent.name}/{path.name}"  # as publications name it
        try:
            raw = path.read_bytes()  # hashed, parsed and copied from these same bytes
        except OSError as exc:
            log.info("summary %s is not staged for the dashboard: unreadable (%s)", path, exc)
            notice(refused_line(relative))
            continue
        if published.get(relative) != digest(raw):
            notice(refused_line(relative))  # placed by hand, or changed since it was published
            continue
        try:
            doc = json.loads(raw.decode("utf-8"))
        except ValueError as exc:
            log.info("summary %s is not staged for the dashboard: unreadable (%s)", path, exc)
            continue  # the dashboard never gets it
        if not isinstance(doc, dict) or doc.get("audience", ORGANISATIE) != ORGANISATIE:
            continue  # a kring summary in the wrong folder never crosses into the organisation zone
        target = data / path.parent.name / path.name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(raw)
        copied += 1
    if not copied:
        shutil.rmtree(staging, ignore_errors=True)
        raise LeerkringError(
            "Er zijn nog geen gepubliceerde, leesbare samenvattingen voor de organisatie; "
            "maak eerst samenvattingen met 'leerkring summarize'."
        )
    return staging


def child_env(data_dir: Path, staging: Path) -> dict[str, str]:
    env = {k: os.environ[k] for k in _ENV_KEEP if k in os.environ}
    config = staging / "jupyter-config"
    config.mkdir(exist_ok=True)
    runtime = staging / "jupyter-runtime"
    runtime.mkdir(exist_ok=True)
    env.update(
        {
            DATA_ENV: str(data_dir),
            "JUPYTER_CONFIG_DIR": str(config),  # no user-level voila.json / jupyter config
            "JUPYTER_RUNTIME_DIR": str(runtime),
            "JUPYTER_PLATFORM_DIRS": "1",
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "PYTHONNOUSERSITE": "1",
        }
    )
    return env


def _check_port(host: str, port: int) -> None:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise LeerkringError(f"Onbekend adres '{host}'; gebruik bijvoorbeeld --host 127.0.0.1.") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError:
            raise LeerkringError(f"Poort {port} op {host} is al in gebruik; kies een andere met --port.") from None


def free_port(host: str = DEFAULT_HOST) -> int:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


@dataclass
class DashboardServer:
    """A running dashboard: its address, and ``stop()`` to end it and remove the staging folder."""

    url: str
    process: subprocess.Popen
    staging: Path
    log_path: Path
    token: str = ""
    _stopped: bool = field(default=False, repr=False)

    @property
    def login_url(self) -> str:
        return f"{self.url}?token={self.token}" if self.token else self.url

    def running(self) -> bool:
        return self.process.poll() is None

    def wait(self) -> int:
        return self.process.wait()

    def stop(self, timeout: float = 15) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # Voilà stops its kernels on SIGTERM
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                log.info("the dashboard server did not stop within %s s; killing it", timeout)
                self.process.kill()
                self.process.wait(5)
        shutil.rmtree(self.staging, ignore_errors=True)

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError as exc:
            log.debug("no dashboard server log to show: %s", exc)
            return ""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def start(
    workspace,
    port: int = DEFAULT_PORT,
    host: str = DEFAULT_HOST,
    *,
    open_browser: bool = False,
    timeout: float = 90,
    notebook: Path | None = None,
    data_dir: Path | None = None,
    published: dict[str, str] | None = None,
    notice=_warn,
) -> DashboardServer:
    """Start the dashboard in the background; returns once it accepts connections.

    ``port=0`` picks a free port. ``published`` and ``notice`` are passed to :func:`stage`.
    ``notebook``/``data_dir`` are for benchmarks and tests (serve another notebook the same way;
    ``data_dir`` skips staging of a workspace).
    """
    if port == 0:
        port = free_port(host)
    _check_port(host, port)
    if data_dir is None:
        staging = stage(workspace, published=published, notice=notice)
        data = staging / "data" / ORGANISATIE
    else:
        staging = Path(tempfile.mkdtemp(prefix="leerkring-dashboard-"))
        (staging / "site").mkdir()
        data = Path(data_dir)
    site = staging / "site"
    if notebook is not None:
        shutil.copyfile(notebook, site / NOTEBOOK_NAME)
    elif not (site / NOTEBOOK_NAME).exists():
        shutil.copyfile(notebook_path(), site / NOTEBOOK_NAME)
    # Without login on the loopback interface (the manager's own machine); anywhere else a token.
    token = "" if host in LOOPBACK else __import__("secrets").token_urlsafe(24)
    from leerkring.dashboard.app import CACHE_ENV, prerender
    from leerkring.dashboard.server import voila_argv

    cache = staging / "cache"
    prerender(data, cache)
    env = child_env(data, staging)
    env[CACHE_ENV] = str(cache)
    log_path = staging / "voila.log"
    cmd = [
        sys.executable,
        "-m",
        "leerkring.dashboard.server",
        *voila_argv(NOTEBOOK_NAME, port=port, ip=host, token=token),
        f"--Voila.root_dir={site}",
    ]
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(
            cmd, cwd=site, env=env, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT
        )
    server = DashboardServer(f"http://{_url_host(host)}:{port}/", process, staging, log_path, token)
    deadline = time.monotonic() + timeout
    connect_host = "127.0.0.1" if host in ("0.0.0.0", "") else ("::1" if host == "::" else host)
    while True:
        if process.poll() is not None:
            tail = server.log_tail(5)
            server.stop()
            if "already in use" in tail or "could not be started" in tail:
                raise LeerkringError(f"Poort {port} op {host} is al in gebruik; kies een andere met --port.")
            last = (tail.strip().splitlines() or ["geen uitvoer"])[-1][:200]
            raise LeerkringError(f"Het dashboard kon niet starten ({last}).")
        try:
            with socket.create_connection((connect_host, port), timeout=0.5):
                break
        except OSError as exc:
            log.debug("dashboard server not listening yet: %s", exc)
            if time.monotonic() > deadline:
                server.stop()
                raise LeerkringError("Het dashboard startte niet op tijd; probeer het opnieuw.") from None
            time.sleep(0.1)
    if open_browser:
        webbrowser.open(server.login_url)
    return server


def serve(
    workspace,
    port: int = DEFAULT_PORT,
    host: str = DEFAULT_HOST,
    *,
    open_browser: bool = False,
    announce=print,
    published: dict[str, str] | None = None,
) -> int:
    """Run the dashboard until Ctrl-C (or until Voilà stops). The CLI is a thin layer over this.

    Refused summaries are announced, one line each, before the address."""
    server = start(workspace, port, host, open_browser=open_browser, published=published, notice=announce)

    def on_term(signum, frame):  # a service manager's stop: the same clean stop as Ctrl-C
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        announce(f"Dashboard: {server.login_url}")
        if server.token:
            announce(
                "Let op: het dashboard is bereikbaar buiten deze computer; deel de link alleen met wie het mag zien."
            )
        announce("Stoppen met Ctrl-C.")
        code = server.wait()
        if code not in (0, None):
            raise LeerkringError(f"Het dashboard stopte onverwacht (code {code}).")
        return 0
    except KeyboardInterrupt:
        log.debug("dashboard stopped with Ctrl-C")
        announce("Dashboard gestopt.")
        return 0
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)
