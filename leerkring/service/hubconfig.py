"""The JupyterHub configuration a leerkring deployment needs (``leerkring hub config`` prints it).

:func:`hub_config` builds it as data (what a test or ``make hub`` can load and extend);
:func:`render` writes it as the lines of a ``jupyterhub_config.py``:

- ``c.JupyterHub.services``: the leerkring service, managed by the hub (its command and its URL on
  127.0.0.1); only *its* environment names the workspace (``LEERKRING_WORKSPACE``) and a database
  URL given outside the workspace (``LEERKRING_DATABASE_URL``);
- ``c.JupyterHub.load_roles``: a role granting ``access:services!service=leerkring`` to the workspace's
  linked hub users and to the hub group ``leerkring`` (JupyterHub's default roles do not grant it);
- ``c.Spawner.server_token_scopes``: JupyterHub's defaults for a single-user server plus that access
  scope, so a member's kernel can call the service with its own ``JUPYTERHUB_API_TOKEN``;
- ``c.Spawner.environment``: ``LEERKRING_SERVICE_URL`` and nothing else: no kernel gets a database URL.
"""

from __future__ import annotations

import pprint
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from leerkring.service.hub import SERVICE_NAME, WORKSPACE_ENV, access_scope

DEFAULT_PORT = 10101
#: JupyterHub's own scopes for a single-user server's token (the ``server`` role).
SERVER_DEFAULT_SCOPES = ("users:activity!user", "access:servers!server")
USERS_ROLE = "leerkring-users"
USERS_GROUP = "leerkring"
SERVICE_URL_ENV = "LEERKRING_SERVICE_URL"
DATABASE_ENV = "LEERKRING_DATABASE_URL"
START_TIMEOUT = 180  # seconds the hub waits for the service to listen (it loads deduce before it does)
#: The locked-down Voilà dashboard as a hub service (``leerkring.dashboard.hubservice``), for management.
DASHBOARD_NAME = "leerkring-dashboard"
DASHBOARD_PORT = 10102
DASHBOARD_ROLE = "leerkring-dashboard-users"
MANAGEMENT_GROUP = "management"


def hub_config(
    workspace: Path,
    *,
    users: Iterable[str] = (),
    groups: Iterable[str] = (USERS_GROUP,),
    database_url: str = "",
    port: int = DEFAULT_PORT,
    python: str | None = None,
    service_url: str | None = None,
    name: str = SERVICE_NAME,
    dashboard_port: int | None = DASHBOARD_PORT,
    management: Iterable[str] = (MANAGEMENT_GROUP,),
) -> dict[str, Any]:
    """``{"JupyterHub.services": ..., "JupyterHub.load_roles": ..., "Spawner.server_token_scopes": ...,
    "Spawner.environment": ...}`` for the service over ``workspace``.

    ``users``: the hub accounts linked to workspace persons; ``database_url``: given to the service
    only (empty: the service reads it from the workspace); ``service_url``: where kernels reach the
    service (default: straight to it on 127.0.0.1, for single-user servers on the hub's machine; give
    the proxy's ``.../services/leerkring/`` when they run elsewhere); ``dashboard_port``: where the
    ``leerkring-dashboard`` service listens (``None``: no dashboard service), open to the hub groups in
    ``management`` only.
    """
    root = Path(workspace).resolve()
    scope = access_scope(name)
    environment = {WORKSPACE_ENV: str(root)}
    if database_url:
        environment[DATABASE_ENV] = database_url
    service = {
        "name": name,
        "url": f"http://127.0.0.1:{port}",
        "command": [python or sys.executable, "-m", "leerkring.service.hub"],
        "environment": environment,
        "display": False,
    }
    if _hub_major() >= 6:  # JupyterHub 6 waits `timeout` s for a managed service (default 30); deduce loads first
        service["timeout"] = START_TIMEOUT
    role = {
        "name": USERS_ROLE,
        "description": "Toegang tot de leerkring-service",
        "scopes": [scope],
        "users": sorted({u.strip() for u in users if u and u.strip()}),
        "groups": sorted({g.strip() for g in groups if g and g.strip()}),
    }
    services, roles = [service], [role]
    if dashboard_port is not None:
        services.append(
            {
                "name": DASHBOARD_NAME,
                "url": f"http://127.0.0.1:{dashboard_port}",
                "command": [python or sys.executable, "-m", "leerkring.dashboard.hubservice"],
                "environment": dict(environment),
                "oauth_no_confirm": True,
                "display": True,
            }
        )
        roles.append(
            {
                "name": DASHBOARD_ROLE,
                "description": "Het leerkring-dashboard (alleen management)",
                "scopes": [access_scope(DASHBOARD_NAME)],
                "groups": sorted({g.strip() for g in management if g and g.strip()}),
            }
        )
    kernel_url = service_url or f"http://127.0.0.1:{port}/services/{name}/"
    return {
        "JupyterHub.services": services,
        "JupyterHub.load_roles": roles,
        "Spawner.server_token_scopes": [*SERVER_DEFAULT_SCOPES, scope],
        "Spawner.environment": {SERVICE_URL_ENV: kernel_url},
    }


def render(config: dict[str, Any], *, workspace: Path | None = None) -> str:
    """``config`` as ``jupyterhub_config.py`` lines (merge them with your own configuration)."""
    lines = [
        "# JupyterHub configuration for the leerkring service (from 'leerkring hub config').",
        "# Merge it with your own jupyterhub_config.py; the database URL is for the service only.",
    ]
    if workspace is not None:
        lines.append(f"# workspace: {Path(workspace).resolve()}")
    for key, value in config.items():
        lines.append(f"c.{key} = {pprint.pformat(value, width=100, sort_dicts=False)}")
    return "\n".join(lines) + "\n"


def _hub_major() -> int:
    """The installed JupyterHub's major version (0 when it is not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return int(version("jupyterhub").split(".")[0])
    except (PackageNotFoundError, ValueError):
        return 0
