"""The vote on which case the kring discusses: one button per shared case while the vote is open.

The store counts votes without the voter; this box only ever shows how many votes the member has
left, and the room panel shows the tally (counts only) once the coach closes the vote.
"""

from __future__ import annotations

import ipywidgets as _ipw

from leerkring.errors import LeerkringError
from leerkring.widgets import room_markup
from leerkring.widgets.base import w
from leerkring.widgets.markup import message


class VoteBox:
    """Empty until a vote opens; then 'nog N stemmen' and a 'Stem' button per shared case."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.buttons: dict[int, object] = {}  # case id -> its button
        self.left = None
        self.status = None
        self.box = _ipw.VBox([])

    def show_room(self, room) -> None:
        if room is None or room.vote != "open":
            if self.box.children:
                self.box.children = ()
                self.buttons = {}
            return
        cases = [(int(case_id), title) for case_id, title, _ in room.tally or ()]
        if [c for c, _ in cases] != list(self.buttons):
            self._build(cases)
        self.left.value = f"<b>{room_markup.votes_left(room.votes_left)}</b>"
        for button in self.buttons.values():
            button.disabled = room.votes_left <= 0

    def _build(self, cases) -> None:
        if self.left is None:
            self.left = w.HTML()
            self.status = w.HTML()
        self.buttons = {}
        rows = []
        for case_id, title in cases:
            button = w.Button(description=f"Stem op: {title}"[:60], icon="check", layout=w.Layout(width="auto"))
            button.on_click(lambda _, c=case_id: self.vote(c))
            self.buttons[case_id] = button
            rows.append(button)
        if not cases:
            rows.append(w.HTML(message("info", "Er is nog geen casus met de kring gedeeld.")))
        self.box.children = (self.left, *rows, self.status)

    def vote(self, case_id: int) -> None:
        ctx = self.ctx
        if ctx.identity is None:
            self.status.value = message("warning", "Kies eerst bovenaan je naam; dan kun je stemmen.")
            return
        try:
            room = ctx.ws.store.vote(ctx.session.id, case_id, voter=ctx.identity.person_id)
        except LeerkringError as exc:  # no votes left, the vote closed meanwhile: said in Dutch
            self.status.value = message("error", str(exc))
            return
        self.status.value = message("ok", "Je stem is geteld.")
        ctx.live.set(room)
