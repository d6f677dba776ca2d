"""The aggregation library on SQLite and PostgreSQL, without a kernel."""

from __future__ import annotations

import json
import re

import pytest
from test_summary_fixture import CANARIES, CANARY_KRING, CANARY_PERSONAL, KRINGEN, MANAGER, SHARED_TEXT

from leerkring import config
from leerkring.errors import LeerkringError, NotFound
from leerkring.summary import build_summaries, validate
from leerkring.summary.redact import Redactor
from leerkring.summary.suppression import is_suppressed
from leerkring.workspace import Workspace

MARK = "«gescrubd»"


class _Result:
    def __init__(self, text):
        self.text = text
        self.findings = ()


def marking_scrubber(text, known_names=()):
    """Marks every text it saw, so a test can prove each organisation text went through it."""
    return _Result(MARK + text)


def _build(ws, *args, **kwargs):
    return build_summaries(ws, *args, redactor=Redactor(ws.store.person_names(), scrubber=marking_scrubber), **kwargs)


def _people():
    names = [n for people in KRINGEN.values() for n in people] + [MANAGER]
    return names


def test_both_audiences_validate_and_organisation_has_no_canaries_or_names(ws):
    summaries = _build(ws, "all", "2026Q3..2026-12-31".replace("2026Q3", "2026-07-01"), "both")
    targets = sorted(s.target for s in summaries)
    assert targets == [
        "kring/wijkteam-noord",
        "kring/wijkteam-zuid",
        "organisatie/_organisatie",
        "organisatie/wijkteam-noord",
        "organisatie/wijkteam-zuid",
    ]
    for s in summaries:
        validate(s.data)
        blob = json.dumps(s.data, ensure_ascii=False)
        assert CANARY_PERSONAL not in blob, s.target
        if s.audience == "organisatie":
            for canary in CANARIES:
                assert canary not in blob, (canary, s.target)
            for name in _people():
                assert name not in blob, (name, s.target)
                assert not re.search(rf"\b{re.escape(name.split()[0])}\b", blob), (name, s.target)
    kring = next(s for s in summaries if s.target == "kring/wijkteam-noord").data
    assert CANARY_KRING in json.dumps(kring), "the kring sees its own texts"
    assert kring["uncertainties"]["items"], "uncertainties are listed for the kring"


def test_every_organisation_text_is_scrubbed_again(ws):
    summaries = _build(ws, "all", "alles", "organisatie")
    roll = next(s for s in summaries if s.slug == "_organisatie").data
    texts = [i["text"] for i in roll["shared_entries"] + roll["lessons"]]
    texts += [i["title"] for i in roll["signals"]["items"]] + [
        r["text"] for i in roll["signals"]["items"] for r in i["responses"]
    ]
    assert texts and all(t.startswith(MARK) for t in texts if t)
    assert any(SHARED_TEXT in t for t in texts)
    assert all(i["kind"] == "les" for i in roll["lessons"])
    assert "uncertainties" not in roll
    for s in summaries:
        assert "items" not in s.data["actions"], "no action titles for the organisation"


def test_figures_and_suppression(ws):
    summaries = {s.target: s.data for s in _build(ws, "all", "alles", "both")}
    noord, zuid = summaries["organisatie/wijkteam-noord"], summaries["organisatie/wijkteam-zuid"]
    assert noord["sessions"]["count"] == 4 and zuid["sessions"]["count"] == 4
    ervaringen = {p["key"]: p for p in noord["leermix"]["principles"]}["ervaringen"]
    assert ervaringen["entries"] == 4 * 5 + 1  # kring entries + one shared; the personal ones never count
    # a principle with one or two contributors in an organisation summary is suppressed
    assert is_suppressed({p["key"]: p for p in noord["leermix"]["principles"]}["onzekerheid"]["entries"])
    assert not is_suppressed(noord["leermix"]["total_entries"])
    # the kring audience shows the numbers
    kring = summaries["kring/wijkteam-noord"]
    assert {p["key"]: p for p in kring["leermix"]["principles"]}["onzekerheid"]["entries"] == 4
    assert kring["actions"]["raised"] == 4
    assert kring["actions"]["days_to_first_report"]["median"] == 14
    assert kring["signals"]["raised"] == 1 and kring["signals"]["answered"] == 1
    assert kring["boundary"]["invitations"][0]["key"] == "huisarts"
    assert {v["key"] for v in kring["tensions"]["values"]} == {"veiligheid", "eigen_regie", "vertrouwen"}
    # evaluations: 3 or 4 per session, anonymous; fewer than k would be suppressed
    assert not is_suppressed(noord["evaluations"]["free_to_speak"])
    assert noord["evaluations"]["count"] == 14
    roll = summaries["organisatie/_organisatie"]
    assert roll["sessions"]["count"] == 8 and len(roll["kringen"]) == 2
    assert roll["signals"]["raised"] == 2


def test_evaluations_below_k_are_suppressed(ws):
    ws.settings.min_group_size = 5
    summaries = {s.target: s.data for s in _build(ws, "all", "2026-09", "organisatie")}
    months = summaries["organisatie/wijkteam-noord"]["evaluations"]["by_month"]
    assert months and all(is_suppressed(m["free_to_speak"]) or m["count"] >= 5 for m in months)


def test_empty_period_still_summarises(ws):
    summaries = _build(ws, "Wijkteam Noord", "2025Q1", "both")
    assert [s.target for s in summaries] == ["kring/wijkteam-noord", "organisatie/wijkteam-noord"]
    for s in summaries:
        validate(s.data)
        assert s.data["empty"] and s.data["message"] == "Geen sessies in deze periode."
        assert s.data["charts"] == []


def test_unknown_kring_and_workspace_without_sessions(ws, store, tmp_path):
    with pytest.raises(NotFound, match="Onbekende kring"):
        _build(ws, "Wijkteam Nergens", "alles", "both")
    from leerkring.store import Store

    empty = Store.create(f"sqlite:///{tmp_path / 'leeg.db'}")
    empty.add_kring("Wijkteam Leeg")
    with pytest.raises(LeerkringError, match="nog geen sessies"):
        build_summaries(Workspace(tmp_path, config.Settings(name="Leeg"), empty), "all", "alles", "both")
    empty.close()


def test_charts_have_titles_and_text_alternatives(ws):
    from leerkring.sections import chart_specs
    from leerkring.sections.charts import svg

    doc = next(s for s in _build(ws, "all", "alles", "organisatie") if s.slug == "_organisatie").data
    specs = chart_specs(doc)
    assert {"leermix", "actieleren", "trialoog", "signalen", "sessies_per_kring"} <= {c.id for c in specs}
    for c in specs:
        assert c.title and c.alt
    image = svg(specs[0])
    assert image.startswith("<svg") and 'role="img"' in image and "aria-label=" in image
