"""Everything the store accepts is bounded and cleaned (leerkring/store/limits.py), on SQLite and PostgreSQL.

Regression tests for the review finding "No limits": a few 10 MB saves broke a session's wall for
everyone; ``extra`` values, ``tags`` and non-string values were never scrubbed; control characters
reached the database. Scrubbing here is the rules engine (real detectors, no deduce), so the tests are
quick; the service tests scrub with deduce.
"""

from __future__ import annotations

import time

import pytest

from leerkring.errors import NotAllowed, NotFound, UsageError
from leerkring.privacy.engine import LocalEngine
from leerkring.store import Store, Viewer, limits

PHONE = "06-12345678"
MAIL = "m.jansen@outlook.com"


@pytest.fixture
def team(db_url):
    """(store that scrubs with the rules engine, kring, open session, Mila's viewer)."""
    store = Store.create(db_url, scrubber=LocalEngine(use_deduce=False).scrub)
    kring = store.add_kring("Wijkteam Test")
    for name, role in (("Cora Coach", "coach"), ("Mila Lid", "member"), ("Nout Lid", "member")):
        store.add_member(kring.id, name, role)
    session = store.add_session(kring.id, "2026-11-02", "teamreflectie", "Testsessie")
    viewer = Viewer.member(store.person("Mila Lid").id, [kring.id])
    yield store, kring, session, viewer
    store.close()


def _save(store, session, text="Een bijdrage", *, principle="ervaringen", kind="ervaring", **kwargs):
    kwargs.setdefault("author", "Mila Lid")
    return store.add_entry(session.id, principle, kind, text, **kwargs)


def _one_line(exc: pytest.ExceptionInfo) -> str:
    message = str(exc.value)
    assert "\n" not in message and "Traceback" not in message
    return message


# ------------------------------------------------------------------------------------ cleaning
def test_control_and_bidi_characters_are_stripped_from_every_stored_text(team):
    store, kring, session, viewer = team
    dirty = "Eerste\x00 regel\x07\x1b[31m\r\nTweede\u202e regel\u2066\x85\tmet tab\ufeff"
    saved = _save(store, session, dirty)
    assert saved.entry.text == "Eerste regel[31m\nTweede regel\tmet tab"
    [stored] = store.entries(viewer, session_id=session.id)
    assert stored.text == saved.entry.text

    signal = store.raise_signal(session.id, "Titel\x00 met\nregels\u202e", "Tekst\x1b met \u2067stuurtekens")
    assert signal.title == "Titel met regels" and signal.text == "Tekst met stuurtekens"
    answered = store.respond_signal(signal.id, "Mariam\x00 Manager", "Antwoord\x07 volgt\u202d")
    assert answered.responses[-1].text == "Antwoord volgt" and answered.responses[-1].responder == "Mariam Manager"
    evaluation = store.add_evaluation(session.id, 4, 5, "Fijn\x00 gesprek\u202e")
    assert evaluation.remark == "Fijn gesprek"

    action = store.add_action(session.id, "Bel\x1b de corporatie\u202e", owner="Nout Lid")
    assert action.title == "Bel de corporatie"
    update = store.report_action(action.id, session.id, effect="Het\x00 hielp\u2068", lesson="Vroeg\x07 bellen")
    assert (update.effect, update.lesson) == ("Het hielp", "Vroeg bellen")
    tagged = _save(store, session, "Met labels", tags=["werk\x00druk", "\u202eregels  en\tzo"])
    assert tagged.entry.tags == ("werkdruk", "regels en zo")


def test_a_text_that_is_empty_after_cleaning_is_refused(team):
    store, kring, session, viewer = team
    with pytest.raises(UsageError) as empty:
        _save(store, session, "\x00\x07\u202e \n\t")
    assert _one_line(empty) == "Een lege bijdrage wordt niet opgeslagen."
    with pytest.raises(UsageError):
        store.raise_signal(session.id, "\u202e\x00 ", "tekst")
    assert store.entries(viewer, session_id=session.id) == []


# ------------------------------------------------------------------------------------ lengths
def test_a_10_mb_text_is_refused_quickly_and_the_wall_still_loads(team):
    store, kring, session, viewer = team
    _save(store, session, "Gewone bijdrage")
    started = time.perf_counter()
    for text in ("x" * (10 * 1024 * 1024), "y" * (limits.ENTRY_TEXT + 1)):
        with pytest.raises(UsageError) as long:
            _save(store, session, text)
        assert "De bijdrage is te lang" in _one_line(long) and "hoogstens 20.000" in str(long.value)
    assert time.perf_counter() - started < 2
    assert [e.text for e in store.entries(viewer, session_id=session.id)] == ["Gewone bijdrage"]
    assert _save(store, session, "z" * limits.ENTRY_TEXT).entry.text == "z" * limits.ENTRY_TEXT


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda s, sid: s.raise_signal(sid, "t" * 301),
            "De titel van het signaal is te lang (301 tekens; hoogstens 300).",
        ),
        (lambda s, sid: s.raise_signal(sid, "Titel", "t" * 20_001), "De toelichting is te lang"),
        (lambda s, sid: s.add_evaluation(sid, 3, 3, "r" * 5_001), "De opmerking is te lang"),
        (lambda s, sid: s.add_action(sid, "a" * 20_001), "De bijdrage is te lang"),
    ],
)
def test_every_free_text_field_has_a_limit(team, call, message):
    store, kring, session, viewer = team
    with pytest.raises(UsageError) as long:
        call(store, session.id)
    assert _one_line(long).startswith(message)


def test_a_response_and_a_report_have_limits_too(team):
    store, kring, session, viewer = team
    signal = store.raise_signal(session.id, "Titel")
    with pytest.raises(UsageError) as long:
        store.respond_signal(signal.id, "Mariam Manager", "a" * 10_001)
    assert "Het antwoord is te lang" in _one_line(long)
    action = store.add_action(session.id, "Bellen")
    with pytest.raises(UsageError) as long:
        store.report_action(action.id, session.id, effect="e" * 20_001)
    assert "Het effect is te lang" in _one_line(long)
    assert store.action_updates(viewer, action.id) == []


# ------------------------------------------------------------------------------------ extra
def test_oversized_extra_is_refused_and_the_wall_still_loads(team):
    store, kring, session, viewer = team
    _save(store, session, "Voor de aanval")
    huge = "x" * (10 * 1024 * 1024)
    attempts = [
        ("spanningen", "perspectief", {"position": huge}, "Het extra veld 'position' is te lang"),
        ("spanningen", "perspectief", {"position": "p" * (limits.EXTRA_TEXT + 1)}, "hoogstens 2.000"),
        ("spanningen", "waarden", {"values": ["veiligheid"] * (limits.EXTRA_LIST + 1)}, "te veel keuzes"),
        ("spanningen", "waarden", {"values": [huge]}, "te lang"),
        ("grenzen", "uitnodiging", {"invitee_kind": huge}, "te lang"),
    ]
    started = time.perf_counter()
    for principle, kind, extra, message in attempts:
        with pytest.raises(UsageError) as refused:
            _save(store, session, "Met extra", principle=principle, kind=kind, extra=extra)
        assert message in _one_line(refused)
    assert time.perf_counter() - started < 3
    wall = store.entries(viewer, session_id=session.id)
    assert [e.text for e in wall] == ["Voor de aanval"]


def test_unknown_extra_keys_and_wrong_types_are_refused(team):
    store, kring, session, viewer = team
    refused = [
        ("ervaringen", "ervaring", {"notitie": "vrij veld"}, "Onbekend extra veld 'notitie'"),
        ("spanningen", "perspectief", {"owner": "Nout Lid"}, "Onbekend extra veld 'owner'"),
        ("actieleren", "effect", {"action_id": 1, "action": "verzonnen"}, "Onbekend extra veld 'action"),
        ("spanningen", "perspectief", {"position": 12}, "moet tekst zijn"),
        ("spanningen", "perspectief", {"position": {"genest": "x"}}, "moet tekst zijn"),
        ("spanningen", "perspectief", {"position": ["a", "b"]}, "moet tekst zijn"),
        ("spanningen", "waarden", {"values": "veiligheid"}, "moet een lijst zijn"),
        ("spanningen", "waarden", {"values": [1, 2]}, "lijst van keuzes"),
        ("spanningen", "waarden", {"values": [["geneste lijst"]]}, "lijst van keuzes"),
        ("inductief", "stille_kennis", {"source_role": ["bewoner"]}, "moet één keuze"),
        ("actieleren", "actie", {"due": "volgende week"}, "moet een datum zijn"),
        ("actieleren", "actie", {"owner": "Iemand Anders"}, "Onbekend lid"),
        ("grenzen", "uitnodiging", {"invitee_kind": "De Huisarts!"}, "is een code"),
        ("grenzen", "uitnodiging", {"invitee_kind": 3}, "moet tekst zijn"),
    ]
    for principle, kind, extra, message in refused:
        with pytest.raises((UsageError, NotFound, NotAllowed)) as error:
            _save(store, session, "Met extra", principle=principle, kind=kind, extra=extra)
        assert message in _one_line(error), (extra, str(error.value))
    with pytest.raises(UsageError):
        _save(store, session, "Geen dict", extra=["lijst"])
    assert store.entries(viewer, session_id=session.id) == []


def test_extra_values_are_cleaned_checked_and_free_text_is_scrubbed(team):
    store, kring, session, viewer = team
    perspective = _save(
        store,
        session,
        "Handhaven is ook zorg",
        principle="spanningen",
        kind="perspectief",
        extra={"position": f"Bel {PHONE}\x00 eerst\u202e", "level": "gemeente"},
    )
    assert perspective.entry.extra == {"position": "Bel [TELEFOON-1] eerst", "level": "gemeente"}
    assert {f["type"] for f in perspective.replaced} == {"telefoon"}

    known = _save(
        store, session, "Stille kennis", principle="inductief", kind="stille_kennis", extra={"source_role": "bewoner"}
    )
    assert known.entry.extra == {"source_role": "bewoner"}
    unknown_choice = _save(
        store, session, "Andere bron", principle="inductief", kind="stille_kennis", extra={"source_role": MAIL}
    )
    assert unknown_choice.entry.extra["source_role"] == "[EMAIL-1]"

    action = _save(
        store,
        session,
        "Terugbellen",
        principle="actieleren",
        kind="actie",
        extra={"owner": store.person("Nout Lid").id, "due": "2026-12-01"},
    )
    assert action.entry.extra == {"owner": "Nout Lid", "due": "2026-12-01"}


def test_tags_are_limited_cleaned_and_free_tags_scrubbed(team):
    store, kring, session, viewer = team
    saved = _save(store, session, "Met labels", tags=["veiligheid", MAIL, f"bel {PHONE}", "werkdruk"], extra=None)
    assert saved.entry.tags == ("veiligheid", "[EMAIL-1]", "bel [TELEFOON-1]", "werkdruk")
    assert {f["type"] for f in saved.replaced} == {"email", "telefoon"}
    values = _save(
        store,
        session,
        "Waarden",
        principle="spanningen",
        kind="waarden",
        tags=["regels"],
        extra={"values": ["veiligheid", PHONE]},
    )
    assert values.entry.extra["values"] == ["veiligheid", "[TELEFOON-1]"]
    assert values.entry.tags == ("regels", "veiligheid", "[TELEFOON-1]")

    with pytest.raises(UsageError) as many:
        _save(store, session, "Te veel", tags=[f"label{i}" for i in range(limits.TAGS + 1)])
    assert _one_line(many) == f"Te veel labels ({limits.TAGS + 1}; hoogstens {limits.TAGS})."
    with pytest.raises(UsageError) as long:
        _save(store, session, "Te lang", tags=["l" * (limits.TAG + 1)])
    assert "Een label is te lang" in _one_line(long)
    for bad in ("één tekst", [1, 2], [{"a": 1}], [["genest"]]):
        with pytest.raises(UsageError):
            _save(store, session, "Verkeerd", tags=bad)


def test_an_edit_is_checked_like_a_save(team):
    store, kring, session, viewer = team
    saved = _save(
        store, session, "Standpunt", principle="spanningen", kind="perspectief", extra={"position": "handhaven"}
    )
    with pytest.raises(UsageError):
        store.edit_entry(saved.entry.uid, "Mila Lid", "x" * (limits.ENTRY_TEXT + 1))
    with pytest.raises(UsageError):
        store.edit_entry(saved.entry.uid, "Mila Lid", extra={"onbekend": "veld"})
    with pytest.raises(UsageError):
        store.edit_entry(saved.entry.uid, "Mila Lid", tags=["l" * 61])
    edited = store.edit_entry(
        saved.entry.uid, "Mila Lid", "Nieuw\x00 standpunt", tags=[MAIL], extra={"position": f"bel {PHONE}"}
    )
    assert edited.entry.text == "Nieuw standpunt"
    assert edited.entry.tags == ("[EMAIL-1]",) and edited.entry.extra == {"position": "bel [TELEFOON-1]"}
    action = store.save_action(session.id, "Bellen", owner="Nout Lid", due="2026-12-01", author="Mila Lid")
    kept = store.edit_entry(action.entry.uid, "Mila Lid", extra={})
    assert kept.entry.extra == {"owner": "Nout Lid", "due": "2026-12-01"}  # the store's own keys stay


def test_client_key_and_step_are_bounded(team):
    store, kring, session, viewer = team
    for key in ("k" * (limits.CLIENT_KEY + 1), "met spatie", 12):
        with pytest.raises(UsageError) as bad:
            _save(store, session, "Sleutel", client_key=key)
        assert "client_key" in _one_line(bad)
    with pytest.raises(UsageError) as step:
        _save(store, session, "Stap", step="s" * 65)
    assert "De stap is te lang" in _one_line(step)


# ------------------------------------------------------------------------------------ idempotent saves
def test_reports_signals_and_evaluations_are_idempotent_by_client_key(team):
    store, kring, session, viewer = team
    action = store.add_action(session.id, "Bellen", owner="Nout Lid")
    first = store.report_action(
        action.id,
        session.id,
        effect="Ging goed",
        lesson="Vroeg bellen",
        status="done",
        author="Mila Lid",
        client_key="r-1",
    )
    again = store.report_action(
        action.id,
        session.id,
        effect="Ging goed",
        lesson="Vroeg bellen",
        status="done",
        author="Mila Lid",
        client_key="r-1",
    )
    assert again == first
    assert len(store.action_updates(viewer, action.id)) == 1
    kinds = [e.kind for e in store.entries(viewer, session_id=session.id)]
    assert kinds.count("effect") == 1 and kinds.count("les") == 1
    assert store.action(viewer, action.id).status == "done"

    signal = store.raise_signal(session.id, "Formulier", "Kost geld", client_key="s-1")
    assert store.raise_signal(session.id, "Formulier", "Kost geld", client_key="s-1").id == signal.id
    assert len(store.signals(kring.id)) == 1

    evaluation = store.add_evaluation(session.id, 4, 5, "Fijn", client_key="e-1")
    assert store.add_evaluation(session.id, 4, 5, "Fijn", client_key="e-1") == evaluation
    assert len(store.evaluations(viewer, session.id)) == 1
    # without keys every call counts
    store.add_evaluation(session.id, 4, 5, "Fijn")
    assert len(store.evaluations(viewer, session.id)) == 2


def test_a_retried_save_after_the_session_closed_returns_the_first_save(team):
    store, kring, session, viewer = team
    first = _save(store, session, "Net op tijd", client_key="late-1")
    store.close_session(session.id)
    assert _save(store, session, "Net op tijd", client_key="late-1").entry.uid == first.entry.uid


# ------------------------------------------------------------------------------------ the wall, paginated
def test_the_wall_is_paginated_newest_first_pages_oldest_first_within(team):
    store, kring, session, viewer = team
    for i in range(12):
        _save(store, session, f"bijdrage {i:02d}")
    everything = store.entries(viewer, session_id=session.id)
    assert [e.text for e in everything] == [f"bijdrage {i:02d}" for i in range(12)]  # default unchanged
    newest = store.entries(viewer, session_id=session.id, limit=5)
    assert [e.text for e in newest] == [f"bijdrage {i:02d}" for i in range(7, 12)]
    older = store.entries(viewer, session_id=session.id, limit=5, before=newest[0].id)
    assert [e.text for e in older] == [f"bijdrage {i:02d}" for i in range(2, 7)]
    oldest = store.entries(viewer, session_id=session.id, limit=5, before=older[0].id)
    assert [e.text for e in oldest] == ["bijdrage 00", "bijdrage 01"]
    assert store.entries(viewer, session_id=session.id, limit=5, before=oldest[0].id) == []
    # visibility still applies within a page
    store.add_entry(
        session.id, "ervaringen", "ervaring", "alleen voor Nout", author="Nout Lid", visibility="persoonlijk"
    )
    assert [e.text for e in store.entries(viewer, session_id=session.id, limit=1)] == ["bijdrage 11"]
    for bad in (0, -1, "5", 10**6):
        with pytest.raises(UsageError):
            store.entries(viewer, session_id=session.id, limit=bad)


def test_a_session_title_is_cleaned_and_limited(team):
    store, kring, session, viewer = team
    titled = store.add_session(kring.id, "2026-11-09", "teamreflectie", "Hulp\x00 of\n handhaven\u202e?")
    assert titled.title == "Hulp of handhaven?"
    with pytest.raises(UsageError) as long:
        store.add_session(kring.id, "2026-11-16", "teamreflectie", "t" * 301)
    assert _one_line(long) == "De titel van de sessie is te lang (301 tekens; hoogstens 300)."
