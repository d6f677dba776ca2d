"""The live session in the archive (issue 16): the phases as they ran, the chosen case and the vote's
tally (counts, never voters), the rounds, and replies nested under their contribution without ever
being more visible than it. A session that was not led live gets no empty heading.

Real store on SQLite, and on PostgreSQL when LEERKRING_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import json
import re

import pytest

from leerkring.notebooks.lifecycle import close_session

pytestmark = pytest.mark.usefixtures("rules_scrubber")

NAMES = ("Cora Coach", "Mila Lid", "Nout Lid", "Pim Lid")


def archive_text(path) -> str:
    nb = json.loads(path.read_text("utf-8"))
    cells = [c for c in nb["cells"] if c["metadata"].get("leerkring", {}).get("role") == "archive"]
    return "\n\n".join("".join(c["source"]) for c in cells)


def step_cell(path, step: str) -> str:
    nb = json.loads(path.read_text("utf-8"))
    [cell] = [
        c
        for c in nb["cells"]
        if c["metadata"].get("leerkring", {}).get("role") == "archive"
        and c["metadata"]["leerkring"].get("step") == step
    ]
    return "".join(cell["source"])


@pytest.fixture
def live_session(tmp_path, team_workspace, db_url):
    """An incidentmethode session led live by the coach with three members, then closed."""
    ws, kring, session = team_workspace(tmp_path / "ws", method="incidentmethode", database_url=db_url)
    store = ws.store
    store.add_member(kring.id, "Pim Lid", "member")
    sid = session.id
    # cases: two shared, one draft that never reaches the vote
    huis = store.share_case(
        store.add_case(kring.id, "Huisbezoek", "Een vader laat ons niet binnen.", author="Mila Lid").id,
        author="Mila Lid",
    )
    schuld = store.share_case(
        store.add_case(kring.id, "Schulden", "Een jongere met schulden en geen post.", author="Nout Lid").id,
        author="Nout Lid",
    )
    store.add_case(kring.id, "Mijn concept", "Nog niet klaar.", author="Pim Lid")
    store.room_control(sid, "vote_open", votes=2, by="Cora Coach")
    for voter, cases in (("Mila Lid", [schuld, huis]), ("Nout Lid", [schuld]), ("Pim Lid", [schuld, huis])):
        for case in cases:
            store.vote(sid, case.id, voter=voter)
    store.room_control(sid, "vote_close", by="Cora Coach")

    store.room_control(sid, "start", by="Cora Coach")
    parent = store.add_entry(
        sid, "ervaringen", "ervaring", "De jongere opende de deur niet.", author="Mila Lid", step="incident"
    ).entry
    store.room_control(sid, "extend", minutes=5, by="Cora Coach")
    store.room_control(sid, "next", by="Cora Coach")
    question = store.add_entry(
        sid, "onzekerheid", "niet_weten", "Wie heeft de sleutel van de post?", author="Nout Lid", step="vragen"
    ).entry
    store.add_reply(question.uid, "De buurvrouw, denk ik.", author="Pim Lid", visibility="organisatie")
    store.add_reply(parent.uid, "Was hij wel thuis?", author="Nout Lid")
    shared = store.add_entry(
        sid,
        "onzekerheid",
        "leervraag",
        "Hoe bereiken we jongeren zonder post?",
        author="Pim Lid",
        step="vragen",
        visibility="organisatie",
    ).entry
    store.add_reply(shared.uid, "Via de school.", author="Mila Lid", visibility="organisatie")
    own = store.add_entry(
        sid, "onzekerheid", "niet_weten", "Eigen notitie over de moeder.", author="Mila Lid", visibility="persoonlijk"
    ).entry
    store.add_reply(own.uid, "Nog uitzoeken.", author="Mila Lid")
    narrowed = store.add_entry(
        sid, "onzekerheid", "niet_weten", "Een vraag die later privé werd.", author="Nout Lid", step="vragen"
    ).entry
    store.add_reply(narrowed.uid, "Reactie die mee verdwijnt.", author="Pim Lid")
    store.edit_entry(narrowed.uid, "Nout Lid", visibility="persoonlijk")
    store.room_control(sid, "round_start", by="Cora Coach")
    store.room_control(sid, "round_next", by="Cora Coach")
    store.room_control(sid, "round_end", by="Cora Coach")
    store.room_control(sid, "round_start", order=["Pim Lid", "Mila Lid"], by="Cora Coach")
    store.room_control(sid, "next", by="Cora Coach")  # analyse runs when the session closes
    close_session(ws, sid, by="Cora Coach")
    yield ws, kring, ws.store.session(sid), ws.path / session.notebook
    ws.close()


def test_the_archive_holds_the_live_session(live_session):
    ws, kring, session, path = live_session
    text = archive_text(path)

    # the phases as they ran: planned minutes (with the extension), minutes used, the one still running
    assert "### Verloop van de sessie" in text
    assert "| Inbreng van de casus | 15 min | minder dan 1 min |" in text
    assert "| Verhelderende vragen | 10 min |" in text
    assert "Analyse (liep nog toen de sessie sloot) | 15 min" in text
    assert "Adviezen en acties" not in text.split("### Verloop van de sessie")[1].split("###")[0]

    # the chosen case with its text, and the tally: counts per case, no draft, no voter
    assert "**Gekozen casus: Schulden**" in text and "Een jongere met schulden en geen post." in text
    assert "- Schulden: 3 stemmen" in text and "- Huisbezoek: 2 stemmen" in text
    assert "Mijn concept" not in text and "Nog niet klaar" not in text
    verloop = text.split("### Verloop van de sessie")[1].split("\n### ")[0]
    assert not any(name in verloop for name in NAMES)

    # rounds held
    assert "**Rondes:** 2 rondes gehouden" in text

    # closing again after a reopen replaces the live part instead of adding a second one
    ws.store.reopen_session(session.id, by="Cora Coach")
    close_session(ws, session.id, by="Cora Coach")
    assert archive_text(path).count("### Verloop van de sessie") == 1


def test_replies_nest_under_their_contribution_and_keep_its_visibility(live_session):
    ws, kring, session, path = live_session
    incident = step_cell(path, "incident")
    assert re.search(r"De jongere opende de deur niet\.\n  - \*reactie\*:  \n    Was hij wel thuis\?", incident)

    vragen = step_cell(path, "vragen")
    # a reply asked for 'organisatie' under a kring contribution stays kring: no 'gedeeld' mark
    assert re.search(r"Wie heeft de sleutel van de post\?\n  - \*reactie\*:  \n    De buurvrouw, denk ik\.", vragen)
    # under a contribution shared with the organisation the reply is shared too, and says so
    assert re.search(
        r"Hoe bereiken we jongeren zonder post\?\n  - \*reactie\* \(gedeeld met organisatie\):  \n    Via de school\.",
        vragen,
    )
    # a personal contribution and its reply stay out; so does a reply under a parent made personal later
    text = archive_text(path)
    for hidden in ("Eigen notitie", "Nog uitzoeken", "later privé", "mee verdwijnt"):
        assert hidden not in text
    # a reply is never a contribution of its own at the principle's level
    assert vragen.count("\n- **") == 2
    # the overview counts what the kring sees: 6 contributions, 3 of them replies
    assert "- Bijdragen: 6" in text and "waarvan reacties op een bijdrage: 3" in text

    page = path.with_suffix(".html").read_text("utf-8")
    assert "Verloop van de sessie" in page and "Via de school." in page and "Mila" not in page


def test_a_session_without_a_live_part_gets_no_empty_heading(tmp_path, team_workspace, db_url):
    ws, kring, session = team_workspace(tmp_path / "ws", method="incidentmethode", database_url=db_url)
    ws.store.add_entry(session.id, "ervaringen", "ervaring", "Gewoon een ervaring.", author="Mila Lid", step="incident")
    ws.store.add_case(kring.id, "Gedeeld maar niet gestemd", "", author="Mila Lid")
    close_session(ws, session.id)
    text = archive_text(ws.path / session.notebook)
    ws.close()
    assert "Gewoon een ervaring." in text
    for heading in ("Verloop van de sessie", "Fasen", "Gekozen casus", "Stemming", "Rondes", "reactie"):
        assert heading not in text
