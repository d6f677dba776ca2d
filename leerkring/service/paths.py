"""Where the leerkring service listens, and the files beside its socket.

Socket: ``$LEERKRING_SERVICE_SOCKET``, else ``$XDG_RUNTIME_DIR/leerkring/service.sock``, else
``/tmp/leerkring-<uid>/service.sock``.

In the ``local`` mode (one account) the directory is made with mode 0700 and the socket with 0600:
the directory is the service's only access control (same user, same machine). A directory that
already exists must be the user's own and closed to group and others, or the client and the service
both refuse it: another account could have made ``/tmp/leerkring-<uid>`` first and put its own
socket there, to receive every raw text. Before a client sends anything it also checks that the
socket belongs to the expected account and, once connected, that the process listening runs as that
account (``SO_PEERCRED``).

In the ``peer`` mode the service runs as its own system user (``$LEERKRING_SERVICE_USER`` names it
to the clients); its directory is 0755 and its socket 0666, both owned by that user, so every
account may connect and the service tells them apart by uid. Clients check the same owner there.

Beside the socket, named after it (``<stem>.<suffix>``):

- ``service.lock``: held by the running service for its whole life, so there is never more than one;
  it also holds the service's pid, so a service still loading (not yet answering) can be stopped;
- ``service.spawn.lock``: serialises kernels that want to start it (two would each load deduce);
- ``service.log``: the service's output, whose last line explains a failed start.
"""

from __future__ import annotations

import errno
import os
import socket
import stat
import struct
from pathlib import Path

from leerkring.service import NAME, ServiceError

SOCKET_ENV = "LEERKRING_SERVICE_SOCKET"
#: The account a shared (``peer``) service runs as; unset: the caller's own account (``local``).
USER_ENV = "LEERKRING_SERVICE_USER"
SOCKET_NAME = "service.sock"
SUN_PATH_MAX = 107  # AF_UNIX paths are limited to 108 bytes including the final NUL
PEERCRED = struct.Struct("3i")  # pid, uid, gid (struct ucred)


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


def service_uid() -> int:
    """The uid the service must run as: ``$LEERKRING_SERVICE_USER``'s, else our own."""
    account = (os.environ.get(USER_ENV) or "").strip()
    if not account:
        return os.getuid()
    import pwd

    try:
        return pwd.getpwnam(account).pw_uid
    except KeyError:
        raise ServiceError(f"{USER_ENV}={account!r} is geen account op deze machine.") from None


def is_shared() -> bool:
    """True when the service is a shared (``peer``) one: ``$LEERKRING_SERVICE_USER`` names its account
    (also to the service's own account, whose shared folder is 0755)."""
    return bool((os.environ.get(USER_ENV) or "").strip())


def prepare_dir(path: Path, *, shared: bool = False) -> None:
    """Make the socket's directory (0700; ``shared``: 0755) or check an existing one; refuse a path
    AF_UNIX cannot hold, and a directory of another account or one others can get into."""
    if len(os.fsencode(str(path))) > SUN_PATH_MAX:
        raise ServiceError(f"Het socketpad voor de {NAME} is te lang (max. {SUN_PATH_MAX} tekens): {path}")
    directory = path.parent
    mode = 0o755 if shared else 0o700
    try:
        if not os.path.lexists(directory):
            old_umask = os.umask(0o077 if not shared else 0o022)
            try:
                directory.mkdir(mode=mode, parents=True, exist_ok=True)
            finally:
                os.umask(old_umask)
            st = os.lstat(directory)
            if stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid():
                os.chmod(directory, mode)  # mkdir may have met one made a moment ago: checked below
    except OSError as exc:
        raise ServiceError(f"Kan de map voor de {NAME} niet maken: {directory} ({exc.strerror or exc}).") from exc
    try:
        check_dir(directory, os.getuid(), shared=shared)
    except OSError as exc:
        raise ServiceError(f"Kan de map voor de {NAME} niet maken: {directory} ({exc.strerror or exc}).") from None


def check_dir(directory: Path, owner_uid: int, *, shared: bool = False) -> None:
    """Refuse the socket's directory unless ``owner_uid`` owns it and others cannot use it
    (``shared``: others may enter it, but not write into it). One line of Dutch;
    ``FileNotFoundError`` or ``NotADirectoryError`` when there is no such directory."""
    try:
        st = os.lstat(directory)
    except FileNotFoundError:
        raise  # no directory, so no service: callers treat it as "not running"
    except OSError as exc:
        raise ServiceError(f"De map van de {NAME} is niet te lezen: {directory} ({exc.strerror or exc}).") from None
    if not stat.S_ISDIR(st.st_mode):  # nothing can listen there: "not running", as for a missing one
        raise NotADirectoryError(errno.ENOTDIR, "geen map", str(directory))
    if st.st_uid != owner_uid:
        raise ServiceError(
            f"De map {directory} is van een ander account ({_name(st.st_uid)}); de {NAME} gebruikt haar niet. "
            "Verwijder haar of kies een andere map met LEERKRING_SERVICE_SOCKET."
        )
    forbidden = 0o022 if shared else 0o077
    if stat.S_IMODE(st.st_mode) & forbidden:
        raise ServiceError(
            f"De map {directory} staat open voor anderen (rechten {stat.S_IMODE(st.st_mode):o}); "
            f"de {NAME} gebruikt haar niet. Zet haar op {'755' if shared else '700'} of verwijder haar."
        )


def check_socket(path: Path, owner_uid: int, *, shared: bool = False) -> None:
    """Before anything is sent: the socket and its directory belong to ``owner_uid`` (one Dutch line
    otherwise). ``FileNotFoundError`` when there is no socket: no service runs."""
    check_dir(path.parent, owner_uid, shared=shared)
    st = os.lstat(path)  # FileNotFoundError: not running
    if not stat.S_ISSOCK(st.st_mode):
        raise ServiceError(f"{path} is geen socket; de {NAME} gebruikt het niet.")
    if st.st_uid != owner_uid:
        raise ServiceError(f"De socket {path} is van een ander account ({_name(st.st_uid)}); er wordt niets verstuurd.")


def peer_credentials(sock: socket.socket) -> tuple[int, int, int]:
    """(pid, uid, gid) of the process at the other end of a connected Unix socket."""
    return PEERCRED.unpack(sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, PEERCRED.size))


def check_peer(sock: socket.socket, owner_uid: int) -> None:
    """The process listening on ``sock`` runs as ``owner_uid`` (before a request is sent)."""
    _, uid, _ = peer_credentials(sock)
    if uid != owner_uid:
        raise ServiceError(
            f"De {NAME} op deze socket draait als een ander account ({_name(uid)}); er wordt niets verstuurd."
        )


def _name(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)
