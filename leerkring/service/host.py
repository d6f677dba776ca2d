"""The leerkring service process: a threaded Unix-socket server that lives as long as it is used.

What it protects against, and what that costs:

- **Two services** (each ~1 GB with deduce): the service holds an exclusive lock beside its socket
  for its whole life; a second one started by hand or by a racing kernel finds it held and exits.
- **A stale socket** after a crash: whoever holds the life lock may remove it, nobody else.
- **A service nobody can reach** because its socket or lock was removed or replaced (e.g. someone
  deleted the directory): a guard thread checks every 2 s and stops the service, so a new one can
  take over instead of two half-working ones.
- **Memory held for nothing**: with ``--idle-timeout`` it stops after that many seconds without a
  request (the next call starts it again, at the cost of loading deduce).
- **One bad request**: it gets an error answer and is logged; the service and the connection go on.

Each connection gets a thread (clients keep one connection per kernel); handlers must be thread-safe.
Run it in the foreground with ``python -m leerkring.service``; ``leerkring service start|stop|status``
uses :mod:`leerkring.service.client`.

Who is calling: when a connection is accepted the host reads the peer's credentials once
(``SO_PEERCRED``: pid, uid, gid, reported by the kernel) and asks its identity provider (chosen at
start: ``serve(identity="local")``, ``--identity peer``; see :mod:`leerkring.identity`) for the
:class:`~leerkring.identity.Caller`. A refused connection gets one answer
``{"ok": false, "error": "...", "kind": "NotAllowed"}`` and is closed. Every request on the
connection is answered for that caller: ``handler.answer(request, caller)``.

- ``local`` (default): socket 0600 in a 0700 folder, only the service's own account is accepted;
  requests name their workspace.
- ``peer``: the service runs as its own system user and is bound to one workspace
  (``--workspace``); its socket is 0666 in a 0755 folder it owns, so every account may connect and
  the uid decides who it is. Only the service's own account or an admin may stop it.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import fcntl
import logging
import os
import signal
import socketserver
import sys
import threading
import time
from pathlib import Path
from typing import Any

from leerkring import identity as identities
from leerkring.errors import LeerkringError
from leerkring.service import NAME, ServiceError, framing, paths
from leerkring.service.handlers import Handlers

log = logging.getLogger(__name__)

GUARD_INTERVAL = 2.0  # seconds between checks that the socket and lock are still ours
REFUSED_LINGER = 5.0  # seconds a refused connection stays open for the client to send and read


def _rss_mb() -> float | None:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:  # not Linux: the ping answer simply has no figure
        return None
    return None


class _Connection(socketserver.StreamRequestHandler):
    server: ServiceServer

    def handle(self) -> None:
        caller = self._identify()
        if caller is None:
            return
        while True:
            try:
                line = framing.read_line(self.rfile)
            except framing.IncompleteMessage as exc:  # too large: answered and closed, the rest unread
                error = str(exc) if isinstance(exc, framing.MessageTooLarge) else "Verzoek onvolledig."
                self._send({"ok": False, "error": error, "kind": "UsageError"})
                return
            except OSError:  # the client went away mid-read: nothing to answer
                return
            if line is None:
                return
            self.server.touch()
            try:
                answer = self.server.answer(framing.decode(line), caller)
            except Exception as exc:  # one bad request must not kill the service or the connection
                log.exception("request failed")
                answer = {"ok": False, "error": f"Verzoek mislukt: {type(exc).__name__}.", "kind": "LeerkringError"}
            if not self._send(answer):
                return
            if answer.get("_shutdown"):
                threading.Thread(target=self.server.shutdown, daemon=True).start()
                return

    def _identify(self) -> identities.Caller | None:
        """The caller behind this connection, once; ``None`` (after one refusal answer) if refused."""
        try:
            pid, uid, gid = paths.peer_credentials(self.request)
            return self.server.identity.identify(identities.UnixPeer(pid, uid, gid))
        except LeerkringError as exc:  # NotAuthenticated, or a provider's own refusal
            log.info("connection refused: %s", exc)
            error = str(exc)
        except OSError:  # no credentials to read (the peer went away): nobody to answer
            log.info("connection without peer credentials", exc_info=True)
            return None
        except Exception as exc:  # a provider's bug must not kill the service
            log.exception("identifying a connection failed")
            error = f"De {NAME} kan niet vaststellen wie er verbinding maakt ({type(exc).__name__})."
        self._send({"ok": False, "error": error, "kind": "NotAllowed"})
        # wait for the client's first request before closing: closed earlier, its send would fail
        # (EPIPE) and it would never read the refusal that is already waiting for it
        with contextlib.suppress(OSError):  # it went away or timed out: nothing to wait for
            self.request.settimeout(REFUSED_LINGER)
            self.rfile.readline(64 * 1024)  # read, never kept: a stranger's request stays unread
        return None

    def _send(self, answer: dict[str, Any]) -> bool:
        answer = {k: v for k, v in answer.items() if not k.startswith("_")}
        try:
            data = framing.encode(answer)
        except (TypeError, ValueError) as exc:
            log.exception("answer cannot be sent")
            data = framing.encode({"ok": False, "error": f"Antwoord niet te versturen: {type(exc).__name__}."})
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:  # the client went away; its kernel will see a broken connection
            return False
        return True


class ServiceServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    allow_reuse_address = False
    request_queue_size = 128

    def __init__(self, path: Path, handlers: Handlers, identity: identities.IdentityProvider | None = None):
        self.handlers = handlers
        self.identity = identity or identities.LocalIdentity()
        self.started = time.time()
        self.requests = 0
        self.last_used = time.monotonic()
        self._count_lock = threading.Lock()
        super().__init__(str(path), _Connection)

    def touch(self) -> None:
        self.last_used = time.monotonic()

    def answer(self, req: dict[str, Any], caller: identities.Caller) -> dict[str, Any]:
        op = req.get("op")
        if op == "ping":
            return {
                "ok": True,
                "pid": os.getpid(),
                "uptime_s": round(time.time() - self.started, 1),
                "requests": self.requests,
                "rss_mb": _rss_mb(),
                **self.handlers.status(),
            }
        if op == "shutdown":
            if not (caller.trusted or caller.admin):
                return {"ok": False, "error": f"Alleen de beheerder mag de {NAME} stoppen.", "kind": "NotAllowed"}
            return {"ok": True, "_shutdown": True}
        if isinstance(op, str) and op in self.handlers:
            with self._count_lock:
                self.requests += 1
            return self.handlers.get(op).answer(req, caller)
        return {"ok": False, "error": f"Onbekende opdracht: {op!r}."}


def _take_life_lock(path: Path, tries: float = 1.0) -> int | None:
    fd = os.open(paths.lock_path(path), os.O_RDWR | os.O_CREAT, 0o600)
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


def _daemon(target) -> None:
    threading.Thread(target=target, daemon=True).start()


def serve(
    path: Path | None = None,
    *,
    idle_timeout: float = 0,
    handlers: Handlers | None = None,
    quiet: bool = False,
    identity: str = identities.DEFAULT,
    workspace: Path | str | None = None,
    admins: tuple[str, ...] = (),
) -> int:
    """Run the service in the foreground until stopped (SIGTERM/SIGINT, ``shutdown`` request or
    ``idle_timeout`` seconds without requests). Returns an exit code.

    ``identity`` names the provider that tells callers apart (see the module docstring); any other
    than ``local`` needs ``workspace``, the one workspace the service then serves. ``admins`` are the
    accounts that may run workspace operations (``[service] admins``)."""
    path = Path(path or paths.socket_path())
    provider = identities.provider(identity, admins=admins, service_uid=os.getuid())
    shared = provider.name != "local"
    if shared and workspace is None:
        raise ServiceError(f"De {NAME} met identiteitsbron '{provider.name}' heeft een werkruimte nodig (--workspace).")
    if workspace is not None:
        workspace = Path(workspace).resolve()
    paths.prepare_dir(path, shared=shared)
    fd = _take_life_lock(path)
    if fd is None:
        if not quiet:
            print(f"{NAME}: draait al ({path})", flush=True)
        return 0
    say = (lambda msg: None) if quiet else (lambda msg: print(f"{NAME}: {msg}", flush=True))
    if handlers is None:
        handlers = Handlers(workspace=workspace)
    elif workspace is not None:
        handlers.services.workspace = workspace
    try:
        started = time.perf_counter()
        handlers.start()  # e.g. load deduce and run one text through it, before accepting connections
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # stale socket from a crashed service; we hold the life lock
        # local: 0600, only this account; shared: 0666, every account may connect and the uid decides
        old_umask = os.umask(0o111 if shared else 0o177)
        try:
            server = ServiceServer(path, handlers, provider)
        finally:
            os.umask(old_umask)
        if shared:
            os.chmod(path, 0o666)
        say(f"klaar in {time.perf_counter() - started:.1f} s, pid {os.getpid()}, luistert op {path}")

        def stop(signum: int, frame: Any) -> None:
            _daemon(server.shutdown)

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
        sock_inode = path.stat().st_ino
        lock_inode = os.fstat(fd).st_ino

        def still_ours() -> bool:
            try:
                return path.stat().st_ino == sock_inode and paths.lock_path(path).stat().st_ino == lock_inode
            except OSError:  # removed: not ours any more
                return False

        def guard() -> None:
            # someone removed or replaced our socket or lock (e.g. deleted the directory): another
            # service may take over, so this one must go
            while True:
                time.sleep(GUARD_INTERVAL)
                if not still_ours():
                    say("socket of lock verdwenen, stopt")
                    server.shutdown()
                    return

        _daemon(guard)
        if idle_timeout > 0:

            def watch() -> None:
                while True:
                    time.sleep(min(idle_timeout, 5))
                    if time.monotonic() - server.last_used > idle_timeout:
                        say(f"{idle_timeout:.0f} s niet gebruikt, stopt")
                        server.shutdown()
                        return

            _daemon(watch)
        try:
            server.serve_forever(poll_interval=0.2)
        finally:
            server.server_close()
            handlers.close()
            with contextlib.suppress(FileNotFoundError):  # the guard found it gone already
                path.unlink()
        say("gestopt")
        return 0
    except OSError as exc:
        log.exception("the service stopped on an error")
        say(f"socket bezet: {path}" if exc.errno == errno.EADDRINUSE else f"fout: {exc}")
        return 1
    finally:
        os.close(fd)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m leerkring.service",
        description="De leerkring-service: laadt deduce één keer en beantwoordt scrub- en opslagverzoeken "
        "van notebooks.",
    )
    parser.add_argument("--socket", type=Path, default=None, help="pad van de Unix-socket")
    parser.add_argument(
        "--idle-timeout", type=float, default=0, help="stop na zoveel seconden zonder verzoek (0: nooit)"
    )
    parser.add_argument(
        "--identity",
        default=None,
        help="wie er belt: local (één account, standaard), peer (accounts op deze machine, via uid); "
        "standaard [service] identity van de werkruimte",
    )
    parser.add_argument("--workspace", type=Path, default=None, help="de werkruimte waaraan de service gebonden is")
    args = parser.parse_args(argv)
    # our output goes to service.log (see client._spawn): errors there explain a failed request
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        identity, admins, socket_path = args.identity or identities.DEFAULT, (), args.socket
        if args.workspace is not None:
            from leerkring import config

            settings = config.read_settings(args.workspace.resolve())
            identity = args.identity or settings.service_identity
            admins = settings.service_admins
            if socket_path is None and identity != "local":
                socket_path = Path(settings.peer_socket())
        return serve(
            socket_path, idle_timeout=args.idle_timeout, identity=identity, workspace=args.workspace, admins=admins
        )
    except LeerkringError as exc:
        print(f"{NAME}: {exc}", file=sys.stderr, flush=True)
        return 1
