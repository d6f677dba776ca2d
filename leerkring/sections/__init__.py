"""The sections of a summary page and of the management dashboard: one ordered list.

Each section (:class:`Section`) renders one part of a summary document for both pages, with one title.
The list comes from the ``summary_sections`` and ``dashboard_sections`` hooks (:mod:`leerkring.hookspecs`):
leerkring's own sections are the default plugin :mod:`leerkring.sections.plugin`, and an organisation's
plugin can add its own. Both pages show the sections in the order of their ``order``.
"""

from __future__ import annotations

from leerkring.sections.base import Section, View

__all__ = ["Section", "View", "chart_specs", "dashboard_sections", "summary_sections"]


def _ordered(hook: str) -> list[Section]:
    from leerkring import plugins

    return sorted(plugins.sequence(hook), key=lambda s: s.order)  # stable: equal orders keep plugin order


def summary_sections() -> list[Section]:
    """The sections of the summary page, in order."""
    return _ordered("summary_sections")


def dashboard_sections() -> list[Section]:
    """The sections of the dashboard, in order."""
    return _ordered("dashboard_sections")


def chart_specs(doc: dict, sections: list[Section] | None = None) -> list:
    """The charts of one summary document on its summary page (none when the period is empty)."""
    if doc.get("empty"):
        return []
    audience = doc.get("audience")
    return [
        spec
        for s in (summary_sections() if sections is None else sections)
        if audience in s.audiences
        for spec in s.charts(doc)
    ]
