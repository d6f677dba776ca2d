"""Fixtures for the store tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

WRITER = Path(__file__).with_name("_writer.py")
# How long a writer waits for SQLite's write lock (the store's default is 30 s). Eight writers taking
# turns on a machine busy with other test processes (xdist workers, other runs) can wait longer than
# that for their turn; these tests are about nothing being lost or doubled, not about the wait.
WRITER_BUSY_TIMEOUT_MS = "180000"


@pytest.fixture
def writer_process():
    """``writer_process(url, session_id, author, count, prefix, *extra)``: a separate process saving
    entries through the library (``_writer.py``); returns its ``Popen`` with stdout/stderr piped."""
    from leerkring.store.engine import BUSY_TIMEOUT_ENV

    env = {**os.environ, BUSY_TIMEOUT_ENV: WRITER_BUSY_TIMEOUT_MS}

    def spawn(url, session_id, author, count, prefix, *extra):
        return subprocess.Popen(
            [sys.executable, str(WRITER), url, str(session_id), author, str(count), prefix, *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )

    return spawn
