"""The top of a session notebook: which session this is, who is typing, and the live room.

The room panel (:mod:`leerkring.widgets.room_panel`) shows the phase, its clock, whose turn it is, the
chosen case and the vote; the coach gets the facilitator's buttons there. Contributions of others
appear by themselves: the session's watcher (:mod:`leerkring.widgets.live`) redraws every wall when
something changes, and reads everything every 30 s when the service cannot watch.
"""

from __future__ import annotations

import logging

from leerkring.widgets.base import FormBox, shared_layout, w
from leerkring.widgets.markup import message, messages

log = logging.getLogger(__name__)


class StartPanel:
    """The session header and 'who are you' (unless JupyterHub tells us), with the room panel."""

    shows_identity = True

    def __init__(self, ctx, key: str | None = None):
        from leerkring.widgets.room_panel import RoomPanel

        self.ctx = ctx
        ctx.forms.append(self)
        method = ctx.ws.store.frameworks.method(ctx.session.method).name
        head = session_header_html(ctx, method)
        self.room = RoomPanel(ctx)
        if ctx.identity_fixed:
            head += message("info", f"Je werkt als {ctx.identity.name}.")
            parts = [w.HTML(head), self.room.box]
        else:
            head += message(
                "info",
                "Kies je naam; dat hoeft maar één keer. Anoniem bijdragen kan altijd met het "
                "vinkje 'anoniem' bij een formulier.",
            )
            parts = [w.HTML(head), ctx.identity_widget(), self.room.box]
        self.box = FormBox(parts, label="sessie en deelnemer", layout=shared_layout())

    def refresh(self, fresh: bool = True) -> None:
        """After a change of person: the coach's buttons appear or go."""
        self.room.show_coach()

    def show_room(self, room) -> None:
        self.room.show_room(room)


def session_header_html(ctx, method: str) -> str:
    from leerkring.widgets.markup import session_header

    return session_header(ctx.session, ctx.kring, method) + messages(
        *[("error", p) for p in ctx.problems], *[("warning", p) for p in ctx.warnings]
    )
