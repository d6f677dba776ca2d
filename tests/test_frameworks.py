"""Frameworks as data: the shipped files validate; a workspace can extend them; bad files fail clearly."""

from __future__ import annotations

import pytest

from leerkring import frameworks
from leerkring.errors import LeerkringError

DOMAIN_KINDS = {
    "ervaringen": {"ervaring", "inzicht", "nieuw_gedrag"},
    "onzekerheid": {"niet_weten", "leervraag"},
    "inductief": {"stille_kennis"},
    "spanningen": {"perspectief", "waarden", "gezamenlijk_kader"},
    "grenzen": {"systeemkwestie", "uitnodiging"},
    "actieleren": {"actie", "effect", "les"},
    "trialoog": {"kennis", "gevoel", "contact"},
}


def test_builtin_has_the_seven_principles_with_their_kinds():
    fw = frameworks.builtin()
    assert [p.number for p in fw.principles] == [1, 2, 3, 4, 5, 6, 7]
    assert {p.key: set(k.key for k in p.kinds) for p in fw.principles} == DOMAIN_KINDS
    for principle in fw.principles:
        assert 2 <= len(principle.questions) <= 4
        assert principle.description and principle.gloss
    assert len(fw.kwesties) == 7
    assert {"eigen_regie", "vertrouwen", "privacy"} <= {v.key for v in fw.values}
    assert {"professional", "bewoner", "vrijwilliger", "partner"} == {r.key for r in fw.source_roles}
    assert fw.default_method.key == "teamreflectie"
    assert {m.key for m in fw.methods} >= {
        "teamreflectie",
        "incidentmethode",
        "moreel_beraad",
        "actieleren_terugblik",
        "grensoverschrijdend",
    }


def test_workspace_can_add_a_method_and_values(tmp_path):
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "eigen.toml").write_text(
        '[[method]]\nkey = "waarderend"\nname = "Waarderend onderzoek"\nprinciples = ["ervaringen", "trialoog"]\n'
        '[[value]]\nkey = "hoop"\nlabel = "Hoop"\n'
        '[extra_kinds]\ntrialoog = [{ key = "verhaal", label = "Verhaal" }]\n',
        encoding="utf-8",
    )
    fw = frameworks.load(tmp_path)
    assert fw.method("waarderend").name == "Waarderend onderzoek"
    assert "hoop" in {v.key for v in fw.values}
    assert fw.principle("trialoog").kind("verhaal").label == "Verhaal"
    assert frameworks.builtin().method("teamreflectie")  # the shipped set is unchanged


@pytest.mark.parametrize(
    "content, message",
    [
        ("[[method]\nkey=1", "geen geldige TOML"),
        ('[[method]]\nkey = "x"\nname = "X"\nprinciples = ["onbekend"]\n', "onbekend principe"),
        ('[[value]]\nkey = "Hoofdletter"\nlabel = "x"\n', "klopt niet"),
        ('[[value]]\nkey = "x"\nlabel = "x"\nkleur = "rood"\n', "klopt niet"),
    ],
)
def test_bad_workspace_framework_file_gives_one_clear_error(tmp_path, content, message):
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "fout.toml").write_text(content, encoding="utf-8")
    with pytest.raises(LeerkringError, match=message):
        frameworks.load(tmp_path)


def test_kind_specific_fields_are_declared_as_data():
    fw = frameworks.builtin()

    def fields(principle, kind):
        return [(f.key, f.widget, f.label, f.vocabulary) for f in fw.principle(principle).kind(kind).fields]

    assert fields("inductief", "stille_kennis") == [("source_role", "dropdown", "Bron", "source_roles")]
    assert fields("spanningen", "perspectief") == [("position", "text", "Standpunt", None)]
    assert fw.principle("spanningen").kind("perspectief").fields[0].placeholder == "bijvoorbeeld: handhaven"
    assert fields("spanningen", "waarden") == [("values", "multiselect", "Waarden", "values")]
    assert fields("actieleren", "actie") == [("owner", "dropdown", "Wie", "members"), ("due", "date", "Wanneer", None)]
    assert fw.principle("ervaringen").kind("ervaring").fields == ()
    for principle in fw.principles:  # every declared field uses a known widget type and vocabulary
        for kind in principle.kinds:
            for field in kind.fields:
                assert field.widget in frameworks.FIELD_WIDGETS
                assert field.vocabulary in (None, *frameworks.VOCABULARIES)


def test_workspace_kind_can_declare_its_own_fields(tmp_path):
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "eigen.toml").write_text(
        "[extra_kinds]\n"
        'trialoog = [{ key = "verhaal", label = "Verhaal", fields = [\n'
        '  { key = "verteller", widget = "text", label = "Verteller", placeholder = "wie vertelt?" },\n'
        '  { key = "kwestie", widget = "dropdown", label = "Kwestie", vocabulary = "kwesties" },\n'
        "] }]\n",
        encoding="utf-8",
    )
    kind = frameworks.load(tmp_path).principle("trialoog").kind("verhaal")
    assert [(f.key, f.widget, f.label, f.vocabulary, f.placeholder) for f in kind.fields] == [
        ("verteller", "text", "Verteller", None, "wie vertelt?"),
        ("kwestie", "dropdown", "Kwestie", "kwesties", ""),
    ]


@pytest.mark.parametrize(
    "field, message",
    [
        (
            '{ key = "kleur", widget = "kleurkiezer", label = "Kleur" }',
            r"klopt niet bij 'extra_kinds\.trialoog\.0\.fields\.0\.widget': onbekend veldtype 'kleurkiezer'; "
            r"kies uit: .*dropdown.*text",
        ),
        ('{ key = "wie", widget = "dropdown", label = "Wie" }', "noemt geen woordenlijst"),
        (
            '{ key = "wie", widget = "dropdown", label = "Wie", vocabulary = "kleuren" }',
            "onbekende woordenlijst 'kleuren'",
        ),
        ('{ key = "Wie", widget = "text", label = "Wie" }', "klopt niet bij 'extra_kinds.trialoog.0.fields.0.key'"),
    ],
)
def test_bad_field_declaration_gives_a_clear_dutch_error(tmp_path, field, message):
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "fout.toml").write_text(
        f'[extra_kinds]\ntrialoog = [{{ key = "verhaal", label = "Verhaal", fields = [{field}] }}]\n', encoding="utf-8"
    )
    with pytest.raises(LeerkringError, match=message) as caught:
        frameworks.load(tmp_path)
    assert "Value error" not in str(caught.value)
