"""The per-person write limit of the leerkring service (leerkring/service/ratelimit.py) and where the
store gateway applies it: writes by an authenticated, untrusted caller (peer, hub), keyed by user name.
"""

from __future__ import annotations

import logging
import os
import threading

import pytest

from leerkring.errors import RateLimited
from leerkring.service import ratelimit
from leerkring.service.ratelimit import Limit, RateLimiter


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_burst_then_the_rate_then_a_dutch_line():
    clock = Clock()
    limiter = RateLimiter(clock)
    limit = Limit(per_minute=120, burst=30)
    for _ in range(30):
        limiter.check("mila", limit)
    with pytest.raises(RateLimited) as refused:
        limiter.check("mila", limit)
    assert str(refused.value) == (
        "Je slaat te snel achter elkaar op (hoogstens 120 keer per minuut); probeer het over 1 seconde opnieuw."
    )
    limiter.check("nout", limit)  # everyone has a bucket of their own
    clock.now += 0.5  # 2 per second come back
    limiter.check("mila", limit)
    with pytest.raises(RateLimited):
        limiter.check("mila", limit)
    clock.now += 60  # a minute later the bucket is full again, never fuller
    for _ in range(30):
        limiter.check("mila", limit)
    with pytest.raises(RateLimited):
        limiter.check("mila", limit)


def test_the_wait_is_named_and_zero_means_no_limit():
    clock = Clock()
    limiter = RateLimiter(clock)
    slow = Limit(per_minute=6, burst=1)
    limiter.check("mila", slow)
    with pytest.raises(RateLimited) as refused:
        limiter.check("mila", slow)
    assert "probeer het over 10 seconden opnieuw" in str(refused.value)
    for _ in range(1000):
        limiter.check("mila", Limit(per_minute=0))


def test_concurrent_writers_get_exactly_the_burst():
    limiter = RateLimiter(Clock())  # the clock stands still: nothing refills
    limit = Limit(per_minute=120, burst=30)
    granted = []
    lock = threading.Lock()

    def writer():
        for _ in range(10):
            try:
                limiter.check("mila", limit)
            except RateLimited:
                continue
            with lock:
                granted.append(1)

    threads = [threading.Thread(target=writer) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(granted) == 30


def test_the_workspace_sets_the_limit(tmp_path, caplog):
    settings = tmp_path / "leerkring.toml"
    assert ratelimit.limit_for(tmp_path) == Limit()  # no file: the defaults
    settings.write_text('[workspace]\nname = "Test"\n', encoding="utf-8")
    assert ratelimit.limit_for(tmp_path) == Limit(120, 30)
    settings.write_text('[workspace]\nname = "Test"\n\n[service]\nwrites_per_minute = 10\nwrites_burst = 3\n')
    os.utime(settings, ns=(1, 1))  # a new mtime, however fast the test runs
    assert ratelimit.limit_for(tmp_path) == Limit(10, 3)
    settings.write_text('[service]\nwrites_per_minute = "veel"\n')
    os.utime(settings, ns=(2, 2))
    with caplog.at_level(logging.WARNING, logger="leerkring.service.ratelimit"):
        assert ratelimit.limit_for(tmp_path) == Limit()
    assert "writes_per_minute" in caplog.text


# ------------------------------------------------------------------------------------ in the gateway
class _Services:
    def __init__(self, workspace):
        self.workspace = workspace

    @staticmethod
    def scrub(text, *, known_names=()):
        from leerkring.privacy.engine import LocalEngine

        return LocalEngine(use_deduce=False).scrub(text, known_names=known_names)


def test_the_gateway_limits_writes_per_person_in_dutch(tmp_path, team_workspace):
    from leerkring.config import SETTINGS_FILE
    from leerkring.identity import Caller
    from leerkring.store import wire
    from leerkring.store.gateway import StoreGateway

    ws, kring, session = team_workspace(tmp_path / "ws")
    settings = ws.path / SETTINGS_FILE
    settings.write_text(
        settings.read_text("utf-8") + "\n[service]\nwrites_per_minute = 6\nwrites_burst = 3\n", encoding="utf-8"
    )
    ws.close()
    ratelimit.reset()
    gateway = StoreGateway(_Services(ws.path))
    mila = Caller(provider="peer", username="mila")
    nout = Caller(provider="peer", username="nout")

    def save(caller, n):
        request = {
            "method": "add_entry",
            "args": wire.encode([session.id, "ervaringen", "ervaring", f"bijdrage {n}"]),
            "kwargs": wire.encode({"author": caller.username}),
        }
        return gateway.answer(request, caller)

    def read(caller):
        request = {"method": "entries", "args": wire.encode([None]), "kwargs": wire.encode({"session_id": session.id})}
        return gateway.answer(request, caller)

    try:
        answers = [save(mila, n) for n in range(4)]
        assert [a["ok"] for a in answers] == [True, True, True, False], answers
        assert answers[-1]["kind"] == "RateLimited"
        assert answers[-1]["error"] == (
            "Je slaat te snel achter elkaar op (hoogstens 6 keer per minuut); probeer het over 10 seconden opnieuw."
        )
        assert save(nout, 9)["ok"]  # another person is not held up
        assert read(mila)["ok"]  # reads are not counted
        texts = sorted(e.text for e in wire.decode(read(mila)["result"]))
        assert texts == ["bijdrage 0", "bijdrage 1", "bijdrage 2", "bijdrage 9"]
    finally:
        gateway.close()
        ratelimit.reset()
