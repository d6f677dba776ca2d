"""A real JupyterHub with the leerkring service as a managed hub service, once per database.

The ``hub`` fixture starts JupyterHub on 127.0.0.1 (free ports, a temporary folder for its database,
npm's proxy, the shared-password authenticator, the simple local spawner) over a small workspace of
its own, on SQLite and, when ``LEERKRING_TEST_DATABASE_URL`` is set, on PostgreSQL (a schema of its
own). Every test gets real user tokens made through the hub's REST API by an admin service. With CI
set nothing here may skip (``require``).
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from _hub_harness import ACCESS, Hub, find_proxy

from leerkring.notebooks.lifecycle import plan_session

# name, role, hub account; all in Wijkteam Noord except Zoë
NOORD = (
    ("Cora Coach", "coach", "cora"),
    ("Mila Lid", "member", "mila"),
    ("Nout Lid", "member", "nout"),
    ("Mariam Manager", "manager", "mariam"),
)
ZUID = (("Zoë Zuid", "member", "zoe"),)
STRANGER = "vreemd"  # a hub user with access to the service but linked to no person
OUTSIDER = "buiten"  # a hub user without the access role
MILA_PRIVATE = "Mijn eigen twijfel: durf ik dit in de kring te zeggen?"
MILA_KRING = "Een kringbijdrage van Mila over de wachtlijst."
ZOE_KRING = "Een kringbijdrage uit Wijkteam Zuid."


@dataclass
class HubSetup:
    hub: Hub
    database: str  # "sqlite" or "postgresql"
    workspace: Path
    database_url: str
    session_id: int
    zuid_session_id: int
    kring_id: int
    people: dict[str, int]  # account -> person id
    private_uid: str  # Mila's persoonlijk entry
    _tokens: dict[str, str] = field(default_factory=dict)
    # the seeded texts and accounts, for the tests (no import of this conftest needed)
    stranger = STRANGER
    outsider = OUTSIDER
    mila_private = MILA_PRIVATE
    mila_kring = MILA_KRING
    zoe_kring = ZOE_KRING

    def token(self, user: str) -> str:
        """A hub token of ``user`` with the access scope (one per user, made on first use)."""
        if user not in self._tokens:
            self._tokens[user] = self.hub.new_token(user)[0]
        return self._tokens[user]

    def store(self, user_or_token: str, method: str, *args, **kwargs):
        """``(status, answer)`` of one store call through the proxy, as a RemoteStore sends it."""
        from leerkring.store import wire

        token = (
            self.token(user_or_token) if user_or_token in self.people or user_or_token == STRANGER else user_or_token
        )
        body = {"method": method, "args": wire.encode(list(args)), "kwargs": wire.encode(kwargs)}
        return self.hub.call(token, "POST", "api/store", body)


def _seed(root: Path, database_url: str) -> dict:
    from leerkring.workspace import Workspace

    ws = Workspace.init(root, "Gemeente Hubtest", database_url=database_url or None, scrubber=None)
    try:
        noord = ws.add_kring("Wijkteam Noord")
        zuid = ws.add_kring("Wijkteam Zuid")
        people = {}
        for kring, team in ((noord, NOORD), (zuid, ZUID)):
            for name, role, account in team:
                people[account] = ws.store.add_member(kring.id, name, role, account).person_id
        session = plan_session(ws, noord.id, "2026-11-02", "teamreflectie", "Hubsessie")
        zuid_session = plan_session(ws, zuid.id, "2026-11-03", "teamreflectie", "Zuidsessie")
        private = ws.store.add_entry(
            session.id, "ervaringen", "ervaring", MILA_PRIVATE, author=people["mila"], visibility="persoonlijk"
        )
        ws.store.add_entry(session.id, "ervaringen", "ervaring", MILA_KRING, author=people["mila"])
        ws.store.add_entry(zuid_session.id, "ervaringen", "ervaring", ZOE_KRING, author=people["zoe"])
        return {
            "session_id": session.id,
            "zuid_session_id": zuid_session.id,
            "kring_id": noord.id,
            "people": people,
            "private_uid": private.entry.uid,
        }
    finally:
        ws.close()


@pytest.fixture(scope="session")
def proxy_command(require) -> str:
    proxy = find_proxy()
    require(proxy is not None, "configurable-http-proxy is not installed (make test installs it from npm)")
    return proxy


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def hub(request, tmp_path_factory, proxy_command):
    """A running hub with the leerkring service over a seeded workspace (see the module docstring)."""
    database = request.param
    base = tmp_path_factory.mktemp(f"hub-{database}")
    database_url, schema = "", None
    if database == "postgresql":
        from sqlalchemy import text

        pg_admin = request.getfixturevalue("pg_admin")
        schema = "hub_" + uuid.uuid4().hex[:12]
        with pg_admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        pg = os.environ["LEERKRING_TEST_DATABASE_URL"]
        database_url = f"{pg}{'&' if '?' in pg else '?'}options=-csearch_path%3D{schema}"
    seeded = _seed(base / "ws", database_url)
    accounts = [a for _, _, a in NOORD + ZUID]
    hub = Hub(
        base / "hub",
        base / "ws",
        users=accounts,
        groups={"leerkring": [STRANGER]},
        database_url=database_url,
        proxy=proxy_command,
    )
    hub.start()
    try:
        status, body = hub.api("POST", f"/hub/api/users/{OUTSIDER}")
        assert status in (201, 409), (status, body)
        setup = HubSetup(hub, database, base / "ws", database_url, **seeded)
        hub.wait_for_service(setup.token("mila"))
        yield setup
    finally:
        hub.stop()
        left = hub.leftovers()
        if schema is not None:
            from sqlalchemy import text

            with request.getfixturevalue("pg_admin").connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        assert not left, f"processes still running after the hub stopped: {left}"


@pytest.fixture
def access_scope() -> str:
    return ACCESS
