"""The coach's workspace: one tab per form, above them the choice of who is working."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from leerkring.coach.base import Context
from leerkring.coach.loop import LoopForm
from leerkring.coach.members import MembersForm
from leerkring.coach.privacy import PrivacyForm
from leerkring.coach.publish import PublishForm
from leerkring.coach.release import ReleaseForm
from leerkring.coach.sessions import SessionsForm
from leerkring.errors import LeerkringError
from leerkring.widgets.markup import message

FORMS = (MembersForm, SessionsForm, LoopForm, PublishForm, ReleaseForm, PrivacyForm)


#: Names the workspace when the notebook does not run inside it (e.g. the notebook shipped with the package).
WORKSPACE_ENV = "LEERKRING_WORKSPACE"


def open_context(path=None) -> Context:
    """The workspace at ``path``, else at ``$LEERKRING_WORKSPACE``, else around the current folder.

    On a hub's server without one (only ``LEERKRING_SERVICE_URL``) the forms go through the leerkring
    service. Raises :class:`LeerkringError` with a line for the notebook when there is neither."""
    import os

    from leerkring.store.remote import SERVICE_URL_ENV
    from leerkring.workspace import Workspace

    named = path or os.environ.get(WORKSPACE_ENV) or None
    try:
        return Context(Workspace.open(named))
    except LeerkringError as exc:
        if os.environ.get(SERVICE_URL_ENV, "").strip() and not named:
            return _through_service(exc)
        if "Geen leerkring-werkruimte gevonden" in str(exc):
            raise LeerkringError(
                f"Geen leerkring-werkruimte gevonden bij {Path.cwd()}: open dit notebook in de map van de "
                f"werkruimte, of zet {WORKSPACE_ENV} op die map."
            ) from exc
        raise


def _through_service(cause: LeerkringError) -> Context:
    """A hub's server without the workspace folder: the forms reach the workspace through the leerkring
    service, as the caller's hub account (an unlinked account is one Dutch line)."""
    from leerkring.store.remote import RemoteStore
    from leerkring.workspace import Workspace

    ws = Workspace.open_for_notebook(Path.cwd())
    if not isinstance(ws.store, RemoteStore):
        raise cause
    return Context(ws, remote=True)


def show_or_say(build):
    """Display what ``build()`` makes; a :class:`LeerkringError` becomes one Dutch line, no traceback."""
    from IPython.display import HTML, display

    try:
        made = build()
    except LeerkringError as exc:
        display(HTML(message("error", str(exc))))
        return None
    made.display()
    return made


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
        # nbformat and friends, before the first Sluiten or publish; through the service (a hub's server)
        # the service closes and the owner publishes, so this kernel never needs them
        self.warming = None if self.ctx.remote else warm.start()
