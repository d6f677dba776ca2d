"""The demo workspace: realistic, complete, deterministic given a seed."""

from __future__ import annotations

from collections import Counter

import pytest

from leerkring.demo.build import build_demo
from leerkring.errors import LeerkringError
from leerkring.store import Viewer
from leerkring.workspace import Workspace


def _snapshot(path):
    with Workspace.open(path, scrubber=None) as ws:
        store = ws.store
        kringen = store.kringen()
        viewer = Viewer.kring_summary([k.id for k in kringen])
        return {
            "sessions": [(s.kring_id, s.date, s.method, s.title, s.status) for s in store.sessions()],
            "entries": [
                (e.session_id, e.principle, e.kind, e.visibility, e.text, e.author) for e in store.entries(viewer)
            ],
            "actions": [(a.title, a.owner, a.status) for a in store.actions(viewer)],
            "signals": [(s.title, s.status, len(s.responses)) for s in store.signals()],
            "evaluations": [(e.session_id, e.free_to_speak, e.useful, e.remark) for e in store.evaluations(viewer)],
        }


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "ws"
    build_demo(path, seed=7, notebooks=False, scrubber=None)
    return path


def test_demo_meets_the_brief(demo):
    with Workspace.open(demo, scrubber=None) as ws:
        store = ws.store
        kringen = store.kringen()
        assert len(kringen) >= 3
        everyone = Viewer.kring_summary([k.id for k in kringen])
        all_texts = []
        for kring in kringen:
            members = [m for m in store.members(kring.id) if m.role in ("coach", "member")]
            assert 5 <= len(members) <= 8
            assert sum(m.role == "coach" for m in members) == 1
            sessions = store.sessions(kring.id)
            assert 10 <= len(sessions) <= 14
            span = (sessions[-1].date - sessions[0].date).days
            assert 150 <= span <= 200  # about six months
            assert len({s.method for s in sessions}) == 5  # every method is used
            assert sessions[-1].is_open and all(not s.is_open for s in sessions[:-1])
            entries = store.entries(Viewer.kring_summary([kring.id]))
            assert {e.principle for e in entries} == {p.key for p in ws.frameworks.principles}
            all_texts += [e.text for e in entries]
            statuses = Counter(a.status for a in store.actions(everyone, kring.id))
            assert statuses["done"] and statuses["dropped"]
            assert store.action_updates(everyone, kring=kring.id)
            assert store.evaluations(everyone, kring=kring.id)
        assert (
            Counter(a.status for a in store.actions(everyone))["open"]
            + Counter(a.status for a in store.actions(everyone))["continued"]
            > 0
        )
        signals = store.signals()
        assert any(s.responses for s in signals) and any(not s.responses for s in signals)
        answered = [s for s in signals if s.answered_at]
        assert all((s.answered_at - s.raised_at).days >= 6 for s in answered)  # realistic response times
        # no sentence repeated anywhere
        assert len(all_texts) == len(set(all_texts))
        organisation = store.entries(Viewer.organisation())
        assert organisation and all(e.author is None for e in organisation)


def test_demo_is_deterministic_given_a_seed(demo, tmp_path):
    build_demo(tmp_path / "again", seed=7, notebooks=False, scrubber=None)
    assert _snapshot(tmp_path / "again") == _snapshot(demo)
    build_demo(tmp_path / "other", seed=8, notebooks=False, scrubber=None)
    assert _snapshot(tmp_path / "other")["entries"] != _snapshot(demo)["entries"]


def test_demo_refuses_to_overwrite_without_force(demo, tmp_path):
    with pytest.raises(LeerkringError, match="--force"):
        build_demo(demo, seed=7, notebooks=False, scrubber=None)
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "thesis.docx").write_text("niet van ons")
    with pytest.raises(LeerkringError, match="niet leeg"):
        build_demo(tmp_path / "busy", force=True, notebooks=False, scrubber=None)
    assert (tmp_path / "busy" / "thesis.docx").exists()


def test_the_demo_counts_its_contributions_as_the_dashboard_does(demo, monkeypatch):
    """Issue 15: 'demo' said 283 contributions, the dashboard 367. The demo now names every kind of
    contribution and the figure the dashboard shows; the dashboard says what it counts."""
    from leerkring.cli.demo_cmds import describe, entry_counts
    from leerkring.dashboard import render
    from leerkring.demo.build import DemoReport
    from leerkring.summary import build_summaries

    monkeypatch.setenv("LEERKRING_SCRUBBER", "rules")  # the organisation's texts are scrubbed again
    with Workspace.open(demo, scrubber=None) as ws:
        counts = entry_counts(ws)
        dates = [s.date for s in ws.store.sessions()]
        summaries = build_summaries(ws, "all", f"{min(dates)}..{max(dates)}", "organisatie")
    rollup = next(s for s in summaries if s.slug == "_organisatie").data
    assert counts["shared"] == rollup["leermix"]["total_entries"]  # the dashboard's "bijdragen"
    assert counts["total"] == counts["steps"] + counts["replies"] + counts["actions"] + counts["reports"]
    assert counts["total"] == counts["shared"] + counts["personal"] and counts["personal"] > 0
    assert counts["actions"] > 0 and counts["reports"] > 0 and counts["replies"] > 0
    text = describe(DemoReport(demo, kringen=3, members=30, sessions=36), counts)
    assert f"{counts['total']} bijdragen: {counts['steps']} bij de stappen, {counts['replies']} reacties" in text
    assert f"{counts['shared']} daarvan ziet de kring: dat aantal noemen de samenvattingen en het dashboard" in text
    page = render.overview(rollup, {}, 3)
    assert render.ENTRIES_NOTE in page and "Persoonlijke aantekeningen tellen niet mee" in page


def test_the_demos_open_sessions_wait_for_their_coach_and_closed_ones_were_led_live(demo):
    """A coach opening the demo's open session starts it; the closed ones show how a led session went."""
    with Workspace.open(demo, scrubber=None) as ws:
        sessions = ws.store.sessions()
        open_rooms = [ws.store.room(s.id) for s in sessions if s.is_open]
        closed_rooms = [ws.store.room(s.id) for s in sessions if not s.is_open]
    assert open_rooms and all(r.state == "waiting" and not r.locked for r in open_rooms)
    assert closed_rooms and all(r.state == "finished" and r.history for r in closed_rooms)
    assert any(r.case is not None for r in closed_rooms)
