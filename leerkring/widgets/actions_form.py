"""The actieleren loop: open actions from earlier sessions, with effect, lesson and new status."""

from __future__ import annotations

from leerkring.widgets.base import Form, FormBox, form_layout, shared_layout, w
from leerkring.widgets.markup import ACTION_STATUS, action_summary, message
from leerkring.widgets.wall import WallMixin

STATUS_OPTIONS = [("loopt door", "continued"), ("klaar", "done"), ("gestopt", "dropped")]


class ActionsForm(WallMixin, Form):
    """One row per open action (report effect, lesson and status once), and the step's wall."""

    def __init__(self, ctx, step_key: str | None = None):
        self.ctx = ctx
        self.step, warning = ctx.step(step_key or "terugblik", "open_actions")
        if not self.step.principles:
            from leerkring.notebooks.templates import Step

            self.step = Step(self.step.key, "open_actions", self.step.title, ("actieleren",))
        super().__init__(ctx, wall=self._initial_wall())
        self.rows: dict[int, dict] = {}
        actions = ctx.ws.store.open_actions(ctx.viewer(), ctx.kring.id, before_session=ctx.session.id)
        notes = [("warning", warning)] if warning else []
        if not actions:
            notes.append(("info", "Er staan geen acties open uit eerdere sessies."))
        parts = self._header(*notes)
        for action in actions:
            row = self._row(action)
            self.rows[action.id] = row
            parts.append(row["box"])
        parts += self._build_wall()
        self.box = FormBox(parts, label="terugblik op eerdere acties", layout=form_layout())
        self.refresh(fresh=False)

    def _row(self, action) -> dict:
        row = {
            "action": action,
            "effect": w.Textarea(
                placeholder="Wat heb je geprobeerd en wat gebeurde er?", layout=shared_layout(width="100%")
            ),
            "lesson": w.Textarea(placeholder="Wat leren we ervan?", layout=shared_layout(width="100%")),
            "state": w.ToggleButtons(options=STATUS_OPTIONS, value="continued", description="Nu"),
            "button": w.Button(description="Terugmelden", button_style="primary"),
            "status": w.HTML(),
        }
        row["button"].on_click(lambda _, a=action.id: self.report(a))
        row["box"] = w.VBox(
            [
                w.HTML(action_summary(action)),
                row["effect"],
                row["lesson"],
                w.HBox([row["state"], row["button"]]),
                row["status"],
            ],
            layout=shared_layout(border_bottom="1px dashed #cfd8dc", padding="4px 0"),
        )
        return row

    def report(self, action_id: int) -> None:
        row = self.rows[action_id]
        if row.get("done"):
            return
        author = self.ctx.identity.person_id if self.ctx.identity else None
        result: dict = {}
        ok = self._guarded(
            lambda: result.update(
                update=self.ctx.ws.store.report_action(
                    action_id,
                    self.ctx.session.id,
                    effect=row["effect"].value,
                    lesson=row["lesson"].value,
                    status=row["state"].value,
                    author=author,
                )
            )
        )
        if not ok:
            row["status"].value = self.status.value
            return
        row["done"] = True
        for key in ("effect", "lesson", "state", "button"):
            row[key].disabled = True
        label = ACTION_STATUS.get(result["update"].status, result["update"].status)
        row["status"].value = message("ok", f"Teruggemeld; de actie staat nu op '{label}'.")
        self.status.value = ""
        self.refresh()

    def refresh(self, fresh: bool = True) -> None:
        if self.ctx.session is not None:
            self.wall.value = self._render_wall(self._wall_entries(fresh))
