"""Load what the heavier buttons need while the coach is still reading the forms.

Closing a session exports its archive with nbconvert and publishing runs papermill; both import
nbformat, whose schema validation imports jsonschema (and with it ``rfc3987_syntax``, which compiles
its grammars on import: over a second of CPU; skipped here as ``summarize`` skips it). Done on the
first click, that wait lands on the coach (16 s on a loaded machine); done in a background thread
right after the workspace is shown, the first click is as quick as the ones after it. A click that comes sooner waits for the import to finish,
no longer than it would have without this.
"""

from __future__ import annotations

import importlib
import logging
import threading

log = logging.getLogger(__name__)

MODULES = ("nbformat", "nbconvert", "papermill")


def _load() -> None:
    try:  # jsonschema without the grammars no notebook schema needs, as summarize imports it
        from leerkring.summary.publish import _without_iri_grammars

        _without_iri_grammars()
    except Exception:
        log.debug("importing jsonschema failed", exc_info=True)
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # the button that needs it reports the problem in its own status line
            log.debug("warming up %s failed", name, exc_info=True)


def start() -> threading.Thread:
    """Import :data:`MODULES` in a daemon thread; returns it (join it to wait)."""
    thread = threading.Thread(target=_load, name="leerkring-coach-warm-up", daemon=True)
    thread.start()
    return thread
