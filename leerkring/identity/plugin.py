"""leerkring's own identity providers, registered as a default plugin (imports nothing on load)."""

from __future__ import annotations

from leerkring import hookimpl


@hookimpl
def identity_providers():
    from leerkring.identity import LocalIdentity
    from leerkring.identity.hub import HubIdentity
    from leerkring.identity.peer import PeerIdentity

    return {LocalIdentity.name: LocalIdentity, PeerIdentity.name: PeerIdentity, HubIdentity.name: HubIdentity}
