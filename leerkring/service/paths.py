"""Where the leerkring service listens, and the files beside its socket.

Socket: ``$LEERKRING_SERVICE_SOCKET``, else ``$XDG_RUNTIME_DIR/leerkring/service.sock``, else
``/tmp/leerkring-<uid>/service.sock``. The directory is made with mode 0700 and the socket with 0600:
the directory is the service's only access control (same user, same machine), so it must never be
readable by others. Beside the socket, named after it (``<stem>.<suffix>``):

- ``service.lock``: held by the running service for its whole life, so there is never more than one;
  it also holds the service's pid, so a service still loading (not yet answering) can be stopped;
- ``service.spawn.lock``: serialises kernels that want to start it (two would each load deduce);
- ``service.log``: the service's output, whose last line explains a failed start.
"""

from __future__ import annotations

import os
from pathlib import Path

from leerkring.service import NAME, ServiceError

SOCKET_ENV = "LEERKRING_SERVICE_SOCKET"
SOCKET_NAME = "service.sock"
SUN_PATH_MAX = 107  # AF_UNIX paths are limited to 108 bytes including the final NUL
_OUR_DIRS = ("leerkring", "service")  # existing directories we may tighten to 0700


def socket_path() -> Path:
    """Where the service listens (see the module docstring)."""
    explicit = os.environ.get(SOCKET_ENV)
    if explicit:
        return Path(explicit)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime) and os.access(runtime, os.W_OK):
        return Path(runtime) / "leerkring" / SOCKET_NAME
    return Path("/tmp") / f"leerkring-{os.getuid()}" / SOCKET_NAME


def side(path: Path, suffix: str) -> Path:
    """A file beside the socket: ``side(.../service.sock, ".log")`` is ``.../service.log``."""
    return path.with_name(path.stem + suffix)


def lock_path(path: Path | None = None) -> Path:
    return side(path or socket_path(), ".lock")


def spawn_lock_path(path: Path | None = None) -> Path:
    return side(path or socket_path(), ".spawn.lock")


def log_path(path: Path | None = None) -> Path:
    return side(path or socket_path(), ".log")


def prepare_dir(path: Path) -> None:
    """Make the socket's directory (0700), or tighten one of ours; refuse a path AF_UNIX cannot hold."""
    if len(os.fsencode(str(path))) > SUN_PATH_MAX:
        raise ServiceError(f"Het socketpad voor de {NAME} is te lang (max. {SUN_PATH_MAX} tekens): {path}")
    directory = path.parent
    try:
        if not directory.is_dir():
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(directory, 0o700)
        elif directory.owner() == _user() and directory.name.startswith(_OUR_DIRS):
            os.chmod(directory, 0o700)
    except OSError as exc:
        raise ServiceError(f"Kan de map voor de {NAME} niet maken: {directory} ({exc.strerror or exc}).") from exc


def _user() -> str:
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # pragma: no cover - a uid without a passwd entry (some containers)
        return str(os.getuid())
