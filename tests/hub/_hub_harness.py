"""A real JupyterHub on 127.0.0.1 with the leerkring service, for the hub tests and the service benchmark.

:class:`Hub` writes a ``jupyterhub_config.py`` into a folder of its own (its database, cookie secret
and pid files live there too) from :func:`leerkring.service.hubconfig.hub_config`, the same
configuration ``leerkring hub config`` prints, plus what a test needs: free ports, the shared-password
``DummyAuthenticator``, the ``SimpleLocalProcessSpawner`` (with ``--allow-root``: machines run as
root), npm's ``configurable-http-proxy``, and an admin service whose token (``admin:users``,
``tokens``, ``servers``) makes users' tokens through the hub's REST API.

The leerkring service is *managed* by the hub (the hub starts and stops it), or *external*
(``managed=False``: this harness starts it, so a benchmark can kill it and start it again).

Every process started here is stopped in :meth:`Hub.stop` (the hub, which stops its proxy, its
managed service and the single-user servers; then whatever of those still runs, by pid).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from leerkring.service import hubconfig

REPO = Path(__file__).resolve().parents[2]
ACCESS = "access:services!service=leerkring"
PASSWORD = "leerkring-test"
ADMIN_SERVICE = "leerkring-test-admin"
SERVICE_PREFIX = "/services/leerkring/"


def find_proxy() -> str | None:
    """npm's configurable-http-proxy: the one ``make`` installs into .venv/node, else one on PATH."""
    local = REPO / ".venv" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return str(local)
    return shutil.which("configurable-http-proxy")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not reaped) is not running
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _kill(pid: int | None, sig: int = signal.SIGKILL) -> None:
    if pid and _alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)


def _wait_gone(pid: int | None, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _running_in(folder: Path) -> set[int]:
    """Processes whose working directory is ``folder`` or below it (Linux /proc; empty elsewhere)."""
    found = set()
    root = str(Path(folder).resolve())
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            cwd = os.readlink(entry / "cwd").removesuffix(" (deleted)")
        except OSError:
            continue
        if cwd == root or cwd.startswith(root + os.sep):
            found.add(int(entry.name))
    found.discard(os.getpid())
    return found


class Hub:
    def __init__(
        self,
        workdir: Path,
        workspace: Path,
        *,
        users: list[str],
        groups: dict[str, list[str]] | None = None,
        database_url: str = "",
        proxy: str | None = None,
        managed: bool = True,
        service_args: tuple[str, ...] = (),
        log_level: str = "WARN",
        dashboard: bool = False,
        extra_config: tuple[str, ...] = (),
    ):
        self.dir = Path(workdir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.workspace = Path(workspace)
        self.users = users
        self.groups = groups or {}
        self.database_url = database_url
        self.proxy = proxy or find_proxy()
        self.managed = managed
        self.service_args = tuple(service_args)
        self.log_level = log_level
        self.port = free_port()
        self.hub_port = free_port()
        self.proxy_api_port = free_port()
        self.service_port = free_port()
        self.dashboard_port = free_port() if dashboard else None  # the leerkring-dashboard service
        self.extra_config = tuple(extra_config)  # jupyterhub_config.py lines appended last (e.g. a spawn hook)
        self.admin_token = secrets.token_hex(24)
        self.service_token = secrets.token_hex(24)  # the external service's own hub token
        self.url = f"http://127.0.0.1:{self.port}"
        self.service_url = self.url + SERVICE_PREFIX  # through the proxy, as a browser or kernel would
        self.proc: subprocess.Popen | None = None
        self.service_proc: subprocess.Popen | None = None
        self.pids: set[int] = set()  # every process of ours seen, for stop()
        self.log_path = self.dir / "jupyterhub.log"
        self.service_log_path = self.dir / "service.log"

    # -- configuration --------------------------------------------------------------------------
    def config(self) -> dict:
        data = hubconfig.hub_config(
            self.workspace,
            users=self.users,
            database_url=self.database_url,
            port=self.service_port,
            python=sys.executable,
            dashboard_port=self.dashboard_port,
        )
        service, *others = data["JupyterHub.services"]
        service["command"] = [*service["command"], *self.service_args]
        if not self.managed:  # the harness runs it: the hub only knows its URL and token
            service = {
                "name": service["name"],
                "url": service["url"],
                "api_token": self.service_token,
                "display": False,
            }
        for other in others:  # a busy test machine may take longer than JupyterHub's 30 s to start one
            if "command" in other and hubconfig._hub_major() >= 6:
                other.setdefault("timeout", hubconfig.START_TIMEOUT)
        data["JupyterHub.services"] = [service, *others, {"name": ADMIN_SERVICE, "api_token": self.admin_token}]
        data["JupyterHub.load_roles"].append(
            {
                "name": "leerkring-test-admin",
                "scopes": ["admin:users", "tokens", "servers", "admin:servers", "admin:server_state", "read:users"],
                "services": [ADMIN_SERVICE],
            }
        )
        return data

    def write_config(self) -> Path:
        singleuser = Path(sys.executable).with_name("jupyterhub-singleuser")
        lines = [
            "c = get_config()  # noqa",
            "c.JupyterHub.ip = '127.0.0.1'",
            f"c.JupyterHub.port = {self.port}",
            "c.JupyterHub.hub_ip = '127.0.0.1'",
            f"c.JupyterHub.hub_port = {self.hub_port}",
            f"c.JupyterHub.db_url = {('sqlite:///' + str(self.dir / 'jupyterhub.sqlite'))!r}",
            f"c.JupyterHub.cookie_secret_file = {str(self.dir / 'jupyterhub_cookie_secret')!r}",
            f"c.JupyterHub.pid_file = {str(self.dir / 'jupyterhub.pid')!r}",
            f"c.ConfigurableHTTPProxy.command = [{self.proxy!r}]",
            f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{self.proxy_api_port}'",
            f"c.ConfigurableHTTPProxy.pid_file = {str(self.dir / 'proxy.pid')!r}",
            "c.JupyterHub.authenticator_class = 'dummy'",
            f"c.DummyAuthenticator.password = {PASSWORD!r}",
            "c.Authenticator.allow_all = True",
            "c.JupyterHub.spawner_class = 'simple'",
            f"c.Spawner.cmd = [{str(singleuser)!r}]",
            "c.Spawner.args = ['--allow-root']",
            "c.Spawner.start_timeout = 120",
            "c.Spawner.http_timeout = 120",
            f"c.SimpleLocalProcessSpawner.home_dir_template = {str(self.dir / 'home' / '{username}')!r}",
            "c.JupyterHub.cleanup_servers = True",
            "c.JupyterHub.cleanup_proxy = True",
            f"c.JupyterHub.log_level = {self.log_level!r}",
        ]
        if self.groups:
            lines.append(f"c.JupyterHub.load_groups = { ({g: {'users': u} for g, u in self.groups.items()})!r}")
        for key, value in self.config().items():
            lines.append(f"c.{key} = {value!r}")
        lines.extend(self.extra_config)
        path = self.dir / "jupyterhub_config.py"
        path.write_text("\n".join(lines) + "\n")
        return path

    # -- processes --------------------------------------------------------------------------------
    def start(self, timeout: float = 240) -> Hub:
        config = self.write_config()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "LEERKRING_"))}
        env["PATH"] = os.pathsep.join(
            [str(Path(self.proxy).parent), str(Path(sys.executable).parent), env.get("PATH", "")]
        )
        if not self.managed:
            self.start_service()
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(config)],
                cwd=self.dir,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pids.add(self.proc.pid)
        try:
            self._wait_for_hub(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_for_hub(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                status, _ = self.api("GET", "/hub/api/")
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"JupyterHub did not answer within {timeout:.0f} s:\n{self.log_tail()}")
            time.sleep(0.25)
        with contextlib.suppress(OSError, ValueError):
            self.pids.add(int((self.dir / "proxy.pid").read_text().strip()))

    def proxy_pid(self) -> int:
        """The proxy's process id (from the pid file the hub writes)."""
        return int((self.dir / "proxy.pid").read_text().strip())

    def service_env(self) -> dict[str, str]:
        """The environment of an external leerkring service (what the hub gives a managed one)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "LEERKRING_"))}
        env.update(
            JUPYTERHUB_API_TOKEN=self.service_token,
            JUPYTERHUB_API_URL=f"http://127.0.0.1:{self.hub_port}/hub/api",
            JUPYTERHUB_SERVICE_NAME="leerkring",
            JUPYTERHUB_SERVICE_URL=f"http://127.0.0.1:{self.service_port}",
            JUPYTERHUB_SERVICE_PREFIX=SERVICE_PREFIX,
        )
        if self.database_url:
            env["LEERKRING_DATABASE_URL"] = self.database_url
        return env

    def start_service(self) -> subprocess.Popen:
        """Start the external service (not managed by the hub); returns without waiting for it."""
        command = [
            sys.executable,
            "-m",
            "leerkring.service.hub",
            "--workspace",
            str(self.workspace),
            *self.service_args,
        ]
        with open(self.service_log_path, "ab") as log:
            self.service_proc = subprocess.Popen(
                command,
                env=self.service_env(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pids.add(self.service_proc.pid)
        return self.service_proc

    def kill_service(self, sig: int = signal.SIGKILL) -> None:
        """Kill the external service (SIGKILL by default: no goodbye, no cleanup)."""
        if self.service_proc is not None:
            _kill(self.service_proc.pid, sig)
            self.service_proc.wait(timeout=30)

    def wait_for_service(self, token: str, timeout: float = 240) -> dict:
        """Wait until the leerkring service answers ``api/health`` through the proxy (it loads deduce
        before it listens); returns the health answer."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                status, body = self.call(token, "GET", "api/health")
                last = (status, body)
                if status == 200 and body.get("ok"):
                    if body.get("pid"):
                        self.pids.add(int(body["pid"]))
                    return body
            except OSError as exc:
                last = exc
            time.sleep(0.25)
        raise RuntimeError(f"the leerkring service did not answer within {timeout:.0f} s ({last}):\n{self.log_tail()}")

    def stop(self) -> None:
        """Stop the hub (it stops the proxy, its managed service and the servers), then anything left."""
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(OSError):
                for user in self.users:
                    self.api("DELETE", f"/hub/api/users/{user}/server")
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self.service_proc is not None and self.service_proc.poll() is None:
            self.service_proc.terminate()
            try:
                self.service_proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.service_proc.kill()
                self.service_proc.wait(timeout=10)
        # whatever the hub started and left behind (a start that timed out, a hub killed after 60 s):
        # the proxy and the managed services run in the hub's folder, the servers in homes below it
        self.pids.update(_running_in(self.dir))
        for pid in list(self.pids):
            if not _wait_gone(pid, 10):
                _kill(pid)
                _wait_gone(pid, 10)

    def leftovers(self) -> list[int]:
        """Processes of ours still running (should be none after :meth:`stop`)."""
        return sorted(pid for pid in self.pids if _alive(pid))

    def log_tail(self, lines: int = 40) -> str:
        parts = []
        for path in (self.log_path, self.service_log_path):
            with contextlib.suppress(OSError):
                parts.append("\n".join(path.read_text(errors="replace").splitlines()[-lines:]))
        return "\n".join(parts)

    # -- HTTP ---------------------------------------------------------------------------------------
    def _request(self, method: str, url: str, body=None, token: str | None = None, timeout: float = 60):
        data = None if body is None else json.dumps(body).encode()
        headers = {"Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"token {token}"
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, raw.decode(errors="replace")

    def api(self, method: str, path: str, body=None, token: str | None = None):
        """``(status, body)`` of a hub REST call through the proxy (the admin service's token by default)."""
        return self._request(method, self.url + path, body, token or self.admin_token)

    def call(self, token: str | None, method: str, path: str, body=None, timeout: float = 60):
        """``(status, body)`` of a leerkring service call through the proxy with ``token``."""
        return self._request(method, self.service_url + path, body, token, timeout=timeout)

    def new_token(self, user: str, scopes=(ACCESS,), note: str = "test") -> tuple[str, str]:
        """A new hub token of ``user`` with ``scopes``: ``(token, token id)``."""
        status, body = self.api("POST", f"/hub/api/users/{user}/tokens", {"scopes": list(scopes), "note": note})
        if status != 201:
            raise RuntimeError(f"token for {user}: HTTP {status} {body}")
        return body["token"], body["id"]

    def revoke(self, user: str, token_id: str) -> None:
        status, body = self.api("DELETE", f"/hub/api/users/{user}/tokens/{token_id}")
        if status != 204:
            raise RuntimeError(f"revoking {token_id}: HTTP {status} {body}")

    def spawn(self, user: str, timeout: float = 180) -> int:
        """Start ``user``'s single-user server through the hub API; returns its process id."""
        status, body = self.api("POST", f"/hub/api/users/{user}/server")
        if status not in (201, 202, 400):  # 400: already running
            raise RuntimeError(f"spawning {user}: HTTP {status} {body}")
        deadline = time.monotonic() + timeout
        while True:
            status, model = self.api("GET", f"/hub/api/users/{user}")
            server = (model or {}).get("servers", {}).get("", {}) if status == 200 else {}
            if server.get("ready"):
                pid = int((server.get("state") or {}).get("pid") or 0)
                if pid:
                    self.pids.add(pid)
                return pid
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server of {user} did not start within {timeout:.0f} s:\n{self.log_tail()}")
            time.sleep(0.5)

    def stop_server(self, user: str, timeout: float = 60) -> None:
        self.api("DELETE", f"/hub/api/users/{user}/server")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, model = self.api("GET", f"/hub/api/users/{user}")
            if status == 200 and not (model or {}).get("servers"):
                return
            time.sleep(0.5)
