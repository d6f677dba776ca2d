"""The leerkring service on a real JupyterHub: who gets in, who the service thinks you are, and what a
spawned single-user server holds (no key to the data). Runs on SQLite and PostgreSQL (``hub``)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest


def _one_dutch_line(body) -> str:
    assert isinstance(body, dict) and body.get("ok") is False, body
    message = body["error"]
    assert isinstance(message, str) and message and "\n" not in message and "Traceback" not in message
    return message


def test_health_and_whoami_with_a_real_user_token(hub):
    status, health = hub.hub.call(hub.token("mila"), "GET", "api/health")
    assert status == 200 and health["ok"] and health["service"] == "leerkring"
    assert "deduce" in health.get("engine", "")
    status, me = hub.hub.call(hub.token("mila"), "GET", "api/whoami")
    assert status == 200, me
    assert me["user"] == "mila" and me["provider"] == "hub" and me["admin"] is False
    assert me["person"] == {"id": hub.people["mila"], "name": "Mila Lid", "username": "mila"}


def test_whoami_of_a_hub_user_linked_to_no_person(hub):
    status, me = hub.hub.call(hub.token(hub.stranger), "GET", "api/whoami")
    assert status == 200 and me["user"] == hub.stranger and me["person"] is None


@pytest.mark.parametrize("path", ["api/whoami", "api/health", "api/store", "elders"])
def test_no_token_is_refused_with_one_dutch_line(hub, path):
    method = "POST" if path == "api/store" else "GET"
    status, body = hub.hub.call(None, method, path, {"method": "session", "args": [1]} if method == "POST" else None)
    assert status == 401
    assert "token" in _one_dutch_line(body).lower()


def test_an_unknown_token_is_refused(hub):
    status, body = hub.hub.call("0123456789abcdef" * 2, "GET", "api/whoami")
    assert status == 401
    assert "onbekend" in _one_dutch_line(body)


def test_a_revoked_token_is_refused(hub):
    token, token_id = hub.hub.new_token("nout", note="to revoke")
    assert hub.hub.call(token, "GET", "api/whoami")[0] == 200
    hub.hub.revoke("nout", token_id)
    deadline = time.monotonic() + 15  # the service trusts the hub's answer for 5 s (--auth-cache)
    while True:
        status, body = hub.hub.call(token, "GET", "api/whoami")
        if status != 200 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert status == 401
    assert "ingetrokken" in _one_dutch_line(body)
    status, body = hub.store(token, "entries", None, session_id=hub.session_id)
    assert status == 401 and "result" not in body


def test_a_token_without_the_access_scope_is_refused(hub):
    token, _ = hub.hub.new_token("mila", scopes=["read:users:name!user"], note="no access")
    status, body = hub.hub.call(token, "GET", "api/whoami")
    assert status == 403
    assert "access:services!service=leerkring" in _one_dutch_line(body)
    status, body = hub.store(token, "entries", None, session_id=hub.session_id)
    assert status == 403 and "result" not in body


def test_a_hub_user_without_the_role_gets_no_access_token(hub):
    """The role from 'leerkring hub config' is what grants the scope: others cannot even ask for it."""
    status, body = hub.hub.api(
        "POST", f"/hub/api/users/{hub.outsider}/tokens", {"scopes": ["access:services!service=leerkring"]}
    )
    assert status in (400, 403), body
    token, _ = hub.hub.new_token(hub.outsider, scopes=["read:users:name!user"])
    assert hub.hub.call(token, "GET", "api/whoami")[0] == 403


def test_a_hub_service_token_is_not_a_person(hub):
    """The admin service of the test hub holds no access scope: refused like any token without it."""
    status, body = hub.hub.call(hub.hub.admin_token, "GET", "api/whoami")
    assert status == 403
    _one_dutch_line(body)


def test_too_large_a_request_is_refused_quickly(hub):
    text = "x" * (5 * 1024 * 1024)
    started = time.monotonic()
    try:
        status, body = hub.hub.call(hub.token("mila"), "POST", "api/scrub", {"text": text})
    except OSError:  # the service may close the connection before the whole body is sent
        status, body = 413, {"ok": False, "error": "Verzoek te groot."}
    assert time.monotonic() - started < 5
    assert status == 413
    assert "te groot" in _one_dutch_line(body)


def test_scrub_through_the_hub(hub):
    status, body = hub.hub.call(hub.token("mila"), "POST", "api/scrub", {"text": "Bel mevrouw Jansen op 06-12345678."})
    assert status == 200 and body["ok"], body
    assert "06-12345678" not in body["text"] and "[TELEFOON-1]" in body["text"]


def test_the_request_body_names_no_workspace_or_database(hub, tmp_path):
    """A body that names another workspace or database is answered from the service's own."""
    from leerkring.store import wire

    body = {
        "method": "session",
        "args": wire.encode([hub.session_id]),
        "kwargs": wire.encode({}),
        "workspace": str(tmp_path),
        "database_url": f"sqlite:///{tmp_path / 'other.db'}",
    }
    status, answer = hub.hub.call(hub.token("mila"), "POST", "api/store", body)
    assert status == 200 and answer["ok"], answer
    assert wire.decode(answer["result"]).title == "Hubsessie"
    assert not (tmp_path / "other.db").exists()


def _environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


def _singleuser_pid(pid: int) -> int:
    """The ``jupyterhub-singleuser`` process: ``pid`` itself, or its child when a shell started it."""
    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    if "jupyterhub-singleuser" in cmdline:
        return pid
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        if "jupyterhub-singleuser" in Path(f"/proc/{child}/cmdline").read_bytes().decode(errors="replace"):
            return int(child)
    raise AssertionError(f"no jupyterhub-singleuser process under {pid}: {cmdline}")


def test_a_spawned_single_user_server_holds_no_key_to_the_data(hub):
    pid = hub.hub.spawn("nout")
    try:
        assert pid, "the hub reported no pid for the server"
        env = _environ(_singleuser_pid(pid))
        assert env["JUPYTERHUB_USER"] == "nout"
        assert env["LEERKRING_SERVICE_URL"].rstrip("/").endswith("/services/leerkring")
        database_file = str(hub.workspace / ".leerkring" / "leerkring.db")
        for key, value in env.items():
            assert "DATABASE" not in key, key
            assert not any(scheme in value for scheme in ("postgresql://", "postgres://", "sqlite:///")), key
            assert database_file not in value and ".leerkring/leerkring.db" not in value, key
            if hub.database_url:
                assert hub.database_url not in value, key
        # the server's own token reaches the service (Spawner.server_token_scopes from 'hub config')
        from leerkring.store.remote import HttpTransport

        transport = HttpTransport(env["LEERKRING_SERVICE_URL"], env["JUPYTERHUB_API_TOKEN"])
        status, me = transport.request("GET", "api/whoami")
        transport.close()
        assert status == 200 and me["user"] == "nout" and me["person"]["name"] == "Nout Lid"
    finally:
        hub.hub.stop_server("nout")
    deadline = time.monotonic() + 30
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split(")")[-1][:3]
