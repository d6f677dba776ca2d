"""The locked-down dashboard as a JupyterHub service (``leerkring-dashboard``), for management only.

Run by the hub as a managed service (``python -m leerkring.dashboard.hubservice``; ``leerkring hub
config`` emits it). This process, which may know the workspace (``LEERKRING_WORKSPACE``, and
``LEERKRING_DATABASE_URL`` when set), stages only the published organisation summaries exactly as
``leerkring dashboard`` does (:func:`leerkring.dashboard.launcher.stage`), again within
:data:`REFRESH_S` seconds when a coach publishes new ones (the next page view shows them), and starts the locked Voilà
in a child on the address and prefix the hub gives (``JUPYTERHUB_SERVICE_URL``,
``JUPYTERHUB_SERVICE_PREFIX``). The child gets the whitelisted environment of the launcher plus the
hub's ``JUPYTERHUB_*`` variables (its token travels in the environment, never on a command line), and
no workspace path or database URL.

In the child every request is authenticated with JupyterHub OAuth (:class:`HubIdentityProvider`):
only users holding ``access:services!service=leerkring-dashboard`` (the role ``hubconfig`` gives the hub
group ``management``) get in; anyone else gets 403. Each manager has at most one kernel: opening the
page again stops the previous one, and a kernel whose page closed is culled (``voila_argv``). No kernel
sees the ``JUPYTERHUB_*`` variables.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

SERVICE_NAME = "leerkring-dashboard"
WORKSPACE_ENV = "LEERKRING_WORKSPACE"
_HUB_PREFIX = "JUPYTERHUB_"
#: Seconds between looks for newly published summaries (one audit query and a folder listing).
REFRESH_S = float(os.environ.get("LEERKRING_DASHBOARD_REFRESH_S", "5"))


def _voila_classes():
    """The Voilà app, handler and identity provider for hub mode (imported only in the Voilà child)."""
    from jupyter_server.utils import ensure_async, url_path_join
    from jupyterhub.singleuser.extension import JupyterHubIdentityProvider

    from leerkring.dashboard.server import DashboardHandler, LockedVoila

    class HubIdentityProvider(JupyterHubIdentityProvider):
        """JupyterHub OAuth; never shows the service token (Voilà prints a non-empty token in its log)."""

        @property
        def token(self):
            return ""

        @token.setter
        def token(self, value):
            pass

    class _UserKernels:
        """The kernel manager as one request sees it: records the kernel it starts for the user and
        gives it an environment without the hub's variables."""

        def __init__(self, manager, record):
            self._manager = manager
            self._record = record

        async def start_kernel(self, *args, **kwargs):
            env = kwargs.get("env")
            if env is not None:
                kwargs["env"] = {k: v for k, v in env.items() if not k.startswith(_HUB_PREFIX)}
            kernel_id = await ensure_async(self._manager.start_kernel(*args, **kwargs))
            self._record(kernel_id)
            return kernel_id

        def __getattr__(self, name):
            return getattr(self._manager, name)

    kernels_by_user: dict[str, str] = {}

    class HubDashboardHandler(DashboardHandler):
        """The dashboard page; one kernel per manager (a new page view stops the previous kernel)."""

        @property
        def kernel_manager(self):
            manager = self.settings["kernel_manager"]
            user = self.current_user
            name = getattr(user, "username", None) or ""
            return _UserKernels(manager, lambda kid: kernels_by_user.__setitem__(name, kid))

        async def get(self, path=None):
            user = self.current_user
            name = getattr(user, "username", None)
            if name:
                manager = self.settings["kernel_manager"]
                old = kernels_by_user.pop(name, None)
                if old and old in manager:
                    await ensure_async(manager.shutdown_kernel(old, now=True))
            return await super().get(path)

    class HubLockedVoila(LockedVoila):
        identity_provider_class = HubIdentityProvider

        def init_handlers(self):
            kept = []
            for spec in super().init_handlers():
                if spec[1] is DashboardHandler:
                    spec = (spec[0], HubDashboardHandler, *spec[2:])
                kept.append(spec)
            # the OAuth callback and logout of the identity provider, under the service prefix
            own = [
                (url_path_join(self.server_url, path), handler, *rest)
                for path, handler, *rest in self.identity_provider.get_handlers()
            ]
            return own + kept

    return HubLockedVoila


def child_main(argv: list[str] | None = None) -> None:
    """The Voilà process (``python -m leerkring.dashboard.hubservice --child ...``)."""
    from leerkring.dashboard.server import _stop_with_parent

    _stop_with_parent()
    app = _voila_classes()
    app.launch_instance(argv=sys.argv[2:] if argv is None else argv)


def voila_command(site: Path) -> list[str]:
    """The child's command line: address and prefix from the hub's environment, no token."""
    from leerkring.dashboard.launcher import NOTEBOOK_NAME
    from leerkring.dashboard.server import voila_argv

    url = urlsplit(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10102"))
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{SERVICE_NAME}/")
    argv = voila_argv(
        NOTEBOOK_NAME,
        port=url.port or 80,
        ip=url.hostname or "127.0.0.1",
        extra=[
            f"--Voila.base_url={prefix}",
            "--Voila.authorizer_class=jupyterhub.singleuser.extension.JupyterHubAuthorizer",
        ],
    )
    return [sys.executable, "-m", "leerkring.dashboard.hubservice", "--child", *argv, f"--Voila.root_dir={site}"]


def main() -> int:
    from leerkring.dashboard.app import CACHE_ENV, prerender
    from leerkring.dashboard.launcher import child_env, stage
    from leerkring.sections.document import ORGANISATIE

    workspace = os.environ.get(WORKSPACE_ENV, "")
    if not workspace:
        print(f"leerkring-dashboard: {WORKSPACE_ENV} ontbreekt", file=sys.stderr)
        return 2
    staging = stage(Path(workspace))
    try:
        data = staging / "data" / ORGANISATIE
        cache = staging / "cache"
        prerender(data, cache)
        env = child_env(data, staging)
        env[CACHE_ENV] = str(cache)
        env.update({k: v for k, v in os.environ.items() if k.startswith(_HUB_PREFIX)})
        site = staging / "site"
        process = subprocess.Popen(voila_command(site), cwd=site, env=env, stdin=subprocess.DEVNULL)

        def forward(signum, frame):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, forward)
        signal.signal(signal.SIGINT, forward)
        seen = _published_state(Path(workspace))
        while True:  # a coach publishes while the hub runs: the next page view shows it
            try:
                return process.wait(timeout=REFRESH_S)
            except subprocess.TimeoutExpired:
                pass
            try:
                now = _published_state(Path(workspace))
                if now != seen:
                    _restage(Path(workspace), staging)
                    seen = now
            except Exception as exc:  # noqa: BLE001 - keep showing what was staged; try again next time
                print(f"leerkring-dashboard: nieuwe samenvattingen niet overgenomen ({exc})", file=sys.stderr)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _published_state(workspace: Path) -> tuple:
    """What decides the staged data: the publication records and the organisation files' sizes and times."""
    from leerkring.dashboard.launcher import organisation_dir, published_files

    source = organisation_dir(workspace)
    files = tuple(
        (p.parent.name, p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(source.glob("*/*.json"))
    )
    return tuple(sorted(published_files(workspace).items())), files


def _restage(workspace: Path, staging: Path) -> None:
    """Stage the published summaries again beside the running ones, then swap the data and the
    pre-rendered view in (each a rename); a page opened after this reads the new figures."""
    from leerkring.dashboard.app import prerender
    from leerkring.dashboard.launcher import stage
    from leerkring.sections.document import ORGANISATIE

    fresh = stage(workspace, staging / "fresh")
    try:
        prerender(fresh / "data" / ORGANISATIE, fresh / "cache")
        for new, current in (
            (fresh / "data" / ORGANISATIE, staging / "data" / ORGANISATIE),
            (fresh / "cache", staging / "cache"),
        ):
            old = current.with_name(current.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            if current.exists():
                os.rename(current, old)
            if new.exists():
                os.rename(new, current)
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main()
    else:
        sys.exit(main())
