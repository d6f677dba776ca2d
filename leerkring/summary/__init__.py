"""Cross-session summaries (papermill): aggregation as a library, the notebook only draws.

    from leerkring.summary import build_summaries, summarize
    docs = build_summaries(ws, kring="all", period="2026Q4", audience="both")   # no kernel
    outcome = summarize(ws, period="2026Q4")                                     # notebook + files

See :mod:`leerkring.summary.publish` for the file layout and ``leerkring/data/summary.schema.json``
for the JSON format the dashboard reads.
"""

from __future__ import annotations

__all__ = [
    "build_summaries",
    "summarize",
    "parse_period",
    "Period",
    "Summary",
    "Suppressor",
    "validate",
    "SCHEMA_VERSION",
]


def __getattr__(name: str):
    if name in ("build_summaries", "Summary", "SCHEMA_VERSION", "Builder"):
        from leerkring.summary import build

        return getattr(build, name)
    if name == "summarize":
        from leerkring.summary.publish import summarize

        return summarize
    if name in ("parse_period", "Period"):
        from leerkring.summary import period

        return getattr(period, name)
    if name == "Suppressor":
        from leerkring.summary.suppression import Suppressor

        return Suppressor
    if name == "validate":
        from leerkring.summary.files import validate

        return validate
    raise AttributeError(f"module 'leerkring.summary' has no attribute {name!r}")
