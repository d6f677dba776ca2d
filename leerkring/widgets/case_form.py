"""Case intake: a member prepares a case (title and text) as a draft only they see, and shares it
with the kring when it is ready; the kring's shared cases are what the coach's vote chooses from."""

from __future__ import annotations

from leerkring.widgets import room_markup
from leerkring.widgets.base import Form, FormBox, form_layout, shared_layout, w
from leerkring.widgets.markup import message


class CaseForm(Form):
    """Title, text, 'Bewaar als concept' and 'Deel met de kring'; the member's drafts, the shared cases."""

    def __init__(self, ctx, key: str | None = None):
        self.ctx = ctx
        super().__init__(ctx, cases="")
        self.cases_html = self.feedback.part("cases")
        self.title = w.Text(
            placeholder="Korte titel van je casus", description="Casus", layout=shared_layout(width="100%")
        )
        self.text = w.Textarea(
            placeholder="Wat speelt er, en wat is je vraag aan de kring? Gebruik geen namen van cliënten.",
            layout=shared_layout(width="100%", height="6em"),
        )
        self.draft_button = w.Button(description="Bewaar als concept", icon="save", layout=shared_layout(width="auto"))
        self.share_button = w.Button(
            description="Deel met de kring", button_style="primary", icon="share", layout=shared_layout(width="auto")
        )
        self.drafts = w.Dropdown(options=[("— kies een concept —", None)], description="Concept")
        self.share_draft_button = w.Button(
            description="Deel dit concept", icon="share", layout=shared_layout(width="auto")
        )
        self.draft_button.on_click(lambda _: self.add(share=False))
        self.share_button.on_click(lambda _: self.add(share=True))
        self.share_draft_button.on_click(self.share_draft)
        intro = w.HTML(
            message(
                "info",
                "Een concept zie alleen jij. Deel je casus met de kring als hij klaar is; "
                "de leercoach laat de kring daarna kiezen welke casus besproken wordt.",
            )
        )
        self.box = FormBox(
            [
                intro,
                self.title,
                self.text,
                w.HBox([self.draft_button, self.share_button]),
                w.HBox([self.drafts, self.share_draft_button]),
                self.feedback.widget,
            ],
            label="casus inbrengen",
            layout=form_layout(),
        )
        self.refresh()

    def _author(self):
        if self.ctx.identity is None:
            self._say("warning", "Kies eerst bovenaan je naam; een casus hoort bij wie hem inbrengt.")
            return None
        return self.ctx.identity.person_id

    def add(self, share: bool) -> None:
        title, text = (self.title.value or "").strip(), (self.text.value or "").strip()
        if not title or not text:
            if not self._recently_saved():
                self._say("warning", "Geef je casus een titel en beschrijf hem kort.")
            return
        author = self._author()
        if author is None:
            return
        store, kring = self.ctx.ws.store, self.ctx.kring.id
        result: dict = {}

        def save():
            case = store.add_case(kring, title, text, author=author)
            result["case"] = store.share_case(case.id, author=author) if share else case

        if not self._guarded(save):
            return
        self._mark_saved()
        self.title.value = self.text.value = ""
        self._say("ok", "Gedeeld met de kring." if share else "Bewaard als concept; alleen jij ziet het.")
        self.refresh()

    def share_draft(self, _=None) -> None:
        case_id = self.drafts.value
        if case_id is None:
            self._say("warning", "Kies eerst welk concept je wilt delen.")
            return
        author = self._author()
        if author is None:
            return
        if self._guarded(lambda: self.ctx.ws.store.share_case(case_id, author=author)):
            self._say("ok", "Gedeeld met de kring.")
            self.refresh()

    def _mark_saved(self) -> None:
        import time

        self._last_save = time.monotonic()

    def refresh(self, fresh: bool = True) -> None:
        if self.ctx.session is None:
            return
        person = self.ctx.identity.person_id if self.ctx.identity is not None else None
        cases = self.ctx.ws.store.cases(self.ctx.kring.id, person=person)
        drafts = [c for c in cases if c.status == "draft" and c.mine]
        shared = [c for c in cases if c.status == "shared"]
        current = self.drafts.value
        self.drafts.options = [("— kies een concept —", None)] + [(c.title[:50], c.id) for c in drafts]
        self.drafts.value = current if current in {c.id for c in drafts} else None
        self.cases_html.value = room_markup.case_list(drafts, title="Je concepten (alleen jij ziet ze)") + (
            room_markup.case_list(shared, title="Gedeeld met de kring")
        )
