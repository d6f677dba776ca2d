"""'leerkring hub config' and the hub service's command line, without a hub: what the configuration
holds (and what it never gives a kernel), and one Dutch line for bad input."""

from __future__ import annotations

import os
import sys
import types

import pytest

from leerkring.service import hubconfig

ACCESS = "access:services!service=leerkring"


def _load(text: str) -> dict:
    """Run printed ``jupyterhub_config.py`` lines against a stand-in for traitlets' ``c``."""

    class Section(types.SimpleNamespace):
        pass

    class Config:
        def __getattr__(self, name):
            section = Section()
            object.__setattr__(self, name, section)
            return section

    c = Config()
    exec(compile(text, "jupyterhub_config.py", "exec"), {"c": c})  # our own output, in a test
    return {f"{s}.{k}": v for s, section in vars(c).items() for k, v in vars(section).items()}


def test_the_configuration_gives_the_service_the_database_and_kernels_only_the_service_url(tmp_path):
    pg = "postgresql://leerkring:geheim@db.example/leerkring"
    data = hubconfig.hub_config(tmp_path, users=["mila", "cora", "mila", " "], database_url=pg, port=10123)
    service, dashboard = data["JupyterHub.services"]
    assert service["name"] == "leerkring" and service["url"] == "http://127.0.0.1:10123"
    assert service["command"][1:] == ["-m", "leerkring.service.hub"]
    assert service["environment"] == {"LEERKRING_WORKSPACE": str(tmp_path.resolve()), "LEERKRING_DATABASE_URL": pg}
    role, dashboard_role = data["JupyterHub.load_roles"]
    assert role["scopes"] == [ACCESS] and role["users"] == ["cora", "mila"] and role["groups"] == ["leerkring"]
    assert dashboard["name"] == "leerkring-dashboard"
    assert dashboard["command"][1:] == ["-m", "leerkring.dashboard.hubservice"]
    assert dashboard["environment"] == service["environment"] and "api_token" not in dashboard
    assert dashboard_role["scopes"] == ["access:services!service=leerkring-dashboard"]
    assert dashboard_role["groups"] == ["management"] and "users" not in dashboard_role
    scopes = data["Spawner.server_token_scopes"]
    assert "access:services!service=leerkring-dashboard" not in scopes
    assert ACCESS in scopes and {"users:activity!user", "access:servers!server"} <= set(scopes)
    assert data["Spawner.environment"] == {"LEERKRING_SERVICE_URL": "http://127.0.0.1:10123/services/leerkring/"}
    printed = hubconfig.render(data, workspace=tmp_path)
    assert _load(printed) == data
    kernel_side = repr(data["Spawner.environment"]) + repr(data["Spawner.server_token_scopes"])
    assert "postgresql" not in kernel_side and "geheim" not in kernel_side


def test_an_embedded_database_is_named_to_nobody(tmp_path):
    data = hubconfig.hub_config(tmp_path)
    service, dashboard = data["JupyterHub.services"]
    # the service reads the database from the workspace's own settings
    assert service["environment"] == {"LEERKRING_WORKSPACE": str(tmp_path.resolve())}
    assert data["JupyterHub.load_roles"][0]["users"] == []
    other = hubconfig.hub_config(tmp_path, service_url="https://hub.example/services/leerkring/")
    assert other["Spawner.environment"] == {"LEERKRING_SERVICE_URL": "https://hub.example/services/leerkring/"}


def test_hub_config_prints_the_linked_accounts_of_the_workspace(team_workspace, run_cli, tmp_path):
    ws, kring, _ = team_workspace(tmp_path / "ws", scrubber=None)
    ws.close()
    env = {"LEERKRING_DATABASE_URL": ""}
    result = run_cli("--workspace", str(tmp_path / "ws"), "hub", "config", "--port", "10200", env=env)
    assert result.returncode == 0, result.stderr
    config = _load(result.stdout)
    role = config["JupyterHub.load_roles"][0]
    assert set(role["users"]) >= {"cora", "mila", "nout"}
    assert config["JupyterHub.services"][0]["url"] == "http://127.0.0.1:10200"
    assert "DATABASE" not in repr(config["Spawner.environment"])
    as_json = run_cli("hub", "config", "--workspace", str(tmp_path / "ws"), "--json", env=env)
    assert as_json.returncode == 0 and '"JupyterHub.services"' in as_json.stdout


@pytest.mark.parametrize(
    "args, expected",
    [
        (["hub", "config", "--port", "70000"], "--port"),
        (["hub", "config", "--workspace", "/bestaat/niet"], "bestaat niet"),
    ],
)
def test_hub_config_answers_bad_input_in_one_line(run_cli, tmp_path, args, expected):
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode in (1, 2)
    assert result.stderr.startswith("fout:") and expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "args, env, expected",
    [
        (["--workspace", "/bestaat/niet", "--port", "1"], {"JUPYTERHUB_API_TOKEN": "x"}, "Geen leerkring-werkruimte"),
        (["--workspace", "{ws}", "--port", "1"], {}, "JUPYTERHUB_API_TOKEN ontbreekt"),
        (["--workspace", "{ws}"], {"JUPYTERHUB_API_TOKEN": "x"}, "Geen poort"),
        ([], {"JUPYTERHUB_API_TOKEN": "x"}, "Geen werkruimte"),
        ([], {"JUPYTERHUB_API_TOKEN": "x", "LEERKRING_WORKSPACE": "{ws}"}, "Geen poort"),
    ],
)
def test_the_hub_service_refuses_to_start_in_one_dutch_line(team_workspace, tmp_path, args, env, expected):
    import subprocess

    ws, _, _ = team_workspace(tmp_path / "ws", scrubber=None)
    ws.close()
    ws_path = str(tmp_path / "ws")
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "LEERKRING_WORKSPACE"))}
    full_env |= {k: v.replace("{ws}", ws_path) for k, v in env.items()}
    argv = [a.replace("{ws}", ws_path) for a in args]
    result = subprocess.run(
        [sys.executable, "-m", "leerkring.service.hub", *argv], env=full_env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and "Traceback" not in result.stderr


def test_a_kernels_http_transport_loads_no_web_framework(run_python):
    code = (
        "import os, sys; os.environ['LEERKRING_SERVICE_URL'] = 'http://127.0.0.1:9/services/leerkring/';"
        "os.environ['JUPYTERHUB_API_TOKEN'] = 'x';"
        "from leerkring.store.remote import RemoteStore, HttpTransport;"
        "s = RemoteStore('/tmp', '', None); assert isinstance(s.transport, HttpTransport);"
        "print(sorted(m for m in ('tornado', 'requests', 'jupyterhub', 'sqlalchemy', 'aiohttp') if m in sys.modules))"
    )
    result = run_python(code, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
