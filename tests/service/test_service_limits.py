"""Request size limits of the leerkring service (framing, scrub handler, RemoteStore), against the test
run's real service with deduce loaded.

Regression test for the review finding "No limits": a 5 MB scrub request blocked other members for a
minute. Now the framing stops reading a request line at 1 MiB and answers one Dutch line, the scrub
handler refuses texts above 100,000 characters at once, and a kernel refuses an oversized store call
before sending it.
"""

from __future__ import annotations

import io
import json
import socket
import threading
import time

import pytest
from _lab_helpers import privacy_service

from leerkring.errors import UsageError
from leerkring.notebooks.lifecycle import plan_session
from leerkring.service import client, framing, limits


def _raw_request(path, line: bytes, timeout: float = 10.0, *, closed: bool = False) -> tuple[dict | None, float]:
    """Send ``line`` on a connection of its own; (the answer or None, seconds until it came). With
    ``closed``, also check that the service closed the connection after its answer."""
    started = time.perf_counter()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    sock.connect(str(path))
    with sock, sock.makefile("rb") as reader:
        try:
            sock.sendall(line)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the service stopped reading: its answer is already waiting
        try:
            answer = reader.readline()
        except ConnectionResetError:
            answer = b""
        elapsed = time.perf_counter() - started
        if closed:
            try:
                assert reader.read() == b""  # the service closed the connection after answering
            except ConnectionResetError:
                pass  # closed with the rest of the request unread: closed all the same
    return (json.loads(answer) if answer else None), elapsed


def test_a_5_mb_scrub_request_is_refused_quickly_while_another_client_is_served():
    with privacy_service() as path:
        big = framing.encode({"op": "scrub", "text": "Mevrouw Jansen belde. " * (5 * 1024 * 1024 // 22)})
        assert len(big) > 5 * 1024 * 1024
        outcome = {}

        def flood():
            outcome["answer"], outcome["seconds"] = _raw_request(path, big, closed=True)

        flooder = threading.Thread(target=flood)
        flooder.start()
        started = time.perf_counter()
        other = client.request({"op": "scrub", "text": "Bel mevrouw Jansen op 06-12345678."}, path=path, timeout=10)
        other_seconds = time.perf_counter() - started
        flooder.join(timeout=30)
        assert not flooder.is_alive()
    answer = outcome["answer"]
    assert answer is not None and answer["ok"] is False and answer["kind"] == "UsageError"
    assert answer["error"] == limits.request_too_large()
    assert answer["error"].startswith("Verzoek te groot") and "1,0 MB" in answer["error"]
    assert outcome["seconds"] < 1.0, outcome["seconds"]
    assert other["ok"] and "[TELEFOON-1]" in other["text"]
    assert other_seconds < 1.0, other_seconds


def test_a_long_scrub_text_under_the_line_limit_is_refused_by_the_handler_at_once():
    with privacy_service() as path:
        text = "Bel 06-12345678. " * 20_000  # 340,000 characters, under 1 MiB as a line
        answer, seconds = _raw_request(path, framing.encode({"op": "scrub", "text": text}))
        assert answer == {
            "ok": False,
            "error": "Tekst te lang om te scrubben (340.000 tekens; hoogstens 100.000).",
            "kind": "UsageError",
        }
        assert seconds < 1.0
        # at the limit it is scrubbed
        ok = client.request({"op": "scrub", "text": "a" * limits.MAX_SCRUB_CHARS}, path=path, timeout=60)
        assert ok["ok"]


def test_the_framing_stops_reading_at_the_limit():
    stream = io.BytesIO(b"x" * (framing.MAX_LINE + 5000) + b"\n" + b'{"op": "ping"}\n')
    with pytest.raises(framing.MessageTooLarge) as too_large:
        framing.read_line(stream)
    assert stream.tell() == framing.MAX_LINE + 1  # the rest was never read
    assert str(too_large.value) == limits.request_too_large()
    # an answer may be longer than a request
    answer = b'{"ok": true, "text": "' + b"y" * (framing.MAX_LINE + 10) + b'"}\n'
    assert framing.receive(io.BytesIO(answer))["ok"]


def test_the_request_limit_is_configurable(monkeypatch):
    monkeypatch.setenv(limits.MAX_REQUEST_ENV, "2097152")
    assert limits._max_request() == 2 * 1024 * 1024
    monkeypatch.setenv(limits.MAX_REQUEST_ENV, "veel")
    assert limits._max_request() == limits.DEFAULT_MAX_REQUEST_BYTES
    monkeypatch.delenv(limits.MAX_REQUEST_ENV)
    assert limits._max_request() == limits.DEFAULT_MAX_REQUEST_BYTES


class _Recorder:
    def __init__(self):
        self.sent = []

    def exchange(self, op, payload):
        self.sent.append(payload)
        return {"ok": True, "result": None}

    def close(self):
        pass


def test_a_kernel_refuses_an_oversized_store_call_before_sending_it(tmp_path):
    from leerkring.store.remote import RemoteStore

    transport = _Recorder()
    store = RemoteStore(tmp_path, "sqlite:///x.db", None, transport=transport)
    with pytest.raises(UsageError) as refused:
        store.add_entry(1, "ervaringen", "ervaring", "x" * (2 * 1024 * 1024), author=5)
    message = str(refused.value)
    assert message.startswith("Dit verzoek is te groot voor de leerkring-service (2,0 MB; hoogstens 1,0 MB)")
    assert "\n" not in message and transport.sent == []


def test_oversized_extra_through_the_service_is_refused_and_the_wall_still_loads(tmp_path, db_url):
    """The review's attack, through a kernel's RemoteStore and the real service."""
    from leerkring.store.viewer import Viewer
    from leerkring.workspace import Workspace

    with privacy_service():
        ws = Workspace.init(tmp_path / "ws", "Gemeente Test", database_url=db_url)
        kring = ws.add_kring("Wijkteam Noord")
        mila = ws.store.add_member(kring.id, "Mila Lid", "member")
        session = plan_session(ws, kring.id, "2026-11-02", "teamreflectie", "Testsessie")
        store = Workspace.open_for_notebook(ws.path).store
        assert type(store).__name__ == "RemoteStore"
        store.add_entry(session.id, "ervaringen", "ervaring", "Voor de aanval", author=mila.person_id)
        attempts = [
            dict(principle="spanningen", kind="perspectief", extra={"position": "x" * 50_000}),
            dict(principle="spanningen", kind="perspectief", extra={"position": ["x" * 100] * 1000}),
            dict(principle="ervaringen", kind="ervaring", extra={"bijlage": "x" * 100}),
            dict(principle="ervaringen", kind="ervaring", extra={"position": "x" * (10 * 1024 * 1024)}),
        ]
        for attempt in attempts:
            started = time.perf_counter()
            with pytest.raises(UsageError) as refused:
                store.add_entry(
                    session.id,
                    attempt["principle"],
                    attempt["kind"],
                    "aanval",
                    author=mila.person_id,
                    extra=attempt["extra"],
                )
            assert "\n" not in str(refused.value) and time.perf_counter() - started < 2
        wall = store.entries(Viewer.member(mila.person_id, [kring.id]), session_id=session.id, limit=200)
        assert [e.text for e in wall] == ["Voor de aanval"]
        store.close()
        ws.close()
