"""A session's life as files and records together: plan it (record + notebook), close it (lock + archive).

These are the two operations that touch both the store and the notebooks on disk. They live here, in
the notebooks layer, so :class:`~leerkring.workspace.Workspace` stays below the apps that use it (the
layer contract in ``pyproject.toml``).
"""

from __future__ import annotations

import logging

from leerkring.errors import SessionClosed
from leerkring.notebooks.archive import archive_session
from leerkring.notebooks.session import prepare_template, write_session_notebook
from leerkring.notebooks.templates import META, read_notebook

log = logging.getLogger(__name__)


def plan_session(ws, kring, date, method: str | None = None, title: str = ""):
    """Plan a session: the record in the store and its notebook from the method's template.

    The template is found and validated first, so a broken template stores nothing.
    """
    template, _ = prepare_template(ws, method)
    session = ws.store.add_session(kring, date, method, title)
    rel = write_session_notebook(ws, session, template)
    ws.store.set_notebook(session.id, rel)
    return ws.store.session(session.id)


def close_session(ws, session_id: int, by: str | int | None = None):
    """Lock the session, then archive its notebook (kring-visible entries as Markdown, plus HTML).

    Locking first means nothing can be saved after the archive was written. Closing an already
    closed session whose archive is missing (e.g. the export failed) writes the archive again.
    """
    current = ws.store.session(session_id)
    try:
        closed = ws.store.close_session(session_id, by=by)
    except SessionClosed:
        path = ws.path / current.notebook if current.notebook else None
        try:
            archived = path is not None and bool(read_notebook(path)["metadata"][META].get("archived"))
        except Exception:  # unreadable or no archive mark: write the archive again
            log.info("no readable archive in %s; archiving again", path, exc_info=True)
            archived = False
        if archived and path.with_suffix(".html").exists():
            raise
        if by is not None:
            ws.store.require_role(current.kring_id, by, "coach")
        closed = current
    archive_session(ws, closed)
    return ws.store.session(session_id)
