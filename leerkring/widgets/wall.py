"""The wall under a form: this step's entries as the member's viewer may see them, and 'Verversen'.

Every form of one notebook shares one query for the session's entries (see
:meth:`~leerkring.widgets.context.SessionContext.session_entries`); each wall picks its own step's.
The query asks for the session's newest :data:`~leerkring.widgets.context.WALL_PAGE` entries (200), so a
long session, or one someone flooded, still loads quickly for everyone; when there may be more,
**Toon oudere** shows as many older ones again (on every wall of the notebook, which share the query).

Replies (:mod:`leerkring.widgets.replies`) are entries too, with the same step as the contribution they
answer: the wall nests them under it, and **Reageer** opens the box to write one.
"""

from __future__ import annotations

from leerkring.widgets import markup
from leerkring.widgets.base import w


class WallMixin:
    """For a :class:`~leerkring.widgets.base.Form` with a ``step``: the wall is one of its feedback parts."""

    def _initial_wall(self) -> str:
        """The wall's first content: the form's feedback widget is made with it (no update message)."""
        return self._render_wall(self._wall_entries(fresh=False))

    def _build_wall(self) -> list:
        """The status line and the wall (one HTML widget), the refresh button below them, and 'Toon
        oudere' (shown only while the session may have older entries than the wall shows)."""
        self.wall = self.feedback.part("wall")
        self.refresh_button = w.Button(description="Verversen", icon="refresh", tooltip="Laat nieuwe bijdragen zien")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.older_button = w.Button(
            description="Toon oudere",
            icon="history",
            tooltip="Laat ook oudere bijdragen van deze sessie zien",
            layout=w.Layout(display=self._older_display()),
        )
        self.older_button.on_click(lambda _: self.show_older())
        from leerkring.widgets.replies import ReplyBox

        self.replies = ReplyBox(self)
        return [
            self.feedback.widget,
            w.HBox([self.refresh_button, self.replies.button]),
            self.replies.box,
            self.older_button,
        ]

    def show_older(self) -> None:
        """Widen the walls by one page of older entries and show them."""
        from leerkring.widgets.context import WALL_PAGE

        self.ctx.wall_limit += WALL_PAGE
        self.refresh()

    def _older_display(self) -> str:
        return "" if self.ctx.more_entries() else "none"

    def _wall_entries(self, fresh: bool = True):
        from leerkring.notebooks.archive import place

        steps = list(self.ctx.notebook_steps.values()) or list(self.ctx.template_steps.values())
        if self.step.key not in {s.key for s in steps}:
            steps.append(self.step)
        fw = self.ctx.ws.store.frameworks
        entries = self.ctx.session_entries(fresh=fresh)
        older = self.__dict__.get("older_button")
        if older is not None:
            older.layout.display = self._older_display()
        mine = [e for e in entries if e.step == self.step.key or (not e.step and place(e, steps, fw) == self.step.key)]
        replies = self.__dict__.get("replies")
        if replies is not None:
            replies.offer(mine)
        return mine

    def _render_wall(self, entries) -> str:
        return markup.wall(entries, self.ctx.ws.store.frameworks)
