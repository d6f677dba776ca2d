"""Who is calling the leerkring service: identity providers, chosen by name in ``leerkring.toml``
(``[service] identity = "local"``) and registered through the ``identity_providers`` hook
(leerkring's own in :mod:`leerkring.identity.plugin`).

A provider turns what the transport knows about a connection (the peer's uid on a Unix socket, a
JupyterHub token on HTTP) into a :class:`Caller`. The service decides every read and write from the
caller, never from a name the request carries. leerkring's own ``local`` provider is the embedded
single-account mode: one OS account is one trust domain, so only that account may connect.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Protocol

from leerkring.errors import NotAllowed, UsageError

DEFAULT = "local"


@dataclass(frozen=True)
class Caller:
    """An authenticated caller. ``username`` is the account name the provider vouches for (an OS user
    or a hub user); ``trusted`` callers may act for any person of the workspace (one trust domain);
    ``admin`` callers may run workspace operations (a hub admin, or the service's own account)."""

    provider: str
    username: str
    uid: int | None = None
    trusted: bool = False
    admin: bool = False


class NotAuthenticated(NotAllowed):
    """The caller could not be identified; ``str()`` is one line of Dutch."""


class IdentityProvider(Protocol):
    name: str

    def identify(self, connection: Any) -> Caller:
        """The caller behind ``connection``; raises :class:`NotAuthenticated` when unknown."""


class LocalIdentity:
    """One OS account, one trust domain (``make demo``, a laptop): the service accepts connections
    from its own uid only and trusts them to name the person at the keyboard."""

    name = "local"

    def __init__(self, uid: int | None = None):
        self.uid = os.getuid() if uid is None else uid

    def identify(self, connection: Any) -> Caller:
        peer_uid = getattr(connection, "peer_uid", None)
        if peer_uid is None or peer_uid != self.uid:
            raise NotAuthenticated("Deze leerkring-service aanvaardt alleen verbindingen van haar eigen gebruiker.")
        return Caller(self.name, _user_name(peer_uid), uid=peer_uid, trusted=True)


def _user_name(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def providers() -> dict[str, type]:
    """{name: provider class} of every plugin, ours included."""
    from leerkring import plugins

    return plugins.mapping("identity_providers")


def provider(name: str | None = None, **kwargs) -> IdentityProvider:
    """The provider registered under ``name`` (default ``local``); an unknown name is one Dutch line."""
    name = (name or DEFAULT).strip().lower()
    known = providers()
    cls = known.get(name)
    if cls is None:
        raise UsageError(
            f"Onbekende identiteitsbron {name!r} in [service] identity (kies uit: {', '.join(sorted(known))})."
        )
    return cls(**kwargs)
