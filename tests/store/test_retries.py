"""Kernels resend a call whose answer never came, with the same ``client_key``, so a service restart
loses nothing acknowledged and duplicates nothing (issue 12, "Reliability").

The loop (:func:`leerkring.store.remote.exchange_with_retries`) is the same for every transport; the
last test kills a real service with SIGKILL while a kernel-like process saves in a loop, on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from leerkring import errors
from leerkring.notebooks.lifecycle import plan_session
from leerkring.store import wire
from leerkring.store.remote import NoAnswer, NotSent, RemoteStore, RemoteUnavailable, exchange_with_retries


class Flaky:
    """A transport whose first ``failures`` exchanges raise, then answers ``{"ok": true}``."""

    def __init__(self, *failures, result=None):
        self.failures = list(failures)
        self.sent: list[dict] = []
        self.result = result

    def exchange(self, op, payload):
        self.sent.append(json.loads(json.dumps(payload)))
        if self.failures:
            raise self.failures.pop(0)
        return {"ok": True, "result": wire.encode(self.result)}

    def close(self):
        pass


def test_a_lost_answer_is_resent_only_when_that_is_safe():
    pauses = []
    transport = Flaky(NoAnswer(), NoAnswer())
    assert exchange_with_retries(transport, "store", {"method": "m"}, repeatable=True, sleep=pauses.append)["ok"]
    assert len(transport.sent) == 3 and pauses == [0.2, 0.4]

    transport = Flaky(NoAnswer())
    with pytest.raises(NoAnswer) as lost:
        exchange_with_retries(transport, "store", {"method": "edit_entry"}, repeatable=False, sleep=pauses.append)
    assert len(transport.sent) == 1 and "Ververs het formulier" in str(lost.value)

    transport = Flaky(NotSent("niet verstuurd"))  # never left: always safe to send again
    assert exchange_with_retries(transport, "store", {}, repeatable=False, sleep=pauses.append)["ok"]

    transport = Flaky(RemoteUnavailable("kan niet starten"))  # no service can start: at once
    with pytest.raises(RemoteUnavailable):
        exchange_with_retries(transport, "store", {}, repeatable=True, sleep=pauses.append)
    assert len(transport.sent) == 1

    pauses.clear()
    transport = Flaky(*[NoAnswer() for _ in range(10)])
    with pytest.raises(NoAnswer):
        exchange_with_retries(transport, "store", {}, repeatable=True, retries=6, sleep=pauses.append)
    assert len(transport.sent) == 7 and pauses == [0.2, 0.4, 0.8, 1.6, 3.2, 5.0]


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.add_entry(1, "ervaringen", "ervaring", "tekst", author=5),
        lambda s: s.save_action(1, "bellen", author=5),
        lambda s: s.report_action(1, 2, effect="hielp"),
        lambda s: s.raise_signal(1, "titel"),
        lambda s: s.add_evaluation(1, 4, 5),
    ],
)
def test_a_keyed_save_gets_a_key_and_is_resent_with_the_same_key(tmp_path, call, monkeypatch):
    monkeypatch.setattr("leerkring.store.remote.time.sleep", lambda seconds: None)
    transport = Flaky(NoAnswer(), NotSent("weg"))
    call(RemoteStore(tmp_path, "sqlite:///x.db", None, transport=transport))
    keys = [wire.decode(p["kwargs"])["client_key"] for p in transport.sent]
    assert len(keys) == 3 and len(set(keys)) == 1 and len(keys[0]) == 32


def test_a_given_key_is_kept_and_reads_are_resent_too(tmp_path, monkeypatch):
    monkeypatch.setattr("leerkring.store.remote.time.sleep", lambda seconds: None)
    transport = Flaky(NoAnswer())
    RemoteStore(tmp_path, "sqlite:///x.db", None, transport=transport).add_entry(
        1, "ervaringen", "ervaring", "t", client_key="form-7"
    )
    assert [wire.decode(p["kwargs"])["client_key"] for p in transport.sent] == ["form-7", "form-7"]
    transport = Flaky(NoAnswer(), result=[])
    assert RemoteStore(tmp_path, "sqlite:///x.db", None, transport=transport).members(1) == []
    assert len(transport.sent) == 2
    transport = Flaky(NoAnswer())
    with pytest.raises(errors.DatabaseError):
        RemoteStore(tmp_path, "sqlite:///x.db", None, transport=transport).edit_entry("u1", 5, "nieuw")
    assert len(transport.sent) == 1


# ------------------------------------------------------------------------------------ a real restart
KERNEL = r"""
import logging, sys
from pathlib import Path
logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(name)s: %(message)s")
from leerkring.workspace import Workspace
ws_path, session_id, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
store = Workspace.open_for_notebook(ws_path).store
assert type(store).__name__ == "RemoteStore", type(store)
mila = next(m.person_id for m in store.members(store.session(session_id).kring_id) if m.name == "Mila Lid")
for i in range(count):
    kind = i % 4
    if kind == 0:
        store.add_entry(session_id, "ervaringen", "ervaring", f"opslag {i}", author=mila, client_key=f"e-{i}")
    elif kind == 1:
        store.save_action(session_id, f"opslag {i}", author=mila, client_key=f"a-{i}")
    elif kind == 2:
        store.raise_signal(session_id, f"opslag {i}", client_key=f"s-{i}")
    else:
        store.add_evaluation(session_id, 4, 5, f"opslag {i}", client_key=f"v-{i}")
    print("ack", i, flush=True)
print("done", flush=True)
"""


@pytest.fixture
def own_service(monkeypatch):
    """A socket of this test's own (no service yet); every service started there is stopped after."""
    from leerkring.service import client

    directory = Path(tempfile.mkdtemp(prefix="lk-kill-", dir="/tmp"))
    monkeypatch.setenv("LEERKRING_SERVICE_SOCKET", str(directory / "run" / "service.sock"))
    monkeypatch.setenv("LEERKRING_SCRUBBER", "service")
    for name in ("LEERKRING_SERVICE_URL", "JUPYTERHUB_USER", "LEERKRING_NOTEBOOK_STORE", "LEERKRING_SERVICE_PYTHON"):
        monkeypatch.delenv(name, raising=False)
    yield client
    try:
        client.stop_service()
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def test_a_killed_service_loses_no_acknowledged_save_and_duplicates_none(tmp_path, db_url, own_service):
    from leerkring.workspace import Workspace

    client = own_service
    client.start_service()
    ws = Workspace.init(tmp_path / "ws", "Gemeente Test", database_url=db_url)
    kring = ws.add_kring("Wijkteam Noord")
    ws.store.add_member(kring.id, "Mila Lid", "member")
    session = plan_session(ws, kring.id, "2026-11-02", "teamreflectie", "Testsessie")
    first_pid = client.service_status()["pid"]
    count = 40
    kernel = subprocess.Popen(
        [sys.executable, "-c", KERNEL, str(ws.path), str(session.id), str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    acked = []
    try:
        for line in kernel.stdout:
            if line.startswith("ack"):
                acked.append(int(line.split()[1]))
                if len(acked) == 6:  # the kernel is sending its next save right now
                    os.kill(first_pid, signal.SIGKILL)
                    killed_at = time.monotonic()
            elif line.startswith("done"):
                break
        kernel.wait(timeout=300)
        stderr = kernel.stderr.read()
    finally:
        if kernel.poll() is None:
            kernel.kill()
        if client._spawned is not None and client._spawned.pid == first_pid:
            client._spawned.wait(timeout=10)  # reap our killed child
    assert kernel.returncode == 0, stderr[-2000:]
    assert acked == list(range(count))
    assert "sending it again" in stderr or "trying again" in stderr, stderr[-2000:]
    restarted = client.service_status()
    assert restarted["running"] and restarted["pid"] != first_pid
    assert time.monotonic() - killed_at < 300

    # every acknowledged save stored exactly once, counted by client_key and by text
    engine = sa.create_engine(_sqlalchemy_url(ws.store.url))
    with engine.connect() as conn:

        def keyed(table, text_column):
            rows = conn.execute(sa.text(f"SELECT client_key, {text_column} FROM {table}")).all()
            return [r[0] for r in rows], [r[1] for r in rows]

        entry_keys, entry_texts = keyed("entry", "text")
        signal_keys, signal_texts = keyed("signal", "title")
        eval_keys, eval_texts = keyed("evaluation", "remark")
        actions = conn.execute(sa.text("SELECT title FROM action")).scalars().all()
    engine.dispose()
    expected = {k: [i for i in range(count) if i % 4 == k] for k in range(4)}
    assert sorted(entry_keys) == sorted([f"e-{i}" for i in expected[0]] + [f"a-{i}" for i in expected[1]])
    assert sorted(entry_texts) == sorted(f"opslag {i}" for i in expected[0] + expected[1])
    assert sorted(actions) == sorted(f"opslag {i}" for i in expected[1])
    assert sorted(signal_keys) == sorted(f"s-{i}" for i in expected[2])
    assert sorted(signal_texts) == sorted(f"opslag {i}" for i in expected[2])
    assert sorted(eval_keys) == sorted(f"v-{i}" for i in expected[3])
    assert sorted(eval_texts) == sorted(f"opslag {i}" for i in expected[3])
    ws.close()


def _sqlalchemy_url(url: str) -> str:
    from leerkring.store.engine import normalise_url

    return normalise_url(url)
