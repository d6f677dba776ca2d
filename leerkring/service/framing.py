"""The wire framing of the leerkring service: one JSON object per line, in both directions.

A request is one line, its answer one line, on the same connection; a connection may carry many
requests in turn. JSON lines need no length prefix and can be read with ``readline``; a line longer
than :data:`MAX_LINE` is refused, so a runaway client cannot make the service buffer without end.
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

MAX_LINE = 64 * 1024 * 1024  # 64 MB per message line


class IncompleteMessage(ConnectionError):
    """A line that ended before its newline: the peer hung up mid-message, or it exceeds MAX_LINE."""


def encode(message: dict[str, Any]) -> bytes:
    """One message as one line. Raises ``TypeError``/``ValueError`` for what JSON cannot carry."""
    return json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n"


def read_line(reader: BinaryIO) -> bytes | None:
    """The next complete line, or ``None`` when the peer closed the connection between messages."""
    line = reader.readline(MAX_LINE + 1)
    if not line:
        return None
    if not line.endswith(b"\n"):
        raise IncompleteMessage("onvolledig bericht")
    return line


def decode(line: bytes) -> dict[str, Any]:
    """A message from its line. Raises ``ValueError`` when it is not a JSON object."""
    message = json.loads(line)
    if not isinstance(message, dict):
        raise ValueError("a message is a JSON object")
    return message


def receive(reader: BinaryIO) -> dict[str, Any]:
    """Read one answer. Raises :class:`IncompleteMessage` when none (or half of one) arrives."""
    line = read_line(reader)
    if line is None:
        raise IncompleteMessage("geen antwoord")
    return decode(line)


def send(sock, message: dict[str, Any]) -> None:
    """Send one message on a socket."""
    sock.sendall(encode(message))
