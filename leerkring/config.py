"""Workspace settings in ``leerkring.toml``."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from leerkring.errors import LeerkringError

SETTINGS_FILE = "leerkring.toml"
DATA_DIR = ".leerkring"
DATABASE_FILE = "leerkring.db"
DATABASE_ENV = "LEERKRING_DATABASE_URL"


@dataclass
class Settings:
    name: str
    database_url: str = ""  # empty: the embedded SQLite database under .leerkring/
    min_group_size: int = 3  # k: figures resting on fewer contributors are suppressed
    retention_months: int = 24  # raw reflections older than this lose their text
    scrubber: str = "service"  # "service" (shared process) or "inprocess"
    created: str = ""
    extra: dict = field(default_factory=dict)

    def to_toml(self) -> dict:
        return {
            "workspace": {"name": self.name, "created": self.created},
            "database": {"url": self.database_url},
            "privacy": {
                "min_group_size": self.min_group_size,
                "retention_months": self.retention_months,
                "scrubber": self.scrubber,
            },
        }


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
        settings = Settings(
            name=str(workspace["name"]),
            created=str(workspace.get("created", "")),
            database_url=str(data.get("database", {}).get("url", "")),
            min_group_size=int(privacy.get("min_group_size", 3)),
            retention_months=int(privacy.get("retention_months", 24)),
            scrubber=str(privacy.get("scrubber", "service")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise LeerkringError(f"{file} mist of heeft een ongeldige instelling ({exc}).") from None
    if settings.min_group_size < 1:
        raise LeerkringError(f"{file}: privacy.min_group_size moet 1 of meer zijn.")
    if settings.retention_months < 1:
        raise LeerkringError(f"{file}: privacy.retention_months moet 1 of meer zijn.")
    if settings.scrubber not in ("service", "inprocess"):
        raise LeerkringError(f"{file}: privacy.scrubber moet 'service' of 'inprocess' zijn.")
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
