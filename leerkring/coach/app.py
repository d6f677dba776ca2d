"""The coach's workspace: one tab per form, above them the choice of who is working."""

from __future__ import annotations

import ipywidgets as w

from leerkring.coach.base import Context
from leerkring.coach.loop import LoopForm
from leerkring.coach.members import MembersForm
from leerkring.coach.privacy import PrivacyForm
from leerkring.coach.publish import PublishForm
from leerkring.coach.release import ReleaseForm
from leerkring.coach.sessions import SessionsForm

FORMS = (MembersForm, SessionsForm, LoopForm, PublishForm, ReleaseForm, PrivacyForm)


#: Names the workspace when the notebook does not run inside it (e.g. the notebook shipped with the package).
WORKSPACE_ENV = "LEERKRING_WORKSPACE"


def open_context(path=None) -> Context:
    """The workspace at ``path``, else at ``$LEERKRING_WORKSPACE``, else around the current folder."""
    import os

    from leerkring.workspace import Workspace

    return Context(Workspace.open(path or os.environ.get(WORKSPACE_ENV) or None))


class CoachApp:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.forms = {cls.__name__: cls(ctx) for cls in FORMS}
        self.tabs = w.Tab(children=[f.widget() for f in self.forms.values()])
        for i, form in enumerate(self.forms.values()):
            self.tabs.set_title(i, form.title)
        self.tabs.observe(self._tab_chosen, names="selected_index")

    def _tab_chosen(self, change) -> None:
        """A tab shows what changed elsewhere (a member added under Leden appears under Privacy)."""
        if change["new"] is None:
            return
        form = list(self.forms.values())[change["new"]]
        if hasattr(form, "refresh"):
            form.run(form.refresh)

    @classmethod
    def open(cls, path=None) -> CoachApp:
        return cls(open_context(path))

    def widget(self) -> w.Widget:
        return w.VBox([w.HTML("<h3>Werkruimte van de leercoach</h3>"), self.ctx.person, self.tabs])

    def display(self) -> None:
        from IPython.display import display

        from leerkring.coach import warm

        display(self.widget())
        self.warming = warm.start()  # nbformat and friends, before the first Sluiten or publish
