"""``leerkring summarize``: one papermill run of the summary notebook for every kring and audience,
then split per summary into ``.ipynb``, a self-contained ``.html`` and ``.json``, written atomically.

Layout (``<period>`` is the period's file stem, e.g. ``2026Q4`` or ``alles``)::

    summaries/kring/<kring-slug>/<period>.{ipynb,html,json}          the kring zone
    summaries/organisatie/<kring-slug>/<period>.{ipynb,html,json}    the organisation zone
    summaries/organisatie/_organisatie/<period>.{ipynb,html,json}    roll-up across all kringen
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from leerkring.errors import LeerkringError
from leerkring.summary import files
from leerkring.summary.kernel import MANIFEST

EXTENSIONS = ("ipynb", "html", "json")
STAGING_PREFIX = ".staging-"

# nbconvert's lab template without anything that would load from the network (require.js, MathJax,
# mermaid, widget manager): the HTML renders with the network blocked. CSS and SVG are inline.
_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


@dataclass
class Outcome:
    written: list[Path] = field(default_factory=list)
    rebuilt: list[Path] = field(default_factory=list)  # damaged files from an earlier run, now replaced
    empty: list[str] = field(default_factory=list)  # targets with no sessions in the period
    targets: list[str] = field(default_factory=list)
    period: str = ""
    seconds: float = 0.0


_exporter = None


def html_exporter():
    global _exporter
    if _exporter is None:
        from jinja2 import DictLoader
        from nbconvert import HTMLExporter

        _exporter = HTMLExporter(
            extra_loaders=[DictLoader({"leerkring_summary.html.j2": _TEMPLATE})],
            template_name="lab", template_file="leerkring_summary.html.j2",
            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
            embed_images=True,
        )
    return _exporter


def to_html(nb, title: str) -> str:
    body, _ = html_exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    return re.sub(r"<html( lang=\"[a-z-]*\")?>", '<html lang="nl">', body, count=1)


def split(executed, entry: dict, params: dict):
    """The notebook for one target: the cells of the run with only that target's outputs."""
    nb = copy.copy(executed)
    nb.metadata = copy.deepcopy(executed.metadata)
    target = entry["target"]
    cells = []
    for cell in executed.cells:
        new = copy.copy(cell)
        new.metadata = copy.deepcopy(cell.metadata)
        if cell.cell_type == "code":
            if "injected-parameters" in cell.metadata.get("tags", []):
                new.source = "\n".join(f"{k} = {v!r}" for k, v in params.items())
            new.outputs = [
                o for o in cell.get("outputs", [])
                if o.get("metadata", {}).get("leerkring", {}).get("target") == target
            ]
        cells.append(new)
    nb.cells = cells
    nb.metadata["leerkring"] = {"notebook": "summary", "target": target, "audience": entry["audience"],
                                "kring": entry["slug"], "period": params["period"], "schema_version": 1}
    if "papermill" in nb.metadata:
        nb.metadata["papermill"]["parameters"] = params
        for key in ("input_path", "output_path"):
            nb.metadata["papermill"].pop(key, None)
    return nb


def _clean_old_staging(root: Path) -> None:
    if not root.is_dir():
        return
    for old in root.glob(STAGING_PREFIX + "*"):
        try:
            if time.time() - old.stat().st_mtime > 3600:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass


def summarize(ws, kring: str | None = "all", period: str | None = None, audience: str = "both", *,
              actor: str = "systeem", progress: bool | None = None, kernel_name: str = "python3",
              log=None) -> Outcome:
    """Run the summary notebook once and publish every summary. Raises LeerkringError."""
    import nbformat
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from leerkring.summary.build import Builder

    started = time.perf_counter()
    builder = Builder(ws, kring, period, audience)  # checks period, kring and sessions before a kernel starts
    audience_param = audience if audience in ("kring", "organisatie") else "both"
    kring_param = "all" if builder.all_kringen else builder.kringen[0].slug
    summaries_dir = ws.summaries_dir
    summaries_dir.mkdir(parents=True, exist_ok=True)
    _clean_old_staging(summaries_dir)
    staging = summaries_dir / f"{STAGING_PREFIX}{uuid.uuid4().hex[:10]}"
    staging.mkdir()
    outcome = Outcome(period=builder.period.label)
    say = log or (lambda text: None)
    try:
        params = {"workspace": str(ws.path), "kring": kring_param, "period": builder.period.label,
                  "audience": audience_param, "staging": str(staging)}
        say(f"Samenvatten ({builder.period.describe()}): één notebookuitvoering voor {len(builder.kringen)} "
            f"kring(en)...")
        try:
            executed = pm.execute_notebook(
                str(files.notebook_path()), str(staging / "run.ipynb"), parameters=params,
                kernel_name=kernel_name, progress_bar=False, cwd=str(ws.path), log_output=False,
                request_save_on_cell_execute=False,
            )
        except PapermillExecutionError as exc:
            if exc.ename in ("LeerkringError", "UsageError", "NotFound", "DatabaseError", "ScrubberError", "NotAllowed"):
                raise LeerkringError(exc.evalue) from None
            raise LeerkringError(f"De samenvattingsnotebook liep vast ({exc.ename}: {exc.evalue[:200]}).") from None
        manifest = json.loads((staging / MANIFEST).read_text("utf-8"))
        show = progress if progress is not None else (len(manifest) > 5 and sys.stderr.isatty())
        from tqdm.auto import tqdm

        for entry in tqdm(manifest, desc="samenvattingen", unit="stuk", disable=not show, file=sys.stderr):
            per_target = {**params, "kring": entry["slug"] if entry["slug"] != "_organisatie" else "all",
                          "audience": entry["audience"], "staging": ""}
            nb = split(executed, entry, per_target)
            stem = entry["stem"]
            final_dir = files.target_dir(summaries_dir, entry["audience"], entry["slug"])
            stage_dir = staging / entry["audience"] / entry["slug"]
            files.atomic_write(stage_dir / f"{stem}.ipynb", nbformat.writes(nb))
            title = f"Samenvatting {entry['name']} ({builder.period.label})"
            files.atomic_write(stage_dir / f"{stem}.html", to_html(nb, title))
            final_dir.mkdir(parents=True, exist_ok=True)
            written = []
            for ext in EXTENSIONS:  # json last: a reader of the JSON finds its HTML complete
                final = final_dir / f"{stem}.{ext}"
                if files.is_damaged(final):
                    outcome.rebuilt.append(final)
                os.replace(stage_dir / f"{stem}.{ext}", final)
                written.append(final)
            outcome.written.extend(written)
            outcome.targets.append(entry["target"])
            if entry["empty"]:
                outcome.empty.append(entry["target"])
            if entry["audience"] == "organisatie":
                ws.store.audit(actor, "summary.publish", {
                    "audience": "organisatie", "kring": entry["slug"], "period": builder.period.label,
                    "files": [str(p.relative_to(ws.path)) for p in written], "empty": entry["empty"],
                })
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    outcome.seconds = time.perf_counter() - started
    return outcome
