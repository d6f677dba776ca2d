"""Residual-risk highlights for the coach's release review (leerkring/privacy/residual.py)."""

from __future__ import annotations

import pytest

from leerkring.privacy import residual
from leerkring.privacy.names import NameLookups
from leerkring.privacy.residual import (
    DIGITS,
    EMAIL,
    FIRST_NAME,
    SURNAME,
    UNKNOWN_WORD,
    Risk,
    mark,
    residual_risks,
)

LOOKUPS = NameLookups.of(
    first=["fatima", "sanne", "roos", "jan"], surname=["bouali", "jansen", "bakker", "groot"], common=["zorg"]
)
WORDS = {
    w: 50
    for w in """bij thuis ik sprak met over de en was het een mooie bloem nieuws wacht al maanden ook er uur keer om
    op bel mail of zie fatima""".split()
}
WORDS.update({"roos": 2312, "groot": 100888, "bakker": 893})


def spans(text: str, **kwargs) -> list[tuple[str, tuple[str, ...]]]:
    found = residual_risks(text, lookups=LOOKUPS, words=WORDS, **kwargs)
    return [(text[r.start : r.end], r.reasons) for r in found]


def test_names_in_any_case_from_the_lookups():
    text = "Bij FATIMA BOUALI thuis. Ik sprak sanne en Jansen; jansen was er ook."
    assert spans(text) == [
        ("FATIMA", (FIRST_NAME,)),
        ("BOUALI", (SURNAME, UNKNOWN_WORD)),
        ("sanne", (FIRST_NAME, UNKNOWN_WORD)),
        ("Jansen", (SURNAME, UNKNOWN_WORD)),
        ("jansen", (SURNAME, UNKNOWN_WORD)),
    ]


def test_ordinary_words_that_are_also_names_only_where_they_look_like_names():
    # frequent in Dutch: not in lower case nor at the start of a sentence; in the middle, capitalised, yes
    assert spans("Roos is een mooie bloem. Groot nieuws.") == []
    assert spans("de roos was mooie") == []
    assert spans("Ik sprak met Roos en Groot.") == [("Roos", (FIRST_NAME,)), ("Groot", (SURNAME,))]
    assert spans("Ik sprak met bakker") == []  # an ordinary word in lower case (keep.NAME_WORDS)


def test_words_not_in_the_word_list_digits_and_email():
    text = "Mevrouw wacht al maanden: bel 06 1234 5678, mail jan at gmail punt com of j.jansen@ziggo.nl, [PERSOON-1]."
    found = spans(text)
    assert ("06 1234 5678", (DIGITS,)) in found
    assert any(s == "j.jansen@ziggo.nl" and EMAIL in r for s, r in found)
    assert any("jan at gmail punt com" in s and EMAIL in r for s, r in found)
    assert ("Mevrouw", (UNKNOWN_WORD,)) not in found  # a title is not flagged
    assert not any("PERSOON" in s for s, _ in found)  # the scrubber's own tags never are


@pytest.mark.parametrize(
    "text",
    ["fatima＠live.nl", "fatima [at] live [punt] nl", "fatima (at) live", "fatima apenstaartje live", "zie live.nl"],
)
def test_at_like_patterns(text):
    assert any(EMAIL in reasons for _, reasons in spans(text)), text


def test_tags_digits_in_tags_and_short_numbers_are_not_flagged():
    assert spans("Bij [PERSOON-12] en [TELEFOON-3] om 10 uur, 2 keer") == []
    assert spans("op 2026 11 02") == [("2026 11 02", (DIGITS,))]


def test_plurals_diminutives_and_hyphenated_words_count_as_known():
    assert spans("bloemen en mooie-bloem en bloempje") == []
    assert spans("bloemzzz") == [("bloemzzz", (UNKNOWN_WORD,))]


def test_overlapping_and_touching_spans_are_merged_and_marked():
    risks = [Risk(4, 10, (FIRST_NAME,)), Risk(20, 23, (DIGITS,))]
    assert mark("Bij Fatima thuis op 123.", risks) == "Bij »Fatima« thuis op »123«."
    assert residual._merge([(0, 3, DIGITS), (3, 5, EMAIL), (2, 4, FIRST_NAME)]) == [
        Risk(0, 5, (FIRST_NAME, DIGITS, EMAIL))
    ]


def test_the_real_lists_deduce_and_the_dutch_word_list():
    """Without test lookups: deduce's own lists and pyspellchecker's Dutch list (no deduce model loaded)."""
    text = "Bij FATIMA BOUALI (bel 06 1234 5678) thuis. Ik sprak sanne over de mantelzorg en de huisarts."
    found = [(text[r.start : r.end], r.reasons) for r in residual_risks(text)]
    assert ("FATIMA", (FIRST_NAME,)) in found
    assert any(s == "BOUALI" and UNKNOWN_WORD in r for s, r in found)
    assert ("06 1234 5678", (DIGITS,)) in found
    assert any(s == "sanne" and FIRST_NAME in r for s, r in found)
    flagged = " ".join(s for s, _ in found)
    for ordinary in ("mantelzorg", "huisarts", "thuis", "sprak"):
        assert ordinary not in flagged
    assert residual.name_lookups() is residual.name_lookups()  # read once per process
