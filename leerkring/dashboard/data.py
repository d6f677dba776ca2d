"""Reading the organisation summaries the dashboard is given (``LEERKRING_DASHBOARD_DATA``).

Layout (written by ``leerkring summarize``, schema ``leerkring/data/summary.schema.json``)::

    <data>/<kring-slug>/<period>.json      one kring, one period
    <data>/_organisatie/<period>.json      the roll-up over all kringen

Reading is lazy: listing the folder costs nothing per session, and a summary file is parsed only when it
is shown, so the dashboard starts equally fast with 10 or 5,000 sessions of history. Files whose
``audience`` is not ``organisatie`` or whose ``schema_version`` is unknown are never shown.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from leerkring.errors import LeerkringError
from leerkring.sections.document import ORGANISATIE, ROLLUP_SLUG, as_dict, as_list

log = logging.getLogger(__name__)

#: The environment variable that tells the dashboard kernel where the staged organisation summaries are.
DATA_ENV = "LEERKRING_DASHBOARD_DATA"
SCHEMA_VERSIONS = {1}  # major versions this reader understands; later ones only add optional fields

_QUARTER = re.compile(r"^(\d{4})[-_]?[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DATES = re.compile(r"(\d{4}-\d{2}-\d{2})")


def period_sort_key(stem: str) -> tuple:
    """Order periods by their last day without opening the file (newest last); unknown names first."""
    if stem == "alles":
        return ("9999-99-99", 0, stem)
    m = _QUARTER.match(stem)
    if m:
        return (f"{m[1]}-{int(m[2]) * 3:02d}-99", 2, stem)
    m = _MONTH.match(stem)
    if m:
        return (f"{m[1]}-{m[2]}-99", 3, stem)
    m = _YEAR.match(stem)
    if m:
        return (f"{m[1]}-12-99", 1, stem)
    dates = _DATES.findall(stem)
    if dates:
        return (dates[-1], 1, stem)
    return ("", 0, stem)


def period_label(stem: str) -> str:
    """How a period file name reads in the period choice."""
    if stem == "alles":
        return "Alle sessies"
    m = _QUARTER.match(stem)
    if m:
        return f"{m[1]} kwartaal {m[2]}"
    dates = _DATES.findall(stem)
    if len(dates) == 2:
        return f"{dates[0]} t/m {dates[1]}"
    return stem


@dataclass(frozen=True)
class SummaryFile:
    scope: str  # kring slug, or ROLLUP_SLUG
    stem: str  # period file name without .json
    path: Path

    @property
    def label(self) -> str:
        return period_label(self.stem)


class UnreadableSummary(LeerkringError):
    """A summary file the dashboard will not show (broken, other audience, unknown version)."""


class Library:
    """The organisation summaries folder, listed once."""

    def __init__(self, root: str | Path | None = None):
        root = root if root is not None else os.environ.get(DATA_ENV)
        if not root:
            raise LeerkringError(f"Het dashboard weet niet waar de samenvattingen staan ({DATA_ENV} is niet gezet).")
        self.root = Path(root)
        self.files: dict[str, list[SummaryFile]] = {}
        if self.root.is_dir():
            for folder in sorted(p for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")):
                found = [
                    SummaryFile(folder.name, p.stem, p) for p in folder.glob("*.json") if not p.name.startswith(".")
                ]
                if found:
                    self.files[folder.name] = sorted(found, key=lambda f: period_sort_key(f.stem))

    @property
    def empty(self) -> bool:
        return not self.files

    @property
    def has_rollup(self) -> bool:
        return ROLLUP_SLUG in self.files

    def kring_slugs(self) -> list[str]:
        return [slug for slug in self.files if slug != ROLLUP_SLUG]

    def periods(self, scope: str) -> list[SummaryFile]:
        return list(self.files.get(scope, []))

    def default_period(self, scope: str) -> SummaryFile | None:
        files = self.files.get(scope) or []
        for f in files:
            if f.stem == "alles":
                return f
        return files[-1] if files else None

    def get(self, scope: str, stem: str) -> SummaryFile | None:
        return next((f for f in self.files.get(scope, []) if f.stem == stem), None)

    def kring_names(self) -> dict[str, str]:
        """slug -> display name: from the roll-up's kring list, else from each kring's smallest file."""
        names: dict[str, str] = {}
        rollup = self.default_period(ROLLUP_SLUG)
        if rollup is not None:
            try:
                for row in as_list(load(rollup.path).get("kringen")):
                    if isinstance(row, dict) and row.get("slug") in self.files:
                        names[row["slug"]] = str(row.get("name") or row["slug"])
            except UnreadableSummary as exc:
                log.info("kring names not read from the roll-up %s: %s", rollup.path, exc.message)
        for slug in self.kring_slugs():
            if slug in names:
                continue
            smallest = min(self.files[slug], key=lambda f: f.path.stat().st_size)
            try:
                names[slug] = str(as_dict(load(smallest.path).get("scope")).get("name") or slug)
            except UnreadableSummary as exc:
                log.info("kring name not read from %s: %s", smallest.path, exc.message)
                names[slug] = slug
        return names


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int, size: int) -> dict:
    try:
        with open(path, "rb") as fh:
            doc = json.load(fh)
    except (OSError, ValueError) as exc:
        raise UnreadableSummary(f"Deze samenvatting is niet leesbaar ({type(exc).__name__}).") from None
    if not isinstance(doc, dict):
        raise UnreadableSummary("Deze samenvatting is niet leesbaar (geen object).")
    if doc.get("audience") != ORGANISATIE:
        raise UnreadableSummary("Deze samenvatting is niet voor de organisatie bedoeld en wordt niet getoond.")
    if doc.get("schema_version") not in SCHEMA_VERSIONS:
        raise UnreadableSummary("Deze samenvatting heeft een onbekende versie; werk leerkring bij.")
    return doc


def load(path: str | Path) -> dict:
    """One organisation summary, checked for audience and schema version (cached per file version)."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        raise UnreadableSummary("Deze samenvatting bestaat niet meer.") from None
    return _load_cached(str(path), st.st_mtime_ns, st.st_size)
