"""Size limits of requests to the leerkring service, the same for every door (socket and HTTP).

- :data:`MAX_REQUEST_BYTES`: one request, as UTF-8 JSON (default 1 MiB; ``LEERKRING_SERVICE_MAX_REQUEST``
  sets another number of bytes). The biggest legitimate request, a 20,000-character entry with its
  fields and tags, is well under 200 KB even in four-byte characters. The socket framing stops
  reading a request line at this size and answers one Dutch line; the hub's HTTP service should
  refuse a larger body the same way (``max_body_size``).
- :data:`MAX_ANSWER_BYTES`: one answer, as read by a client (64 MiB: a long wall of entries).
- :data:`MAX_SCRUB_CHARS`: the text of one ``scrub`` request (100,000 characters): deduce needs about
  a second for that much, so a larger text would hold up other members' saves.

Only the standard library: the service host, the privacy handler, the store's client and the hub
service all import it.
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)

MAX_REQUEST_ENV = "LEERKRING_SERVICE_MAX_REQUEST"
DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024


def _max_request() -> int:
    raw = os.environ.get(MAX_REQUEST_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_REQUEST_BYTES
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1024:
        log.warning(
            "%s=%r is not a number of bytes (at least 1024); using %d", MAX_REQUEST_ENV, raw, DEFAULT_MAX_REQUEST_BYTES
        )
        return DEFAULT_MAX_REQUEST_BYTES
    return value


#: Bytes of one request (see the module docstring).
MAX_REQUEST_BYTES = _max_request()
#: Bytes of one answer a client reads.
MAX_ANSWER_BYTES = 64 * 1024 * 1024
#: Characters of the text of one ``scrub`` request.
MAX_SCRUB_CHARS = 100_000


def megabytes(size: int) -> str:
    """``1048576`` as ``1,0 MB`` (Dutch decimal comma)."""
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def request_too_large(size: int | None = None) -> str:
    """The one Dutch line that refuses a request above :data:`MAX_REQUEST_BYTES`."""
    seen = f" ({megabytes(size)})" if size else ""
    return (
        f"Verzoek te groot{seen}: de leerkring-service neemt hoogstens {megabytes(MAX_REQUEST_BYTES)} per verzoek aan."
    )


def scrub_too_long(length: int) -> str:
    """The one Dutch line that refuses a scrub text above :data:`MAX_SCRUB_CHARS`."""
    limit = f"{MAX_SCRUB_CHARS:,}".replace(",", ".")
    return f"Tekst te lang om te scrubben ({length:,} tekens; hoogstens {limit}).".replace(",", ".")
