"""Backups that lose nothing and expose nothing: ``create_backup``, ``check_backup``, ``restore_backup``.

- :mod:`.snapshot`: a consistent snapshot of SQLite or PostgreSQL while members keep saving;
- :mod:`.archive`: the one-file archive, its manifest and checksums, and the verifying reader;
- :mod:`.crypto`: optional encryption of the whole archive with a key file (Fernet);
- :mod:`.restore`: restore into a new workspace, verified first, with the live workspace's later
  forgets and retention runs applied again.

The command line (``leerkring backup``, ``leerkring restore``) is :mod:`leerkring.cli.backup_cmds`.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from leerkring import config
from leerkring.backup.archive import FORMAT, FORMAT_VERSION, ArchiveWriter, BackupError, read_archive
from leerkring.backup.crypto import Damaged, WrongKey, new_key_file, read_key
from leerkring.backup.restore import RestoreResult, restore_backup

log = logging.getLogger(__name__)

__all__ = [
    "BackupError",
    "Damaged",
    "WrongKey",
    "BackupResult",
    "CheckResult",
    "RestoreResult",
    "create_backup",
    "check_backup",
    "restore_backup",
    "new_key_file",
    "default_path",
]

BACKUP_DIR = "backups"


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    size: int


@dataclass
class CheckResult:
    manifest: dict
    files: int
    verified: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def default_path(workspace: Path, encrypted: bool, now: dt.datetime | None = None) -> Path:
    """``<workspace>/backups/leerkring-<date>-<time>.tar`` (``.tar.fernet`` when encrypted); the folder
    is made 0700."""
    folder = Path(workspace) / BACKUP_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    config.protect(folder, recursive=False)
    now = now or dt.datetime.now()
    return folder / f"leerkring-{now:%Y-%m-%d-%H%M%S}.tar{'.fernet' if encrypted else ''}"


def _workspace_files(root: Path) -> list[tuple[str, Path]]:
    files = []
    for folder in ("frameworks", "templates"):
        base = root / folder
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file():
                    files.append((f"workspace/{folder}/{path.relative_to(base).as_posix()}", path))
    return files


def _settings_bytes(root: Path) -> tuple[bytes, bool]:
    """leerkring.toml as it will be stored: unchanged, unless its database URL holds a password,
    which never goes into a backup."""
    raw = (root / config.SETTINGS_FILE).read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BackupError(f"{root / config.SETTINGS_FILE} is geen geldige TOML: {exc}.") from None
    url = str(data.get("database", {}).get("url", ""))
    if not url or "@" not in url:
        return raw, False
    from sqlalchemy.engine import make_url

    from leerkring.store.engine import normalise_url

    parsed = make_url(normalise_url(url))
    if not parsed.password:
        return raw, False
    import tomli_w

    from leerkring.backup.snapshot import libpq

    data["database"]["url"] = libpq(parsed)[0]
    return b"# leerkring workspace settings (the database password is not in the backup)\n" + tomli_w.dumps(
        data
    ).encode("utf-8"), True


def create_backup(workspace, output: Path | None = None, key_file: Path | None = None, actor: str = "systeem"):
    """Write a backup of ``workspace`` (a :class:`~leerkring.workspace.Workspace`) to ``output`` (default:
    :func:`default_path`), encrypted when ``key_file`` is given. Returns a :class:`BackupResult`."""
    from leerkring import __version__
    from leerkring.backup import snapshot

    key = read_key(key_file) if key_file is not None else None
    root = Path(workspace.path)
    target = Path(output).expanduser().absolute() if output else default_path(root, key is not None)
    if target.exists():
        raise BackupError(f"{target} bestaat al; een back-up wordt nooit overschreven.")
    if not target.parent.is_dir():
        raise BackupError(f"Map {target.parent} bestaat niet.")
    settings, password_removed = _settings_bytes(root)
    url = workspace.store.url
    workspace.store.engine.dispose()  # no pooled connection of ours on the file while it is copied
    created = dt.datetime.now(dt.UTC)
    scratch = _Scratch(target.parent)
    try:
        with ArchiveWriter(target, key) as writer:
            writer.add_bytes(f"workspace/{config.SETTINGS_FILE}", settings)
            for name, path in _workspace_files(root):
                writer.add_file(name, path)
            snap = snapshot.take(url, writer, scratch)
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "leerkring_version": __version__,
                "created_at": created.isoformat(),
                "source": {
                    "database": snap.kind,
                    "method": snap.method,
                    "workspace": str(root),
                    "name": workspace.settings.name,
                },
                "schema": {"version": snap.schema_version, "revision": snap.revision},
                "tables": snap.tables,
                "audit": snap.audit_last,
                "writers_waited_s": snap.writers_waited_s,
                "settings_password_removed": password_removed,
                "notes": snap.notes,
            }
            if snap.columns:
                manifest["columns"] = snap.columns
            writer.finish(manifest)
    finally:
        scratch.remove()
    return BackupResult(target, manifest, target.stat().st_size)


def check_backup(path: Path, key_file: Path | None = None) -> CheckResult:
    """Verify a backup without restoring it: checksums and structure, the manifest, and the database
    itself (SQLite: integrity and counts; PostgreSQL: the counts of the dumped rows, when pg_restore is
    available for a pg_dump). Unpacks into a private temporary folder that is removed afterwards."""
    from leerkring.backup import restore, snapshot

    path = Path(path).expanduser().absolute()
    shown = path.name
    folder = Path(tempfile.mkdtemp(prefix="leerkring-controle-"))
    try:
        manifest = read_archive(path, folder, key_file)
        restore.check_manifest(manifest, shown)
        result = CheckResult(manifest, len(manifest["files"]))
        result.verified.append(f"alle {result.files} bestanden kloppen met hun controlegetal (BLAKE3)")
        if manifest["source"]["database"] == "sqlite":
            db = folder / snapshot.DB_MEMBER
            verdict = restore.verify_sqlite(db, manifest, shown)
            result.verified.append(f"database-integriteit: {verdict}")
            result.verified.append(f"aantallen van alle {len(manifest['tables'])} tabellen kloppen")
        else:
            try:
                source = restore.CopySource(manifest, folder, shown)
            except BackupError as exc:
                result.notes.append(f"aantallen niet nageteld: {exc.message}")
            else:
                found = {table: source.count(table) for table in manifest["tables"]}
                restore._compare_counts(found, manifest["tables"], shown)
                result.verified.append(f"aantallen van alle {len(manifest['tables'])} tabellen kloppen")
        return result
    finally:
        _rmtree(folder)


class _Scratch:
    """A private temporary folder beside the archive (same file system), made on first use: the
    SQLite copy under the write lock needs none."""

    def __init__(self, parent: Path):
        self.parent = parent
        self.path: Path | None = None

    def __truediv__(self, name: str) -> Path:
        if self.path is None:
            self.path = Path(tempfile.mkdtemp(prefix=".leerkring-backup-", dir=self.parent))
        return self.path / name

    def remove(self) -> None:
        if self.path is not None:
            _rmtree(self.path)


def _rmtree(path: Path) -> None:
    def report(_function, failed, exc_info):
        log.warning("could not remove %s", failed, exc_info=exc_info)

    shutil.rmtree(path, onerror=report)
