"""Normalise a text before the scrubber looks at it, so that disguised personal data looks ordinary.

Each step undoes a way to hide a name, number or address from pattern matching:

1. invisible characters are removed: every format character (Unicode category Cf: zero-width space,
   joiners and non-joiners U+200B..U+200F, word joiner and invisible operators U+2060..U+2064, byte
   order mark U+FEFF, soft hyphen U+00AD, bidi controls, tag characters) plus the combining grapheme
   joiner and variation selectors (``06<zero-width>1234`` -> ``061234``);
2. NFKC compatibility folding: full-width and other compatibility forms become their ordinary letters,
   digits and punctuation (``＠`` -> ``@``, ``０６－１２`` -> ``06-12``, ``𝐉𝐚𝐧`` -> ``Jan``, a
   no-break space -> a space);
3. decimal digits of any script become ASCII digits (``٠٦`` -> ``06``), and hyphen-like dashes
   (U+2010..U+2013, the minus sign) become ``-``;
4. Latin look-alike letters from Cyrillic and Greek (``а е о р с у х і ј ѕ Α Β Ε Κ Μ Ο Ρ Τ Χ`` ...)
   become the Latin letters they imitate, in every word that is Latin once they are folded
   (``Mаrtijn`` with a Cyrillic ``а`` -> ``Martijn``). A word with letters of its own script
   (``Привет``) is left alone.

The scrubber stores the normalised text, and its findings' offsets refer to it (see
:mod:`leerkring.privacy.model`). :func:`normalise_map` also says where each character came from, for
code that must relate offsets in the original to offsets in the normalised text (the labelled test
set does). Stdlib only.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

#: Cyrillic and Greek letters that look like a Latin letter, and that letter.
HOMOGLYPHS: dict[str, str] = {
    # Cyrillic capitals
    "А": "A", "В": "B", "Е": "E", "Ѐ": "È", "Ё": "Ë", "Ѕ": "S", "І": "I", "Ї": "Ï", "Ј": "J",
    "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ү": "Y",
    "Һ": "H", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I",
    # Cyrillic small letters
    "а": "a", "е": "e", "ѐ": "è", "ё": "ë", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s",
    "і": "i", "ї": "ï", "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ү": "y",
    # Greek capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ϲ": "C", "Ϳ": "J",
    # Greek small letters
    "ο": "o", "ν": "v", "ρ": "p", "α": "a", "ι": "i", "κ": "k", "υ": "u", "χ": "x", "ϲ": "c", "ϳ": "j",
}  # fmt: skip

_HOMOGLYPH_TABLE = str.maketrans(HOMOGLYPHS)
_DASHES = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-"}
_EXTRA_INVISIBLE = frozenset("\u034f") | frozenset(map(chr, range(0xFE00, 0xFE10)))
# A word: letters and combining marks of any script. Only words with a Cyrillic or Greek letter are
# looked at further.
_WORD = re.compile(r"[^\W\d_]+")
_FOREIGN = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")


def _invisible(ch: str) -> bool:
    return ch in _EXTRA_INVISIBLE or unicodedata.category(ch) == "Cf" or 0xE0100 <= ord(ch) <= 0xE01EF


def _fold_word(match: re.Match[str]) -> str:
    word = match.group()
    if not _FOREIGN.search(word):
        return word
    folded = word.translate(_HOMOGLYPH_TABLE)
    if _FOREIGN.search(folded):  # letters of its own script remain: a real Cyrillic or Greek word
        return word
    return folded


def fold_homoglyphs(text: str) -> str:
    """Latin look-alike letters to Latin, per word (same length as ``text``)."""
    if not _FOREIGN.search(text):
        return text
    return _WORD.sub(_fold_word, text)


def _fold_unit(unit: str) -> str:
    out = unicodedata.normalize("NFKC", unit)
    if out.isascii():
        return out
    chars = []
    for ch in out:
        if ch in _DASHES:
            chars.append(_DASHES[ch])
        elif not ch.isascii() and unicodedata.category(ch) == "Nd":
            chars.append(str(unicodedata.digit(ch)))
        else:
            chars.append(ch)
    return "".join(chars)


def normalise_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the offset in ``text`` it came from;
    the list has one more item, ``len(text)``, so that an end offset maps too."""
    if text.isascii():
        return text, list(range(len(text) + 1))
    out: list[str] = []
    origin: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if _invisible(ch):
            i += 1
            continue
        # a unit: a base character with the combining marks after it (NFKC composes within it)
        start, j = i, i + 1
        while j < n and (unicodedata.combining(text[j]) or _invisible(text[j])):
            j += 1
        unit = "".join(c for c in text[start:j] if not _invisible(c))
        folded = _fold_unit(unit) if not unit.isascii() else unit
        out.append(folded)
        origin.extend([start] * len(folded))
        i = j
    origin.append(n)
    return fold_homoglyphs("".join(out)), origin


def normalise(text: str) -> str:
    """The text the scrubber works on and stores (see the module docstring)."""
    if text.isascii():
        return text
    return normalise_map(text)[0]


def map_span(origin: list[int], start: int, end: int) -> tuple[int, int]:
    """The span in the normalised text of the characters that came from ``text[start:end]``."""
    a = bisect.bisect_left(origin, start, 0, len(origin) - 1)
    b = bisect.bisect_left(origin, end, 0, len(origin) - 1)
    return a, b
