"""The ``hub`` identity: a JupyterHub, callers known by their hub token.

The leerkring service runs as a JupyterHub service (:mod:`leerkring.service.hub`) and is the only
door to the data. Every HTTP request carries the caller's hub token (``Authorization: token ...``);
the service asks the hub who owns it (``jupyterhub.services.auth.HubAuth``, which also checks the
token's scope ``access:services!service=leerkring``) and hands this provider the user model the hub
answered. Nothing in the request body names the caller. The store gateway maps the hub user name to
the workspace person whose ``username`` it is (``leerkring member link NAAM --hub-user ACCOUNT``).

Importing this module imports no JupyterHub: the HTTP side does the talking to the hub.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from leerkring.identity import Caller, NotAuthenticated


class HubIdentity:
    """``identify(user_model)``: the :class:`Caller` for a user model the hub vouched for.

    A hub admin is a workspace admin; so are the accounts in ``[service] admins``. Hub services
    (``kind: service``) are not people and are refused.
    """

    name = "hub"

    def __init__(self, *, admins: Iterable[str] = (), **_options: Any):
        self.admins = frozenset(str(a).strip().casefold() for a in admins if str(a).strip())

    def identify(self, connection: Any) -> Caller:
        model = connection if isinstance(connection, dict) else None
        if not model or not isinstance(model.get("name"), str) or not model["name"].strip():
            raise NotAuthenticated("Niet aangemeld bij JupyterHub: stuur een geldig token mee.")
        if model.get("kind", "user") != "user":
            raise NotAuthenticated("Alleen JupyterHub-gebruikers hebben toegang tot de leerkring-service.")
        username = model["name"].strip().casefold()
        admin = bool(model.get("admin", False)) or username in self.admins
        return Caller(self.name, username, admin=admin)
