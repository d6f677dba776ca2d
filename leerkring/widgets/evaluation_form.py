"""The anonymous evaluation at the end of a session: two 1-5 scores and an optional remark."""

from __future__ import annotations

import time

import ipywidgets as _ipw

from leerkring.widgets.base import Form, FormBox, form_layout, shared_layout, w
from leerkring.widgets.markup import message, messages

SCORES = [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5)]
_SCORE_STYLE: list = []


def _score_style():
    """One style model for every score button row (narrow buttons)."""
    if not _SCORE_STYLE:
        _SCORE_STYLE.append(_ipw.ToggleButtonsStyle(button_width="3em"))
    return _SCORE_STYLE[0]


class EvaluationForm(Form):
    """'Ik voelde me vrij om te spreken' and 'Deze sessie was nuttig' (1-5), a remark; once per kernel."""

    def __init__(self, ctx, step_key: str | None = None):
        self.ctx = ctx
        super().__init__(ctx, count=self._count_html())
        self.count = self.feedback.part("count")
        self.free = w.ToggleButtons(options=SCORES, value=None, style=_score_style())
        self.useful = w.ToggleButtons(options=SCORES, value=None, style=_score_style())
        self.remark = w.Textarea(
            placeholder="Opmerking (mag leeg blijven)", layout=shared_layout(width="100%", height="4em")
        )
        self.send_button = w.Button(
            description="Evaluatie insturen", button_style="primary", layout=shared_layout(width="auto")
        )
        self.send_button.on_click(self.send)
        intro = messages(
            ("info", "Anoniem: je naam wordt niet opgeslagen. 1 = helemaal niet, 5 = helemaal wel."),
            *[("error", p) for p in ctx.problems],
        )
        parts = [
            w.HTML(intro + "Ik voelde me vrij om te spreken"),
            self.free,
            w.HTML("Deze sessie was nuttig"),
            self.useful,
            self.remark,
            self.send_button,
            self.feedback.widget,
        ]
        self.box = FormBox(parts, label="anonieme evaluatie", layout=form_layout())

    def send(self, _=None) -> None:
        if getattr(self.ctx, "evaluated", False):
            if not self._recently_saved():
                self._say("info", "Je hebt deze sessie al geëvalueerd. Dank je wel!")
            return
        if self.free.value is None or self.useful.value is None:
            self._say("warning", "Kies bij beide vragen een score van 1 tot en met 5.")
            return
        if self._guarded(
            lambda: self.ctx.ws.store.add_evaluation(
                self.ctx.session.id, self.free.value, self.useful.value, self.remark.value or ""
            )
        ):
            self.ctx.evaluated = True
            self._last_save = time.monotonic()
            for widget in (self.free, self.useful, self.remark, self.send_button):
                widget.disabled = True
            self._say("ok", "Dank je wel! Je evaluatie is anoniem opgeslagen.")
            self.refresh()

    def refresh(self, fresh: bool = True) -> None:
        self.count.value = self._count_html()

    def _count_html(self) -> str:
        if self.ctx.session is None:
            return ""
        n = len(self.ctx.ws.store.evaluations(self.ctx.viewer(), session_id=self.ctx.session.id))
        return message("info", f"Ingevuld tot nu toe: {n}.")
