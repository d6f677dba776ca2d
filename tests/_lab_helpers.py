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
