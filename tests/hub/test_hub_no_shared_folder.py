"""A member's session notebook on JupyterHub without the workspace folder (no shared file system).

The notebook's ``workspace`` parameter names the folder on the service's machine; a member's server
elsewhere has no such folder. With ``LEERKRING_SERVICE_URL`` set (the hub sets it for every server),
the session connects through the hub's service alone: same session, same identity, saving works.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def member_server_env(hub, monkeypatch, tmp_path):
    """The environment of Mila's single-user server on the hub, in a folder of her own."""
    monkeypatch.setenv("LEERKRING_SERVICE_URL", hub.hub.service_url)
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", hub.token("mila"))
    monkeypatch.setenv("JUPYTERHUB_USER", "mila")
    monkeypatch.delenv("LEERKRING_NOTEBOOK_STORE", raising=False)
    monkeypatch.chdir(tmp_path)  # no workspace here or above
    return tmp_path


def test_the_session_connects_through_the_service_without_the_folder(hub, member_server_env):
    from leerkring.widgets.context import SessionContext

    missing = member_server_env / "elders" / "werkruimte"
    params = {
        "workspace": str(missing),
        "session_id": hub.session_id,
        "kring": "wijkteam-noord",
        "date": "2026-11-02",
        "method": "teamreflectie",
    }
    ctx = SessionContext.connect(params)
    try:
        assert ctx.problems == [], ctx.problems
        assert ctx.session.title == "Hubsessie" and ctx.kring.name == "Wijkteam Noord"
        assert ctx.identity is not None and ctx.identity.name == "Mila Lid"
        marker = "Zonder gedeelde map opgeslagen via de service."
        saved = ctx.ws.store.add_entry(hub.session_id, "ervaringen", "ervaring", marker, author=ctx.identity.person_id)
        assert saved.entry.author == "Mila Lid"
    finally:
        if ctx.ws is not None:
            ctx.ws.close()
    assert not missing.exists()  # nothing was looked for or made on this server's disk
