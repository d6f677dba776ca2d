"""Fixtures for the summary tests."""

from __future__ import annotations

import pytest
from test_summary_fixture import populate

from leerkring import config
from leerkring.workspace import Workspace


@pytest.fixture
def ws(store, tmp_path):
    """A workspace on the ``store`` fixture's database, filled by ``test_summary_fixture.populate``."""
    populate(store)
    return Workspace(tmp_path, config.Settings(name="Gemeente Test"), store)
