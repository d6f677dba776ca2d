"""The live session in the notebook's widgets, in-process: a coach and members, each with a context of
their own on one real workspace (SQLite, the real store, the rules scrubber), the coach's buttons
clicked, the members' panels and forms checked. Real kernels: test_live_kernels.py; a browser:
test_live_browser.py."""

from __future__ import annotations

import time

import pytest
from _lab_helpers import params_of

from leerkring.store.viewer import Viewer
from leerkring.widgets import build
from leerkring.widgets import context as wctx


@pytest.fixture(autouse=True)
def _in_process(rules_scrubber, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    yield
    wctx.use(None)


@pytest.fixture
def lab(tmp_path, team_workspace):
    ws, kring, session = team_workspace(tmp_path / "ws", method="incidentmethode")
    ws.store.add_member(kring.id, "Pim Lid", "member")
    contexts: list = []
    yield ws, kring, session, contexts
    for ctx in contexts:
        ctx.close()
    ws.close()


def person(lab, name: str | None, *, live: bool = False):
    """A participant's own context (as their kernel would have), with the start panel built."""
    ws, _, session, contexts = lab
    ctx = wctx.SessionContext.connect(params_of(ws, session), workspace=ws, live=live)
    contexts.append(ctx)
    if name:
        ctx.set_identity(ws.store.person(name).id)
    return ctx


def wait_for(condition, timeout: float = 10.0) -> float:
    began = time.monotonic()
    while not condition():
        if time.monotonic() - began > timeout:
            raise AssertionError("not within the time")
        time.sleep(0.05)
    return time.monotonic() - began


def test_facilitator_only_for_the_coach_and_phases_show_everywhere(lab):
    coach = person(lab, "Cora Coach")
    mila = person(lab, "Mila Lid")
    coach_start = build("start", None, coach)
    mila_start = build("start", None, mila)
    mila_form = build("step", "vragen", mila)
    assert coach_start.room.coach_slot.children and not mila_start.room.coach_slot.children
    assert "nog niet gestart" in mila_start.room.html.value
    assert "phase_line" not in mila_form.__dict__  # nothing to say before the session starts
    coach_start.room.facilitator.buttons["start"].click()
    assert "Fase 1 van 5: Inbreng van de casus" in coach_start.room.html.value
    mila.live.changed()  # what the watcher does when the version moves (the threads: below)
    assert "Fase 1 van 5: Inbreng van de casus" in mila_start.room.html.value
    assert "nog 10:00" in mila_start.room.html.value or "nog 9:5" in mila_start.room.html.value
    assert "Inbreng van de casus" in mila_form.phase_line.value and "nog 10 min" in mila_form.phase_line.value
    coach_start.room.facilitator.buttons["pause"].click()
    assert coach_start.room.facilitator.buttons["pause"].description == "Hervat"
    mila.live.changed()
    assert "gepauzeerd" in mila_start.room.html.value and "gepauzeerd" in mila_form.phase_line.value
    # a member cannot lead: the panel is not there, and the store refuses the call anyway
    from leerkring.widgets.facilitator import FacilitatorPanel

    FacilitatorPanel(mila).control("next")
    assert mila.live.room.state == "paused"
    # the coach's buttons go when someone else takes the notebook
    coach.set_identity(coach.ws.store.person("Nout Lid").id)
    assert not coach_start.room.coach_slot.children


def test_a_closed_phase_locks_its_form_and_the_store_refuses(lab):
    ws, kring, session, _ = lab
    coach = person(lab, "Cora Coach")
    mila = person(lab, "Mila Lid")
    panel = build("start", None, coach).room.facilitator
    incident = build("step", "incident", mila)  # ervaringen: phase 1 only
    panel.control("start")
    incident.text.value = "Een moeder belde in paniek."
    incident.save_button.click()
    [entry] = ws.store.entries(Viewer.kring_summary([kring.id]), session_id=session.id)
    assert entry.phase == "inbreng"
    panel.control("next")  # inbreng closes: ervaringen is locked
    mila.live.changed()
    assert incident.locked and incident.save_button.disabled
    assert "Deze fase is gesloten" in incident.phase_line.value
    incident.text.value = "Nog een ervaring, te laat."
    incident.save()  # a click that slipped through: the store says no, in Dutch
    assert "gesloten" in incident.status.value.lower() and "Traceback" not in incident.status.value
    assert incident.save_button.disabled
    assert len(ws.store.entries(Viewer.kring_summary([kring.id]), session_id=session.id)) == 1
    vragen = build("step", "vragen", mila)  # onzekerheid: this phase
    assert not vragen.locked and not vragen.save_button.disabled


def test_vote_counts_anonymously_and_shows_the_chosen_case(lab):
    ws, kring, session, _ = lab
    coach = person(lab, "Cora Coach")
    members = {name: person(lab, name) for name in ("Mila Lid", "Nout Lid", "Pim Lid")}
    starts = {name: build("start", None, ctx) for name, ctx in members.items()}
    forms = {name: start.room.case_form for name, start in starts.items()}
    forms["Mila Lid"].title.value = "Huisbezoek"
    forms["Mila Lid"].text.value = "Een vader laat ons niet binnen."
    forms["Mila Lid"].draft_button.click()
    assert "alleen jij" in forms["Mila Lid"].status.value
    forms["Nout Lid"].refresh()
    assert "Huisbezoek" not in forms["Nout Lid"].cases_html.value  # a draft only its author sees
    [(_, draft_id)] = [o for o in forms["Mila Lid"].drafts.options if o[1]]
    forms["Mila Lid"].drafts.value = draft_id
    forms["Mila Lid"].share_draft_button.click()
    forms["Nout Lid"].title.value = "Schulden"
    forms["Nout Lid"].text.value = "Een jongere met oplopende schulden."
    forms["Nout Lid"].share_button.click()
    forms["Pim Lid"].refresh()
    assert "Huisbezoek" in forms["Pim Lid"].cases_html.value and "Schulden" in forms["Pim Lid"].cases_html.value
    build("start", None, coach).room.facilitator.control("vote_open")
    for ctx in members.values():
        ctx.live.changed()
    cases = {c.title: c.id for c in ws.store.cases(kring.id)}
    votes = {"Mila Lid": ["Schulden", "Huisbezoek"], "Nout Lid": ["Schulden"], "Pim Lid": ["Schulden", "Huisbezoek"]}
    for name, titles in votes.items():
        box = starts[name].room.vote
        assert "nog 2 stemmen" in box.left.value
        for title in titles:
            box.buttons[cases[title]].click()
    box = starts["Pim Lid"].room.vote
    assert "nog 0 stemmen" in box.left.value and all(b.disabled for b in box.buttons.values())
    box.vote(cases["Schulden"])  # a third vote is refused, in Dutch
    assert "stem" in box.status.value.lower() and "error" not in box.status.value
    coach.live.load()
    assert coach.live.room.vote == "open"
    build("start", None, coach).room.facilitator.control("vote_close")
    members["Nout Lid"].live.changed()
    html = starts["Nout Lid"].room.html.value
    assert "Gekozen casus: Schulden" in html and "Een jongere met oplopende schulden." in html
    assert "Schulden: 3 stemmen" in html and "Huisbezoek: 2 stemmen" in html
    for name in members:  # counts only: no voter's name anywhere in the tally
        assert name not in html
    assert not starts["Nout Lid"].room.vote.box.children  # the buttons went with the open vote


def test_replies_nest_and_keep_the_parents_visibility(lab):
    ws, kring, session, _ = lab
    mila = person(lab, "Mila Lid")
    nout = person(lab, "Nout Lid")
    m_form = build("step", "vragen", mila)
    m_form.text.value = "Wat bedoelde de moeder met 'te laat'?"
    m_form.save_button.click()
    m_form.text.value = "Alleen voor mij: ik twijfel aan mezelf."
    m_form.visibility.value = "persoonlijk"
    m_form.save_button.click()
    n_form = build("step", "vragen", nout)
    n_form.replies.open()
    [(label, parent)] = [o for o in n_form.replies.parent.options if o[1]]
    assert "te laat" in label
    n_form.replies.parent.value = parent
    n_form.replies.text.value = "Ik denk: te laat voor de huurachterstand."
    n_form.replies.send_button.click()
    assert "Reactie geplaatst" in n_form.status.value
    m_form.refresh()
    m_form.replies.open()
    reply_uid = next(uid for text, uid in m_form.replies.parent.options if "huurachterstand" in text)
    m_form.replies.parent.value = reply_uid  # the author answers the reply
    m_form.replies.text.value = "Klopt, dat bleek later."
    m_form.replies.send_button.click()
    # Mila replies to her own personal entry: the reply stays personal
    own = next(uid for text, uid in m_form.replies.parent.options if "twijfel" in text)
    m_form.replies.parent.value = own
    m_form.replies.text.value = "Dit bespreek ik met de coach."
    m_form.replies.send_button.click()
    assert "persoonlijk" in m_form.status.value
    n_form.refresh()
    wall = n_form.wall.value
    assert wall.count('class="lk-replies"') == 1  # one thread: the reply and the answer under the question
    first, second = wall.index("te laat"), wall.index("huurachterstand")
    assert first < second < wall.index("Klopt, dat bleek later")
    assert "Dit bespreek ik" not in wall and "twijfel" not in wall
    entries = ws.store.entries(Viewer.member(ws.store.person("Mila Lid").id, [kring.id]), session_id=session.id)
    by_text = {e.text: e for e in entries}
    assert by_text["Dit bespreek ik met de coach."].visibility == "persoonlijk"
    answer = by_text["Klopt, dat bleek later."]
    question = by_text["Wat bedoelde de moeder met 'te laat'?"]
    assert answer.parent_uid == by_text["Ik denk: te laat voor de huurachterstand."].parent_uid == question.uid


def test_a_save_reaches_the_other_walls_through_watch(lab):
    """Live threads on the in-process store: no poll, no click; within a few seconds at most."""
    mila = person(lab, "Mila Lid", live=True)
    nout = person(lab, "Nout Lid", live=True)
    m_form = build("step", "vragen", mila)
    n_form = build("step", "vragen", nout)
    n_start = build("start", None, nout)
    assert nout.live.running and mila.live.running
    wait_for(lambda: nout.live.mode == "watch")
    m_form.text.value = "Waarom belde ze pas 's avonds?"
    m_form.save_button.click()
    took = wait_for(lambda: "pas &#x27;s avonds" in n_form.wall.value)
    assert took < 5 and nout.live.mode == "watch"  # the fallback would take 30 s
    coach = person(lab, "Cora Coach")
    build("start", None, coach).room.facilitator.control("start")
    wait_for(lambda: "Fase 1 van 5" in n_start.room.html.value)
    clock = n_start.room.html.value
    wait_for(lambda: n_start.room.html.value != clock, timeout=5)  # the clock ticks by itself
    nout.close()  # the notebook is replaced: its forms no longer follow the session
    seen = nout.live.changes
    m_form.text.value = "Nog een vraag na het sluiten."
    m_form.save_button.click()
    time.sleep(2)
    assert nout.live.changes == seen and "na het sluiten" not in n_form.wall.value


class _WithoutWatch:
    """The store of an older service: everything but ``watch``."""

    def __init__(self, store):
        self._store = store

    def __getattr__(self, name):
        if name == "watch":
            raise AttributeError(name)
        return getattr(self._store, name)


def test_without_watch_the_notebook_reads_again_every_poll_interval(lab, monkeypatch):
    import types

    from leerkring.widgets import live

    monkeypatch.setattr(live, "POLL_SECONDS", 0.5)  # 30 s in a notebook
    ws = lab[0]
    mila = person(lab, "Mila Lid")
    nout = person(lab, "Nout Lid", live=True)
    nout.ws = types.SimpleNamespace(store=_WithoutWatch(ws.store), path=ws.path)
    n_form = build("step", "vragen", nout)
    wait_for(lambda: nout.live.mode == "poll")
    m_form = build("step", "vragen", mila)
    m_form.text.value = "Gezien na de volgende ronde lezen."
    m_form.save_button.click()
    wait_for(lambda: "na de volgende ronde lezen" in n_form.wall.value)
    assert nout.live.mode == "poll"
