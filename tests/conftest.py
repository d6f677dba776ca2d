"""Shared fixtures: real SQLite and PostgreSQL databases, workspaces, the CLI as a user runs it.

PostgreSQL tests run when LEERKRING_TEST_DATABASE_URL is set (CI sets it). When CI is set they must
not skip: a missing URL or an unreachable server fails them.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PG_ENV = "LEERKRING_TEST_DATABASE_URL"
IN_CI = bool(os.environ.get("CI"))


def require(condition: bool, reason: str) -> None:
    """Skip locally when something optional is missing; fail in CI, where nothing may skip."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)  # only outside CI; with CI set the line above fails instead


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


def _pg_base_url() -> str | None:
    return os.environ.get(PG_ENV)


@pytest.fixture(scope="session")
def pg_admin():
    """A SQLAlchemy engine on the test PostgreSQL server (or skip / fail in CI)."""
    url = _pg_base_url()
    require(bool(url), f"{PG_ENV} is not set")
    from sqlalchemy import create_engine, text

    from leerkring.store.engine import normalise_url

    engine = create_engine(normalise_url(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # pragma: no cover - depends on the machine
        require(False, f"PostgreSQL at {url} is not reachable: {exc}")
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


@pytest.fixture
def kring_setup(store):
    """One kring with a coach, two members, a guest and a manager, and an open session."""
    kring = store.add_kring("Wijkteam Test")
    store.add_member(kring.id, "Cora Coach", "coach")
    store.add_member(kring.id, "Mila Lid", "member")
    store.add_member(kring.id, "Nout Lid", "member")
    store.add_member(kring.id, "Gijs Gast", "guest")
    store.add_member(kring.id, "Mariam Manager", "manager")
    session = store.add_session(kring.id, "2026-11-02", "teamreflectie", "Testsessie")
    return store, kring, session


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: int = 120):
    """Run the real ``leerkring`` command in a subprocess, as a user would."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("LEERKRING_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "leerkring", *args], cwd=cwd, env=full_env, capture_output=True,
        text=True, timeout=timeout,
    )
