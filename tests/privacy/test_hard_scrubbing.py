"""Harder scrubbing (issue 14, item 1): normalisation, names in any case, spelled-out e-mail, phone
numbers and dates, on our own adversarial set and on the two public sets together."""

from __future__ import annotations

from pathlib import Path

import pytest

from leerkring.privacy import detectors as d
from leerkring.privacy import labelled
from leerkring.privacy.names import NameFinder, NameLookups, titled
from leerkring.privacy.normalise import map_span, normalise, normalise_map

STRICT_TYPES = ("bsn", "iban", "email", "telefoon", "postcode")
ADVERSARIAL = Path(__file__).parent / "data" / "adversarial.txt"


def _spans(detector, text: str) -> list[tuple[str, str]]:
    return sorted({(c.type, text[c.start : c.end]) for c in detector(text)}, key=lambda s: text.index(s[1]))


def _print(report: labelled.Report) -> None:
    print()
    print(report.table())
    for kind, value, output in report.missed:
        print(f"gemist {kind}: {value!r} -> {output}")
    for word, output in report.lost:
        print(f"verloren: {word!r} -> {output}")


def _assert_goals(report: labelled.Report) -> None:
    assert report.recall() >= 0.97, report.table()
    for kind in STRICT_TYPES:
        assert report.recall(kind) == 1.0, (kind, report.missed)
    assert report.keep_rate >= 0.98, report.lost


# ------------------------------------------------------------------------------------ normalisation
@pytest.mark.parametrize(
    "raw,expected",
    [
        ("06\u200b1234\u200c5678", "0612345678"),  # zero-width space and non-joiner
        ("06\u20601234\u2063\ufeff5678", "0612345678"),  # word joiner, invisible separator, BOM
        ("Wil\u00adle\u200dmijn", "Willemijn"),  # soft hyphen, zero-width joiner
        ("\u202eBouali\u202c", "Bouali"),  # bidi override and pop: format characters too
        ("l.vos＠ziggo.nl", "l.vos@ziggo.nl"),
        ("０６－２３４５６７８９", "06-23456789"),
        ("𝐅𝐚𝐭𝐢𝐦𝐚", "Fatima"),  # mathematical bold
        ("٠٦١٢٣٤٥٦٧٨", "0612345678"),  # Arabic-Indic digits
        ("06\u20111234\u22125678", "06-1234-5678"),  # non-breaking hyphen, minus sign
        ("Mаrtijn Kооl", "Martijn Kool"),  # Cyrillic а and о
        ("ΑΝΝΑ", "ANNA"),  # Greek capitals that all look Latin
        ("Jo\ufe0fris", "Joris"),  # a variation selector
        ("e\u0301", "é"),  # composed, not removed
        ("10\u201312 uur \u2026", "10\u201312 uur ..."),  # the en dash of prose stays
    ],
)
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_normalise_leaves_real_cyrillic_and_greek_and_ascii():
    assert normalise("Привет, Олег") == "Привет, Олег"  # letters of their own script: a real word
    assert normalise("Ευχαριστώ") == "Ευχαριστώ"
    plain = "Mevrouw Jansen (06-12345678) woont op de Kerkstraat 12."
    assert normalise(plain) is plain  # the ASCII fast path


def test_invisible_covers_every_format_character():
    """The hard-coded class of invisible characters holds every Cf character this Python knows."""
    import sys
    import unicodedata

    from leerkring.privacy.normalise import INVISIBLE

    missing = [hex(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    missing = [c for c in missing if not INVISIBLE.match(chr(int(c, 16)))]
    assert missing == []


@pytest.mark.parametrize(
    "raw", ["café met Zoë", "Ｆａｔｉｍａ\u200b", "e\u0301\u200bn", "\u1100\u1161 ok", "ﬁne ½", "Привет Мark", ""]
)
def test_normalise_map_agrees_with_normalise(raw):
    text, origin = normalise_map(raw)
    assert text == normalise(raw) and len(origin) == len(text) + 1
    assert origin == sorted(origin) and all(0 <= o <= len(raw) for o in origin)


def test_normalise_map_points_back_into_the_original():
    raw = "Bel ０６\u200b-1234\u200b5678, Мark."
    text, origin = normalise_map(raw)
    assert text == "Bel 06-12345678, Mark."
    assert len(origin) == len(text) + 1 and origin[-1] == len(raw)
    start = raw.index("０")
    end = raw.index(",")
    assert text[slice(*map_span(origin, start, end))] == "06-12345678"
    assert text[slice(*map_span(origin, raw.index("М"), len(raw) - 1))] == "Mark"


# ------------------------------------------------------------------------------------ spelled-out
@pytest.mark.parametrize(
    "text,expected",
    [
        ("mail p.bakker[at]hotmail[dot]com nu", "p.bakker[at]hotmail[dot]com"),
        ("mail p punt bakker at hotmail punt com morgen", "p punt bakker at hotmail punt com"),
        ("via info (at) wijkteam.nl.", "info (at) wijkteam.nl"),
        ("j.devries apenstaartje gmail punt com", "j.devries apenstaartje gmail punt com"),
        ("a.b {at} c {dot} org", "a.b {at} c {dot} org"),
        ("x @ ziggo punt nl", "x @ ziggo punt nl"),
    ],
)
def test_email_spelled(text, expected):
    assert _spans(d.detect_email_spelled, text) == [("email", expected)]


@pytest.mark.parametrize(
    "text", ["ik was at home punt", "kijk op wijkteam punt nl", "mail m.jansen@outlook.com", "het punt is dat"]
)
def test_email_spelled_negative(text):
    assert d.detect_email_spelled(text) == []  # an ordinary address is detect_email's


@pytest.mark.parametrize(
    "text,expected",
    [
        ("bel nul zes een twee drie vier vijf zes zeven acht.", ("telefoon", "nul zes een twee drie vier vijf zes zeven acht")),
        ("06 twaalf vierendertig 56 78", ("telefoon", "06 twaalf vierendertig 56 78")),
        ("nul zes - twaalf, vierendertig, zesenvijftig, achtenzeventig", ("telefoon", "nul zes - twaalf, vierendertig, zesenvijftig, achtenzeventig")),
        ("plus eenendertig zes een twee drie vier vijf zes zeven acht", ("telefoon", "plus eenendertig zes een twee drie vier vijf zes zeven acht")),
        ("0 6 1 2 3 4 5 6 7 8", ("telefoon", "0 6 1 2 3 4 5 6 7 8")),
        ("bsn: een een een twee twee twee drie drie drie", ("bsn", "een een een twee twee twee drie drie drie")),
    ],
)  # fmt: skip
def test_numbers_spelled(text, expected):
    assert expected in _spans(d.detect_numbers_spelled, text)


def test_phone_with_en_dash():
    assert _spans(d.detect_telefoon, "bel 06\u201312345678.") == [("telefoon", "06\u201312345678")]


@pytest.mark.parametrize(
    "text", ["tussen 10 en 12 uur", "in 2024 en 2025", "een twee drie", "01-02-2024 12 34", "op 06 1234 5678 en"]
)
def test_numbers_spelled_negative(text):
    assert d.detect_numbers_spelled(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("de zus van yusuf is zestien.", ["zestien"]),
        ("een zestienjarige jongen", ["zestienjarige"]),
        ("hij werd tachtig jaar oud", ["tachtig jaar oud"]),
        ("ze is zevenentachtig en woont alleen", ["zevenentachtig"]),
        ("het was drie keer", []),
        ("het is een goed idee", []),
        ("er zijn twee dingen", []),
        ("Het is twee uur.", []),
    ],
)
def test_leeftijd_spelled(text, expected):
    assert [value for _, value in _spans(d.detect_leeftijd_spelled, text)] == expected


def test_number_words():
    assert d.number_word("negentienhonderdnegenenveertig") == 1949
    assert d.number_word("tweeduizendvijf") == 2005
    assert d.number_word("tweeëntwintig") == 22
    assert d.number_word("nul") == 0
    assert d.number_word("en") is None and d.number_word("ze") is None
    assert d.ordinal_word("zevende") == 7 and d.ordinal_word("eenentwintigste") == 21 and d.ordinal_word("eerste") == 1


@pytest.mark.parametrize(
    "text,expected",
    [
        ("geboren op zeven september negentienhonderdnegenenveertig", "geboren op zeven september negentienhonderdnegenenveertig"),
        ("op de zevende september", "de zevende september"),
        ("7 september negentien negenenveertig", "7 september negentien negenenveertig"),
        ("geboren in negentienhonderdachtenvijftig", "geboren in negentienhonderdachtenvijftig"),
        ("op drie maart", "drie maart"),
        ("geboren op 7de september negentien negenenveertig", "geboren op 7de september negentien negenenveertig"),
    ],
)  # fmt: skip
def test_datum_spelled(text, expected):
    assert _spans(d.detect_datum_spelled, text) == [("datum", expected)]


@pytest.mark.parametrize("text", ["in mei en juni", "een september vol regen", "september 1949"])
def test_datum_spelled_negative(text):
    assert d.detect_datum_spelled(text) == []


# ------------------------------------------------------------------------------------ names (no deduce)
@pytest.fixture(scope="module")
def finder() -> NameFinder:
    lookups = NameLookups.of(
        first=["Sanne", "Dewi", "Henk", "Willemijn", "Karim", "Roos", "Mark", "Fatima"],
        surname=["Bruin", "Groot", "Jansen"],
        common=["na", "het", "dat", "al", "jaren", "zei"],
    )
    return NameFinder(lookups)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("ik sprak sanne na het overleg", ["sanne"]),
        ("Bij WILLEMIJN DE BRUIN thuis", ["WILLEMIJN DE BRUIN"]),
        ("Het jongerenwerk kent dewi de groot al jaren", ["dewi de groot"]),
        ("karim's moeder belde", ["karim"]),
        ("Karims moeder belde", ["Karims"]),
        ("zei HENK dat", ["HENK"]),
        ("ik sprak roos gisteren", ["roos"]),  # an ordinary word, but after a verb of speaking
        ("Bij FATIMA BOUALI thuis", ["FATIMA BOUALI"]),  # in capitals any uncommon word after
        ("het gesprek met mevrouw jansen", ["mevrouw jansen"]),
        ("MEVROUW DE BRUIN belde", ["MEVROUW DE BRUIN"]),
        ("ik sprak sAnNe en SaNNe", ["sAnNe", "SaNNe"]),  # odd mixes of case too
    ],
)
def test_names_in_any_case(finder, text, expected):
    assert [text[a:b] for a, b in finder.find(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "de roos in de tuin bloeit",  # a noun after "de"
        "een mark is geen euro",
        "in mei en juni",
        "Sanne en Dewi",  # capitalised: deduce's, not ours
        "Moeder koos de gezinscoach",
        "kies hieronder een kring",
        "mevrouw van 86 belt",
    ],
)
def test_names_not_found(finder, text):
    assert finder.find(text) == []


def test_titled_keeps_length_and_particles():
    text = "Bij WILLEMIJN DE BRUIN en dewi van der groot"
    spans = [(4, 22), (26, 44)]
    out = titled(text, spans)
    assert out == "Bij Willemijn de Bruin en Dewi van der Groot" and len(out) == len(text)


# ------------------------------------------------------------------------------------ engine
def test_issue_example_stored_normalised(engine):
    raw = "Bij FATIMA BOUALI (bel 06\u200b1234\u200b5678) lag de post al weken ongeopend."
    result = engine.scrub(raw)
    assert result.text == "Bij [PERSOON-1] (bel [TELEFOON-1]) lag de post al weken ongeopend."
    # findings' offsets refer to the normalised text, which the stored text is made from
    assert labelled.rebuild(normalise(raw), result.findings) == result.text


def test_homoglyph_name_and_full_width_email(engine):
    result = engine.scrub("Mаrtijn Kооl mailt vanaf l.vos＠ziggo.nl over de indicatie.")
    assert result.text == "[PERSOON-1] mailt vanaf [EMAIL-1] over de indicatie."


def test_lower_case_name_replaced_everywhere(engine):
    result = engine.scrub("ik sprak sanne na het buurtoverleg. Sanne wil stoppen; SANNE twijfelt.")
    assert result.text == "ik sprak [PERSOON-1] na het buurtoverleg. [PERSOON-1] wil stoppen; [PERSOON-1] twijfelt."


def test_ordinary_words_that_are_names_survive(engine):
    text = (
        "De roos in de tuin van het buurthuis bloeit. In mei en juni was de wachtlijst lang. "
        "Moeder koos de gezinscoach. Hij speelt bas in een band; de winter was zwaar. Kies hieronder een kring."
    )
    assert engine.scrub(text).text == text


def test_text_in_capitals_keeps_its_domain_words(engine):
    text = "LET OP: DE GGZ EN HET UWV BELLEN MAANDAG OVER DE UITKERING; BEL MIJ OVER DE WMO-AANVRAAG."
    assert engine.scrub(text).text == text
    result = engine.scrub("IK HEB MET SANNE GESPROKEN OVER DE HUURACHTERSTAND EN DE POST.")
    assert result.text == "IK HEB MET [PERSOON-1] GESPROKEN OVER DE HUURACHTERSTAND EN DE POST."


def test_ascii_text_unchanged_where_nothing_is_found(engine):
    text = "In de intervisie bespraken we onze onzekerheid over bemoeizorg en eigen regie."
    assert engine.scrub(text).text == text


# ------------------------------------------------------------------------------------ labelled sets
def test_goals_on_adversarial_set(engine):
    """Our own adversarial cases (new wordings of every pattern, plus negative cases)."""
    examples = labelled.load(ADVERSARIAL)
    assert len(examples) >= 30
    report = labelled.evaluate(examples, lambda text: engine.scrub(text))
    _print(report)
    _assert_goals(report)


def test_goals_on_both_public_sets_together(engine, require, shared_data):
    paths = [shared_data / "pii_public.txt", shared_data / "pii_public_hard.txt"]
    for path in paths:
        require(path.exists(), f"labelled set not found beside the repository: {path}")
    examples = [example for path in paths for example in labelled.load(path)]
    report = labelled.evaluate(examples, lambda text: engine.scrub(text))
    _print(report)
    _assert_goals(report)


def test_scrubbing_twice_changes_nothing(engine):
    """Organisation artifacts are scrubbed again on the way out: the tags are no names."""
    for example in labelled.load(ADVERSARIAL):
        once = engine.scrub(example.text).text
        assert engine.scrub(once).text == once
