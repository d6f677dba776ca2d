"""A separate writer process for the concurrency and crash tests.

    python tests/store/_writer.py URL SESSION_ID AUTHOR COUNT PREFIX [batch]

Saves COUNT entries through the library API and prints each uid after its commit. In ``batch`` mode
it writes batches of 50 rows per transaction (printing the batch number after each commit).
"""

from __future__ import annotations

import sys
import time
import uuid

from leerkring.store import Store, schema
from leerkring.store.core import utcnow


def main() -> int:
    url, session_id, author, count, prefix = sys.argv[1:6]
    batch = len(sys.argv) > 6 and sys.argv[6] == "batch"
    store = Store(url)
    session = store.session(int(session_id))
    if not batch:
        for i in range(int(count)):
            saved = store.add_entry(
                session.id, "ervaringen", "ervaring", f"{prefix}-{i}", author=author, client_key=f"{prefix}-{i}"
            )
            print(saved.entry.uid, flush=True)
        return 0
    for b in range(int(count)):
        with store.write() as conn:
            for i in range(50):
                conn.execute(
                    schema.entry.insert().values(
                        uid=uuid.uuid4().hex,
                        revision=1,
                        is_current=True,
                        session_id=session.id,
                        kring_id=session.kring_id,
                        principle="ervaringen",
                        kind="ervaring",
                        step="",
                        visibility="kring",
                        tags=[],
                        extra={},
                        findings=[],
                        keep=False,
                        text=f"{prefix}-{b}-{i}",
                        created_at=utcnow(),
                    )
                )
                time.sleep(0.002)
        print(f"batch {b}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
