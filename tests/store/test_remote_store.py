"""The notebook store: kernels forward store calls to the leerkring service, which runs them on a real store.

Runs on SQLite and PostgreSQL against the test run's real service (deduce loaded once).
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest
from _lab_helpers import params_of, privacy_service

from leerkring.errors import NotAllowed, NotFound, SessionClosed
from leerkring.notebooks.lifecycle import close_session, plan_session
from leerkring.store import records, wire
from leerkring.store.viewer import Viewer
from leerkring.workspace import Workspace

NOW = dt.datetime(2026, 11, 2, 14, 30, tzinfo=dt.UTC)


# ------------------------------------------------------------------------------------ the wire
def test_every_record_survives_the_wire_unchanged():
    entry = records.Entry(
        7,
        "u1",
        2,
        3,
        4,
        "ervaringen",
        "ervaring",
        "ervaringen",
        5,
        "Mila Lid",
        "kring",
        ("werkdruk", "regels"),
        {"values": ["rechtvaardigheid"], "position": "x"},
        "Tekst met [TELEFOON-1]",
        ({"type": "telefoon", "replacement": "[TELEFOON-1]"},),
        False,
        NOW,
    )
    samples = [
        entry,
        records.Saved(entry, ({"type": "telefoon", "replacement": "[TELEFOON-1]"},)),
        records.Session(3, 4, dt.date(2026, 11, 2), "teamreflectie", "Titel", "open", "a/b.ipynb", None),
        records.Member(5, "Mila Lid", "member", 4, "mila"),
        records.Kring(4, "noord", "Wijkteam Noord", ""),
        records.Action(1, 4, 3, "Bel de woningcorporatie", 5, "Mila Lid", dt.date(2026, 12, 1), "open", NOW, None),
        records.Signal(
            1,
            4,
            3,
            "Titel",
            "Tekst",
            "answered",
            NOW,
            NOW,
            (records.SignalResponse(1, 1, "Mariam", "Antwoord", "answered", NOW),),
        ),
        records.Evaluation(1, 3, 4, 5, "", NOW),
        Viewer.member(5, [4, 9], "Mila Lid"),
        [records.ActionUpdate(1, 1, 3, "effect", "les", "done", NOW)],
    ]
    for value in samples:
        sent = json.loads(json.dumps(wire.encode(value)))  # through real JSON text
        assert wire.decode(sent) == value


def test_the_wire_builds_only_known_records():
    with pytest.raises(TypeError):
        wire.encode(object())
    with pytest.raises(TypeError):
        wire.encode({1: "non-string key"})
    with pytest.raises(ValueError):
        wire.decode({"$record": "Popen", "fields": {"args": ["rm"]}})
    with pytest.raises(ValueError):
        wire.decode({"$eval": "1+1"})


# ------------------------------------------------------------------------------------ one interface
def _parameters(function) -> list[tuple]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def test_store_and_remote_store_have_the_protocols_methods_with_the_same_parameters(tmp_path):
    from leerkring.store import Store
    from leerkring.store.gateway import METHODS
    from leerkring.store.protocol import LOCAL, StoreAPI
    from leerkring.store.protocol import METHODS as CALLS
    from leerkring.store.remote import RemoteStore

    members = [name for name in vars(StoreAPI) if not name.startswith("_")]
    assert set(members) == CALLS | LOCAL and "save_action" in CALLS
    for name in members:
        declared = inspect.getattr_static(StoreAPI, name)
        for cls in (Store, RemoteStore):
            present = inspect.getattr_static(cls, name)  # defined on the class, not made up by __getattr__
            if isinstance(declared, property):
                assert isinstance(present, property), (cls.__name__, name)
            else:
                assert _parameters(present) == _parameters(declared), (cls.__name__, name)
    assert not hasattr(RemoteStore, "__getattr__")
    assert isinstance(RemoteStore(tmp_path, "sqlite:///x.db", None), StoreAPI)
    # the service runs exactly the protocol's calls for a kernel
    assert METHODS == CALLS


# ------------------------------------------------------------------------------------ through the service
def _fake_service(path: Path, answer) -> socket.socket:
    """A Unix socket that reads one request line per connection and sends ``answer(line)`` (if any)."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(8)

    def serve():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn, conn.makefile("rb") as reader:
                line = reader.readline()
                reply = answer(line) if line else None
                if reply:
                    conn.sendall(reply)

    threading.Thread(target=serve, daemon=True).start()
    return server


@pytest.fixture
def remote_ws(tmp_path, db_url):
    """(local workspace, notebook workspace on the service, kring, session) on SQLite or PostgreSQL."""
    with privacy_service():
        ws = Workspace.init(tmp_path / "ws", "Gemeente Test", database_url=db_url)
        kring = ws.add_kring("Wijkteam Noord")
        ws.store.add_member(kring.id, "Cora Coach", "coach")
        ws.store.add_member(kring.id, "Mila Lid", "member")
        ws.store.add_member(kring.id, "Nout Lid", "member")
        session = plan_session(ws, kring.id, "2026-11-02", "teamreflectie", "Testsessie")
        nb_ws = Workspace.open_for_notebook(ws.path)
        yield ws, nb_ws, kring, session
        ws.close()


def _member(ws, kring, name):
    return next(m for m in ws.store.members(kring.id) if m.name == name)


def test_notebook_store_goes_through_the_service_and_scrubs_there(remote_ws):
    ws, nb_ws, kring, session = remote_ws
    assert type(nb_ws.store).__name__ == "RemoteStore"
    mila = _member(ws, kring, "Mila Lid")
    saved = nb_ws.store.add_entry(
        session.id,
        "ervaringen",
        "ervaring",
        "Ik belde mevrouw Jansen op 06-12345678.",
        author=mila.person_id,
        step="ervaringen",
        client_key="k1",
    )
    assert "[TELEFOON-1]" in saved.entry.text and "06-12345678" not in saved.entry.text
    assert {f["type"] for f in saved.replaced} >= {"telefoon"}
    # the same client key again (a retried save) stores nothing new
    again = nb_ws.store.add_entry(
        session.id,
        "ervaringen",
        "ervaring",
        "Ik belde mevrouw Jansen op 06-12345678.",
        author=mila.person_id,
        step="ervaringen",
        client_key="k1",
    )
    assert again.entry.uid == saved.entry.uid
    local = ws.store.entries(Viewer.member(mila.person_id, [kring.id]), session_id=session.id)
    assert [e.text for e in local] == [saved.entry.text]
    assert local[0].author == "Mila Lid"


def test_save_action_and_values_as_tags_through_the_service(remote_ws):
    ws, nb_ws, kring, session = remote_ws
    nout = _member(ws, kring, "Nout Lid")
    saved = nb_ws.store.save_action(
        session.id,
        "Ik bel 06-12345678 terug",
        owner=nout.person_id,
        due="2026-11-20",
        author=nout.person_id,
        step="afspraken",
        client_key="act-1",
    )
    assert "[TELEFOON-1]" in saved.entry.text and {f["type"] for f in saved.replaced} >= {"telefoon"}
    again = nb_ws.store.save_action(
        session.id,
        "Ik bel 06-12345678 terug",
        owner=nout.person_id,
        due="2026-11-20",
        author=nout.person_id,
        step="afspraken",
        client_key="act-1",
    )
    assert again.entry.uid == saved.entry.uid
    [action] = ws.store.actions(Viewer.kring_summary([kring.id]), kring.id)
    assert action.title == saved.entry.text and action.owner == "Nout Lid"
    values = nb_ws.store.add_entry(
        session.id,
        "spanningen",
        "waarden",
        "Eigen regie",
        author=nout.person_id,
        tags=["wonen"],
        extra={"values": ["wonen", "veiligheid"]},
    )
    assert values.entry.tags == ("wonen", "veiligheid")


def test_visibility_is_the_stores_own(remote_ws):
    ws, nb_ws, kring, session = remote_ws
    mila, nout = _member(ws, kring, "Mila Lid"), _member(ws, kring, "Nout Lid")
    nb_ws.store.add_entry(
        session.id, "onzekerheid", "niet_weten", "Alleen voor mij", author=mila.person_id, visibility="persoonlijk"
    )
    nb_ws.store.add_entry(session.id, "onzekerheid", "niet_weten", "Voor de kring", author=mila.person_id)
    as_mila = nb_ws.store.entries(Viewer.member(mila.person_id, [kring.id]), session_id=session.id)
    as_nout = nb_ws.store.entries(Viewer.member(nout.person_id, [kring.id]), session_id=session.id)
    summary = nb_ws.store.entries(Viewer.kring_summary([kring.id]), session_id=session.id)
    assert sorted(e.text for e in as_mila) == ["Alleen voor mij", "Voor de kring"]
    assert [e.text for e in as_nout] == ["Voor de kring"]
    assert [(e.text, e.author) for e in summary] == [("Voor de kring", None)]


def test_store_errors_arrive_as_the_same_dutch_errors(remote_ws):
    ws, nb_ws, kring, session = remote_ws
    with pytest.raises(NotFound):
        nb_ws.store.session(99999)
    close_session(ws, session.id)
    with pytest.raises(SessionClosed) as closed:
        nb_ws.store.add_entry(session.id, "ervaringen", "ervaring", "te laat", author=None)
    assert "gesloten" in str(closed.value)
    with pytest.raises(NotAllowed):
        nb_ws.store.call("forget_person", "Mila Lid")
    with pytest.raises(AttributeError):
        nb_ws.store.forget_person  # noqa: B018 - not offered to kernels at all (the coach's CLI duty)


def test_concurrent_saves_through_the_service_all_land(remote_ws):
    ws, nb_ws, kring, session = remote_ws
    mila = _member(ws, kring, "Mila Lid")

    def member(n):
        store = Workspace.open_for_notebook(ws.path).store
        for i in range(25):
            store.add_entry(
                session.id, "ervaringen", "ervaring", f"bijdrage {n}-{i}", author=mila.person_id, client_key=f"{n}-{i}"
            )

    threads = [threading.Thread(target=member, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    texts = {e.text for e in ws.store.entries(Viewer.kring_summary([kring.id]), session_id=session.id)}
    assert texts == {f"bijdrage {n}-{i}" for n in range(4) for i in range(25)}


def test_a_replaced_database_file_is_not_written_through_a_stale_connection(tmp_path):
    with privacy_service():
        ws = Workspace.init(tmp_path / "ws", "Eerste")
        kring = ws.add_kring("Wijkteam Noord")
        first = plan_session(ws, kring.id, "2026-11-02", "teamreflectie")
        assert Workspace.open_for_notebook(ws.path).store.session(first.id).date == dt.date(2026, 11, 2)
        ws.close()
        # a coach rebuilds the workspace at the same place (like 'leerkring demo --force')
        shutil.rmtree(ws.path)
        ws2 = Workspace.init(tmp_path / "ws", "Tweede")
        kring2 = ws2.add_kring("Wijkteam Zuid")
        second = plan_session(ws2, kring2.id, "2027-01-15", "teamreflectie")
        remote = Workspace.open_for_notebook(ws2.path).store
        assert remote.session(second.id).date == dt.date(2027, 1, 15)
        remote.add_entry(second.id, "ervaringen", "ervaring", "in de nieuwe database", author=None)
        assert [e.text for e in ws2.store.entries(Viewer.kring_summary([kring2.id]), session_id=second.id)] == [
            "in de nieuwe database"
        ]
        ws2.close()


def test_kernel_side_loads_no_sqlalchemy(remote_ws, run_python):
    ws, _, kring, session = remote_ws
    code = (
        "import sys, json\n"
        "from leerkring.widgets import context\n"
        f"ctx = context.current(json.loads({json.dumps(json.dumps(params_of(ws, session)))}))\n"
        "assert not ctx.problems, ctx.problems\n"
        "print(type(ctx.ws.store).__name__, ctx.session.id, any(m.startswith('sqlalchemy') for m in sys.modules))\n"
    )
    env = {**os.environ, "LEERKRING_SCRUBBER": "service"}
    out = run_python(code, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["RemoteStore", str(session.id), "False"]


def test_local_store_when_asked_or_when_not_scrubbing_through_the_service(tmp_path, monkeypatch):
    with privacy_service():
        ws = Workspace.init(tmp_path / "ws", "Gemeente Test")
        ws.close()
        monkeypatch.setenv("LEERKRING_NOTEBOOK_STORE", "local")
        assert type(Workspace.open_for_notebook(ws.path).store).__name__ == "Store"
        monkeypatch.delenv("LEERKRING_NOTEBOOK_STORE")
        monkeypatch.setenv("LEERKRING_SCRUBBER", "rules")
        assert type(Workspace.open_for_notebook(ws.path).store).__name__ == "Store"


def test_an_older_service_without_store_calls_means_the_kernel_opens_the_database(tmp_path, monkeypatch):
    """A service started by an older leerkring answers 'unknown op': the forms still work, locally."""
    from leerkring.widgets import context

    with privacy_service():
        ws = Workspace.init(tmp_path / "ws", "Gemeente Test")
        kring = ws.add_kring("Wijkteam Noord")
        session = plan_session(ws, kring.id, "2026-11-02", "teamreflectie")

    def answer_like_an_old_service(line: bytes):
        return b'{"ok": false, "error": "Onbekende opdracht: \'store\'."}\n'

    old = tmp_path / "old.sock"
    server = _fake_service(old, answer_like_an_old_service)
    monkeypatch.setenv("LEERKRING_SERVICE_SOCKET", str(old))
    monkeypatch.setenv("LEERKRING_SCRUBBER", "service")
    try:
        ctx = context.SessionContext.connect(params_of(ws, session))
    finally:
        server.close()
    assert not ctx.problems
    assert type(ctx.ws.store).__name__ == "Store"
    assert ctx.session.id == session.id
    ctx.ws.close()
    ws.close()


def test_workspace_path_must_be_absolute_and_exist(remote_ws):
    from leerkring.errors import DatabaseError
    from leerkring.store.remote import RemoteStore

    ws, nb_ws, kring, session = remote_ws
    with pytest.raises(DatabaseError):
        RemoteStore(Path("relative/ws"), nb_ws.store.url, nb_ws.store.frameworks).session(session.id)
    if nb_ws.store.url.startswith("sqlite"):
        with pytest.raises(DatabaseError) as missing:
            RemoteStore(ws.path, "sqlite:////nonexistent/leerkring.db", nb_ws.store.frameworks).session(1)
        assert "bestaat niet" in str(missing.value)


def test_a_dropped_connection_is_reopened_before_a_request_is_sent(remote_ws):
    ws, nb_ws, kring, session = remote_ws
    store = nb_ws.store
    assert store.session(session.id).id == session.id
    store.transport._sock.shutdown(socket.SHUT_RDWR)  # as if the service restarted between two clicks
    assert store.session(session.id).id == session.id


def test_a_request_whose_answer_is_lost_is_not_sent_twice(tmp_path, monkeypatch):
    """The service may have stored the edit before the connection broke: say so, do not save again.
    (Saves with a client_key are sent again instead: tests/store/test_retries.py.)"""
    from leerkring.errors import DatabaseError
    from leerkring.store.remote import RemoteStore

    received = []

    def read_then_hang_up(line: bytes):
        received.append(json.loads(line)["method"])
        return None  # no answer: the connection closes

    path = tmp_path / "flaky.sock"
    server = _fake_service(path, read_then_hang_up)
    monkeypatch.setenv("LEERKRING_SERVICE_SOCKET", str(path))
    try:
        with pytest.raises(DatabaseError) as lost:
            RemoteStore(tmp_path, "sqlite:///x.db", None).edit_entry("u1", 5, "nieuwe tekst")
    finally:
        server.close()
    assert "Ververs het formulier" in str(lost.value)
    assert received == ["edit_entry"]
