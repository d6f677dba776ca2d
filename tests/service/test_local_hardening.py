"""The single-account (``local``) service, hardened: the security review's findings as regression tests.

- A socket folder that another account made first (``/tmp/leerkring-<uid>`` when there is no
  ``XDG_RUNTIME_DIR``), or one that group or others can get into, is refused by the client and by
  the service, and nothing is sent to whoever listens there.
- The client checks the socket's owner before it connects and the listening process's uid
  (``SO_PEERCRED``) before it sends.
- The database, its ``-wal``/``-shm`` files and the summaries are this account's alone (files 0600,
  folders 0700); another account cannot open the database.

Real throwaway OS accounts (``_os_accounts``); the tests run as root.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import _os_accounts
import pytest

from leerkring.service import ServiceError, client, host, paths

pytestmark = pytest.mark.slow

# Listens on a socket as another account and writes everything it receives to a file (the attacker).
LISTENER = textwrap.dedent(
    """
    import os, socket, sys
    path, log = sys.argv[1], sys.argv[2]
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    os.chmod(path, 0o777)
    server.listen(4)
    print("ready", flush=True)
    server.settimeout(20)
    try:
        while True:
            conn, _ = server.accept()
            conn.settimeout(2)
            try:
                data = conn.recv(65536)
            except OSError:
                data = b""
            with open(log, "ab") as fh:
                fh.write(data)
            conn.sendall(b'{"ok": true, "text": "ongescrubd"}\\n')
            conn.close()
    except OSError:
        pass
    """
)


@pytest.fixture(scope="module")
def other(require):
    reason = _os_accounts.why_not()
    require(reason is None, reason or "")
    with _os_accounts.accounts("x") as made:
        yield made["x"]


@pytest.fixture
def folder():
    """A short private folder under /tmp for a socket (AF_UNIX paths are short)."""
    path = Path(tempfile.mkdtemp(prefix="lkh-", dir="/tmp"))
    os.chmod(path, 0o755)  # others may enter the parent, as /tmp
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _ready(proc: subprocess.Popen) -> None:
    line = proc.stdout.readline()
    assert line.strip() == "ready", (line, proc.stderr.read() if proc.poll() is not None else "")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


# ------------------------------------------------------------------------------------ the socket folder
def test_a_folder_made_first_by_another_account_is_refused_and_nothing_is_sent(other, folder, monkeypatch):
    run = folder / "run"
    run.mkdir()
    os.chown(run, other.uid, other.gid)
    os.chmod(run, 0o755)
    sock, log = run / "service.sock", folder / "received.log"
    log.touch()
    os.chmod(log, 0o666)
    listener = _os_accounts.popen_as(
        other, ["-c", LISTENER, str(sock), str(log)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        _ready(listener)
        monkeypatch.setenv(paths.SOCKET_ENV, str(sock))
        monkeypatch.delenv(paths.USER_ENV, raising=False)
        secret = {"op": "scrub", "text": "Mevrouw Jansen belt 06-12345678"}
        with pytest.raises(ServiceError, match="van een ander account") as refused:
            client.request(secret, path=sock)
        assert "\n" not in str(refused.value)
        with pytest.raises(ServiceError, match="van een ander account"):
            client.start_service(wait=False)  # the kernel's path: no service of ours is started there
        from leerkring import privacy

        monkeypatch.setenv("LEERKRING_SCRUBBER", "service")
        with pytest.raises(ServiceError, match="van een ander account"):
            privacy.scrub(secret["text"])
        # the service refuses the folder too, before it takes a lock or makes a socket
        with pytest.raises(ServiceError, match="van een ander account"):
            host.serve(sock, quiet=True)
    finally:
        _stop(listener)
    assert log.read_bytes() == b""  # not one byte reached the other account


def test_the_service_refuses_a_folder_of_another_account(other, folder):
    run = folder / "run"
    run.mkdir()
    os.chown(run, other.uid, other.gid)
    os.chmod(run, 0o700)
    code = subprocess.run(
        [sys.executable, "-m", "leerkring.service", "--socket", str(run / "service.sock")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert code.returncode == 1
    lines = code.stderr.strip().splitlines()
    assert len(lines) == 1 and "van een ander account" in lines[0], code.stderr
    assert not (run / "service.sock").exists() and not (run / "service.lock").exists()


@pytest.mark.parametrize("mode", [0o755, 0o770, 0o701])
def test_an_open_folder_of_our_own_is_refused_by_client_and_service(folder, mode, monkeypatch):
    run = folder / "run"
    run.mkdir()
    os.chmod(run, mode)
    sock = run / "service.sock"
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(sock))
    listening.listen(1)
    try:
        monkeypatch.delenv(paths.USER_ENV, raising=False)
        with pytest.raises(ServiceError, match="staat open voor anderen"):
            client.request({"op": "ping"}, path=sock)
        with pytest.raises(ServiceError, match="staat open voor anderen"):
            paths.prepare_dir(sock)
        listening.settimeout(0.2)
        with pytest.raises(TimeoutError):
            listening.accept()  # the client never even connected
    finally:
        listening.close()


def test_a_new_folder_is_made_private(folder):
    sock = folder / "a" / "b" / "service.sock"
    paths.prepare_dir(sock)
    for made in (folder / "a", folder / "a" / "b"):
        st = made.stat()
        assert stat.S_IMODE(st.st_mode) == 0o700 and st.st_uid == os.getuid()


def test_a_socket_of_another_account_in_our_folder_is_refused_before_connecting(other, folder):
    run = folder / "run"
    run.mkdir(mode=0o700)
    os.chmod(run, 0o700)
    sock = run / "service.sock"
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(sock))
    listening.listen(1)
    os.chown(sock, other.uid, other.gid)
    try:
        with pytest.raises(ServiceError, match="socket .* is van een ander account"):
            client.request({"op": "ping"}, path=sock)
        listening.settimeout(0.2)
        with pytest.raises(TimeoutError):
            listening.accept()
    finally:
        listening.close()


def test_a_listener_running_as_another_account_gets_nothing(other, folder):
    """Socket and folder look like ours, but the process behind them runs as someone else
    (it bound as us and then switched account): the client reads SO_PEERCRED and sends nothing."""
    run = folder / "run"
    run.mkdir(mode=0o700)
    os.chmod(run, 0o700)
    sock = run / "service.sock"
    code = textwrap.dedent(
        f"""
        import os, socket, sys
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind({str(sock)!r})
        os.setgroups([]); os.setgid({other.gid}); os.setuid({other.uid})
        server.listen(4)
        print("ready", flush=True)
        server.settimeout(20)
        received = b""
        try:
            conn, _ = server.accept()
            conn.settimeout(2)
            try:
                received = conn.recv(65536)
            except OSError:
                pass
        except OSError:
            pass
        sys.stderr.write(repr(received))
        """
    )
    listener = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd="/tmp"
    )
    try:
        _ready(listener)
        assert sock.stat().st_uid == os.getuid()
        with pytest.raises(ServiceError, match="draait als een ander account"):
            client.request({"op": "scrub", "text": "Mevrouw Jansen belt 06-12345678"}, path=sock)
        _, err = listener.communicate(timeout=30)
    finally:
        _stop(listener)
    assert err.strip().endswith("b''"), err  # connected, then closed without a byte


def test_the_real_service_answers_its_own_account_only(folder):
    """The local host accepts only its own uid (the client's checks pass: ours, 0700, 0600)."""
    from leerkring.service import handlers

    sock = folder / "run" / "service.sock"
    registry = handlers.Handlers({})
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(host.serve(sock, handlers=registry, quiet=True)))
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while client.ping(sock) is None:
            assert time.monotonic() < deadline and thread.is_alive()
            time.sleep(0.02)
        assert stat.S_IMODE(sock.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(sock.stat().st_mode) == 0o600
    finally:
        client.request({"op": "shutdown"}, path=sock)
        thread.join(timeout=10)
    assert codes == [0]


# ------------------------------------------------------------------------------------ files
def _open_to_others(root: Path) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            mode = stat.S_IMODE(path.lstat().st_mode)
            if mode & 0o077:
                found.append(f"{path.relative_to(root)} {mode:o}")
    return found


def test_database_and_summaries_are_this_accounts_alone(other, tmp_path, team_workspace, monkeypatch):
    monkeypatch.setenv("LEERKRING_SCRUBBER", "rules")
    old_umask = os.umask(0o022)  # a usual umask: without the rule, files would be 0644
    try:
        _files_are_private(other, tmp_path, team_workspace)
    finally:
        os.umask(old_umask)


def _files_are_private(other, tmp_path, team_workspace):
    from leerkring.store.viewer import Viewer
    from leerkring.summary.publish import summarize
    from leerkring.workspace import Workspace

    ws, kring, session = team_workspace(tmp_path / "ws")
    data = ws.path / ".leerkring"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((ws.path / "summaries").stat().st_mode) == 0o700
    mila = ws.store.person("Mila Lid")
    ws.store.add_entry(
        session.id, "ervaringen", "ervaring", "Persoonlijk geheim", author=mila.id, visibility="persoonlijk"
    )
    assert ws.store.entries(Viewer.member(mila.id, [kring.id]))
    wal = [p.name for p in data.iterdir()]
    assert "leerkring.db-wal" in wal and "leerkring.db-shm" in wal, wal  # a save made them: they are 0600 too
    assert _open_to_others(data) == []

    summarize(ws, "all", "alles", "both", actor="Cora Coach", progress=False)
    summaries = ws.path / "summaries"
    files = [p for p in summaries.rglob("*") if p.is_file()]
    assert any(p.suffix == ".json" for p in files) and any(p.suffix == ".html" for p in files)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files), [
        f"{p} {stat.S_IMODE(p.stat().st_mode):o}" for p in files
    ]
    assert stat.S_IMODE(summaries.stat().st_mode) == 0o700
    ws.close()

    # another account cannot open the database nor read a summary, not even knowing the paths
    probe = textwrap.dedent(
        """
        import json, sqlite3, sys
        out = {}
        for path in sys.argv[1:]:
            try:
                with open(path, "rb") as fh:
                    fh.read(16)
                out[path] = "read"
            except OSError as exc:
                out[path] = type(exc).__name__
        try:
            sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute("select * from entry").fetchall()
            out["sqlite"] = "read"
        except sqlite3.Error as exc:
            out["sqlite"] = type(exc).__name__
        print(json.dumps(out))
        """
    )
    targets = [str(data / "leerkring.db"), str(data / "leerkring.db-wal"), str(files[0])]
    for parent in (tmp_path, ws.path):
        os.chmod(parent, 0o755)  # pytest's tmp folders are private already; the workspace must not rely on that
    result = _os_accounts.run_as(other, probe, *targets)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert all(v != "read" for v in seen.values()), seen

    # a workspace made before this rule is closed when it is opened
    os.chmod(data, 0o755)
    os.chmod(data / "leerkring.db", 0o644)
    Workspace.open(ws.path).close()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "leerkring.db").stat().st_mode) == 0o600
