"""Saving one entry through the library API on SQLite: p50/p95/p99, scrubbing excluded.

Goal (issue 2): p95 <= 5 ms. The anchor, measured in the same run, is a bare sqlite3 INSERT + COMMIT
of a row of the same size on the same disk with the same durability settings (WAL, synchronous=FULL).
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from _common import header, percentile

from leerkring.store import Store

N = 2000


def main() -> None:
    header("Saving one entry (SQLite, scrubbing excluded)")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.create(f"sqlite:///{Path(tmp) / 'bench.db'}")
        kring = store.add_kring("Wijkteam Bench")
        store.add_member(kring.id, "Bea Bench", "member")
        session = store.add_session(kring.id, "2026-11-24", "teamreflectie")
        text = "Vandaag aan de keukentafel merkte ik dat ik te snel met oplossingen kwam. " * 3
        for _ in range(50):  # warm up
            store.add_entry(session.id, "ervaringen", "ervaring", text, author="Bea Bench")
        times = []
        for _ in range(N):
            start = time.perf_counter()
            store.add_entry(session.id, "ervaringen", "ervaring", text, author="Bea Bench", tags=["vertrouwen"])
            times.append(time.perf_counter() - start)

        raw = sqlite3.connect(Path(tmp) / "anchor.db", isolation_level=None)
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=FULL")
        raw.execute("CREATE TABLE e (id INTEGER PRIMARY KEY, session INTEGER, text TEXT, created TEXT)")
        anchor = []
        for _ in range(N):
            start = time.perf_counter()
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("INSERT INTO e (session, text, created) VALUES (?, ?, datetime('now'))", (1, text))
            raw.execute("COMMIT")
            anchor.append(time.perf_counter() - start)
        raw.close()
        store.close()
    ours95, anchor95 = percentile(times, 95), percentile(anchor, 95)
    print(
        f"library save   : p50 {percentile(times, 50) * 1000:.2f} ms, p95 {ours95 * 1000:.2f} ms, "
        f"p99 {percentile(times, 99) * 1000:.2f} ms  ({N} saves)"
    )
    print(f"sqlite3 anchor : p50 {percentile(anchor, 50) * 1000:.2f} ms, p95 {anchor95 * 1000:.2f} ms")
    print(
        f"ratio p95 ours/anchor: {ours95 / anchor95:.1f}x; goal p95 <= 5 ms: "
        f"{'OK' if ours95 <= 0.005 else 'OVER'} ({ours95 / 0.005:.2f} of budget)"
    )


if __name__ == "__main__":
    main()
