"""Bounds and cleaning for everything the store accepts, whichever door it came through.

The CLI, a kernel's own store, the service's gateway and the hub service all end in the same store
methods, so the checks live here and the store calls them before anything reaches the database.
Every refusal is a :class:`~leerkring.errors.UsageError` with one Dutch line that names the field and
the limit; nothing is cut off silently.

Cleaning (:func:`clean`) of every text:

- control characters are removed: C0 except tab and newline, DEL, C1, the bidirectional overrides,
  embeddings and isolates (``U+202A``–``U+202E``, ``U+2066``–``U+2069``, ``U+200E``, ``U+200F``,
  ``U+061C``), lone surrogates (PostgreSQL cannot store them), the byte-order mark and the
  non-characters ``U+FFFE``/``U+FFFF``; ``\\r\\n`` and ``\\r`` become ``\\n``;
- one-line fields (titles, tags, codes, names) have their whitespace collapsed to single spaces;
- the result is stripped; a required text that is empty after cleaning is refused.

Limits (characters, after cleaning):

=====================================  ==========
entry text (also an action's text,     20,000
effect and lesson)
signal title, session title            300
signal text                            20,000
response to a signal                   10,000
evaluation remark                      5,000
``extra`` text field / textarea        2,000 / 5,000
``extra`` code (``level``, ...)        40
``extra`` list (multiselect)           30 items
tags                                   30, each 60
step key                               64
``client_key``                         56 (letters, digits, ``-_.:``)
=====================================  ==========

``extra`` is declared, not free-form (:func:`check_extra`): its keys are the ``fields`` of the entry's
kind (``leerkring/data/principles.toml``, validated in :mod:`leerkring.frameworks`) plus the codes
the demo corpus and older releases write on any kind (:data:`CODE_KEYS`). A value's type follows the
field's widget: ``text``/``textarea`` a string (free text: scrubbed), ``dropdown`` one choice,
``multiselect`` a list of choices, ``date`` an ISO date (``2026-11-02``). A choice from the ``members``
vocabulary is a member of the session's kring (person id or name). A field of a widget type a
plugin adds may hold a string (scrubbed), a number, a truth value or a list of strings. Unknown keys
and wrong types are refused. A member chosen from ``members`` is stored by name. The keys the store
writes itself (an action's ``owner`` and ``due`` from :meth:`save_action`'s parameters, a report's
``action_id`` and ``action``) are derived by the store and are not taken from a caller's ``extra``.

Tags and choices are **not** restricted to the vocabularies, by decision: a workspace's vocabularies
change over time (a term removed from ``frameworks/*.toml`` may still arrive from a form opened
before), and refusing would lose a member's contribution. Instead, a tag or choice that is a key of
the workspace's vocabularies (kwesties, values, source roles) is kept as it is; anything else is free
text: cleaned, limited to one line of 60 characters and scrubbed like every other text.

Scrubbing: every free text of one save (the text, the free ``extra`` strings and the free tags) goes
to the scrubber in one call (:func:`scrub_all`), so one save costs one scrub and a person gets the same
pseudonym in the text and in a field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from leerkring.errors import UsageError

# -- the limits (characters) ------------------------------------------------------------------------
ENTRY_TEXT = 20_000
SIGNAL_TITLE = 300
SESSION_TITLE = 300
SIGNAL_TEXT = 20_000
RESPONSE = 10_000
REMARK = 5_000
RESPONDER = 200
EXTRA_TEXT = 2_000
EXTRA_TEXTAREA = 5_000
EXTRA_CODE = 40
EXTRA_LIST = 30
TAGS = 30
TAG = 60
STEP = 64
JOIN_LIMIT = 60_000  # texts of one save scrubbed in one call up to this length (the service takes 100,000)
CLIENT_KEY = 56  # the store derives keys of its own from it (``<key>:effect``), within the column's 64

#: Codes written on any kind by the demo corpus and older releases (``extra[key]`` is a short code).
CODE_KEYS = frozenset({"level", "invitee_kind"})
#: The frameworks' vocabularies whose keys a tag or choice may be (``members`` is the kring's people).
TERM_VOCABULARIES = ("kwesties", "values", "source_roles")

# C0 except \t and \n, DEL, C1; bidi marks, embeddings, overrides and isolates; BOM; surrogates;
# the two non-characters of the BMP's end.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]"
)
_CODE = re.compile(r"^[a-z][a-z0-9_-]*$")
_CLIENT_KEY = re.compile(r"^[A-Za-z0-9_.:-]+$")
_SEPARATOR = "\n\n\u2042\u2042\u2042\n\n"  # between the texts of one scrub call (see scrub_all)


# -- cleaning ---------------------------------------------------------------------------------------
def strip_controls(text: str) -> str:
    """``text`` without control, bidi-override and unencodable characters; line ends as ``\\n``."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean(
    value: Any, field: str, limit: int, *, required: bool = False, one_line: bool = False, empty: str = ""
) -> str:
    """A cleaned text (see the module docstring), at most ``limit`` characters.

    ``field`` names the text in Dutch for the messages ("de bijdrage", "de titel van het signaal").
    ``None`` is the empty text. ``empty`` is the message for a required text that is empty.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise UsageError(f"{_cap(field)} moet tekst zijn.")
    if len(value) > 4 * limit + 1000:  # clearly too long: refuse before cleaning a huge text
        raise UsageError(_too_long(field, len(value), limit))
    text = strip_controls(value)
    text = " ".join(text.split()) if one_line else text.strip()
    if len(text) > limit:
        raise UsageError(_too_long(field, len(text), limit))
    if required and not text:
        raise UsageError(empty or f"{_cap(field)} is leeg.")
    return text


def client_key(value: Any) -> str | None:
    """A save's idempotency key: ``None``, or up to 56 letters, digits and ``-_.:``."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > CLIENT_KEY or not _CLIENT_KEY.match(value):
        raise UsageError(
            f"Ongeldige client_key: hoogstens {CLIENT_KEY} letters, cijfers of de tekens - _ . : zonder spaties."
        )
    return value


def step(value: Any) -> str:
    return clean(value, "de stap", STEP, one_line=True)


def _cap(field: str) -> str:
    return field[:1].upper() + field[1:]


def _too_long(field: str, length: int, limit: int) -> str:
    return f"{_cap(field)} is te lang ({_number(length)} tekens; hoogstens {_number(limit)})."


def _number(n: int) -> str:
    """``20000`` as Dutch writes it: ``20.000``."""
    return f"{n:,}".replace(",", ".")


# -- tags -------------------------------------------------------------------------------------------
def vocabulary_keys(frameworks) -> frozenset[str]:
    """The keys of the workspace's term vocabularies: the tags and choices kept without scrubbing."""
    keys: set[str] = set()
    for name in TERM_VOCABULARIES:
        keys.update(term.key for term in getattr(frameworks, name, ()) or ())
    return frozenset(keys)


def check_tags(tags: Any) -> list[str]:
    """Cleaned tags in order, without duplicates: at most :data:`TAGS`, each at most :data:`TAG` characters."""
    if tags is None:
        return []
    if isinstance(tags, str) or not isinstance(tags, (list, tuple)):
        raise UsageError("Labels (tags) moeten een lijst van teksten zijn.")
    if len(tags) > 4 * TAGS:
        raise UsageError(f"Te veel labels ({len(tags)}; hoogstens {TAGS}).")
    cleaned: list[str] = []
    for tag in tags:
        tag = clean(tag, "een label", TAG, one_line=True)
        if tag and tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > TAGS:
        raise UsageError(f"Te veel labels ({len(cleaned)}; hoogstens {TAGS}).")
    return cleaned


# -- extra ------------------------------------------------------------------------------------------
class Free(str):
    """A string in a checked ``extra`` or tag list that is free text: :func:`scrub_all` scrubs it."""


def check_extra(extra: Any, kind, vocabulary: frozenset[str], member: Callable[[Any], Any]) -> dict[str, Any]:
    """``extra`` of a new entry of ``kind`` (an :class:`~leerkring.frameworks.EntryKind`), checked and
    cleaned. Free-text strings come back as :class:`Free`, for :func:`scrub_all`.

    ``vocabulary`` is :func:`vocabulary_keys`; ``member(value)`` checks a choice from the kring's
    members and returns what is stored (it raises for someone who is not a member).
    """
    if extra is None:
        return {}
    if not isinstance(extra, dict):
        raise UsageError("De extra velden (extra) moeten een verzameling van sleutels en waarden zijn.")
    declared = {field.key: field for field in getattr(kind, "fields", ())}
    checked: dict[str, Any] = {}
    for key, value in extra.items():
        if not isinstance(key, str):
            raise UsageError("De sleutels van de extra velden moeten tekst zijn.")
        field = declared.get(key)
        if field is None and key not in CODE_KEYS:
            allowed = sorted(set(declared) | CODE_KEYS)
            raise UsageError(
                f"Onbekend extra veld '{key[:40]}' bij soort bijdrage '{kind.key}'. Toegestaan: {', '.join(allowed)}."
            )
        if value is None:
            checked[key] = None
        elif field is None:
            checked[key] = _code(key, value, vocabulary)
        else:
            checked[key] = _field_value(field, value, vocabulary, member)
    return checked


def _code(key: str, value: Any, vocabulary: frozenset[str]) -> Any:
    name = f"het extra veld '{key}'"
    text = clean(value, name, EXTRA_CODE, one_line=True)
    if not _CODE.match(text):
        raise UsageError(f"{_cap(name)} is een code: kleine letters, cijfers, - of _ (hoogstens {EXTRA_CODE}).")
    return text if text in vocabulary else Free(text)


def _choice(name: str, value: Any, vocabulary: frozenset[str]) -> str:
    text = clean(value, name, TAG, one_line=True)
    return text if text in vocabulary else Free(text)


def _field_value(field, value: Any, vocabulary: frozenset[str], member: Callable[[Any], Any]) -> Any:
    name = f"het extra veld '{field.key}'"
    widget = field.widget
    if widget in ("text", "textarea"):
        text = clean(value, name, EXTRA_TEXT if widget == "text" else EXTRA_TEXTAREA)
        return Free(text) if text else None
    if widget == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.isoformat()
        if isinstance(value, str) and len(value) <= 10:
            try:
                return dt.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass  # refused below, with the message that says what is expected
        raise UsageError(f"{_cap(name)} moet een datum zijn (jjjj-mm-dd).")
    if widget == "dropdown":
        if field.vocabulary == "members":
            return member(value)
        if not isinstance(value, str):
            raise UsageError(f"{_cap(name)} moet één keuze (tekst) zijn.")
        return _choice(name, value, vocabulary)
    if widget == "multiselect":
        items = _list(name, value)
        if field.vocabulary == "members":
            return [member(item) for item in items]
        if not all(isinstance(item, str) for item in items):
            raise UsageError(f"{_cap(name)} moet een lijst van keuzes (teksten) zijn.")
        return [_choice(name, item, vocabulary) for item in items]
    # a widget type a plugin adds: a string, a number, a truth value or a list of strings
    if isinstance(value, bool) or (isinstance(value, (int, float)) and value == value and abs(value) < 1e15):
        return value
    if isinstance(value, str):
        text = clean(value, name, EXTRA_TEXTAREA)
        return Free(text) if text else None
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return [Free(clean(item, name, EXTRA_TEXT)) for item in _list(name, value)]
    raise UsageError(f"{_cap(name)} heeft een waarde van een soort die niet wordt opgeslagen.")


def _list(name: str, value: Any) -> list:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise UsageError(f"{_cap(name)} moet een lijst zijn.")
    if len(value) > EXTRA_LIST:
        raise UsageError(f"{_cap(name)} heeft te veel keuzes ({len(value)}; hoogstens {EXTRA_LIST}).")
    return list(value)


def free_tags(tags: Iterable[str], vocabulary: frozenset[str]) -> list[str]:
    """``tags`` with those outside the vocabularies marked :class:`Free` (to be scrubbed)."""
    return [tag if tag in vocabulary else Free(tag) for tag in tags]


# -- scrubbing --------------------------------------------------------------------------------------
def scrub_all(
    scrub_text: Callable[[str], tuple[str, list[dict]]], text: str, extra: dict[str, Any], tags: Sequence[str]
) -> tuple[str, list[dict], dict[str, Any], list[str]]:
    """Scrub ``text`` and the :class:`Free` strings of ``extra`` and ``tags`` in one scrubber call.

    Returns (text, findings, extra, tags) with plain strings. The texts are joined with a separator
    no detector matches; should a replacement ever swallow one, each text is scrubbed on its own.
    """
    slots: list[tuple[Any, ...]] = []  # where each free string goes back: (container, key[, index])
    texts = [text]
    for key, value in extra.items():
        if isinstance(value, Free):
            slots.append((extra, key))
            texts.append(str(value))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, Free):
                    slots.append((value, index))
                    texts.append(str(item))
    tags = list(tags)
    for index, tag in enumerate(tags):
        if isinstance(tag, Free):
            slots.append((tags, index))
            texts.append(str(tag))
    parts: list[str] = []
    findings: list[dict] = []
    if sum(map(len, texts)) <= JOIN_LIMIT and not any(_SEPARATOR in t for t in texts):
        joined, findings = scrub_text(_SEPARATOR.join(texts)) if any(texts) else ("", [])
        parts = joined.split(_SEPARATOR)
    if len(parts) != len(texts):  # a separator went missing (or was in a text): one call per text
        parts, findings = [], []
        for part in texts:
            scrubbed, found = scrub_text(part) if part else (part, [])
            parts.append(scrubbed)
            findings.extend(found)
    for (container, key), scrubbed in zip(slots, parts[1:], strict=True):
        container[key] = str(scrubbed)
    extra = {key: (str(v) if isinstance(v, str) else v) for key, v in extra.items()}
    tags = list(dict.fromkeys(str(tag) for tag in tags if str(tag)))  # scrubbed tags may now coincide
    return parts[0], findings, extra, tags
