"""The manager's form: answer the open signals (``store.respond_signal``), never from the dashboard."""

from __future__ import annotations

import ipywidgets as w

from leerkring.coach.base import Form, set_options
from leerkring.coach.loop import signal_html
from leerkring.errors import LeerkringError
from leerkring.widgets.markup import SIGNAL_STATUS, esc


class ManagerForm(Form):
    title = "Signalen beantwoorden"

    def __init__(self, ctx):
        super().__init__(ctx)
        ctx.refresh_people("manager")
        self.signal = w.Dropdown(description="Signaal", options=[], layout=w.Layout(width="520px"))
        self.counts = w.HTML()  # open signals per kring: names and counts, no texts
        self.detail = w.HTML()
        self.answer = w.Textarea(description="Antwoord", layout=w.Layout(width="520px", height="120px"))
        self.state = w.Dropdown(
            description="Status", options=[("beantwoord", "answered"), ("afgesloten", "closed")], value="answered"
        )
        self.send_button = self.button("Antwoord versturen", self.send, "primary")
        self.refresh_button = self.button("Verversen", self.refresh)
        self.signal.observe(lambda _c: self.run(self.show_signal), names="value")
        self.run(self.refresh)

    def refresh(self) -> None:
        self._names = {k.id: k.name for k in self.store.kringen()}
        self._open = {s.id: s for s in self.store.signals(None, "open")}
        set_options(
            self.signal,
            [(f"[{s.id}] {s.title[:70]} · {self._names.get(s.kring_id, '')}", s.id) for s in self._open.values()],
        )
        per_kring = {kring_id: 0 for kring_id in self._names}
        for s in self._open.values():
            per_kring[s.kring_id] = per_kring.get(s.kring_id, 0) + 1
        self.counts.value = "<b>Open signalen per kring:</b> " + ", ".join(
            f"{esc(self._names.get(k, 'andere kring'))} {n}" for k, n in per_kring.items()
        )
        if not self._open:
            self.detail.value = "<i>Er zijn geen open signalen.</i>"
        self.show_signal()

    def show_signal(self) -> None:
        signal = self._open.get(self.signal.value)
        if signal is not None:
            self.detail.value = f"<ul>{signal_html(signal, self._names.get(signal.kring_id, ''))}</ul>"

    def send(self) -> None:
        if self.signal.value is None:
            raise LeerkringError("Kies eerst een signaal.")
        signal = self.store.respond_signal(
            self.signal.value, self.need_me("teamleider"), self.answer.value, self.state.value
        )
        self.say(
            "ok",
            f"Signaal {signal.id} is {SIGNAL_STATUS.get(signal.status, signal.status)}; het team ziet je antwoord.",
        )
        self.answer.value = ""
        self.refresh()

    def children(self) -> list:
        return [
            self.counts,
            w.HBox([self.signal, self.refresh_button]),
            self.detail,
            self.answer,
            self.state,
            self.send_button,
        ]
