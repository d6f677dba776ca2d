"""Helpers for the notebook, widget, service and browser tests (the test team is the ``team_workspace``
fixture in ``tests/conftest.py``)."""

from __future__ import annotations

import os
import socket


def params_of(ws, session) -> dict:
    kring = ws.store.kring(session.kring_id)
    return {
        "workspace": str(ws.path),
        "session_id": session.id,
        "kring": kring.slug,
        "date": session.date.isoformat(),
        "method": session.method,
        "title": session.title,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kernel_env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env.update(extra or {})
    return env


def privacy_service():
    """Context manager: the test run's shared scrubbing service (see conftest), running before kernels
    start, with no JupyterHub user in the environment. Yields its socket path."""
    import contextlib

    import pytest

    @contextlib.contextmanager
    def running():
        from leerkring import privacy

        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("LEERKRING_SCRUBBER", "service")
            mp.delenv("JUPYTERHUB_USER", raising=False)
            privacy.start_service()  # the conftest fixture stops it at the end of the run
            yield privacy.socket_path()

    return running()


#: JupyterLab settings for browser tests: every cell rendered (no windowing), no news or update checks.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}


def start_lab(root, home, *, unset=("JUPYTERHUB_USER",)):
    """A real JupyterLab on 127.0.0.1 serving ``root``, its settings and runtime under ``home``, in a
    process group of its own; returns ``(process, port, token)`` once it answers (stop it with
    :func:`stop_lab`). ``unset``: environment variables the server must not inherit."""
    import json
    import secrets
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    home = Path(home)
    port, token = free_port(), secrets.token_hex(16)
    settings = home / "lab-settings"
    for name, content in LAB_SETTINGS.items():
        target = settings / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(content))
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
    )
    for name in unset:
        env.pop(name, None)
    log = open(home / "lab.log", "w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True",
            "--ServerApp.open_browser=False",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
            return proc, port, token
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.3)
    proc.kill()
    raise AssertionError("JupyterLab did not start:\n" + (home / "lab.log").read_text()[-3000:])


def stop_lab(proc) -> None:
    """Stop a server started by :func:`start_lab` and its kernels (its whole process group)."""
    import signal
    import subprocess

    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
