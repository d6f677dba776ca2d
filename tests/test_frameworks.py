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
    assert {m.key for m in fw.methods} >= {"teamreflectie", "incidentmethode", "moreel_beraad",
                                           "actieleren_terugblik", "grensoverschrijdend"}


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
