"""Many members saving at once, and a writer killed mid-batch: nothing lost, nothing doubled."""

from __future__ import annotations

import os
import signal
import time

import pytest

from leerkring.store import Store, Viewer

PROCESSES = 8
PER_PROCESS = 200


def test_eight_processes_saving_into_one_session(kring_setup, db_url, writer_process):
    store, kring, session = kring_setup
    authors = ["Cora Coach", "Mila Lid", "Nout Lid", "Gijs Gast"]
    procs = [writer_process(db_url, session.id, authors[i % 4], PER_PROCESS, f"p{i}") for i in range(PROCESSES)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
    printed = [uid for out, _ in outputs for uid in out.split()]
    entries = store.entries(Viewer.kring_summary([kring.id]), session_id=session.id)
    assert len(printed) == PROCESSES * PER_PROCESS
    assert len(entries) == PROCESSES * PER_PROCESS
    texts = [e.text for e in entries]
    assert len(set(texts)) == len(texts)
    assert set(texts) == {f"p{i}-{j}" for i in range(PROCESSES) for j in range(PER_PROCESS)}
    assert {e.uid for e in entries} == set(printed)
    assert len(store.attendance(session.id)) == 4


@pytest.mark.parametrize("mode", ["single", "batch"])
def test_writer_killed_mid_batch_loses_no_committed_entry(kring_setup, db_url, mode, writer_process):
    store, kring, session = kring_setup
    args = ("batch",) if mode == "batch" else ()
    proc = writer_process(db_url, session.id, "Mila Lid", 100_000, "crash", *args)
    committed = []
    deadline = time.monotonic() + 120
    while len(committed) < (4 if mode == "batch" else 60) and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        committed.append(line.strip())
    time.sleep(0.05)  # let it get into the next transaction
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert committed, proc.stderr.read()

    reopened = Store(db_url)
    assert reopened.integrity_check() == "ok"
    entries = reopened.entries(Viewer.kring_summary([kring.id]), session_id=session.id)
    if mode == "single":
        assert set(committed) <= {e.uid for e in entries}
    else:
        batches = {e.text.rsplit("-", 1)[0] for e in entries}
        assert {f"crash-{line.split()[1]}" for line in committed} <= batches
        assert len(entries) % 50 == 0  # a killed batch leaves nothing half-written
    # the database still takes new writes
    reopened.add_entry(session.id, "ervaringen", "ervaring", "na de crash", author="Mila Lid")
    reopened.close()
