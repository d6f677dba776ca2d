"""The Voilà process behind ``leerkring dashboard``: Voilà in single-notebook mode, locked down.

Run as ``python -m leerkring.dashboard.server --port P --ip H NOTEBOOK`` by the launcher
(:mod:`leerkring.dashboard.launcher`), inside a staging directory that holds only the dashboard notebook.

What is changed compared to a stock ``voila notebook.ipynb``:

* Voilà's catch-all route (``/(.*)``, which renders the notebook for ``/`` and *redirects every other
  path* to ``/voila/files/<path>``) is replaced by a route for exactly ``/``; every other path that is
  not a Voilà static asset answers 404 from :class:`NotFoundHandler`.
* ``/voila/files/...`` is closed: the allowlist is empty and the denylist matches everything, so the
  handler answers 403 before it looks at the disk (and its root is the staging folder anyway).
* ``/api/kernels/<id>`` answers GET only (the page reads its kernel's model; DELETE is refused); there
  is no kernel listing. The websocket ``/api/kernels/<id>/channels`` stays, and Voilà only lets comm
  messages through it, so a browser cannot execute code in the kernel.
* Template and theme overrides through the query string are refused.
* The page is served without the Font Awesome links the lab template takes from a CDN (the dashboard
  uses no icons; intranets block CDNs), and with a Content-Security-Policy that lets the page load and
  connect to this server only, so even injected markup could not fetch or send anything elsewhere.
"""

from __future__ import annotations

import os
import re
import sys

import tornado.web
from jupyter_server.services.kernels.handlers import KernelHandler
from jupyter_server.utils import url_path_join
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

# Handlers (by class name) we route; anything else Voilà adds is dropped. Voilà's own static assets
# come from its package folders, never from the staging directory.
_KEEP = {
    "VoilaKernelWebsocketHandler",  # /api/kernels/<id>/channels: widgets talk to the kernel
    "TemplateStaticFileHandler",  # /voila/templates/<template>/static/...
    "MultiStaticFileHandler",  # /voila/static/...
    "ThemesHandler",  # /voila/api/themes/...
    "VoilaShutdownKernelHandler",  # /voila/api/shutdown/<id>: the page stops its kernel on close
    "FileFindHandler",  # /voila/labextensions/... (the widget manager)
    "AllowListFileHandler",  # /voila/files/...: kept so it answers 403 (empty allowlist)
}

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "SAMEORIGIN",
}


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",  # Voilà's page bootstraps with inline scripts
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
        "frame-ancestors 'self'",
    ]
)
#: A kernel that no page is connected to is stopped after this long without activity ...
CULL_IDLE_SECONDS = 40
#: ... checked this often (so it is gone at most about 50 s after its page closed).
CULL_INTERVAL_SECONDS = 10


def _seconds(name: str, default: int) -> int:
    """A whole number of seconds from the environment, or ``default`` when unset or not a number."""
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


_CDN_LINK = re.compile(r'<link[^>]+href="https?://[^"]*"[^>]*>\s*')


class DashboardHandler(TornadoVoilaHandler):
    """The dashboard page: Voilà's renderer, minus links to other hosts, with a strict CSP."""

    @property
    def content_security_policy(self):
        return CONTENT_SECURITY_POLICY

    def set_default_headers(self):
        super().set_default_headers()
        for name, value in SECURITY_HEADERS.items():
            self.set_header(name, value)

    def write(self, chunk):
        if isinstance(chunk, str) and "<link" in chunk:
            chunk = _CDN_LINK.sub("", chunk)
        return super().write(chunk)


class KernelModelHandler(KernelHandler):
    """GET /api/kernels/<id> (the page asks for its kernel's model); stopping kernels goes elsewhere."""

    async def delete(self, kernel_id):
        raise tornado.web.HTTPError(405)


class NotFoundHandler(tornado.web.RequestHandler):
    """Every path that is not the dashboard or one of its assets."""

    def prepare(self):
        raise tornado.web.HTTPError(404)

    def write_error(self, status_code, **kwargs):
        for name, value in SECURITY_HEADERS.items():
            self.set_header(name, value)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code}: niet gevonden. Dit adres toont alleen het leerkring-dashboard.\n")


class LockedVoila(Voila):
    """Voilà serving one notebook at ``/`` and nothing of the file system."""

    name = "leerkring-dashboard"

    # Enforced in code, whatever a config file or the command line says.
    LOCKED = {
        "strip_sources": True,
        "show_tracebacks": False,
        "file_allowlist": [],
        "file_denylist": [".*"],
        "allow_template_override": "NO",
        "allow_theme_override": "NO",
        "http_header_envs": [],
        "preheat_kernel": False,
    }

    def initialize(self, argv=None):
        super().initialize(argv)
        for name, value in self.LOCKED.items():
            setattr(self.voila_configuration, name, value)

    def init_handlers(self):
        kept = []
        for spec in super().init_handlers():
            handler = spec[1]
            name = getattr(handler, "__name__", "")
            if handler is TornadoVoilaHandler:
                # exactly the root; an empty capture group gives get(path="") so it renders
                kept.append((url_path_join(self.server_url, r"/()"), DashboardHandler, *spec[2:]))
            elif handler is KernelHandler:
                kept.append((spec[0], KernelModelHandler, *spec[2:]))
            elif name in _KEEP:
                kept.append(spec)
        kept.append((url_path_join(self.server_url, r"/(.*)"), NotFoundHandler))
        return kept

    def init_settings(self):
        settings = super().init_settings()
        settings["headers"] = {**settings.get("headers", {}), **SECURITY_HEADERS}
        return settings


def voila_argv(notebook: str, *, port: int, ip: str, token: str = "", extra: list[str] | None = None) -> list[str]:
    """Voilà's command line for the dashboard (also used for the empty-notebook benchmark anchor)."""
    return [
        notebook,
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--Voila.port_retries=0",
        f"--Voila.token={token}",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--template=lab",
        "--theme=light",
        # file_allowlist=[] / file_denylist=['.*'] and no template/theme override: see LockedVoila.LOCKED
        "--VoilaConfiguration.allow_template_override=NO",
        "--VoilaConfiguration.allow_theme_override=NO",
        # Every page view has its own kernel (about 55 MB). The page asks to stop it when it closes,
        # but that request is often lost (a closed laptop, a killed browser, a page left by the back
        # button): a kernel no page is connected to is stopped after 40 s without activity, checked
        # every 10 s. A kernel with an open page is never culled, however long it idles.
        # (LEERKRING_DASHBOARD_CULL_IDLE_S / _INTERVAL_S shorten it, e.g. for a test of the mechanism.)
        f"--MappingKernelManager.cull_idle_timeout={_seconds('LEERKRING_DASHBOARD_CULL_IDLE_S', CULL_IDLE_SECONDS)}",
        f"--MappingKernelManager.cull_interval={_seconds('LEERKRING_DASHBOARD_CULL_INTERVAL_S', CULL_INTERVAL_SECONDS)}",
        "--MappingKernelManager.cull_connected=False",
        "--MappingKernelManager.cull_busy=False",
        *(extra or []),
    ]


def _stop_with_parent() -> None:
    """End (cleanly, through Voilà's SIGTERM handler) when the launcher that started us is gone."""
    import os
    import signal
    import threading
    import time

    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1.0)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="leerkring-parent-watch", daemon=True).start()


def main(argv: list[str] | None = None) -> None:
    _stop_with_parent()
    LockedVoila.launch_instance(argv=sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    main()
