"""Throwaway OS accounts for tests that need other real users on the machine (tests run as root).

``accounts()`` makes system accounts with a random prefix and removes them afterwards; ``run_as`` and
``popen_as`` run Python code as one of them (``setgid``/``setuid`` before ``exec``). The test
interpreter may live where other accounts cannot reach it (pyenv under ``/root``), so they run the
system Python of the same version with the test environment's ``site-packages`` added by a
``sitecustomize`` in a folder everyone can read.

Several test processes (pytest-xdist workers, other test runs on the machine) may make and remove
accounts at the same time. ``useradd`` and ``userdel`` lock ``/etc/passwd`` and give up at once when
another one holds it, so every call here runs under one file lock shared by all test processes
(:data:`LOCK`) and is tried again a few times when the tool still reports a busy lock.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = Path(f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}")
# One lock file for every test process on the machine, so it lives at a fixed place on purpose.
LOCK = Path(tempfile.gettempdir()) / "leerkring-tests-os-accounts.lock"
# useradd/userdel exit codes for "cannot lock or update /etc/passwd, /etc/group or /etc/shadow"
_BUSY = {1, 10}


@dataclass(frozen=True)
class Account:
    name: str
    uid: int
    gid: int


def why_not() -> str | None:
    """Why these tests cannot run here, or ``None``."""
    if os.geteuid() != 0:
        return "needs root, to make throwaway OS accounts"
    if not shutil.which("useradd") or not shutil.which("userdel"):
        return "needs useradd and userdel"
    if not SYSTEM_PYTHON.exists():
        return f"needs {SYSTEM_PYTHON} for the other accounts"
    return None


@contextlib.contextmanager
def _account_lock() -> Iterator[None]:
    """Hold the machine-wide lock of the tests that change the account database."""
    fd = os.open(LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _account_tool(*args: str, check: bool) -> subprocess.CompletedProcess:
    """Run ``useradd``/``userdel`` under the lock; again (up to five times) while the files are busy."""
    for attempt in range(5):
        with _account_lock():
            result = subprocess.run(list(args), capture_output=True, text=True)
        if result.returncode not in _BUSY or "lock" not in result.stderr.lower() or attempt == 4:
            break
        time.sleep(0.2 * (attempt + 1))  # someone outside our lock (another tool) holds /etc/passwd
    if check and result.returncode != 0:
        raise subprocess.CalledProcessError(result.returncode, args, result.stdout, result.stderr)
    return result


@contextlib.contextmanager
def accounts(*roles: str) -> Iterator[dict[str, Account]]:
    """{role: Account} for each role, as new system accounts (no home, no login); removed afterwards."""
    prefix = "lk" + uuid.uuid4().hex[:6]
    made: dict[str, Account] = {}
    try:
        for role in roles:
            name = f"{prefix}{role}"[:32]
            _account_tool(
                "useradd",
                "--system",
                "--no-create-home",
                "--user-group",
                "--shell",
                "/usr/sbin/nologin",
                name,
                check=True,
            )
            entry = pwd.getpwnam(name)
            made[role] = Account(name, entry.pw_uid, entry.pw_gid)
        yield made
    finally:
        for account in made.values():
            _account_tool("userdel", account.name, check=False)


def _boot_dir() -> Path:
    """A folder every account can read, with a sitecustomize that adds our site-packages."""
    boot = Path(tempfile.mkdtemp(prefix="lk-boot-", dir="/tmp"))
    atexit.register(shutil.rmtree, boot, True)
    purelib = sysconfig.get_paths()["purelib"]
    (boot / "sitecustomize.py").write_text(f"import site\nsite.addsitedir({purelib!r})\n")
    os.chmod(boot, 0o755)
    os.chmod(boot / "sitecustomize.py", 0o644)
    return boot


_BOOT: Path | None = None


def env_for(extra: dict | None = None) -> dict:
    """The environment of a process run as another account: our packages, nothing of root's."""
    global _BOOT
    if _BOOT is None:
        _BOOT = _boot_dir()
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "PYTHONPATH": os.pathsep.join([str(_BOOT), str(REPO)]),
        "HOME": "/tmp",
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.update(extra or {})
    return env


def as_user(account: Account):
    """A ``preexec_fn`` that turns the child into ``account`` (groups, gid, then uid)."""

    def switch() -> None:
        os.setgroups([])
        os.setgid(account.gid)
        os.setuid(account.uid)

    return switch


def popen_as(account: Account, args: list[str], *, env: dict | None = None, **kwargs) -> subprocess.Popen:
    """``python <args>`` as ``account``."""
    return subprocess.Popen(
        [str(SYSTEM_PYTHON), *args], env=env_for(env), cwd="/tmp", preexec_fn=as_user(account), **kwargs
    )


def run_as(account: Account, code: str, *argv: str, env: dict | None = None, input: str | None = None, timeout=120):
    """``python -c code argv...`` as ``account``; returns the ``CompletedProcess`` (text)."""
    return subprocess.run(
        [str(SYSTEM_PYTHON), "-c", code, *argv],
        env=env_for(env),
        cwd="/tmp",
        preexec_fn=as_user(account),
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
