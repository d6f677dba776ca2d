"""The live session counted in the summaries (issue 16): replies, phases completed, sessions with a vote and
rounds held, per session and in total, without names and without case texts; for the organisation
suppressed like every small figure (replies on their authors, a vote on its voters, phases and rounds on
the people present). Real store on SQLite, and on PostgreSQL when LEERKRING_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import json

import pytest

from leerkring.dashboard import render as dashboard_render
from leerkring.sections.document import is_suppressed
from leerkring.summary import files
from leerkring.summary import render as summary_render
from leerkring.summary.build import build_summaries

pytestmark = pytest.mark.usefixtures("rules_scrubber")

PEOPLE = ("Cora Coach", "Mila Lid", "Nout Lid", "Pim Lid")
CASES = ("Huisbezoek", "Een vader laat ons niet binnen", "Schulden", "Een jongere met schulden")


@pytest.fixture
def counted(tmp_path, team_workspace, db_url):
    """Kring 'Wijkteam Noord': session 1 led live (2 phases done, a vote with 3 voters, 2 rounds, 4 replies
    by 3 people, plus a personal reply and one under a parent made personal later); session 2 with one
    round and one reply by one person; session 3 not live at all. Another kring without live sessions."""
    ws, kring, first = team_workspace(tmp_path / "ws", method="incidentmethode", database_url=db_url)
    store = ws.store
    store.add_member(kring.id, "Pim Lid", "member")
    sid = first.id
    huis = store.add_case(kring.id, CASES[0], CASES[1] + ".", author="Mila Lid")
    schuld = store.add_case(kring.id, CASES[2], CASES[3] + ".", author="Nout Lid")
    for case, author in ((huis, "Mila Lid"), (schuld, "Nout Lid")):
        store.share_case(case.id, author=author)
    store.room_control(sid, "vote_open", votes=1, by="Cora Coach")
    for voter, case in (("Mila Lid", schuld), ("Nout Lid", schuld), ("Pim Lid", huis)):
        store.vote(sid, case.id, voter=voter)
    store.room_control(sid, "vote_close", by="Cora Coach")
    store.room_control(sid, "start", by="Cora Coach")
    a = store.add_entry(sid, "ervaringen", "ervaring", "De deur bleef dicht.", author="Mila Lid", step="incident")
    store.room_control(sid, "next", by="Cora Coach")
    b = store.add_entry(sid, "onzekerheid", "niet_weten", "Wie heeft de sleutel?", author="Nout Lid", step="vragen")
    store.add_reply(a.entry.uid, "Was er iemand thuis?", author="Nout Lid")
    store.add_reply(a.entry.uid, "Ja, de buurvrouw.", author="Mila Lid")
    store.add_reply(b.entry.uid, "De woningcorporatie.", author="Pim Lid")
    store.add_reply(b.entry.uid, "Of de conciërge.", author="Pim Lid")
    own = store.add_entry(
        sid, "onzekerheid", "niet_weten", "Eigen notitie.", author="Mila Lid", visibility="persoonlijk"
    )
    store.add_reply(own.entry.uid, "Nog doen.", author="Mila Lid")
    later = store.add_entry(sid, "onzekerheid", "niet_weten", "Wordt privé.", author="Nout Lid", step="vragen")
    store.add_reply(later.entry.uid, "Telt niet mee.", author="Pim Lid")
    store.edit_entry(later.entry.uid, "Nout Lid", visibility="persoonlijk")
    store.room_control(sid, "next", by="Cora Coach")
    for _ in range(2):
        store.room_control(sid, "round_start", by="Cora Coach")
        store.room_control(sid, "round_end", by="Cora Coach")

    second = store.add_session(kring.id, "2026-11-09", "incidentmethode", "Tweede")
    c = store.add_entry(second.id, "ervaringen", "ervaring", "Een korte ervaring.", author="Mila Lid", step="incident")
    store.add_reply(c.entry.uid, "Herkenbaar.", author="Mila Lid")
    store.room_control(second.id, "round_start", order=["Mila Lid"], by="Cora Coach")
    third = store.add_session(kring.id, "2026-11-16", "teamreflectie", "Gewoon")
    store.add_entry(third.id, "ervaringen", "ervaring", "Zonder live sessie.", author="Nout Lid", step="ervaringen")
    other = ws.add_kring("Wijkteam Zuid")
    store.add_member(other.id, "Zoë Zuid", "coach")
    quiet = store.add_session(other.id, "2026-11-03", "teamreflectie", "Stil")
    store.add_entry(quiet.id, "ervaringen", "ervaring", "Niets live.", author="Zoë Zuid", step="ervaringen")
    summaries = {s.target: s.data for s in build_summaries(ws, "all", "alles", "both")}
    yield ws, first, second, third, summaries
    ws.close()


def _items(doc):
    return {item["date"]: item for item in doc["sessions"]["items"]}


def test_the_kring_summary_counts_the_live_session_per_session_and_in_total(counted):
    ws, first, second, third, summaries = counted
    doc = summaries["kring/wijkteam-noord"]
    assert doc["live"] == {"sessions": 2, "phases_completed": 2, "sessions_with_vote": 1, "rounds": 3, "replies": 5}
    items = _items(doc)
    assert items["2026-11-02"]["live"] == {"phases_completed": 2, "rounds": 2, "vote": True, "replies": 4}
    assert items["2026-11-09"]["live"] == {"phases_completed": 0, "rounds": 1, "vote": False, "replies": 1}
    assert "live" not in items["2026-11-16"]
    assert summaries["kring/wijkteam-zuid"]["live"]["sessions"] == 0

    page = "\n".join(part for _, part in summary_render.sections(doc))
    live = page.split("<h2>Live sessies</h2>")[1].split("<h2>")[0]
    assert "2 sessies live geleid" in live and "fasen afgerond" in live and "reacties op een bijdrage" in live
    assert "<h3>Per sessie</h3>" in live and "2026-11-02" in live and "2026-11-16" not in live
    for text in PEOPLE + CASES:
        assert text not in live
    quiet = "\n".join(part for _, part in summary_render.sections(summaries["kring/wijkteam-zuid"]))
    assert "In deze periode is geen sessie live geleid" in quiet and "Per sessie" not in quiet


def test_the_organisation_gets_the_counts_suppressed_without_names_or_cases(counted):
    ws, first, second, third, summaries = counted
    doc = summaries["organisatie/wijkteam-noord"]
    assert ws.settings.min_group_size == 3
    live = doc["live"]
    # replies: 5 by 3 people; a vote: 3 voters; phases: 3 people present in that session
    assert live["replies"] == 5 and live["sessions_with_vote"] == 1 and live["phases_completed"] == 2
    assert live["rounds"] == 3 and live["sessions"] == 2
    items = _items(doc)
    assert items["2026-11-02"]["live"] == {"phases_completed": 2, "rounds": 2, "vote": True, "replies": 4}
    # the second session: one person replied and was present: its figures rest on fewer than k people
    assert all(is_suppressed(items["2026-11-09"]["live"][key]) for key in ("rounds", "replies"))
    assert items["2026-11-09"]["live"]["phases_completed"] == 0 and items["2026-11-09"]["live"]["vote"] is False
    rollup = summaries["organisatie/_organisatie"]["live"]
    assert rollup == live  # the other kring adds nothing

    for target, data in summaries.items():
        files.validate(data)
        if target.startswith("organisatie/"):
            text = json.dumps(data, ensure_ascii=False)
            for name in PEOPLE + CASES:
                assert name not in text, (target, name)

    board = dashboard_render.summary(doc, {})
    section = board.split("<h3>Live sessies</h3>")[1].split("<h3>")[0]
    assert "sessies live geleid" in section and "<b>5</b>reacties op een bijdrage" in section
    assert "<b>1</b>sessies met een stemming over de casus" in section


def test_few_voters_and_few_repliers_are_suppressed_for_the_organisation(tmp_path, team_workspace, db_url):
    ws, kring, session = team_workspace(tmp_path / "ws", method="incidentmethode", database_url=db_url)
    store = ws.store
    case = store.share_case(store.add_case(kring.id, "Alleen", "Eén casus.", author="Mila Lid").id, author="Mila Lid")
    store.room_control(session.id, "vote_open", by="Cora Coach")
    store.vote(session.id, case.id, voter="Mila Lid")
    store.room_control(session.id, "vote_close", by="Cora Coach")
    e = store.add_entry(session.id, "ervaringen", "ervaring", "Iets.", author="Mila Lid", step="incident")
    store.add_reply(e.entry.uid, "Reactie.", author="Nout Lid")
    [org] = [s.data for s in build_summaries(ws, "Wijkteam Noord", "alles", "organisatie")]
    [kring_doc] = [s.data for s in build_summaries(ws, "Wijkteam Noord", "alles", "kring")]
    ws.close()
    assert is_suppressed(org["live"]["sessions_with_vote"]) and is_suppressed(org["live"]["replies"])
    assert is_suppressed(_items(org)["2026-11-02"]["live"]["vote"])
    assert kring_doc["live"]["sessions_with_vote"] == 1 and kring_doc["live"]["replies"] == 1
    files.validate(org)
    board = dashboard_render.summary(org, {})
    assert "onderdrukt: minder dan 3 deelnemers" in board.split("<h3>Live sessies</h3>")[1].split("<h3>")[0]
