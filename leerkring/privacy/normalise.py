"""Normalise a text before the scrubber looks at it, so that disguised personal data looks ordinary.

Each step undoes a way to hide a name, number or address from pattern matching:

1. invisible characters are removed: every format character (Unicode category Cf: zero-width space,
   joiners and non-joiners U+200B..U+200F, word joiner and invisible operators U+2060..U+2064, byte
   order mark U+FEFF, soft hyphen U+00AD, bidi controls, tag characters) plus the combining grapheme
   joiner and variation selectors (``06<zero-width>1234`` -> ``061234``);
2. NFKC compatibility folding: full-width and other compatibility forms become their ordinary letters,
   digits and punctuation (``＠`` -> ``@``, ``０６－１２`` -> ``06-12``, ``𝐉𝐚𝐧`` -> ``Jan``, a
   no-break space -> a space);
3. decimal digits of any script become ASCII digits (``٠٦`` -> ``06``), and the hyphens and dashes
   made for numbers (U+2010 hyphen, U+2011 non-breaking hyphen, U+2012 figure dash, U+2212 minus
   sign) become ``-`` (the en dash of prose stays);
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
import difflib
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
_DASHES = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-"}  # not the en dash of prose
_DASH_TABLE = str.maketrans(_DASHES)
_DASH = re.compile("[" + "".join(_DASHES) + "]")
#: Every format character (category Cf, Unicode 15), the combining grapheme joiner and the variation
#: selectors; a test checks the Cf ranges against the running Python's Unicode database.
INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\u034f\ufe00-\ufe0f\U000e0100-\U000e01ef]"
)
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
# A word: letters and combining marks of any script. Only words with a Cyrillic or Greek letter are
# looked at further.
_WORD = re.compile(r"[^\W\d_]+")
_FOREIGN = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")


def _invisible(ch: str) -> bool:
    return bool(INVISIBLE.match(ch)) or unicodedata.category(ch) == "Cf"


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


def _digit(match: re.Match[str]) -> str:
    return str(unicodedata.digit(match.group()))


def normalise(text: str) -> str:
    """The text the scrubber works on and stores (see the module docstring)."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", INVISIBLE.sub("", text))
    if text.isascii():
        return text
    if _DASH.search(text):
        text = text.translate(_DASH_TABLE)
    if _OTHER_DIGIT.search(text):
        text = _OTHER_DIGIT.sub(_digit, text)
    return fold_homoglyphs(text)


def normalise_map(text: str) -> tuple[str, list[int]]:
    """:func:`normalise` of ``text`` and, for each of its characters, the offset in ``text`` it came
    from; the list has one more item, ``len(text)``, so that an end offset maps too. (Slower than
    :func:`normalise`: for tests and tools that relate offsets, not for every scrub.)"""
    result = normalise(text)
    if result is text:
        return text, list(range(len(text) + 1))
    out: list[str] = []
    origin: list[int] = []
    i, n = 0, len(text)
    while i < n:
        if _invisible(text[i]):
            i += 1
            continue
        # a unit: a base character with the combining marks after it (NFKC composes within it)
        start, j = i, i + 1
        while j < n and (unicodedata.combining(text[j]) or _invisible(text[j])):
            j += 1
        unit = normalise("".join(c for c in text[start:j] if not _invisible(c)))
        out.append(unit)
        origin.extend([start] * len(unit))
        i = j
    if fold_homoglyphs("".join(out)) != result:  # NFKC composed across units (rare): align by diff
        origin = _aligned(text, result)
    origin.append(n)
    return result, origin


def _aligned(text: str, result: str) -> list[int]:
    matcher = difflib.SequenceMatcher(None, text, result, autojunk=False)
    origin: list[int] = []
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(j2 - j1):
            origin.append(min(i1 + k, max(i1, i2 - 1)))
    return origin


def map_span(origin: list[int], start: int, end: int) -> tuple[int, int]:
    """The span in the normalised text of the characters that came from ``text[start:end]``."""
    a = bisect.bisect_left(origin, start, 0, len(origin) - 1)
    b = bisect.bisect_left(origin, end, 0, len(origin) - 1)
    return a, b
