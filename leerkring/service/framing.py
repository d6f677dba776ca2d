"""The wire framing of the leerkring service: one JSON object per line, in both directions.

A request is one line, its answer one line, on the same connection; a connection may carry many
requests in turn. JSON lines need no length prefix and can be read with ``readline``. A request line
longer than :data:`MAX_LINE` (:data:`leerkring.service.limits.MAX_REQUEST_BYTES`, 1 MiB unless
``LEERKRING_SERVICE_MAX_REQUEST`` says otherwise) is refused after reading that much of it: the
service answers one Dutch line and closes the connection without reading the rest, so a runaway or
hostile client can neither make it buffer without end nor keep a thread busy. Answers may be larger
(:data:`MAX_ANSWER`, a long wall of entries).
Texts travel as UTF-8 (``ensure_ascii=False``): Dutch texts stay about their own size on the wire.

Messages (the operations are registered in :mod:`leerkring.service.handlers`)::

    {"op": "scrub", "text": "...", "known_names": ["Sandra Willems"]}
    -> {"ok": true, "text": "...", "findings": [["persoon", 12, 27, "[PERSOON-1]"], ...]}
    {"op": "store", "workspace": "/abs/path", "database_url": "...", "method": "add_entry",
     "args": [...], "kwargs": {...}}
    -> {"ok": true, "result": ...} or {"ok": false, "error": "...", "kind": "SessionClosed"}
    {"op": "ping"}      -> {"ok": true, "pid": 123, "uptime_s": 4.2, "requests": 10, ...}
    {"op": "shutdown"}  -> {"ok": true}
    errors              -> {"ok": false, "error": "<one line of Dutch>"}
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO

from leerkring.service import limits

MAX_LINE = limits.MAX_REQUEST_BYTES  # bytes of one request line
MAX_ANSWER = limits.MAX_ANSWER_BYTES  # bytes of one answer line


class IncompleteMessage(ConnectionError):
    """A line that ended before its newline: the peer hung up mid-message, or it is too long."""


class MessageTooLarge(IncompleteMessage):
    """A line longer than the limit; ``str()`` is the one Dutch line the service answers."""


def encode(message: dict[str, Any]) -> bytes:
    """One message as one line. Raises ``TypeError``/``ValueError`` for what JSON cannot carry."""
    return json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n"


def read_line(reader: BinaryIO, limit: int | None = None) -> bytes | None:
    """The next complete line, or ``None`` when the peer closed the connection between messages.

    Reads at most ``limit`` bytes (default :data:`MAX_LINE`, the request limit) plus its newline; a
    longer line raises :class:`MessageTooLarge` with the rest left unread.
    """
    limit = MAX_LINE if limit is None else limit
    line = reader.readline(limit + 1)
    if not line:
        return None
    if not line.endswith(b"\n"):
        if len(line) > limit:
            raise MessageTooLarge(limits.request_too_large())
        raise IncompleteMessage("onvolledig bericht")
    return line


def decode(line: bytes) -> dict[str, Any]:
    """A message from its line. Raises ``ValueError`` when it is not a JSON object."""
    message = json.loads(line)
    if not isinstance(message, dict):
        raise ValueError("a message is a JSON object")
    return message


def receive(reader: BinaryIO) -> dict[str, Any]:
    """Read one answer (up to :data:`MAX_ANSWER` bytes). Raises :class:`IncompleteMessage` when none (or
    half of one) arrives."""
    line = read_line(reader, MAX_ANSWER)
    if line is None:
        raise IncompleteMessage("geen antwoord")
    return decode(line)


def send(sock, message: dict[str, Any]) -> None:
    """Send one message on a socket."""
    sock.sendall(encode(message))
