"""``make hub``: the configuration its script writes (the hub itself is not started here)."""

from __future__ import annotations

import stat

from traitlets.config.loader import PyFileConfigLoader

from leerkring.cli import hubdemo


def test_the_demo_config_loads_and_names_both_services_the_roles_and_the_group(tmp_path):
    accounts = {"coach": "Cora Coach", "lid1": "Mila Lid", "lid2": "Nout Lid", "manager": "Mariam Manager"}
    run_dir = tmp_path / "ws" / ".hub"
    path = hubdemo.build_config(
        tmp_path / "ws",
        run_dir,
        port=8123,
        password="geheim-demo",
        accounts=accounts,
        database_url="postgresql://demo@127.0.0.1/demo",
        proxy="/x/configurable-http-proxy",
        as_root=True,
    )
    assert stat.S_IMODE(run_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    c = PyFileConfigLoader(path.name, path=str(run_dir)).load_config()
    assert c.JupyterHub.port == 8123 and c.JupyterHub.ip == "127.0.0.1"
    assert c.JupyterHub.authenticator_class == "dummy" and c.DummyAuthenticator.password == "geheim-demo"
    assert c.JupyterHub.spawner_class == "simple" and c.Spawner.args == [
        "--allow-root",
        "--LabApp.news_url=None",
        "--LabApp.expose_app_in_browser=True",
    ]
    assert c.Authenticator.allowed_users == set(accounts)
    services = {s["name"]: s for s in c.JupyterHub.services}
    assert set(services) == {"leerkring", "leerkring-dashboard"}
    assert services["leerkring"]["environment"]["LEERKRING_DATABASE_URL"] == "postgresql://demo@127.0.0.1/demo"
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert roles["leerkring-users"]["users"] == sorted(accounts)
    assert roles["leerkring-dashboard-users"]["groups"] == ["management"]
    assert roles["leerkring-dashboard-users"]["scopes"] == ["access:services!service=leerkring-dashboard"]
    assert c.JupyterHub.load_groups == {"management": {"users": ["manager"]}}
    assert "DATABASE" not in repr(c.Spawner.environment)


def test_the_demo_accounts_are_demo_persons():
    from leerkring.demo import corpus

    accounts = hubdemo.demo_accounts()
    assert set(accounts) == {"coach", "lid1", "lid2", "manager"}
    assert accounts["manager"] == corpus.MANAGERS[0]["name"]
    names = {m["name"]: m["role"] for m in corpus.KRINGEN[0]["members"]}
    assert names[accounts["coach"]] == "coach" and names[accounts["lid1"]] == names[accounts["lid2"]] == "member"
