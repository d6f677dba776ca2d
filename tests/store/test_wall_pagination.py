"""The session wall asks the store for one page of the newest entries and offers 'Toon oudere'.

In-process forms (no kernel) on a real workspace, scrubbing with the rules engine, as the widget tests
do; the page is made small so a few entries fill it.
"""

from __future__ import annotations

import pytest
from _lab_helpers import params_of

from leerkring.widgets import build, connect
from leerkring.widgets import context as wctx


@pytest.fixture(autouse=True)
def _member_in_process(rules_scrubber, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setattr(wctx, "WALL_PAGE", 5)
    yield
    wctx.use(None)


def _form(ws, session):
    ctx = connect(params_of(ws, session), workspace=ws)
    ctx.set_identity(ws.store.person("Mila Lid").id)
    return build("step", "ervaringen", ctx)


def test_the_wall_shows_the_newest_page_and_older_on_request(tmp_path, team_workspace):
    ws, kring, session = team_workspace(tmp_path / "ws")
    try:
        for i in range(12):
            ws.store.add_entry(
                session.id, "ervaringen", "ervaring", f"bijdrage {i:02d}", author="Mila Lid", step="ervaringen"
            )
        form = _form(ws, session)
        shown = [i for i in range(12) if f"bijdrage {i:02d}" in form.wall.value]
        assert shown == list(range(7, 12))
        assert form.older_button.layout.display == ""
        form.older_button.click()
        assert [i for i in range(12) if f"bijdrage {i:02d}" in form.wall.value] == list(range(2, 12))
        form.older_button.click()
        assert all(f"bijdrage {i:02d}" in form.wall.value for i in range(12))
        assert form.older_button.layout.display == "none"  # the last page was not full: nothing older
        form.refresh_button.click()  # a refresh keeps the wider wall
        assert "bijdrage 00" in form.wall.value
    finally:
        ws.close()


def test_a_short_session_has_no_older_button(tmp_path, team_workspace):
    ws, kring, session = team_workspace(tmp_path / "ws")
    try:
        ws.store.add_entry(session.id, "ervaringen", "ervaring", "de enige", author="Mila Lid", step="ervaringen")
        form = _form(ws, session)
        assert "de enige" in form.wall.value
        assert form.older_button.layout.display == "none"
    finally:
        ws.close()
