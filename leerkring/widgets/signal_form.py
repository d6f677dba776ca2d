"""A signal to management: a short title and an optional explanation; no author is stored."""

from __future__ import annotations

import time

from leerkring.widgets.base import Form, FormBox, form_layout, shared_layout, w
from leerkring.widgets.markup import messages, signal_list


class SignalForm(Form):
    """Title, explanation, 'Signaal versturen', and the signals raised in this session so far."""

    def __init__(self, ctx, step_key: str | None = None):
        self.ctx = ctx
        super().__init__(ctx, list=self._list_html())
        self.list = self.feedback.part("list")
        self.title = w.Text(
            placeholder="Kort: waar lopen we tegenaan?", description="Signaal", layout=shared_layout(width="100%")
        )
        self.text = w.Textarea(
            placeholder="Toelichting (mag leeg blijven)", layout=shared_layout(width="100%", height="5em")
        )
        self.send_button = w.Button(
            description="Signaal versturen", button_style="warning", icon="flag", layout=shared_layout(width="auto")
        )
        self.send_button.on_click(self.send)
        intro = w.HTML(
            messages(
                ("info", "Een signaal gaat zonder naam naar het management."), *[("error", p) for p in ctx.problems]
            )
        )
        self.box = FormBox(
            [intro, self.title, self.text, self.send_button, self.feedback.widget],
            label="signaal aan het management",
            layout=form_layout(),
        )

    def send(self, _=None) -> None:
        if not (self.title.value or "").strip():
            if not self._recently_saved():
                self._say("warning", "Geef het signaal een korte titel.")
            return
        result: dict = {}
        if self._guarded(
            lambda: result.update(
                signal=self.ctx.ws.store.raise_signal(self.ctx.session.id, self.title.value, self.text.value or "")
            )
        ):
            self._last_save = time.monotonic()
            self.title.value = ""
            self.text.value = ""
            self._say("ok", f"Signaal {result['signal'].id} is verstuurd naar het management.")
            self.refresh()

    def refresh(self, fresh: bool = True) -> None:
        self.list.value = self._list_html()

    def _list_html(self) -> str:
        if self.ctx.session is None:
            return ""
        return signal_list(
            [s for s in self.ctx.ws.store.signals(self.ctx.kring.id) if s.session_id == self.ctx.session.id]
        )
