"""A workspace: one organisation's settings, database, kring folders and summaries."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from leerkring import config
from leerkring.errors import AlreadyExists, LeerkringError
from leerkring.store.viewer import Viewer

log = logging.getLogger(__name__)

NOTEBOOK_STORE_ENV = "LEERKRING_NOTEBOOK_STORE"
SERVICE_URL_ENV = "LEERKRING_SERVICE_URL"  # set on JupyterHub (leerkring.store.remote reads it too)


def _scrubber(mode: str):
    """The store's scrubber: ``privacy.scrub`` in the workspace's mode, imported on first use."""

    def scrub(text: str, known_names=()):
        from leerkring.privacy import scrub

        return scrub(text, known_names=known_names, mode=mode)

    return scrub


def _create_private(url: str) -> None:
    """Create an embedded SQLite database file as 0600 before SQLite does (it would use the umask);
    SQLite gives its ``-wal`` and ``-shm`` files the database file's mode."""
    import os

    if not url.startswith("sqlite:///"):
        return
    file = Path(url[len("sqlite:///") :])
    try:
        os.close(os.open(file, os.O_WRONLY | os.O_CREAT, 0o600))
        os.chmod(file, 0o600)
    except OSError:  # the store's own open reports the problem in one line
        log.warning("could not create %s as a private file", file, exc_info=True)


class Workspace:
    """Library entry point: ``Workspace.open(path)`` or ``Workspace.init(path, name)``."""

    def __init__(self, path: Path, settings: config.Settings, store):
        self.path = path
        self.settings = settings
        self.store = store

    # -- creating and opening -------------------------------------------------------------------
    @classmethod
    def init(cls, path: str | Path, name: str, *, database_url: str | None = None, **store_kwargs) -> Workspace:
        path = Path(path).resolve()
        name = " ".join((name or "").split())
        if not name:
            raise LeerkringError("Geef de werkruimte een naam met --name.")
        if (path / config.SETTINGS_FILE).exists():
            raise AlreadyExists(f"In {path} staat al een werkruimte.")
        if path.exists() and not path.is_dir():
            raise LeerkringError(f"{path} is een bestand, geen map.")
        path.mkdir(parents=True, exist_ok=True)
        # the database and the summaries are this account's alone (0700 folders, 0600 files)
        for private in (path / config.DATA_DIR, path / "summaries"):
            private.mkdir(mode=0o700, exist_ok=True)
            config.protect(private)
        settings = config.Settings(name=name, database_url=database_url or "", created=dt.date.today().isoformat())
        url = config.database_url(path, settings)
        _create_private(url)
        from leerkring.store import Store

        store = Store.create(url, scrubber=cls._scrubber_for(settings, store_kwargs), release=settings.release)
        config.write_settings(path, settings)
        ws = cls(path, settings, store)
        store.audit("systeem", "workspace.init", {"name": name})
        return ws

    @classmethod
    def open(
        cls, path: str | Path | None = None, *, search: bool = True, check_version: bool = True, **store_kwargs
    ) -> Workspace:
        if path is not None and not search:
            root = Path(path).resolve()
        elif path is not None:
            root = Path(path).resolve()
            if not root.exists():
                raise LeerkringError(f"Werkruimte {root} bestaat niet.")
            root = config.find_workspace(root)
        else:
            root = config.find_workspace()
        settings = config.read_settings(root)
        url = config.database_url(root, settings)
        if url.startswith("sqlite:///"):
            config.protect_data_dir(root)  # also a workspace made before files were 0600
        config.protect(root / "summaries", recursive=False)
        from leerkring import frameworks
        from leerkring.store import Store

        store = Store(
            url,
            scrubber=cls._scrubber_for(settings, store_kwargs),
            frameworks=frameworks.load(root),
            check_version=check_version,
            release=settings.release,
        )
        return cls(root, settings, store)

    @classmethod
    def open_for_notebook(cls, root: Path) -> Workspace:
        """The workspace as a session notebook's kernel uses it.

        When texts are scrubbed by the leerkring service (the default), the store calls go there too
        (:class:`~leerkring.store.remote.RemoteStore`): the kernel then loads no SQLAlchemy and opens
        no database connection. ``LEERKRING_NOTEBOOK_STORE=local`` opens the database in the kernel.
        A caller that gets :class:`~leerkring.store.remote.RemoteUnavailable` on its first call falls
        back to :meth:`open`.
        """
        import os

        from leerkring import frameworks, privacy

        root = Path(root).resolve()
        local = os.environ.get(NOTEBOOK_STORE_ENV, "").strip().lower() == "local"
        if not local and not (root / config.SETTINGS_FILE).is_file() and os.environ.get(SERVICE_URL_ENV, "").strip():
            # JupyterHub without a shared file system: the hub's service holds the workspace and this
            # server has no copy of its folder; everything goes through the service (built-in frameworks)
            from leerkring.store.remote import RemoteStore

            return cls(root, config.Settings(name=root.name), RemoteStore(root, "", frameworks.load(None)))
        settings = config.read_settings(root)
        if local or privacy.effective_mode(settings.scrubber) != "service":
            return cls.open(root, search=False)
        from leerkring.store.remote import RemoteStore

        store = RemoteStore(root, config.database_url(root, settings), frameworks.load(root))
        return cls(root, settings, store)

    @staticmethod
    def _scrubber_for(settings: config.Settings, store_kwargs: dict):
        if "scrubber" in store_kwargs:
            return store_kwargs["scrubber"]
        return _scrubber(settings.scrubber)

    def close(self) -> None:
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- folders --------------------------------------------------------------------------------
    @property
    def frameworks(self):
        return self.store.frameworks

    def kring_dir(self, kring) -> Path:
        return self.path / self.store.kring(kring).slug

    def sessions_dir(self, kring) -> Path:
        return self.kring_dir(kring) / "sessions"

    @property
    def summaries_dir(self) -> Path:
        return self.path / "summaries"

    # -- operations that touch both files and the store -----------------------------------------
    def add_kring(self, name: str, description: str = ""):
        kring = self.store.add_kring(name, description)
        (self.path / kring.slug / "sessions").mkdir(parents=True, exist_ok=True)
        return kring

    def viewer_for(self, name: str | int) -> Viewer:
        """The viewer a person gets: a member of their kringen, or the organisation view for managers."""
        person = self.store.person(name)
        memberships = self.store.memberships(person.id)
        kringen = [m.kring_id for m in memberships if m.role != "manager"]
        if not kringen and memberships:
            return Viewer.organisation(person.name)
        return Viewer.member(person.id, kringen, person.name)
