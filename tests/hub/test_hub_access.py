"""Who may call what, through a real JupyterHub with real user tokens (SQLite and PostgreSQL).

The service derives the viewer, author and editor from the hub user the token belongs to; whatever a
request says about them is replaced or refused (``leerkring.store.policy`` decides, the gateway
applies it). Each impersonation from the security review is tried here with another member's token.
"""

from __future__ import annotations

import uuid

import pytest

from leerkring.store import wire
from leerkring.store.viewer import Viewer


def _ok(status, answer):
    assert status == 200 and answer.get("ok"), (status, answer)
    return wire.decode(answer["result"])


def _refused(status, answer, *statuses):
    assert status in (statuses or (403,)), (status, answer)
    assert answer.get("ok") is False and "result" not in answer, answer
    message = answer["error"]
    assert message and "\n" not in message and "Traceback" not in message
    return message


def _texts(entries) -> list[str]:
    return [e.text for e in entries]


def test_a_member_reads_her_own_personal_entry(hub):
    entries = _ok(
        *hub.store("mila", "entries", Viewer.member(hub.people["mila"], [hub.kring_id]), session_id=hub.session_id)
    )
    assert hub.mila_private in _texts(entries) and hub.mila_kring in _texts(entries)


def test_member_b_cannot_read_member_as_personal_entries(hub):
    mila = Viewer.member(hub.people["mila"], [hub.kring_id], "Mila Lid")
    # Nout names Mila's viewer (the review's hand-made Viewer): the service uses Nout's own
    for viewer in (mila, Viewer.organisation("x"), None):
        status, answer = hub.store("nout", "entries", viewer, session_id=hub.session_id)
        if status == 200:
            texts = _texts(wire.decode(answer["result"]))
            assert hub.mila_private not in texts
            assert hub.mila_kring in texts  # the kring's entries are Nout's to read
        else:
            _refused(status, answer, 400, 403)
    status, answer = hub.store("nout", "entries", mila, kring=hub.kring_id, history=True)
    assert status != 200 or hub.mila_private not in _texts(wire.decode(answer["result"]))


def test_a_member_of_another_kring_reads_nothing_of_this_one(hub):
    zoe = Viewer.member(hub.people["mila"], [hub.kring_id], "Mila Lid")
    status, answer = hub.store("zoe", "entries", zoe, session_id=hub.session_id)
    if status == 200:
        assert _texts(wire.decode(answer["result"])) == []
    else:
        _refused(status, answer, 403, 404)
    status, answer = hub.store("zoe", "entries", zoe)
    texts = _texts(wire.decode(answer["result"])) if status == 200 else []
    assert hub.mila_kring not in texts and hub.mila_private not in texts


def test_add_entry_as_another_member_is_refused(hub):
    text = f"Namens Mila opgeslagen door Nout {uuid.uuid4().hex[:6]}"
    status, answer = hub.store(
        "nout",
        "add_entry",
        hub.session_id,
        "ervaringen",
        "ervaring",
        text,
        author=hub.people["mila"],
        client_key=uuid.uuid4().hex,
    )
    _refused(status, answer)
    status, answer = hub.store("nout", "add_entry", hub.session_id, "ervaringen", "ervaring", text, author="Mila Lid")
    _refused(status, answer)
    entries = _ok(*hub.store("mila", "entries", None, session_id=hub.session_id))
    assert text not in _texts(entries)


def test_a_member_saves_as_herself(hub):
    key = uuid.uuid4().hex
    marker = key[:8].translate(str.maketrans("0123456789", "ghijklmnop"))  # letters: nothing to scrub
    text = f"Ik schrijf zelf, met kenmerk {marker}"
    saved = _ok(
        *hub.store(
            "nout",
            "add_entry",
            hub.session_id,
            "ervaringen",
            "ervaring",
            text,
            author=hub.people["nout"],
            client_key=key,
        )
    )
    assert saved.entry.author == "Nout Lid"
    again = _ok(
        *hub.store(
            "nout",
            "add_entry",
            hub.session_id,
            "ervaringen",
            "ervaring",
            text,
            author=hub.people["nout"],
            client_key=key,
        )
    )
    assert again.entry.uid == saved.entry.uid  # a retried save stores nothing new
    texts = _texts(_ok(*hub.store("mila", "entries", None, session_id=hub.session_id)))
    assert texts.count(saved.entry.text) == 1 and saved.entry.text == text


def test_editing_someone_elses_entry_is_refused(hub):
    status, answer = hub.store(
        "nout", "edit_entry", hub.private_uid, hub.people["nout"], None, visibility="organisatie"
    )
    _refused(status, answer, 403, 404)
    status, answer = hub.store("nout", "edit_entry", hub.private_uid, hub.people["mila"], "Overschreven door Nout")
    _refused(status, answer, 403, 404)
    texts = _texts(_ok(*hub.store("mila", "entries", None, session_id=hub.session_id)))
    assert hub.mila_private in texts and "Overschreven door Nout" not in texts


def test_a_managers_token_gets_no_entry_text(hub):
    for method, args, kwargs in (
        ("entries", [None], {"session_id": hub.session_id}),
        ("entries", [Viewer.member(hub.people["mila"], [hub.kring_id])], {"kring": hub.kring_id}),
        ("open_actions", [None, hub.kring_id], {}),
        ("evaluations", [None], {"session_id": hub.session_id}),
    ):
        status, answer = hub.store("mariam", method, *args, **kwargs)
        _refused(status, answer)
        assert hub.mila_private not in str(answer) and hub.mila_kring not in str(answer)


@pytest.mark.parametrize(
    "method, args",
    [
        ("add_session", ["{kring}", "2026-12-24", "teamreflectie", "Door een lid gepland"]),
        ("close_session", ["{session}", "{person}"]),
        ("add_member", ["{kring}", "Nieuw Lid", "member", "nieuw"]),
        ("set_role", ["{kring}", "Nout Lid", "coach"]),
        ("add_kring", ["Wijkteam Eigen"]),
    ],
)
def test_coach_and_workspace_calls_are_refused_to_members(hub, method, args):
    values = {"{kring}": hub.kring_id, "{session}": hub.session_id, "{person}": hub.people["nout"]}
    status, answer = hub.store("nout", method, *[values.get(a, a) for a in args])
    _refused(status, answer)
    session = _ok(*hub.store("cora", "session", hub.session_id))
    assert session.status == "open"
    members = {m.name: m.role for m in _ok(*hub.store("cora", "members", hub.kring_id))}
    assert members["Nout Lid"] == "member" and "Nieuw Lid" not in members


def test_a_coach_may_plan_a_session_in_her_kring(hub):
    planned = _ok(
        *hub.store("cora", "add_session", hub.kring_id, "2026-12-15", "teamreflectie", "Door de coach gepland")
    )
    assert planned.kring_id == hub.kring_id and planned.title == "Door de coach gepland"
    status, answer = hub.store("zoe", "add_session", hub.kring_id, "2026-12-16", "teamreflectie", "Andere kring")
    _refused(status, answer)


def test_a_hub_user_linked_to_no_person_can_do_nothing(hub):
    for method, args in (("session", [hub.session_id]), ("entries", [None])):
        status, answer = hub.store(hub.stranger, method, *args)
        message = _refused(status, answer)
        assert "niet gekoppeld" in message


def test_remote_store_over_http_raises_the_stores_errors(hub):
    """The kernel's RemoteStore with the HTTP transport: same results and error classes as in-process."""
    from leerkring.errors import NotAllowed
    from leerkring.store.remote import HttpTransport, RemoteStore

    store = RemoteStore(hub.workspace, "", None, transport=HttpTransport(hub.hub.service_url, hub.token("mila")))
    try:
        assert store.session(hub.session_id).title == "Hubsessie"
        mine = store.entries(Viewer.member(hub.people["mila"], [hub.kring_id]), session_id=hub.session_id)
        assert hub.mila_private in _texts(mine)
        with pytest.raises(NotAllowed):
            store.add_entry(hub.session_id, "ervaringen", "ervaring", "Als Nout", author=hub.people["nout"])
    finally:
        store.close()
    other = RemoteStore(hub.workspace, "", None, transport=HttpTransport(hub.hub.service_url, hub.token("nout")))
    try:
        theirs = other.entries(Viewer.member(hub.people["mila"], [hub.kring_id]), session_id=hub.session_id)
        assert hub.mila_private not in _texts(theirs)
    finally:
        other.close()
