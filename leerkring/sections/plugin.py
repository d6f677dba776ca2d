"""leerkring's own summary and dashboard sections, registered as a default plugin through the same hooks
an organisation uses to add a section of its own (see ``docs/plugins.md``).

The sections are imported when a hook is called, not when the module loads: every default plugin
module is imported by the command line and by a member's kernel, which never draw a section.
"""

from __future__ import annotations

from functools import cache

from leerkring import hookimpl


@cache
def default_sections() -> tuple:
    """The default sections, in their order (each also has an ``order`` number; plugins fit in between)."""
    from leerkring.sections.actions import Actions, Signals
    from leerkring.sections.live import Live
    from leerkring.sections.principles import Boundary, Leermix, Tensions, Trialogue, Uncertainties
    from leerkring.sections.sessions import Evaluations, Sessions
    from leerkring.sections.texts import Lessons, Shared

    return (
        Sessions(),
        Leermix(),
        Actions(),
        Uncertainties(),
        Tensions(),
        Boundary(),
        Trialogue(),
        Signals(),
        Live(),
        Evaluations(),
        Shared(),
        Lessons(),
    )


@hookimpl
def summary_sections():
    return default_sections()


@hookimpl
def dashboard_sections():
    # the uncertainties and learning questions stay in the kring: the dashboard shows organisation summaries
    return tuple(s for s in default_sections() if "organisatie" in s.audiences)
