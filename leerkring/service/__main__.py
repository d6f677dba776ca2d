"""``python -m leerkring.service``: run the leerkring service in the foreground (see :mod:`.host`)."""

from __future__ import annotations

import os
import sys

from leerkring.service.host import main

if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # skip freeing deduce's ~1 GB of objects one by one (seconds) at exit
