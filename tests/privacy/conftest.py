"""Fixtures for the privacy tests."""

from __future__ import annotations

import pytest

from leerkring.privacy.engine import LocalEngine


@pytest.fixture(scope="session")
def engine() -> LocalEngine:
    """The scrubbing engine with deduce, in this process: deduce loads once for all privacy tests (about
    ten seconds of CPU). Under xdist the tests using it share one worker (``SHARED_ONCE``)."""
    return LocalEngine().load()
