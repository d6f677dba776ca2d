"""Replying to a contribution on a wall: 'Reageer' opens a box with the wall's contributions to choose
from, a text and 'Reactie plaatsen'. A reply is an entry the store files under its parent (same step,
never more visible than the parent); the wall nests it there, so the author can answer in turn."""

from __future__ import annotations

import time
import uuid

from leerkring.widgets.base import shared_layout, w
from leerkring.widgets.markup import notice_for

NONE = ("— kies een bijdrage —", None)


def label(entry) -> str:
    """One contribution as a choice: who, and the start of its text (plain text: options are not HTML)."""
    text = (entry.text or "").replace("\n", " ")
    short = text[:50] + ("…" if len(text) > 50 else "")
    who = entry.author or "anoniem"
    prefix = "↳ " if getattr(entry, "parent_uid", None) else ""
    return f"{prefix}{who}: {short}"


class ReplyBox:
    """The 'Reageer' button of one wall and the box it opens (made on the first click)."""

    def __init__(self, form):
        self.form = form
        self.entries: list = []
        self.button = w.Button(description="Reageer", icon="reply", tooltip="Reageer op een bijdrage hierboven")
        self.button.on_click(lambda _: self.open())
        self.box = w.VBox([])
        self.parent = None
        self.text = None
        self.send_button = None
        self._client_key: str | None = None

    def open(self) -> None:
        if self.parent is None:
            self.parent = w.Dropdown(options=[NONE], description="Reageer op", layout=shared_layout(width="32rem"))
            self.text = w.Textarea(placeholder="Je reactie of verhelderende vraag", layout=shared_layout(width="100%"))
            self.send_button = w.Button(description="Reactie plaatsen", icon="reply", button_style="primary")
            self.send_button.on_click(lambda _: self.send())
            self._fill()
        self.box.children = (self.parent, self.text, self.send_button)

    def offer(self, entries) -> None:
        """The wall's contributions (replies included) become the choices."""
        self.entries = [e for e in entries if e.uid]
        if self.parent is not None:
            self._fill()

    def _fill(self) -> None:
        current = self.parent.value
        options = [NONE] + [(label(e), e.uid) for e in self.entries]
        if list(self.parent.options) != options:
            self.parent.options = options
        self.parent.value = current if current in {e.uid for e in self.entries} else None

    def send(self) -> None:
        form, ctx = self.form, self.form.ctx
        if self.parent is None:
            self.open()
        text = (self.text.value or "").strip()
        if self.parent.value is None:
            form._say("warning", "Kies eerst op welke bijdrage je reageert.")
            return
        if not text:
            if not form._recently_saved():
                form._say("warning", "Er is nog niets om te plaatsen.")
            return
        if ctx.identity is None:
            form._say("warning", "Kies eerst bovenaan je naam; een reactie hoort bij wie hem schrijft.")
            return
        if self._client_key is None:
            self._client_key = uuid.uuid4().hex
        result: dict = {}
        ok = form._guarded(
            lambda: result.update(
                saved=ctx.ws.store.add_reply(
                    self.parent.value, text, author=ctx.identity.person_id, client_key=self._client_key
                )
            )
        )
        if not ok:
            return
        form._last_save = time.monotonic()
        self._client_key = None
        self.text.value = ""
        saved = result["saved"]
        lowered = ""
        if saved.entry.visibility != "kring":
            lowered = f"Je reactie is '{saved.entry.visibility}', net als de bijdrage waarop je reageert. "
        form._say("ok", "Reactie geplaatst. " + lowered + notice_for(saved.replaced))
        form.refresh()
