"""The coach's workspace and the manager's form, built in-process on a real workspace and driven
through their widgets (values set, buttons clicked), with the effects checked in the store and files."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from leerkring.coach.app import CoachApp
from leerkring.coach.base import Context
from leerkring.coach.manager import ManagerForm


@pytest.fixture
def app(tmp_path, team_workspace, rules_scrubber):
    ws, kring, session = team_workspace(tmp_path / "ws")
    app = CoachApp(Context(ws))
    app.ctx.person.value = "Cora Coach"
    yield app, ws, kring, session
    ws.close()


def test_a_coach_adds_a_member_with_a_dutch_role(app):
    app, ws, kring, _ = app
    form = app.forms["MembersForm"]
    form.name.value = "Henk de Graaf"
    form.role.value = "guest"
    assert dict(form.role.options)["gast"] == "guest"
    form.add_button.click()
    assert "Henk de Graaf is nu gast" in form.status.value
    assert ("Henk de Graaf", "guest") in [(m.name, m.role) for m in ws.store.members(kring.id)]
    assert "Henk de Graaf" in form.members.value
    form.name.value, form.account.value = "Henk de Graaf", "henk"
    form.link_button.click()
    assert ws.store.person("Henk de Graaf").username == "henk"


def test_plan_describes_the_method_then_close_archives_and_reopen(app):
    app, ws, kring, _ = app
    form = app.forms["SessionsForm"]
    form.method.value = "moreel_beraad"
    assert "Moreel beraad" in form.describe.value and "4 stap(pen)" in form.describe.value
    form.date.value = dt.date(2026, 11, 20)
    form.title_text.value = "Hulpverlenen <of> handhaven?"
    form.plan_button.click()
    session = ws.store.find_session(kring.id, "2026-11-20")
    assert (ws.path / session.notebook).is_file()
    assert "Sessienotebook openen" in form.output.value
    assert "&lt;of&gt;" in form.session.options[-1][0] or any("<of>" in label for label, _ in form.session.options)
    form.session.value = session.id
    form.close_button.click()
    assert "is gesloten" in form.status.value, form.status.value
    assert ws.store.session(session.id).status == "closed"
    assert (ws.path / session.notebook).with_suffix(".html").is_file()
    assert "Archief (HTML)" in form.output.value
    form.reopen_button.click()
    assert ws.store.session(session.id).status == "open"


def test_a_store_error_is_one_dutch_line_and_text_is_escaped(app):
    app, ws, _, session = app
    form = app.forms["SessionsForm"]
    form.session.value = session.id
    app.ctx.person.value = None  # nobody chosen: closing says so instead of raising
    form.close_button.click()
    assert "Kies eerst bovenaan wie je bent" in form.status.value
    assert ws.store.session(session.id).status == "open"
    ws.store.raise_signal(session.id, "<script>alert(1)</script>", "Regel blokkeert hulp")
    loop = app.forms["LoopForm"]
    loop.refresh_button.click()
    assert "&lt;script&gt;" in loop.signals.value and "<script>" not in loop.signals.value


def test_the_coach_releases_an_organisation_text_with_its_highlights(app):
    app, ws, _, session = app
    ws.store.add_entry(
        session.id,
        "ervaringen",
        "inzicht",
        "Het gesprek met Xylofanus ging goed",
        author="Mila Lid",
        visibility="organisatie",
    )
    form = app.forms["ReleaseForm"]
    form.refresh_button.click()
    ((label, nr),) = form.item.options
    assert "bijdrage" in label
    assert "<mark" in form.preview.value and "Xylofanus" in form.preview.value
    form.approve_button.click()
    assert "vrijgegeven" in form.status.value, form.status.value
    assert ws.store.release_record(nr).status == "released"
    assert form.item.options == ()


def test_export_after_two_steps_and_forget_refused_without_the_typed_name(app):
    app, ws, _, session = app
    ws.store.add_entry(session.id, "ervaringen", "ervaring", "Een gesprek aan de keukentafel", author="Mila Lid")
    form = app.forms["PrivacyForm"]
    form.person.value = "Mila Lid"
    form.export_button.click()
    data = json.loads(form.last_export.read_text("utf-8"))
    assert data["person"]["name"] == "Mila Lid" and len(data["entries"]) == 1
    form.sure.value = True
    form.confirm.value = "Mila"  # not the whole name
    form.forget_button.click()
    assert "Niets gedaan" in form.status.value
    assert ws.store.person("Mila Lid")
    form.dry_run_button.click()
    assert "zou weggaan" in form.status.value
    form.apply_button.click()  # not ticked
    assert "Niets gedaan" in form.status.value
    form.confirm.value = "Mila Lid"
    form.forget_button.click()
    assert "is vergeten" in form.status.value


def test_the_manager_answers_an_open_signal(tmp_path, team_workspace, rules_scrubber):
    ws, _, session = team_workspace(tmp_path / "ws")
    try:
        signal = ws.store.raise_signal(session.id, "Wachtlijst schuldhulp", "Cliënten wachten te lang")
        form = ManagerForm(Context(ws))
        assert form.ctx.person.value == "Mariam Manager"
        assert form.signal.value == signal.id
        form.answer.value = "We bespreken dit met de gemeente."
        form.send_button.click()
        assert "beantwoord" in form.status.value, form.status.value
        answered = ws.store.signal(signal.id)
        assert answered.status == "answered"
        assert answered.responses[-1].responder == "Mariam Manager"
        assert form.signal.options == ()
    finally:
        ws.close()


def test_through_a_shared_service_only_a_manager_answers_and_as_themselves(tmp_path, team_workspace, rules_scrubber):
    from leerkring.identity import Caller
    from leerkring.privacy.engine import LocalEngine
    from leerkring.store import wire
    from leerkring.store.gateway import StoreGateway

    class Services:
        workspace = None

        @staticmethod
        def scrub(text, *, known_names=()):
            return LocalEngine(use_deduce=False).scrub(text, known_names=known_names)

    ws, kring, session = team_workspace(tmp_path / "ws")
    ws.store.link_account("Mariam Manager", "mariam")
    signal = ws.store.raise_signal(session.id, "Wachtlijst", "Te lang")
    ws.close()
    Services.workspace = ws.path
    gateway = StoreGateway(Services())
    cora, mariam = (Caller(provider="peer", username=u) for u in ("cora", "mariam"))

    def call(caller, method, *args):
        answer = gateway.answer({"method": method, "args": wire.encode(list(args)), "kwargs": {}}, caller)
        return wire.decode(answer["result"]) if answer["ok"] else (answer["kind"], answer["error"])

    try:
        assert call(cora, "respond_signal", signal.id, "Cora Coach", "Ik antwoord")[0] == "NotAllowed"
        assert call(mariam, "respond_signal", signal.id, "Cora Coach", "Namens Cora") == (
            "NotAllowed",
            "Je kunt dit alleen als jezelf doen, niet namens iemand anders.",
        )
        answered = call(mariam, "respond_signal", signal.id, "mariam", "We pakken het op")
        assert answered.status == "answered" and answered.responses[-1].responder == "Mariam Manager"
    finally:
        gateway.close()


def test_without_a_workspace_the_notebooks_say_so_in_one_dutch_line(tmp_path, monkeypatch):
    import IPython.display

    from leerkring.coach import show, show_manager

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs: shown.extend(objs))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LEERKRING_WORKSPACE", raising=False)
    monkeypatch.delenv("LEERKRING_SERVICE_URL", raising=False)
    assert show() is None
    assert "Geen leerkring-werkruimte gevonden" in shown[-1].data and "LEERKRING_WORKSPACE" in shown[-1].data
    monkeypatch.setenv("LEERKRING_SERVICE_URL", "http://127.0.0.1:1/services/leerkring/")  # a hub's server
    assert show_manager() is None
    # the forms go through the service there (tests/coach/test_coach_service.py); none answers here
    assert "De leerkring-service op" in shown[-1].data and "is niet bereikbaar" in shown[-1].data
    assert "Traceback" not in "".join(o.data for o in shown)
