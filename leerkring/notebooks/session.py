"""Writing a session notebook: the template with its parameters injected (papermill style).

We do what papermill's prepare-only parameterisation does, with plain JSON instead of nbformat and
papermill (their imports alone cost more than the 1 s budget for ``leerkring session new``): the
template's ``parameters`` cell stays, and a cell tagged ``injected-parameters`` is placed right after it.
"""

from __future__ import annotations

import json
import os
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


def parameters_source(params: dict) -> str:
    lines = ["# Parameters van deze sessie (ingevuld door leerkring; niet aanpassen)"]
    lines += [f"{name} = {value!r}" for name, value in params.items()]
    return "\n".join(lines) + "\n"


def inject_parameters(nb: dict, params: dict) -> dict:
    """Insert (or replace) the ``injected-parameters`` cell after the ``parameters`` cell."""
    cells = [c for c in nb.get("cells", []) if INJECTED_TAG not in ((c.get("metadata") or {}).get("tags") or ())]
    index = next(
        (i for i, c in enumerate(cells) if "parameters" in ((c.get("metadata") or {}).get("tags") or ())), -1
    )
    injected = {
        "cell_type": "code",
        "execution_count": None,
        "id": uuid.uuid4().hex[:12],
        "metadata": {"tags": [INJECTED_TAG], META: {"role": "parameters"}},
        "outputs": [],
        "source": parameters_source(params),
    }
    cells.insert(index + 1, injected)
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
    inject_parameters(nb, params)
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
