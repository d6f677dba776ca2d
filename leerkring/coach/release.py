"""Tab 'Vrijgeven': the release review of texts for the organisation (vier ogen), with what stands out."""

from __future__ import annotations

import ipywidgets as w

from leerkring.coach.base import Form, set_options
from leerkring.errors import LeerkringError
from leerkring.widgets.markup import esc

ITEM_LABELS = {"entry": "bijdrage", "signal": "signaal", "response": "antwoord op signaal"}


def highlighted(text: str) -> tuple[str, list[str]]:
    """The text as HTML with its residual risks marked, and one plain line per risk."""
    from leerkring.privacy.residual import residual_risks

    risks = residual_risks(text or "")
    parts, at = [], 0
    for r in risks:
        parts.append(esc(text[at : r.start]))
        parts.append(f'<mark style="background:#ffe082">{esc(text[r.start : r.end])}</mark>')
        at = r.end
    parts.append(esc(text[at:]))
    return "".join(parts) or "<i>(leeg)</i>", [f"{text[r.start : r.end]}: {', '.join(r.reasons)}" for r in risks]


class ReleaseForm(Form):
    title = "Vrijgeven"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.item = w.Dropdown(description="Tekst", options=[], layout=w.Layout(width="520px"))
        self.preview = w.HTML()
        self.reason = w.Text(description="Reden", placeholder="waarom terug (de auteur ziet dit)")
        self.new_title = w.Text(description="Titel", placeholder="bij een signaal: nieuwe titel")
        self.new_text = w.Textarea(description="Tekst", layout=w.Layout(width="520px", height="120px"))
        self.approve_button = self.button("Vrijgeven", self.approve, "success")
        self.reject_button = self.button("Terugsturen", self.reject, "danger")
        self.edit_button = self.button("Aanpassen en vrijgeven", self.edit, "warning")
        self.refresh_button = self.button("Verversen", self.refresh)
        self.item.observe(lambda _c: self.run(self.show_item), names="value")
        self.run(self.refresh)

    def refresh(self) -> None:
        kringen = {k.id: k.name for k in self.store.kringen()}
        self._pending = {p.id: p for p in self.store.pending_releases()}
        set_options(
            self.item,
            [
                (f"[{p.id}] {ITEM_LABELS.get(p.item, p.item)} · {kringen.get(p.kring_id, '')}", p.id)
                for p in self._pending.values()
            ],
        )
        if not self._pending:
            self.preview.value = "<i>Er wachten geen teksten op vrijgave.</i>"
        self.show_item()

    def show_item(self) -> None:
        item = self._pending.get(self.item.value)
        if item is None:
            return
        blocks, notes = [], []
        if item.item == "signal":
            title, title_notes = highlighted(item.title)
            blocks.append(f"<div><b>Titel:</b> {title}</div>")
            notes += title_notes
        elif item.item == "response":
            blocks.append(f"<div><b>Bij signaal:</b> {esc(item.title)}</div>")
        text, text_notes = highlighted(item.text)
        blocks.append(f'<div style="border-left:3px solid #ccc;padding-left:6px">{text}</div>')
        notes += text_notes
        blocks.append(
            "<div><b>Let op:</b><ul>" + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul></div>"
            if notes
            else "<div><b>Let op:</b> niets bijzonders gevonden.</div>"
        )
        self.preview.value = "".join(blocks)
        self.new_text.value = item.text or ""
        self.new_title.value = item.title if item.item == "signal" else ""

    def _chosen(self) -> int:
        if self.item.value is None:
            raise LeerkringError("Kies eerst een tekst.")
        return self.item.value

    def approve(self) -> None:
        item = self.store.release(self._chosen(), self.need_me())
        self.say("ok", f"Tekst {item.id} ({ITEM_LABELS[item.item]}) is vrijgegeven voor de organisatie.")
        self.refresh()

    def reject(self) -> None:
        item = self.store.reject(self._chosen(), self.need_me(), self.reason.value)
        self.say("ok", f"Tekst {item.id} ({ITEM_LABELS[item.item]}) is teruggestuurd en gaat niet naar de organisatie.")
        self.reason.value = ""
        self.refresh()

    def edit(self) -> None:
        chosen = self._chosen()
        title = self.new_title.value if self._pending[chosen].item == "signal" else None
        item = self.store.edit_release(chosen, self.need_me(), self.new_text.value, title=title)
        self.say("ok", f"Tekst {chosen} ({ITEM_LABELS[item.item]}) is aangepast en vrijgegeven.")
        self.refresh()

    def children(self) -> list:
        return [
            w.HBox([self.item, self.refresh_button]),
            self.preview,
            w.HBox([self.approve_button]),
            self.reason,
            self.reject_button,
            self.new_title,
            self.new_text,
            self.edit_button,
        ]
