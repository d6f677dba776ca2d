"""``make hub``: a demo JupyterHub on 127.0.0.1:8000 over the demo workspace, in the foreground.

``python -m leerkring.cli.hubdemo [--workspace demo-workspace] [--port 8000]``:

1. builds the demo workspace when it is missing (``leerkring demo``) and its summaries when they are
   missing (``leerkring summarize --all``);
2. links the demo accounts to demo persons (``leerkring member link NAAM --hub-user ACCOUNT``): a coach,
   two members and a manager (the manager also in the hub group ``management``, for the dashboard);
3. writes ``jupyterhub_config.py`` into a private run folder (``<workspace>/.hub``, mode 0700) from
   :func:`leerkring.service.hubconfig.hub_config` plus the demo settings: the shared-password
   ``DummyAuthenticator``, the ``SimpleLocalProcessSpawner`` (``--allow-root`` when run as root), npm's
   proxy, the ``leerkring`` and ``leerkring-dashboard`` services; PostgreSQL when
   ``LEERKRING_DATABASE_URL`` is set;
4. prints the accounts and the password and runs ``jupyterhub`` in the foreground. Ctrl-C reaches the
   hub (same process group); on SIGINT it stops its proxy, its managed services and the spawned
   servers (``JupyterHub.cleanup_servers``), and this script waits for it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

DEFAULT_PORT = 8000
PASSWORD_ENV = "LEERKRING_HUB_PASSWORD"
DEFAULT_PASSWORD = "leerkring-demo"
RUN_DIR = ".hub"
MANAGEMENT_GROUP = "management"
#: JupyterLab fetches no news and shows no news pop-up (page_config "news": disabled)
LAB_NO_NEWS = "--LabApp.news_url=None"
#: The launcher's "Leerkring" page opens a session in the Lab around it instead of loading Lab again
LAB_APP_IN_BROWSER = "--LabApp.expose_app_in_browser=True"


def demo_accounts() -> dict[str, str]:
    """Hub account -> demo person: the coach and two members of the first kring, and a manager."""
    from leerkring.demo import corpus

    kring = corpus.KRINGEN[0]
    coach = next(m["name"] for m in kring["members"] if m["role"] == "coach")
    members = [m["name"] for m in kring["members"] if m["role"] == "member"][:2]
    return {"coach": coach, "lid1": members[0], "lid2": members[1], "manager": corpus.MANAGERS[0]["name"]}


def _leerkring(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "leerkring", *args], check=True)


def prepare_workspace(workspace: Path, accounts: dict[str, str]) -> None:
    """The demo workspace with summaries and linked accounts (built only where missing)."""
    if not (workspace / "leerkring.toml").exists():
        _leerkring("demo", str(workspace))
    if not any((workspace / "summaries" / "organisatie").glob("*/*.json")):
        _leerkring("--workspace", str(workspace), "summarize", "--all")
    for account, person in accounts.items():
        _leerkring("--workspace", str(workspace), "member", "link", person, "--hub-user", account)


def find_proxy() -> str:
    """npm's configurable-http-proxy: the one ``make proxy`` installs into .venv/node, else PATH."""
    local = Path(sys.executable).parent.parent / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return str(local)
    return shutil.which("configurable-http-proxy") or "configurable-http-proxy"


def build_config(
    workspace: Path,
    run_dir: Path,
    *,
    port: int = DEFAULT_PORT,
    password: str = DEFAULT_PASSWORD,
    accounts: dict[str, str] | None = None,
    database_url: str | None = None,
    proxy: str | None = None,
    as_root: bool | None = None,
    service_port: int | None = None,
    dashboard_port: int | None = None,
) -> Path:
    """Write ``<run_dir>/jupyterhub_config.py`` (run_dir made 0700); returns its path."""
    from leerkring.service import hubconfig

    accounts = demo_accounts() if accounts is None else accounts
    database_url = os.environ.get(hubconfig.DATABASE_ENV, "") if database_url is None else database_url
    as_root = (os.geteuid() == 0) if as_root is None else as_root
    run_dir = Path(run_dir).resolve()
    run_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(run_dir, 0o700)
    data = hubconfig.hub_config(
        Path(workspace),
        users=list(accounts),
        database_url=database_url,
        port=service_port or hubconfig.DEFAULT_PORT,
        python=sys.executable,
        dashboard_port=dashboard_port or hubconfig.DASHBOARD_PORT,
    )
    managers = [a for a, person in accounts.items() if a.startswith("manager")]
    singleuser = Path(sys.executable).with_name("jupyterhub-singleuser")
    lines = [
        "# The demo JupyterHub of 'make hub' (leerkring.cli.hubdemo); not for production.",
        "c = get_config()  # noqa",
        "c.JupyterHub.ip = '127.0.0.1'",
        f"c.JupyterHub.port = {port}",
        "c.JupyterHub.hub_ip = '127.0.0.1'",
        f"c.JupyterHub.db_url = {('sqlite:///' + str(run_dir / 'jupyterhub.sqlite'))!r}",
        f"c.JupyterHub.cookie_secret_file = {str(run_dir / 'jupyterhub_cookie_secret')!r}",
        f"c.JupyterHub.pid_file = {str(run_dir / 'jupyterhub.pid')!r}",
        f"c.ConfigurableHTTPProxy.command = [{(proxy or find_proxy())!r}]",
        f"c.ConfigurableHTTPProxy.pid_file = {str(run_dir / 'proxy.pid')!r}",
        "c.JupyterHub.authenticator_class = 'dummy'",
        f"c.DummyAuthenticator.password = {password!r}",
        f"c.Authenticator.allowed_users = {set(accounts)!r}",
        f"c.Authenticator.admin_users = {set(managers)!r}",
        "c.JupyterHub.spawner_class = 'simple'",
        f"c.Spawner.cmd = [{str(singleuser)!r}]",
        # JupyterLab's news pop-up ("receive official Jupyter news?") is off in this deployment
        f"c.Spawner.args = {(['--allow-root'] if as_root else []) + [LAB_NO_NEWS, LAB_APP_IN_BROWSER]!r}",
        "c.Spawner.start_timeout = 120",
        "c.Spawner.http_timeout = 120",
        f"c.SimpleLocalProcessSpawner.home_dir_template = {str(run_dir / 'home' / '{username}')!r}",
        "c.JupyterHub.cleanup_servers = True",
        "c.JupyterHub.cleanup_proxy = True",
        f"c.JupyterHub.load_groups = { ({MANAGEMENT_GROUP: {'users': managers}})!r}",
    ]
    for key, value in data.items():
        lines.append(f"c.{key} = {value!r}")
    path = run_dir / "jupyterhub_config.py"
    path.write_text("\n".join(lines) + "\n")
    os.chmod(path, 0o600)  # it holds the demo password and the database URL
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make hub", description="Een demo-JupyterHub over de demo-werkruimte.")
    parser.add_argument("--workspace", default="demo-workspace", help="de demo-werkruimte (gemaakt als die ontbreekt)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="poort van de hub op 127.0.0.1")
    args = parser.parse_args(argv)
    workspace = Path(args.workspace).resolve()
    password = os.environ.get(PASSWORD_ENV) or DEFAULT_PASSWORD
    accounts = demo_accounts()
    prepare_workspace(workspace, accounts)
    run_dir = workspace / RUN_DIR
    config = build_config(workspace, run_dir, port=args.port, password=password, accounts=accounts)
    print(f"JupyterHub: http://127.0.0.1:{args.port}/  (wachtwoord voor alle accounts: {password})")
    for account, person in accounts.items():
        extra = " (groep management: /services/leerkring-dashboard/)" if account.startswith("manager") else ""
        print(f"  {account:<8} {person}{extra}")
    print("Stoppen met Ctrl-C.", flush=True)
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    hub = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=run_dir, env=env)
    while True:
        try:
            return hub.wait()
        except KeyboardInterrupt:
            continue  # the hub got the same Ctrl-C and stops its services and servers; wait for it


if __name__ == "__main__":
    sys.exit(main())
