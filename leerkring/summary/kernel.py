"""What the summary notebook calls inside its kernel: build every summary of the run, write the JSON
files into the staging folder, and show each summary with outputs tagged by target."""

from __future__ import annotations

import json
from pathlib import Path

from leerkring.summary import files

MANIFEST = "manifest.json"


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
            files.atomic_write(root / rel, json.dumps(s.data, ensure_ascii=False, indent=1))
            manifest.append({"target": s.target, "audience": s.audience, "slug": s.slug, "name": s.name,
                             "json": str(rel), "empty": s.data["empty"], "stem": stem})
        files.atomic_write(root / MANIFEST, json.dumps(manifest, ensure_ascii=False))
    return summaries


def show(summaries) -> None:
    from leerkring.summary.render import display_summary

    for s in summaries:
        display_summary(s.data, s.target)
