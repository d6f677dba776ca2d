"""Forms that wait, visibly, while the shared privacy service starts.

The first session notebook on a machine that day has to start the leerkring service, which loads
deduce (10 to 20 seconds). A member chooses *Run All*: JupyterLab queues every cell and scrolls to the
last one. If the first form cell waited for the service, every cell below it would show nothing at all
for that time, and the notice above the first form is out of sight.

So when a kernel finds that it has to start the service (and it knows its notebook), the forms do not
wait one after the other: the service is started in the background, every form cell at once shows a
frame whose status line says that the form appears as soon as the service runs, and

- the last form cell of the notebook waits for the service and then fills every frame (so *Run All*,
  papermill and nbclient end with complete forms, and the notice above the first form says how long the
  start took);
- a member who runs the cells one by one gets the frames filled as soon as the service answers (a
  watcher thread wakes the kernel's event loop; the widgets are only ever built on the kernel's thread).

Without a notebook to read (or when the service already runs, or another account runs it) nothing
changes: the first form cell waits and says so (:func:`leerkring.widgets.waiting.shown_in_cell`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
import time
from pathlib import Path

from leerkring.errors import LeerkringError
from leerkring.widgets import waiting
from leerkring.widgets.base import FormBox, shared_layout, w
from leerkring.widgets.markup import message

log = logging.getLogger(__name__)

#: The frame's label as plain text, per form role (what the real form's FormBox says).
LABELS = {
    "start": "sessie en deelnemer",
    "open_actions": "terugblik op eerdere acties",
    "signal": "signaal aan het management",
    "evaluation": "anonieme evaluatie",
}
FORM_ROLES = ("start", "open_actions", "step", "signal", "evaluation")
DEFAULT_KEYS = {"open_actions": "terugblik", "signal": "signaal", "evaluation": "evaluatie"}


def _service_must_start(params: dict) -> bool:
    """True when this kernel's store calls go to the local service, it may start it, and none answers."""
    from leerkring import config, privacy
    from leerkring.service import ServiceError, client, paths
    from leerkring.store.remote import SERVICE_URL_ENV
    from leerkring.workspace import NOTEBOOK_STORE_ENV

    root = Path(str(params.get("workspace") or ""))
    if not (root / config.SETTINGS_FILE).is_file():
        return False  # the workspace is looked for elsewhere: the ordinary path says so
    if os.environ.get(NOTEBOOK_STORE_ENV, "").strip().lower() == "local" or os.environ.get(SERVICE_URL_ENV):
        return False
    try:
        if privacy.effective_mode(config.read_settings(root).scrubber) != "service":
            return False
        if paths.service_uid() != os.getuid():
            return False  # another account runs the service; the ordinary path tells the member
    except (LeerkringError, OSError) as exc:  # settings or account unreadable: the ordinary path reports it in Dutch
        log.info("not starting the service in the background: %s", exc)
        return False
    try:
        return client.ping() is None
    except (OSError, ServiceError) as exc:
        log.info("service ping failed: %s", exc)
        return True


def _find_notebook(params: dict, notebook_path) -> dict | None:
    """The session notebook this kernel runs (its metadata names the session), or None."""
    from leerkring.notebooks.templates import META

    candidates = []
    if notebook_path:
        candidates.append(Path(notebook_path))
    running = os.environ.get("JPY_SESSION_NAME", "")
    if running.endswith(".ipynb"):
        candidates.append(Path(running) if Path(running).is_absolute() else Path.cwd() / Path(running).name)
    candidates.extend(sorted(Path.cwd().glob("*.ipynb")))
    try:
        wanted = int(params["session_id"])
    except (TypeError, ValueError):
        return None
    for path in candidates:
        try:
            nb = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:  # try the next candidate
            log.debug("notebook %s not read: %s", path, exc)
            continue
        if ((nb.get("metadata") or {}).get(META) or {}).get("session_id") == wanted:
            return nb
    return None


def form_cells(nb: dict) -> list[tuple[str, str, str]]:
    """(role, step key, title) of every code cell that shows a form, in notebook order."""
    from leerkring.notebooks.templates import cell_meta

    cells = []
    for cell in nb.get("cells", ()):
        meta = cell_meta(cell)
        if cell.get("cell_type") == "code" and meta.get("role") in FORM_ROLES:
            cells.append((meta["role"], str(meta.get("step") or ""), str(meta.get("title") or "")))
    return cells


def begin(ctx, notebook_path=None) -> bool:
    """Start the service in the background and let ``ctx`` hand out waiting frames; False (and
    nothing started) when the ordinary, waiting connection should be used instead."""
    from leerkring.service import ServiceError, client, paths

    try:
        loop = asyncio.get_running_loop()  # a kernel runs its cells inside its event loop
    except RuntimeError:
        return False
    if not _service_must_start(ctx.params):
        return False
    nb = _find_notebook(ctx.params, notebook_path)
    cells = form_cells(nb) if nb is not None else []
    if not cells:
        return False
    try:
        client.start_service(wait=False)
    except ServiceError as exc:  # the ordinary path tries again and reports it in Dutch
        log.info("service not started in the background: %s", exc)
        return False
    if client.ping() is None and not client.lock_is_held(paths.socket_path()):
        return False  # nothing is starting (it died at once): the ordinary path reports it in Dutch
    ctx.notebook_has_start = any(role == "start" for role, _, _ in cells)
    ctx.starting = Starting(ctx, cells, notebook_path, loop)
    return True


class Placeholder:
    """The frame a form cell shows while the service starts; filled with the real form later."""

    def __init__(self, starting: Starting, kind: str, key: str | None):
        self.starting, self.kind, self.key = starting, kind, key
        self.form = None
        self.status = w.HTML(message("info", waiting.FORM_WAITING))
        self.box = FormBox([self.status], label=starting.label(kind, key), layout=shared_layout())

    def after_display(self) -> None:
        """The last form cell of the notebook waits here for the service, then fills every frame."""
        if (self.kind, self.key or "") == self.starting.last:
            self.starting.finish()

    def fill(self) -> None:
        from leerkring.widgets import build

        try:
            self.form = build(self.kind, self.key, self.starting.ctx)
        except Exception as exc:  # shown in the frame; the other forms still appear
            log.exception("building a waiting %s form failed", self.kind)
            self.status.value = message(
                "error", f"Dit formulier kon niet worden gemaakt ({type(exc).__name__}); voer deze cel opnieuw uit."
            )
            return
        self.box.children = (self.form.box,)
        self.status.value = ""  # its "wait" no longer holds (and the frame no longer shows it)


class Starting:
    """A kernel's connection while the service starts: the notice, the frames, the waiting."""

    def __init__(self, ctx, cells: list[tuple[str, str, str]], notebook_path, loop):
        self.ctx = ctx
        self.last = cells[-1][:2]
        self.notebook_path = notebook_path
        self.began = time.monotonic()
        self.frames: list[Placeholder] = []
        self.done = False
        self._titles = {(role, key): title for role, key, title in cells}
        self.handle = waiting.show_waiting()
        threading.Thread(target=self._watch, args=(loop,), name="leerkring-service-start", daemon=True).start()

    def label(self, kind: str, key: str | None) -> str:
        if kind == "step":
            return f"formulier '{self._titles.get((kind, key or '')) or key}'"
        return LABELS.get(kind, kind)

    def placeholder(self, kind: str, key: str | None) -> Placeholder:
        frame = Placeholder(self, kind, key if key is not None else DEFAULT_KEYS.get(kind, ""))
        self.frames.append(frame)
        return frame

    def _watch(self, loop) -> None:
        """Wait (off the kernel's thread) until the service answers or nothing starts it any more."""
        from leerkring.service import client, paths

        path = paths.socket_path()
        deadline = self.began + client.START_TIMEOUT
        while not self.done and time.monotonic() < deadline:
            if client.ping(path) is not None or not client.lock_is_held(path):
                break
            time.sleep(0.2)
        if not self.done:
            try:
                loop.call_soon_threadsafe(self.finish)
            except RuntimeError as exc:  # the kernel is shutting down; nothing is left to fill
                log.info("kernel loop gone before the service answered: %s", exc)

    def finish(self) -> None:
        """Connect for real (waiting for the service when it still starts), then fill every frame."""
        if self.done:
            return
        self.done = True
        ctx = self.ctx
        try:
            ctx.open(notebook_path=self.notebook_path, notice=waiting.kept_notice(self.handle, self.began))
        finally:
            ctx.starting = None
        for frame in self.frames:
            frame.fill()
