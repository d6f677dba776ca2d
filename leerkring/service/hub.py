"""The leerkring service as a JupyterHub service: the only door to the data on a hub.

Runs as a managed or external hub service under its prefix (``JUPYTERHUB_SERVICE_PREFIX``, normally
``/services/leerkring/``)::

    python -m leerkring.service.hub --workspace /srv/leerkring/wijkteams

(or with ``LEERKRING_WORKSPACE`` in its environment, as ``leerkring hub config`` sets it up).

Every request is authenticated with the caller's hub token (``Authorization: token ...``), which the
hub checks for us (:class:`jupyterhub.services.auth.HubAuth` with the access scope
``access:services!service=leerkring``); the :class:`~leerkring.identity.Caller` comes from the hub's
user model (the ``hub`` identity provider), never from the request body. The workspace is this
process's own configuration (``--workspace``; its database from the workspace settings or this
process's ``LEERKRING_DATABASE_URL``): no request names them, so a kernel needs no key to the data.
Endpoints, under the prefix:

- ``POST api/store``: one store call, the body as the socket sends it (``method``, ``args``,
  ``kwargs`` in the wire encoding of :mod:`leerkring.store.wire`), answered by the store gateway;
- ``POST api/scrub``: ``{"text": ..., "known_names": [...]}``, answered by the scrub handler;
- ``GET api/whoami``: who the service thinks you are, and the workspace person linked to you;
- ``GET api/health``: that it runs, and its scrub engine.

The handlers are the host's own registry (:class:`~leerkring.service.handlers.Handlers`, bound to the
workspace): the scrub engine (deduce) is loaded once, before the port opens. Handler work blocks
(deduce, the database), so it runs in a thread pool, never on the IOLoop; only the hub's token check
is awaited there. Refusals are JSON ``{"ok": false, "error": "<one Dutch line>", "kind": ...}`` with
status 401 (no, unknown, expired or revoked token), 403 (no access scope; a hub service; a call the
caller may not make), 413 (too large) or 400.

The hub's answer for a token is kept (:class:`TokenCheck`): for ``--auth-cache`` seconds (5 by
default; JupyterHub's own HubAuth keeps it 300 s) it is used as it is; after that the next request
is still answered with it while the hub is asked again in the background, so no save waits for the
hub; after :data:`AUTH_STALE_S` seconds without a fresh answer a request waits for the hub. A
revoked token is therefore refused within ``--auth-cache`` seconds, plus at most the requests that
arrive while the hub is being asked again. While the hub restarts, known tokens keep working.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import hashlib
import json
import logging
import os
import signal
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from leerkring.errors import LeerkringError, UsageError
from leerkring.service import NAME, limits

log = logging.getLogger(__name__)

WORKSPACE_ENV = "LEERKRING_WORKSPACE"
SERVICE_NAME = "leerkring"  # the hub service's default name (``JUPYTERHUB_SERVICE_NAME`` wins)
DEFAULT_PREFIX = f"/services/{SERVICE_NAME}/"
#: Largest request body accepted, in bytes: the same limit as the socket's (``service/limits.py``).
#: Bodies are not read before the caller is authenticated.
MAX_BODY = limits.MAX_REQUEST_BYTES
#: A larger body is read and thrown away before the refusal (a proxy in between answers 503 instead
#: of ours when the connection closes under an upload); past this one the connection is closed.
DISCARD_LIMIT = 64 << 20
AUTH_CACHE_S = 5.0
AUTH_STALE_S = 60.0  # an older answer is not used even while a fresh one is fetched
WORKERS = 8
#: How long a thread may hold the interpreter lock while another waits for it (Python's default is
#: 5 ms). A worker that holds SQLite's write lock, and the IOLoop answering other members, need the
#: interpreter lock back after every database call; while another worker runs deduce each of those
#: waits could take the whole interval.
SWITCH_INTERVAL_S = 0.001
#: Threads for waiting live walls (watch calls): one per participant watching a session, at most this many.
WATCHERS = int(os.environ.get("LEERKRING_SERVICE_WATCHERS", "256"))

#: HTTP status for an answer's error kind (the body says the rest).
STATUS = {
    "NotAllowed": 403,
    "NotAuthenticated": 401,
    "NotFound": 404,
    "AlreadyExists": 409,
    "SessionClosed": 409,
    "UsageError": 400,
    "LeerkringError": 400,
    "DatabaseError": 503,
}

NO_TOKEN = "Niet aangemeld: stuur je JupyterHub-token mee (Authorization: token ...)."
BAD_TOKEN = "Je JupyterHub-token is onbekend, verlopen of ingetrokken; log opnieuw in op JupyterHub."
NO_SCOPE = "Je JupyterHub-token geeft geen toegang tot de leerkring-service (scope access:services!service={name})."
HUB_DOWN = "De leerkring-service kan JupyterHub nu niet vragen wie je bent; probeer het zo opnieuw."


def access_scope(name: str = SERVICE_NAME) -> str:
    return f"access:services!service={name}"


class HubService:
    """What every request shares: the workspace, the handlers, the thread pool, the hub's checks."""

    def __init__(
        self,
        workspace: Path,
        *,
        name: str = SERVICE_NAME,
        handlers: Any = None,
        hub_auth: Any = None,
        admins: tuple[str, ...] = (),
        workers: int = WORKERS,
        auth_cache: float = AUTH_CACHE_S,
    ):
        from leerkring import identity
        from leerkring.service.handlers import Handlers

        self.workspace = Path(workspace)
        self.name = name
        self.handlers = handlers if handlers is not None else Handlers(workspace=self.workspace)
        self.identity = identity.provider("hub", admins=admins)
        self.hub_auth = hub_auth if hub_auth is not None else _hub_auth(name)
        self.tokens = TokenCheck(self.hub_auth, fresh=auth_cache)
        self.executor = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="leerkring-hub")
        # a live wall's watch call waits up to 30 s for a change: it gets threads of its own, so waiting
        # walls never hold up a save (each thread mostly sleeps on a condition)
        self.waiters = ThreadPoolExecutor(max_workers=WATCHERS, thread_name_prefix="leerkring-watch")
        self.started = time.time()
        self.requests = 0
        # the last requests' times in ms, for api/health: (waiting for a worker, in the handler, whole request)
        self.timings: collections.deque[tuple[float, float, float]] = collections.deque(maxlen=2000)

    def start(self) -> None:
        """Build the eager handlers (deduce is loaded here), before the port opens."""
        self.handlers.start()

    def close(self) -> None:
        self.waiters.shutdown(wait=False, cancel_futures=True)
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.handlers.close()

    async def run(self, op: str, request: dict[str, Any], caller: Any, received: float | None = None) -> dict[str, Any]:
        """The handler's answer to ``request``, computed in the thread pool (``received``: when the
        request arrived, ``time.perf_counter()``, for the timings in ``api/health``)."""
        self.requests += 1
        loop = asyncio.get_running_loop()
        submitted = time.perf_counter()
        began: list[float] = []
        if op == "store" and request.get("method") == "watch":
            return await loop.run_in_executor(self.waiters, self._answer, op, request, caller)
        answer = await loop.run_in_executor(self.executor, self._answer, op, request, caller, began)
        done = time.perf_counter()
        if began:
            start = began[0]
            self.timings.append(
                (1000 * (start - submitted), 1000 * (done - start), 1000 * (done - (received or submitted)))
            )
        return answer

    def _answer(self, op: str, request: dict[str, Any], caller: Any, began: list | None = None) -> dict[str, Any]:
        if began is not None:
            began.append(time.perf_counter())
        try:
            return self.handlers.get(op).answer(request, caller)
        except LeerkringError as exc:
            return {"ok": False, "error": str(exc), "kind": type(exc).__name__}
        except Exception as exc:  # answered as one line; the traceback goes to the service's log
            log.exception("%s request failed", op)
            return {"ok": False, "error": f"Verzoek mislukt: {type(exc).__name__}.", "kind": "LeerkringError"}

    @staticmethod
    def store_request(body: dict[str, Any]) -> dict[str, Any]:
        """The gateway's request for one store call: only the call itself is taken from the body (the
        gateway of a bound service serves its own workspace, whatever a request says)."""
        return {"op": "store", "method": body.get("method"), "args": body.get("args"), "kwargs": body.get("kwargs")}

    def linked_person(self, caller: Any) -> dict[str, Any] | None:
        """The workspace person linked to ``caller`` (``{"id", "name", "username"}``), or ``None`` when
        the account is linked to no person. Asked of the store gateway (``account``), which owns the
        mapping from an account to a person; this process never opens the database itself."""
        request = self.store_request({"method": "account", "args": [caller.username], "kwargs": {"$map": {}}})
        answer = self._answer("store", request, caller)
        if not answer.get("ok"):
            log.info("no person linked to hub user %s: %s", caller.username, answer.get("error"))
            return None
        person = answer.get("result") or {}
        fields = person.get("fields", {}) if isinstance(person, dict) else {}
        return {"id": fields.get("id"), "name": fields.get("name"), "username": fields.get("username")}

    def status(self) -> dict[str, Any]:
        return {
            "service": self.name,
            "pid": os.getpid(),
            "uptime_s": round(time.time() - self.started, 1),
            "requests": self.requests,
            "timings_ms": self._timing_summary(),
            **self.handlers.status(),
        }

    def _timing_summary(self) -> dict[str, Any]:
        """p50/p95 of the last requests: waiting for a worker, in the handler, from arrival to answer."""
        rows = list(self.timings)
        if not rows:
            return {"requests": 0}
        out: dict[str, Any] = {"requests": len(rows)}
        for index, name in enumerate(("queue", "handler", "total")):
            values = sorted(r[index] for r in rows)
            out[name] = {
                "p50": round(values[len(values) // 2], 1),
                "p95": round(values[min(len(values) - 1, int(len(values) * 0.95))], 1),
            }
        return out


class TokenCheck:
    """Whose a token is, as the hub says, kept briefly (see the module docstring). Used on the IOLoop
    only, so it needs no lock."""

    MAX_ENTRIES = 10_000

    def __init__(self, hub_auth: Any, *, fresh: float = AUTH_CACHE_S, stale: float = AUTH_STALE_S):
        self.hub_auth = hub_auth
        self.fresh = max(0.0, fresh)
        self.stale = max(self.fresh, stale)
        self._answers: dict[str, tuple[dict | None, float]] = {}  # sha256(token) -> (model, when)
        self._refreshing: set[str] = set()

    async def user(self, token: str) -> dict | None:
        """The hub's user model for ``token``, or ``None`` when the hub does not know it (any more).
        Raises ``tornado.web.HTTPError`` when the hub cannot be asked and no recent answer is kept."""
        key = hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
        kept = self._answers.get(key)
        if kept is not None:
            model, when = kept
            age = time.monotonic() - when
            if age < self.fresh:
                return model
            if model is not None and age < self.stale:
                if key not in self._refreshing:
                    self._refreshing.add(key)
                    asyncio.get_running_loop().create_task(self._refresh(key, token))
                return model
        model = await self._ask(token)
        self._keep(key, model)
        return model

    async def _ask(self, token: str) -> dict | None:
        return await self.hub_auth.user_for_token(token, use_cache=False, sync=False)

    async def _refresh(self, key: str, token: str) -> None:
        from tornado import web

        try:
            self._keep(key, await self._ask(token))
        except web.HTTPError as exc:  # the hub is away: keep the old answer until it is too old
            log.warning("the hub did not answer a token check in the background: %s", exc)
        finally:
            self._refreshing.discard(key)

    def _keep(self, key: str, model: dict | None) -> None:
        self._answers.pop(key, None)
        self._answers[key] = (model, time.monotonic())
        while len(self._answers) > self.MAX_ENTRIES:  # the oldest answer first
            self._answers.pop(next(iter(self._answers)))


def _hub_auth(name: str):
    from jupyterhub.services.auth import HubAuth

    token = os.environ.get("JUPYTERHUB_API_TOKEN", "")
    if not token:
        raise UsageError(
            "JUPYTERHUB_API_TOKEN ontbreekt: start de leerkring-service als JupyterHub-service "
            "(zie 'leerkring hub config')."
        )
    # TokenCheck keeps the answers; HubAuth's own cache is not used
    return HubAuth(api_token=token, cache_max_age=0, access_scopes={access_scope(name)})


# ------------------------------------------------------------------------------------ HTTP
def make_app(service: HubService, prefix: str = DEFAULT_PREFIX):
    """The Tornado application serving ``service`` under ``prefix``."""
    from jupyterhub.services.auth import HubAuthenticated, UserNotAllowed
    from tornado import web

    from leerkring.identity import NotAuthenticated

    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"

    class Refused(web.HTTPError):
        def __init__(self, status: int, message: str, kind: str = "NotAllowed"):
            super().__init__(status, reason=_reason(status))
            self.message = message
            self.kind = kind

    class Base(HubAuthenticated, web.RequestHandler):
        """Token-authenticated JSON handler (no cookies, so no XSRF and no login redirects)."""

        def initialize(self) -> None:
            self.service = service
            self.hub_auth = service.hub_auth
            self.caller = None

        @property
        def hub_scopes(self):
            return {access_scope(service.name)}

        def check_xsrf_cookie(self) -> None:  # token in a header: a browser cannot forge it
            return None

        def set_default_headers(self) -> None:
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.set_header("Cache-Control", "no-store")

        async def prepare(self) -> None:
            self.received = time.perf_counter()
            token = self.hub_auth.get_token(self, in_cookie=False)
            if not token:
                raise Refused(401, NO_TOKEN)
            try:
                model = await service.tokens.user(token)
            except web.HTTPError as exc:
                log.warning("the hub did not answer a token check: %s", exc)
                raise Refused(503, HUB_DOWN, "DatabaseError") from None
            if not model:
                raise Refused(401, BAD_TOKEN)
            try:
                self.check_hub_user(model)
            except UserNotAllowed:
                raise Refused(403, NO_SCOPE.format(name=service.name)) from None
            try:
                self.caller = service.identity.identify(model)
            except NotAuthenticated as exc:
                raise Refused(403, str(exc)) from None
            self._hub_auth_user_cache = model  # HubAuthenticated.get_current_user: checked already

        def reply(self, answer: dict[str, Any]) -> None:
            if not answer.get("ok"):
                self.set_status(STATUS.get(str(answer.get("kind")), 400))
            self.finish(json.dumps(answer, ensure_ascii=False))

        def write_error(self, status_code: int, **kwargs: Any) -> None:
            exc = kwargs.get("exc_info", (None, None, None))[1]
            if isinstance(exc, Refused):
                message, kind = exc.message, exc.kind
            elif status_code == 413:
                message, kind = limits.request_too_large(), "UsageError"
            elif status_code == 405:
                message, kind = "Deze methode kent de leerkring-service niet voor dit adres.", "UsageError"
            elif status_code >= 500:
                message, kind = "Interne fout in de leerkring-service.", "LeerkringError"
            else:
                message, kind = "Ongeldig verzoek aan de leerkring-service.", "UsageError"
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.finish(json.dumps({"ok": False, "error": message, "kind": kind}, ensure_ascii=False))

        def log_exception(self, typ, value, tb) -> None:
            if isinstance(value, Refused):
                log.info("refused %s %s: %s %s", self.request.method, self.request.path, value.status_code, value.kind)
            else:
                super().log_exception(typ, value, tb)

    @web.stream_request_body
    class Posted(Base):
        """A POST with a JSON object body of at most :data:`MAX_BODY` bytes, read only after the
        caller is authenticated; a larger one is read without being kept, then refused (413)."""

        async def prepare(self) -> None:
            self._chunks: list[bytes] = []
            self._size = 0
            length = self.request.headers.get("Content-Length")
            try:
                huge = length is not None and int(length) > DISCARD_LIMIT
            except ValueError:
                raise Refused(400, "Ongeldige Content-Length.", "UsageError") from None
            await super().prepare()
            if huge:  # not worth reading: answer and close
                raise Refused(413, limits.request_too_large(), "UsageError")

        def data_received(self, chunk: bytes) -> None:
            self._size += len(chunk)
            if self._size <= MAX_BODY:
                self._chunks.append(chunk)

        def body(self) -> dict[str, Any]:
            if self._size > MAX_BODY:
                raise Refused(413, limits.request_too_large(self._size), "UsageError")
            try:
                data = json.loads(b"".join(self._chunks) or b"{}")
            except (ValueError, UnicodeDecodeError):
                raise Refused(400, "Het verzoek is geen geldige JSON.", "UsageError") from None
            if not isinstance(data, dict):
                raise Refused(400, "Het verzoek moet een JSON-object zijn.", "UsageError")
            return data

    class Store(Posted):
        async def post(self) -> None:
            request = service.store_request(self.body())
            self.reply(await service.run("store", request, self.caller, self.received))

    class Scrub(Posted):
        async def post(self) -> None:
            body = self.body()
            request = {"op": "scrub", "text": body.get("text"), "known_names": body.get("known_names") or []}
            self.reply(await service.run("scrub", request, self.caller))

    class WhoAmI(Base):
        async def get(self) -> None:
            caller = self.caller
            loop = asyncio.get_running_loop()
            try:
                person = await loop.run_in_executor(service.executor, service.linked_person, caller)
            except LeerkringError as exc:
                log.info("no linked person for %s: %s", caller.username, exc)
                person = None
            self.reply(
                {
                    "ok": True,
                    "provider": caller.provider,
                    "user": caller.username,
                    "admin": caller.admin,
                    "person": person,
                }
            )

    class Health(Base):
        async def get(self) -> None:
            self.reply({"ok": True, **service.status()})

    class NotFoundHere(Base):
        async def prepare(self) -> None:
            await super().prepare()
            raise Refused(404, "Dit adres kent de leerkring-service niet.", "NotFound")

    routes = [
        (prefix + "api/store", Store),
        (prefix + "api/scrub", Scrub),
        (prefix + "api/whoami", WhoAmI),
        (prefix + "api/health", Health),
        (prefix + ".*", NotFoundHere),
    ]
    return web.Application(routes, default_handler_class=NotFoundHere, log_function=_log_request)


def _log_request(handler) -> None:
    status = handler.get_status()
    level = logging.WARNING if status >= 500 else logging.DEBUG
    log.log(
        level,
        "%s %s %s %.1f ms",
        status,
        handler.request.method,
        handler.request.path,
        1000 * handler.request.request_time(),
    )


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


# ------------------------------------------------------------------------------------ running it
def _address(args: argparse.Namespace) -> tuple[str, int]:
    url = os.environ.get("JUPYTERHUB_SERVICE_URL", "")
    port = args.port
    if port is None and url:
        parsed = urllib.parse.urlsplit(url)
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
    if port is None:
        raise UsageError("Geen poort: geef --port op of start als JupyterHub-service (JUPYTERHUB_SERVICE_URL).")
    return args.ip, port


def serve(args: argparse.Namespace) -> int:
    from tornado.httpserver import HTTPServer
    from tornado.ioloop import IOLoop

    from leerkring import config

    if args.workspace is None:
        raise UsageError("Geen werkruimte: geef --workspace op of zet LEERKRING_WORKSPACE.")
    root = Path(args.workspace).resolve()
    if not (root / config.SETTINGS_FILE).is_file():
        raise UsageError(f"Geen leerkring-werkruimte in {root} ({config.SETTINGS_FILE} ontbreekt).")
    settings = config.read_settings(root)
    ip, port = _address(args)
    name = os.environ.get("JUPYTERHUB_SERVICE_NAME") or SERVICE_NAME
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX") or f"/services/{name}/"
    service = HubService(
        root,
        name=name,
        admins=tuple(getattr(settings, "service_admins", ()) or ()),
        workers=args.workers,
        auth_cache=args.auth_cache,
    )
    began = time.perf_counter()
    try:
        service.start()  # loads deduce: "listening" means "ready"
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        server = HTTPServer(make_app(service, prefix), max_body_size=DISCARD_LIMIT, xheaders=True)
        server.listen(port, address=ip)
    except BaseException:
        service.close()
        raise
    print(
        f"{NAME} (hub): klaar in {time.perf_counter() - began:.1f} s, pid {os.getpid()}, "
        f"luistert op http://{ip}:{port}{prefix}",
        flush=True,
    )
    loop = IOLoop.current()

    def stop(signum: int, frame: Any) -> None:
        loop.add_callback_from_signal(loop.stop)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        loop.start()
    finally:
        server.stop()
        service.close()
    print(f"{NAME} (hub): gestopt", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m leerkring.service.hub",
        description="De leerkring-service als JupyterHub-service: de enige toegang tot de gegevens van de "
        "werkruimte, voor wie zich met een JupyterHub-token meldt.",
    )
    parser.add_argument(
        "--workspace",
        type=Path,
        default=os.environ.get(WORKSPACE_ENV) or None,
        help=f"de werkruimte die de service bedient (standaard ${WORKSPACE_ENV})",
    )
    parser.add_argument("--ip", default="127.0.0.1", help="adres om op te luisteren (standaard 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="poort (standaard: uit $JUPYTERHUB_SERVICE_URL)")
    parser.add_argument("--workers", type=int, default=WORKERS, help=f"threads voor het werk (standaard {WORKERS})")
    parser.add_argument(
        "--auth-cache",
        type=float,
        default=AUTH_CACHE_S,
        help=f"seconden dat het antwoord van de hub op een token zonder meer geldt (standaard {AUTH_CACHE_S:g})",
    )
    parser.add_argument("--log-level", default="WARNING", help="logniveau (standaard WARNING)")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=getattr(logging, str(args.log_level).upper(), logging.WARNING),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return serve(args)
    except LeerkringError as exc:
        print(f"{NAME} (hub): fout: {exc}", file=sys.stderr, flush=True)
        return 1
    except OSError as exc:  # e.g. the port is taken
        log.debug("the hub service could not start", exc_info=True)
        print(f"{NAME} (hub): fout: {exc.strerror or exc}", file=sys.stderr, flush=True)
        return 1
    except Exception as exc:  # the traceback goes to the log above; the last line says what happened
        log.exception("the hub service stopped on an error")
        print(f"{NAME} (hub): fout: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 1


if __name__ == "__main__":
    sys.exit(main())
