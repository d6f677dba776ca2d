"""The ``store`` operation of the leerkring service: store calls from session-notebook kernels.

The leerkring service (:mod:`leerkring.service`) holds deduce and, here, one
:class:`~leerkring.store.Store` per workspace, and answers the calls a session notebook makes
(:class:`~leerkring.store.remote.RemoteStore` sends them), so a member's kernel needs neither
SQLAlchemy nor a database connection of its own. Texts saved this way are scrubbed in-process by the
service's ``scrub`` handler, which the host hands over as ``services.scrub``: the store never imports
the privacy package.

Only the methods in :data:`METHODS` can be called, each for a :class:`~leerkring.identity.Caller`
that the transport authenticated:

- a *trusted* caller (the ``local`` mode: the service runs as the one account that could open the
  database itself) calls the store as it would in-process: visibility is decided by the store from
  the viewer the call names, and the request names its workspace;
- every other caller (``peer``, ``hub``) reaches only the one workspace the service is bound to
  (``services.workspace``; a request's ``workspace`` and ``database_url`` are ignored), and each call
  goes through :func:`leerkring.store.policy.authorise`, which derives the viewer, author and editor
  from the caller and refuses what their roles do not allow.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leerkring import config
from leerkring.errors import DatabaseError, LeerkringError, NotAllowed
from leerkring.service import ratelimit
from leerkring.store import member, policy, wire
from leerkring.store.protocol import WRITES

if TYPE_CHECKING:
    from leerkring.identity import Caller

log = logging.getLogger(__name__)

#: What a session notebook reads and writes, and the coach and workspace operations (who may call
#: which is :mod:`leerkring.store.policy`'s). Written out, so a change is seen in review; a test
#: holds it equal to the calls of :class:`~leerkring.store.protocol.StoreAPI`.
METHODS = frozenset(
    {
        "session",
        "kring",
        "members",
        "account",
        # what the coach's and manager's forms list (leerkring.coach)
        "kringen",
        "sessions",
        "actions",
        "entries",
        "open_actions",
        "action_updates",
        "signals",
        "evaluations",
        "add_entry",
        "edit_entry",
        "add_action",
        "save_action",
        "report_action",
        "raise_signal",
        "add_evaluation",
        # coach operations
        "add_session",
        "close_session",
        "reopen_session",
        "mark_present",
        "add_member",
        "set_role",
        "link_account",
        # the release review of texts for the organisation (a coach of the text's kring)
        "pending_releases",
        "release",
        "reject",
        "edit_release",
        # management's answer to a signal (a manager, as themselves)
        "respond_signal",
        # the live session: phases, cases and their vote, replies, the wall's wake-up
        "room",
        "watch",
        "cases",
        "add_case",
        "share_case",
        "vote",
        "add_reply",
        "room_control",
        # workspace operations
        "add_kring",
    }
)
#: Coach operations that write the workspace's files as well as its store (the session notebook when
#: planning, the archive notebook and HTML when closing, the notebook's intro when reopening): on a hub
#: those files are the service's, so these run here. Each is a function ``(store, root, ...)`` named
#: "module:function" and imported on first use, as the service host imports its handlers (the store
#: layer does not import the apps above it); :func:`leerkring.store.policy.authorise_files` checks them.
FILE_CALLS: dict[str, str] = {
    "plan_session": "leerkring.coach.served:plan_session",
    "archive_session": "leerkring.coach.served:archive_session",
    "reopen_session_notebook": "leerkring.coach.served:reopen_session_notebook",
}
MAX_OPEN = 16  # workspaces kept open at once; the least recently used closes first


class StoreGateway:
    """Answers ``{"op": "store", ...}`` requests with one cached store per workspace.

    ``services`` is what the service host offers its handlers; the stores scrub with ``services.scrub``.
    """

    def __init__(self, services):
        self.scrubber = services.scrub
        #: The one workspace of a shared service (``peer``, ``hub``); ``None``: requests name theirs.
        self.workspace: Path | None = getattr(services, "workspace", None)
        self._stores: dict[tuple[str, str], tuple[tuple, Any]] = {}
        self._lock = threading.Lock()
        self._url: tuple[int | None, str] | None = None  # (settings mtime, database URL) of the bound workspace

    def answer(self, req: dict[str, Any], caller: Caller) -> dict[str, Any]:
        method = req.get("method")
        try:
            if method not in METHODS and method not in member.CALLS and method not in FILE_CALLS:
                raise NotAllowed(f"De leerkring-service voert '{method}' niet uit.")
            args = wire.decode(req.get("args") or [])
            kwargs = wire.decode(req.get("kwargs") or {"$map": {}})
            if not isinstance(args, list) or not isinstance(kwargs, dict):
                raise ValueError("args and kwargs")
            store = self._store_for(req, caller)
            if method in member.CALLS:  # the member's way in (leerkring.labext): sessions and notebooks
                root = Path(self.workspace) if self.workspace is not None else Path(str(req.get("workspace")))
                return {"ok": True, "result": wire.encode(member.call(store, root, caller, method, args, kwargs))}
            if method in FILE_CALLS:
                if not caller.trusted:
                    ratelimit.check(caller.username, self.workspace)
                return {"ok": True, "result": wire.encode(self._file_call(store, req, caller, method, args, kwargs))}
            if method in WRITES and not caller.trusted:  # per person; local mode is one trust domain
                ratelimit.check(caller.username, self.workspace)
            if caller.trusted:
                result = getattr(store, method)(*args, **kwargs)
            else:
                result = policy.authorise(store, caller, method, args, kwargs)()
            return {"ok": True, "result": wire.encode(result)}
        except LeerkringError as exc:
            return {"ok": False, "error": str(exc), "kind": type(exc).__name__}
        except (TypeError, ValueError) as exc:
            return {"ok": False, "error": f"Ongeldig verzoek aan de leerkring-service ({exc}).", "kind": "UsageError"}
        except Exception as exc:  # answered, so the kernel shows one line, not a traceback
            log.exception("store call %r failed", method)
            return {"ok": False, "error": f"De database gaf een fout ({type(exc).__name__}).", "kind": "DatabaseError"}

    def _file_call(self, store, req: dict[str, Any], caller: Caller, method: str, args: list, kwargs: dict):
        import importlib
        import inspect

        module_name, _, name = FILE_CALLS[method].partition(":")
        function = getattr(importlib.import_module(module_name), name)
        root = Path(self.workspace) if self.workspace is not None else Path(str(req.get("workspace")))
        bound = inspect.signature(function).bind(store, root, *args, **kwargs)  # TypeError: malformed
        bound.apply_defaults()
        if not caller.trusted:
            policy.authorise_files(store, caller, method, bound.arguments)
        return function(*bound.args, **bound.kwargs)

    # -- the stores ---------------------------------------------------------------------------------
    def _store_for(self, req: dict[str, Any], caller: Caller):
        """The store a call runs on: the bound workspace's, or (trusted callers of a service that is
        bound to none) the one the request names."""
        if self.workspace is not None:
            root = Path(self.workspace)
            return self._store(str(root), self._database_url(root))
        if not caller.trusted:
            raise NotAllowed("Deze leerkring-service is aan geen werkruimte gebonden; ze bedient alleen haar eigenaar.")
        return self._store(str(req.get("workspace") or ""), str(req.get("database_url") or ""))

    def _database_url(self, root: Path) -> str:
        """The bound workspace's database URL, read again only when ``leerkring.toml`` changed."""
        try:
            stamp = os.stat(root / config.SETTINGS_FILE).st_mtime_ns
        except OSError:
            stamp = None
        cached = self._url
        if cached is None or cached[0] != stamp:
            cached = self._url = (stamp, config.database_url(root, config.read_settings(root)))
        return cached[1]

    def _store(self, workspace: str, url: str):
        root = Path(workspace)
        if not workspace or not root.is_absolute() or not url:
            raise DatabaseError("Het verzoek noemt geen werkruimte of database.")
        identity = _identity(root, url)
        key = (str(root), url)
        with self._lock:
            cached = self._stores.pop(key, None)
            if cached is not None and cached[0] == identity:
                self._stores[key] = cached  # most recently used last
                return cached[1]
            if cached is not None:  # the database file was replaced or frameworks changed: reopen
                cached[1].close()
            store = self._open(root, url)
            self._stores[key] = (identity, store)
            while len(self._stores) > MAX_OPEN:
                _, oldest = self._stores.pop(next(iter(self._stores)))
                oldest.close()
            return store

    def _open(self, root: Path, url: str):
        from leerkring import frameworks
        from leerkring.store import Store

        if url.startswith("sqlite:///"):
            config.protect_data_dir(root)  # 0700/0600, also for a workspace made before that rule
        # [privacy] release decides whether organisation texts wait for a coach (store/release.py);
        # the settings file is part of the store's identity, so a change opens the store again
        release = config.read_settings(root).release if (root / config.SETTINGS_FILE).is_file() else "coach"
        return Store(url, scrubber=self.scrubber, frameworks=frameworks.load(root), release=release)

    def close(self) -> None:
        with self._lock:
            for _, store in self._stores.values():
                store.close()
            self._stores.clear()


def _identity(root: Path, url: str) -> tuple:
    """What must not change under an open store: the SQLite file itself, the frameworks folder and the
    workspace's settings (``[privacy] release``)."""
    parts: list = []
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///") :]
        try:
            st = os.stat(path)
        except OSError:
            raise DatabaseError(f"De database {path} bestaat niet (meer).") from None
        parts.append((st.st_dev, st.st_ino))
    for part in (root / "frameworks", root / config.SETTINGS_FILE):
        try:
            parts.append(os.stat(part).st_mtime_ns)
        except OSError:
            parts.append(None)
    return tuple(parts)
