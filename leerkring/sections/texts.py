"""Sections of texts: the entries shared with the audience, and the lessons."""

from __future__ import annotations

from leerkring.sections.base import Section, View, dashboard_texts, esc, text_list
from leerkring.sections.document import as_list


class Shared(Section):
    key = "gedeeld"
    title = "Gedeeld met de organisatie"
    titles = {"kring": "Inzichten en stille kennis"}
    order = 100

    def html(self, view: View) -> str:
        doc = view.doc
        out = f"<h2>{esc(self.title_for(view.audience))}</h2>" + text_list(
            doc["shared_entries"], with_kring=view.rollup
        )
        if doc.get("shared_entries_truncated"):
            out += f"<p>En nog {doc['shared_entries_truncated']} eerdere bijdragen.</p>"
        return out

    def dashboard_html(self, view: View) -> str:
        doc = view.doc
        return dashboard_texts(
            self.title,
            as_list(doc.get("shared_entries")),
            doc.get("shared_entries_truncated"),
            view.names,
            "Niets gedeeld in deze periode.",
        )


class Lessons(Section):
    key = "lessen"
    title = "Lessen die met de organisatie gedeeld zijn"
    titles = {"kring": "Lessen"}
    order = 110

    def html(self, view: View) -> str:
        doc = view.doc
        out = f"<h2>{esc(self.title_for(view.audience))}</h2>" + text_list(
            doc["lessons"], "Geen lessen in deze periode.", with_kring=view.rollup
        )
        if doc.get("lessons_truncated"):
            out += f"<p>En nog {doc['lessons_truncated']} eerdere lessen.</p>"
        return out

    def dashboard_html(self, view: View) -> str:
        doc = view.doc
        return dashboard_texts(
            self.title,
            as_list(doc.get("lessons")),
            doc.get("lessons_truncated"),
            view.names,
            "Geen gedeelde lessen in deze periode.",
        )


__all__ = ["Lessons", "Shared"]
