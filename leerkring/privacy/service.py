"""One shared scrubbing process per user and machine.

deduce costs seconds to load and about 1 GB of memory, so ten member kernels must not each load it.
This module runs deduce once, in a service that answers scrub requests over a Unix domain socket, and
gives kernels a small client that starts the service on first use.

Protocol: JSON lines. Each request is one line, each answer one line, on the same connection::

    {"op": "scrub", "text": "...", "known_names": ["Sandra Willems"]}
    -> {"ok": true, "text": "...", "findings": [["persoon", 12, 27, "[PERSOON-1]"], ...]}
    {"op": "store", "workspace": "/abs/path", "database_url": "...", "method": "add_entry",
     "args": [...], "kwargs": {...}}
    -> {"ok": true, "result": ...} or {"ok": false, "error": "...", "kind": "SessionClosed"}
    {"op": "ping"}      -> {"ok": true, "pid": 123, "uptime_s": 4.2, "requests": 10, ...}
    {"op": "shutdown"}  -> {"ok": true}
    errors              -> {"ok": false, "error": "<one line of Dutch>"}

Socket: ``$LEERKRING_SCRUBBER_SOCKET``, else ``$XDG_RUNTIME_DIR/leerkring/scrubber.sock``, else
``/tmp/leerkring-<uid>/scrubber.sock`` (directory mode 0700, socket 0600). Beside it: ``scrubber.lock``
(held by the running service for its whole life, so there is never more than one), ``scrubber.spawn.lock``
(serialises kernels that want to start it) and ``scrubber.log``.

Run it in the foreground with ``python -m leerkring.privacy.service``; the CLI offers
``leerkring scrubber start|stop|status`` over :func:`start_service`, :func:`stop_service` and
:func:`service_status`.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import fcntl
import json
import os
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from leerkring.privacy.model import Scrubbed, ScrubberError

#: Seconds a kernel waits for a scrub answer (a 200 KB text takes well under a second).
REQUEST_TIMEOUT = float(os.environ.get("LEERKRING_SCRUBBER_TIMEOUT", "60"))
#: Seconds a kernel waits for a service it started (first start after install builds caches: ~60 s).
START_TIMEOUT = float(os.environ.get("LEERKRING_SCRUBBER_START_TIMEOUT", "180"))
MAX_LINE = 64 * 1024 * 1024  # 64 MB per request line
_SUN_PATH_MAX = 107

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
    if notify is not None:
        with contextlib.suppress(Exception):  # a notice must never break the call it describes
            notify(seconds)


# ------------------------------------------------------------------------------------ paths
def socket_path() -> Path:
    """Where the service listens (see the module docstring)."""
    explicit = os.environ.get("LEERKRING_SCRUBBER_SOCKET")
    if explicit:
        return Path(explicit)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime) and os.access(runtime, os.W_OK):
        return Path(runtime) / "leerkring" / "scrubber.sock"
    return Path("/tmp") / f"leerkring-{os.getuid()}" / "scrubber.sock"


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.stem + suffix)


def lock_path(path: Path | None = None) -> Path:
    return _side(path or socket_path(), ".lock")


def log_path(path: Path | None = None) -> Path:
    return _side(path or socket_path(), ".log")


def _prepare_dir(path: Path) -> None:
    if len(os.fsencode(str(path))) > _SUN_PATH_MAX:
        raise ScrubberError(f"Het socketpad voor de scrubber is te lang (max. {_SUN_PATH_MAX} tekens): {path}")
    directory = path.parent
    try:
        if not directory.is_dir():
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(directory, 0o700)
        elif directory.owner() == _user() and directory.name.startswith(("leerkring", "scrubber")):
            os.chmod(directory, 0o700)
    except OSError as exc:
        raise ScrubberError(f"Kan de map voor de scrubber-service niet maken: {directory} ({exc.strerror or exc}).") from exc


def _user() -> str:
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # pragma: no cover
        return str(os.getuid())


# ------------------------------------------------------------------------------------ client
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
                raise socket.timeout("backlog") from None
            time.sleep(0.005)
        except OSError:
            sock.close()
            raise


def _exchange(sock: socket.socket, payload: dict[str, Any]) -> dict[str, Any]:
    sock.sendall(json.dumps(payload, ensure_ascii=False).encode("utf-8") + b"\n")
    with sock.makefile("rb") as reader:
        line = reader.readline(MAX_LINE + 1)
    if not line.endswith(b"\n"):
        raise ConnectionError("onvolledig antwoord")
    return json.loads(line)


def connect(path: Path | None = None, timeout: float | None = None) -> socket.socket:
    """A connection to the running service. Raises ``OSError`` when none is listening."""
    return _connect(path or socket_path(), timeout or REQUEST_TIMEOUT)


def request(payload: dict[str, Any], *, path: Path | None = None, timeout: float | None = None) -> dict[str, Any]:
    """Send one request to a running service. Raises ``OSError`` when none is listening."""
    with connect(path, timeout) as sock:
        return _exchange(sock, payload)


def _ping(path: Path, timeout: float = 2.0) -> dict[str, Any] | None:
    try:
        answer = request({"op": "ping"}, path=path, timeout=timeout)
    except (OSError, ValueError, socket.timeout):
        return None
    return answer if answer.get("ok") else None


def client_scrub(text: str, known_names: Iterable[str] = (), *, timeout: float | None = None) -> Scrubbed:
    """Scrub through the shared service, starting it when none runs."""
    path = socket_path()
    payload = {"op": "scrub", "text": text, "known_names": list(known_names)}
    timeout = timeout or REQUEST_TIMEOUT
    for attempt in (1, 2):
        try:
            answer = request(payload, path=path, timeout=timeout)
        except socket.timeout as exc:
            raise ScrubberError(f"De scrubber-service gaf geen antwoord binnen {timeout:.0f} s.") from exc
        except OSError:  # no socket, refused, reset, not a directory, ...: (re)start the service
            if attempt == 2:
                raise ScrubberError(f"De scrubber-service is niet bereikbaar via {path}.") from None
            start_service()
            continue
        except ValueError as exc:
            raise ScrubberError("De scrubber-service gaf een onleesbaar antwoord.") from exc
        if not answer.get("ok"):
            raise ScrubberError(str(answer.get("error") or "De scrubber-service gaf een fout."))
        return Scrubbed.from_dict(answer)
    raise AssertionError("unreachable")  # pragma: no cover


# ------------------------------------------------------------------------------------ locks
def _lock_is_held(path: Path) -> bool:
    """True when a service holds its life lock (it is running or still loading deduce)."""
    try:
        fd = os.open(lock_path(path), os.O_RDONLY)
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
    fd = os.open(_side(path, ".spawn.lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ScrubberError("Een ander proces start de scrubber-service en blijft hangen.") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)


def _service_pid(path: Path) -> int | None:
    try:
        return int(lock_path(path).read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _log_tail(path: Path) -> str:
    try:
        lines = [line for line in log_path(path).read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return ""
    return lines[-1].strip()[:200] if lines else ""


# ------------------------------------------------------------------------------------ control
def service_status() -> dict[str, Any]:
    """``{"running": bool, "socket": str, ...}``; when running also pid, uptime_s, requests, rss_mb,
    engine. ``"starting": True`` while a service holds its lock but does not answer yet."""
    path = socket_path()
    status: dict[str, Any] = {"running": False, "socket": str(path), "log": str(log_path(path))}
    answer = _ping(path)
    if answer:
        status.update({k: v for k, v in answer.items() if k != "ok"})
        status["running"] = True
    else:
        status["starting"] = _lock_is_held(path)
        if status["starting"]:
            status["pid"] = _service_pid(path)
    return status


def _spawn(path: Path) -> subprocess.Popen:
    python = os.environ.get("LEERKRING_SCRUBBER_PYTHON") or sys.executable
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    env["LEERKRING_SCRUBBER_SOCKET"] = str(path)
    log = open(log_path(path), "ab")
    try:
        return subprocess.Popen(
            [python, "-m", "leerkring.privacy.service", "--socket", str(path)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=str(path.parent),
            env=env,
            start_new_session=True,  # survives the kernel and its process group
            close_fds=True,
        )
    except OSError as exc:
        raise ScrubberError(f"Kan de scrubber-service niet starten: {exc.strerror or exc}.") from exc
    finally:
        log.close()


def start_service(*, wait: bool = True, timeout: float | None = None) -> dict[str, Any]:
    """Start the service detached unless one runs (or is starting); with ``wait`` block until it
    answers. Returns :func:`service_status`. Raises :class:`ScrubberError` when it cannot start."""
    global _spawned
    path = socket_path()
    timeout = START_TIMEOUT if timeout is None else timeout
    if _ping(path):
        return service_status()
    _prepare_dir(path)
    proc: subprocess.Popen | None = None
    with _spawn_lock(path, timeout):
        if not _ping(path) and not _lock_is_held(path):
            proc = _spawned = _spawn(path)
            # wait until it holds its life lock, so a kernel right behind us does not spawn another
            deadline = time.monotonic() + 10
            while not _lock_is_held(path) and proc.poll() is None and time.monotonic() < deadline:
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
        if _ping(path):
            return answered()
        if not waiting:
            waiting = True
            _tell(None)
        if proc is not None and proc.poll() is not None and not _lock_is_held(path):
            if _ping(path):  # lost a start race: another service answers
                return answered()
            tail = _log_tail(path)
            detail = f": {tail}" if tail else ""
            raise ScrubberError(f"De scrubber-service kon niet starten (zie {log_path(path)}){detail}")
        if proc is None and not _lock_is_held(path) and not _ping(path):
            # the service another kernel started went away before answering: try ourselves
            return start_service(wait=wait, timeout=max(1.0, deadline - time.monotonic()))
        if time.monotonic() > deadline:
            raise ScrubberError(
                f"De scrubber-service reageert niet binnen {timeout:.0f} s (zie {log_path(path)})."
            )
        time.sleep(0.05)


def stop_service(*, timeout: float = 15.0) -> bool:
    """Stop the running service. Returns False when none was running."""
    path = socket_path()
    was_running = False
    try:
        request({"op": "shutdown"}, path=path, timeout=5)
        was_running = True
    except (OSError, ValueError):
        pid = _service_pid(path) if _lock_is_held(path) else None
        if pid is None:
            return False
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)  # still loading deduce: it cannot answer yet
        was_running = True
    deadline = time.monotonic() + timeout
    while _lock_is_held(path) or _ping(path, timeout=0.5):
        if time.monotonic() > deadline:
            raise ScrubberError(f"De scrubber-service stopt niet binnen {timeout:.0f} s.")
        time.sleep(0.05)
    if _spawned is not None:
        with contextlib.suppress(Exception):
            _spawned.wait(timeout=1)
    return was_running


# ------------------------------------------------------------------------------------ server
def _rss_mb() -> float | None:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


class _Handler(socketserver.StreamRequestHandler):
    server: "ScrubServer"

    def handle(self) -> None:
        while True:
            try:
                line = self.rfile.readline(MAX_LINE + 1)
            except OSError:
                return
            if not line:
                return
            if not line.endswith(b"\n"):
                self._send({"ok": False, "error": "Verzoek te groot of onvolledig."})
                return
            self.server.touch()
            try:
                req = json.loads(line)
                answer = self.server.answer(req)
            except Exception as exc:  # noqa: BLE001 - one bad request must not kill the service
                answer = {"ok": False, "error": f"Verzoek mislukt: {type(exc).__name__}.", "kind": "LeerkringError"}
            if not self._send(answer):
                return
            if answer.get("_shutdown"):
                threading.Thread(target=self.server.shutdown, daemon=True).start()
                return

    def _send(self, answer: dict[str, Any]) -> bool:
        answer = {k: v for k, v in answer.items() if not k.startswith("_")}
        try:
            line = json.dumps(answer, ensure_ascii=False)
        except (TypeError, ValueError) as exc:
            line = json.dumps({"ok": False, "error": f"Antwoord niet te versturen: {type(exc).__name__}."})
        try:
            self.wfile.write(line.encode("utf-8") + b"\n")
            self.wfile.flush()
        except OSError:
            return False
        return True


class ScrubServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    allow_reuse_address = False
    request_queue_size = 128

    def __init__(self, path: Path, engine: Any):
        self.engine = engine
        self._gateway = None  # store calls from session-notebook kernels (leerkring.store.gateway)
        self._gateway_lock = threading.Lock()
        self.started = time.time()
        self.requests = 0
        self.last_used = time.monotonic()
        self._count_lock = threading.Lock()
        super().__init__(str(path), _Handler)

    def touch(self) -> None:
        self.last_used = time.monotonic()

    def answer(self, req: dict[str, Any]) -> dict[str, Any]:
        op = req.get("op")
        if op == "scrub":
            with self._count_lock:
                self.requests += 1
            text = req.get("text")
            if not isinstance(text, str):
                return {"ok": False, "error": "Geen tekst om te scrubben."}
            names = [str(n) for n in req.get("known_names") or ()]
            return {"ok": True, **self.engine.scrub(text, known_names=names).to_dict()}
        if op == "store":
            with self._count_lock:
                self.requests += 1
            return self.gateway().answer(req)
        if op == "ping":
            return {
                "ok": True,
                "pid": os.getpid(),
                "uptime_s": round(time.time() - self.started, 1),
                "requests": self.requests,
                "rss_mb": _rss_mb(),
                "engine": _engine_name(),
            }
        if op == "shutdown":
            return {"ok": True, "_shutdown": True}
        return {"ok": False, "error": f"Onbekende opdracht: {op!r}."}

    def gateway(self):
        """The store gateway, made on the first store call (SQLAlchemy loads then, not at start)."""
        with self._gateway_lock:
            if self._gateway is None:
                from leerkring.store.gateway import StoreGateway

                self._gateway = StoreGateway(self.engine.scrub)
            return self._gateway


def _engine_name() -> str:
    try:
        from importlib.metadata import version

        return f"deduce {version('deduce')}"
    except Exception:  # noqa: BLE001
        return "deduce"


def _take_life_lock(path: Path, tries: float = 1.0) -> int | None:
    fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + tries
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:  # maybe only a client probing the lock: retry briefly
            if time.monotonic() > deadline:
                os.close(fd)
                return None
            time.sleep(0.02)
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    return fd


def serve(path: Path | None = None, *, idle_timeout: float = 0, engine: Any = None, quiet: bool = False) -> int:
    """Run the service in the foreground until stopped (SIGTERM/SIGINT, ``shutdown`` request or
    ``idle_timeout`` seconds without requests). Returns an exit code."""
    path = Path(path or socket_path())
    _prepare_dir(path)
    fd = _take_life_lock(path)
    if fd is None:
        if not quiet:
            print(f"scrubber: draait al ({path})", flush=True)
        return 0
    say = (lambda msg: None) if quiet else (lambda msg: print(f"scrubber: {msg}", flush=True))
    try:
        started = time.perf_counter()
        if engine is None:
            from leerkring.privacy.engine import LocalEngine

            engine = LocalEngine()
        engine.load()  # load deduce and run one text through it before accepting connections
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # stale socket from a crashed service; we hold the life lock
        old_umask = os.umask(0o177)
        try:
            server = ScrubServer(path, engine)
        finally:
            os.umask(old_umask)
        say(f"klaar in {time.perf_counter() - started:.1f} s, pid {os.getpid()}, luistert op {path}")

        def stop(signum: int, frame: Any) -> None:
            threading.Thread(target=server.shutdown, daemon=True).start()

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
        sock_inode = path.stat().st_ino
        lock_inode = os.fstat(fd).st_ino

        def still_ours() -> bool:
            try:
                return path.stat().st_ino == sock_inode and lock_path(path).stat().st_ino == lock_inode
            except OSError:
                return False

        def guard() -> None:
            # someone removed or replaced our socket or lock (e.g. deleted the directory): another
            # service may take over, so this one must go
            while True:
                time.sleep(2)
                if not still_ours():
                    say("socket of lock verdwenen, stopt")
                    server.shutdown()
                    return

        threading.Thread(target=guard, daemon=True).start()
        if idle_timeout > 0:

            def watch() -> None:
                while True:
                    time.sleep(min(idle_timeout, 5))
                    if time.monotonic() - server.last_used > idle_timeout:
                        say(f"{idle_timeout:.0f} s niet gebruikt, stopt")
                        server.shutdown()
                        return

            threading.Thread(target=watch, daemon=True).start()
        try:
            server.serve_forever(poll_interval=0.2)
        finally:
            server.server_close()
            if server._gateway is not None:
                server._gateway.close()
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        say("gestopt")
        return 0
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            say(f"socket bezet: {path}")
        else:
            say(f"fout: {exc}")
        return 1
    finally:
        os.close(fd)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m leerkring.privacy.service",
        description="Gedeelde scrubber-service: laadt deduce één keer en beantwoordt scrubverzoeken.",
    )
    parser.add_argument("--socket", type=Path, default=None, help="pad van de Unix-socket")
    parser.add_argument("--idle-timeout", type=float, default=0, help="stop na zoveel seconden zonder verzoek (0: nooit)")
    args = parser.parse_args(argv)
    try:
        return serve(args.socket, idle_timeout=args.idle_timeout)
    except ScrubberError as exc:
        print(f"scrubber: {exc}", file=sys.stderr, flush=True)
        return 1


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # skip freeing deduce's ~1 GB of objects one by one (seconds) at exit
