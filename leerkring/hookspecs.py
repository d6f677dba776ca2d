"""The hooks through which leerkring can be extended: one flat list, one line of docstring each.

Organisations differ in their client-number formats, their keep-words, their own fields, summary
sections and login. Everything a deploying organisation may need to change is one of these hooks.
leerkring's own behaviour is registered through the same hooks as default plugins
(:data:`leerkring.plugins.DEFAULT_PLUGINS`); outside plugins load from the ``leerkring`` entry-point
group. ``docs/plugins.md`` documents each hook with an example; a test fails when one is missing
there or has no test.

Every hook returns a collection (a mapping or a sequence); :mod:`leerkring.plugins` merges the
answers of all plugins, leerkring's own first, so a later plugin may add to or override a default.
"""

from __future__ import annotations

import pluggy

from leerkring import hookimpl  # noqa: F401 - also importable from here, as pluggy users expect

hookspec = pluggy.HookspecMarker("leerkring")


@hookspec
def pii_detectors():
    """Detectors of personal data: a mapping {name: function(text) -> list of privacy Candidate}."""


@hookspec
def pii_types():
    """Types of personal data the scrubber may report: a sequence of lower-case type keys, in notice order."""


@hookspec
def keep_words():
    """Words the scrubber must never replace (domain vocabulary): an iterable of lower-case words."""


@hookspec
def field_widgets():
    """Widgets for kind-specific entry fields: a mapping {widget type: build(field, form) -> widget}."""


@hookspec
def form_roles():
    """Forms a session-notebook cell can show: a mapping {role: form class taking (ctx, key)}."""


@hookspec
def summary_sections():
    """Sections of a summary: a sequence of Section objects, shown in the order of their ``order``."""


@hookspec
def dashboard_sections():
    """Sections of the management dashboard: a sequence of Section objects, ordered by ``order``."""


@hookspec
def identity_providers():
    """Ways the service learns who is calling: a mapping {name: provider class}."""


@hookspec
def cli_commands(subparsers):
    """Add command groups to the ``leerkring`` command line (argparse sub-parsers)."""
