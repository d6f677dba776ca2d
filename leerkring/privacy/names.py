"""Names written in capitals or in lower case, found with deduce's own name lookups and context.

deduce matches names case-sensitively: "Sanne" and "Willemijn de Bruin" are names to it, "sanne",
"WILLEMIJN DE BRUIN" and "dewi de groot" are not. :class:`NameFinder` looks at the words that are
*not* capitalised the ordinary way and decides with deduce's ``first_name``, ``surname``,
``interfix`` and ``interfix_surname`` lookups (case-folded once, when the engine loads) and the words
around them:

- a word in capitals or lower case that is a first name in deduce's lookup is a name, unless it is a
  domain word (:mod:`.keep`), a word of deduce's whitelist (common Dutch words, stop words, medical
  terms), a month or weekday, or comes right after a word that makes it a noun ("de", "een", "haar");
- an ordinary Dutch word that is also a first name ("roos", "mark", "bas": :data:`.keep.NAME_WORDS`)
  needs strong context as well: a verb of speaking or meeting or "met" right before or after it
  ("ik sprak roos", "mark belde"), a possessive ("roos' moeder", "karim's"), a title
  ("mevrouw roos"), or a particle with a surname after it. A people noun before it is not enough
  ("moeder koos de gezinscoach"); people nouns themselves (:data:`.keep.RELATION_NOUNS`) are never
  taken for a name;
- after a first name found so, a particle and a surname ("dewi de groot") or a surname from the
  lookup ("sanne jansen") belong to the name; in capitals any word that is no common word does
  ("FATIMA BOUALI");
- a title in any case takes a surname from the lookup after it ("MEVROUW JANSEN", "meneer de vries");
- a possessive of a first name is a name in any case ("Karims moeder", "karim's").

Each name found comes back as a span and, so that deduce and the engine's trimming see an ordinary
name, the same span in title case (same length) for the engine's shadow text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from leerkring.privacy import registry
from leerkring.privacy.keep import NAME_VERBS, NAME_WORDS, NOT_BEFORE_NAME, PARTICLES, RELATION_NOUNS, TITLES

_TOKEN = re.compile(r"(?<![\w])[^\W\d_]+(?:-[^\W\d_]+)*(?![\w])")
_POSSESSIVE = re.compile(r"['’]s?(?![\w])")
_GAP = re.compile(r"[ \t]+")  # words of one clause: only spaces between them
_MONTHS_DAYS = frozenset(
    """
    januari februari maart april mei juni juli augustus september oktober november december
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    """.split()
)
_NAME_TITLES = frozenset("mevrouw mevr mw meneer mijnheer dhr heer juffrouw".split())


@dataclass(frozen=True, slots=True)
class NameLookups:
    """deduce's name lookups, case-folded (lower case)."""

    first: frozenset[str]
    surname: frozenset[str]
    interfix: frozenset[tuple[str, ...]]
    interfix_surname: frozenset[str]
    common: frozenset[str]  # deduce's whitelist: common words, stop words, medical terms

    @classmethod
    def from_deduce(cls, deduce) -> NameLookups:
        """Read the lookups of a loaded ``deduce.Deduce`` (milliseconds: its structures are in memory)."""
        structs = deduce.lookup_structs

        def walk(trie, prefix: tuple[str, ...] = ()):
            if trie.is_terminal:
                yield "".join(prefix)
            for key, child in trie.children.items():
                yield from walk(child, (*prefix, key))

        interfix = set()
        for item in structs["interfix"].items():
            parts = tuple(item.lower().split())
            if all(_TOKEN.fullmatch(p) for p in parts):
                interfix.add(parts)
        return cls(
            first=frozenset(n.lower() for n in walk(structs["first_name"]) if len(n) >= 2),
            surname=frozenset(n.lower() for n in walk(structs["surname"]) if len(n) >= 2),
            interfix=frozenset(interfix),
            interfix_surname=frozenset(n.lower() for n in structs["interfix_surname"].items()),
            common=frozenset(w.lower() for w in structs["whitelist"].items()),
        )

    @classmethod
    def of(cls, first: Iterable[str] = (), surname: Iterable[str] = (), common: Iterable[str] = ()) -> NameLookups:
        """Small lookups for tests (particles as interfixes)."""
        return cls(
            frozenset(w.lower() for w in first),
            frozenset(w.lower() for w in surname),
            frozenset((p,) for p in PARTICLES) | {("van", "der"), ("van", "de"), ("van", "den")},
            frozenset(w.lower() for w in surname),
            frozenset(w.lower() for w in common),
        )


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int


class NameFinder:
    def __init__(self, lookups: NameLookups):
        self.lookups = lookups
        self._max_interfix = max((len(i) for i in lookups.interfix), default=1)

    # ------------------------------------------------------------------------------------ word tests
    def _ordinary(self, low: str) -> bool:
        """A word that is never a name by itself here."""
        return (
            low in self.lookups.common
            or low in registry.keep_words()
            or low in TITLES
            or low in PARTICLES
            or low in NAME_VERBS
            or low in RELATION_NOUNS
            or low in NOT_BEFORE_NAME
            or low in _MONTHS_DAYS
        )

    def _first(self, low: str) -> bool:
        if low in self.lookups.first:
            return True
        head = low.split("-", 1)[0]
        return head != low and head in self.lookups.first and head not in NAME_WORDS

    def _surname(self, low: str) -> bool:
        return low in self.lookups.surname or low in self.lookups.interfix_surname

    # ------------------------------------------------------------------------------------ finding
    def find(self, text: str) -> list[tuple[int, int]]:
        """Spans of names not written the ordinary way (capitals, lower case, possessive)."""
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        if not tokens:
            return []
        lows = [t.lower() for t, _, _ in tokens]
        shapes = [_shape(t) for t, _, _ in tokens]

        def joined(i: int) -> bool:
            """Token i follows token i-1 in the same clause."""
            return i > 0 and bool(_GAP.fullmatch(text, tokens[i - 1][2], tokens[i][1]))

        def possessive(i: int) -> bool:
            return bool(_POSSESSIVE.match(text, tokens[i][2]))

        spans: list[tuple[int, int]] = []
        taken_until = -1
        for i, (_word, start, end) in enumerate(tokens):
            if i <= taken_until:
                continue
            low, shape = lows[i], shapes[i]
            before = lows[i - 1] if joined(i) else None
            after = lows[i + 1] if i + 1 < len(tokens) and joined(i + 1) else None
            if low in _NAME_TITLES and after is not None:
                # "mevrouw de wit", "MENEER VAN DIJK": a title, a particle and a surname
                last, _ = self._surname_after(tokens, lows, shapes, i, joined, True, particle_only=True)
                if last > i:
                    if before == "de" and low == "heer":
                        start = tokens[i - 1][1]
                    spans.append((start, tokens[last][2]))
                    taken_until = last
                    continue
            if before in NOT_BEFORE_NAME or self._ordinary(low):
                continue
            titled = before in _NAME_TITLES
            # "Karims moeder", "karims": the possessive of a first name, in any case
            if (
                low.endswith("s")
                and len(low) >= 5  # "kies", "lees": a verb, not Kie's
                and self._first(low[:-1])
                and low[:-1] not in NAME_WORDS
                and low not in NAME_WORDS
                and not self._first(low)
                and not self._surname(low)
                and after is not None
                and after not in self.lookups.common
            ):
                spans.append((start, end))
                continue
            if shape == "title" or len(low) < 2:
                continue
            is_first = self._first(low)
            if not is_first and not (titled and self._surname(low)) and not (titled and shape == "upper"):
                continue
            strong = (
                before in NAME_VERBS
                or titled
                or after in NAME_VERBS
                or possessive(i)
                or (shape == "upper" and len(low) >= 3 and low not in NAME_WORDS)
            )
            last, rest_strong = self._surname_after(tokens, lows, shapes, i, joined, strong)
            if last > i:
                strong = True
            if low in NAME_WORDS or len(low) < 3:
                if not (strong or rest_strong):
                    continue
            if titled:  # the title belongs to the span, as with capitalised names ("mevrouw Jansen")
                start = tokens[i - 1][1]
                if before == "heer" and i >= 2 and lows[i - 2] == "de" and joined(i - 1):
                    start = tokens[i - 2][1]
            spans.append((start, tokens[last][2]))
            taken_until = last
        return spans

    def _surname_after(self, tokens, lows, shapes, i, joined, strong, particle_only=False) -> tuple[int, bool]:
        """Index of the last token of the surname after token i (i when none), and whether a
        particle came with it."""
        shape = shapes[i]
        j = i + 1
        # a particle (deduce's interfixes: "de", "van der", "in 't") and a surname from the lookup
        for size in range(self._max_interfix, 0, -1):
            k = j + size
            if k >= len(tokens) or not all(joined(x) for x in range(j, k + 1)):
                continue
            if tuple(lows[j:k]) not in self.lookups.interfix:
                continue
            low = lows[k]
            if shapes[k] == "title" and shape != "title":
                return k, True  # "dewi de Groot"
            if self._surname(low) and low not in registry.keep_words():
                return k, True
            if shape == "upper" and shapes[k] == "upper" and not self._ordinary(low):
                return k, True
            return i, False
        if particle_only:
            return i, False
        # a surname right after: from the lookup (an ordinary word only with strong context), or in
        # capitals any word that is not a common one
        if j < len(tokens) and joined(j):
            low = lows[j]
            if shapes[j] != shape or self._ordinary(low) or len(low) < 2:
                return i, False
            if self._surname(low) and (strong or low not in NAME_WORDS):
                return j, False
            if shape == "upper" and low not in NAME_WORDS:
                return j, False
        return i, False


def _shape(word: str) -> str:
    """ "lower" ("sanne", also "sAnNe"), "upper" ("SANNE", also odd mixes such as "SaNNe") or "title"
    ("Sanne", "Anne-Lieke", "McDonald": the ordinary way, deduce's)."""
    if word[0].islower():
        return "lower"
    if len(word) > 1 and (word.isupper() or sum(c.isupper() for c in word) > len(word) // 2):
        return "upper"
    return "title"


def titled(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each span's words in title case ("WILLEMIJN DE BRUIN" -> "Willemijn de Bruin");
    particles stay lower case. Same length as ``text``: a word whose case change would alter its
    length stays as it is."""
    chars = list(text)
    for start, end in spans:
        for m in _TOKEN.finditer(text, start, end):
            word = m.group()
            new = word.lower() if word.lower() in PARTICLES else word.title()
            if len(new) == len(word):
                chars[m.start() : m.end()] = new
    return "".join(chars)
