"""Shared fixtures: real SQLite and PostgreSQL databases, the test team, the CLI as a user runs it.

PostgreSQL tests run when LEERKRING_TEST_DATABASE_URL is set (CI sets it). When CI is set they must
not skip: a missing URL or an unreachable server fails them.

Tests mirror the package (``tests/store/``, ``tests/privacy/``, ...); fixtures that one folder uses live
in that folder's ``conftest.py``. ``tests/`` itself stays on ``sys.path`` (pytest's default import mode
puts this file's folder there), so the helper modules beside this file (``_lab_helpers``,
``summary_samples``) import from any folder; test file names are unique across the folders.

``slow`` is not written on tests by hand: :func:`pytest_collection_modifyitems` gives it to every test
that starts a kernel, a server or a process, decided from the fixtures it uses (``SLOW_FIXTURES``) and
its markers (``SLOW_MARKERS``). A test that starts a process itself, without such a fixture, carries
``@pytest.mark.slow`` explicitly. ``make test-fast`` runs the rest (``-m "not slow"``).

``make test`` runs the suite on several processes (pytest-xdist, ``--dist loadgroup``); the same hook
then decides which tests must share a worker (``_parallel``). Nothing here may assume it is the only
test run on the machine: ports are free ones, folders come from ``tmp_path_factory`` and
PostgreSQL schemas have random names.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import _parallel
import pytest

from leerkring.notebooks.lifecycle import plan_session

REPO = Path(__file__).resolve().parents[1]
PG_ENV = "LEERKRING_TEST_DATABASE_URL"
IN_CI = bool(os.environ.get("CI"))

# Fixtures that start a kernel, a server or a process (directly or through the fixtures they use):
# a test that uses any of them, even indirectly, is slow.
SLOW_FIXTURES = (
    "run_cli",  # the real `leerkring` command in a subprocess
    "run_python",  # a fresh Python process (`python -c`), e.g. to see what an import loads
    "notebook_client",  # nbclient: a real Jupyter kernel
    "pipeline",  # test_end_to_end: `summarize` runs the summary notebook with papermill (kernels)
    "dashboard_server",  # the Voilà dashboard server
    "browser",  # Playwright's Chromium
    "service_socket",  # a leerkring service of the test's own, loading deduce
    "own_service",  # idem, started by the code under test on a socket of its own
    "writer_process",  # store writer processes (tests/store/_writer.py)
    "hub",  # a real JupyterHub with its proxy and the leerkring hub service (tests/hub/)
    "peer",  # a peer-mode service running as its own OS account (tests/service/test_peer_authorisation.py)
    "labext_server",  # a real `jupyter server` with leerkring.labext (tests/labext/)
)
# Markers that mean the same: a browser test starts Chromium and a server.
SLOW_MARKERS = ("browser",)
# Session fixtures of a test folder that are expensive to build (a hub with its proxy and services; deduce
# loaded in-process): under xdist the tests using one share a worker, so it is built once (``_parallel``).
SHARED_ONCE = ("hub", "engine")


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects
def pytest_collection_modifyitems(config, items):
    """Mark every test that starts a kernel, a server or a process as ``slow``; in an xdist worker, write
    which tests must share a worker (``_parallel``)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures.intersection(SLOW_FIXTURES) or any(item.get_closest_marker(m) for m in SLOW_MARKERS):
            item.add_marker(pytest.mark.slow)
    _parallel.write_plan(config, items, SHARED_ONCE)


def pytest_configure(config):
    _parallel.register(config)


def _require(condition: bool, reason: str) -> None:
    """Skip locally when something optional is missing; fail in CI, where nothing may skip."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)  # only outside CI; with CI set the line above fails instead


@pytest.fixture(scope="session")
def require():
    """``require(condition, reason)``: skip locally when something optional is missing; fail in CI."""
    return _require


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository (the folder holding ``pyproject.toml``)."""
    return REPO


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``shared/data`` beside the repository (the public labelled PII set lives there)."""
    return REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def artifacts(repo_root) -> Path:
    """``test-artifacts/`` in the repository, for screenshots of the browser tests."""
    path = repo_root / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="session", autouse=True)
def leerkring_service(tmp_path_factory):
    """One leerkring service for the whole test run, on a socket of its own.

    Everything that scrubs or reaches the store through it (the store via a workspace, kernels, the
    CLI in subprocesses) inherits the socket path through the environment; the service loads deduce
    once and is stopped at the end.
    """
    socket_dir = tmp_path_factory.mktemp("service")
    os.environ["LEERKRING_SERVICE_SOCKET"] = str(socket_dir / "service.sock")
    os.environ.pop("LEERKRING_SCRUBBER", None)
    yield socket_dir / "service.sock"
    from leerkring.service import client

    try:
        client.stop_service()
    except Exception:
        logging.getLogger(__name__).warning("the test run's leerkring service did not stop", exc_info=True)


@pytest.fixture(scope="module")
def rules_scrubber():
    """Scrub with the rules only (our Dutch detectors, no deduce, no service): ``LEERKRING_SCRUBBER=rules``
    in this process and every process it starts, until the module ends.

    Module-scoped, so that module fixtures (a workspace summarised once) can use it too; ask for it for
    the whole module (``pytestmark = pytest.mark.usefixtures("rules_scrubber")``). A test may still
    choose another mode with ``monkeypatch``; the rules mode is back after it.
    """
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEERKRING_SCRUBBER", "rules")
        yield "rules"


# -- databases ------------------------------------------------------------------------------------
def _pg_base_url() -> str | None:
    return os.environ.get(PG_ENV)


@pytest.fixture(scope="session")
def pg_admin():
    """A SQLAlchemy engine on the test PostgreSQL server (or skip / fail in CI)."""
    url = _pg_base_url()
    _require(bool(url), f"{PG_ENV} is not set")
    from sqlalchemy import create_engine, text

    from leerkring.store.engine import normalise_url

    engine = create_engine(normalise_url(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # pragma: no cover - depends on the machine
        _require(False, f"PostgreSQL at {url} is not reachable: {exc}")
    yield engine
    engine.dispose()


def _pg_schema_url(pg_admin) -> tuple[str, str]:
    from sqlalchemy import text

    name = "t_" + uuid.uuid4().hex[:12]
    with pg_admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    base = _pg_base_url()
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{name}", name


@pytest.fixture(scope="session")
def pg_schema_url(pg_admin):
    """``pg_schema_url()`` makes a fresh schema on the test server: ``(database URL, schema name)``.
    The caller drops the schema (``pg_admin``) when done."""
    return lambda: _pg_schema_url(pg_admin)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """An empty database URL: a fresh SQLite file, or a fresh schema on the PostgreSQL test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    pg_admin = request.getfixturevalue("pg_admin")
    url, name = _pg_schema_url(pg_admin)
    yield url
    from sqlalchemy import text

    with pg_admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))


@pytest.fixture
def store(db_url):
    """A store without scrubbing, for storage behaviour (privacy has its own tests)."""
    from leerkring.store import Store

    s = Store.create(db_url)
    yield s
    s.close()


# -- the test team --------------------------------------------------------------------------------
# One kring's people: (name, role, username). Every test that needs a team gets these.
TEAM = (
    ("Cora Coach", "coach", "cora"),
    ("Mila Lid", "member", "mila"),
    ("Nout Lid", "member", "nout"),
    ("Gijs Gast", "guest", None),
    ("Mariam Manager", "manager", None),
)


def _add_team(store, kring_id) -> None:
    for name, role, username in TEAM:
        store.add_member(kring_id, name, role, username=username)


@pytest.fixture
def kring_setup(store):
    """The test team in the store: one kring with a coach, two members, a guest and a manager, and an
    open session (no workspace, no notebook)."""
    kring = store.add_kring("Wijkteam Test")
    _add_team(store, kring.id)
    session = store.add_session(kring.id, "2026-11-02", "teamreflectie", "Testsessie")
    return store, kring, session


@pytest.fixture(scope="session")
def team_workspace():
    """``team_workspace(path, method=..., **store_kwargs)``: a workspace with the test team in one kring
    and one planned session (its notebook written); returns ``(workspace, kring, session)``."""

    def make(path: Path, *, method: str = "teamreflectie", **store_kwargs):
        from leerkring.workspace import Workspace

        ws = Workspace.init(path, "Gemeente Test", **store_kwargs)
        kring = ws.add_kring("Wijkteam Noord")
        _add_team(ws.store, kring.id)
        session = plan_session(ws, kring.id, "2026-11-02", method, "Testsessie")
        return ws, kring, session

    return make


# -- processes ------------------------------------------------------------------------------------
def _run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: int = 120):
    """Run the real ``leerkring`` command in a subprocess, as a user would."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("LEERKRING_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "leerkring", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def run_cli():
    """``run_cli(*args, cwd=None, env=None, timeout=120)``: the real ``leerkring`` command in a
    subprocess, as a user runs it; returns the ``CompletedProcess``. Tests using it are slow."""
    return _run_cli


@pytest.fixture(scope="session")
def run_python():
    """``run_python(code, *argv, **kwargs)``: ``python -c code`` in a fresh process (output captured as
    text; ``kwargs`` go to ``subprocess.run``, e.g. ``env``, ``timeout``, ``check``). Tests using it are slow."""

    def run(code: str, *argv: str, **kwargs):
        return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, **kwargs)

    return run


@pytest.fixture(scope="session")
def notebook_client():
    """nbclient's ``NotebookClient``: running a notebook with it starts a real kernel (slow)."""
    from nbclient import NotebookClient

    return NotebookClient
