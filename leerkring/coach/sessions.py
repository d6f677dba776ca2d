"""Tab 'Sessies': plan a session (method with a plain-Dutch description of its steps), close, reopen."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from leerkring.coach.base import Form, link, set_options
from leerkring.errors import LeerkringError
from leerkring.widgets.markup import esc

STATUS = {"open": "open", "closed": "gesloten"}
#: Where a session's files are when the service wrote them (a hub's server has no workspace folder).
IN_SERVICE = (
    "{what} staat in de werkruimte van de leerkring-service; de leden openen het via de leerkring-kaart "
    "in de launcher (Mijn sessies)."
)


def method_description(fw, key: str) -> str:
    """What a method's steps are, in plain Dutch (one line per principle it works with)."""
    method = fw.method(key)
    steps = "".join(
        f"<li><b>{esc(p.name)}</b>: {esc(p.gloss)}</li>" for p in (fw.principle(k) for k in method.principles)
    )
    return f"<div><b>{esc(method.name)}</b> loopt in {len(method.principles)} stap(pen):<ol>{steps}</ol></div>"


class SessionsForm(Form):
    title = "Sessies"

    def __init__(self, ctx):
        super().__init__(ctx)
        fw = self.ws.frameworks
        default = next((m.key for m in fw.methods if m.default), fw.methods[0].key)
        self.kring = w.Dropdown(description="Kring", options=ctx.kring_options())
        self.date = w.DatePicker(description="Datum", value=dt.date.today())
        self.method = w.Dropdown(description="Methode", options=[(m.name, m.key) for m in fw.methods], value=default)
        self.describe = w.HTML()
        self.title_text = w.Text(description="Onderwerp", placeholder="waar gaat de sessie over (mag leeg)")
        self.plan_button = self.button("Plan sessie", self.plan, "primary")
        self.session = w.Dropdown(description="Sessie", options=[], layout=w.Layout(width="520px"))
        self.close_button = self.button("Sluiten en archiveren", self.close, "warning")
        self.reopen_button = self.button("Heropenen", self.reopen)
        self.method.observe(lambda _c: self.run(self.show_method), names="value")
        self.kring.observe(lambda _c: self.run(self.refresh), names="value")
        self.run(self.show_method)
        self.run(self.refresh)

    def show_method(self) -> None:
        self.describe.value = method_description(self.ws.frameworks, self.method.value)

    def refresh(self) -> None:
        sessions = self.store.sessions(self.kring.value) if self.kring.value is not None else []
        set_options(
            self.session,
            [
                (
                    f"{s.date.isoformat()} · {s.method} · {STATUS.get(s.status, s.status)}"
                    + (f" · {s.title}" if s.title else ""),
                    s.id,
                )
                for s in sessions
            ],
        )

    def plan(self) -> None:
        from leerkring.notebooks.lifecycle import plan_session

        if self.date.value is None:
            raise LeerkringError("Kies een datum voor de sessie.")
        planned = (self.kring.value, self.date.value.isoformat(), self.method.value, self.title_text.value)
        if self.ctx.remote:  # the service writes the notebook in its workspace
            session = self.store.call("plan_session", *planned)
        else:
            session = plan_session(self.ws, *planned)
        kring = self.store.kring(session.kring_id)
        self.say(
            "ok", f"Sessie {session.id} gepland: {kring.name}, {session.date.isoformat()}, methode {session.method}."
        )
        if self.ctx.remote:
            self.output.value = esc(IN_SERVICE.format(what="Het sessienotebook")) if session.notebook else ""
        else:
            self.output.value = (
                link(self.ws, self.ws.path / session.notebook, "Sessienotebook openen") if session.notebook else ""
            )
        self.title_text.value = ""
        self.refresh()
        self.session.value = session.id

    def _chosen(self) -> int:
        if self.session.value is None:
            raise LeerkringError("Kies eerst een sessie.")
        return self.session.value

    def close(self) -> None:
        from leerkring.notebooks.lifecycle import close_session

        session_id = self._chosen()
        self.say("info", "Bezig met sluiten: de sessie gaat op slot en het archief wordt geschreven...")
        if self.ctx.remote:  # the service locks the session and writes the archive in its workspace
            session = self.store.call("archive_session", session_id, self.need_me())
        else:
            session = close_session(self.ws, session_id, by=self.need_me())
        note = ""
        if session.date > dt.date.today():
            note = f" Let op: deze sessie stond gepland op {session.date.isoformat()}, na vandaag; heropen haar als dat niet de bedoeling was."
        self.say("ok", f"Sessie {session.id} ({session.date.isoformat()}) is gesloten.{note}")
        if session.notebook and self.ctx.remote:
            self.output.value = esc(IN_SERVICE.format(what="Het archief (notebook en HTML)"))
        elif session.notebook:
            nb = self.ws.path / session.notebook
            self.output.value = (
                f"<div>{link(self.ws, nb, 'Archief (notebook)')}</div>"
                f"<div>{link(self.ws, nb.with_suffix('.html'), 'Archief (HTML)')}</div>"
            )
        self.refresh()
        self.session.value = session.id

    def reopen(self) -> None:
        from leerkring.notebooks.archive import reopen_notebook

        if self.ctx.remote:  # the service rewrites the notebook's intro in its workspace
            session = self.store.call("reopen_session_notebook", self._chosen(), self.need_me())
        else:
            session = self.store.reopen_session(self._chosen(), by=self.need_me())
            reopen_notebook(self.ws, session)
        self.say("ok", f"Sessie {session.id} ({session.date.isoformat()}) is weer open.")
        self.output.value = ""
        self.refresh()
        self.session.value = session.id

    def children(self) -> list:
        return [
            w.HTML("<b>Een sessie plannen</b>"),
            self.kring,
            self.date,
            self.method,
            self.describe,
            self.title_text,
            self.plan_button,
            w.HTML("<b>Sluiten of heropenen</b>"),
            self.session,
            w.HBox([self.close_button, self.reopen_button]),
        ]
