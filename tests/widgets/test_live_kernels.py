"""A live intervisie with a coach and three members, each in a real Jupyter kernel running the session
notebook, every store call going through the real leerkring service (the kernels' RemoteStore). The
coach leads from the facilitator panel; what each member's notebook shows is read from their kernel.

Nobody clicks 'Verversen' and the 30 s fallback never runs: every change reaches the other notebooks
through the kernels' watcher threads (``watch`` on the service), checked within a few seconds.
"""

from __future__ import annotations

import contextlib
import json

import nbformat
import pytest
from _lab_helpers import privacy_service as shared_privacy_service

from leerkring.store.viewer import Viewer

#: Seconds a change may take to show in another kernel here (the 30 s poll would miss this by far;
#: the machine is shared, so this is generous; the benchmark measures the real latency).
LIVE_LIMIT = 8.0

PRELUDE = """
import time
from leerkring.widgets import context, entry_form, start
ctx = context.current()
ctx.set_identity([m for m in ctx.members() if m.name == {name!r}][0].person_id)
panel = [f for f in ctx.forms if isinstance(f, start.StartPanel)][0].room
def form(key):
    return [f for f in ctx.forms if isinstance(f, entry_form.EntryForm) and f.step.key == key][0]
def wait(condition, limit={limit}):
    began = time.monotonic()
    while not condition():
        if time.monotonic() - began > limit:
            return None
        time.sleep(0.05)
    return round(time.monotonic() - began, 2)
print(ctx.live.running, ctx.live.mode, type(ctx.ws.store).__name__)
"""


@pytest.fixture(scope="module")
def privacy_service():
    with shared_privacy_service() as sock:
        yield sock


@pytest.fixture
def lab(tmp_path, privacy_service, team_workspace):
    ws, kring, session = team_workspace(tmp_path / "ws", method="incidentmethode")
    ws.store.add_member(kring.id, "Pim Lid", "member")
    yield ws, kring, session
    ws.close()


class Participant:
    """One person's kernel with the session notebook run top to bottom."""

    def __init__(self, client, nb, name: str):
        self.client, self.nb, self.name = client, nb, name

    def run(self, code: str) -> str:
        cell = nbformat.v4.new_code_cell(code)
        self.nb.cells.append(cell)
        self.client.execute_cell(cell, len(self.nb.cells) - 1)
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"{self.name}: " + "\n".join("\n".join(o.traceback) for o in errors)
        return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream").strip()

    def value(self, expression: str):
        """An expression evaluated in the kernel (JSON on the way back)."""
        return json.loads(self.run(f"import json as _j; print(_j.dumps({expression}))").splitlines()[-1])


@contextlib.contextmanager
def kernels(ws, session, names, notebook_client):
    path = ws.path / session.notebook
    resources = {"metadata": {"path": str(path.parent)}}
    with contextlib.ExitStack() as stack:
        people = {}
        for name in names:
            nb = nbformat.read(path, as_version=4)
            client = notebook_client(nb, timeout=240, kernel_name="python3", resources=resources)
            stack.enter_context(client.setup_kernel())
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            people[name] = Participant(client, nb, name)
            first = people[name].run(PRELUDE.format(name=name, limit=LIVE_LIMIT))
            assert first.startswith("True") and first.endswith("RemoteStore"), first
        yield people


def test_a_coach_and_three_members_in_four_kernels(lab, notebook_client):
    ws, kring, session = lab
    names = ("Cora Coach", "Mila Lid", "Nout Lid", "Pim Lid")
    with kernels(ws, session, names, notebook_client) as k:
        coach, mila, nout, pim = (k[n] for n in names)
        members = (mila, nout, pim)
        assert coach.value("bool(panel.coach_slot.children)") is True
        assert all(m.value("bool(panel.coach_slot.children)") is False for m in members)
        assert "nog niet gestart" in pim.value("panel.html.value")

        # -- phases move for everyone ---------------------------------------------------------------
        coach.run("panel.facilitator.buttons['start'].click()\nprint(panel.facilitator.status.value)")
        for m in members:
            took = m.value("wait(lambda: 'Fase 1 van 5: Inbreng van de casus' in panel.html.value)")
            assert took is not None, f"{m.name} did not see the phase start"
            assert m.value("ctx.live.mode") == "watch"
        assert "Inbreng van de casus" in nout.value("form('incident').phase_line.value")

        # -- a save appears on the other walls via watch ---------------------------------------------
        mila.run("f = form('incident'); f.text.value = 'De moeder belde om 22 uur, in paniek.'; f.save_button.click()")
        assert "Opgeslagen" in mila.value("form('incident').status.value")
        for m in (nout, pim, coach):
            took = m.value("wait(lambda: 'om 22 uur, in paniek' in form('incident').wall.value)")
            assert took is not None and took < LIVE_LIMIT, f"{m.name}: {took}"
            assert m.value("ctx.live.mode") == "watch" and m.value("ctx.live.changes") >= 1

        # -- the next phase locks the first one: refused, in Dutch -----------------------------------
        coach.run("panel.facilitator.buttons['next'].click()")
        assert nout.value("wait(lambda: form('incident').save_button.disabled)") is not None
        line = nout.value("form('incident').phase_line.value")
        assert "Deze fase is gesloten" in line and "Fase 2 van 5: Verhelderende vragen" in line
        nout.run("f = form('incident'); f.text.value = 'Te laat voor deze fase.'; f.save()")
        refused = nout.value("form('incident').status.value")
        assert "gesloten" in refused and "niet opgeslagen" in refused and "Traceback" not in refused
        assert nout.value("form('vragen').save_button.disabled") is False

        # -- cases, the vote, the tally --------------------------------------------------------------
        for person, title, text in (
            (mila, "Huisbezoek", "Een vader laat ons niet binnen."),
            (nout, "Schulden", "Een jongere met schulden."),
        ):
            person.run(
                f"c = panel.case_form; c.title.value = {title!r}; c.text.value = {text!r}; c.share_button.click()"
            )
        pim.run(
            "c = panel.case_form; c.title.value = 'Mijn concept'; c.text.value = 'Nog niet klaar.'; c.draft_button.click()"
        )
        coach.run("panel.facilitator.votes.value = 2; panel.facilitator.buttons['vote_open'].click()")
        cases = {c.title: c.id for c in ws.store.cases(kring.id)}
        assert set(cases) == {"Huisbezoek", "Schulden"}  # a draft is not in the vote
        ballots = {mila: ["Schulden", "Huisbezoek"], nout: ["Schulden"], pim: ["Schulden", "Huisbezoek"]}
        for person, titles in ballots.items():
            assert person.value("wait(lambda: len(panel.vote.buttons) == 2)") is not None
            assert "nog 2 stemmen" in person.value("panel.vote.left.value")
            for title in titles:
                person.run(f"panel.vote.buttons[{cases[title]}].click()")
        assert "nog 1 stem" in nout.value("panel.vote.left.value")
        pim.run(f"panel.vote.vote({cases['Schulden']})")  # no votes left
        assert "stemmen" in pim.value("panel.vote.status.value")
        coach.run("panel.facilitator.buttons['vote_close'].click()")
        for m in members:
            assert m.value("wait(lambda: 'Uitslag van de stemming' in panel.html.value)") is not None
        html = pim.value("panel.html.value")
        assert "Gekozen casus: Schulden" in html and "Een jongere met schulden." in html
        assert "Schulden: 3 stemmen" in html and "Huisbezoek: 2 stemmen" in html
        assert not any(name in html for name in names)  # counts only, never who voted

        # -- replies nest and reach everyone ---------------------------------------------------------
        mila.run("f = form('vragen'); f.text.value = 'Wat bedoelde de vader met nee?'; f.save_button.click()")
        assert nout.value("wait(lambda: 'bedoelde de vader' in form('vragen').wall.value)") is not None
        nout.run(
            "r = form('vragen').replies; r.open()\n"
            "r.parent.value = [u for t, u in r.parent.options if u][0]\n"
            "r.text.value = 'Misschien: nee tegen de gemeente, niet tegen ons.'; r.send_button.click()"
        )
        assert mila.value("wait(lambda: 'tegen de gemeente' in form('vragen').wall.value)") is not None
        mila.run(
            "r = form('vragen').replies; r.open()\n"
            "r.parent.value = [u for t, u in r.parent.options if u and 'gemeente' in t][0]\n"
            "r.text.value = 'Dat denk ik ook.'; r.send_button.click()"
        )
        assert pim.value("wait(lambda: 'Dat denk ik ook' in form('vragen').wall.value)") is not None
        wall = pim.value("form('vragen').wall.value")
        assert wall.count('class="lk-replies"') == 1
        assert wall.index("bedoelde de vader") < wall.index("tegen de gemeente") < wall.index("Dat denk ik ook")

        # -- a round: everyone sees whose turn it is -------------------------------------------------
        coach.run("panel.facilitator.buttons['round_start'].click()")
        assert mila.value("wait(lambda: 'Aan de beurt:' in panel.html.value)") is not None
        first = mila.value("panel.html.value")
        coach.run("panel.facilitator.buttons['round_next'].click()")
        assert mila.value(f"wait(lambda: panel.html.value != {first!r} and '(2 van' in panel.html.value)") is not None
        assert "(2 van" in nout.value("form('vragen').phase_line.value")

    entries = ws.store.entries(Viewer.kring_summary([kring.id]), session_id=session.id)
    texts = {e.text: e for e in entries}
    assert "Te laat voor deze fase." not in texts
    assert texts["De moeder belde om 22 uur, in paniek."].phase == "inbreng"
    assert texts["Dat denk ik ook."].parent_uid == texts["Wat bedoelde de vader met nee?"].uid

    # -- the coach closes: the archive holds it all ------------------------------------------------
    from leerkring.notebooks.lifecycle import close_session

    close_session(ws, session.id, by="Cora Coach")
    archived = nbformat.read(ws.path / session.notebook, as_version=4)
    text = "\n".join(c.source for c in archived.cells if c.cell_type == "markdown")
    assert "Verloop van de sessie" in text and "Inbreng van de casus" in text
    assert "Schulden" in text and "Een jongere met schulden." in text and "3" in text
    assert "Te laat voor deze fase." not in text
    thread = text[text.index("Wat bedoelde de vader met nee?") :]
    assert thread.index("tegen de gemeente") < thread.index("Dat denk ik ook")
    assert not any(name in text[text.index("Verloop van de sessie") :][:2000] for name in names[1:])
