"""The member's way in (leerkring.labext): a real Jupyter server with the extension, on a temporary
home, reaching the test run's local leerkring service for a test workspace."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
import uuid

import pytest
from _lab_helpers import free_port

from leerkring.notebooks.lifecycle import plan_session


@pytest.fixture(scope="module")
def labext_server(tmp_path_factory, team_workspace):
    """``(base_url, token, home, ws, session, other_session)``: ``jupyter server`` with leerkring.labext
    as account ``mila`` of kring Noord; ``other_session`` is a session of a kring she is not in."""
    ws, _kring, session = team_workspace(tmp_path_factory.mktemp("ws") / "werkruimte")
    zuid = ws.add_kring("Wijkteam Zuid")
    other = plan_session(ws, zuid.id, "2026-11-03", "teamreflectie", "Andere kring")
    home = tmp_path_factory.mktemp("home")
    port, token = free_port(), uuid.uuid4().hex
    env = {
        **os.environ,
        "HOME": str(home),
        "JUPYTER_TOKEN": token,
        "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
        "JUPYTER_RUNTIME_DIR": str(home / ".runtime"),
        "LEERKRING_WORKSPACE": str(ws.path),
        "LEERKRING_ACCOUNT": "mila",
    }
    for name in ("LEERKRING_SERVICE_URL", "JUPYTERHUB_API_TOKEN", "JUPYTERHUB_USER", "JUPYTER_APP_LAUNCHER_PATH"):
        env.pop(name, None)
    log = open(home / "server.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_server",
            "--allow-root",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            f"--ServerApp.root_dir={home}",
            "--ServerApp.jpserver_extensions=leerkring.labext=True",
        ],
        env=env,
        cwd=home,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _request(base + "api/status", token)
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("jupyter server did not start:\n" + (home / "server.log").read_text()[-3000:])
                time.sleep(0.2)
        yield base, token, home, ws, session, other
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _request(url: str, token: str, body: dict | None = None) -> tuple[int, object]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method="GET" if body is None else "POST")
    req.add_header("Authorization", f"token {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            raw, status, kind = resp.read(), resp.status, resp.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raw, status, kind = exc.read(), exc.code, exc.headers.get("Content-Type", "")
    return status, (json.loads(raw) if "json" in kind else raw.decode())


def test_sessions_open_and_refusal(labext_server):
    import nbformat

    base, token, home, ws, session, other = labext_server
    status, answer = _request(base + "leerkring/api/sessions", token)
    assert status == 200, answer
    listed = {s["id"]: s for s in answer["sessions"]}
    assert session.id in listed and other.id not in listed  # only her own kring's
    assert listed[session.id]["open"] and listed[session.id]["kring_slug"] == "wijkteam-noord"

    status, answer = _request(base + "leerkring/api/open", token, {"session_id": session.id})
    assert status == 200, answer
    path = home / answer["path"]
    assert answer["path"].startswith("leerkring/wijkteam-noord/") and path.suffix == ".ipynb"
    assert answer["url"] == "/lab/tree/" + answer["path"] and answer["written"]
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert f"session_id = {session.id}\n" in params.source and "kring = 'wijkteam-noord'" in params.source
    assert f"workspace = {str(ws.path)!r}" in params.source

    # opened again: the member's copy (with outputs of her own) is kept and opened as it is
    nb.cells[0].metadata["mine"] = True
    nbformat.write(nb, path)
    status, again = _request(base + "leerkring/api/open", token, {"session_id": session.id})
    assert status == 200 and again["path"] == answer["path"] and not again["written"]
    assert nbformat.read(path, as_version=4).cells[0].metadata.get("mine") is True
    # a changed notebook in the workspace (e.g. the archive after close) comes beside it, not over it
    source = ws.path / ws.store.session(session.id).notebook
    changed = json.loads(source.read_text())
    changed["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "Archief"})
    source.write_text(json.dumps(changed))
    status, third = _request(base + "leerkring/api/open", token, {"session_id": session.id})
    assert status == 200 and third["written"] and third["path"].endswith("-1.ipynb")
    assert nbformat.read(path, as_version=4).cells[0].metadata.get("mine") is True

    # another kring's session is refused with one Dutch line; nothing is written
    status, refused = _request(base + "leerkring/api/open", token, {"session_id": other.id})
    assert status == 403 and "hoort niet bij jouw kringen" in refused["error"]
    assert not (home / "leerkring" / "wijkteam-zuid").exists()

    # the launcher's page lists the session with an "Openen" button
    status, page = _request(base + "leerkring/", token)
    assert status == 200 and "Openen" in page and f'data-sessie="{session.id}"' in page

    # the launcher's "Leerkring" card (jupyter-app-launcher) opens that page on this server's base URL
    status, cards = _request(base + "jupyterlab-app-launcher", token, {"method": "init_launcher"})
    cards = json.loads(cards) if isinstance(cards, str) else cards
    [card] = [c for c in cards if c["title"] == "Leerkring"]
    assert status == 200 and card["type"] == "url" and card["source"] == "/leerkring/"


def test_extension_is_enabled_by_installing(repo_root):
    data_files = tomllib.loads((repo_root / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    [shipped] = data_files["etc/jupyter/jupyter_server_config.d"]
    config = json.loads((repo_root / shipped).read_text())
    assert config == {"ServerApp": {"jpserver_extensions": {"leerkring.labext": True}}}
    from leerkring import labext

    assert labext._jupyter_server_extension_points() == [{"module": "leerkring.labext"}]
