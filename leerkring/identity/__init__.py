"""Who is calling the leerkring service: identity providers, chosen by name in ``leerkring.toml``
(``[service] identity = "local"``) and registered through the ``identity_providers`` hook
(leerkring's own in :mod:`leerkring.identity.plugin`).

A provider turns what the transport knows about a connection (the peer's uid on a Unix socket, a
JupyterHub token on HTTP) into a :class:`Caller`. The service decides every read and write from the
caller, never from a name the request carries. leerkring's own providers:

- ``local``: the embedded single-account mode: one OS account is one trust domain, so only that
  account may connect, and it is trusted to name the person at the keyboard;
- ``peer`` (:mod:`leerkring.identity.peer`): a multi-account Linux machine; the service runs as its
  own system user and knows each caller by the uid the kernel reports for the socket (``SO_PEERCRED``).

A provider class is built once per service as ``cls(**options)``. The Unix-socket host passes
``admins`` (account names from ``[service] admins``) and ``service_uid`` (the uid the service runs
as); a provider ignores options it does not use. ``identify(connection)`` gets a :class:`UnixPeer`
from the socket host (other transports pass their own connection object).
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


@dataclass(frozen=True)
class UnixPeer:
    """What the kernel reports about the other end of a Unix socket (``SO_PEERCRED``), read once
    when the connection is accepted."""

    pid: int
    uid: int
    gid: int

    @property
    def peer_uid(self) -> int:
        return self.uid


class IdentityProvider(Protocol):
    name: str

    def identify(self, connection: Any) -> Caller:
        """The caller behind ``connection``; raises :class:`NotAuthenticated` when unknown."""


class LocalIdentity:
    """One OS account, one trust domain (``make demo``, a laptop): the service accepts connections
    from its own uid only and trusts them to name the person at the keyboard."""

    name = "local"

    def __init__(self, uid: int | None = None, *, service_uid: int | None = None, **_options: Any):
        self.uid = (os.getuid() if service_uid is None else service_uid) if uid is None else uid

    def identify(self, connection: Any) -> Caller:
        peer_uid = getattr(connection, "peer_uid", None)
        if peer_uid is None or peer_uid != self.uid:
            raise NotAuthenticated("Deze leerkring-service aanvaardt alleen verbindingen van haar eigen gebruiker.")
        # the account owns the database and every file of the workspace anyway: it may do anything
        return Caller(self.name, _user_name(peer_uid), uid=peer_uid, trusted=True, admin=True)


def user_name(uid: int) -> str | None:
    """The OS account name of ``uid``, or ``None`` when it has no passwd entry."""
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return None


def _user_name(uid: int) -> str:
    return user_name(uid) or str(uid)


def providers() -> dict[str, type]:
    """{name: provider class} of every plugin, ours included."""
    from leerkring import plugins

    return plugins.mapping("identity_providers")


def provider(name: str | None = None, **options) -> IdentityProvider:
    """The provider registered under ``name`` (default ``local``), built with those of ``options``
    its constructor takes; an unknown name is one Dutch line."""
    name = (name or DEFAULT).strip().lower()
    known = providers()
    cls = known.get(name)
    if cls is None:
        raise UsageError(
            f"Onbekende identiteitsbron {name!r} in [service] identity (kies uit: {', '.join(sorted(known))})."
        )
    return cls(**_accepted(cls, options))


def _accepted(cls: type, options: dict[str, Any]) -> dict[str, Any]:
    """The options ``cls(...)`` accepts: all of them when it takes ``**kwargs``."""
    import inspect

    try:
        params = inspect.signature(cls).parameters.values()
    except (TypeError, ValueError):  # a builtin or C type: give it nothing
        return {}
    if any(p.kind is p.VAR_KEYWORD for p in params):
        return dict(options)
    names = {p.name for p in params if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)}
    return {k: v for k, v in options.items() if k in names}
