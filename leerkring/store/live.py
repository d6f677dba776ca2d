"""In-process wake-ups for the live wall: a write into a session wakes whoever waits on it.

The truth is the session's ``session_room.version`` in the database (raised in the same transaction as
every write into the session, :mod:`leerkring.store.room`). A waiter here only learns *that* it should
look again, at once instead of at its next check; writes made by another process (the CLI, a second
service) are found by that periodic check (:data:`RECHECK` seconds).
"""

from __future__ import annotations

import threading
import time

#: Seconds between looks at the database while waiting (catches writes made by other processes).
RECHECK = 1.0

_changed = threading.Condition()
_ticks: dict[int, int] = {}


def tick(session_id: int) -> int:
    """A counter that moves whenever :func:`notify` is called for the session."""
    with _changed:
        return _ticks.get(int(session_id), 0)


def notify(session_id: int) -> None:
    """Wake everyone waiting on the session (call after the write committed)."""
    with _changed:
        key = int(session_id)
        _ticks[key] = _ticks.get(key, 0) + 1
        _changed.notify_all()


def wait(session_id: int, seen: int, timeout: float) -> bool:
    """Wait until the session's tick differs from ``seen`` or ``timeout`` passed; True when it moved."""
    key = int(session_id)
    deadline = time.monotonic() + max(0.0, timeout)
    with _changed:
        while _ticks.get(key, 0) == seen:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            _changed.wait(remaining)
        return True
