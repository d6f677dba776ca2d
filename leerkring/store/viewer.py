"""Who is looking. Every store query that returns text takes a viewer and filters by it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Viewer:
    """A reader of the store.

    kind:
      ``member``        a member (or coach or guest) of ``kring_ids``; sees kring and organisation
                        entries of those kringen, and their own personal entries.
      ``kring_summary`` the kring summary of ``kring_ids``: kring and organisation entries, no personal ones.
      ``organisation``  management and everything built for the organisation: only entries shared
                        with the organisation, never an author.
    """

    kind: str
    person_id: int | None = None
    kring_ids: frozenset[int] = frozenset()
    name: str = ""

    @classmethod
    def member(cls, person_id: int, kring_ids, name: str = "") -> Viewer:
        return cls("member", person_id, frozenset(kring_ids), name)

    @classmethod
    def kring_summary(cls, kring_ids) -> Viewer:
        return cls("kring_summary", None, frozenset(kring_ids), "samenvatting")

    @classmethod
    def organisation(cls, name: str = "organisatie") -> Viewer:
        return cls("organisation", None, frozenset(), name)

    @property
    def sees_authors(self) -> bool:
        return self.kind == "member"
