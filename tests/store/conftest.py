"""Fixtures for the store tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

WRITER = Path(__file__).with_name("_writer.py")


@pytest.fixture
def writer_process():
    """``writer_process(url, session_id, author, count, prefix, *extra)``: a separate process saving
    entries through the library (``_writer.py``); returns its ``Popen`` with stdout/stderr piped."""

    def spawn(url, session_id, author, count, prefix, *extra):
        return subprocess.Popen(
            [sys.executable, str(WRITER), url, str(session_id), author, str(count), prefix, *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    return spawn
