"""The release review in the store (issue 14, item 2): what becomes organisation-visible waits for a coach.

Every entry revision shared with the organisation, every signal and every answer gets a row in
``text_release`` when it is stored; only a coach of its kring decides (approve, reject with a reason the
author sees, edit: scrubbed again and stored as a new revision), every decision is audited, deciding
twice is refused with one Dutch line, and ``[privacy] release = "auto"`` releases at once.
"""

from __future__ import annotations

import pytest

from leerkring.errors import LeerkringError, NotAllowed, NotFound
from leerkring.store import Store, Viewer, schema


def _rules_scrub(text, known_names=()):
    from leerkring.privacy.engine import LocalEngine

    return LocalEngine(use_deduce=False).scrub(text, known_names=known_names)


@pytest.fixture
def team(db_url):
    """The test team (Cora Coach, Mila Lid, Nout Lid, Gijs Gast, Mariam Manager) in one kring with an
    open session, on a store that scrubs with the rule detectors."""
    store = Store.create(db_url, scrubber=_rules_scrub)
    kring = store.add_kring("Wijkteam Test")
    for name, role in (
        ("Cora Coach", "coach"),
        ("Mila Lid", "member"),
        ("Nout Lid", "member"),
        ("Gijs Gast", "guest"),
        ("Mariam Manager", "manager"),
    ):
        store.add_member(kring.id, name, role)
    session = store.add_session(kring.id, "2026-11-02", "teamreflectie", "Testsessie")
    yield store, kring, session
    store.close()


def _share(store, session, text="Gedeeld met de organisatie", author="Mila Lid", kind=("ervaringen", "inzicht")):
    return store.add_entry(session.id, *kind, text, author=author, visibility="organisatie").entry


def _audit(store, prefix="release."):
    return [
        (a["actor"], a["action"], a["detail"]) for a in reversed(store.audit_log(200)) if a["action"].startswith(prefix)
    ]


def test_texts_that_become_organisation_visible_wait_for_a_coach(team):
    store, kring, session = team
    kept = store.add_entry(session.id, "ervaringen", "ervaring", "Alleen voor de kring", author="Mila Lid")
    shared = _share(store, session)
    lesson = store.save_action(session.id, "Eerst bellen", author="Nout Lid", visibility="organisatie").entry
    signal = store.raise_signal(session.id, "Wachtlijst schuldhulp", "Drie maanden wachten is te lang.")
    store.respond_signal(signal.id, "Cora Coach", "Doorgegeven aan de gemeente.")
    store.respond_signal(signal.id, "Mariam Manager", "We pakken het op.")

    pending = store.pending_releases()
    assert [(p.item, p.text) for p in pending] == [
        ("entry", "Gedeeld met de organisatie"),
        ("entry", "Eerst bellen"),
        ("signal", "Drie maanden wachten is te lang."),
        ("response", "Doorgegeven aan de gemeente."),
    ]
    assert pending[0].entry_uid == shared.uid and pending[1].entry_uid == lesson.uid
    assert pending[2].title == "Wachtlijst schuldhulp" and pending[3].title == "Wachtlijst schuldhulp"
    assert {p.kring_id for p in pending} == {kring.id} and all(p.session_id == session.id for p in pending)
    assert kept.entry.release is None  # a kring entry is not the organisation's: no review
    # management's own answer is written by management for management: released at once, and audited
    (answer,) = store.releases(status="released")
    assert (answer.item, answer.text, answer.decision, answer.decided_by) == (
        "response",
        "We pakken het op.",
        "management",
        "Mariam Manager",
    )
    assert _audit(store) == [
        ("Mariam Manager", "release.management", {"release": answer.id, "item": "response", "id": 2})
    ]


def test_an_edit_that_shares_waits_and_a_newer_revision_replaces_the_waiting_one(team):
    store, kring, session = team
    entry = store.add_entry(session.id, "ervaringen", "inzicht", "Eerst voor de kring", author="Mila Lid").entry
    assert store.pending_releases() == []
    shared = store.edit_entry(entry.uid, "Mila Lid", visibility="organisatie").entry
    (first,) = store.pending_releases()
    assert (first.entry_uid, first.text, shared.release) == (entry.uid, "Eerst voor de kring", "pending")
    changed = store.edit_entry(entry.uid, "Mila Lid", "Nu met een betere zin").entry
    (second,) = store.pending_releases()
    assert second.id != first.id and second.text == "Nu met een betere zin" and changed.release == "pending"
    assert store.release_record(first.id).status == "replaced"
    with pytest.raises(LeerkringError, match="vervangen door een nieuwere versie van de auteur"):
        store.release(first.id, "Cora Coach")
    # sharing back to the kring only: nothing waits any more
    store.edit_entry(entry.uid, "Mila Lid", visibility="kring")
    assert store.pending_releases() == []


def test_a_coach_approves_rejects_and_edits_and_every_decision_is_audited(team):
    store, kring, session = team
    approved = _share(store, session, "Samen op huisbezoek werkt beter")
    rejected = _share(store, session, "Een tekst met iets wat niet weg mag")
    edited = _share(store, session, "Bij FATIMA BOUALI thuis leerden we luisteren")
    signal = store.raise_signal(session.id, "Registratie", "Het systeem telt huisbezoeken niet.")
    ids = {p.entry_uid or p.signal_id: p.id for p in store.pending_releases()}

    done = store.release(ids[approved.uid], "Cora Coach")
    assert (done.status, done.decision, done.decided_by) == ("released", "coach", "Cora Coach")
    assert done.decided_at is not None

    sent_back = store.reject(ids[rejected.uid], "Cora Coach", "Bel me even, zei 06-12345678")
    assert sent_back.status == "rejected"
    assert sent_back.reason == "Bel me even, zei [TELEFOON-1]"  # the reason is scrubbed too

    new = store.edit_release(ids[edited.uid], "Cora Coach", "Bij [PERSOON-1] thuis leerden we luisteren (06 12345678)")
    assert new.id != ids[edited.uid] and new.status == "released" and new.decided_by == "Cora Coach"
    assert new.text == "Bij [PERSOON-1] thuis leerden we luisteren ([TELEFOON-1])"  # scrubbed again
    history = store.entries(Viewer.member(store.person("Mila Lid").id, [kring.id]), history=True)
    revisions = [(e.revision, e.text) for e in history if e.uid == edited.uid]
    assert revisions == [
        (1, "Bij FATIMA BOUALI thuis leerden we luisteren"),  # the author's revision stays, not current
        (2, "Bij [PERSOON-1] thuis leerden we luisteren ([TELEFOON-1])"),
    ]
    assert store.release_record(ids[edited.uid]).status == "replaced"

    answer = store.edit_release(
        ids[signal.id], "Cora Coach", "Het systeem telt de huisbezoeken niet mee.", title="Telling"
    )
    assert (answer.status, answer.title, answer.text) == (
        "released",
        "Telling",
        "Het systeem telt de huisbezoeken niet mee.",
    )
    assert store.signal(signal.id).title == "Telling"
    with store.read() as conn:
        original = (
            conn.execute(schema.text_release.select().where(schema.text_release.c.id == ids[signal.id]))
            .mappings()
            .one()["original"]
        )
    assert original == {"title": "Registratie", "text": "Het systeem telt huisbezoeken niet."}

    actions = [(actor, action) for actor, action, _ in _audit(store)]
    assert actions == [
        ("Cora Coach", "release.approve"),
        ("Cora Coach", "release.reject"),
        ("Cora Coach", "release.edit"),
        ("Cora Coach", "release.edit"),
    ]
    assert all(
        "text" not in detail and "reason" not in detail or detail["reason"] is True for *_, detail in _audit(store)
    )
    assert store.pending_releases() == []


def test_only_a_coach_of_the_kring_decides_and_never_twice(team):
    store, kring, session = team
    other = store.add_kring("Wijkteam Elders")
    store.add_member(other.id, "Olga Coach", "coach")
    _share(store, session)
    (item,) = store.pending_releases()

    for who, error, text in (
        ("Mila Lid", NotAllowed, "Alleen een leercoach van kring 'Wijkteam Test'.*'Mila Lid' is daar teamlid"),
        ("Mariam Manager", NotAllowed, "is daar management"),
        ("Gijs Gast", NotAllowed, "is daar gast"),
        ("Olga Coach", NotFound, "geen lid van kring 'Wijkteam Test'"),
        ("Niemand Bekend", NotFound, "Onbekend lid"),
    ):
        with pytest.raises(error, match=text):
            store.release(item.id, who)
    with pytest.raises(NotFound, match="Onbekende tekst 999 in de vrijgave"):
        store.release(999, "Cora Coach")
    with pytest.raises(LeerkringError, match="geen nummer"):
        store.reject("drie", "Cora Coach")
    assert store.release_record(item.id).status == "pending"  # nothing changed by the refusals

    store.release(item.id, "Cora Coach")
    for decide in (
        lambda: store.release(item.id, "Cora Coach"),
        lambda: store.reject(item.id, "Cora Coach"),
        lambda: store.edit_release(item.id, "Cora Coach", "Toch anders"),
    ):
        with pytest.raises(
            LeerkringError, match=r"Bijdrage \d+ is al vrijgegeven \(door Cora Coach op \d{4}-\d\d-\d\d\)"
        ):
            decide()
    assert [a for _, a, _ in _audit(store)] == ["release.approve"]


def test_the_author_sees_the_state_of_their_own_shared_entry(team):
    store, kring, session = team
    waiting = _share(store, session, "Wacht nog")
    rejected = _share(store, session, "Wordt teruggestuurd")
    released = _share(store, session, "Wordt vrijgegeven")
    assert waiting.release == "pending"  # what the save returns to the author
    ids = {p.entry_uid: p.id for p in store.pending_releases()}
    store.reject(ids[rejected.uid], "Cora Coach", "Er staat een adres in")
    store.release(ids[released.uid], "Cora Coach")

    mila = Viewer.member(store.person("Mila Lid").id, [kring.id])
    seen = {e.text: (e.release, e.release_reason) for e in store.entries(mila, session_id=session.id)}
    assert seen == {
        "Wacht nog": ("pending", ""),
        "Wordt teruggestuurd": ("rejected", "Er staat een adres in"),
        "Wordt vrijgegeven": ("released", ""),
    }
    # a colleague (and anyone who is not the author) sees the entries, not their review
    nout = Viewer.member(store.person("Nout Lid").id, [kring.id])
    assert {(e.release, e.release_reason) for e in store.entries(nout, session_id=session.id)} == {(None, "")}
    assert {e.release for e in store.entries(Viewer.organisation())} == {None}

    from leerkring.widgets import markup

    wall = markup.wall(store.entries(mila, session_id=session.id), store.frameworks)
    assert "wacht op vrijgave" in wall and "teruggestuurd: Er staat een adres in" in wall and "vrijgegeven" in wall
    assert "vrijgave" not in markup.wall(store.entries(nout, session_id=session.id), store.frameworks)


def test_auto_releases_at_once_and_is_audited(db_url):
    store = Store.create(db_url, release="auto")
    kring = store.add_kring("Wijkteam Auto")
    store.add_member(kring.id, "Cora Coach", "coach")
    session = store.add_session(kring.id, "2026-11-02", "teamreflectie")
    entry = store.add_entry(session.id, "actieleren", "les", "Een les", author="Cora Coach", visibility="organisatie")
    signal = store.raise_signal(session.id, "Een signaal")
    store.respond_signal(signal.id, "Cora Coach", "Doorgegeven")
    assert store.pending_releases() == []
    released = store.releases(status="released")
    assert [(r.item, r.decision, r.decided_by) for r in released] == [
        ("entry", "auto", None),
        ("signal", "auto", None),
        ("response", "auto", None),
    ]
    assert entry.entry.release == "released"
    assert [(actor, action) for actor, action, _ in _audit(store)] == [
        ("systeem", "release.auto"),
        ("systeem", "release.auto"),
        ("Cora Coach", "release.auto"),
    ]
    with pytest.raises(LeerkringError, match="al vrijgegeven \\(automatisch"):
        store.release(released[0].id, "Cora Coach")
    store.close()
    with pytest.raises(ValueError):
        Store(db_url, release="soms")


def test_the_release_setting_is_read_from_leerkring_toml(tmp_path):
    from leerkring import config

    settings = config.Settings(name="Gemeente Test")
    assert (settings.release, settings.surrogates) == ("coach", False)
    config.write_settings(tmp_path, config.Settings(name="Gemeente Test", release="auto", surrogates=True))
    read = config.read_settings(tmp_path)
    assert (read.release, read.surrogates) == ("auto", True)
    text = (tmp_path / config.SETTINGS_FILE).read_text("utf-8")
    for bad, message in (
        ('release = "auto"', 'release = "altijd"'),
        ("surrogates = true", 'surrogates = "ja"'),
    ):
        (tmp_path / config.SETTINGS_FILE).write_text(text.replace(bad, message), "utf-8")
        with pytest.raises(
            LeerkringError, match=r"privacy\.(release moet 'coach' of 'auto'|surrogates moet true of false)"
        ):
            config.read_settings(tmp_path)


def test_a_workspace_store_follows_the_setting(tmp_path, rules_scrubber):
    from leerkring import config
    from leerkring.workspace import Workspace

    with Workspace.init(tmp_path / "ws", "Gemeente Test") as ws:
        assert ws.store.release_mode == "coach"
    path = tmp_path / "ws" / config.SETTINGS_FILE
    path.write_text(path.read_text("utf-8").replace('release = "coach"', 'release = "auto"'), "utf-8")
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.store.release_mode == "auto"


def test_texts_shared_before_the_review_existed_wait_after_the_upgrade(db_url):
    from test_migrations import build_v1_database

    build_v1_database(db_url)
    store = Store(db_url, check_version=False)
    store.upgrade()
    with store.read() as conn:
        shared = conn.execute(
            schema.entry.select().where(schema.entry.c.visibility == "organisatie", schema.entry.c.is_current == True)  # noqa: E712
        ).all()
        signals = conn.execute(schema.signal.select()).all()
        responses = conn.execute(schema.signal_response.select()).all()
    pending = store.pending_releases()
    assert shared and signals and responses
    assert sorted(p.item for p in pending) == sorted(
        ["entry"] * len([e for e in shared if e.text is not None])
        + ["signal"] * len(signals)
        + ["response"] * len(responses)
    )
    assert store.releases(status="released") == []
    store.close()


# -- through the service: the policy for callers of a shared service (peer, hub) -------------------
class _Services:
    def __init__(self, workspace):
        self.workspace = workspace

    @staticmethod
    def scrub(text, *, known_names=()):
        return _rules_scrub(text, known_names)


def test_through_a_shared_service_only_the_kring_s_coach_reviews_as_themselves(
    tmp_path, team_workspace, rules_scrubber
):
    from leerkring.identity import Caller
    from leerkring.store import wire
    from leerkring.store.gateway import StoreGateway

    ws, kring, session = team_workspace(tmp_path / "ws")
    other = ws.add_kring("Wijkteam Elders")
    ws.store.add_member(other.id, "Olga Coach", "coach", username="olga")
    other_session = ws.store.add_session(other.id, "2026-11-03", "teamreflectie")
    ws.store.add_entry(session.id, "ervaringen", "inzicht", "Van Noord", author="Mila Lid", visibility="organisatie")
    ws.store.add_entry(
        other_session.id, "ervaringen", "inzicht", "Van Elders", author="Olga Coach", visibility="organisatie"
    )
    noord, elders = (p.id for p in ws.store.pending_releases())
    ws.close()
    gateway = StoreGateway(_Services(ws.path))
    cora, mila, olga = (Caller(provider="peer", username=u) for u in ("cora", "mila", "olga"))
    admin = Caller(provider="peer", username="root-beheer", admin=True)

    def call(caller, method, *args, **kwargs):
        answer = gateway.answer(
            {"method": method, "args": wire.encode(list(args)), "kwargs": wire.encode(kwargs)}, caller
        )
        return wire.decode(answer["result"]) if answer["ok"] else (answer["kind"], answer["error"])

    try:
        assert [p.text for p in call(cora, "pending_releases")] == ["Van Noord"]  # only her own kring's
        assert [p.text for p in call(olga, "pending_releases")] == ["Van Elders"]
        assert call(mila, "pending_releases") == (
            "NotAllowed",
            "Alleen een leercoach ziet de teksten die op vrijgave wachten.",
        )
        assert call(cora, "pending_releases", "Wijkteam Elders")[0] == "NotAllowed"
        assert call(mila, "release", noord, "Mila Lid")[0] == "NotAllowed"
        assert call(cora, "release", elders, "Cora Coach")[0] == "NotAllowed"  # not her kring
        assert call(admin, "release", noord, None)[0] == "NotAllowed"  # an admin is not the kring's coach
        assert call(cora, "release", noord, "Mila Lid") == (
            "NotAllowed",
            "Je kunt dit alleen als jezelf doen, niet namens iemand anders.",
        )
        released = call(cora, "release", noord, "cora")
        assert (released.status, released.decided_by) == ("released", "Cora Coach")
        rejected = call(olga, "reject", elders, "Olga Coach", "Graag zonder plaatsnaam")
        assert (rejected.status, rejected.reason) == ("rejected", "Graag zonder plaatsnaam")
        assert call(cora, "release", noord, "cora")[0] == "LeerkringError"  # twice: one line
    finally:
        gateway.close()
