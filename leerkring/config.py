"""Workspace settings in ``leerkring.toml``."""

from __future__ import annotations

import logging
import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from leerkring.errors import LeerkringError

log = logging.getLogger(__name__)

SETTINGS_FILE = "leerkring.toml"
DATA_DIR = ".leerkring"
DATABASE_FILE = "leerkring.db"
DATABASE_ENV = "LEERKRING_DATABASE_URL"
#: Where the ``peer`` service listens unless ``[service] socket`` says otherwise.
PEER_SOCKET = "/run/leerkring/service.sock"
#: The system account the ``peer`` service runs as unless ``[service] user`` says otherwise.
PEER_USER = "leerkring"


@dataclass
class Settings:
    name: str
    database_url: str = ""  # empty: the embedded SQLite database under .leerkring/
    min_group_size: int = 3  # k: figures resting on fewer contributors are suppressed
    retention_months: int = 24  # raw reflections older than this lose their text
    scrubber: str = "service"  # "service" (shared process) or "inprocess"
    release: str = "coach"  # "coach": organisation texts wait for a coach's release; "auto": released at once
    surrogates: bool = False  # organisation summaries show fictitious names instead of [PERSOON-n]
    created: str = ""
    extra: dict = field(default_factory=dict)
    # [service]: who is calling the leerkring service ("local", "peer" or "hub"; see leerkring.identity)
    service_identity: str = "local"
    service_admins: tuple[str, ...] = ()  # accounts that may run workspace operations (not root by default)
    service_socket: str = ""  # peer mode: the shared socket (default PEER_SOCKET)
    service_user: str = ""  # peer mode: the account the service runs as (default PEER_USER)

    def to_toml(self) -> dict:
        data = {
            "workspace": {"name": self.name, "created": self.created},
            "database": {"url": self.database_url},
            "privacy": {
                "min_group_size": self.min_group_size,
                "retention_months": self.retention_months,
                "scrubber": self.scrubber,
                "release": self.release,
                "surrogates": self.surrogates,
            },
        }
        if self.service_identity != "local" or self.service_admins or self.service_socket or self.service_user:
            service: dict = {"identity": self.service_identity, "admins": list(self.service_admins)}
            if self.service_socket:
                service["socket"] = self.service_socket
            if self.service_user:
                service["user"] = self.service_user
            data["service"] = service
        return data

    def peer_socket(self) -> str:
        """The socket of the ``peer`` service."""
        return self.service_socket or PEER_SOCKET

    def peer_user(self) -> str:
        """The account the ``peer`` service runs as."""
        return self.service_user or PEER_USER


def read_settings(path: Path) -> Settings:
    file = path / SETTINGS_FILE
    try:
        data = tomllib.loads(file.read_text("utf-8"))
    except FileNotFoundError:
        raise LeerkringError(f"Geen werkruimte in {path}: {SETTINGS_FILE} ontbreekt.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LeerkringError(f"{file} is geen geldige TOML: {exc}.") from None
    try:
        workspace = data.get("workspace", {})
        privacy = data.get("privacy", {})
        service = data.get("service", {})
        admins = service.get("admins", [])
        if not isinstance(admins, list) or not all(isinstance(a, str) for a in admins):
            raise LeerkringError(f"{file}: service.admins moet een lijst van accountnamen zijn.")
        settings = Settings(
            name=str(workspace["name"]),
            created=str(workspace.get("created", "")),
            database_url=str(data.get("database", {}).get("url", "")),
            min_group_size=int(privacy.get("min_group_size", 3)),
            retention_months=int(privacy.get("retention_months", 24)),
            scrubber=str(privacy.get("scrubber", "service")),
            release=str(privacy.get("release", "coach")).strip().lower(),
            surrogates=privacy.get("surrogates", False),
            service_identity=str(service.get("identity", "local")).strip().lower() or "local",
            service_admins=tuple(a.strip().casefold() for a in admins if a.strip()),
            service_socket=str(service.get("socket", "")),
            service_user=str(service.get("user", "")).strip(),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise LeerkringError(f"{file} mist of heeft een ongeldige instelling ({exc}).") from None
    if settings.min_group_size < 1:
        raise LeerkringError(f"{file}: privacy.min_group_size moet 1 of meer zijn.")
    if settings.retention_months < 1:
        raise LeerkringError(f"{file}: privacy.retention_months moet 1 of meer zijn.")
    if settings.scrubber not in ("service", "inprocess"):
        raise LeerkringError(f"{file}: privacy.scrubber moet 'service' of 'inprocess' zijn.")
    if settings.release not in ("coach", "auto"):
        raise LeerkringError(f"{file}: privacy.release moet 'coach' of 'auto' zijn.")
    if not isinstance(settings.surrogates, bool):
        raise LeerkringError(f"{file}: privacy.surrogates moet true of false zijn.")
    if settings.service_socket and not Path(settings.service_socket).is_absolute():
        raise LeerkringError(f"{file}: service.socket moet een absoluut pad zijn.")
    return settings


def write_settings(path: Path, settings: Settings) -> None:
    import tomli_w

    target = path / SETTINGS_FILE
    tmp = target.with_suffix(".toml.tmp")
    tmp.write_text("# leerkring workspace settings\n" + tomli_w.dumps(settings.to_toml()), encoding="utf-8")
    os.replace(tmp, target)


def database_url(path: Path, settings: Settings) -> str:
    """LEERKRING_DATABASE_URL wins, then the setting, then the embedded SQLite file."""
    return os.environ.get(DATABASE_ENV) or settings.database_url or sqlite_url(path / DATA_DIR / DATABASE_FILE)


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file (here, not in the store, so kernels need no SQLAlchemy)."""
    return f"sqlite:///{Path(path).resolve()}"


def find_workspace(start: Path | None = None) -> Path:
    """The workspace containing ``start`` (default: the current directory), searching upwards."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise LeerkringError(
        f"Geen leerkring-werkruimte gevonden in {here} of erboven; maak er een met 'leerkring init' "
        "of geef --workspace op."
    )


def protect_data_dir(root: Path) -> None:
    """Close the workspace's data folder (0700) and its files (0600) to other accounts: the SQLite
    database and its ``-wal``/``-shm`` files hold every text with its author. Only what this account
    owns is changed (a shared service's files are its own); a failure is logged, not raised."""
    protect(Path(root) / DATA_DIR, recursive=False)


def protect(folder: Path, *, recursive: bool = True) -> None:
    """``folder`` 0700 and the files in it 0600 (with ``recursive``, every folder below too); what
    another account owns is left alone."""
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        return
    except OSError:
        log.warning("cannot check the mode of %s", folder, exc_info=True)
        return
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
        return
    try:
        if stat.S_IMODE(st.st_mode) != 0o700:
            os.chmod(folder, 0o700)
        with os.scandir(folder) as children:
            for child in children:
                cst = child.stat(follow_symlinks=False)
                if cst.st_uid != os.getuid():
                    continue
                if stat.S_ISDIR(cst.st_mode):
                    if recursive:
                        protect(Path(child.path))
                elif stat.S_ISREG(cst.st_mode) and stat.S_IMODE(cst.st_mode) & 0o077:
                    os.chmod(child.path, 0o600)
    except OSError:
        log.warning("cannot close %s to other accounts", folder, exc_info=True)
