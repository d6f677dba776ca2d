"""The :class:`Store` over a database connection (SQLAlchemy); see :mod:`leerkring.store`."""

from __future__ import annotations

from collections.abc import Callable

from leerkring.store.actions import ActionsMixin
from leerkring.store.cases import CasesMixin
from leerkring.store.core import StoreCore
from leerkring.store.entries import EntriesMixin
from leerkring.store.people import PeopleMixin
from leerkring.store.publications import PublicationsMixin
from leerkring.store.release import RELEASE_MODES, ReleaseMixin
from leerkring.store.rights import RightsMixin
from leerkring.store.room import RoomMixin
from leerkring.store.sessions import SessionsMixin
from leerkring.store.signals import SignalsMixin

Scrubber = Callable[..., object]  # scrub(text, known_names=...) -> object with .text and .findings


class Store(
    PeopleMixin,
    SessionsMixin,
    EntriesMixin,
    ActionsMixin,
    SignalsMixin,
    RightsMixin,
    PublicationsMixin,
    ReleaseMixin,
    RoomMixin,
    CasesMixin,
    StoreCore,
):
    """Library API over the database. The CLI, the widgets and the notebooks all go through it."""

    def __init__(
        self,
        url: str,
        *,
        scrubber: Scrubber | None = None,
        frameworks=None,
        check_version: bool = True,
        release: str = "coach",
    ):
        if release not in RELEASE_MODES:
            raise ValueError(f"release must be one of {RELEASE_MODES}, not {release!r}")
        super().__init__(url, check_version=check_version)
        self.release_mode = release  # "coach": organisation texts wait for a coach (store/release.py)
        self.scrubber = scrubber
        self._frameworks = frameworks
        self._known_names: tuple[str, ...] | None = None

    @classmethod
    def create(cls, url: str, **kwargs) -> Store:
        """Create the schema in an empty database and return a store on it."""
        store = cls(url, check_version=False, **kwargs)
        store.create_schema()
        return store

    @property
    def frameworks(self):
        if self._frameworks is None:
            from leerkring import frameworks

            self._frameworks = frameworks.builtin()
        return self._frameworks

    # -- scrubbing ------------------------------------------------------------------------------
    def known_names(self) -> tuple[str, ...]:
        if self._known_names is None:
            self._known_names = self.person_names()
        return self._known_names

    def _names_changed(self) -> None:
        self._known_names = None

    def scrub_text(self, text: str) -> tuple[str, list[dict]]:
        """(pseudonymised text, findings as [{type, replacement}]) — never the original values."""
        if self.scrubber is None or not text:
            return text, []
        result = self.scrubber(text, known_names=self.known_names())
        findings = [{"type": f.type, "replacement": f.replacement} for f in getattr(result, "findings", ())]
        return result.text, findings
