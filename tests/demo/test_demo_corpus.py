"""Checks on the fictitious demo corpus that ``leerkring demo`` turns into a workspace."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from leerkring.demo import corpus

VALUES = {
    "zelfredzaamheid",
    "eigen_regie",
    "veiligheid",
    "rechtvaardigheid",
    "zorgzaamheid",
    "vertrouwen",
    "rechtsgelijkheid",
    "privacy",
    "gelijkwaardigheid",
}
SOURCE_ROLES = {"professional", "bewoner", "vrijwilliger", "partner"}
LEVELS = {"management", "registratie", "gemeente", "partner"}
INVITEE_KINDS = {"vrijwilliger", "bewoner", "partner", "management", "gemeente"}
GUEST_KINDS = {"vrijwilliger", "bewoner", "partner", "student"}
METHODS = {
    "teamreflectie",
    "incidentmethode",
    "moreel_beraad",
    "actieleren_terugblik",
    "grensoverschrijdend",
}

# principle -> entry kind -> (minimum per kring, dict keys or None for plain str)
SPEC: dict[str, dict[str, tuple[int, tuple[str, ...] | None]]] = {
    "ervaringen": {"ervaring": (14, None), "inzicht": (8, None), "nieuw_gedrag": (7, None)},
    "onzekerheid": {"niet_weten": (8, None), "leervraag": (8, None)},
    "inductief": {"stille_kennis": (8, ("text", "source_role"))},
    "spanningen": {
        "perspectief": (10, ("text", "position")),
        "waarden": (6, ("text", "values")),
        "gezamenlijk_kader": (5, None),
    },
    "grenzen": {
        "systeemkwestie": (6, ("text", "level")),
        "uitnodiging": (5, ("text", "invitee_kind")),
    },
    "actieleren": {"les": (6, None)},
    "trialoog": {"kennis": (6, None), "gevoel": (8, None), "contact": (6, None)},
}

PII = re.compile(
    r"06[- ]?\d{4}"  # a mobile number
    r"|[\w.+-]+@[\w-]+\.[a-z]{2,}"  # an e-mail address
    r"|\b[A-Z][a-z]+(?:straat|laan|weg|plein|hof|kade|singel)\s+\d+"  # street + house number
)


def _text(item: str | dict) -> str:
    return item if isinstance(item, str) else item["text"]


def _content_strings() -> Iterator[str]:
    """Every free text in the corpus (not the enumerated labels such as roles or levels)."""
    for kring in corpus.KRINGEN:
        yield kring["name"]
        yield kring["description"]
    for texts in corpus.TEXTS:
        for kinds in texts.values():
            for items in kinds.values():
                for item in items:
                    yield _text(item)
    for actions in corpus.ACTIONS:
        for action in actions:
            yield from action.values()
    for signals in corpus.SIGNALS:
        for signal in signals:
            yield signal["title"]
            yield signal["text"]
            if signal["response"] is not None:
                yield signal["response"]
    yield from corpus.EVALUATION_REMARKS
    for per_kring in corpus.SESSION_TOPICS.values():
        for titles in per_kring:
            yield from titles
    for dilemma in corpus.DILEMMAS:
        yield from dilemma.values()
    from leerkring.demo import live

    for cases in live.CASES.values():
        for case in cases:
            yield case["title"]
            yield case["text"]
    yield from live.REPLIES


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _people() -> list[dict]:
    people = [*corpus.MANAGERS]
    for kring in corpus.KRINGEN:
        people += kring["members"] + kring["guests"]
    return people


def test_kringen_structure() -> None:
    assert len(corpus.KRINGEN) == 3
    for kring in corpus.KRINGEN:
        assert set(kring) == {"name", "description", "focus", "members", "guests"}
        assert 6 <= len(kring["members"]) <= 8
        assert [m["role"] for m in kring["members"]].count("coach") == 1
        for member in kring["members"]:
            assert set(member) == {"name", "role", "discipline"}
            assert member["role"] in {"coach", "member"}
            assert member["discipline"].strip()
        assert 2 <= len(kring["guests"]) <= 3
        for guest in kring["guests"]:
            assert set(guest) == {"name", "role", "kind", "organisation"}
            assert guest["role"] == "guest"
            assert guest["kind"] in GUEST_KINDS
            assert guest["organisation"].strip()
    assert len({k["focus"] for k in corpus.KRINGEN}) == 3


def test_managers() -> None:
    assert len(corpus.MANAGERS) == 2
    functions = {m["function"] for m in corpus.MANAGERS}
    assert functions == {"teamleider", "manager sociaal domein"}
    assert all(m["role"] == "manager" for m in corpus.MANAGERS)


def test_people_have_unique_full_names() -> None:
    names = [p["name"] for p in _people()]
    duplicates = [n for n, c in Counter(names).items() if c > 1]
    assert not duplicates
    assert all(len(name.split()) >= 2 for name in names)


@pytest.mark.parametrize("kring_index", [0, 1, 2])
def test_texts_per_kring(kring_index: int) -> None:
    texts = corpus.TEXTS[kring_index]
    assert set(texts) == set(SPEC)
    for principle, kinds in SPEC.items():
        assert set(texts[principle]) == set(kinds), principle
        for kind, (minimum, keys) in kinds.items():
            items = texts[principle][kind]
            assert len(items) >= minimum, (kring_index, kind, len(items))
            for item in items:
                if keys is None:
                    assert isinstance(item, str), (kind, item)
                else:
                    assert isinstance(item, dict) and set(item) == set(keys), (kind, item)
                    assert isinstance(item["text"], str)


def test_metadata_values_are_valid() -> None:
    for texts in corpus.TEXTS:
        for item in texts["inductief"]["stille_kennis"]:
            assert item["source_role"] in SOURCE_ROLES
        for item in texts["spanningen"]["perspectief"]:
            assert isinstance(item["position"], str) and 0 < len(item["position"]) <= 30
        for item in texts["spanningen"]["waarden"]:
            assert item["values"] and set(item["values"]) <= VALUES
        for item in texts["grenzen"]["systeemkwestie"]:
            assert item["level"] in LEVELS
        for item in texts["grenzen"]["uitnodiging"]:
            assert item["invitee_kind"] in INVITEE_KINDS
        kaders = texts["spanningen"]["gezamenlijk_kader"]
        assert any("nog niet" in k.casefold() or "nog geen" in k.casefold() for k in kaders)


def test_every_source_role_and_level_is_used() -> None:
    roles = {i["source_role"] for t in corpus.TEXTS for i in t["inductief"]["stille_kennis"]}
    levels = {i["level"] for t in corpus.TEXTS for i in t["grenzen"]["systeemkwestie"]}
    invitees = {i["invitee_kind"] for t in corpus.TEXTS for i in t["grenzen"]["uitnodiging"]}
    assert roles == SOURCE_ROLES
    assert levels == LEVELS
    assert invitees == INVITEE_KINDS


def test_actions() -> None:
    assert len(corpus.ACTIONS) == 3
    for actions in corpus.ACTIONS:
        assert len(actions) >= 14
        for action in actions:
            assert set(action) == {"title", "effect", "lesson", "drop_reason"}
            assert all(isinstance(v, str) for v in action.values())


def test_signals() -> None:
    assert len(corpus.SIGNALS) == 3
    unanswered = total = 0
    for signals in corpus.SIGNALS:
        assert len(signals) >= 4
        for signal in signals:
            assert set(signal) == {"title", "text", "response"}
            assert signal["response"] is None or isinstance(signal["response"], str)
            unanswered += signal["response"] is None
            total += 1
    assert 0.2 <= unanswered / total <= 0.45


def test_remarks_topics_and_dilemmas() -> None:
    assert len(corpus.EVALUATION_REMARKS) >= 30
    assert set(corpus.SESSION_TOPICS) == METHODS
    for per_kring in corpus.SESSION_TOPICS.values():
        assert len(per_kring) == 3
        assert all(len(titles) >= 4 for titles in per_kring)
    assert len(corpus.DILEMMAS) >= 6
    for dilemma in corpus.DILEMMAS:
        assert set(dilemma) == {"case", "question", "option_a", "option_b"}
        assert dilemma["question"].startswith("Moet") and dilemma["question"].endswith("?")
    assert any("zwart" in d["case"] or "zwart" in d["question"] for d in corpus.DILEMMAS)


def test_no_empty_or_padded_strings() -> None:
    for text in _content_strings():
        assert isinstance(text, str)
        assert text.strip() == text and text, repr(text)
        assert "  " not in text, repr(text)
        assert not re.search(r"\b(TODO|lorem|ipsum|xxx)\b", text, re.IGNORECASE), text


def test_all_texts_unique() -> None:
    counts = Counter(_normalise(t) for t in _content_strings())
    duplicates = [t for t, c in counts.items() if c > 1]
    assert not duplicates


def test_no_sentence_repeated() -> None:
    counts = Counter(
        _normalise(sentence) for text in _content_strings() for sentence in re.split(r"(?<=[.?!])\s+", text)
    )
    duplicates = [s for s, c in counts.items() if c > 1]
    assert not duplicates


def test_ervaring_contains_some_pii_slips() -> None:
    ervaringen = [t for texts in corpus.TEXTS for t in texts["ervaringen"]["ervaring"]]
    slips = [t for t in ervaringen if PII.search(t)]
    assert len(slips) >= 3
    assert len(slips) <= len(ervaringen) // 6  # slips, not the rule
    assert any("@" in t for t in slips)
    assert any(re.search(r"06[- ]?\d{4}", t) for t in slips)
    for texts in corpus.TEXTS:
        assert any(PII.search(t) for t in texts["ervaringen"]["ervaring"])


def test_the_live_corpus_has_cases_for_every_kring() -> None:
    from leerkring.demo import live

    assert set(live.CASES) == {k["name"] for k in corpus.KRINGEN}
    assert all(len(cases) >= 2 for cases in live.CASES.values()) and len(live.REPLIES) >= 10


def test_corpus_is_data_files_shipped_in_the_package(repo_root) -> None:
    """The texts live in ``leerkring/demo/data/*.toml``; ``corpus.py`` only reads them."""
    data = Path(corpus.__file__).with_name("data")
    organisation = tomllib.loads((data / "organisation.toml").read_text("utf-8"))
    assert {p.stem for p in data.glob("*.toml")} == {"organisation", "live", *organisation["kringen"]}
    assert [tomllib.loads((data / f"{name}.toml").read_text("utf-8"))["name"] for name in organisation["kringen"]] == [
        k["name"] for k in corpus.KRINGEN
    ]
    source = Path(corpus.__file__).read_text("utf-8")
    assert len(source.splitlines()) < 150 and corpus.TEXTS[0]["ervaringen"]["ervaring"][0] not in source
    pyproject = tomllib.loads((repo_root / "pyproject.toml").read_text("utf-8"))
    assert "demo/data/*.toml" in pyproject["tool"]["setuptools"]["package-data"]["leerkring"]
