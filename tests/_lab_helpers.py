"""Helpers for the notebook, widget and browser tests (fixtures live in the test modules)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def make_workspace(path: Path, *, method: str = "teamreflectie", **store_kwargs):
    """A workspace with one kring (coach, two members, a guest, a manager) and one planned session."""
    from leerkring.workspace import Workspace

    ws = Workspace.init(path, "Gemeente Test", **store_kwargs)
    kring = ws.add_kring("Wijkteam Noord")
    ws.store.add_member(kring.id, "Cora Coach", "coach", username="cora")
    ws.store.add_member(kring.id, "Mila Lid", "member", username="mila")
    ws.store.add_member(kring.id, "Nout Lid", "member", username="nout")
    ws.store.add_member(kring.id, "Gijs Gast", "guest")
    ws.store.add_member(kring.id, "Mariam Manager", "manager")
    session = ws.new_session(kring.id, "2026-11-02", method, "Testsessie")
    return ws, kring, session


def params_of(ws, session) -> dict:
    kring = ws.store.kring(session.kring_id)
    return {"workspace": str(ws.path), "session_id": session.id, "kring": kring.slug,
            "date": session.date.isoformat(), "method": session.method, "title": session.title}


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
