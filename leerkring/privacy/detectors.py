"""Rule detectors for Dutch personal data that deduce misses or mislabels.

Each detector is a function ``(text) -> list[Candidate]``; :data:`DETECTORS` is leerkring's own
registry, which the engine runs together with the detectors of plugins (:mod:`.registry`). Candidates carry a priority: when two candidates of different types overlap, the one with
the higher priority wins (structured identifiers beat free-text guesses). Stdlib only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

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
_SEP = r"(?:\s?[-.]\s?|\s)?"
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
}


def run_detectors(text: str, known_names: Iterable[str] = ()) -> list[Candidate]:
    found: list[Candidate] = []
    for detector in registry.detectors().values():  # ours (DETECTORS) and those of plugins
        found.extend(detector(text))
    names = list(known_names)
    if names:
        found.extend(known_name_detector(names)(text))
    return registry.known(found)
