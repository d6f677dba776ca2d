"""Rule detectors for Dutch personal data that deduce misses or mislabels.

Each detector is a function ``(text) -> list[Candidate]``; :data:`DETECTORS` is leerkring's own
registry, which the engine runs together with the detectors of plugins (:mod:`.registry`). Candidates carry a priority: when two candidates of different types overlap, the one with
the higher priority wins (structured identifiers beat free-text guesses). Stdlib only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from leerkring.privacy import registry
from leerkring.privacy.keep import PARTICLES, TITLES


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible finding before overlaps are resolved. ``splittable`` candidates (free-text guesses
    such as deduce's) may be cut around a stronger candidate instead of being dropped."""

    type: str
    start: int
    end: int
    priority: int
    source: str = "regel"
    splittable: bool = False


# Priorities: higher wins an overlap between different types.
P_EMAIL, P_URL, P_IBAN, P_BSN, P_DOSSIER, P_KENTEKEN = 100, 95, 90, 85, 80, 80
P_TELEFOON, P_POSTCODE, P_DATUM, P_LEEFTIJD, P_ADRES, P_PLAATS = 75, 70, 60, 50, 45, 42
P_KNOWN, P_TITLE, P_NAME_CASE, P_DEDUCE = 40, 35, 32, 30

_L = "A-Za-zÀ-ÖØ-öø-ÿ"  # letters incl. accented (é, ë, ï, ...)
_UP = "A-ZÀ-ÖØ-Þ"
_NAME = rf"[{_UP}][{_L}'’]*(?:-[{_UP}][{_L}'’]*)*"  # Capitalised word, hyphenated parts allowed

# ---------------------------------------------------------------------------------------------- email
_EMAIL = re.compile(rf"(?<![\w.+\-])[\w.+\-'’]+@[\w\-]+(?:\.[\w\-]+)*\.[{_L}]{{2,24}}(?![\w@])")


def detect_email(text: str) -> list[Candidate]:
    return [Candidate("email", m.start(), m.end(), P_EMAIL) for m in _EMAIL.finditer(text)]


# ------------------------------------------------------------------------------------------------ url
_URL = re.compile(
    r"(?:\bhttps?://|\bwww\.)[^\s<>\"'()\[\]]+"
    r"|(?<![\w@.\-/])(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+"
    r"(?:nl|com|org|net|eu|be|de|info|io|nu|online|app)(?:/[^\s<>\"'()\[\]]*)?(?![\w@\-])",
    re.IGNORECASE,
)


def detect_url(text: str) -> list[Candidate]:
    out = []
    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?":
            end -= 1
        out.append(Candidate("url", m.start(), end, P_URL))
    return out


# ----------------------------------------------------------------------------------------------- iban
_IBAN_NL = re.compile(r"(?<![A-Za-z0-9])NL\s?\d{2}\s?[A-Z]{4}(?:\s?\d){10}(?![\w])", re.IGNORECASE)
_IBAN_ANY = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?(?![\w])")


def iban_valid(value: str) -> bool:
    """ISO 13616 mod-97 check."""
    s = re.sub(r"\s", "", value).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", s):
        return False
    digits = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(digits) % 97 == 1


def detect_iban(text: str) -> list[Candidate]:
    # Dutch IBANs by their fixed shape (test data and typos often fail the checksum);
    # other countries only when the checksum holds.
    out = [Candidate("iban", m.start(), m.end(), P_IBAN) for m in _IBAN_NL.finditer(text)]
    for m in _IBAN_ANY.finditer(text):
        if iban_valid(m.group()) and not any(c.start <= m.start() < c.end for c in out):
            out.append(Candidate("iban", m.start(), m.end(), P_IBAN))
    return out


# ------------------------------------------------------------------------------------------------ bsn
_BSN = re.compile(r"(?<![\w.,\-€])(\d{9}|\d{4}[. ]\d{2}[. ]\d{3}|\d{3}[. ]\d{3}[. ]\d{3}|\d{8})(?![\w\-]|[.,]\d)")
_BSN_CONTEXT = re.compile(r"\b(?:bsn|burgerservicenummer|burger\s?service\s?nummer|sofi-?nummer)", re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"\s*(?:euro|eur\b|,-)", re.IGNORECASE)


def elfproef(digits: str) -> bool:
    """The BSN eleven test: 9 digits, weights 9..2 and -1, sum divisible by 11, not all zero."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1)))
    return total % 11 == 0


def detect_bsn(text: str) -> list[Candidate]:
    """A 9-digit number is a BSN when it passes the elfproef, or - elfproef or not, and 8 digits
    too (older numbers) - when "BSN"/"burgerservicenummer" stands within 40 characters before it or
    20 after it. A 9-digit number without that context that fails the elfproef (an amount, a
    reference) is left alone; amounts ("€ 123456789", "123456789 euro") are never a BSN."""
    out = []
    for m in _BSN.finditer(text):
        digits = re.sub(r"\D", "", m.group(1))
        window = text[max(0, m.start() - 40) : m.start()] + " " + text[m.end() : m.end() + 20]
        context = bool(_BSN_CONTEXT.search(window))
        before = text[max(0, m.start() - 3) : m.start()]
        amount = "€" in before or bool(_AMOUNT_AFTER.match(text, m.end()))
        if context or (len(digits) == 9 and elfproef(digits) and not amount):
            out.append(Candidate("bsn", m.start(), m.end(), P_BSN))
    return out


# ------------------------------------------------------------------------------------------- telefoon
_SEP = r"(?:\s?[-.\u2013]\s?|\s)?"  # the en dash too: normalisation leaves it (prose uses it)
_PHONE_NL = re.compile(rf"(?<![\w+])(?:(?:\+|00)31{_SEP}(?:\(0\){_SEP})?|\(?0)[1-9](?:\)?{_SEP}\d){{8}}(?![\w])")
_PHONE_SERVICE = re.compile(rf"(?<![\w+])0(?:800|900|90[69]){_SEP}\d{{4}}(?:{_SEP}?\d{{3}})?(?![\w])")
_PHONE_INTL = re.compile(r"(?<![\w+])(?:\+|00)(?!31)[1-9]\d{0,2}(?:[\s.\-]?\(?\d+\)?){2,6}(?![\w])")


def detect_telefoon(text: str) -> list[Candidate]:
    out = []
    for m in _PHONE_NL.finditer(text):
        start = m.start()
        if text[start] == "(" and ")" not in m.group():
            start += 1  # "(06-12345678)": the bracket belongs to the sentence
        out.append(Candidate("telefoon", start, m.end(), P_TELEFOON))
    out += [Candidate("telefoon", m.start(), m.end(), P_TELEFOON) for m in _PHONE_SERVICE.finditer(text)]
    for m in _PHONE_INTL.finditer(text):
        if 8 <= sum(c.isdigit() for c in m.group()) <= 15:
            out.append(Candidate("telefoon", m.start(), m.end(), P_TELEFOON))
    return out


# ----------------------------------------------------------------------------------- postcode, plaats
_POSTCODE = re.compile(r"(?<![\w\-])[1-9]\d{3}(?:\s?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})(?![\w])")
_PLACE_AFTER = re.compile(
    rf"[ \t]{{1,3}}(?:te\s+)?((?:'s[- ])?{_NAME}(?:(?:\s(?:aan\s(?:de|den|het)|a/d|bij|op|in|den|de|der)"
    rf")?\s{_NAME})*)"
)


def detect_postcode(text: str) -> list[Candidate]:
    """Dutch postcodes (``3311 AB``); a capitalised place name right after one is a plaats."""
    out = []
    for m in _POSTCODE.finditer(text):
        out.append(Candidate("postcode", m.start(), m.end(), P_POSTCODE))
        p = _PLACE_AFTER.match(text, m.end())
        if p and p.group(1).lower() not in registry.keep_words():
            out.append(Candidate("plaats", p.start(1), p.end(1), P_PLAATS))
    return out


# ------------------------------------------------------------------------------------------------ adres
_STREET_SUFFIX = (
    "straat|straatweg|laan|weg|dijk|plein|gracht|kade|singel|hof|steeg|pad|dreef|markt|baan|ring|"
    "wal|haven|erf|veld|park|dam|burg|plantsoen|boulevard|allee|zijde|rade|horst|donk|akker|wei|oord|"
    "hoeve|bosch|dreef|pier|straatje|hofje|kwartier|promenade"
)
_STREET = rf"(?:{_NAME}\s(?:(?:van|de|der|den|het)\s)*)*[{_UP}][{_L}'’\-]{{2,}}(?:{_STREET_SUFFIX})"
_HOUSENR = r"\d{1,5}(?:\s?[a-zA-Z](?![\w])|[-/]\d{1,4}(?:[a-zA-Z])?|\s?(?:hs|bis|zw|rd|I{1,3})(?![\w]))?"
_ADRES_NR = re.compile(rf"(?<![\w])({_STREET})\s{_HOUSENR}(?![\w])")
# Without a house number only unmistakable street words: "Amsterdam", "Harderwijk" and "Middelburg"
# end in -dam, -wijk and -burg too.
_BARE_SUFFIX = "straat|straatweg|laan|plein|gracht|kade|singel|steeg|dreef|plantsoen|boulevard|allee|promenade"
_ADRES_BARE = re.compile(
    rf"(?<![\w])(?:{_NAME}\s(?:(?:van|de|der|den|het)\s)*)*[{_UP}][{_L}'’\-]{{2,}}(?:{_BARE_SUFFIX})(?![\w])"
)


def detect_adres(text: str) -> list[Candidate]:
    """Street + house number (``Kerkstraat 12``, ``Noordendijk 210``, ``Van Goghlaan 4a``); a street
    name alone (``het Wilhelminaplein``) also counts as an address."""
    out = []
    for m in _ADRES_NR.finditer(text):
        out.append(Candidate("adres", m.start(), m.end(), P_ADRES))
    for m in _ADRES_BARE.finditer(text):
        if m.group().lower() not in registry.keep_words():
            out.append(Candidate("adres", m.start(), m.end(), P_ADRES - 1, splittable=True))
    return out


# ------------------------------------------------------------------------------------------------ datum
_MONTHS = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
)
_WEEKDAY = r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?"
_BIRTH = r"(?:(?:geboren|geb\.)(?:\s+(?:op|in))?\s+|geboortedatum\s*:?\s*|geboortejaar\s*:?\s*|d\.d\.\s*)"
_DATE_BODY = (
    rf"(?:(?:{_WEEKDAY}\s+)?\d{{1,2}}(?:e|ste|de)?\s+{_MONTHS}(?:\s+(?:\d{{4}}|'\d{{2}}))?"
    rf"|{_MONTHS}\s+\d{{4}}"
    r"|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2})"
)
_DATE = re.compile(rf"(?<![\w\-/.])(?:{_BIRTH})?{_DATE_BODY}(?![\w\-/]|\.\d)", re.IGNORECASE)
_BIRTH_YEAR = re.compile(rf"(?<![\w])(?:{_BIRTH})(?:19|20)\d{{2}}(?![\w])", re.IGNORECASE)
_NUMERIC = re.compile(r"(\d{1,4})[-/.](\d{1,2})[-/.](\d{2,4})")


def _plausible(match: str) -> bool:
    m = _NUMERIC.search(match)
    if not m:
        return True
    a, b, c = m.groups()
    if len(a) == 4:  # yyyy-mm-dd
        return 1 <= int(b) <= 12 and 1 <= int(c) <= 31
    return 1 <= int(a) <= 31 and 1 <= int(b) <= 12


def detect_datum(text: str) -> list[Candidate]:
    """Dates (``3 maart 2025``, ``07-09-1949``, ``2025-03-03``, ``maart 2025``, ``3 maart``) and
    dates/years of birth with their lead-in (``geboren op 7 september 1949``, ``geboren in 1949``)."""
    out = []
    for m in _DATE.finditer(text):
        if _plausible(m.group()):
            out.append(Candidate("datum", m.start(), m.end(), P_DATUM))
    out += [Candidate("datum", m.start(), m.end(), P_DATUM) for m in _BIRTH_YEAR.finditer(text)]
    return out


# --------------------------------------------------------------------------------------------- leeftijd
_NOT_AGE_AFTER = (
    r"(?!\s*(?:euro|eur\b|€|uur|u\b|%|procent|keer|x\b|minuten|min\b|seconden|dagen|dag\b|weken|week\b|"
    r"maanden|maand\b|kilo|kg|km|meter|m\b|cm|graden|punten|mensen|kinderen|personen|cliënten|"
    r"gezinnen|huizen|woningen|stuks|jaar\s+geleden|[.,:]\d|\d|[-/]\d))"
)
_AGE_PATTERNS = (
    # "16-jarige", "16 jarige"
    re.compile(r"(?<![\w.,])\d{1,3}[\s-]?jarigen?(?![\w])", re.IGNORECASE),
    # "16 jaar oud"
    re.compile(r"(?<![\w.,])\d{1,3}\s+jaar\s+oud(?![\w])", re.IGNORECASE),
    # "(16)", "(16 jaar)" right after a word
    re.compile(rf"(?<=[{_L}]\s)\(\d{{1,2}}(?:\s+jaar)?\)"),
    # "is 16", "wordt 16 jaar", "van 87 jaar", "leeftijd: 87"
    re.compile(
        r"(?<![\w])(?:is|was|wordt|werd|ben|bent|zijn|waren|worden|leeftijd(?:\s+van)?\s*:?)\s+"
        r"(\d{1,3}(?:\s+jaar(?:\s+oud)?)?)" + _NOT_AGE_AFTER + r"(?![\w])",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<![\w])(?:van|een|op)\s+(\d{1,3}\s+jaar(?:\s+oud)?)(?![\w])(?!\s+(?:geleden|lang|later))", re.IGNORECASE
    ),
)


def detect_leeftijd(text: str) -> list[Candidate]:
    """Ages in context. A bare "16 jaar" without such context is a duration ("al 16 jaar") and left."""
    out = []
    for pattern in _AGE_PATTERNS:
        for m in pattern.finditer(text):
            start, end = (m.start(1), m.end(1)) if pattern.groups else (m.start(), m.end())
            if int(re.search(r"\d+", text[start:end]).group()) <= 120:
                out.append(Candidate("leeftijd", start, end, P_LEEFTIJD))
    return out


# ---------------------------------------------------------------------------------------------- dossier
_DOSSIER_SHAPE = re.compile(r"(?<![\w\-])[A-Z]{1,5}-\d{2,4}-\d{2,8}(?![\w\-])")
_DOSSIER_CONTEXT = re.compile(
    r"(?<![\w])(?:dossier|zaak|cliënt|client|klant|registratie|referentie|patiënt|patient|polis|contract|"
    r"debiteur|aanvraag|melding)[\s-]?(?:nummer|nr\.?|no\.?|id)\s*[:#]?\s*"
    r"([A-Za-z0-9][A-Za-z0-9\-/.]*\d[A-Za-z0-9\-/]*)"
    r"|(?<![\w])(?:dossier|kenmerk|zaak)\s*[:#]?\s*([A-Z0-9][A-Z0-9\-/]*\d[A-Z0-9\-/]*)(?![\w])",
    re.IGNORECASE,
)


def detect_dossier(text: str) -> list[Candidate]:
    """Case and client numbers: the shape ``WT-2024-00873`` anywhere, and any number with digits right
    after "dossiernummer", "zaaknummer", "cliëntnummer", "kenmerk", "dossier" and the like."""
    out = [Candidate("dossier", m.start(), m.end(), P_DOSSIER) for m in _DOSSIER_SHAPE.finditer(text)]
    for m in _DOSSIER_CONTEXT.finditer(text):
        g = 1 if m.group(1) else 2
        end = m.end(g)
        while end > m.start(g) and text[end - 1] in ".-/":
            end -= 1
        out.append(Candidate("dossier", m.start(g), end, P_DOSSIER - 1))
    return out


# --------------------------------------------------------------------------------------------- kenteken
_SIDECODES = (
    "LL-99-99 99-99-LL 99-LL-99 LL-99-LL LL-LL-99 99-LL-LL 99-LLL-9 9-LLL-99 LL-999-L L-999-LL "
    "LLL-99-L L-99-LLL 9-LL-999 999-LL-9"
).split()
_KENTEKEN = re.compile(
    r"(?<![\w\-])(?:" + "|".join(code.replace("L", "[A-Z]").replace("9", r"\d") for code in _SIDECODES) + r")(?![\w\-])"
)
_KENTEKEN_CONTEXT = re.compile(
    r"(?<![\w])kenteken\s*:?\s*([A-Z0-9]{6}|[A-Z0-9]{1,3}-[A-Z0-9]{2,3}-[A-Z0-9]{1,3})(?![\w\-])", re.IGNORECASE
)


def detect_kenteken(text: str) -> list[Candidate]:
    """Dutch number plates in the sidecodes 1-14 (with hyphens), or any 6 characters after "kenteken"."""
    out = [Candidate("kenteken", m.start(), m.end(), P_KENTEKEN) for m in _KENTEKEN.finditer(text)]
    out += [Candidate("kenteken", m.start(1), m.end(1), P_KENTEKEN) for m in _KENTEKEN_CONTEXT.finditer(text)]
    return out


# ------------------------------------------------------------------------------ spelled-out forms
# Personal data written so that the shapes above miss it: e-mail with "[at]", "(dot)", "punt" or
# "apenstaartje"; phone numbers and dates in words ("nul zes een twee ...", "zeven september
# negentienhonderdnegenenveertig"). The text is already normalised (no invisible characters, NFKC).
_AT_WORD = r"(?:at|apenstaartje|apestaartje|at-teken)"
_DOT_WORD = r"(?:dot|punt)"
_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
_AT_SPELLED = rf"(?:\s*{_OPEN}\s*(?:{_AT_WORD}|@)\s*{_CLOSE}\s*|\s+{_AT_WORD}\s+)"
_DOT_SPELLED = rf"(?:\s*{_OPEN}\s*(?:{_DOT_WORD}|\.)\s*{_CLOSE}\s*|\s+{_DOT_WORD}\s+)"
_AT_ANY = rf"(?:{_AT_SPELLED}|\s?@\s?)"
_DOT_ANY = rf"(?:{_DOT_SPELLED}|\.)"
_PART = r"[^\W_][\w+\-'’]*"
_EMAIL_SPELLED = re.compile(
    rf"(?<![\w.+\-@])(?P<local>{_PART}(?:{_DOT_ANY}{_PART})*?){_AT_ANY}"
    rf"(?P<domain>[^\W_][\w\-]*(?:{_DOT_ANY}[^\W_][\w\-]*)*?){_DOT_ANY}(?P<tld>[{_L}]{{2,24}})(?![\w@])",
    re.IGNORECASE,
)
_EMAIL_HINT = re.compile(
    rf"@|{_OPEN}\s*(?:at|@|dot|punt)\s*{_CLOSE}|\b(?:at|apenstaartje|apestaartje)\b", re.IGNORECASE
)
_BRACKETED = re.compile(rf"{_OPEN}\s*(?:at|@)\s*{_CLOSE}", re.IGNORECASE)
_TLDS = frozenset("nl com org net eu be de info nu io frl amsterdam online app me uk fr biz co email live mail".split())


def detect_email_spelled(text: str) -> list[Candidate]:
    """E-mail addresses written out: ``p.bakker[at]hotmail[dot]com``, ``p punt bakker at hotmail punt
    com``, ``p.bakker (at) ziggo.nl``, ``info apenstaartje wijkteam punt nl``. With a bare spoken "at"
    or "apenstaartje" the address must end in a known top-level domain."""
    out: list[Candidate] = []
    done = 0
    for hint in _EMAIL_HINT.finditer(text):  # look only around an "@", "[at]", "punt", ...
        if hint.start() < done:
            continue
        for m in _EMAIL_SPELLED.finditer(text, max(done, hint.start() - 120), min(len(text), hint.end() + 120)):
            done = max(done, m.end())
            if _EMAIL.fullmatch(m.group()):
                continue  # an ordinary address: detect_email has it
            if _BRACKETED.search(m.group()) or m.group("tld").lower() in _TLDS:
                out.append(Candidate("email", m.start(), m.end(), P_EMAIL))
    return out


_UNITS = {"nul": 0, "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6}
_UNITS |= {"zeven": 7, "acht": 8, "negen": 9}
_TEENS = {"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15}
_TEENS |= {"zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19}
_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70}
_TENS |= {"tachtig": 80, "negentig": 90}
_COMPOUND = re.compile(rf"({'|'.join(_UNITS)})(?:en|ën)({'|'.join(_TENS)})")
_ORDINALS = {"eerste": 1, "derde": 3, "achtste": 8}


def _below_100(word: str) -> int | None:
    for table in (_UNITS, _TEENS, _TENS):
        if word in table:
            return table[word]
    m = _COMPOUND.fullmatch(word)
    if m and _UNITS[m.group(1)] > 0:
        return _UNITS[m.group(1)] + _TENS[m.group(2)]
    return None


def _below(word: str, unit: str, size: int, lower) -> int | None:
    if unit not in word:
        return lower(word) if word else None
    head, _, tail = word.partition(unit)
    count = _below_100(head) if head else 1
    if tail.startswith("en") and tail != "en":
        tail = tail[2:]
    rest = lower(tail) if tail else 0
    if count is None or rest is None or count == 0:
        return None
    return count * size + rest


def number_word(word: str) -> int | None:
    """A Dutch number written as one word, 0..9999 ("zes", "vierendertig",
    "negentienhonderdnegenenveertig", "tweeduizendvijf"); ``None`` when it is none."""
    word = word.lower()

    def hundreds(w: str) -> int | None:
        return _below(w, "honderd", 100, _below_100)

    return _below(word, "duizend", 1000, hundreds)


def ordinal_word(word: str) -> int | None:
    """ "zevende" -> 7, "eenentwintigste" -> 21, "eerste" -> 1; ``None`` otherwise."""
    word = word.lower()
    if word in _ORDINALS:
        return _ORDINALS[word]
    for suffix in ("ste", "de"):
        if word.endswith(suffix):
            value = number_word(word[: -len(suffix)])
            if value is not None and value > 0:
                return value
    return None


_NUM_TOKEN = re.compile(r"\+|[^\W_]+")
_NUM_GAP = re.compile(r"[\s\-.,/()]{0,3}")
_UNIT_RE, _TEEN_RE, _TEN_RE = ("|".join(sorted(t, key=len, reverse=True)) for t in (_UNITS, _TEENS, _TENS))
_NUMBER_WORD = rf"(?:(?:{_UNIT_RE})(?:en|ën)(?:{_TEN_RE})|{_TEEN_RE}|{_TEN_RE}|{_UNIT_RE})"
_NUM_ITEM = rf"(?:\+|(?:plus|\d+|{_NUMBER_WORD})(?![\w]))"
# two or more numbers (digit groups or number words) with at most a little punctuation between them
_NUM_RUN = re.compile(rf"(?<![\w+])(?:{_NUM_ITEM})(?:[\s\-.,/()]{{0,3}}(?:{_NUM_ITEM}))+", re.IGNORECASE)


def _digit_runs(text: str) -> list[list[tuple[str, int, int, bool]]]:
    """Runs of numbers (digits or number words, ``+``/``plus``) separated by at most a little
    punctuation: [(digits, start, end, is_word)]."""
    runs: list[list[tuple[str, int, int, bool]]] = []
    for found in _NUM_RUN.finditer(text):
        run: list[tuple[str, int, int, bool]] = []
        for m in _NUM_TOKEN.finditer(text, found.start(), found.end()):
            token = m.group()
            if token.isdigit():
                item = (token, m.start(), m.end(), False)
            elif token == "+" or token.lower() == "plus":
                item = ("+", m.start(), m.end(), token != "+")
            else:
                value = number_word(token) if token.isalpha() else None
                item = (str(value), m.start(), m.end(), True) if value is not None else None
            if item is None or (run and not _NUM_GAP.fullmatch(text, run[-1][2], item[1])):
                if run:
                    runs.append(run)
                run = [item] if item is not None else []
                continue
            run.append(item)
        if run:
            runs.append(run)
    return runs


_AGE_WORD = rf"(?!(?:een|één|eén|nul)(?![\w]))(?:{_NUMBER_WORD}|honderd)"
_AGE_WORD_PATTERNS = (
    # "zestienjarige", "zestien-jarige", "zestien jarige"
    re.compile(rf"(?<![\w])(?:{_AGE_WORD})[\s-]?jarigen?(?![\w])", re.IGNORECASE),
    # "zestien jaar oud"
    re.compile(rf"(?<![\w])(?:{_AGE_WORD})\s+jaar\s+oud(?![\w])", re.IGNORECASE),
    # "is zestien.", "werd tachtig jaar", "leeftijd: zevenentachtig": at the end of a clause or before "jaar"
    re.compile(
        rf"(?<![\w])(?:is|was|wordt|werd|leeftijd(?:\s+van)?\s*:?)\s+((?:{_AGE_WORD})(?:\s+jaar(?:\s+oud)?)?)"
        r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:en|maar|dus|want|of|geworden|oud)(?![\w]))",
        re.IGNORECASE,
    ),
)


def detect_leeftijd_spelled(text: str) -> list[Candidate]:
    """Ages in words: ``zestienjarige``, ``zeventig jaar oud``, ``zijn zus is zestien.``. "een" and
    "nul" are never an age here ("het is een ..."); a number word before a noun is left
    ("het was drie keer")."""
    out = []
    for pattern in _AGE_WORD_PATTERNS:
        for m in pattern.finditer(text):
            start, end = (m.start(1), m.end(1)) if pattern.groups else (m.start(), m.end())
            out.append(Candidate("leeftijd", start, end, P_LEEFTIJD))
    return out


_PHONE_DIGITS = re.compile(r"0[1-9]\d{8}|\+31[1-9]\d{8}|\+(?!31)[1-9]\d{7,13}|0031[1-9]\d{8}")


def detect_numbers_spelled(text: str) -> list[Candidate]:
    """Phone numbers (and BSNs) written in words or split oddly: ``nul zes een twee drie vier vijf zes
    zeven acht``, ``06 twaalf vierendertig 56 78``, ``plus eenendertig zes ...``, ``0 6 1 2 3 4 5 6 7 8``
    (digits alone only one by one: other digit groups are :func:`detect_telefoon`'s).
    A run of number words and digit groups is read as digits; ten digits from a 0 (or +31 and nine)
    make a phone number; nine digits in words that pass the elfproef, or follow "BSN", a BSN."""
    out = []
    for run in _digit_runs(text):
        words = sum(is_word for *_, is_word in run)
        if not words and not (len(run) >= 8 and all(len(d) == 1 for d, *_ in run)):
            continue  # plain numbers: the detectors above have them, all but "0 6 1 2 3 4 5 6 7 8"
        for i, (digits, start, _, _) in enumerate(run):
            if not (digits.startswith("0") or digits == "+"):
                continue
            acc = ""
            for j in range(i, len(run)):
                acc += run[j][0]
                if len(acc) > 14:
                    break
                if _PHONE_DIGITS.fullmatch(acc) and (j + 1 == len(run) or len(acc) >= 11 or acc[0] == "0"):
                    if j + 1 < len(run) and acc[0] == "+" and _PHONE_DIGITS.fullmatch(acc + run[j + 1][0]):
                        continue  # a longer international number goes on
                    if any(w for *_, w in run[i : j + 1]) or j - i >= 2:
                        out.append(Candidate("telefoon", start, run[j][2], P_TELEFOON))
                    break
        if words >= 5:
            digits = "".join(d for d, *_ in run)
            window = text[max(0, run[0][1] - 40) : run[0][1]]
            if len(digits) == 9 and (elfproef(digits) or _BSN_CONTEXT.search(window)):
                out.append(Candidate("bsn", run[0][1], run[-1][2], P_BSN))
    return out


_MONTH_WORDS = "januari februari maart april mei juni juli augustus september oktober november december".split()
_MONTH_WORD = re.compile(rf"(?<![\w])(?:{'|'.join(_MONTH_WORDS)})(?![\w])", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([^\W_]+)(?:\s+van)?\s+$")
_ARTICLE_BEFORE = re.compile(r"(?<![\w])de\s+$", re.IGNORECASE)
_WORDS_AFTER = re.compile(r"\s+([^\W_]+)(?:\s+([^\W_]+))?")
_BIRTH_BEFORE = re.compile(r"(?:geboren(?:\s+(?:op|in))?|geb\.|geboortedatum\s*:?)\s+$", re.IGNORECASE)
_BIRTH_WORDS = re.compile(r"(?<![\w])(?:geboren(?:\s+in)?|geboortejaar\s*:?)\s+([^\W_]+)(?:\s+([^\W_]+))?", re.I)


def _year(first: str | None, second: str | None) -> tuple[int, int] | None:
    """(year, words used) for "negentienhonderdnegenenveertig", "negentien negenenveertig", "1949"."""
    if first is None:
        return None
    if first.isdigit():
        return (int(first), 1) if len(first) == 4 else None
    value = number_word(first)
    if value is not None and 1900 <= value <= 2099:
        return value, 1
    if value in (19, 20) and second is not None:
        low = number_word(second)
        if low is not None and 1 <= low <= 99:
            return value * 100 + low, 2
    return None


_DIGIT_DAY = re.compile(r"\d{1,2}(?:e|de|ste)?")


def _day(word: str) -> int | None:
    if _DIGIT_DAY.fullmatch(word):
        return None  # "7 september", "7de september": detect_datum has it
    value = ordinal_word(word)
    if value is None:
        value = number_word(word)
    return value if value is not None and 1 <= value <= 31 else None


def detect_datum_spelled(text: str) -> list[Candidate]:
    """Dates in words: ``zeven september negentienhonderdnegenenveertig``, ``de zevende september``,
    ``7 september negentien negenenveertig``, ``september negentienhonderdnegenenveertig``, and a
    year of birth in words (``geboren in negentienhonderdnegenenveertig``), with the birth lead-in."""
    out = []
    for m in _MONTH_WORD.finditer(text):
        start, end = m.start(), m.end()
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        day_word = before.group(1) if before else None
        day = _day(day_word) if day_word else None
        after = _WORDS_AFTER.match(text, end)
        year = _year(after.group(1), after.group(2)) if after else None
        if year is not None:
            year_words = [after.group(1), after.group(2)][: year[1]]
            if all(w.isdigit() for w in year_words) and day is None:
                year = None  # "september 1949": detect_datum has it
        if year is not None:
            end = after.end(year[1])
        digit_day = bool(day_word and _DIGIT_DAY.fullmatch(day_word) and year is not None)
        if day is not None or digit_day:
            start = before.start(1)
            article = _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
            if article and ordinal_word(day_word) is not None:
                start = article.start()  # "de twaalfde juni"
        elif year is None:
            continue
        lead = _BIRTH_BEFORE.search(text, max(0, start - 30), start)
        if day is not None and day_word.lower() in ("een", "één", "eén") and year is None and not lead:
            continue  # "een september vol regen"
        if lead:
            start = lead.start()
        out.append(Candidate("datum", start, end, P_DATUM))
    for m in _BIRTH_WORDS.finditer(text):
        year = _year(m.group(1), m.group(2))
        if year is not None and not m.group(1).isdigit():
            out.append(Candidate("datum", m.start(), m.end(year[1]), P_DATUM))
    return out


# ------------------------------------------------------------------------------------ persoon (titles)
_TITLE_RE = re.compile(
    r"(?<![\w])(?:[Mm]evrouw|[Mm]evr\.|[Mm]w\.|[Mm]eneer|[Mm]ijnheer|[Dd]hr\.|[Dd]e\s+heer|[Dd]okter|[Dd]r\.|"
    r"[Jj]uffrouw|[Ff]amilie|[Ff]am\.)(?=\s)"
)
_INITIALS = rf"(?:[{_UP}]\.\s?(?:-?[{_UP}]\.\s?)*)"
_PARTICLE_RE = (
    r"(?:van|de|der|den|het|ter|ten|te|'t|von|el|al|da|du|le|la|bin|ben|Van|De|Der|Den|Ter|Ten|El|Al|Da|Du|Le|La)"
)
_AFTER_TITLE = re.compile(rf"\s+(?:{_INITIALS}\s*)?(?:{_PARTICLE_RE}\s+)*{_NAME}(?:\s+(?:{_PARTICLE_RE}\s+)*{_NAME})*")


def detect_titled_person(text: str) -> list[Candidate]:
    """``mevrouw Fatima El Amrani``, ``de heer Van den Berg``, ``Mw. J. de Boer-Smit``: the title is
    part of the span (it would say more about the person than the tag does)."""
    out = []
    for m in _TITLE_RE.finditer(text):
        rest = _AFTER_TITLE.match(text, m.end())
        if not rest:
            continue
        end = _trim_name_end(text, m.end(), rest.end())
        if end > m.end():
            out.append(Candidate("persoon", m.start(), end, P_TITLE))
    return out


def _trim_name_end(text: str, start: int, end: int) -> int:
    """Cut trailing capitalised words that are domain words (``... Jansen Buurtcoach``)."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and (words[-1].group().lower() in registry.keep_words() or words[-1].group().lower() in PARTICLES):
        words.pop()
    return start + words[-1].end() if words else start


# ------------------------------------------------------------------------------------ known names
def known_name_detector(names: Iterable[str]) -> Callable[[str], list[Candidate]]:
    """Workspace colleagues. Full names and first names match case-insensitively as whole words;
    surnames alone (``Willems``, ``de Vries``) match only when capitalised, because many Dutch
    surnames are ordinary words (Post, Visser, Bakker)."""
    loose: set[str] = set()
    strict: set[str] = set()
    for raw in names:
        name = " ".join(str(raw).split())
        if len(name) < 2:
            continue
        loose.add(name)
        parts = name.split(" ")
        if parts[0].lower() not in TITLES and len(parts[0]) >= 2:
            loose.add(parts[0])
        if len(parts) > 1:
            surname = " ".join(parts[1:])
            last = parts[-1]
            if len(last) >= 3 and last.lower() not in registry.keep_words():
                strict.add(surname)
                strict.add(surname[0].upper() + surname[1:])
                strict.add(last[0].upper() + last[1:])
    loose = {n for n in loose if n.lower() not in registry.keep_words() and n.lower() not in PARTICLES}

    def alternation(values: set[str]) -> str:
        return "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(values, key=len, reverse=True))

    patterns = []
    if loose:
        patterns.append(re.compile(rf"(?<![\w])(?:{alternation(loose)})(?![\w])", re.IGNORECASE))
    if strict:
        patterns.append(re.compile(rf"(?<![\w])(?:{alternation(strict)})(?![\w])"))

    def detect(text: str) -> list[Candidate]:
        return [
            Candidate("persoon", m.start(), m.end(), P_KNOWN, source="collega")
            for pattern in patterns
            for m in pattern.finditer(text)
        ]

    return detect


#: The registry of rule detectors, run in this order (order does not affect the result).
DETECTORS: dict[str, Callable[[str], list[Candidate]]] = {
    "email": detect_email,
    "url": detect_url,
    "iban": detect_iban,
    "bsn": detect_bsn,
    "telefoon": detect_telefoon,
    "postcode": detect_postcode,
    "adres": detect_adres,
    "datum": detect_datum,
    "leeftijd": detect_leeftijd,
    "dossier": detect_dossier,
    "kenteken": detect_kenteken,
    "persoon": detect_titled_person,
    "email_uitgeschreven": detect_email_spelled,
    "nummer_uitgeschreven": detect_numbers_spelled,
    "datum_uitgeschreven": detect_datum_spelled,
    "leeftijd_uitgeschreven": detect_leeftijd_spelled,
}


def run_detectors(text: str, known_names: Iterable[str] = ()) -> list[Candidate]:
    found: list[Candidate] = []
    for detector in registry.detectors().values():  # ours (DETECTORS) and those of plugins
        found.extend(detector(text))
    names = tuple(known_names)
    if names:
        found.extend(_known_names(names, registry.keep_words())(text))
    return registry.known(found)


@lru_cache(maxsize=16)
def _known_names(names: tuple[str, ...], keep_words: frozenset[str]) -> Callable[[str], list[Candidate]]:
    """:func:`known_name_detector` built once per list of names (a workspace's colleagues) and set of
    keep-words (a plugin may change them): for a few hundred colleagues, building the patterns costs
    a few milliseconds, more than scrubbing the text with them."""
    return known_name_detector(names)
