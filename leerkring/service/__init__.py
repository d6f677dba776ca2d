"""The leerkring service: one long-lived process per user and machine that kernels talk to.

deduce costs seconds to load and about 1 GB of memory, so ten member kernels must not each load it;
and a member's kernel should not open the database (SQLAlchemy alone costs 0.2 s, and ten kernels to
a session would each hold a pool). One process does both for every kernel of the user, over a Unix
socket in a 0700 directory: that directory, not a password, is what keeps other users out.

The package is split by concern, so each part can change without the others:

- :mod:`.paths`: where the socket and its side files live, and preparing their directory;
- :mod:`.framing`: the wire format (one JSON object per line, both ways);
- :mod:`.client`: what a kernel or the CLI uses: connect, request, start, stop, status;
- :mod:`.host`: the server process: threads, life lock, idle exit, the guard against a removed socket;
- :mod:`.handlers`: the operations it answers, registered by name (``scrub`` from
  :mod:`leerkring.privacy.handler`, ``store`` from :mod:`leerkring.store.gateway`) and imported only
  when first used, so the host depends on neither privacy nor the store.

Importing this package costs nothing beyond :mod:`leerkring.errors`.
"""

from __future__ import annotations

from leerkring.errors import LeerkringError

#: The service's name in every message a user sees.
NAME = "leerkring-service"


class ServiceError(LeerkringError):
    """The leerkring service could not be reached, started or stopped; ``str()`` is one line of Dutch."""


__all__ = ["NAME", "ServiceError"]
