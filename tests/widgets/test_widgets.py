"""The contribution widgets, driven as a member would: values set, buttons clicked, the store checked.

These run in-process (no kernel) on a real workspace with the real scrubber in its fast 'rules' mode
(our Dutch detectors, no deduce). Kernel and browser runs are in test_session_notebook / test_browser_lab.
"""

from __future__ import annotations

import datetime as dt
import html
import json

import pytest
from _lab_helpers import params_of

from leerkring import hookimpl
from leerkring.notebooks.lifecycle import close_session, plan_session
from leerkring.store.viewer import Viewer
from leerkring.widgets import build, connect
from leerkring.widgets import context as wctx

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(autouse=True)
def _member_in_process(rules_scrubber, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    yield
    wctx.use(None)


@pytest.fixture
def lab(tmp_path, team_workspace):
    ws, kring, session = team_workspace(tmp_path / "ws")
    yield ws, kring, session
    ws.close()


def member_ctx(ws, session, name: str | None = "Mila Lid"):
    ctx = connect(params_of(ws, session), workspace=ws)
    if name:
        ctx.set_identity(ws.store.person(name).id)
    return ctx


def kring_entries(ws, session):
    return ws.store.entries(Viewer.kring_summary([session.kring_id]), session_id=session.id)


def test_save_scrubs_stores_clears_and_shows_notice(lab):
    ws, kring, session = lab
    form = build("step", "ervaringen", member_ctx(ws, session))
    form.kind.value = ("ervaringen", "ervaring")
    form.text.value = "Mevrouw belde me op 06-12345678 over de huur."
    form.tags.value = ["Vertrouwen", "Beleidssturing"]
    form.save_button.click()
    [entry] = kring_entries(ws, session)
    assert "06-12345678" not in entry.text and "[TELEFOON-1]" in entry.text
    assert entry.step == "ervaringen" and entry.kind == "ervaring" and entry.visibility == "kring"
    assert set(entry.tags) == {"vertrouwen", "beleidssturing"}
    assert form.text.value == ""
    assert "Vervangen: 1 × telefoon" in form.status.value and "06-12345678" not in form.status.value
    assert "[TELEFOON-1]" in form.wall.value and "Mila Lid" in form.wall.value


def test_double_click_never_duplicates(lab):
    ws, kring, session = lab
    form = build("step", "onzekerheid", member_ctx(ws, session))
    form.text.value = "Ik weet niet hoe ik dit gesprek begin."
    form.save_button.click()
    form.save_button.click()
    assert len(kring_entries(ws, session)) == 1
    assert "Opgeslagen" in form.status.value
    # a retry with the same client key (e.g. after a lost reply) returns the stored entry
    form._client_key = "fixed-key"
    form.text.value = "Nog een vraag"
    form._store(form.ctx.identity, "Nog een vraag")
    form._store(form.ctx.identity, "Nog een vraag")
    assert len(kring_entries(ws, session)) == 2


def test_edit_own_entry_creates_revision_two(lab):
    ws, kring, session = lab
    form = build("step", "ervaringen", member_ctx(ws, session))
    form.text.value = "Eerste versie"
    form.save_button.click()
    [uid] = [v for _, v in form.own.options if v]
    form.own.value = uid
    assert form.edit_text.value == "Eerste versie"
    form.edit_text.value = "Tweede versie, bel 06-12345678"
    form.edit_button.click()
    [entry] = kring_entries(ws, session)
    assert entry.revision == 2 and entry.uid == uid and "[TELEFOON-1]" in entry.text
    history = ws.store.entries(Viewer.kring_summary([kring.id]), session_id=session.id, history=True)
    assert [e.revision for e in history] == [1, 2]
    assert "versie 2" in form.wall.value


def test_other_members_entries_are_not_editable_and_personal_ones_stay_private(lab):
    ws, kring, session = lab
    mila = build("step", "ervaringen", member_ctx(ws, session, "Mila Lid"))
    mila.text.value = "Alleen voor mij"
    mila.visibility.value = "persoonlijk"
    mila.save_button.click()
    mila.text.value = "Voor de kring"
    mila.visibility.value = "kring"  # already back on kring after the save (see the test below)
    mila.save_button.click()
    nout = build("step", "ervaringen", member_ctx(ws, session, "Nout Lid"))
    assert "Voor de kring" in nout.wall.value and "Alleen voor mij" not in nout.wall.value
    assert [v for _, v in nout.own.options if v] == []
    assert nout.edit_box.layout.display == "none"


def test_sharing_goes_back_to_kring_after_each_save(lab):
    """Issue 15: an entry shared with the organisation must not make the next one shared too."""
    ws, kring, session = lab
    mila = build("step", "ervaringen", member_ctx(ws, session, "Mila Lid"))
    mila.text.value = "Dit mag het management lezen."
    mila.visibility.value = "organisatie"
    mila.save_button.click()
    assert mila.visibility.value == "kring"
    assert "'organisatie'; de volgende staat weer op 'kring'" in html.unescape(mila.status.value)
    mila.text.value = "Dit is alleen voor de kring."
    mila.save_button.click()
    assert "de volgende staat weer" not in mila.status.value
    entries = {e.text: e.visibility for e in kring_entries(ws, session)}
    assert entries == {"Dit mag het management lezen.": "organisatie", "Dit is alleen voor de kring.": "kring"}


def test_two_members_in_two_processes_see_each_other(lab, tmp_path):
    """Two independent workspaces on one database stand in for two kernels (see test_session_notebook)."""
    from leerkring.workspace import Workspace

    ws, kring, session = lab
    other = Workspace.open(ws.path)
    try:
        mila = build("step", "spanningen", member_ctx(ws, session, "Mila Lid"))
        nout = build("step", "spanningen", member_ctx(other, session, "Nout Lid"))
        mila.kind.value = ("spanningen", "perspectief")
        mila.position.value = "handhaven"
        mila.text.value = "De regels gelden voor iedereen."
        mila.save_button.click()
        assert "De regels gelden voor iedereen." not in nout.wall.value
        nout.refresh_button.click()
        assert "De regels gelden voor iedereen." in nout.wall.value and "handhaven" in nout.wall.value
    finally:
        other.close()


def test_html_and_script_are_escaped_in_the_wall(lab):
    ws, kring, session = lab
    ctx = member_ctx(ws, session)
    form = build("step", "ervaringen", ctx)
    form.text.value = SCRIPT
    form.save_button.click()
    assert "<script>" not in form.wall.value and "<img" not in form.wall.value
    assert "&lt;script&gt;" in form.wall.value and "&lt;img" in form.wall.value
    signal = build("signal", None, ctx)
    signal.title.value = "<b>vet</b> signaal"
    signal.send_button.click()
    assert "<b>vet</b>" not in signal.list.value and "&lt;b&gt;vet&lt;/b&gt;" in signal.list.value


def test_closed_session_refuses_with_a_clear_message(lab):
    ws, kring, session = lab
    form = build("step", "ervaringen", member_ctx(ws, session))
    close_session(ws, session.id, by="Cora Coach")
    form.text.value = "Te laat"
    form.save_button.click()
    assert "gesloten" in form.status.value and "Opslaan lukte niet" not in form.status.value
    assert kring_entries(ws, session) == []
    assert form.text.value == "Te laat"  # nothing typed is lost from the screen


def test_anonymous_entry_has_no_author(lab):
    ws, kring, session = lab
    form = build("step", "ervaringen", member_ctx(ws, session, None))
    form.text.value = "Zonder naam"
    form.save_button.click()
    assert "Kies eerst bovenaan je naam" in form.status.value
    form.anonymous.value = True
    form.save_button.click()
    [entry] = ws.store.entries(Viewer.member(ws.store.person("Nout Lid").id, [kring.id]), session_id=session.id)
    assert entry.author is None and entry.author_id is None
    assert "anoniem" in form.wall.value


def test_identity_from_jupyterhub_user(lab, monkeypatch):
    ws, kring, session = lab
    monkeypatch.setenv("JUPYTERHUB_USER", "nout")
    ctx = connect(params_of(ws, session), workspace=ws)
    assert ctx.identity.name == "Nout Lid" and ctx.identity_fixed
    assert "Je werkt als Nout Lid" in build("start", None, ctx).box.children[0].value
    monkeypatch.setenv("JUPYTERHUB_USER", "onbekend")
    ctx = connect(params_of(ws, session), workspace=ws)
    assert ctx.identity is None and any("onbekend" in w for w in ctx.warnings)
    # managers are not offered as contributors
    labels = [label for label, _ in ctx.identity_widget().options]
    assert "Mariam Manager" not in labels and "Gijs Gast (gast)" in labels


def test_kind_specific_fields_land_in_extra(lab):
    ws, kring, session = lab
    ctx = member_ctx(ws, session)
    form = build("step", "inductief", ctx)
    form.kind.value = ("inductief", "stille_kennis")
    shown = form.extras.children  # only the chosen kind's own fields are shown
    assert form._specific["stille_kennis"] in shown and form._specific["actie"] not in shown
    form.source_role.value = "bewoner"
    form.text.value = "De buurvrouw weet wie er eenzaam is."
    form.save_button.click()
    form = build("step", "spanningen", ctx)
    form.kind.value = ("spanningen", "waarden")
    form.values.value = ("vertrouwen", "rechtsgelijkheid")
    form.text.value = "Vertrouwen tegenover gelijke behandeling."
    form.save_button.click()
    form = build("step", "actieleren", ctx)
    assert [k for _, (_, k) in form.kind.options] == ["actie", "les"]  # the step's kinds subset
    form.kind.value = ("actieleren", "actie")
    form.owner.value = ws.store.person("Nout Lid").id
    form.due.value = dt.date(2026, 12, 1)
    form.text.value = "Nout belt de woningcorporatie."
    form.save_button.click()
    by_kind = {e.kind: e for e in kring_entries(ws, session)}
    assert by_kind["stille_kennis"].extra["source_role"] == "bewoner"
    assert by_kind["waarden"].extra["values"] == ["vertrouwen", "rechtsgelijkheid"]
    [action] = ws.store.actions(Viewer.kring_summary([kring.id]), kring.id)
    assert action.owner == "Nout Lid" and action.due_date == dt.date(2026, 12, 1)
    assert "belt de woningcorporatie" in form.wall.value


def test_actieleren_loop_reports_on_earlier_actions(lab):
    ws, kring, session = lab
    ctx = member_ctx(ws, session)
    form = build("step", "actieleren", ctx)
    form.kind.value = ("actieleren", "actie")
    form.owner.value = ws.store.person("Mila Lid").id
    form.text.value = "Mila gaat op huisbezoek met de wijkagent."
    form.save_button.click()
    close_session(ws, session.id, by="Cora Coach")
    later = plan_session(ws, kring.id, "2026-11-16", "actieleren_terugblik")
    ctx2 = member_ctx(ws, later)
    loop = build("open_actions", None, ctx2)
    [(action_id, row)] = loop.rows.items()
    assert "huisbezoek" in row["box"].children[0].value
    row["effect"].value = "Het gesprek ging beter dan verwacht."
    row["lesson"].value = "Samen gaan opent deuren."
    row["state"].value = "done"
    row["button"].click()
    row["button"].click()
    assert ws.store.action(Viewer.kring_summary([kring.id]), action_id).status == "done"
    assert len(ws.store.action_updates(Viewer.kring_summary([kring.id]), action_id)) == 1
    assert "klaar" in row["status"].value
    kinds = sorted(e.kind for e in kring_entries(ws, later))
    assert kinds == ["effect", "les"]
    assert "Samen gaan opent deuren" in loop.wall.value
    assert ws.store.open_actions(Viewer.kring_summary([kring.id]), kring.id) == []


def test_buttons_with_long_captions_are_as_wide_as_their_caption(lab):
    """Issue 15: "Signaal verstu…" was cut off by the default button width."""
    ws, kring, session = lab
    ctx = member_ctx(ws, session)
    assert build("signal", None, ctx).send_button.layout.width == "auto"
    assert build("evaluation", None, ctx).send_button.layout.width == "auto"


def test_signal_and_anonymous_evaluation(lab):
    ws, kring, session = lab
    ctx = member_ctx(ws, session)
    sig = build("signal", None, ctx)
    sig.title.value = "Registratiesysteem telt buurtwerk niet mee"
    sig.text.value = "We besteden uren aan bijeenkomsten die nergens zichtbaar worden."
    sig.send_button.click()
    [signal] = ws.store.signals(kring.id)
    assert signal.session_id == session.id and signal.status == "open"
    ev = build("evaluation", None, ctx)
    ev.send_button.click()
    assert "Kies bij beide vragen" in ev.status.value
    ev.free.value, ev.useful.value, ev.remark.value = 4, 5, "Fijn gesprek"
    ev.send_button.click()
    ev.send_button.click()
    [evaluation] = ws.store.evaluations(Viewer.kring_summary([kring.id]), session_id=session.id)
    assert (evaluation.free_to_speak, evaluation.useful) == (4, 5)
    assert not hasattr(evaluation, "author") and "author" not in evaluation.__dataclass_fields__
    assert "Dank je wel" in ev.status.value


def test_parameter_mismatch_refuses_to_save(lab):
    ws, kring, session = lab
    params = dict(params_of(ws, session), date="2026-11-09")
    ctx = connect(params, workspace=ws)
    ctx.set_identity(ws.store.person("Mila Lid").id)
    assert ctx.problems and "kloppen niet" in ctx.problems[0]
    form = build("step", "ervaringen", ctx)
    assert "kloppen niet" in form.box.children[0].value or any(
        "kloppen niet" in getattr(c, "value", "") for c in form.box.children
    )
    form.text.value = "Dit mag niet bij de verkeerde sessie komen"
    form.save_button.click()
    assert "kloppen niet" in form.status.value
    assert kring_entries(ws, session) == []


def test_missing_parameters_and_unknown_session(lab):
    ws, kring, session = lab
    ctx = connect({"workspace": str(ws.path), "session_id": 0, "kring": "", "date": "", "method": ""}, workspace=ws)
    panel = build("step", "ervaringen", ctx)
    assert "mist zijn ingevulde parameters" in panel.box.children[0].value
    ctx = connect(dict(params_of(ws, session), session_id=999), workspace=ws)
    assert "Onbekende sessie 999" in build("step", "x", ctx).box.children[0].value


def test_stripped_step_metadata_falls_back_to_template_with_dutch_notice(lab):
    ws, kring, session = lab
    path = ws.path / session.notebook
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        meta = cell["metadata"].get("leerkring", {})
        if meta.get("step") == "spanningen":
            cell["metadata"] = {}
    path.write_text(json.dumps(nb))
    ctx = member_ctx(ws, session)
    form = build("step", "spanningen", ctx)
    texts = " ".join(getattr(c, "value", "") for c in form.box.children if isinstance(getattr(c, "value", None), str))
    assert "Deze stap mist zijn metadata" in texts
    assert [k for _, (_, k) in form.kind.options] == ["perspectief", "waarden", "gezamenlijk_kader"]
    form = build("step", "verzonnen_stap", ctx)
    assert any(
        "mist zijn metadata en staat ook niet in het sjabloon" in getattr(c, "value", "")
        for c in form.box.children
        if isinstance(getattr(c, "value", None), str)
    )


def test_notebook_of_another_session_is_refused(lab):
    ws, kring, session = lab
    other = plan_session(ws, kring.id, "2026-11-30", "incidentmethode")
    ctx = connect(params_of(ws, session), workspace=ws, notebook_path=ws.path / other.notebook)
    assert any("hoort bij sessie" in p for p in ctx.problems)


def test_widget_import_is_light(run_python):
    code = (
        "import sys, leerkring.widgets; "
        "print(any(m in sys.modules for m in ('ipywidgets', 'deduce', 'sqlalchemy', 'nbformat')))"
    )
    out = run_python(code, check=True)
    assert out.stdout.strip() == "False"


def test_first_step_shows_the_session_header_unless_the_notebook_has_a_start_cell(lab, monkeypatch, tmp_path):
    import leerkring.widgets as widgets
    from leerkring.notebooks.templates import META

    ws, kring, session = lab
    shown = []
    monkeypatch.setattr(widgets, "_show", lambda kind, key=None: shown.append(kind))
    ctx = connect(params_of(ws, session), workspace=ws)
    monkeypatch.setattr(widgets, "connect", lambda *a, **k: ctx)
    assert not ctx.notebook_has_start  # today's templates: the header sits above the terugblik
    widgets.open_actions()
    assert shown == ["start", "open_actions"]
    # a coach's older template with a start cell of its own: no second header
    path = ws.path / session.notebook
    nb = json.loads(path.read_text("utf-8"))
    nb["cells"].insert(
        1,
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "start1",
            "outputs": [],
            "metadata": {META: {"role": "start"}},
            "source": "from leerkring.widgets import start; start()",
        },
    )
    path.write_text(json.dumps(nb), "utf-8")
    shown.clear()
    ctx = connect(params_of(ws, session), workspace=ws)
    assert ctx.notebook_has_start
    widgets.open_actions()
    assert shown == ["open_actions"]


def test_parameters_are_filled_into_the_parameters_cell_keeping_a_coachs_own_lines():
    from leerkring.notebooks.session import FILLED_NOTE, parameters_source

    template = '# Parameters\nworkspace = ""\nsession_id: int = 0\nthema = "werkdruk"  # eigen parameter\n'
    once = parameters_source({"workspace": "/w", "session_id": 7, "kring": "noord"}, template)
    ns: dict = {}
    exec(once, ns)
    assert (ns["workspace"], ns["session_id"], ns["kring"], ns["thema"]) == ("/w", 7, "noord", "werkdruk")
    assert once.count(FILLED_NOTE) == 1 and "# Parameters" in once
    again = parameters_source({"workspace": "/x", "session_id": 8, "kring": "zuid"}, once)  # filled twice
    assert again.count(FILLED_NOTE) == 1 and again.count("session_id =") == 1
    exec(again, ns)
    assert (ns["workspace"], ns["session_id"], ns["kring"]) == ("/x", 8, "zuid")


def test_waiting_and_markup_do_not_load_the_forms(run_python):
    """The forms<->waiting cycle is gone: telling a member to wait needs only the HTML helpers."""
    code = (
        "import sys, leerkring.widgets.waiting, leerkring.widgets.markup; "
        "print(sorted(m for m in ('ipywidgets', 'leerkring.widgets.base', 'leerkring.widgets.entry_form', "
        "'pluggy') if m in sys.modules))"
    )
    out = run_python(code, check=True)
    assert out.stdout.strip() == "[]"


def test_field_registry_builds_every_declared_field(lab):
    import ipywidgets

    from leerkring import frameworks
    from leerkring.widgets import fields

    assert set(fields.registry()) >= set(frameworks.FIELD_WIDGETS) == set(fields.FIELD_TYPES)
    ws, kring, session = lab
    form = build("step", "ervaringen", member_ctx(ws, session))
    expected = {
        "text": ipywidgets.Text,
        "textarea": ipywidgets.Textarea,
        "dropdown": ipywidgets.Dropdown,
        "multiselect": ipywidgets.SelectMultiple,
        "date": ipywidgets.DatePicker,
    }
    fw = ws.store.frameworks
    declared = [(p.key, k.key, f) for p in fw.principles for k in p.kinds for f in k.fields]
    assert {f.key for _, _, f in declared} == {"source_role", "position", "values", "owner", "due"}
    for principle, kind, field in declared:
        widget = form.field(field.key, (principle, kind))
        assert isinstance(widget, expected[field.widget]) and widget.description == field.label
        assert widget in form._specific[kind].children
        if field.vocabulary == "members":
            assert widget.options == (("—", None), *((m.name, m.person_id) for m in form.ctx.members()))
            assert "Mariam Manager" not in [label for label, _ in widget.options]
        elif field.vocabulary:
            terms = [(t.label, t.key) for t in getattr(fw, field.vocabulary)]
            assert [o for o in widget.options if o[1] is not None] == terms
    assert form.position.placeholder == "bijvoorbeeld: handhaven"
    with pytest.raises(AttributeError):
        form.no_such_field  # noqa: B018


def test_workspace_kind_with_a_text_field_shows_it_and_saves_it_in_extra(lab):
    from leerkring.workspace import Workspace

    ws, kring, session = lab
    (ws.path / "frameworks").mkdir()
    (ws.path / "frameworks" / "eigen.toml").write_text(
        '[extra_kinds]\ntrialoog = [{ key = "verhaal", label = "Verhaal", help = "Een verhaal uit de wijk", fields = [\n'
        '  { key = "verteller", widget = "text", label = "Verteller", placeholder = "wie vertelde het?" },\n] }]\n',
        encoding="utf-8",
    )
    ws.close()
    ws = Workspace.open(ws.path)
    try:
        form = build("step", "trialoog", member_ctx(ws, session))
        assert ("Verhaal", ("trialoog", "verhaal")) in form.kind.options
        form.kind.value = ("trialoog", "verhaal")
        shown = form.extras.children[0].children
        assert [w.description for w in shown] == ["Verteller"] and shown[0].placeholder == "wie vertelde het?"
        assert form.verteller is shown[0]
        form.verteller.value = "  de buurtsportcoach "
        form.text.value = "Hoe de speeltuin weer open ging."
        form.save_button.click()
        [entry] = kring_entries(ws, session)
        assert entry.kind == "verhaal" and entry.extra == {"verteller": "de buurtsportcoach"}
        assert form.verteller.value == ""  # a text field empties after a save, like the text itself
        assert "verteller: de buurtsportcoach" in form.wall.value
        form.text.value = "Zonder verteller."
        form.save_button.click()
        assert [e.extra for e in kring_entries(ws, session)] == [{"verteller": "de buurtsportcoach"}, {}]
    finally:
        ws.close()


def test_choices_stay_and_free_input_empties_after_a_save(lab):
    ws, kring, session = lab
    form = build("step", "spanningen", member_ctx(ws, session))
    form.kind.value = ("spanningen", "waarden")
    form.values.value = ("vertrouwen",)
    form.text.value = "Vertrouwen staat op het spel."
    form.save_button.click()
    assert form.values.value == ()
    [entry] = kring_entries(ws, session)
    assert entry.extra == {"values": ["vertrouwen"]} and "vertrouwen" in entry.tags  # the store merges values
    form = build("step", "inductief", member_ctx(ws, session))
    form.source_role.value = "partner"
    form.text.value = "De huisarts weet wie er alleen is."
    form.save_button.click()
    assert form.source_role.value == "partner"


def test_action_saved_through_the_store_api_once_with_its_notice(lab):
    ws, kring, session = lab
    form = build("step", "actieleren", member_ctx(ws, session))
    form.kind.value = ("actieleren", "actie")
    form.owner.value = ws.store.person("Nout Lid").id
    form.due.value = dt.date(2026, 11, 20)
    form.text.value = "Bel de verhuurder op 06-12345678 terug."
    form.save_button.click()
    form.save_button.click()
    [action] = ws.store.actions(Viewer.kring_summary([kring.id]), kring.id)
    assert action.owner == "Nout Lid" and action.due_date == dt.date(2026, 11, 20)
    assert "06-12345678" not in action.title and "[TELEFOON-1]" in action.title
    [entry] = kring_entries(ws, session)
    assert entry.kind == "actie" and entry.step == "actieleren"
    assert "Vervangen: 1 × telefoon" in form.status.value
    assert form.owner.value == ws.store.person("Nout Lid").id  # a choice stays for the next action


class _ExtraRole:
    """A plugin that adds a form role (and a widget type) through the same hooks as leerkring's own."""

    class MapForm:
        def __init__(self, ctx, key=None):
            import ipywidgets

            self.ctx, self.key = ctx, key
            self.box = ipywidgets.HTML(f"kaart van {key}")

    @staticmethod
    def _stars(field, form):
        import ipywidgets

        return ipywidgets.IntSlider(min=1, max=5, description=field.label)

    @hookimpl
    def form_roles(self):
        return {"kaart": self.MapForm}

    @hookimpl
    def field_widgets(self):
        return {"sterren": self._stars}


@pytest.fixture
def extra_role_plugin():
    from leerkring import plugins

    name = plugins.register(_ExtraRole(), name="test-extra-role")
    try:
        yield
    finally:
        plugins.unregister(name)


def test_hook_form_roles(lab, extra_role_plugin):
    """A plugin adds a form role; leerkring's own roles stay."""
    ws, kring, session = lab
    ctx = member_ctx(ws, session)
    form = build("kaart", "wijk", ctx)
    assert isinstance(form, _ExtraRole.MapForm) and form.box.value == "kaart van wijk"
    assert type(build("step", "ervaringen", ctx)).__name__ == "EntryForm"  # leerkring's own roles stay
    with pytest.raises(ValueError, match="unknown form kind 'landkaart'"):
        build("landkaart", None, ctx)


def test_hook_field_widgets(lab, extra_role_plugin):
    """A plugin's widget type serves a field a workspace kind declares; its value lands in extra."""
    from leerkring.workspace import Workspace

    ws, kring, session = lab
    (ws.path / "frameworks").mkdir()
    (ws.path / "frameworks" / "eigen.toml").write_text(
        '[extra_kinds]\ntrialoog = [{ key = "waardering", label = "Waardering", fields = [\n'
        '  { key = "sterren", widget = "sterren", label = "Sterren" },\n] }]\n',
        encoding="utf-8",
    )
    ws.close()
    ws = Workspace.open(ws.path)
    try:
        form = build("step", "trialoog", member_ctx(ws, session))
        form.kind.value = ("trialoog", "waardering")
        form.sterren.value = 4
        form.text.value = "Mooie bijeenkomst."
        form.save_button.click()
        [entry] = kring_entries(ws, session)
        assert entry.extra == {"sterren": 4}
    finally:
        ws.close()


def test_unknown_role_still_raises_and_roles_come_from_the_hook(lab):
    from leerkring import plugins
    from leerkring.widgets import entry_form

    assert plugins.mapping("form_roles")["step"] is entry_form.EntryForm
    ws, kring, session = lab
    with pytest.raises(ValueError, match="unknown form kind 'kaart'"):
        build("kaart", None, member_ctx(ws, session))


def test_a_long_contribution_is_folded_on_the_wall(lab):
    """Issue 15: a 20,000-character contribution filled the whole wall."""
    from leerkring.widgets.markup import FOLD_AT

    ws, kring, session = lab
    mila = build("step", "ervaringen", member_ctx(ws, session, "Mila Lid"))
    long_text = "Begin van het verhaal. " + " ".join(f"zin{i} loopt door." for i in range(1000)) + " EINDE"
    assert 18_000 < len(long_text) <= 20_000
    mila.text.value = long_text
    mila.save_button.click()
    mila.text.value = "Kort en klaar."
    mila.save_button.click()
    wall = mila.wall.value
    assert wall.count("<details") == 1 and "Kort en klaar." in wall
    before, folded_part = wall.split("<details", 1)
    shown = html.unescape(before.split("Begin van het verhaal.", 1)[1])
    assert FOLD_AT - 150 < len("Begin van het verhaal." + shown) < FOLD_AT + 100
    assert "lees verder (nog " in folded_part and "EINDE" in folded_part  # all of it, one click away


def test_math_in_a_contribution_is_not_typeset_on_the_wall(lab):
    """ipywidgets typesets HTML widgets with MathJax: no '$' may reach the wall as a delimiter."""
    from leerkring.widgets.markup import DOLLAR

    ws, kring, session = lab
    mila = build("step", "ervaringen", member_ctx(ws, session, "Mila Lid"))
    mila.text.value = "Kosten: $$\\href{javascript:alert(1)}{klik}$$"
    mila.save_button.click()
    assert "$" not in mila.wall.value.replace(DOLLAR, "") and mila.wall.value.count(DOLLAR) == 4
