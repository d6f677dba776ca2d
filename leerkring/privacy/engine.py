"""The in-process scrubbing engine: deduce + rule detectors, overlap resolution and numbered tags.

``LocalEngine`` is what the shared service runs; tests and ``LEERKRING_SCRUBBER=inprocess`` use it
directly. Loading deduce costs seconds and about 1 GB, which is why member kernels normally talk to the
service instead (see :mod:`leerkring.privacy.service`).

A scrub works in this order:

1. the text is normalised (:mod:`.normalise`: invisible characters removed, NFKC, digits and dashes,
   Latin look-alike letters folded). Everything after works on, and the result is made from, the
   normalised text: ``Scrubbed.text`` is the normalised text with the replacements, and findings'
   offsets refer to the normalised text, not to the text that was passed in;
2. names in capitals or lower case are found with deduce's name lookups and context
   (:mod:`.names`) and written in title case in a *shadow* of the normalised text (same length, only
   those words' case differs), so that deduce, the rule detectors and the trimming below see an
   ordinary name;
3. the rule detectors (those of plugins too) and deduce run on the shadow; overlaps are resolved, names
   found once are replaced everywhere, and the replacements get numbered tags.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache

from leerkring.privacy import registry
from leerkring.privacy.detectors import P_DEDUCE, P_NAME_CASE, Candidate, run_detectors
from leerkring.privacy.keep import PARTICLES, SENTENCE_STARTERS, TITLES
from leerkring.privacy.model import TYPES, Finding, Scrubbed
from leerkring.privacy.names import NameFinder, NameLookups, titled
from leerkring.privacy.normalise import normalise

# deduce's tags -> ours. ``None``: not personal data for us (institution names such as a hospital or
# "Voedselbank Zuid" keep reflections readable and do not identify a resident).
_DEDUCE_TAGS: dict[str, str | None] = {
    "persoon": "persoon",
    "patient": "persoon",
    "locatie": "locatie",  # split into adres / plaats below
    "telefoonnummer": "telefoon",
    "emailadres": "email",
    "email": "email",
    "url": "url",
    "bsn": "bsn",
    "datum": "datum",
    "leeftijd": "leeftijd",
    "id": "dossier",
    "instelling": None,
    "ziekenhuis": None,
    "zorginstelling": None,
}


def map_deduce_tag(tag: str) -> str | None:
    tag = tag.lower()
    if tag in _DEDUCE_TAGS:
        return _DEDUCE_TAGS[tag]
    if any(key in tag for key in ("persoon", "patient", "naam", "initia")):
        return "persoon"
    if any(key in tag for key in ("locatie", "straat", "plaats", "huisnummer", "postcode", "adres")):
        return "locatie"
    if "telefoon" in tag:
        return "telefoon"
    if "datum" in tag:
        return "datum"
    if "instelling" in tag or "ziekenhuis" in tag:
        return None
    return "persoon"  # unknown new deduce tag: be safe, but it still passes the keep-list trimming


_AMOUNT = re.compile(r"€")
_AMOUNT_AFTER = re.compile(r"\s*(?:euro|eur\b|,-)", re.IGNORECASE)

# ------------------------------------------------------------------------------------ span trimming
_TOKEN = re.compile(r"[^\s,;:!?()\[\]\"“”]+")
_CAP = re.compile(r"[A-ZÀ-ÖØ-Þ]")


def _clean(token: str) -> str:
    return token.lower().rstrip(".'’")


def _is_title(token: str) -> bool:
    return token.lower() in TITLES or _clean(token) in TITLES


def _is_keep(token: str) -> bool:
    return _clean(token) in registry.keep_words()


def _is_name(token: str) -> bool:
    return bool(_CAP.match(token)) and not _is_keep(token) and not _is_title(token)


def _is_initial(token: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-ZÀ-ÖØ-Þ]\.-?)+", token))


def _protected_ranges(text: str) -> list[tuple[int, int]]:
    lower = text.lower()
    ranges = []
    for phrase, pattern in _phrase_patterns(registry.keep_phrases()):
        if phrase in lower:  # most texts hold none of them: a substring test is enough to know
            ranges.extend(m.span() for m in pattern.finditer(lower))
    return ranges


@lru_cache(maxsize=4)
def _phrase_patterns(phrases: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each keep-phrase with its pattern, compiled once (one per phrase: their matches may overlap)."""
    return tuple((phrase, re.compile(rf"(?<![\w]){re.escape(phrase)}(?![\w])")) for phrase in phrases)


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?:;\n\"“'(-"


def trim_person(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a person span down to name runs: titles, initials, particles and capitalised words that
    are not domain words. ``"mevrouw Fatima El Amrani op de "`` -> ``"mevrouw Fatima El Amrani"``;
    ``"collega Sandra Willems"`` -> ``"Sandra Willems"``; ``"Buurtcoach Henk"`` -> ``"Henk"``."""
    tokens = [(m.group(), start + m.start(), start + m.end()) for m in _TOKEN.finditer(text[start:end])]
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int, str]] = []  # (start, end, kind)

    def flush() -> None:
        while run and run[-1][2] in ("particle", "title", "initial"):
            run.pop()
        while run and run[0][2] == "particle" and (len(run) < 2 or run[1][2] not in ("name", "title", "particle")):
            run.pop(0)
        if any(kind == "name" for *_, kind in run):
            spans.append((run[0][0], run[-1][1]))
        run.clear()

    for i, (tok, s, e) in enumerate(tokens):
        bare = tok.rstrip(".")
        if _is_title(tok) or (tok.lower() == "de" and i + 1 < len(tokens) and tokens[i + 1][0].lower() == "heer"):
            kind = "title"
        elif _is_initial(tok):
            kind = "initial"
        elif tok.lower() in PARTICLES:
            kind = "particle"
        elif bare.lower() in SENTENCE_STARTERS and _sentence_start(text, s):
            kind = "other"  # "Bel Kees": the imperative, not the surname Bel
        elif bare and _is_name(bare):
            kind, e = "name", s + len(bare)
        else:
            kind = "other"
        if kind == "other":
            flush()
        else:
            run.append((s, e, kind))
    flush()
    if not spans:
        # all lower case text ("ik sprak jan"): keep deduce's span if it is a single non-domain word
        words = [(t.rstrip("."), s) for t, s, _ in tokens]
        if len(words) == 1 and not _is_keep(words[0][0]) and words[0][0].lower() not in PARTICLES:
            spans.append((words[0][1], words[0][1] + len(words[0][0])))
    return spans


def trim_location(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Drop domain words and lower case edge words from a deduce location; type it: with a house
    number it is an adres, otherwise a plaats."""
    tokens = [(m.group(), start + m.start(), start + m.end()) for m in _TOKEN.finditer(text[start:end])]
    while tokens and (tokens[0][0][:1].islower() or _is_keep(tokens[0][0])):
        tokens.pop(0)
    while tokens and (tokens[-1][0][:1].islower() or _is_keep(tokens[-1][0])) and not tokens[-1][0][:1].isdigit():
        tokens.pop()
    if not tokens:
        return []
    s, e = tokens[0][1], tokens[-1][2]
    while e > s and text[e - 1] in ".,;:":
        e -= 1
    kind = "adres" if re.search(r"\d", text[s:e]) else "plaats"
    return [(kind, s, e)]


# ------------------------------------------------------------------------------------ merging
def _subtract(start: int, end: int, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces = [(start, end)]
    for ts, te in taken:
        nxt = []
        for ps, pe in pieces:
            if te <= ps or ts >= pe:
                nxt.append((ps, pe))
                continue
            if ps < ts:
                nxt.append((ps, ts))
            if te < pe:
                nxt.append((te, pe))
        pieces = nxt
    return pieces


def _normalise(text: str, c: Candidate) -> list[Candidate]:
    """Trim whitespace/punctuation at the edges; re-trim splittable free-text pieces."""
    s, e = c.start, c.end
    while s < e and not text[s].isalnum() and text[s] not in "+('":
        s += 1
    while e > s and not text[e - 1].isalnum() and text[e - 1] not in ")":
        e -= 1
    if e <= s:
        return []
    if c.splittable and c.type == "persoon":
        return [Candidate("persoon", a, b, c.priority, c.source, True) for a, b in trim_person(text, s, e)]
    if c.splittable and c.type in ("adres", "plaats", "locatie"):
        out = []
        for kind, a, b in trim_location(text, s, e):
            kind = kind if c.type == "locatie" else c.type
            out.append(Candidate(kind, a, b, c.priority, c.source, True))
        return out
    return [Candidate(c.type, s, e, c.priority, c.source, c.splittable)]


class _Taken:
    """Accepted candidates: non-overlapping, kept sorted by start for O(log n) overlap queries."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.items: list[Candidate] = []

    def overlapping(self, start: int, end: int) -> list[Candidate]:
        i = bisect.bisect_left(self.starts, start)
        if i > 0 and self.items[i - 1].end > start:
            i -= 1
        out = []
        while i < len(self.items) and self.items[i].start < end:
            if self.items[i].end > start:
                out.append(self.items[i])
            i += 1
        return out

    def add(self, c: Candidate) -> None:
        i = bisect.bisect_left(self.starts, c.start)
        self.starts.insert(i, c.start)
        self.items.insert(i, c)

    def remove(self, c: Candidate) -> None:
        i = bisect.bisect_left(self.starts, c.start)
        while self.items[i] is not c:
            i += 1
        del self.starts[i], self.items[i]


def resolve(text: str, candidates: Iterable[Candidate]) -> list[Candidate]:
    """Resolve overlaps: higher priority (then longer) wins between different types; splittable
    losers are cut around the winner; overlapping candidates of the same type are merged."""
    protected = _protected_ranges(text)
    pending: list[Candidate] = []
    for c in candidates:
        for n in _normalise(text, c):
            hits = [r for r in protected if r[0] < n.end and n.start < r[1]] if protected else []
            if hits and n.type in ("persoon", "plaats", "adres"):
                for a, b in _subtract(n.start, n.end, hits):
                    pending.extend(_normalise(text, Candidate(n.type, a, b, n.priority, n.source, True)))
            else:
                pending.append(n)
    pending.sort(key=lambda c: (c.priority, c.end - c.start, -c.start))
    taken = _Taken()
    while pending:  # a stack: highest priority last
        c = pending.pop()
        hits = taken.overlapping(c.start, c.end)
        others = [a for a in hits if a.type != c.type]
        if others:
            if c.splittable:
                for a, b in _subtract(c.start, c.end, [(o.start, o.end) for o in others]):
                    pending.extend(_normalise(text, Candidate(c.type, a, b, c.priority, c.source, True)))
            continue
        if hits:
            for a in hits:
                taken.remove(a)
            c = Candidate(
                c.type,
                min([c.start] + [a.start for a in hits]),
                max([c.end] + [a.end for a in hits]),
                max([c.priority] + [a.priority for a in hits]),
                c.source,
                all(a.splittable for a in hits) and c.splittable,
            )
            if taken.overlapping(c.start, c.end):  # the union reaches another type: keep the parts
                for a in hits:
                    taken.add(a)
                continue
        taken.add(c)
    return list(taken.items)


def propagate_names(text: str, accepted: list[Candidate]) -> list[Candidate]:
    """A name found once is replaced everywhere in the text (``... Fatima zei ...`` after
    ``mevrouw Fatima El Amrani``). First names also match in lower case ("jan"); surnames only
    capitalised, because many are ordinary words (Post, Visser, Bakker)."""
    exact: set[str] = set()
    loose: set[str] = set()
    for c in accepted:
        if c.type != "persoon":
            continue
        toks = [t.strip(".'’") for t in _TOKEN.findall(text[c.start : c.end])]
        names = [t for t in toks if len(t) >= 3 and _is_name(t) and t.lower() not in PARTICLES]
        titled = any(_is_title(t) for t in toks)
        for i, tok in enumerate(names):
            if i == 0 and (len(names) > 1 or not titled):
                loose.add(tok)
            else:
                exact.add(tok)
    extra: list[Candidate] = []
    for words, flags in ((loose, re.IGNORECASE), (exact - loose, 0)):
        if words:
            alternation = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
            pattern = re.compile(rf"(?<![\w])(?:{alternation})(?![\w])", flags)
            extra += [Candidate("persoon", m.start(), m.end(), P_DEDUCE - 5) for m in pattern.finditer(text)]
    taken = _Taken()
    for a in accepted:
        taken.add(a)
    extra = [e for e in extra if not taken.overlapping(e.start, e.end)]
    if not extra:
        return accepted
    return resolve(text, accepted + extra)


# ------------------------------------------------------------------------------------ numbering
def _key(text: str, c: Candidate) -> tuple[str, frozenset[str] | str]:
    value = text[c.start : c.end]
    if c.type == "persoon":
        toks = {_clean(t) for t in _TOKEN.findall(value)}
        names = frozenset(
            t for t in toks if t not in TITLES and t not in PARTICLES and not re.fullmatch(r"(?:\w\.?)", t)
        )
        return c.type, names or frozenset(toks)
    if c.type in ("telefoon", "bsn", "iban", "postcode", "kenteken", "dossier"):
        return c.type, re.sub(r"[\s.\-()]", "", value).lower()
    return c.type, " ".join(value.lower().split())


def number(text: str, accepted: Sequence[Candidate]) -> Scrubbed:
    """Give numbered tags per type, the same tag for the same value, and build the new text.
    ``text`` is the normalised text; the findings' offsets refer to it."""
    tags: dict[tuple[str, object], str] = {}
    counters: dict[str, int] = {}
    people: list[tuple[frozenset[str], str]] = []
    findings: list[Finding] = []
    parts: list[str] = []
    pos = 0
    for c in accepted:
        key = _key(text, c)
        tag = tags.get(key)
        if tag is None and c.type == "persoon" and key[1]:
            names = key[1]
            for other, other_tag in people:
                if names <= other or other <= names:
                    tag = other_tag
                    break
        if tag is None:
            counters[c.type] = counters.get(c.type, 0) + 1
            tag = f"[{c.type.upper()}-{counters[c.type]}]"
            if c.type == "persoon":
                people.append((key[1], tag))
        tags[key] = tag
        findings.append(Finding(c.type, c.start, c.end, tag))
        parts.append(text[pos : c.start])
        parts.append(tag)
        pos = c.end
    parts.append(text[pos:])
    return Scrubbed("".join(parts), tuple(findings))


# ------------------------------------------------------------------------------------ engines
class LocalEngine:
    """Scrub in this process. ``use_deduce=False`` runs the rule detectors only (fast, for tests of
    code that merely needs *a* scrubber; it misses names deduce would find)."""

    def __init__(self, *, use_deduce: bool = True):
        self.use_deduce = use_deduce
        self._deduce = None
        self._names: NameFinder | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._deduce is not None or not self.use_deduce

    def load(self) -> LocalEngine:
        """Load deduce (seconds, ~1 GB) and run one text through it so the first request is fast."""
        if self.use_deduce and self._deduce is None:
            with self._lock:
                if self._deduce is None:
                    import logging

                    logging.getLogger("deduce").setLevel(logging.WARNING)
                    from deduce import Deduce

                    engine = Deduce()
                    engine.deidentify("Mevrouw Jansen (06-12345678) woont op de Kerkstraat 12 in Dordrecht.")
                    self._names = NameFinder(NameLookups.from_deduce(engine))
                    self._deduce = engine
        return self

    def deduce_candidates(self, text: str) -> list[Candidate]:
        self.load()
        with self._lock:  # deduce makes no promise about thread safety
            doc = self._deduce.deidentify(text, disabled={"redactor"})  # we write our own tags
        out = []
        for ann in doc.annotations:
            start, end = int(ann.start_char), int(ann.end_char)
            kind = map_deduce_tag(ann.tag)
            if kind is None:
                continue
            if kind == "dossier" and _AMOUNT.search(text, max(0, start - 2), start + 1):
                continue
            if kind == "dossier" and _AMOUNT_AFTER.match(text, end):
                continue  # "123456789 euro" is an amount, not a case number
            splittable = kind in ("persoon", "locatie")
            # offsets may be numpy integers: make them plain ints (they go over JSON)
            out.append(Candidate(kind, start, end, P_DEDUCE, "deduce", splittable))
        return out

    def scrub(self, text: str, *, known_names: Iterable[str] = ()) -> Scrubbed:
        """Scrub ``text``. The result is built from the *normalised* text (see the module docstring):
        ``.text`` is what is stored, and the findings' offsets refer to ``normalise(text)``."""
        if not text:
            return Scrubbed(text, ())
        text = normalise(text)
        shadow, names = text, []
        if self.use_deduce:
            self.load()
            names = self._names.find(text)
            if names:
                shadow = titled(text, names)
        candidates = run_detectors(shadow, known_names)
        candidates += [Candidate("persoon", s, e, P_NAME_CASE, "naam") for s, e in names]
        if self.use_deduce:
            candidates += self.deduce_candidates(shadow)
        accepted = resolve(shadow, candidates)
        accepted = propagate_names(shadow, accepted)
        return number(text, accepted)


assert set(TYPES) >= {"persoon", "adres", "plaats"}
