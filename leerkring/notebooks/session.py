"""Writing a session notebook: the template with this session's values in its ``parameters`` cell.

The values are written into the template's cell tagged ``parameters`` itself (as nbparameterise does),
not into a second cell after it (as papermill's prepare-only does): one code cell less for every member
to run, and the cell says what the session is. Each line that assigns one of our parameters gets the
session's value; other lines (comments, a coach's own extra parameters) stay. The notebook remains a
normal papermill notebook: running it with papermill and ``-p`` adds papermill's usual
``injected-parameters`` cell after this one. Plain JSON, no nbformat or papermill import: their imports
alone cost more than the 1 s budget for ``leerkring session new``.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import uuid
from pathlib import Path

from leerkring.notebooks.templates import META, SCHEMA_VERSION, load_template

INJECTED_TAG = "injected-parameters"


def _ensure_ids(nb: dict) -> None:
    seen = set()
    for cell in nb.get("cells", ()):
        cid = cell.get("id")
        if not isinstance(cid, str) or not cid or cid in seen:
            cid = uuid.uuid4().hex[:12]
            cell["id"] = cid
        seen.add(cid)
    nb["nbformat"] = 4
    nb["nbformat_minor"] = max(5, int(nb.get("nbformat_minor", 5)))


FILLED_NOTE = "# Ingevuld door leerkring voor deze sessie; niet aanpassen."


def parameters_source(params: dict, template_source: str = "") -> str:
    """The parameters cell's source with ``params`` filled in (see the module docstring)."""
    lines = [line for line in template_source.splitlines() if line.strip() != FILLED_NOTE]
    todo = dict(params)
    for i, line in enumerate(lines):
        match = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^=]*)?=", line)
        if match and match.group(1) in todo:
            name = match.group(1)
            lines[i] = f"{name} = {todo.pop(name)!r}"
    lines += [f"{name} = {value!r}" for name, value in todo.items()]
    return "\n".join([FILLED_NOTE, *lines]) + "\n"


def fill_parameters(nb: dict, params: dict) -> dict:
    """Write ``params`` into the ``parameters`` cell (one is made at the top when there is none).

    Cells tagged ``injected-parameters`` (a notebook papermill ran before) are dropped: their values
    would override ours.
    """
    cells = [c for c in nb.get("cells", []) if INJECTED_TAG not in ((c.get("metadata") or {}).get("tags") or ())]
    cell = next((c for c in cells if "parameters" in ((c.get("metadata") or {}).get("tags") or ())), None)
    if cell is None:
        cell = {
            "cell_type": "code",
            "execution_count": None,
            "id": uuid.uuid4().hex[:12],
            "metadata": {"tags": ["parameters"], META: {"role": "parameters"}},
            "outputs": [],
            "source": "",
        }
        cells.insert(0, cell)
    source = cell.get("source", "")
    cell["source"] = parameters_source(params, "".join(source) if isinstance(source, list) else str(source))
    nb["cells"] = cells
    return nb


def write_json_atomic(path: Path, data: dict | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def notebook_relpath(kring_slug: str, date: str, method: str) -> str:
    return f"{kring_slug}/sessions/{date}-{method}.ipynb"


def build_session_notebook(template: dict, *, workspace: Path, session, kring) -> dict:
    nb = json.loads(json.dumps(template))  # deep copy
    params = {
        "workspace": str(workspace),
        "session_id": int(session.id),
        "kring": kring.slug,
        "date": session.date.isoformat(),
        "method": session.method,
        "title": session.title or "",
    }
    fill_parameters(nb, params)
    meta = nb.setdefault("metadata", {})
    meta[META] = {
        "method": session.method,
        "schema_version": SCHEMA_VERSION,
        "session_id": int(session.id),
        "kring": kring.slug,
        "date": session.date.isoformat(),
    }
    meta.setdefault("kernelspec", {"display_name": "Python 3", "language": "python", "name": "python3"})
    _ensure_ids(nb)
    return nb


def prepare_template(ws, method: str | None):
    """Resolve and validate the template before anything is stored, so a bad template stores nothing."""
    frameworks = ws.store.frameworks
    key = (frameworks.method(method) if method else frameworks.default_method).key
    return load_template(key, ws.path, frameworks)


def write_session_notebook(ws, session, template: dict | None = None) -> str:
    """Write ``<workspace>/<kring>/sessions/<date>-<method>.ipynb``; return its path relative to the workspace."""
    if template is None:
        template, _ = load_template(session.method, ws.path, ws.store.frameworks)
    kring = ws.store.kring(session.kring_id)
    rel = notebook_relpath(kring.slug, session.date.isoformat(), session.method)
    target = ws.path / rel
    if target.exists():
        try:
            existing = json.loads(target.read_text("utf-8")).get("metadata", {}).get(META, {})
        except (OSError, ValueError):
            existing = {}
        if existing.get("session_id") != session.id:
            # A file left from another session (e.g. an earlier database): never overwrite someone's notes.
            rel = notebook_relpath(kring.slug, session.date.isoformat(), f"{session.method}-{session.id}")
            target = ws.path / rel
    write_json_atomic(target, build_session_notebook(template, workspace=ws.path, session=session, kring=kring))
    return rel
