"""A per-person rate limit for writes through the leerkring service: one token bucket per user name.

Each person may save :data:`DEFAULT_PER_MINUTE` times a minute on average, with bursts of up to
:data:`DEFAULT_BURST` saves (a member who saves a few forms in a row is never held up; a live session
needs a save every few seconds at most). A write beyond that is refused with
:class:`~leerkring.errors.RateLimited` and one Dutch line that says how long to wait; nothing is
stored, and the form keeps its text.

Set in the workspace's ``leerkring.toml``::

    [service]
    writes_per_minute = 120   # 0: no limit
    writes_burst = 30

The store gateway calls :func:`check` with the authenticated caller's user name right before it runs
a write (see :data:`leerkring.store.protocol.WRITES`). Thread-safe: the service answers each
connection in a thread of its own.
"""

from __future__ import annotations

import logging
import math
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from leerkring.errors import RateLimited

log = logging.getLogger(__name__)

DEFAULT_PER_MINUTE = 120
DEFAULT_BURST = 30
SETTINGS_FILE = "leerkring.toml"
MAX_BUCKETS = 10_000  # full buckets are forgotten beyond this many people


@dataclass(frozen=True)
class Limit:
    per_minute: float = DEFAULT_PER_MINUTE
    burst: int = DEFAULT_BURST

    @property
    def unlimited(self) -> bool:
        return self.per_minute <= 0


class RateLimiter:
    """Token buckets keyed by user name; ``clock`` is injectable for tests."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # name -> (tokens, at)
        self._lock = threading.Lock()

    def check(self, username: str, limit: Limit | None = None) -> None:
        """Take one token for ``username``; raises :class:`RateLimited` when there is none."""
        limit = limit or Limit()
        if limit.unlimited:
            return
        rate = limit.per_minute / 60.0  # tokens per second
        burst = max(1, int(limit.burst))
        with self._lock:
            now = self._clock()
            tokens, at = self._buckets.get(username, (float(burst), now))
            tokens = min(float(burst), tokens + (now - at) * rate)
            if tokens < 1.0:
                self._buckets[username] = (tokens, now)
                wait = math.ceil((1.0 - tokens) / rate)
                raise RateLimited(
                    f"Je slaat te snel achter elkaar op (hoogstens {limit.per_minute:g} keer per minuut); "
                    f"probeer het over {wait} seconde{'' if wait == 1 else 'n'} opnieuw."
                )
            self._buckets[username] = (tokens - 1.0, now)
            if len(self._buckets) > MAX_BUCKETS:
                self._forget_full(now, rate, burst)

    def _forget_full(self, now: float, rate: float, burst: int) -> None:
        for name, (tokens, at) in list(self._buckets.items()):
            if tokens + (now - at) * rate >= burst:
                del self._buckets[name]

    def reset(self) -> None:
        with self._lock:
            self._buckets.clear()


_limiter = RateLimiter()
_settings: dict[Path, tuple[float | None, Limit]] = {}  # workspace -> (mtime of leerkring.toml, limit)
_settings_lock = threading.Lock()


def limit_for(workspace: Path | str | None) -> Limit:
    """The workspace's ``[service] writes_per_minute`` / ``writes_burst`` (read again when the file
    changes); the defaults when it sets none or cannot be read."""
    if workspace is None:
        return Limit()
    path = Path(workspace) / SETTINGS_FILE
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return Limit()
    with _settings_lock:
        cached = _settings.get(path)
        if cached is not None and cached[0] == mtime:
            return cached[1]
    limit = _read_limit(path)
    with _settings_lock:
        _settings[path] = (mtime, limit)
    return limit


def _read_limit(path: Path) -> Limit:
    try:
        service = tomllib.loads(path.read_text("utf-8")).get("service", {})
        per_minute = float(service.get("writes_per_minute", DEFAULT_PER_MINUTE))
        burst = int(service.get("writes_burst", DEFAULT_BURST))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, AttributeError, TypeError, ValueError) as exc:
        log.warning("%s: no usable [service] writes_per_minute / writes_burst (%s); using the defaults", path, exc)
        return Limit()
    if not math.isfinite(per_minute) or burst < 1:
        log.warning("%s: writes_per_minute must be a number and writes_burst at least 1; using the defaults", path)
        return Limit()
    return Limit(per_minute, burst)


def check(username: str, workspace: Path | str | None = None) -> None:
    """Count one write by ``username`` (the authenticated caller) against the workspace's limit;
    raises :class:`~leerkring.errors.RateLimited` (one Dutch line) when it is exceeded."""
    _limiter.check(str(username), limit_for(workspace))


def reset() -> None:
    """Forget every bucket (tests; a restarted service starts empty anyway)."""
    _limiter.reset()
