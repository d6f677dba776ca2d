"""leerkring's own forms and field widget types, registered through the same hooks as any plugin.

Loaded through :mod:`leerkring.plugins` (it is in ``DEFAULT_PLUGINS``) when the first form is
built, not when a notebook imports :mod:`leerkring.widgets`; the form classes are imported when the
hook is called.
"""

from __future__ import annotations

from leerkring import hookimpl


@hookimpl
def field_widgets():
    from leerkring.widgets.fields import FIELD_TYPES

    return dict(FIELD_TYPES)


@hookimpl
def form_roles():
    from leerkring.widgets.actions_form import ActionsForm
    from leerkring.widgets.entry_form import EntryForm
    from leerkring.widgets.evaluation_form import EvaluationForm
    from leerkring.widgets.signal_form import SignalForm
    from leerkring.widgets.start import StartPanel

    return {
        "start": StartPanel,
        "step": EntryForm,
        "open_actions": ActionsForm,
        "signal": SignalForm,
        "evaluation": EvaluationForm,
    }
