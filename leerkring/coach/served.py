"""The coach's operations that write files, run by the leerkring service for a coach on a hub.

Planning writes the session notebook, closing writes the archive notebook and its HTML, reopening
rewrites the notebook's intro: on JupyterHub those files belong to the service's workspace, not to
the coach's server. The store gateway runs these functions for its ``FILE_CALLS``
(:data:`leerkring.store.gateway.FILE_CALLS`) after :func:`leerkring.store.policy.authorise_files`
checked that the caller coaches the kring; each gets the gateway's own store and workspace folder and
calls the same lifecycle functions as the CLI.
"""

from __future__ import annotations

from pathlib import Path

from leerkring import config
from leerkring.notebooks import lifecycle
from leerkring.notebooks.archive import reopen_notebook
from leerkring.workspace import Workspace


def _workspace(store, root) -> Workspace:
    root = Path(root)
    if (root / config.SETTINGS_FILE).is_file():
        settings = config.read_settings(root)
    else:
        settings = config.Settings(name=root.name)
    return Workspace(root, settings, store)


def plan_session(store, root, kring, date, method: str | None = None, title: str = ""):
    """The session record and its notebook (:func:`leerkring.notebooks.lifecycle.plan_session`)."""
    return lifecycle.plan_session(_workspace(store, root), kring, date, method, title)


def archive_session(store, root, session_id: int, by: str | int | None = None):
    """Lock the session and write its archive (:func:`leerkring.notebooks.lifecycle.close_session`)."""
    return lifecycle.close_session(_workspace(store, root), session_id, by=by)


def reopen_session_notebook(store, root, session_id: int, by: str | int | None = None):
    """Reopen the session and tell members again in its notebook how to take part."""
    session = store.reopen_session(session_id, by=by)
    reopen_notebook(_workspace(store, root), session)
    return session
