"""The coach's buttons for the live session: phases and the timer, the vote on the case, rounds.

Every button is one ``room_control`` call; the store decides whether it fits (only a coach of the
kring, nothing out of order) and says so in Dutch. The answer is the new room, shown at once here;
the other notebooks see it through their watch.
"""

from __future__ import annotations

import ipywidgets as _ipw

from leerkring.errors import LeerkringError
from leerkring.widgets.base import shared_layout, w
from leerkring.widgets.markup import message

#: (button text, action, icon) per row of the panel.
ROWS = (
    (("Start", "start", "play"), ("Pauze", "pause", "pause"), ("Volgende fase", "next", "step-forward")),
    (("+5 min", "extend", "clock-o"), ("Afronden", "finish", "flag-checkered")),
    (("Stemming openen", "vote_open", "check-square-o"), ("Stemming sluiten", "vote_close", "lock")),
    (
        ("Ronde starten", "round_start", "refresh"),
        ("Volgende beurt", "round_next", "forward"),
        ("Ronde stoppen", "round_end", "stop"),
    ),
)


class FacilitatorPanel:
    """Start, Pauze/Hervat, Volgende fase, +5 min, Afronden; the vote; the round."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.buttons: dict[str, object] = {}
        self.votes = _ipw.BoundedIntText(
            value=2, min=1, max=9, description="stemmen p.p.", layout=_ipw.Layout(width="11rem")
        )
        self.status = w.HTML()
        rows = [w.HTML("<b>Leercoach: de sessie leiden</b>")]
        for row in ROWS:
            widgets = []
            for text, action, icon in row:
                button = w.Button(description=text, icon=icon, layout=shared_layout(width="auto"))
                button.on_click(lambda _, a=action: self.control(a))
                self.buttons[action] = button
                widgets.append(button)
            if row[0][1] == "vote_open":
                widgets.insert(1, self.votes)
            rows.append(w.HBox(widgets))
        rows.append(self.status)
        self.box = _ipw.VBox(rows, layout=_ipw.Layout(border="1px solid #1f5fa8", padding="4px", margin="4px 0"))

    def control(self, action: str) -> None:
        """One room_control call; 'pause' resumes when the session is paused."""
        ctx = self.ctx
        if not ctx.is_coach:
            self.status.value = message("error", "Alleen de leercoach van deze kring leidt de sessie.")
            return
        room = ctx.live.room
        if action == "pause" and room is not None and room.state == "paused":
            action = "resume"
        kwargs = {}
        if action == "extend":
            kwargs["minutes"] = 5
        elif action == "vote_open":
            kwargs["votes"] = int(self.votes.value)
        try:
            room = ctx.ws.store.room_control(ctx.session.id, action, by=ctx.identity.person_id, **kwargs)
        except LeerkringError as exc:  # out of order, not the coach: one Dutch line
            self.status.value = message("error", str(exc))
            return
        self.status.value = ""
        ctx.live.set(room)

    def show_room(self, room) -> None:
        """'Pauze' reads 'Hervat' while the session is paused."""
        paused = room is not None and room.state == "paused"
        pause = self.buttons["pause"]
        pause.description = "Hervat" if paused else "Pauze"
        pause.icon = "play" if paused else "pause"
