"""Fictitious names instead of person tags in organisation summaries (``[privacy] surrogates = true``).

Among texts full of ``[PERSOON-1]`` a name the scrubber missed stands out at once. With surrogates on,
every person tag in an organisation summary (``[PERSOON-n]``, and the ``[PERSOON]`` the redactor
writes for a member's name) becomes a fictitious name: a first name and a surname from
``leerkring/data/surrogates.toml`` (common names in the Netherlands). Within one summary (one
audience, kring and period: its JSON, HTML and notebook alike) the same tag always gets the same name
and different tags different names; the choice is a keyed hash (HMAC-SHA256) of the summary and the
tag, with a random key kept in the workspace's database (``leerkring_meta``), so the names are stable
from one run to the next but nobody without the database can tell which names are surrogates.
Names of the workspace's own people are never used. Kring summaries keep the tags.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from leerkring.store import schema

log = logging.getLogger(__name__)
#: The person tags that get a surrogate.
PERSON_TAG = re.compile(r"\[PERSOON(?:-\d+)?\]")
KEY_NAME = "surrogate_key"
DATA = Path(__file__).resolve().parent.parent / "data" / "surrogates.toml"


@lru_cache(maxsize=1)
def names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(first names, surnames) shipped with leerkring."""
    data = tomllib.loads(DATA.read_text("utf-8"))
    return tuple(data["first"]), tuple(data["last"])


def workspace_key(store) -> bytes:
    """The workspace's secret key for choosing surrogates, made (random) on first use."""
    meta = schema.meta.c
    with store.read() as conn:
        value = conn.execute(select(meta.value).where(meta.key == KEY_NAME)).scalar()
    if value is None:
        try:
            with store.write() as conn:
                conn.execute(schema.meta.insert().values(key=KEY_NAME, value=secrets.token_hex(32)))
        except IntegrityError:  # another run made it at the same moment: read that one back
            log.info("the surrogate key was made by another run; using it")
        with store.read() as conn:
            value = conn.execute(select(meta.value).where(meta.key == KEY_NAME)).scalar_one()
    return bytes.fromhex(value)


class Surrogates:
    """The surrogate names of one summary (``artifact``, e.g. ``organisatie/wijkteam-noord/2026Q4``)."""

    def __init__(self, key: bytes, artifact: str, avoid: Iterable[str] = ()):
        self.key = key
        self.artifact = artifact
        self.avoid = {part.casefold() for name in avoid for part in str(name).split() if len(part) >= 2}
        self.mapping: dict[str, str] = {}
        self._used: set[str] = set()

    def name_for(self, tag: str) -> str:
        found = self.mapping.get(tag)
        if found is not None:
            return found
        first, last = names()
        size = len(first) * len(last)
        digest = hmac.new(self.key, f"{self.artifact}\x00{tag}".encode(), hashlib.sha256).digest()
        start = int.from_bytes(digest[:8], "big")
        for step in range(size):
            index = (start + step) % size
            given, family = first[index % len(first)], last[index // len(first)]
            name = f"{given} {family}"
            if name in self._used or given.casefold() in self.avoid:
                continue
            if any(part.casefold() in self.avoid for part in family.split() if part[0].isupper()):
                continue
            break
        else:  # every combination taken (more tags than names): number the last one
            name = f"{given} {family} {len(self.mapping) + 1}"
        self.mapping[tag] = name
        self._used.add(name)
        return name

    def text(self, value):
        if not value or not isinstance(value, str):
            return value
        return PERSON_TAG.sub(lambda m: self.name_for(m.group()), value)


def apply(doc: dict, surrogates: Surrogates) -> dict:
    """Replace the person tags in every text of an organisation summary document, in document order."""
    for section in ("shared_entries", "lessons"):
        for item in doc.get(section) or ():
            item["text"] = surrogates.text(item.get("text"))
    for item in (doc.get("signals") or {}).get("items") or ():
        item["title"] = surrogates.text(item.get("title"))
        item["text"] = surrogates.text(item.get("text"))
        for response in item.get("responses") or ():
            response["text"] = surrogates.text(response.get("text"))
    return doc
