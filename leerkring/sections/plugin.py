"""leerkring's own summary and dashboard sections, registered as a default plugin through the same hooks
an organisation uses to add a section of its own (see ``docs/plugins.md``)."""

from __future__ import annotations

from leerkring.hookspecs import hookimpl
from leerkring.sections.actions import Actions, Signals
from leerkring.sections.principles import Boundary, Leermix, Tensions, Trialogue, Uncertainties
from leerkring.sections.sessions import Evaluations, Sessions
from leerkring.sections.texts import Lessons, Shared

#: The default sections, in their order (each also has an ``order`` number; plugins fit in between).
SECTIONS = (Sessions(), Leermix(), Actions(), Uncertainties(), Tensions(), Boundary(), Trialogue(), Signals(),
            Evaluations(), Shared(), Lessons())


@hookimpl
def summary_sections():
    return SECTIONS


@hookimpl
def dashboard_sections():
    # the uncertainties and learning questions stay in the kring: the dashboard shows organisation summaries
    return tuple(s for s in SECTIONS if "organisatie" in s.audiences)
