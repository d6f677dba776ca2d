"""The coach's and manager's notebooks on a hub's server: no workspace folder, only the leerkring
service (``LEERKRING_SERVICE_URL``). The forms are built by ``show()`` / ``show_manager()`` as the
notebooks do and driven through their widgets; their store calls reach a real
:class:`~leerkring.store.gateway.StoreGateway` bound to a real workspace as untrusted ``peer`` callers
(the hub account decides who you are), and, where cheap, the real local service over its socket."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from leerkring.identity import Caller
from leerkring.store.gateway import StoreGateway
from leerkring.workspace import Workspace

pytestmark = pytest.mark.usefixtures("rules_scrubber")

SERVICE_URL = "http://127.0.0.1:1/services/leerkring/"  # never dialled: the transport is the gateway


class GatewayTransport:
    """What :class:`~leerkring.store.remote.HttpTransport` does on a hub, minus HTTP: each request is
    answered by the gateway for the authenticated account."""

    def __init__(self, gateway, username: str):
        self.gateway, self.caller = gateway, Caller(provider="peer", username=username)

    def exchange(self, op: str, payload: dict) -> dict:
        assert op == "store"
        return self.gateway.answer(payload, self.caller)

    def close(self) -> None:
        pass


@pytest.fixture
def hub(tmp_path, team_workspace, monkeypatch):
    """``(open_as, ws, kring, session)``: ``open_as(account, manager=False)`` shows the coach's (or the
    manager's) notebook on that account's server; ``ws`` is the service's workspace (opened again
    for checks with ``ws_check()``)."""
    from leerkring.privacy.engine import LocalEngine
    from leerkring.store import remote

    ws, kring, session = team_workspace(tmp_path / "ws")
    ws.store.link_account("Mariam Manager", "mariam")
    other = ws.add_kring("Wijkteam Zuid")
    ws.store.add_member(other.id, "Zora Zuid", "coach", username="zora")
    ws.store.add_member(other.id, "Mariam Manager", "manager")
    ws.store.add_entry(session.id, "ervaringen", "ervaring", "Geheime kringtekst over de wachtlijst", author="Mila Lid")
    ws.store.add_action(session.id, "Casusoverleg met de huisarts", owner="Mila Lid", author="Mila Lid")
    ws.store.raise_signal(session.id, "Wachtlijst jeugdzorg", "Gezinnen wachten maanden")
    ws.close()

    class Services:
        workspace = ws.path

        @staticmethod
        def scrub(text, *, known_names=()):
            return LocalEngine(use_deduce=False).scrub(text, known_names=known_names)

    gateway = StoreGateway(Services())
    server = tmp_path / "server"  # the account's own server: no workspace folder
    server.mkdir()
    monkeypatch.chdir(server)
    monkeypatch.delenv("LEERKRING_WORKSPACE", raising=False)
    monkeypatch.setenv("LEERKRING_SERVICE_URL", SERVICE_URL)
    shown: list = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda *objs: shown.extend(objs))

    def open_as(account: str, manager: bool = False):
        from leerkring.coach import show, show_manager

        monkeypatch.setenv("JUPYTERHUB_USER", account)
        monkeypatch.setattr(remote, "transport_from_env", lambda *_a, **_k: GatewayTransport(gateway, account))
        made = (show_manager if manager else show)()
        if made is None:
            return shown[-1].data  # the one Dutch line instead
        return made

    yield open_as, ws, kring, session
    gateway.close()


def said(form) -> str:
    """A form's status line as the user reads it."""
    return html.unescape(form.status.value)


def _fresh(ws) -> Workspace:
    return Workspace.open(ws.path)


def test_the_coach_is_their_hub_account_and_sees_only_their_kringen(hub, tmp_path):
    open_as, ws, kring, _ = hub
    app = open_as("cora")
    assert app.ctx.remote and app.ctx.person.value == "Cora Coach" and app.ctx.person.disabled
    assert app.warming is None  # the service closes and the owner publishes: no nbconvert in this kernel
    members = app.forms["MembersForm"]
    assert members.kring.options == (("Wijkteam Noord", kring.id),)  # not Wijkteam Zuid
    assert "Mila Lid" in members.members.value and "Zora" not in members.members.value
    sessions = app.forms["SessionsForm"]
    assert [label.split(" · ")[0] for label, _ in sessions.session.options] == ["2026-11-02"]
    loop = app.forms["LoopForm"]
    assert "Casusoverleg met de huisarts" in loop.actions.value
    assert "Wachtlijst jeugdzorg" in loop.signals.value
    assert list((tmp_path / "server").iterdir()) == []  # nothing written on the coach's server


def test_the_coach_adds_a_member_changes_a_role_and_links_an_account_through_the_service(hub):
    open_as, ws, kring, _ = hub
    form = open_as("cora").forms["MembersForm"]
    form.name.value, form.role.value = "Henk de Graaf", "guest"
    form.add_button.click()
    assert "Henk de Graaf is nu gast" in said(form), form.status.value
    form.name.value, form.role.value = "Henk de Graaf", "member"
    form.role_button.click()
    assert "Henk de Graaf is nu teamlid" in said(form), form.status.value
    form.name.value, form.account.value = "Henk de Graaf", "henk"
    form.link_button.click()
    assert "gekoppeld aan account 'henk'" in said(form), form.status.value
    assert "henk" in form.members.value
    with _fresh(ws) as check:
        assert ("Henk de Graaf", "member") in [(m.name, m.role) for m in check.store.members(kring.id)]
        assert check.store.person("Henk de Graaf").username == "henk"


def test_the_coach_plans_closes_and_reopens_and_the_service_writes_the_files(hub, tmp_path):
    open_as, ws, kring, _ = hub
    form = open_as("cora").forms["SessionsForm"]
    form.date.value = dt.date(2026, 11, 20)
    form.method.value = "moreel_beraad"
    form.title_text.value = "Hulpverlenen of handhaven?"
    form.plan_button.click()
    assert "gepland: Wijkteam Noord, 2026-11-20" in said(form), form.status.value
    assert "werkruimte van de leerkring-service" in form.output.value and "launcher" in form.output.value
    with _fresh(ws) as check:
        session = check.store.find_session(kring.id, "2026-11-20")
        assert (ws.path / session.notebook).is_file()
    assert form.session.value == session.id
    form.close_button.click()
    assert f"Sessie {session.id} (2026-11-20) is gesloten" in said(form), form.status.value
    assert "Het archief (notebook en HTML) staat in de werkruimte van de leerkring-service" in form.output.value
    assert (ws.path / session.notebook).with_suffix(".html").is_file()
    with _fresh(ws) as check:
        assert check.store.session(session.id).status == "closed"
    form.reopen_button.click()
    assert "is weer open" in said(form), form.status.value
    with _fresh(ws) as check:
        assert check.store.session(session.id).status == "open"
    assert list((tmp_path / "server").iterdir()) == []


def test_a_member_calling_the_coachs_operations_is_refused(hub):
    open_as, ws, kring, session = hub
    app = open_as("mila")
    assert app.ctx.person.value == "Mila Lid"
    plan = app.forms["SessionsForm"]
    plan.date.value = dt.date(2026, 12, 1)
    plan.plan_button.click()
    assert "Dit mag alleen een leercoach van kring 'Wijkteam Noord'" in said(plan), plan.status.value
    plan.session.value = session.id
    plan.close_button.click()
    assert "alleen een leercoach" in said(plan)
    members = app.forms["MembersForm"]
    members.name.value = "Indringer"
    members.add_button.click()
    assert "alleen een leercoach" in said(members)
    with _fresh(ws) as check:
        assert [s.date.isoformat() for s in check.store.sessions(kring.id)] == ["2026-11-02"]
        assert check.store.session(session.id).status == "open"
        assert "Indringer" not in [m.name for m in check.store.members(kring.id)]
    assert not list((ws.path).rglob("*2026-12-01*"))


def test_a_coach_cannot_plan_in_another_coachs_kring(hub):
    open_as, ws, kring, _ = hub
    form = open_as("zora").forms["SessionsForm"]
    assert [label for label, _ in form.kring.options] == ["Wijkteam Zuid"]
    store = form.store  # Wijkteam Noord is not offered; naming it in a call is refused by the service
    with pytest.raises(Exception, match="alleen een leercoach van kring 'Wijkteam Noord'"):
        store.call("plan_session", "Wijkteam Noord", "2026-12-02")
    with pytest.raises(Exception, match="alleen als deelnemer"):
        store.sessions("Wijkteam Noord")
    with _fresh(ws) as check:
        assert [s.date.isoformat() for s in check.store.sessions(kring.id)] == ["2026-11-02"]


def test_the_manager_answers_a_signal_and_sees_no_entry_texts(hub):
    open_as, ws, *_ = hub
    form = open_as("mariam", manager=True)
    assert form.ctx.person.value == "Mariam Manager"
    assert "Wachtlijst jeugdzorg" in form.detail.value
    assert "Wijkteam Noord 1, Wijkteam Zuid 0" in form.counts.value
    form.answer.value = "We bespreken het in het MT"
    form.send_button.click()
    assert "het team ziet je antwoord" in said(form), form.status.value
    with _fresh(ws) as check:
        answered = check.store.signals(None, "answered")
        assert answered[0].responses[-1].responder == "Mariam Manager"
    store = form.store
    assert sorted(k.name for k in store.kringen()) == ["Wijkteam Noord", "Wijkteam Zuid"]  # names only
    from leerkring.store.viewer import Viewer

    for read in (
        lambda: store.actions(Viewer.kring_summary({}), None, None),
        lambda: store.entries(Viewer.kring_summary({})),
        lambda: store.sessions("Wijkteam Noord"),
    ):
        with pytest.raises(Exception, match="Als management|alleen als deelnemer"):
            read()
    assert store.sessions() == []
    app = open_as("mariam")  # the coach's notebook opened by the manager: one line, no texts
    loop = app.forms["LoopForm"]
    assert "Als management zie en schrijf je geen bijdragen" in said(loop)
    assert "Casusoverleg" not in loop.actions.value and "Geheime kringtekst" not in str(app.widget())


def test_the_coach_releases_an_organisation_text_through_the_service(hub):
    open_as, ws, _, session = hub
    with _fresh(ws) as setup:
        setup.store.add_entry(
            session.id, "ervaringen", "ervaring", "Wachtlijsten groeien", author="Nout Lid", visibility="organisatie"
        )
    form = open_as("cora").forms["ReleaseForm"]
    waiting = dict(form.item.options)  # the signal raised in the fixture waits too
    assert sorted(label.split(" · ")[0].split("] ")[1] for label in waiting) == ["bijdrage", "signaal"]
    form.item.value = next(v for label, v in waiting.items() if "bijdrage" in label)
    assert "Wachtlijsten groeien" in form.preview.value
    form.approve_button.click()
    assert "is vrijgegeven voor de organisatie" in said(form), form.status.value
    assert [label for label, _ in form.item.options] == [next(x for x in waiting if "signaal" in x)]
    assert open_as("zora").forms["ReleaseForm"].item.options == ()  # another kring's coach sees none


def test_publish_and_privacy_say_in_one_line_that_they_stay_with_the_owner(hub):
    open_as, *_ = hub
    app = open_as("cora")
    for name in ("PublishForm", "PrivacyForm"):
        text = str(app.forms[name].widget().children[0].value)
        assert "Op JupyterHub doet de beheerder van de werkruimte dit" in text
    privacy = app.forms["PrivacyForm"]
    privacy.export_button.click()
    assert "Op JupyterHub doet de beheerder" in said(privacy) and "Traceback" not in said(privacy)
    app.forms["PublishForm"].publish_button.click()
    assert "Op JupyterHub doet de beheerder" in said(app.forms["PublishForm"])


def test_an_unlinked_account_gets_one_dutch_line(hub):
    open_as, *_ = hub
    line = open_as("vreemde")
    assert "niet gekoppeld aan een lid" in line and "Traceback" not in line


def test_through_the_real_local_service_a_coach_plans_closes_and_adds_a_member(tmp_path, monkeypatch, db_url):
    """The forms' calls over the local service's socket (one trusted account): files land in the
    workspace the service opened, not in the notebook's folder."""
    from _lab_helpers import privacy_service

    from leerkring.coach.app import CoachApp
    from leerkring.coach.base import Context
    from leerkring.notebooks.lifecycle import plan_session

    with privacy_service():
        ws = Workspace.init(tmp_path / "ws", "Gemeente Test", database_url=db_url)
        kring = ws.add_kring("Wijkteam Noord")
        ws.store.add_member(kring.id, "Cora Coach", "coach", username="cora")
        plan_session(ws, kring.id, "2026-11-02", "teamreflectie", "Eerste")
        monkeypatch.setenv("JUPYTERHUB_USER", "cora")
        nb_ws = Workspace.open_for_notebook(ws.path)
        assert type(nb_ws.store).__name__ == "RemoteStore"
        try:
            app = CoachApp(Context(nb_ws, remote=True))
            assert app.ctx.person.value == "Cora Coach"
            members = app.forms["MembersForm"]
            members.name.value = "Mila Lid"
            members.add_button.click()
            assert "Mila Lid is nu teamlid" in said(members), members.status.value
            form = app.forms["SessionsForm"]
            form.date.value = dt.date(2026, 11, 16)
            form.plan_button.click()
            assert "gepland" in said(form), form.status.value
            session = ws.store.find_session(kring.id, "2026-11-16")
            form.session.value = session.id
            form.close_button.click()
            assert "is gesloten" in said(form), form.status.value
            assert (ws.path / session.notebook).with_suffix(".html").is_file()
            assert ws.store.session(session.id).status == "closed"
            assert "Mila Lid" in [m.name for m in ws.store.members(kring.id)]
        finally:
            nb_ws.close()
            ws.close()
