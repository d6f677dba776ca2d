"""Store behaviour on SQLite and PostgreSQL: people, sessions, entries, loop, signals, versions."""

from __future__ import annotations

import pytest

from leerkring.errors import AlreadyExists, DatabaseError, NotAllowed, NotFound, SessionClosed, UsageError
from leerkring.store import Store, Viewer
from leerkring.store.core import MIGRATIONS
from leerkring.store.schema import SCHEMA_VERSION


def test_kring_names_are_unique_case_insensitively(store):
    store.add_kring("Wijkteam Noord")
    with pytest.raises(AlreadyExists):
        store.add_kring("wijkteam  noord")
    assert store.kring("wijkteam-noord").name == "Wijkteam Noord"
    with pytest.raises(NotFound, match="Onbekende kring"):
        store.kring("Zuid")


def test_members_and_roles(kring_setup):
    store, kring, _ = kring_setup
    roles = {m.name: m.role for m in store.members(kring.id)}
    assert roles["Cora Coach"] == "coach" and roles["Gijs Gast"] == "guest"
    with pytest.raises(AlreadyExists):
        store.add_member(kring.id, "mila lid", "member")
    with pytest.raises(UsageError, match="Onbekende rol"):
        store.add_member(kring.id, "Iemand", "baas")
    # the same person can be in a second kring
    other = store.add_kring("Wijkteam Oost")
    store.add_member(other.id, "Mila Lid", "coach")
    assert sorted(m.role for m in store.memberships("Mila Lid")) == ["coach", "member"]


def test_session_state_machine(kring_setup):
    store, kring, session = kring_setup
    with pytest.raises(AlreadyExists):
        store.add_session(kring.id, "2026-11-02", "teamreflectie")
    with pytest.raises(UsageError, match="Ongeldige datum"):
        store.add_session(kring.id, "2-11-2026", "teamreflectie")
    with pytest.raises(Exception, match="Onbekende methode"):
        store.add_session(kring.id, "2026-11-03", "brainstorm")
    with pytest.raises(Exception, match="mag alleen een coach"):
        store.close_session(session.id, by="Mila Lid")
    closed = store.close_session(session.id, by="Cora Coach")
    assert closed.status == "closed" and closed.closed_at is not None
    with pytest.raises(SessionClosed):
        store.add_entry(session.id, "ervaringen", "ervaring", "Te laat", author="Mila Lid")
    with pytest.raises(Exception, match="mag alleen een coach"):
        store.reopen_session(session.id, by="Nout Lid")
    assert store.reopen_session(session.id, by="Cora Coach").is_open
    store.add_entry(session.id, "ervaringen", "ervaring", "Nu wel", author="Mila Lid")


def test_entries_are_append_only_revisions(kring_setup):
    store, kring, session = kring_setup
    saved = store.add_entry(session.id, "onzekerheid", "leervraag", "Hoe vraag je door?", author="Mila Lid")
    edited = store.edit_entry(saved.entry.uid, "Mila Lid", "Hoe vraag je door zonder te duwen?")
    assert edited.entry.revision == 2
    viewer = Viewer.member(store.person("Mila Lid").id, [kring.id])
    current = store.entries(viewer, session_id=session.id)
    assert [e.text for e in current] == ["Hoe vraag je door zonder te duwen?"]
    history = store.entries(viewer, session_id=session.id, history=True)
    assert [e.text for e in history] == ["Hoe vraag je door?", "Hoe vraag je door zonder te duwen?"]
    with pytest.raises(NotAllowed):
        store.edit_entry(saved.entry.uid, "Nout Lid", "Niet van mij")


def test_entry_validation(kring_setup):
    store, kring, session = kring_setup
    with pytest.raises(UsageError, match="lege bijdrage"):
        store.add_entry(session.id, "ervaringen", "ervaring", "   ", author="Mila Lid")
    with pytest.raises(UsageError, match="te lang"):
        store.add_entry(session.id, "ervaringen", "ervaring", "x" * 20_001, author="Mila Lid")
    with pytest.raises(Exception, match="Onbekend principe"):
        store.add_entry(session.id, "geluk", "ervaring", "tekst", author="Mila Lid")
    with pytest.raises(Exception, match="Onbekende soort"):
        store.add_entry(session.id, "ervaringen", "actie", "tekst", author="Mila Lid")
    with pytest.raises(NotAllowed):
        outsider_kring = store.add_kring("Elders")
        store.add_member(outsider_kring.id, "Olga Elders", "member")
        store.add_entry(session.id, "ervaringen", "ervaring", "tekst", author="Olga Elders")
    with pytest.raises(UsageError, match="anoniem"):
        store.add_entry(session.id, "ervaringen", "ervaring", "tekst", visibility="persoonlijk")
    # HTML is stored as the literal text the person typed; rendering escapes it
    saved = store.add_entry(session.id, "ervaringen", "ervaring", "<script>alert(1)</script>", author="Mila Lid")
    assert saved.entry.text == "<script>alert(1)</script>"


def test_anonymous_entries_store_no_author(kring_setup):
    store, kring, session = kring_setup
    saved = store.add_entry(session.id, "trialoog", "gevoel", "Ik was boos", author=None)
    assert saved.entry.author_id is None
    assert store.attendance(session.id) == []


def test_client_key_makes_a_save_idempotent(kring_setup):
    store, kring, session = kring_setup
    first = store.add_entry(session.id, "ervaringen", "ervaring", "Eén keer", author="Mila Lid", client_key="k-1")
    again = store.add_entry(session.id, "ervaringen", "ervaring", "Eén keer", author="Mila Lid", client_key="k-1")
    assert first.entry.uid == again.entry.uid
    assert len(store.entries(Viewer.kring_summary([kring.id]), session_id=session.id)) == 1


def test_visibility_is_enforced_in_queries(kring_setup):
    store, kring, session = kring_setup
    other = store.add_kring("Wijkteam Oost")
    store.add_member(other.id, "Olaf Oost", "member")
    other_session = store.add_session(other.id, "2026-11-02", "teamreflectie")
    store.add_entry(session.id, "ervaringen", "ervaring", "PRIVE-CANARY", author="Mila Lid", visibility="persoonlijk")
    store.add_entry(session.id, "ervaringen", "ervaring", "KRING-CANARY", author="Mila Lid")
    store.add_entry(session.id, "actieleren", "les", "ORG-GEDEELD", author="Nout Lid", visibility="organisatie")
    store.add_entry(other_session.id, "ervaringen", "ervaring", "OOST-CANARY", author="Olaf Oost")

    def texts(viewer):
        return {e.text for e in store.entries(viewer)}

    mila = Viewer.member(store.person("Mila Lid").id, [kring.id])
    nout = Viewer.member(store.person("Nout Lid").id, [kring.id])
    olaf = Viewer.member(store.person("Olaf Oost").id, [other.id])
    assert texts(mila) == {"PRIVE-CANARY", "KRING-CANARY", "ORG-GEDEELD"}
    assert texts(nout) == {"KRING-CANARY", "ORG-GEDEELD"}
    assert texts(olaf) == {"OOST-CANARY"}
    assert texts(Viewer.kring_summary([kring.id])) == {"KRING-CANARY", "ORG-GEDEELD"}
    organisation = store.entries(Viewer.organisation())
    assert {e.text for e in organisation} == {"ORG-GEDEELD"}
    assert all(e.author is None and e.author_id is None for e in organisation)
    # a member asking for another kring by name gets nothing from it
    assert store.entries(olaf, kring=kring.id) == []


def test_actieleren_loop_carries_actions_forward(kring_setup):
    store, kring, session = kring_setup
    team = Viewer.kring_summary([kring.id])
    action = store.add_action(
        session.id, "Ik bel de woningcorporatie", owner="Nout Lid", due="2026-11-20", author="Nout Lid"
    )
    assert action.owner == "Nout Lid" and action.status == "open"
    later = store.add_session(kring.id, "2026-11-16", "actieleren_terugblik")
    assert [a.id for a in store.open_actions(team, kring.id, before_session=later.id)] == [action.id]
    store.report_action(action.id, later.id, effect="Ze belden terug", status="continued", author="Nout Lid")
    assert store.action(team, action.id).status == "continued"
    third = store.add_session(kring.id, "2026-11-30", "teamreflectie")
    assert [a.id for a in store.open_actions(team, kring.id, before_session=third.id)] == [action.id]
    store.report_action(action.id, third.id, lesson="Bellen werkt beter dan mailen", status="done")
    assert store.open_actions(team, kring.id, before_session=third.id) == []
    assert store.action(team, action.id).closed_at is not None
    kinds = [e.kind for e in store.entries(Viewer.kring_summary([kring.id]), principle="actieleren")]
    assert kinds == ["actie", "effect", "les"]
    with pytest.raises(UsageError, match="al afgesloten"):
        store.report_action(action.id, third.id, effect="nog eens", status="done")


def test_save_action_returns_the_saved_entry_and_tracks_the_action(kring_setup):
    store, kring, session = kring_setup
    team = Viewer.kring_summary([kring.id])
    saved = store.save_action(
        session.id,
        "Ik bel de woningcorporatie",
        owner="Nout Lid",
        due="2026-11-20",
        author="Nout Lid",
        tags=["wonen"],
        step="afspraken",
        client_key="a-1",
    )
    assert saved.entry.kind == "actie" and saved.entry.principle == "actieleren"
    assert saved.entry.tags == ("wonen",) and saved.entry.step == "afspraken"
    assert saved.entry.extra == {"owner": "Nout Lid", "due": "2026-11-20"}
    [action] = store.actions(team, kring.id)
    assert action.title == saved.entry.text and action.owner == "Nout Lid" and action.status == "open"
    # a retried save (same client_key) stores neither a second entry nor a second action
    again = store.save_action(
        session.id,
        "Ik bel de woningcorporatie",
        owner="Nout Lid",
        due="2026-11-20",
        author="Nout Lid",
        tags=["wonen"],
        step="afspraken",
        client_key="a-1",
    )
    assert again.entry.uid == saved.entry.uid
    assert len(store.entries(team, session_id=session.id, kind="actie")) == 1
    assert [a.id for a in store.actions(team, kring.id)] == [action.id]
    with pytest.raises(UsageError, match="voor de sessiedatum"):
        store.save_action(session.id, "Te laat", due="2026-10-01", author="Nout Lid")
    assert len(store.actions(team, kring.id)) == 1


class _PhoneScrubber:
    """A stand-in scrubber: replaces one phone number, reports it as a finding."""

    def __call__(self, text, known_names=()):
        from types import SimpleNamespace

        found = "06-12345678" in text
        findings = [SimpleNamespace(type="telefoon", replacement="[TELEFOON-1]")] if found else []
        return SimpleNamespace(text=text.replace("06-12345678", "[TELEFOON-1]"), findings=findings)


def test_save_action_reports_what_the_scrubber_replaced(db_url):
    store = Store.create(db_url, scrubber=_PhoneScrubber())
    try:
        kring = store.add_kring("Wijkteam Test")
        store.add_member(kring.id, "Nout Lid", "member")
        session = store.add_session(kring.id, "2026-11-02", "teamreflectie")
        saved = store.save_action(session.id, "Ik bel 06-12345678 terug", author="Nout Lid")
        assert saved.entry.text == "Ik bel [TELEFOON-1] terug"
        assert saved.replaced == ({"type": "telefoon", "replacement": "[TELEFOON-1]"},)
        assert store.actions(Viewer.kring_summary([kring.id]))[0].title == "Ik bel [TELEFOON-1] terug"
        again = store.save_action(session.id, "Ik bel 06-12345678 terug", author="Nout Lid", client_key="k")
        assert store.save_action(session.id, "x", author="Nout Lid", client_key="k").replaced == again.replaced
    finally:
        store.close()


def test_add_entry_merges_the_values_into_the_tags(kring_setup):
    store, kring, session = kring_setup
    saved = store.add_entry(
        session.id,
        "spanningen",
        "waarden",
        "Eigen regie telt",
        author="Mila Lid",
        tags=["autonomie", "wonen"],
        extra={"values": ["wonen", "veiligheid", "veiligheid"]},
    )
    assert saved.entry.tags == ("autonomie", "wonen", "veiligheid")
    assert saved.entry.extra["values"] == ["wonen", "veiligheid", "veiligheid"]
    plain = store.add_entry(session.id, "spanningen", "waarden", "Alleen waarden", extra={"values": ["zorg"]})
    assert plain.entry.tags == ("zorg",)


def test_signals_track_responses(kring_setup):
    store, kring, session = kring_setup
    signal = store.raise_signal(session.id, "Formulier kost klanten geld", "Het aanvraagformulier ...")
    assert signal.status == "open" and signal.answered_at is None
    answered = store.respond_signal(signal.id, "Mariam Manager", "We nemen het mee naar de gemeente.")
    assert answered.status == "answered" and answered.answered_at is not None
    assert [r.text for r in answered.responses] == ["We nemen het mee naar de gemeente."]
    closed = store.respond_signal(signal.id, "Mariam Manager", "Opgelost per 1 januari.", status="closed")
    assert closed.status == "closed" and closed.answered_at == answered.answered_at
    assert store.audit_log(limit=1)[0]["action"] == "signal.respond"


def test_evaluations_are_anonymous_and_validated(kring_setup):
    store, kring, session = kring_setup
    evaluation = store.add_evaluation(session.id, 4, 5, "Fijn gesprek")
    assert (evaluation.free_to_speak, evaluation.useful) == (4, 5)
    with pytest.raises(UsageError):
        store.add_evaluation(session.id, 0, 5)
    with pytest.raises(UsageError):
        store.add_evaluation(session.id, "veel", 5)
    assert len(store.evaluations(Viewer.kring_summary([kring.id]), kring=kring.id)) == 1


def test_newer_database_is_refused(db_url):
    store = Store.create(db_url)
    with store.write() as conn:
        from leerkring.store import schema

        conn.execute(schema.meta.update().values(value=str(SCHEMA_VERSION + 1)))
    store.close()
    with pytest.raises(DatabaseError, match="nieuwer dan deze leerkring"):
        Store(db_url)


def test_explicit_upgrade_runs_migrations(db_url, monkeypatch):
    """An older database is refused until 'db upgrade' runs the registered migrations in order."""
    from sqlalchemy import text

    from leerkring.store import schema

    store = Store.create(db_url)
    with store.write() as conn:
        conn.execute(schema.meta.update().values(value=str(SCHEMA_VERSION - 1)))
    store.close()
    with pytest.raises(DatabaseError, match="db upgrade"):
        Store(db_url)

    def add_marker(conn):
        conn.execute(text("CREATE TABLE upgrade_marker (id INTEGER PRIMARY KEY)"))

    monkeypatch.setitem(MIGRATIONS, SCHEMA_VERSION - 1, add_marker)
    upgrading = Store(db_url, check_version=False)
    assert upgrading.upgrade() == [SCHEMA_VERSION]
    assert upgrading.upgrade() == []
    upgrading.close()
    reopened = Store(db_url)
    with reopened.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM upgrade_marker")).scalar() == 0
    reopened.close()


def test_empty_database_is_refused(db_url):
    with pytest.raises(DatabaseError, match="leerkring init"):
        Store(db_url)


def test_names_with_non_ascii_capitals_are_found_case_insensitively(store):
    kring = store.add_kring("Wijkteam Ürün")
    store.add_member(kring.id, "Mustafa Çelik", "guest")
    store.add_member(kring.id, "Şeyma Özdemir", "member", username="SOZDEMIR")
    assert store.person("mustafa çelik").name == "Mustafa Çelik"
    assert store.person("MUSTAFA  ÇELIK").name == "Mustafa Çelik"
    assert store.person("sozdemir").name == "Şeyma Özdemir"
    assert store.kring("wijkteam ürün").id == kring.id
    session = store.add_session(kring.id, "2026-11-02")
    store.mark_present(session.id, "Mustafa Çelik")
    saved = store.add_entry(session.id, "trialoog", "contact", "De imam kent de familie", author="mustafa çelik")
    assert saved.entry.author == "Mustafa Çelik"
    with pytest.raises(AlreadyExists):
        store.add_member(kring.id, "MUSTAFA ÇELIK", "member")


def test_no_library_call_gives_a_manager_or_another_kring_the_kring_texts(kring_setup):
    """Actions, report-backs and evaluations are text too: they take a viewer like entries do."""
    store, kring, session = kring_setup
    other = store.add_kring("Wijkteam Oost")
    store.add_member(other.id, "Olaf Oost", "member")
    store.add_entry(session.id, "ervaringen", "ervaring", "KRING-TEKST", author="Mila Lid")
    action = store.add_action(session.id, "KRING-ACTIE", owner="Nout Lid", author="Nout Lid")
    later = store.add_session(kring.id, "2026-11-16", "actieleren_terugblik")
    store.report_action(action.id, later.id, effect="KRING-EFFECT", lesson="KRING-LES", status="done")
    store.add_evaluation(session.id, 5, 4, "KRING-OPMERKING")
    private = store.add_action(session.id, "PRIVE-ACTIE", owner="Mila Lid", author="Mila Lid", visibility="persoonlijk")

    def everything(viewer) -> str:
        parts = [e.text for e in store.entries(viewer)]
        parts += [f"{a.title} {a.owner}" for a in store.actions(viewer)]
        parts += [f"{u.effect} {u.lesson}" for u in store.action_updates(viewer)]
        parts += [e.remark for e in store.evaluations(viewer)]
        return " ".join(str(p) for p in parts)

    manager = everything(Viewer.organisation("Mariam Manager"))
    olaf = everything(Viewer.member(store.person("Olaf Oost").id, [other.id]))
    team = everything(Viewer.kring_summary([kring.id]))
    mila = everything(Viewer.member(store.person("Mila Lid").id, [kring.id]))
    for secret in ("KRING-TEKST", "KRING-ACTIE", "KRING-EFFECT", "KRING-OPMERKING", "Nout Lid", "PRIVE-ACTIE"):
        assert secret not in manager and secret not in olaf
    assert "KRING-ACTIE" in team and "KRING-EFFECT" in team and "KRING-OPMERKING" in team  # positive control
    assert "PRIVE-ACTIE" not in team and "PRIVE-ACTIE" in mila
    # the organisation still counts the loop: statuses without texts
    assert [a.status for a in store.actions(Viewer.organisation())] == ["done"]  # the personal one is not counted
    assert store.action(Viewer.organisation(), action.id).title is None
    with pytest.raises(NotFound):
        store.action(Viewer.member(store.person("Olaf Oost").id, [other.id]), action.id)
    assert private.title == "PRIVE-ACTIE"
