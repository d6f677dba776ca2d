"""The dashboard as the hub service ``leerkring-dashboard``: a manager (hub group ``management``) gets
the page after JupyterHub's OAuth redirects; a member gets 403. A real hub of its own (the ``hub``
fixture's hub runs no dashboard)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from _hub_harness import PASSWORD, Hub

pytestmark = pytest.mark.slow

DASHBOARD = "/services/leerkring-dashboard/"


@pytest.fixture(scope="module")
def dashboard_hub(tmp_path_factory, proxy_command):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dashboard"))
    from test_dashboard_support import make_workspace

    base = tmp_path_factory.mktemp("hub-dashboard")
    make_workspace(base / "ws", sessions=3)
    hub = Hub(
        base / "hub",
        base / "ws",
        users=["mariam", "mila"],
        groups={"management": ["mariam"]},
        proxy=proxy_command,
        dashboard=True,
    )
    hub.start()
    try:
        yield hub
    finally:
        hub.stop()
        left = hub.leftovers()
        assert not left, f"processes still running after the hub stopped: {left}"


def _login(hub: Hub, user: str):
    import requests

    session = requests.Session()
    page = session.get(hub.url + "/hub/login", timeout=30)
    xsrf = session.cookies.get("_xsrf", path="/hub/") or session.cookies.get("_xsrf")
    answer = session.post(
        hub.url + "/hub/login",
        data={"username": user, "password": PASSWORD, "_xsrf": xsrf},
        timeout=30,
    )
    assert page.status_code == 200 and answer.status_code == 200, (page.status_code, answer.status_code)
    return session


def _open(hub: Hub, session, timeout: float = 180):
    """GET the dashboard (following the OAuth redirects); waits while the service still starts."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        answer = session.get(hub.url + DASHBOARD, timeout=120)
        if answer.status_code not in (502, 503) or time.monotonic() > deadline:
            return answer
        time.sleep(1)


def test_a_manager_gets_the_dashboard_and_a_member_gets_403(dashboard_hub):
    manager = _open(dashboard_hub, _login(dashboard_hub, "mariam"))
    assert manager.status_code == 200, (manager.status_code, manager.text[:500], dashboard_hub.log_tail())
    assert manager.url.rstrip("/").endswith(DASHBOARD.rstrip("/"))
    assert "Wijkteam Noord" in manager.text
    member = _open(dashboard_hub, _login(dashboard_hub, "mila"))
    assert member.status_code == 403, (member.status_code, member.text[:300])
    assert "Wijkteam Noord" not in member.text
    # without any login: to the hub's login page, never the dashboard
    import requests

    anonymous = requests.get(dashboard_hub.url + DASHBOARD, timeout=60)
    assert "Wijkteam Noord" not in anonymous.text
