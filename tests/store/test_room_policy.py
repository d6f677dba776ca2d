"""The live session through a shared service (``peer``/``hub`` callers): the service decides who
votes, replies and leads the phases from the authenticated caller, never from the request."""

from __future__ import annotations

import pytest

from leerkring.identity import Caller
from leerkring.store import wire
from leerkring.store.gateway import StoreGateway

pytestmark = pytest.mark.usefixtures("rules_scrubber")


@pytest.fixture
def gateway(tmp_path, team_workspace):
    from leerkring.privacy.engine import LocalEngine

    class Services:
        workspace = None

        @staticmethod
        def scrub(text, *, known_names=()):
            return LocalEngine(use_deduce=False).scrub(text, known_names=known_names)

    ws, kring, _ = team_workspace(tmp_path / "ws", method="incidentmethode")
    store = ws.store
    store.link_account("Mariam Manager", "mariam")
    session = store.add_session(kring.id, "2026-11-30", "incidentmethode", "Live")
    private = store.add_entry(
        session.id, "ervaringen", "ervaring", "Alleen voor mij", author="Mila Lid", visibility="persoonlijk"
    )
    shared = store.add_entry(session.id, "ervaringen", "ervaring", "Voor de kring", author="Mila Lid")
    case = store.add_case(kring.id, "Gezin met schulden", author="Mila Lid")
    store.share_case(case.id, author="Mila Lid")
    ws.close()
    Services.workspace = ws.path
    gw = StoreGateway(Services())

    def call(username, method, *args, **kwargs):
        request = {"method": method, "args": wire.encode(list(args)), "kwargs": wire.encode(kwargs)}
        answer = gw.answer(request, Caller(provider="peer", username=username))
        return wire.decode(answer["result"]) if answer["ok"] else (answer["kind"], answer["error"])

    yield call, session, private.entry, shared.entry, case
    gw.close()


def test_only_the_coach_leads_the_phases(gateway):
    call, session, *_ = gateway
    assert call("mila", "room_control", session.id, "start")[0] == "NotAllowed"
    assert call("mila", "room_control", session.id, "start", by="Cora Coach")[0] == "NotAllowed"
    started = call("cora", "room_control", session.id, "start")
    assert started.state == "running" and started.phase_key == "inbreng"
    assert call("nout", "room", session.id).phase_key == "inbreng"


def test_a_vote_counts_for_the_caller_whatever_the_request_names(gateway):
    call, session, _, _, case = gateway
    call("cora", "room_control", session.id, "vote_open", votes=1)
    assert call("nout", "vote", session.id, case.id, voter="Mila Lid") == (
        "NotAllowed",
        "Je kunt alleen als jezelf opslaan, niet namens iemand anders.",
    )
    assert call("nout", "vote", session.id, case.id, voter="nout").votes_left == 0
    assert call("mila", "room", session.id).votes_left == 1  # Nout's vote did not use Mila's
    assert call("mariam", "vote", session.id, case.id, voter="mariam")[0] == "NotAllowed"


def test_replies_reach_only_what_the_caller_sees(gateway):
    call, session, private, shared, _ = gateway
    assert call("nout", "add_reply", private.uid, "Mag ik?", author="nout")[0] == "NotFound"
    assert call("nout", "add_reply", shared.uid, "Namens Mila", author="Mila Lid")[0] == "NotAllowed"
    reply = call("nout", "add_reply", shared.uid, "Wat gebeurde er toen?", author="nout", visibility="organisatie")
    assert reply.entry.parent_uid == shared.uid and reply.entry.visibility == "kring"


def test_a_manager_gets_no_room_or_cases_but_may_not_lead_either(gateway):
    call, session, *_ = gateway
    assert call("mariam", "room", session.id)[0] == "NotAllowed"
    assert call("mariam", "cases", "wijkteam-noord")[0] == "NotAllowed"
    assert call("mariam", "room_control", session.id, "start")[0] == "NotAllowed"
    # a draft stays its author's through the service too
    draft = call("nout", "add_case", "wijkteam-noord", "Nog niet af", author="nout")
    assert draft.mine and draft.status == "draft"
    assert "Nog niet af" not in {c.title for c in call("mila", "cases", "wijkteam-noord", person="nout")}
    assert call("mila", "share_case", draft.id, author="nout")[0] == "NotAllowed"


def test_watch_is_for_the_sessions_kring_only(gateway):
    call, session, *_ = gateway
    version = call("mila", "watch", session.id, 0, 0.1)
    assert isinstance(version, int) and version > 0
    assert call("stranger", "watch", session.id, 0, 0.1)[0] == "NotAllowed"
