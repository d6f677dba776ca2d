"""Residual risk: what a coach should look at twice before a scrubbed text reaches the organisation.

The scrubber (:func:`leerkring.privacy.scrub`) replaces what it recognises; this module points at what
it may have missed, for the coach's release review (``leerkring release list``). It replaces nothing.
:func:`residual_risks` returns spans of the text with their reasons (Dutch words, shown to the coach):

- ``voornaam`` / ``achternaam``: a word in deduce's first-name or surname lookups, in capitals or in
  lower case as well as capitalised the ordinary way. Not flagged: deduce's common words, stop words and
  medical terms, the domain's keep-words (:mod:`.keep`), name particles ("de", "van"), and, written in
  lower case or at the start of a sentence, a word that is frequent in ordinary Dutch ("roos", "groot")
  or one of the ordinary words that are also names (:data:`.keep.NAME_WORDS`);
- ``onbekend woord``: a word that is not in the Dutch word list (pyspellchecker's Dutch frequency list,
  ``spellchecker/resources/nl.json.gz``; also not as a plural, a diminutive or every part of a
  hyphenated word), nor a keep-word or a common word of deduce: a surname deduce does not know, a
  misspelt name, a code;
- ``cijfers``: a run of three or more digits, also with spaces, dots, dashes or slashes between them;
- ``e-mail``: ``@`` and look-alikes, ``[at]``/``(punt)``, "apenstaartje", a spelled-out address
  ("jan at gmail punt com"), a domain name.

The scrubber's own tags (``[PERSOON-1]``, ``[TELEFOON-2]``, ...) are never flagged.

The name lookups are the engine's own (:class:`.names.NameLookups`) when deduce is loaded in this
process (the service, ``LEERKRING_SCRUBBER=inprocess``); otherwise they are read from the same source
lists deduce ships (``deduce/data/lookup/src``), which takes milliseconds and does not load deduce's
model, so the command line needs no service and no gigabyte for them. The word list is read once per
process (about half a second).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from leerkring.errors import LeerkringError
from leerkring.privacy import registry
from leerkring.privacy.keep import NAME_WORDS, PARTICLES, TITLES
from leerkring.privacy.names import NameLookups

log = logging.getLogger(__name__)

FIRST_NAME = "voornaam"
SURNAME = "achternaam"
UNKNOWN_WORD = "onbekend woord"
DIGITS = "cijfers"
EMAIL = "e-mail"
#: Every reason, in the order they are listed for a span.
REASONS = (FIRST_NAME, SURNAME, UNKNOWN_WORD, DIGITS, EMAIL)

#: A word this frequent in the Dutch word list is an ordinary word when written in lower case or at
#: the start of a sentence, even if it is also a name ("roos", "groot", "visser").
FREQUENT = 1_000

_TAG = re.compile(r"\[[A-Z]+(?:-\d+)?\]")
_WORD = re.compile(r"(?<![\w])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w])")
_DIGITS = re.compile(r"\d(?:[ .\-/]?\d){2,}")
_EMAIL = re.compile(
    r"[\w.+-]*[@＠﹫][\w-]*(?:\.[\w-]+)*"
    r"|[\[({<]\s*(?:at|a|dot|punt)\s*[\])}>]"
    r"|\b(?:apenstaartje|at-teken)\b"
    r"|\b[\w.-]+\s+(?:at|apenstaartje)\s+[\w-]+\s+(?:punt|dot)\s+(?:nl|com|net|org|eu|be|info)\b"
    r"|\b(?:punt|dot)\s+(?:nl|com|net|org|eu|be|info)\b"
    r"|\b[\w-]+\.(?:nl|com|net|org|eu|be|info)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:;\n]\s*[\"'“‘(]*$")
_SUFFIXES = ("'s", "’s", "s", "en", "e", "tje", "tjes", "pje", "pjes", "etje", "etjes", "je", "jes", "n")


@dataclass(frozen=True, slots=True)
class Risk:
    """A span of the text (``text[start:end]``) and why a coach should look at it."""

    start: int
    end: int
    reasons: tuple[str, ...]


# ------------------------------------------------------------------------------------ the lists
def _engine_lookups() -> NameLookups | None:
    """The lookups of an engine already loaded in this process (none is loaded for this)."""
    from leerkring import privacy

    engine = privacy._engines.get(True)
    names = getattr(engine, "_names", None) if engine is not None else None
    return names.lookups if names is not None else None


def _read_list(folder: Path) -> frozenset[str]:
    items = (folder / "items.txt").read_text("utf-8").splitlines()
    exceptions_file = folder / "exceptions.txt"
    exceptions = set(exceptions_file.read_text("utf-8").splitlines()) if exceptions_file.is_file() else set()
    return frozenset(w.strip().lower() for w in items if len(w.strip()) >= 2 and w.strip() not in exceptions)


@lru_cache(maxsize=1)
def _deduce_lookups() -> NameLookups:
    """First names, surnames and common words from the source lists deduce ships (without loading it)."""
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        raise LeerkringError("deduce ontbreekt: de namenlijsten voor de vrijgave zijn niet beschikbaar.")
    src = Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"
    try:
        first = _read_list(src / "names" / "lst_first_name")
        surname = _read_list(src / "names" / "lst_surname") | _read_list(src / "names" / "lst_interfix_surname")
        common = frozenset().union(
            *(_read_list(src / "whitelist" / f"lst_{name}") for name in ("common_word", "stop_word", "medical_term"))
        )
    except OSError as exc:
        raise LeerkringError(f"De namenlijsten van deduce zijn niet leesbaar ({exc.strerror}).") from None
    return NameLookups(first, surname, frozenset(), frozenset(), common)


def name_lookups() -> NameLookups:
    """The engine's name lookups when deduce is loaded here, else deduce's source lists."""
    return _engine_lookups() or _deduce_lookups()


@lru_cache(maxsize=1)
def dutch_words() -> dict[str, int]:
    """Dutch words (lower case) and how often they occur: pyspellchecker's Dutch frequency list."""
    spec = importlib.util.find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        raise LeerkringError("De Nederlandse woordenlijst (pyspellchecker) ontbreekt; installeer leerkring opnieuw.")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "nl.json.gz"
    try:
        return json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError, EOFError) as exc:
        raise LeerkringError(f"De Nederlandse woordenlijst is niet leesbaar ({type(exc).__name__}).") from None


# ------------------------------------------------------------------------------------ finding
def residual_risks(text: str, *, lookups: NameLookups | None = None, words: dict[str, int] | None = None) -> list[Risk]:
    """Spans of ``text`` a coach should look at before releasing it, sorted, overlapping ones merged.

    ``lookups`` and ``words`` default to :func:`name_lookups` and :func:`dutch_words` (tests pass
    small ones)."""
    if not text:
        return []
    lookups = lookups if lookups is not None else name_lookups()
    words = words if words is not None else dutch_words()
    tags = [(m.start(), m.end()) for m in _TAG.finditer(text)]

    def in_tag(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in tags)

    found: list[tuple[int, int, str]] = []
    keep = registry.keep_words()
    for m in _WORD.finditer(text):
        if in_tag(m.start(), m.end()):
            continue
        word = m.group()
        low = word.lower().replace("’", "'")
        if len(low) < 2 or low in PARTICLES or low in TITLES:
            continue
        ordinary = low in lookups.common or low in keep
        shape = "lower" if word[0].islower() else "capital"
        plain = shape == "lower" or _SENTENCE_END.search(text, 0, m.start()) is not None or m.start() == 0
        frequent = words.get(low, 0) >= FREQUENT or low in NAME_WORDS
        possessive = low[:-2] if low.endswith("'s") else (low[:-1] if low.endswith("'") else low)
        reasons = []
        if not ordinary and not (plain and frequent):
            if possessive in lookups.first:
                reasons.append(FIRST_NAME)
            if possessive in lookups.surname:
                reasons.append(SURNAME)
        if not ordinary and not _known(low, words, keep, lookups.common) and len(low) >= 3:
            reasons.append(UNKNOWN_WORD)
        for reason in reasons:
            found.append((m.start(), m.end(), reason))
    for m in _DIGITS.finditer(text):
        if not in_tag(m.start(), m.end()):
            found.append((m.start(), m.end(), DIGITS))
    for m in _EMAIL.finditer(text):
        if not in_tag(m.start(), m.end()):
            found.append((m.start(), m.end(), EMAIL))
    return _merge(found)


def _known(low: str, words: dict[str, int], keep: frozenset[str], common: frozenset[str]) -> bool:
    """Whether a lower-case word is ordinary Dutch (also as a plural, diminutive or possessive, or when
    every part of a hyphenated word is)."""

    def one(w: str) -> bool:
        if w in words or w in keep or w in common:
            return True
        return any(w.endswith(s) and len(w) - len(s) >= 3 and w[: -len(s)] in words for s in _SUFFIXES)

    if one(low):
        return True
    parts = [p for p in re.split(r"[-']", low) if p]
    return len(parts) > 1 and all(one(p) or len(p) < 3 for p in parts)


def _merge(found: Iterable[tuple[int, int, str]]) -> list[Risk]:
    spans: list[list] = []
    for start, end, reason in sorted(found):
        if spans and start <= spans[-1][1]:  # overlapping or touching ("jansen" + "@ziggo.nl")
            spans[-1][1] = max(spans[-1][1], end)
            spans[-1][2].add(reason)
        else:
            spans.append([start, end, {reason}])
    return [Risk(s, e, tuple(r for r in REASONS if r in reasons)) for s, e, reasons in spans]


def mark(text: str, risks: Iterable[Risk], left: str = "»", right: str = "«") -> str:
    """``text`` with every risky span between ``left`` and ``right`` (``»Fatima« belde``)."""
    out, pos = [], 0
    for risk in sorted(risks, key=lambda r: r.start):
        out += [text[pos : risk.start], left, text[risk.start : risk.end], right]
        pos = risk.end
    out.append(text[pos:])
    return "".join(out)
