"""The live session in the store (issue 16), on SQLite and PostgreSQL: phases and their locks, the
timer, the anonymous vote, replies that never widen visibility, rounds, and the wall's wake-up."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select

from leerkring.errors import NotAllowed, NotFound, PhaseClosed, UsageError
from leerkring.store import Viewer, schema


@pytest.fixture
def incident(kring_setup):
    """The test team with an open incidentmethode session (phases: inbreng, vragen, analyse, advies,
    afsluiting)."""
    store, kring, _ = kring_setup
    return store, kring, store.add_session(kring.id, "2026-11-30", "incidentmethode", "Live")


def kind_of(store, principle):
    return store.frameworks.principle(principle).kinds[0].key


def test_phases_move_for_the_session_and_lock_what_is_over(incident):
    store, _, session = incident
    waiting = store.room(session.id)
    assert waiting.state == "waiting" and waiting.locked == frozenset()
    assert [p[0] for p in waiting.phases] == ["inbreng", "vragen", "analyse", "advies", "afsluiting"]
    with pytest.raises(Exception, match="mag alleen een coach"):
        store.room_control(session.id, "start", by="Mila Lid")
    with pytest.raises(UsageError, match="nog niet begonnen"):
        store.room_control(session.id, "next", by="Cora Coach")

    running = store.room_control(session.id, "start", by="Cora Coach")
    assert (running.state, running.phase_key, running.phase_minutes) == ("running", "inbreng", 10)
    assert 595 <= running.seconds_left <= 600
    early = store.add_entry(session.id, "ervaringen", "ervaring", "Eerste indruk", author="Mila Lid")
    assert early.entry.phase == "inbreng"

    moved = store.room_control(session.id, "next", by="Cora Coach")
    assert moved.phase_key == "vragen" and moved.locked == frozenset({"ervaringen"})
    with pytest.raises(PhaseClosed, match="gesloten"):
        store.add_entry(session.id, "ervaringen", "ervaring", "Te laat", author="Nout Lid")
    with pytest.raises(PhaseClosed):  # an edit is a save too
        store.edit_entry(early.entry.uid, "Mila Lid", "Toch anders")
    # a principle whose later phase still comes stays open
    later = store.add_entry(
        session.id, "actieleren", kind_of(store, "actieleren"), "Alvast een idee", author="Nout Lid"
    )
    assert later.entry.phase == "vragen"

    done = store.room_control(session.id, "finish", by="Cora Coach")
    assert done.state == "finished" and {"ervaringen", "onzekerheid", "actieleren"} <= done.locked
    assert [h["key"] for h in done.history] == ["inbreng", "vragen"]
    with pytest.raises(UsageError, match="al afgerond"):
        store.room_control(session.id, "next", by="Cora Coach")


def test_the_timer_stops_while_paused_and_extends(incident):
    store, _, session = incident
    store.room_control(session.id, "start", by="Cora Coach")
    paused = store.room_control(session.id, "pause", by="Cora Coach")
    assert paused.state == "paused"
    time.sleep(1.2)
    still = store.room(session.id)
    assert still.seconds_left == paused.seconds_left  # no time passes during a pause
    resumed = store.room_control(session.id, "resume", by="Cora Coach")
    assert resumed.state == "running" and resumed.seconds_left >= paused.seconds_left - 1
    extended = store.room_control(session.id, "extend", minutes=3, by="Cora Coach")
    assert extended.phase_minutes == 13 and extended.seconds_left > 600
    with pytest.raises(UsageError, match="1 tot 60"):
        store.room_control(session.id, "extend", minutes=500, by="Cora Coach")
    with pytest.raises(UsageError, match="Onbekende stap"):
        store.room_control(session.id, "explode", by="Cora Coach")


def test_cases_are_private_drafts_until_shared_and_the_vote_is_anonymous(incident):
    store, kring, session = incident
    mine = store.add_case(kring.id, "Gezin met schulden", "Drie kinderen, veel post", author="Mila Lid")
    other = store.add_case(kring.id, "Ruzie in de portiek", author="Nout Lid")
    assert [c.title for c in store.cases(kring.id, person="Nout Lid")] == ["Ruzie in de portiek"]
    assert store.cases(kring.id, person="Mila Lid")[-1].mine
    with pytest.raises(UsageError, match="geen gedeelde casus"):
        store.room_control(session.id, "vote_open", by="Cora Coach")
    with pytest.raises(NotFound):  # someone else's draft does not exist for you
        store.share_case(mine.id, author="Nout Lid")
    store.share_case(mine.id, author="Mila Lid")
    store.share_case(other.id, author="Nout Lid")
    seen = store.cases(kring.id, person="Cora Coach")
    assert {c.title for c in seen} == {"Gezin met schulden", "Ruzie in de portiek"} and not any(c.mine for c in seen)

    with pytest.raises(UsageError, match="geen stemming"):
        store.vote(session.id, mine.id, voter="Mila Lid")
    opened = store.room_control(session.id, "vote_open", votes=2, by="Cora Coach")
    assert opened.vote == "open" and opened.votes_per_person == 2
    for voter, case in [("Mila Lid", mine), ("Nout Lid", other), ("Cora Coach", other), ("Mila Lid", other)]:
        store.vote(session.id, case.id, voter=voter)
    assert store.room(session.id, person="Mila Lid").votes_left == 0
    assert store.room(session.id, person="Nout Lid").votes_left == 1
    with pytest.raises(UsageError, match="al je stemmen"):
        store.vote(session.id, mine.id, voter="Mila Lid")
    with pytest.raises(NotAllowed):  # a manager is no participant
        store.vote(session.id, mine.id, voter="Mariam Manager")

    closed = store.room_control(session.id, "vote_close", by="Cora Coach")
    assert dict((t[1], t[2]) for t in closed.tally) == {"Gezin met schulden": 1, "Ruzie in de portiek": 3}
    assert closed.case.title == "Ruzie in de portiek"
    # anonymous by construction: no vote row knows its voter, no ballot row its case
    assert {c.name for c in schema.case_vote.columns} == {"id", "session_id", "case_id"}
    assert {c.name for c in schema.case_ballot.columns} == {"session_id", "person_id", "used"}
    with store.read() as conn:
        assert conn.execute(select(schema.case_vote.c.case_id)).scalars().all().count(other.id) == 3


def test_a_reply_nests_under_its_thread_and_never_widens_visibility(incident):
    store, kring, session = incident
    parent = store.add_entry(session.id, "ervaringen", "ervaring", "Een lastig huisbezoek", author="Mila Lid")
    question = store.add_reply(parent.entry.uid, "Wat maakte het lastig?", author="Nout Lid", visibility="organisatie")
    assert question.entry.parent_uid == parent.entry.uid and question.entry.visibility == "kring"
    answer = store.add_reply(question.entry.uid, "De toon aan de deur.", author="Mila Lid")
    assert answer.entry.parent_uid == parent.entry.uid  # an answer joins the thread
    assert (answer.entry.principle, answer.entry.kind) == ("ervaringen", "ervaring")

    private = store.add_entry(
        session.id, "ervaringen", "ervaring", "Alleen voor mij", author="Mila Lid", visibility="persoonlijk"
    )
    with pytest.raises(NotFound):  # Nout cannot see it, so cannot answer it
        store.add_reply(private.entry.uid, "Mag ik meelezen?", author="Nout Lid")
    note = store.add_reply(private.entry.uid, "Nog iets voor mezelf", author="Mila Lid", visibility="kring")
    assert note.entry.visibility == "persoonlijk"
    nout = Viewer.member(store.person("Nout Lid").id, [kring.id])
    assert note.entry.uid not in {e.uid for e in store.entries(nout, session_id=session.id)}

    # replies may come in any phase, even when their principle is closed
    store.room_control(session.id, "start", by="Cora Coach")
    store.room_control(session.id, "next", by="Cora Coach")
    later = store.add_reply(parent.entry.uid, "Nog een vraag", author="Cora Coach")
    assert later.entry.parent_uid == parent.entry.uid


def test_a_round_gives_each_participant_a_turn_in_order(incident):
    store, _, session = incident
    started = store.room_control(session.id, "round_start", by="Cora Coach")
    # coach and members by name; the guest only when present, the manager never
    assert started.round_names == ("Cora Coach", "Mila Lid", "Nout Lid") and started.round_turn == 0
    with pytest.raises(UsageError, match="loopt al een ronde"):
        store.room_control(session.id, "round_start", by="Cora Coach")
    assert store.room_control(session.id, "round_next", by="Cora Coach").round_turn == 1
    assert store.room_control(session.id, "round_next", by="Cora Coach").round_turn == 2
    ended = store.room_control(session.id, "round_next", by="Cora Coach")  # past the last turn
    assert ended.round_names == () and ended.round_turn is None
    store.mark_present(session.id, "Gijs Gast")
    chosen = store.room_control(session.id, "round_start", order=["Nout Lid", "Gijs Gast"], by="Cora Coach")
    assert chosen.round_names == ("Nout Lid", "Gijs Gast")
    store.room_control(session.id, "round_end", by="Cora Coach")
    with pytest.raises(UsageError, match="doet niet mee"):
        store.room_control(session.id, "round_start", order=["Mariam Manager"], by="Cora Coach")


def test_watch_wakes_a_waiting_wall_at_once_and_times_out_quietly(incident):
    store, _, session = incident
    version = store.room_version(session.id)
    assert store.watch(session.id, version, timeout=0.2) == version  # nothing happened
    woke: list = []

    def wait():
        started = time.perf_counter()
        woke.append((store.watch(session.id, version, timeout=10), time.perf_counter() - started))

    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(0.3)
    store.add_entry(session.id, "ervaringen", "ervaring", "Nieuw op de muur", author="Nout Lid")
    waiter.join(5)
    assert woke and woke[0][0] > version and woke[0][1] < 2.0
    # a change the vote makes wakes the wall too
    now = store.room_version(session.id)
    store.room_control(session.id, "start", by="Cora Coach")
    assert store.watch(session.id, now, timeout=1) > now


def test_forget_export_and_retention_reach_cases(incident):
    store, kring, session = incident
    draft = store.add_case(kring.id, "Nog een schets", "Niet af", author="Nout Lid")
    shared = store.add_case(kring.id, "Het huisbezoek", "Wat er misging", author="Nout Lid")
    store.share_case(shared.id, author="Nout Lid")
    store.room_control(session.id, "vote_open", votes=1, by="Cora Coach")
    store.vote(session.id, shared.id, voter="Nout Lid")

    exported = store.export_person("Nout Lid")
    assert {c["title"] for c in exported["cases"]} == {"Nog een schets", "Het huisbezoek"}

    forgotten = store.forget_person("Nout Lid")
    assert forgotten["draft_cases_removed"] == 1
    left = store.cases(kring.id, person="Mila Lid")
    assert [c.title for c in left] == ["Het huisbezoek"] and draft.id not in {c.id for c in left}
    with store.read() as conn:
        assert conn.execute(select(schema.case.c.author_id).where(schema.case.c.id == shared.id)).scalar() is None
        assert conn.execute(select(schema.case_ballot)).all() == []
    assert dict((t[1], t[2]) for t in store.room(session.id).tally) == {"Het huisbezoek": 1}  # the tally stays

    import datetime as dt

    removed = store.apply_retention(1, today=dt.date.today() + dt.timedelta(days=62))
    assert removed["case_texts"] == 1
    assert store.cases(kring.id)[0].text == "" and store.cases(kring.id)[0].title == "Het huisbezoek"


def test_a_case_chosen_before_is_not_on_the_next_ballot(incident):
    store, kring, session = incident
    first = store.add_case(kring.id, "Al besproken", author="Mila Lid")
    second = store.add_case(kring.id, "Nog open", author="Nout Lid")
    store.share_case(first.id, author="Mila Lid")
    store.share_case(second.id, author="Nout Lid")
    store.room_control(session.id, "choose_case", case_id=first.id, by="Cora Coach")
    later = store.add_session(kring.id, "2026-12-14", "incidentmethode")
    opened = store.room_control(later.id, "vote_open", by="Cora Coach")
    assert [t[1] for t in opened.tally] == ["Nog open"]
    with pytest.raises(UsageError, match="al over gesproken|eerdere sessie"):
        store.vote(later.id, first.id, voter="Mila Lid")


def test_a_reply_under_an_organisation_entry_stays_in_the_kring_unless_asked(incident):
    store, _, session = incident
    shared = store.add_entry(
        session.id, "ervaringen", "ervaring", "Voor iedereen", author="Mila Lid", visibility="organisatie"
    )
    assert store.add_reply(shared.entry.uid, "Alleen voor de kring", author="Nout Lid").entry.visibility == "kring"
    wide = store.add_reply(shared.entry.uid, "Ook voor de organisatie", author="Nout Lid", visibility="organisatie")
    assert wide.entry.visibility == "organisatie" and wide.entry.release == "pending"  # the coach reviews it first
