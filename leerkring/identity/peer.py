"""The ``peer`` identity: a multi-account Linux machine, callers known by their uid.

The leerkring service runs as its own system user (e.g. ``leerkring``) that alone can open the
database (files 0600, folders 0700). Its Unix socket is open to every account of the machine (socket
0666 in a 0755 folder the service owns); what decides is the uid the kernel reports for the other
end of the connection (``SO_PEERCRED``), which a caller cannot choose. The uid becomes the OS account
name (``pwd``), and the store gateway maps that name to the workspace person whose ``username`` it
is (``leerkring member link NAAM --hub-user ACCOUNT``).

Callers are never trusted to name a person. Root is not an administrator by default: the
administrators are the accounts listed in ``[service] admins``. The service's own account owns the
data anyway, so it is trusted (and may stop the service).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from leerkring.identity import Caller, NotAuthenticated, user_name


class PeerIdentity:
    name = "peer"

    def __init__(self, *, admins: Iterable[str] = (), service_uid: int | None = None, **_options: Any):
        self.admins = frozenset(str(a).strip().casefold() for a in admins if str(a).strip())
        self.service_uid = os.getuid() if service_uid is None else service_uid

    def identify(self, connection: Any) -> Caller:
        uid = getattr(connection, "peer_uid", None)
        if not isinstance(uid, int) or uid < 0:
            raise NotAuthenticated("De leerkring-service kan niet vaststellen wie er verbinding maakt.")
        account = user_name(uid)
        if account is None:
            raise NotAuthenticated(f"Gebruiker {uid} heeft geen account op deze machine; de leerkring-service weigert.")
        username = account.casefold()
        if uid == self.service_uid:
            return Caller(self.name, username, uid=uid, trusted=True, admin=True)
        return Caller(self.name, username, uid=uid, trusted=False, admin=username in self.admins)
