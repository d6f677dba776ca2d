"""Fixtures for the backup tests: a workspace on SQLite or PostgreSQL, writer processes, archives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

WRITER = Path(__file__).with_name("_storm_writer.py")


@pytest.fixture
def backup_workspace(db_url, tmp_path, team_workspace):
    """A workspace with the test team and one session, on the parametrised database (SQLite: the
    embedded file in ``.leerkring/``; PostgreSQL: a fresh schema). Returns ``(path, url, workspace)``
    with the workspace closed again; ``workspace`` is only for its kring and session ids."""
    kwargs = {"scrubber": None}
    if not db_url.startswith("sqlite"):
        kwargs["database_url"] = db_url
    ws, kring, session = team_workspace(tmp_path / "live", **kwargs)
    url = ws.store.url
    ws.close()
    return ws.path, url, (kring, session)


@pytest.fixture
def storm_writers():
    """``storm_writers(url, session_id, authors, stop_file)``: one writer process per author saving
    continuously (``_storm_writer.py``) until ``stop_file`` exists; returns the ``Popen`` objects."""
    procs = []

    def spawn(url, session_id, authors, stop_file):
        for i, author in enumerate(authors):
            procs.append(
                subprocess.Popen(
                    [sys.executable, str(WRITER), url, str(session_id), author, f"w{i}", str(stop_file)],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
        return procs

    yield spawn
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
