"""The member's way in: which sessions are mine, and the session notebook's content.

Two calls the store gateway answers beside the store calls (:data:`CALLS`); the Jupyter server
extension :mod:`leerkring.labext` makes them through :class:`~leerkring.store.remote.RemoteStore`'s
``call``. They are not part of :class:`~leerkring.store.protocol.StoreAPI` (a session notebook never
makes them) and they work on the workspace's files as well as its store:

- ``my_sessions(account=None)``: the open sessions of the caller's kringen (member or coach, and the
  sessions a guest attends) and those closed in the last :data:`RECENT_DAYS` days, newest first;
- ``session_notebook(session_id, account=None)``: the session notebook as the workspace holds it (the
  archive after close), for a member or coach of its kring or an invited guest; a manager gets no
  notebook (after close it holds the kring's contributions).

A shared service (``peer``, ``hub``) knows the caller; ``account`` is ignored. A trusted caller (the
``local`` mode, one account) names the account whose sessions it asks for.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from leerkring.errors import NotAllowed, NotFound, UsageError
from leerkring.identity import Caller
from leerkring.store import policy

CALLS = frozenset({"my_sessions", "session_notebook"})
#: Closed sessions younger than this (by date) are still listed.
RECENT_DAYS = 60
#: A session notebook larger than this is not sent (the service answers at most about 1 MiB).
MAX_NOTEBOOK_BYTES = 900_000


def call(store, root: Path, caller: Caller, method: str, args: list, kwargs: dict) -> Any:
    """Answer one of :data:`CALLS` for ``caller`` on the workspace at ``root``."""
    if method == "my_sessions":
        return my_sessions(store, _caller(caller, *args, **kwargs))
    if method == "session_notebook":
        if not args and "session_id" not in kwargs:
            raise UsageError("Welke sessie? Geef session_id op.")
        session_id = kwargs.pop("session_id") if "session_id" in kwargs else args[0]
        if isinstance(session_id, bool) or not isinstance(session_id, int):
            raise UsageError("session_id is een getal.")
        return session_notebook(store, root, _caller(caller, *args[1:], **kwargs), session_id)
    raise NotAllowed(f"De leerkring-service voert '{method}' niet uit.")


def _caller(caller: Caller, account: str | None = None) -> Caller:
    if not caller.trusted:
        return caller
    if not account or not isinstance(account, str):
        raise UsageError("Noem het account waarvoor je de sessies vraagt.")
    return Caller(caller.provider, account.strip().casefold(), trusted=False)


def my_sessions(store, caller: Caller, *, today: dt.date | None = None) -> list[dict]:
    who = policy.rights(store, caller)
    since = (today or dt.date.today()) - dt.timedelta(days=RECENT_DAYS)
    found: dict[int, Any] = {}
    for kring_id in who.member_kringen:
        for session in store.sessions(kring=kring_id):
            found[session.id] = session
    for session_id in who.attended:
        found.setdefault(session_id, store.session(session_id))
    slugs: dict[int, Any] = {}
    rows = []
    for session in found.values():
        if not session.is_open and session.date < since:
            continue
        kring = slugs.get(session.kring_id) or slugs.setdefault(session.kring_id, store.kring(session.kring_id))
        rows.append(
            {
                "id": session.id,
                "kring": kring.name,
                "kring_slug": kring.slug,
                "date": session.date.isoformat(),
                "method": session.method,
                "title": session.title,
                "open": session.is_open,
                "has_notebook": bool(session.notebook),
            }
        )
    rows.sort(key=lambda r: (not r["open"], _negate(r["date"]), -r["id"]))
    return rows


def _negate(iso: str) -> int:
    return -dt.date.fromisoformat(iso).toordinal()


def session_notebook(store, root: Path, caller: Caller, session_id: int) -> dict:
    who = policy.rights(store, caller)
    try:
        session = store.session(session_id)
    except NotFound:
        raise NotFound(f"Sessie {session_id} bestaat niet.") from None
    role = who.roles.get(session.kring_id)
    if not (role in policy.MEMBER_ROLES or (role == "guest" and session.id in who.attended)):
        raise NotAllowed(f"Sessie {session.id} hoort niet bij jouw kringen; je kunt haar notebook niet openen.")
    if not session.notebook:
        raise NotFound(f"Sessie {session.id} heeft (nog) geen notebook.")
    base = Path(root).resolve()
    path = (base / session.notebook).resolve()
    if base not in path.parents or path.suffix != ".ipynb":
        raise NotAllowed(f"Het notebook van sessie {session.id} ligt buiten de werkruimte.")
    try:
        raw = path.read_bytes()
    except OSError:
        raise NotFound(f"Het notebook van sessie {session.id} ontbreekt in de werkruimte.") from None
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise UsageError(f"Het notebook van sessie {session.id} is te groot om te versturen.")
    text = raw.decode("utf-8")
    json.loads(text)  # a broken file is an error here, not in the member's Lab
    kring = store.kring(session.kring_id)
    return {
        "session_id": session.id,
        "kring_slug": kring.slug,
        "file": path.name,
        "open": session.is_open,
        "notebook": text,
    }
