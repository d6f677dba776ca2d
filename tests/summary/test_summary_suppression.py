"""Unit tests of small-group suppression and period parsing (no database, no kernel)."""

from __future__ import annotations

import datetime as dt

import pytest

from leerkring.errors import UsageError
from leerkring.summary.period import parse_period
from leerkring.summary.suppression import Suppressor, is_suppressed, number, reason, show, suppressed


def test_count_below_k_is_suppressed_with_dutch_reason():
    sup = Suppressor(3)
    assert sup.count(10, 3) == 10
    hidden = sup.count(10, 2)
    assert is_suppressed(hidden)
    assert hidden == {"suppressed": True, "reason": "minder dan 3 bijdragers"}
    assert show(hidden) == "minder dan 3 bijdragers"
    assert number(hidden) == 0


def test_zero_is_not_suppressed_and_disabled_suppressor_shows_everything():
    assert Suppressor(3).count(0, 0) == 0
    assert Suppressor(3, enabled=False).count(2, 1) == 2
    assert Suppressor(3, enabled=False).measure(4.5, 1) == 4.5


def test_measure_rests_on_n():
    sup = Suppressor(5)
    assert is_suppressed(sup.measure(3.3, 4))
    assert sup.measure(3.333, 5) == 3.33
    assert sup.measure(None, 10) is None
    assert sup.measure(2.0, 0) is None


def test_breakdown_secondary_suppression_hides_a_second_cell():
    sup = Suppressor(3)
    cells, total = sup.breakdown({"a": (10, 5), "b": (2, 1), "c": (4, 3), "d": (0, 0)}, (16, 6))
    assert total == 16
    assert is_suppressed(cells["b"])
    assert is_suppressed(cells["c"]), "the smallest other non-zero cell is hidden too"
    assert cells["a"] == 10 and cells["d"] == 0


def test_breakdown_hides_total_when_no_other_cell_can_be_hidden():
    sup = Suppressor(3)
    cells, total = sup.breakdown({"a": (2, 1), "b": (0, 0)}, (2, 1))
    assert is_suppressed(cells["a"]) and is_suppressed(total)
    cells, total = sup.breakdown({"a": (2, 1), "b": (0, 0)}, (9, 4))
    assert is_suppressed(cells["a"]) and is_suppressed(total)


def test_breakdown_two_hidden_cells_need_nothing_more():
    cells, total = Suppressor(3).breakdown({"a": (2, 1), "b": (1, 1), "c": (9, 4)}, (12, 5))
    assert is_suppressed(cells["a"]) and is_suppressed(cells["b"]) and cells["c"] == 9 and total == 12


def test_k_must_be_positive_and_reason_mentions_k():
    with pytest.raises(ValueError):
        Suppressor(0)
    assert reason(5) == "minder dan 5 bijdragers"
    assert suppressed(4)["reason"] == "minder dan 4 bijdragers"


@pytest.mark.parametrize(
    "text, kind, start, end, stem",
    [
        ("2026Q4", "quarter", "2026-10-01", "2026-12-31", "2026Q4"),
        ("2026-q1", "quarter", "2026-01-01", "2026-03-31", "2026Q1"),
        ("2026", "year", "2026-01-01", "2026-12-31", "2026"),
        ("2026-02", "month", "2026-02-01", "2026-02-28", "2026-02"),
        ("2026-09-01..2026-11-30", "range", "2026-09-01", "2026-11-30", "2026-09-01_2026-11-30"),
    ],
)
def test_periods(text, kind, start, end, stem):
    p = parse_period(text)
    assert (p.kind, p.start.isoformat(), p.end.isoformat(), p.stem) == (kind, start, end, stem)


def test_default_period_is_everything_up_to_today():
    p = parse_period(None, today=dt.date(2026, 11, 24))
    assert p.kind == "all" and p.start is None and p.end == dt.date(2026, 11, 24) and p.stem == "alles"


@pytest.mark.parametrize(
    "bad", ["2026Q5", "2026-13", "volgende week", "2026-12-01..2026-01-01", "2026-02-30..2026-03-01"]
)
def test_bad_periods_give_dutch_usage_errors(bad):
    with pytest.raises(UsageError) as info:
        parse_period(bad)
    assert (
        "periode" in str(info.value).lower() or "datum" in str(info.value).lower() or "maand" in str(info.value).lower()
    )


def test_a_cell_hidden_only_against_subtraction_gives_that_reason():
    """Issue 15: the second cell rests on 9 contributors; it must not read 'minder dan 3 bijdragers'."""
    from leerkring.summary.suppression import COMPLEMENTARY_REASON

    cells, total = Suppressor(3).breakdown({"a": (20, 12), "b": (2, 1), "c": (15, 9)}, (37, 14))
    assert cells["b"] == suppressed(3) and cells["b"]["reason"] == "minder dan 3 bijdragers"
    assert cells["c"] == {"suppressed": True, "reason": COMPLEMENTARY_REASON, "complementary": True}
    assert "minder dan" not in show(cells["c"]) and "terug te rekenen" in show(cells["c"])
    _, total = Suppressor(3).breakdown({"a": (2, 1), "b": (0, 0)}, (9, 4))
    assert total.get("complementary") is True


def test_both_pages_show_the_true_reason_of_a_complementary_cell():
    import summary_samples as samples

    from leerkring.dashboard import render as dashboard_render
    from leerkring.sections import View, summary_sections

    cells, _ = Suppressor(3).breakdown({"kennis": (20, 12), "gevoel": (2, 1), "contact": (15, 9)})
    doc = samples.summary("wijkteam-noord", "Wijkteam Noord", sessions=6, k=3)
    doc["trialogue"] = cells
    dashboard = dashboard_render.summary(doc, {})
    assert "onderdrukt: minder dan 3 deelnemers" in dashboard  # gevoel: one contributor
    assert "onderdrukt: verborgen zodat een klein aantal ernaast niet uit het totaal terug te rekenen is" in dashboard
    view = View(doc)
    [trialogue] = [s for s in summary_sections() if s.key == "trialoog"]
    page = trialogue.html(view)
    assert "gevoel" in page.lower() and "minder dan 3 bijdragers" in page
    assert "terug te rekenen" in page
    # the chart marks the small cell "< 3" and the other one "verborgen"
    assert page.count("&lt; 3") == 1 and ">verborgen</text>" in page
