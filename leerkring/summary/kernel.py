"""What the summary notebook calls inside its kernel: build every summary of the run, write the JSON
files into the staging folder, and show each summary with outputs tagged by target."""

from __future__ import annotations

import json
from pathlib import Path

from leerkring.summary import files

MANIFEST = "manifest.json"


WARM_UP = "import leerkring.summary.kernel; leerkring.summary.kernel.warm_up()"


def warm_up() -> None:
    """Import what build() and show() use. ``leerkring summarize`` starts the kernel with this as an
    IPython exec line, so the imports happen while the parent process is still loading papermill,
    instead of in the first cell. It computes nothing and reads no workspace."""
    import importlib

    for name in (
        "leerkring.workspace",
        "leerkring.privacy",
        "leerkring.summary.build",
        "leerkring.summary.aggregate",
        "leerkring.summary.texts",
        "leerkring.summary.redact",
        "leerkring.summary.render",
        "leerkring.sections.plugin",
    ):
        importlib.import_module(name)
    from leerkring.sections import summary_sections

    summary_sections()  # loads the plugins (leerkring's own and installed ones) once
    files._fast_validator()


def build(workspace: str, kring: str = "all", period: str = "alles", audience: str = "both", staging: str = ""):
    """Build and (when ``staging`` is given) write the JSON of every summary. Returns the summaries."""
    from leerkring.summary.build import build_summaries
    from leerkring.workspace import Workspace

    ws = Workspace.open(workspace, search=False)
    try:
        summaries = build_summaries(ws, kring, period, audience)
    finally:
        ws.close()
    if staging:
        root = Path(staging)
        manifest = []
        for s in summaries:
            files.validate(s.data)
            stem = s.data["period"]["file_stem"]
            rel = Path(s.audience) / s.slug / f"{stem}.json"
            files.atomic_write(root / rel, json.dumps(s.data, ensure_ascii=False, separators=(",", ":")))
            manifest.append(
                {
                    "target": s.target,
                    "audience": s.audience,
                    "slug": s.slug,
                    "name": s.name,
                    "json": str(rel),
                    "empty": s.data["empty"],
                    "stem": stem,
                }
            )
        files.atomic_write(root / MANIFEST, json.dumps(manifest, ensure_ascii=False))
    return summaries


def show(summaries) -> None:
    from leerkring.summary.render import display_summary

    for s in summaries:
        display_summary(s.data, s.target)
