"""The room panel at the top of a session notebook: the phase and its clock, the phases, whose turn
it is, the chosen case and the vote; for the kring's coach also the facilitator's buttons; and the
case intake behind one button (its form is made when a member opens it)."""

from __future__ import annotations

import ipywidgets as _ipw

from leerkring.widgets import room_markup
from leerkring.widgets.base import shared_layout, w
from leerkring.widgets.vote import VoteBox


class RoomPanel:
    """Shown inside the start panel; listens to the session's live room."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.html = w.HTML(room_markup.room_panel(ctx.live.room, ctx.live.seconds_left()))
        self.vote = VoteBox(ctx)
        self._facilitator = None
        self._case_form = None
        self.coach_slot = _ipw.VBox([])
        self.case_button = w.Button(
            description="Casus inbrengen",
            icon="lightbulb-o",
            tooltip="Een casus voorbereiden of delen",
            layout=shared_layout(width="auto"),
        )
        self.case_button.on_click(lambda _: self.open_case_form())
        self.case_slot = _ipw.VBox([w.HBox([self.case_button])])
        self.box = _ipw.VBox([self.html, self.vote.box, self.coach_slot, self.case_slot])
        self.show_coach()

    @property
    def facilitator(self):
        """The coach's panel (made on first use)."""
        if self._facilitator is None:
            from leerkring.widgets.facilitator import FacilitatorPanel

            self._facilitator = FacilitatorPanel(self.ctx)
            self._facilitator.show_room(self.ctx.live.room)
        return self._facilitator

    @property
    def case_form(self):
        """The case intake form (made on first use)."""
        if self._case_form is None:
            from leerkring.widgets.case_form import CaseForm

            self._case_form = CaseForm(self.ctx)
        return self._case_form

    def open_case_form(self) -> None:
        self.case_slot.children = (self.case_form.box,)

    def show_coach(self) -> None:
        """The facilitator panel only while the person in this notebook is the kring's coach."""
        wanted = (self.facilitator.box,) if self.ctx.is_coach else ()
        if tuple(self.coach_slot.children) != wanted:
            self.coach_slot.children = wanted

    def show_room(self, room) -> None:
        self.html.value = room_markup.room_panel(room, self.ctx.live.seconds_left())
        self.vote.show_room(room)
        if self._facilitator is not None:
            self._facilitator.show_room(room)
