"""The handlers of the member's way in, under ``<base_url>leerkring/``:

- ``GET leerkring/api/sessions``: the member's open and recent sessions (``{"sessions": [...]}``);
- ``POST leerkring/api/open`` ``{"session_id": n}``: the session notebook from the service, written into
  ``<root_dir>/leerkring/<kring-slug>/<file>.ipynb`` (the server's root, on JupyterHub the member's
  home); answers ``{"path", "url", "written"}`` with the Lab URL that opens it;
- ``GET leerkring/``: a small page listing the sessions with an "Openen" button each (the launcher's
  "Leerkring" card opens it).

The service is reached through :class:`~leerkring.store.remote.RemoteStore`: on JupyterHub over HTTP
with this server's hub token (``LEERKRING_SERVICE_URL``, ``JUPYTERHUB_API_TOKEN``), and the service
knows who calls; locally over the service's socket, for the workspace in ``LEERKRING_WORKSPACE`` and the
account in ``LEERKRING_ACCOUNT`` (default: the OS account name).

A member's own copy is never overwritten: when the file exists and its cells' sources equal the
service's (the member ran it, outputs differ), it is opened as it is; otherwise the service's version
goes into the first free ``<file>-<n>.ipynb`` (after close: the archive beside the member's copy).
"""

from __future__ import annotations

import asyncio
import getpass
import html
import json
import os
import re
import urllib.parse
from pathlib import Path
from typing import Any

from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

from leerkring import config, errors

WORKSPACE_ENV = "LEERKRING_WORKSPACE"
ACCOUNT_ENV = "LEERKRING_ACCOUNT"
FOLDER = "leerkring"  # under the server's root directory
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_STATUS = {"NotAllowed": 403, "NotAuthenticated": 403, "NotFound": 404, "UsageError": 400}


def setup_handlers(serverapp) -> None:
    web_app = serverapp.web_app
    base = url_path_join(web_app.settings["base_url"], FOLDER)
    root = Path(os.path.expanduser(serverapp.root_dir))
    web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base, "api", "sessions"), SessionsHandler),
            (url_path_join(base, "api", "open"), OpenHandler, {"root": root}),
            (url_path_join(base, "?"), PageHandler),
        ],
    )


# -- the service ------------------------------------------------------------------------------------
def _call(method: str, *args: Any) -> Any:
    """``method`` on the leerkring service, for this server's member (blocking: run it in a thread)."""
    from leerkring.store.remote import SERVICE_URL_ENV, RemoteStore

    if os.environ.get(SERVICE_URL_ENV, "").strip():  # JupyterHub: the hub token says who we are
        store, account = RemoteStore(Path.home(), "", None), None
    else:
        workspace = os.environ.get(WORKSPACE_ENV, "").strip()
        if not workspace:
            raise errors.UsageError(f"Geen werkruimte: zet {WORKSPACE_ENV} voor deze Jupyter-server.")
        root = Path(workspace).resolve()
        store = RemoteStore(root, config.database_url(root, config.read_settings(root)), None)
        account = os.environ.get(ACCOUNT_ENV, "").strip() or getpass.getuser()
    try:
        return store.call(method, *args, account=account)
    finally:
        store.close()


def my_sessions() -> list[dict]:
    return _call("my_sessions")


def _sources(nb: dict) -> list:
    return [(c.get("cell_type"), "".join(c.get("source") or "")) for c in nb.get("cells") or []]


def place_notebook(root: Path, answer: dict) -> tuple[str, bool]:
    """Write the service's notebook under ``root/leerkring/<kring>/``: ``(relative path, written)``."""
    slug, name = str(answer.get("kring_slug") or ""), str(answer.get("file") or "")
    if not _SAFE.match(slug) or not _SAFE.match(name) or not name.endswith(".ipynb"):
        raise errors.UsageError("De leerkring-service noemde een ongeldige kring of bestandsnaam.")
    text = str(answer["notebook"])
    wanted = _sources(json.loads(text))
    folder = root / FOLDER / slug
    folder.mkdir(parents=True, exist_ok=True)
    stem = name[: -len(".ipynb")]
    n = 0
    while True:
        target = folder / (name if n == 0 else f"{stem}-{n}.ipynb")
        if not target.exists():
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, target)
            return target.relative_to(root).as_posix(), True
        try:
            same = _sources(json.loads(target.read_text(encoding="utf-8"))) == wanted
        except (OSError, ValueError, AttributeError):
            same = False
        if same:
            return target.relative_to(root).as_posix(), False
        n += 1


def _refusal(handler, exc: errors.LeerkringError) -> None:
    handler.set_status(_STATUS.get(type(exc).__name__, 502))
    handler.finish({"error": str(exc)})


# -- handlers ---------------------------------------------------------------------------------------
class SessionsHandler(APIHandler):
    @web.authenticated
    async def get(self):
        try:
            sessions = await asyncio.to_thread(my_sessions)
        except errors.LeerkringError as exc:
            return _refusal(self, exc)
        self.finish({"sessions": sessions})


class OpenHandler(APIHandler):
    def initialize(self, root: Path):
        self.root = root

    @web.authenticated
    async def post(self):
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            body = None
        session_id = body.get("session_id") if isinstance(body, dict) else None
        if isinstance(session_id, str) and session_id.isdigit():
            session_id = int(session_id)
        if isinstance(session_id, bool) or not isinstance(session_id, int):
            self.set_status(400)
            return self.finish({"error": "Geef het nummer van de sessie op (session_id)."})
        try:
            answer = await asyncio.to_thread(_call, "session_notebook", session_id)
            path, written = await asyncio.to_thread(place_notebook, self.root, answer)
        except errors.LeerkringError as exc:
            return _refusal(self, exc)
        url = url_path_join(self.base_url, "lab", "tree", urllib.parse.quote(path))
        self.finish({"path": path, "url": url, "written": written})


PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Leerkring</title>
<style>body{{font-family:system-ui,sans-serif;margin:2em;max-width:50em}}li{{margin:.5em 0}}
.dicht{{color:#666}}#melding{{color:#a00}}</style></head>
<body><h1>Leerkring: jouw sessies</h1>
{body}
<p id="melding" role="status"></p>
<script>
document.querySelectorAll("button[data-sessie]").forEach(function (b) {{
  b.addEventListener("click", async function () {{
    b.disabled = true;
    var m = document.getElementById("melding"); m.textContent = "Het notebook wordt opgehaald...";
    try {{
      var r = await fetch({open_url}, {{method: "POST", headers: {{"Content-Type": "application/json",
        "X-XSRFToken": {xsrf}}}, body: JSON.stringify({{session_id: Number(b.dataset.sessie)}})}});
      var a = await r.json();
      if (!r.ok) {{ m.textContent = a.error || ("Fout " + r.status); b.disabled = false; return; }}
      var app = null;  // Lab around this frame, when it shows its app (LabApp.expose_app_in_browser)
      try {{ app = window.top !== window ? window.top.jupyterapp : null; }} catch (e) {{ app = null; }}
      if (app && app.commands && app.commands.hasCommand("docmanager:open")) {{
        await app.commands.execute("docmanager:open", {{path: a.path}});  // no second load of Lab
        m.textContent = ""; b.disabled = false;
        return;
      }}
      (window.top || window).location.href = a.url;  // the launcher shows this page in a frame
    }} catch (e) {{ m.textContent = "De leerkring-service is niet bereikbaar."; b.disabled = false; }}
  }});
}});
</script></body></html>
"""


class PageHandler(JupyterHandler):
    @property
    def content_security_policy(self) -> str:
        # the launcher card shows this page in a frame of the same server's Lab; JupyterHub's single-user
        # server forbids every frame ("frame-ancestors 'none'"), which left the card an error page
        return "frame-ancestors 'self'"

    @web.authenticated
    async def get(self):
        try:
            sessions = await asyncio.to_thread(my_sessions)
        except errors.LeerkringError as exc:
            body = f"<p>{html.escape(str(exc))}</p>"
        else:
            body = _session_list(sessions)
        open_url = url_path_join(self.base_url, FOLDER, "api", "open")
        xsrf = self.xsrf_token.decode() if isinstance(self.xsrf_token, bytes) else str(self.xsrf_token)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(PAGE.format(body=body, open_url=json.dumps(open_url), xsrf=json.dumps(xsrf)))


def _session_list(sessions: list[dict]) -> str:
    if not sessions:
        return "<p>Er zijn nu geen open of recente sessies in jouw kringen.</p>"
    items = []
    for s in sessions:
        label = f"{s['date']} · {s['kring']} · {s['title'] or s['method']}"
        state = "open" if s["open"] else "gesloten (archief)"
        button = (
            f'<button data-sessie="{int(s["id"])}">Openen</button>' if s.get("has_notebook") else "(nog geen notebook)"
        )
        cls = "" if s["open"] else ' class="dicht"'
        items.append(f"<li{cls}>{html.escape(label)} <small>({state})</small> {button}</li>")
    return "<ul>" + "".join(items) + "</ul>"
