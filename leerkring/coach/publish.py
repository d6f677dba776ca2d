"""Tab 'Samenvattingen': publish the summaries (the same run as 'leerkring summarize'), with progress."""

from __future__ import annotations

import ipywidgets as w

from leerkring.coach.base import ALL, OWNER_ONLY, Form, link
from leerkring.widgets.markup import message


class PublishForm(Form):
    title = "Samenvattingen"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.kring = w.Dropdown(description="Kring", options=ctx.kring_options(with_all=True), value=ALL)
        self.period = w.Text(description="Periode", placeholder="alles, 2026Q4, 2026-10, 2026-09-01..2026-11-30")
        self.audience = w.Dropdown(
            description="Voor",
            options=[("kring en organisatie", "both"), ("de kring", "kring"), ("de organisatie", "organisatie")],
        )
        self.progress = w.IntProgress(
            value=0, min=0, max=3, description="Voortgang", layout=w.Layout(visibility="hidden")
        )
        self.publish_button = self.button("Samenvattingen maken", self.publish, "primary")

    def publish(self) -> None:
        from leerkring.summary.publish import summarize

        self.need_workspace()
        self.progress.layout.visibility = "visible"
        self.progress.value = 1
        self.output.value = ""
        self.say("info", "Bezig: de samenvattingen worden gemaakt (dit duurt even)...")

        def step(text: str) -> None:
            self.progress.value = 2
            self.say("info", text)

        try:
            outcome = summarize(
                self.ws,
                None if self.kring.value == ALL else self.kring.value,
                self.period.value.strip() or None,
                self.audience.value,
                actor=self.ctx.me or "leercoach",
                progress=False,
                log=step,
            )
        finally:
            self.progress.value = 3
        self.progress.bar_style = "success"
        self.say(
            "ok",
            f"{len(outcome.targets)} samenvatting(en) gemaakt voor periode {outcome.period} ({outcome.seconds:.1f} s).",
        )
        self.output.value = "".join(
            f"<div>{link(self.ws, p, 'Openen')}</div>" for p in outcome.written if p.suffix == ".html"
        )

    def children(self) -> list:
        if self.ctx.remote:
            return [w.HTML(message("info", f"Samenvattingen maken: {OWNER_ONLY}"))]
        return [self.kring, self.period, self.audience, self.publish_button, self.progress]
