"""The ``peer`` service on a multi-account machine: the server decides who may call what.

A real service process runs as its own throwaway system account and alone owns the workspace's
database; members A and B, coach C, manager M, guest G, an admin D and an unlinked account X are real
throwaway OS accounts that call it over its socket, each from a process of their own, with the
request lines the security review used (a hand-made ``Viewer``, another member as author or editor,
coach calls from a member). Every such attempt is refused or has no effect. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import _os_accounts
import pytest

from leerkring.service import paths
from leerkring.store import wire
from leerkring.store.viewer import Viewer

# Runs as a caller: sends the request lines from stdin on one connection, prints the answers.
CALLS = """
import json, sys
from leerkring.service import client, framing
requests = json.loads(sys.stdin.read())
try:
    sock = client.connect()
except Exception as exc:
    print(json.dumps({"client_refused": f"{type(exc).__name__}: {exc}"}))
    raise SystemExit(0)
answers = []
with sock, sock.makefile("rb") as reader:
    for request in requests:
        framing.send(sock, request)
        answers.append(framing.receive(reader))
print(json.dumps(answers))
"""


@dataclass
class Peer:
    base: Path
    workspace: Path
    url: str
    socket: Path
    users: dict  # role -> _os_accounts.Account
    ids: dict  # name -> person id / kring id / session id / entry uid
    process: subprocess.Popen

    def call(self, role, *requests: dict) -> list[dict]:
        answers = self.raw_call(role, *requests)
        assert isinstance(answers, list), answers
        return answers

    def raw_call(self, role, *requests: dict):
        """The answers as a list, or ``{"client_refused": ...}`` when the client refused to connect."""
        account = self.users[role] if isinstance(role, str) else role
        env = {paths.SOCKET_ENV: str(self.socket), paths.USER_ENV: self.users["svc"].name}
        result = _os_accounts.run_as(account, CALLS, env=env, input=json.dumps(list(requests)))
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    def one(self, role, method: str, *args, **kwargs) -> dict:
        return self.call(role, store(method, *args, **kwargs))[0]

    def store(self):
        """The database as its owner sees it (root, in this process), for checking what happened."""
        from leerkring.store import Store

        return Store(self.url)


def store(method: str, *args, **kwargs) -> dict:
    """A store request line; it names another workspace and database, which the service ignores."""
    return {
        "op": "store",
        "workspace": "/tmp/een-andere-werkruimte",
        "database_url": "sqlite:////tmp/een-andere.db",
        "method": method,
        "args": wire.encode(list(args)),
        "kwargs": wire.encode(kwargs),
    }


def ok(answer: dict):
    assert answer.get("ok") is True, answer
    return wire.decode(answer["result"])


def refused(answer: dict, *words: str) -> str:
    assert answer.get("ok") is False and answer.get("kind") == "NotAllowed", answer
    message = answer["error"]
    assert "\n" not in message and "Traceback" not in message
    for word in words:
        assert word in message, message
    return message


@pytest.fixture(scope="module")
def users(require):
    reason = _os_accounts.why_not()
    require(reason is None, reason or "")
    with _os_accounts.accounts("svc", "a", "b", "c", "m", "g", "d", "x") as made:
        yield made


def _populate(ws, users) -> dict:
    s = ws.store
    noord, zuid = ws.add_kring("Wijkteam Noord"), ws.add_kring("Wijkteam Zuid")
    for name, role, account in (
        ("Anna Lid", "member", "a"),
        ("Bram Lid", "member", "b"),
        ("Cora Coach", "coach", "c"),
        ("Mariam Manager", "manager", "m"),
        ("Gijs Gast", "guest", "g"),
    ):
        s.add_member(noord.id, name, role, username=users[account].name)
    s.add_member(zuid.id, "Zoë Zuid", "member")
    s.add_member(zuid.id, "Zeno Zuid", "coach")
    s1 = s.add_session(noord.id, "2026-11-02", "teamreflectie", "Noord 1")
    s3 = s.add_session(noord.id, "2026-11-16", "teamreflectie", "Noord 2")
    s2 = s.add_session(zuid.id, "2026-11-03", "teamreflectie", "Zuid 1")
    s.mark_present(s1.id, "Gijs Gast")
    anna = s.person("Anna Lid").id
    personal = s.add_entry(
        s1.id, "ervaringen", "ervaring", "Anna persoonlijk geheim", author=anna, visibility="persoonlijk"
    )
    shared = s.add_entry(s1.id, "ervaringen", "ervaring", "Anna voor de kring", author=anna)
    zoe = s.person("Zoë Zuid").id
    s.add_entry(s2.id, "ervaringen", "ervaring", "Zuid kringtekst", author=zoe)
    s.add_entry(s2.id, "ervaringen", "ervaring", "Zuid persoonlijk", author=zoe, visibility="persoonlijk")
    hidden = s.add_action(s1.id, "Anna persoonlijke actie", author=anna, visibility="persoonlijk")
    s.raise_signal(s1.id, "Noord signaal")
    s.raise_signal(s2.id, "Zuid signaal")
    ids = {p.name: p.id for p in s.people()}
    ids.update(noord=noord.id, zuid=zuid.id, s1=s1.id, s2=s2.id, s3=s3.id)
    ids.update(personal=personal.entry.uid, shared=shared.entry.uid, hidden_action=hidden.id)
    return ids


def _chown_tree(root: Path, account) -> None:
    for folder, _dirs, files in os.walk(root):
        os.chown(folder, account.uid, account.gid)
        for name in files:
            os.chown(Path(folder) / name, account.uid, account.gid)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def peer(request, users):
    from leerkring import config
    from leerkring.workspace import Workspace

    svc = users["svc"]
    base = Path(tempfile.mkdtemp(prefix="lkp-", dir="/tmp"))
    os.chmod(base, 0o755)
    schema = None
    url = ""
    if request.param == "postgresql":
        url, schema = request.getfixturevalue("pg_schema_url")()
    ws = Workspace.init(base / "ws", "Gemeente Peer", database_url=url or None, scrubber=None)
    try:
        ids = _populate(ws, users)
        ws.settings.service_identity = "peer"
        ws.settings.service_admins = (users["d"].name,)
        config.write_settings(ws.path, ws.settings)
        db_url = config.database_url(ws.path, ws.settings)
    finally:
        ws.close()
    _chown_tree(base, svc)  # the service's account owns the workspace (and the folder for its socket)
    sock = base / "run" / "service.sock"
    log = open(base / "service.log", "wb")
    process = _os_accounts.popen_as(
        svc,
        ["-m", "leerkring.service", "--workspace", str(ws.path), "--socket", str(sock)],
        env={paths.SOCKET_ENV: str(sock)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    peer = Peer(base, ws.path, db_url, sock, users, ids, process)
    try:
        deadline = time.monotonic() + 240  # loads deduce, as its own account
        while True:
            assert process.poll() is None, (base / "service.log").read_text()
            if sock.exists():
                answer = peer.raw_call("svc", {"op": "ping"})
                if isinstance(answer, list) and answer[0].get("ok"):
                    break
            assert time.monotonic() < deadline, "the peer service did not start"
            time.sleep(0.5)
        yield peer
    finally:
        if process.poll() is None:
            try:
                assert peer.call("svc", {"op": "shutdown"}) == [{"ok": True}]
                process.wait(timeout=30)
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()
        log.close()
        if schema is not None:
            from sqlalchemy import text

            with request.getfixturevalue("pg_admin").connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        shutil.rmtree(base, ignore_errors=True)


def _texts(entries) -> set[str]:
    return {e.text for e in entries}


# ------------------------------------------------------------------------------------ the door
def test_everyone_may_connect_but_only_the_service_opens_the_database(peer):
    svc = peer.users["svc"]
    folder, sock = peer.socket.parent.stat(), peer.socket.stat()
    assert (folder.st_uid, stat.S_IMODE(folder.st_mode)) == (svc.uid, 0o755)
    assert (sock.st_uid, stat.S_IMODE(sock.st_mode)) == (svc.uid, 0o666)
    if peer.url.startswith("sqlite:///"):
        data = peer.workspace / ".leerkring"
        assert (data.stat().st_uid, stat.S_IMODE(data.stat().st_mode)) == (svc.uid, 0o700)
        files = list(data.iterdir())
        assert files and all(stat.S_IMODE(p.stat().st_mode) == 0o600 and p.stat().st_uid == svc.uid for p in files)
        probe = _os_accounts.run_as(
            peer.users["b"],
            "import sys\ntry:\n open(sys.argv[1], 'rb')\nexcept OSError as e:\n print(type(e).__name__)",
            str(data / "leerkring.db"),
        )
        assert probe.stdout.strip() == "PermissionError", probe


def test_an_unlinked_account_root_and_an_unknown_uid_are_refused_in_one_dutch_line(peer):
    message = refused(peer.one("x", "members", peer.ids["noord"]), "niet gekoppeld", "leerkring member link")
    assert peer.users["x"].name in message
    root = _os_accounts.Account("root", 0, 0)  # root is no admin unless [service] admins says so
    refused(peer.one(root, "add_kring", "Wijkteam Root"), "niet gekoppeld")
    ghost = next(uid for uid in range(61000, 62000) if not _known_uid(uid))
    answer = peer.call(_os_accounts.Account("ghost", ghost, ghost), store("members", peer.ids["noord"]))
    refused(answer[0], "geen account")
    # a member may not stop the service; it still answers afterwards
    assert peer.call("b", {"op": "shutdown"})[0]["kind"] == "NotAllowed"
    assert peer.call("b", {"op": "ping"})[0]["ok"] is True


def _known_uid(uid: int) -> bool:
    try:
        pwd.getpwuid(uid)
    except KeyError:
        return False
    return True


# ------------------------------------------------------------------------------------ reading
def test_a_hand_made_viewer_reads_nothing_of_anyone_else(peer):
    ids = peer.ids
    everything = frozenset({ids["noord"], ids["zuid"]})
    as_anna = Viewer.member(ids["Anna Lid"], everything, "Anna Lid")
    answers = peer.call(
        "b",
        store("entries", as_anna),
        store("entries", Viewer.kring_summary(everything)),
        store("entries", Viewer.organisation()),
        store("entries", as_anna, kring=ids["zuid"]),
        store("entries", as_anna, session_id=ids["s2"]),
        store("open_actions", as_anna, ids["zuid"]),
        store("session", ids["s2"]),
        store("members", ids["zuid"]),
        store("kring", "Wijkteam Zuid"),
        store("signals"),
        store("account", peer.users["a"].name),
    )
    for answer in answers[:3]:  # whatever viewer B sends, B reads as B
        texts = _texts(ok(answer))
        assert texts == {"Anna voor de kring"}, texts
        assert {e.author for e in ok(answer)} == {"Anna Lid"}
    assert ok(answers[3]) == [] and ok(answers[4]) == [] and ok(answers[5]) == []
    for answer in answers[6:9]:
        refused(answer, "niet")
    assert {s.title for s in ok(answers[9])} == {"Noord signaal"}
    assert ok(answers[10]).name == "Bram Lid"  # "who am I" is always the caller
    # Anna reads her own personal entry, with the same request
    assert _texts(ok(peer.one("a", "entries", as_anna))) == {
        "Anna persoonlijk geheim",
        "Anna voor de kring",
        "Anna persoonlijke actie",
    }


def test_a_guest_reads_and_writes_only_in_the_sessions_they_attend(peer):
    ids = peer.ids
    any_viewer = Viewer.member(0, [ids["noord"]])
    answers = peer.call(
        "g",
        store("entries", any_viewer, session_id=ids["s1"]),
        store("entries", any_viewer),
        store("entries", any_viewer, session_id=ids["s3"]),
        store("add_entry", ids["s3"], "ervaringen", "ervaring", "Gast in sessie 3", author="Gijs Gast"),
        store("session", ids["s3"]),
    )
    assert _texts(ok(answers[0])) == {"Anna voor de kring"}
    assert ok(answers[1]) == [] and ok(answers[2]) == []
    refused(answers[3], "gast")
    refused(answers[4])
    # the coach invites the guest into session 3; then the guest may write there, as themselves
    ok(peer.one("c", "mark_present", ids["s3"], "Gijs Gast"))
    saved = ok(peer.one("g", "add_entry", ids["s3"], "ervaringen", "ervaring", "Gast in sessie 3", author="Gijs Gast"))
    assert saved.entry.author == "Gijs Gast"


# ------------------------------------------------------------------------------------ writing
def test_saving_as_someone_else_or_into_another_kring_is_refused(peer):
    ids, b = peer.ids, peer.users["b"]
    entry = ("ervaringen", "ervaring")
    answers = peer.call(
        "b",
        store("add_entry", ids["s1"], *entry, "Namens Anna", author=ids["Anna Lid"]),
        store("add_entry", ids["s1"], *entry, "Namens Anna", author="Anna Lid"),
        store("add_entry", ids["s1"], *entry, "Namens Anna", author=peer.users["a"].name),
        store("add_entry", ids["s1"], *entry, "Namens Anna", author="Anna Lid", visibility="persoonlijk"),
        store("save_action", ids["s1"], "Actie namens Anna", author=ids["Anna Lid"]),
        store("add_entry", ids["s2"], *entry, "In Zuid", author=ids["Bram Lid"]),
        store("add_entry", ids["s2"], *entry, "Anoniem in Zuid", author=None),
        store("raise_signal", ids["s2"], "Signaal in Zuid"),
        store("add_evaluation", ids["s2"], 4, 4, ""),
        store("add_entry", ids["s1"], *entry, "Bram zelf", author=b.name),
        store("add_entry", ids["s1"], *entry, "Bram anoniem", author=None),
        store("report_action", ids["hidden_action"], ids["s1"], effect="Gelukt", author=b.name),
    )
    for answer in answers[:5]:
        refused(answer, "jezelf")
    for answer in answers[5:9]:
        refused(answer, "geen lid")
    assert ok(answers[9]).entry.author == "Bram Lid"
    assert ok(answers[10]).entry.author is None
    # reporting on Anna's personal action would copy its title onto the wall: not found for Bram
    assert answers[11]["ok"] is False and answers[11]["kind"] == "NotFound", answers[11]
    with contextlib.closing(peer.store()) as db:
        stored = db.entries(Viewer.kring_summary([ids["noord"], ids["zuid"]]))
        assert not [e for e in stored if "Namens Anna" in e.text or "in Zuid" in e.text.lower()]
        assert [e.text for e in stored if e.kring_id == ids["zuid"]] == ["Zuid kringtekst"]
        assert not [a for a in db.actions(Viewer.kring_summary([ids["noord"]])) if "namens Anna" in (a.title or "")]


def test_editing_a_colleagues_entry_is_refused_and_widens_nothing(peer):
    ids = peer.ids
    answers = peer.call(
        "b",
        store("edit_entry", ids["shared"], ids["Anna Lid"], "Overschreven door Bram", visibility="organisatie"),
        store("edit_entry", ids["shared"], ids["Bram Lid"], visibility="organisatie"),
        store("edit_entry", ids["personal"], "Bram Lid", visibility="kring"),
        store("edit_entry", ids["personal"], "Anna Lid", visibility="organisatie"),
    )
    refused(answers[0], "jezelf")
    refused(answers[1], "eigen bijdragen")
    refused(answers[2], "eigen bijdragen")
    refused(answers[3], "jezelf")
    with contextlib.closing(peer.store()) as db:
        organisation = db.entries(Viewer.organisation())
        assert not [e for e in organisation if e.text and "Anna" in e.text]
        anna = Viewer.member(ids["Anna Lid"], [ids["noord"]])
        current = {e.uid: e for e in db.entries(anna)}
        assert current[ids["shared"]].revision == 1 and current[ids["shared"]].visibility == "kring"
        assert current[ids["personal"]].visibility == "persoonlijk"
    # Anna edits her own entry, as herself (a hand-made editor is not needed and not used)
    edited = ok(peer.one("a", "edit_entry", ids["shared"], peer.users["a"].name, "Anna voor de kring, aangevuld"))
    assert edited.entry.revision == 2 and edited.entry.author == "Anna Lid"
    refused(peer.one("a", "edit_entry", ids["shared"], ids["Bram Lid"], "als Bram"), "jezelf")


def test_a_manager_gets_no_entry_texts_but_reads_the_signals(peer):
    ids = peer.ids
    viewer = Viewer.member(ids["Anna Lid"], [ids["noord"]])
    answers = peer.call(
        "m",
        store("entries", viewer),
        store("entries", Viewer.organisation()),
        store("open_actions", viewer, ids["noord"]),
        store("action_updates", viewer),
        store("evaluations", viewer),
        store("add_entry", ids["s1"], "ervaringen", "ervaring", "Van de manager", author=None),
        store("signals"),
    )
    for answer in answers[:6]:
        refused(answer, "management")
    assert {s.title for s in ok(answers[6])} == {"Noord signaal", "Zuid signaal"}
    assert "Anna" not in json.dumps(answers)


# ------------------------------------------------------------------------------------ coach and admin
def test_coach_operations_are_refused_to_members_and_allowed_to_the_coach(peer):
    ids = peer.ids
    member = peer.call(
        "b",
        store("add_session", ids["noord"], "2026-12-01", "teamreflectie", "Door Bram"),
        store("close_session", ids["s3"]),
        store("reopen_session", ids["s1"], "Bram Lid"),
        store("mark_present", ids["s3"], "Gijs Gast"),
        store("add_member", ids["noord"], "Nieuw Lid", "member"),
        store("set_role", ids["noord"], "Bram Lid", "coach"),
        store("link_account", "Bram Lid", "iemand-anders"),
        store("add_kring", "Wijkteam Bram"),
    )
    for answer in member[:7]:
        refused(answer, "leercoach")
    refused(member[7], "beheerder")

    coach = peer.call(
        "c",
        store("add_session", ids["noord"], "2026-12-01", "teamreflectie", "Ronde december"),
        store("add_session", ids["zuid"], "2026-12-01", "teamreflectie", "Niet mijn kring"),
        store("add_member", ids["noord"], "Nora Nieuw", "member", peer.users["x"].name),
        store("link_account", "Zoë Zuid", "zoe"),
        store("link_account", "Anna Lid", "anna-tweede"),
        store("add_kring", "Wijkteam Cora"),
    )
    planned = ok(coach[0])
    assert planned.kring_id == ids["noord"] and planned.title == "Ronde december"
    refused(coach[1], "leercoach")
    assert ok(coach[2]).username == peer.users["x"].name  # X is linked now, as a member of Noord
    refused(coach[3], "leercoach")
    refused(coach[4], "beheerder")
    refused(coach[5], "beheerder")

    closing = peer.call(
        "c",
        store("close_session", planned.id, ids["Anna Lid"]),
        store("close_session", planned.id),
        store("reopen_session", planned.id, "Cora Coach"),
    )
    refused(closing[0], "jezelf")
    assert ok(closing[1]).status == "closed"
    assert ok(closing[2]).status == "open"
    with contextlib.closing(peer.store()) as db:
        log = [(r["actor"], r["action"]) for r in db.audit_log(10)]
        assert ("Cora Coach", "session.reopen") in log
        assert db.member(ids["noord"], "Bram Lid").role == "member"  # B did not promote himself
    # the account the coach linked now reads as that person
    assert ok(peer.one("x", "account", "wie dan ook")).name == "Nora Nieuw"


def test_an_admin_runs_workspace_operations(peer):
    ids = peer.ids
    answers = peer.call(
        "d",
        store("add_kring", "Wijkteam Oost"),
        store("add_member", "Wijkteam Oost", "Olga Oost", "coach", "olga"),
        store("link_account", "Zoë Zuid", "zoe"),
        store("entries", Viewer.organisation()),
    )
    assert ok(answers[0]).name == "Wijkteam Oost"
    assert ok(answers[1]).role == "coach"
    assert ok(answers[2]).username == "zoe"
    refused(answers[3], "niet gekoppeld")  # an admin is no member: no entry texts either
    assert ids["zuid"]


def test_the_service_commands_for_a_member(peer):
    """``leerkring service status|stop`` in a peer workspace, run by a member: the workspace names the
    shared socket; a member sees it run and may not stop it (one Dutch line)."""
    env = {paths.SOCKET_ENV: str(peer.socket), paths.USER_ENV: peer.users["svc"].name}

    def cli(*args):
        proc = _os_accounts.popen_as(
            peer.users["b"],
            ["-m", "leerkring", "-w", str(peer.workspace), "service", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        out, err = proc.communicate(timeout=120)
        return proc.returncode, out, err

    code, out, err = cli("status")
    assert code == 0 and "draait: pid" in out, (out, err)
    code, out, err = cli("stop")
    assert code == 1 and [line for line in err.splitlines() if line.strip()] == [
        "fout: Alleen de beheerder mag de leerkring-service stoppen."
    ], err
    assert peer.call("b", {"op": "ping"})[0]["ok"] is True
