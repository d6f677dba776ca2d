"""A writer process for the backup storm test: saves continuously until a stop file appears.

    python tests/backup/_storm_writer.py URL SESSION_ID AUTHOR PREFIX STOP_FILE

Save number ``seq`` stores the text (and client key) ``PREFIX-seq``; every fourth save is an action (the
``actie`` entry and the tracked action in one transaction, :meth:`Store.save_action`). After each
commit it prints ``seq`` on its own line, so every printed number is an acknowledged save.
"""

from __future__ import annotations

import os
import sys

from leerkring.store import Store


def main() -> int:
    url, session_id, author, prefix, stop = sys.argv[1:6]
    store = Store(url)
    session = store.session(int(session_id))
    seq = 0
    while not os.path.exists(stop):
        text = f"{prefix}-{seq}"
        if seq % 4 == 3:
            store.save_action(session.id, text, author=author, client_key=text)
        else:
            store.add_entry(session.id, "ervaringen", "ervaring", text, author=author, client_key=text)
        print(seq, flush=True)
        seq += 1
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
