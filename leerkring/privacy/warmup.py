"""Build deduce's lookup caches once, at install time, not at a member's first save.

Run as ``python -m leerkring.privacy.warmup``. deduce stores the caches inside its own package
directory; the first ``Deduce()`` takes about a minute, later loads a few seconds.
"""

from __future__ import annotations

import sys
import time


def main() -> int:
    started = time.perf_counter()
    try:
        from deduce import Deduce
    except ImportError:  # pragma: no cover - deduce is a hard dependency
        print("deduce: niet geïnstalleerd (pip install deduce)", file=sys.stderr)
        return 1
    engine = Deduce()
    engine.deidentify("Mevrouw Jansen woont in Dordrecht.")
    print(f"deduce: opzoektabellen klaar ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
