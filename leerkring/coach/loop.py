"""Tab 'Acties en signalen': the kring's open actions, and the signals with their answers."""

from __future__ import annotations

import ipywidgets as w

from leerkring.coach.base import ALL, Form
from leerkring.widgets.markup import SIGNAL_STATUS, action_summary, esc


def signal_html(signal, kring_name: str) -> str:
    answers = "".join(
        f"<li>{esc(r.created_at.date().isoformat())}, {esc(r.responder)}: {esc(r.text)}</li>" for r in signal.responses
    )
    return (
        f"<li><b>{esc(signal.title)}</b> · {esc(kring_name)} · gemeld {esc(signal.raised_at.date().isoformat())} · "
        f"{esc(SIGNAL_STATUS.get(signal.status, signal.status))}"
        + (f"<br>{esc(signal.text)}" if signal.text else "")
        + (f"<ul>{answers}</ul>" if answers else "<br><i>nog geen antwoord</i>")
        + "</li>"
    )


class LoopForm(Form):
    title = "Acties en signalen"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.kring = w.Dropdown(description="Kring", options=ctx.kring_options(with_all=True), value=ALL)
        self.refresh_button = self.button("Verversen", self.refresh)
        self.actions = w.HTML()
        self.signals = w.HTML()
        self.kring.observe(lambda _c: self.run(self.refresh), names="value")
        self.run(self.refresh)

    def refresh(self) -> None:
        from leerkring.store.actions import OPEN_STATES
        from leerkring.store.viewer import Viewer

        names = {k.id: k.name for k in self.store.kringen()}
        kring = None if self.kring.value == ALL else self.kring.value
        viewer = Viewer.kring_summary(names)  # the coach's view: the kringen, no one's personal entries
        actions = self.store.actions(viewer, kring, OPEN_STATES)
        items = "".join(f"<li>{action_summary(a)} · {esc(names.get(a.kring_id, ''))}</li>" for a in actions)
        self.actions.value = f"<b>Open acties ({len(actions)})</b>" + (
            f"<ul>{items}</ul>" if items else "<p><i>Geen open acties.</i></p>"
        )
        signals = self.store.signals(kring)
        items = "".join(signal_html(s, names.get(s.kring_id, "")) for s in signals)
        self.signals.value = f"<b>Signalen ({len(signals)})</b>" + (
            f"<ul>{items}</ul>" if items else "<p><i>Geen signalen.</i></p>"
        )

    def children(self) -> list:
        return [w.HBox([self.kring, self.refresh_button]), self.actions, self.signals]
