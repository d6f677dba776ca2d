"""The client side of the leerkring service: connect, send a request, start, stop, ask its status.

A kernel never starts the service by hand: the first call that finds no service starts one,
detached (it survives the kernel), and waits until it answers. Two kernels starting at the same time
must not load deduce twice, so a spawn lock beside the socket serialises them and the service holds a
life lock for as long as it runs; a kernel that sees that lock held waits instead of spawning.

Loading deduce takes seconds, the first time after installing up to a minute: :func:`start_notice`
lets a notebook form tell the member why it waits (:mod:`leerkring.widgets.waiting`).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from leerkring.service import NAME, ServiceError, framing, paths

log = logging.getLogger(__name__)

#: Seconds a caller waits for an answer (a 200 KB text takes well under a second to scrub).
REQUEST_TIMEOUT = float(os.environ.get("LEERKRING_SERVICE_TIMEOUT", "60"))
#: Seconds a caller waits for a service it started (first start after install builds caches: ~60 s).
START_TIMEOUT = float(os.environ.get("LEERKRING_SERVICE_START_TIMEOUT", "180"))
PYTHON_ENV = "LEERKRING_SERVICE_PYTHON"  # the interpreter that runs the service (default: this one)

_spawned: subprocess.Popen | None = None  # the service this process started, if any
# Who to tell that a call waits for the service to start (see start_notice).
_start_notice: ContextVar[Callable[[float | None], None] | None] = ContextVar("leerkring_start_notice", default=None)


@contextlib.contextmanager
def start_notice(notify: Callable[[float | None], None]) -> Iterator[None]:
    """While active, a call that has to wait for the service to start calls ``notify(None)`` before
    it waits and ``notify(seconds)`` once the service answers. Nothing is called when the service
    already runs. A notebook form uses it to say why it is waiting (loading deduce takes seconds)."""
    token = _start_notice.set(notify)
    try:
        yield
    finally:
        _start_notice.reset(token)


def _tell(seconds: float | None) -> None:
    notify = _start_notice.get()
    if notify is None:
        return
    try:
        notify(seconds)
    except Exception:  # a notice must never break the call it describes
        log.warning("start notice failed", exc_info=True)


# ------------------------------------------------------------------------------------ requests
def _connect(path: Path, timeout: float) -> socket.socket:
    deadline = time.monotonic() + timeout
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(str(path))
            return sock
        except BlockingIOError:  # the listen backlog is full: the service is busy, not gone
            sock.close()
            if time.monotonic() > deadline:
                raise TimeoutError("backlog") from None
            time.sleep(0.005)
        except OSError:
            sock.close()
            raise


def connect(path: Path | None = None, timeout: float | None = None) -> socket.socket:
    """A connection to the running service. Raises ``OSError`` when none is listening.

    Nothing is sent before the socket, its directory and the process listening on it are known to
    belong to the service's account (our own, or ``$LEERKRING_SERVICE_USER``'s for a shared one):
    :class:`ServiceError` otherwise, with one line of Dutch.
    """
    path = Path(path or paths.socket_path())
    owner = paths.service_uid()
    paths.check_socket(path, owner, shared=paths.is_shared())
    sock = _connect(path, timeout or REQUEST_TIMEOUT)
    try:
        paths.check_peer(sock, owner)
    except BaseException:
        sock.close()
        raise
    return sock


def request(payload: dict[str, Any], *, path: Path | None = None, timeout: float | None = None) -> dict[str, Any]:
    """Send one request to a running service and return its answer, on a connection of its own.

    Raises ``OSError`` when none is listening (``socket.timeout`` when it does not answer in time,
    :class:`~leerkring.service.framing.IncompleteMessage` when it hangs up) and ``ValueError`` for an
    answer that is not JSON.
    """
    with connect(path, timeout) as sock:
        framing.send(sock, payload)
        with sock.makefile("rb") as reader:
            return framing.receive(reader)


def ping(path: Path | None = None, timeout: float = 2.0) -> dict[str, Any] | None:
    """The service's ping answer, or ``None`` when no service answers (not running, or still loading)."""
    try:
        answer = request({"op": "ping"}, path=path or paths.socket_path(), timeout=timeout)
    except (OSError, ValueError):  # no service is an answer here, not an error
        return None
    return answer if answer.get("ok") else None


# ------------------------------------------------------------------------------------ locks
def lock_is_held(path: Path) -> bool:
    """True when a service holds its life lock (it is running or still loading deduce)."""
    try:
        fd = os.open(paths.lock_path(path), os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


@contextlib.contextmanager
def _spawn_lock(path: Path, timeout: float) -> Iterator[None]:
    fd = os.open(paths.spawn_lock_path(path), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ServiceError(f"Een ander proces start de {NAME} en blijft hangen.") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)


def _service_pid(path: Path) -> int | None:
    try:
        return int(paths.lock_path(path).read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _log_tail(path: Path) -> str:
    try:
        lines = [line for line in paths.log_path(path).read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return ""
    return lines[-1].strip()[:200] if lines else ""


# ------------------------------------------------------------------------------------ control
def service_status() -> dict[str, Any]:
    """``{"running": bool, "socket": str, ...}``; when running also pid, uptime_s, requests, rss_mb,
    engine. ``"starting": True`` while a service holds its lock but does not answer yet."""
    path = paths.socket_path()
    status: dict[str, Any] = {"running": False, "socket": str(path), "log": str(paths.log_path(path))}
    answer = ping(path)
    if answer:
        status.update({k: v for k, v in answer.items() if k != "ok"})
        status["running"] = True
    else:
        status["starting"] = lock_is_held(path)
        if status["starting"]:
            status["pid"] = _service_pid(path)
    return status


def _spawn(path: Path, options: list[str]) -> subprocess.Popen:
    python = os.environ.get(PYTHON_ENV) or sys.executable
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    env[paths.SOCKET_ENV] = str(path)
    fd = os.open(paths.log_path(path), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    log_file = os.fdopen(fd, "ab")
    try:
        return subprocess.Popen(
            [python, "-m", "leerkring.service", "--socket", str(path), *options],
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            cwd=str(path.parent),
            env=env,
            start_new_session=True,  # survives the kernel and its process group
            close_fds=True,
        )
    except OSError as exc:
        raise ServiceError(f"Kan de {NAME} niet starten: {exc.strerror or exc}.") from exc
    finally:
        log_file.close()


def start_service(
    *,
    wait: bool = True,
    timeout: float | None = None,
    identity: str = "local",
    workspace: Path | str | None = None,
) -> dict[str, Any]:
    """Start the service detached unless one runs (or is starting); with ``wait`` block until it
    answers. Returns :func:`service_status`. Raises :class:`ServiceError` when it cannot start.

    ``identity`` names how the service knows its callers (``local``, ``peer``; see
    :mod:`leerkring.identity`); ``workspace`` binds it to that one workspace (required for ``peer``).
    A service that another account runs (``$LEERKRING_SERVICE_USER``) is never started from here.
    """
    global _spawned
    path = paths.socket_path()
    timeout = START_TIMEOUT if timeout is None else timeout
    if ping(path):
        return service_status()
    if paths.service_uid() != os.getuid():
        raise ServiceError(
            f"De {NAME} van deze machine draait niet ({path}); vraag de beheerder haar te starten "
            f"(als {os.environ.get(paths.USER_ENV)}: leerkring service start)."
        )
    shared = identity != "local"
    paths.prepare_dir(path, shared=shared)
    options = ["--identity", identity] if identity != "local" else []
    if workspace is not None:
        options += ["--workspace", str(workspace)]
    proc: subprocess.Popen | None = None
    with _spawn_lock(path, timeout):
        if not ping(path) and not lock_is_held(path):
            proc = _spawned = _spawn(path, options)
            # wait until it holds its life lock, so a kernel right behind us does not spawn another
            deadline = time.monotonic() + 10
            while not lock_is_held(path) and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
    if not wait:
        return service_status()
    began = time.monotonic()
    deadline = began + timeout
    waiting = False  # told the caller's notice that we wait

    def answered() -> dict[str, Any]:
        if waiting:
            _tell(time.monotonic() - began)
        return service_status()

    while True:
        if ping(path):
            return answered()
        if not waiting:
            waiting = True
            _tell(None)
        if proc is not None and proc.poll() is not None and not lock_is_held(path):
            if ping(path):  # lost a start race: another service answers
                return answered()
            tail = _log_tail(path)
            detail = f": {tail}" if tail else ""
            raise ServiceError(f"De {NAME} kon niet starten (zie {paths.log_path(path)}){detail}")
        if proc is None and not lock_is_held(path) and not ping(path):
            # the service another kernel started went away before answering: try ourselves
            return start_service(
                wait=wait, timeout=max(1.0, deadline - time.monotonic()), identity=identity, workspace=workspace
            )
        if time.monotonic() > deadline:
            raise ServiceError(f"De {NAME} reageert niet binnen {timeout:.0f} s (zie {paths.log_path(path)}).")
        time.sleep(0.05)


def stop_service(*, timeout: float = 15.0) -> bool:
    """Stop the running service. Returns False when none was running."""
    path = paths.socket_path()
    was_running = False
    try:
        answer = request({"op": "shutdown"}, path=path, timeout=5)
        if not answer.get("ok"):
            raise ServiceError(str(answer.get("error") or f"De {NAME} weigert te stoppen."))
        was_running = True
    except (OSError, ValueError):  # not answering: not running, or still loading deduce
        pid = _service_pid(path) if lock_is_held(path) else None
        if pid is None:
            return False
        with contextlib.suppress(ProcessLookupError):  # it ended meanwhile: that is what we want
            os.kill(pid, signal.SIGTERM)  # still loading deduce: it cannot answer yet
        was_running = True
    deadline = time.monotonic() + timeout
    while lock_is_held(path) or ping(path, timeout=0.5):
        if time.monotonic() > deadline:
            raise ServiceError(f"De {NAME} stopt niet binnen {timeout:.0f} s.")
        time.sleep(0.05)
    if _spawned is not None:
        try:
            _spawned.wait(timeout=1)  # reap our own child, so it leaves no zombie
        except subprocess.TimeoutExpired:
            log.warning("the service this process started (pid %s) has not exited yet", _spawned.pid)
    return was_running
