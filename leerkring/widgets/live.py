"""The live link of one session notebook: the room's state, and the threads that keep it current.

Every kernel keeps one :class:`Live` per :class:`~leerkring.widgets.context.SessionContext`. It holds
the session's :class:`~leerkring.store.records.Room` (phase, time left, vote, chosen case, round) as
last read, and, once started, two daemon threads:

- the *watcher* asks the store ``watch(session_id, since=version)`` on a store of its own (a
  :class:`~leerkring.store.remote.RemoteStore` with its own transport, so the notebook's other calls
  are not held up behind a call that blocks; the in-process store when a test passes a workspace).
  When the version moves (a save, a reply, a vote, the coach moving a phase) it reads the room again
  and redraws every form's wall and header. When ``watch`` is not available, or fails, it falls
  back to reading everything every :data:`POLL_SECONDS`, and tries ``watch`` again after that;
- the *clock* redraws the time left once a second while a phase runs (counting down from the
  store's ``seconds_left`` at the moment it was read; nothing is sent when no text changes).

ipywidgets may be updated from these threads; the kernel sends the changes to the browser. Both
threads stop when the context is replaced or closed (:meth:`stop`).
"""

from __future__ import annotations

import logging
import threading
import time

log = logging.getLogger(__name__)

#: Seconds one ``watch`` call waits for a change before it asks again.
WATCH_TIMEOUT = 25.0
#: The fallback when ``watch`` is unavailable: everything is read again this often.
POLL_SECONDS = 30.0
#: How often the clock redraws the time left.
TICK_SECONDS = 1.0


class Live:
    """The room as this kernel last read it, the listeners that show it, and the live threads."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.room = None
        self.read_at = 0.0  # time.monotonic() when self.room was read
        self.version = 0
        self.mode = "off"  # "watch" while watch() answers, "poll" while the fallback runs
        self.changes = 0  # how many times a change from elsewhere redrew the notebook
        self.listeners: list = []  # objects with show_room(room), e.g. the room panel and every form
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.RLock()  # one redraw at a time (the watcher, the clock, a click)

    # -- the room ---------------------------------------------------------------------------------
    def load(self):
        """Read the room now (None when the store has no live session support)."""
        ctx = self.ctx
        store = ctx.ws.store
        if not hasattr(store, "room") or ctx.session is None:
            return None
        person = ctx.identity.person_id if ctx.identity is not None else None
        try:
            room = store.room(ctx.session.id, person=person)
        except Exception:  # the panels keep the last room they had; the forms stay usable
            log.exception("reading the room of session %s failed", ctx.session.id)
            return self.room
        self.set(room)
        return room

    def current(self):
        """The room as last read (read once when nothing was read yet)."""
        if self.room is None:
            self.load()
        return self.room

    def set(self, room) -> None:
        """Take a room read elsewhere (e.g. the answer of the coach's own click) and show it."""
        with self._lock:
            if room is None:
                return
            self.room = room
            self.read_at = time.monotonic()
            self.version = max(self.version, int(getattr(room, "version", 0) or 0))
            self.show()

    def seconds_left(self) -> int | None:
        """The running phase's time left now (negative: over time), None when no phase runs."""
        room = self.room
        if room is None or room.seconds_left is None:
            return None
        if room.state != "running":
            return room.seconds_left
        return int(round(room.seconds_left - (time.monotonic() - self.read_at)))

    def show(self) -> None:
        """Redraw every listener with the room (phase lines, locks, the room panel)."""
        with self._lock:
            for listener in list(self.listeners):
                try:
                    listener.show_room(self.room)
                except Exception as exc:  # one broken form must not block the others
                    if _kernel_gone(exc):  # the kernel shuts down under the thread: nothing left to show
                        self.stop()
                        return
                    log.exception("showing the room in a %s failed", type(listener).__name__)

    def listen(self, listener) -> None:
        if listener not in self.listeners:
            self.listeners.append(listener)

    # -- the threads ------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def start(self) -> None:
        """Start the watcher and the clock (once)."""
        if self._threads or self.ctx.session is None or self._stop.is_set():
            return
        sid = self.ctx.session.id
        for target, name in ((self._watch, "watch"), (self._clock, "clock")):
            thread = threading.Thread(target=target, name=f"leerkring-{name}-{sid}", daemon=True)
            self._threads.append(thread)
            thread.start()

    def stop(self) -> None:
        """Let both threads end (the watcher ends when its current watch call returns)."""
        self._stop.set()
        self.listeners.clear()

    def changed(self) -> None:
        """Something changed in the session: read the room and every wall again, and redraw."""
        with self._lock:
            if self._stop.is_set():
                return
            self.changes += 1
            try:
                self.load()
                self.ctx.refresh_all()
            except Exception as exc:  # the watcher must go on after a redraw that failed
                if _kernel_gone(exc):
                    self.stop()
                else:
                    log.exception("redrawing session %s failed", self.ctx.session.id)

    def _watch_store(self):
        """A store for the watcher alone: a RemoteStore gets a transport of its own."""
        store = self.ctx.ws.store
        from leerkring.store.remote import RemoteStore

        if isinstance(store, RemoteStore):
            return RemoteStore(store.root, store.url, store.frameworks), True
        return store, False

    def _watch(self) -> None:
        store, own = self._watch_store()
        sid = self.ctx.session.id
        self.mode = "watch"  # until a call fails
        try:
            while not self._stop.is_set():
                try:
                    version = store.watch(sid, since=self.version, timeout=WATCH_TIMEOUT)
                except Exception:  # no watch (an older service) or a broken connection: poll
                    level = logging.INFO if self.mode != "poll" else logging.DEBUG
                    log.log(
                        level, "watching session %s failed; reading it every %.0f s", sid, POLL_SECONDS, exc_info=True
                    )
                    self.mode = "poll"
                    if self._stop.wait(POLL_SECONDS):
                        return
                    self.changed()
                    continue
                self.mode = "watch"
                if self._stop.is_set():
                    return
                if version != self.version:
                    self.version = version
                    self.changed()
        finally:
            if own:
                store.close()

    def _clock(self) -> None:
        while not self._stop.wait(TICK_SECONDS):
            room = self.room
            if room is not None and room.state == "running":
                self.show()


def _kernel_gone(exc: BaseException) -> bool:
    """True for the error of a kernel whose message channel has closed (it is shutting down)."""
    return type(exc).__module__.startswith("zmq")
