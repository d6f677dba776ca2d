"""Telling a member why a session notebook waits: the shared privacy service is starting.

The first kernel on a machine that needs the service starts it, and the service loads deduce, which
takes seconds. Without a word the member would only see a busy cell, or a save button that does not
answer. Nothing is shown when the service already runs.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

from leerkring.service import client as service
from leerkring.widgets.markup import message

WAITING = (
    "Even geduld: de privacydienst van leerkring start op. Dat gebeurt één keer voor iedereen op "
    "deze computer en duurt meestal minder dan een halve minuut."
)
FAILED = "De privacydienst van leerkring is niet gestart."
#: The status line of every form shown while the service starts (see leerkring.widgets.pending).
FORM_WAITING = (
    "Dit formulier wacht op de privacydienst van leerkring, die nu opstart (één keer per dag op deze "
    "computer, meestal binnen een halve minuut). Het verschijnt hier vanzelf; je hoeft niets te doen."
)


def started(seconds: float) -> str:
    return f"De privacydienst van leerkring draait (opgestart in {seconds:.0f} s)."


def _bundle(kind: str, text: str) -> dict:
    return {"text/html": message(kind, text), "text/plain": text}


def show_waiting():
    """Show the waiting notice in the running cell's output; its display handle (None outside a kernel)."""
    from IPython.display import display

    return display(_bundle("info", WAITING), raw=True, display_id=True)


@contextlib.contextmanager
def kept_notice(handle, began: float) -> Iterator[None]:
    """For a notice shown earlier (:func:`show_waiting`): afterwards it says that the service runs and
    how long its start took since ``began`` (a ``time.monotonic()``), or that it did not start."""
    try:
        yield
    finally:
        if handle is not None:
            if service.ping() is not None:
                handle.update(_bundle("ok", started(time.monotonic() - began)), raw=True)
            else:
                handle.update(_bundle("error", FAILED), raw=True)


@contextlib.contextmanager
def shown_in_cell() -> Iterator[None]:
    """While active, a start of the service shows a notice in the running cell's output, which says
    how long the start took once the service answers."""
    from IPython.display import display

    shown = {}

    def notify(seconds: float | None) -> None:
        if seconds is None:
            if "told" not in shown:
                shown["told"] = True
                handle = display(_bundle("info", WAITING), raw=True, display_id=True)
                if handle is not None:  # None outside a kernel, where display only prints
                    shown["handle"] = handle
        elif "handle" in shown:
            shown["handle"].update(_bundle("ok", started(seconds)), raw=True)
            shown["done"] = True

    try:
        with service.start_notice(notify):
            yield
    finally:  # a start that failed (the caller may go on without the service) must not say "wait"
        if "handle" in shown and "done" not in shown:
            shown["handle"].update(_bundle("error", FAILED), raw=True)


@contextlib.contextmanager
def shown_in_status(say) -> Iterator[None]:
    """While active, a start of the service shows the waiting notice through ``say(kind, text)``,
    e.g. a form's status line; the form's own result message replaces it afterwards."""

    def notify(seconds: float | None) -> None:
        if seconds is None:
            say("info", WAITING)

    with service.start_notice(notify):
        yield
