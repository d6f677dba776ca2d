"""The wall under a form: this step's entries as the member's viewer may see them, and 'Verversen'.

Every form of one notebook shares one query for the session's entries (see
:meth:`~leerkring.widgets.context.SessionContext.session_entries`); each wall picks its own step's.
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
        """The status line and the wall (one HTML widget), and the refresh button below them."""
        self.wall = self.feedback.part("wall")
        self.refresh_button = w.Button(description="Verversen", icon="refresh", tooltip="Laat nieuwe bijdragen zien")
        self.refresh_button.on_click(lambda _: self.refresh())
        return [self.feedback.widget, self.refresh_button]

    def _wall_entries(self, fresh: bool = True):
        from leerkring.notebooks.archive import place

        steps = list(self.ctx.notebook_steps.values()) or list(self.ctx.template_steps.values())
        if self.step.key not in {s.key for s in steps}:
            steps.append(self.step)
        fw = self.ctx.ws.store.frameworks
        entries = self.ctx.session_entries(fresh=fresh)
        return [e for e in entries if e.step == self.step.key or (not e.step and place(e, steps, fw) == self.step.key)]

    def _render_wall(self, entries) -> str:
        return markup.wall(entries, self.ctx.ws.store.frameworks)
