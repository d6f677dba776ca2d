"""Session notebooks end to end: real kernels, the real privacy service, closing and archiving.

The scrubbing service (deduce) is started once for this module on its own socket and stopped after.
"""

from __future__ import annotations

import json
import os

import pytest
from _lab_helpers import params_of
from _lab_helpers import privacy_service as shared_privacy_service

from leerkring.notebooks.archive import DOLLAR, md_escape
from leerkring.notebooks.lifecycle import close_session
from leerkring.store.viewer import Viewer

SCRIPT = '<script>alert("lek")</script> & <b>vet</b>'


@pytest.fixture(scope="module")
def privacy_service():
    """The shared scrubbing service, running before any kernel of this module starts."""
    with shared_privacy_service() as sock:
        yield sock


@pytest.fixture
def lab(tmp_path, privacy_service, team_workspace):
    ws, kring, session = team_workspace(tmp_path / "ws")
    yield ws, kring, session
    ws.close()


def _contribute(ws, session, name, step, text, **fields):
    from leerkring.widgets import build, connect

    ctx = connect(params_of(ws, session), workspace=ws)
    ctx.set_identity(ws.store.person(name).id)
    form = build("step", step, ctx)
    for key, value in fields.items():
        getattr(form, key).value = value
    form.text.value = text
    form.save_button.click()
    return form


def test_md_escape_neutralises_markdown_and_html():
    out = md_escape("# kop\n> quote\n1. lijst\n- punt\n<script>x</script> & *vet* [link](javascript:x) $x$")
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert "\\# kop" in out and "&gt; quote" in out and "1\\. lijst" in out and "\\- punt" in out
    assert "\\*vet\\*" in out and "\\[link\\]" in out and f"{DOLLAR}x{DOLLAR}" in out  # math: see test_archive


def test_close_renders_the_archive_and_html_escaped(lab):
    ws, kring, session = lab
    _contribute(ws, session, "Mila Lid", "ervaringen", f"Casus met {SCRIPT}, bel 06-12345678")
    _contribute(ws, session, "Mila Lid", "ervaringen", "Alleen voor mezelf", visibility="persoonlijk")
    _contribute(
        ws,
        session,
        "Nout Lid",
        "spanningen",
        "Handhaven of helpen?",
        kind=("spanningen", "perspectief"),
        position="helpen",
    )
    ws.store.add_action(session.id, "Huisbezoek samen met de wijkagent", owner="Nout Lid", due="2026-11-20")
    ws.store.raise_signal(session.id, "Regel <i>blokkeert</i> hulp")
    for scores in ((4, 5), (3, 4), (5, 5)):
        ws.store.add_evaluation(session.id, *scores)
    closed = close_session(ws, session.id, by="Cora Coach")
    assert not closed.is_open
    path = ws.path / session.notebook
    nb = json.loads(path.read_text("utf-8"))
    archive = [c for c in nb["cells"] if c["metadata"].get("leerkring", {}).get("role") == "archive"]
    text = "\n".join("".join(c["source"]) for c in archive)
    assert "[TELEFOON" in text and "06-12345678" not in text
    assert "<script>" not in text and "<b>" not in text and "&lt;script&gt;" in text
    assert "Alleen voor mezelf" not in text  # personal entries never reach the archive
    assert "Mila Lid" not in text  # no authors in the archive
    assert "Huisbezoek samen met de wijkagent" in text and "Nout Lid" in text  # owner of an action
    assert "Regel &lt;i&gt;blokkeert&lt;/i&gt; hulp" in text
    assert "Evaluaties: 3" in text and "gemiddeld 4.0 van 5" in text
    assert "standpunt: helpen" in text
    steps = [c["metadata"]["leerkring"].get("step") for c in archive]
    assert "ervaringen" in steps and "spanningen" in steps and "actieleren" in steps
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
    assert nb["metadata"]["leerkring"]["archived"]
    html = path.with_suffix(".html").read_text("utf-8")
    assert "<script>alert" not in html and "<b>vet</b>" not in html and "<i>blokkeert" not in html
    assert "&lt;script&gt;alert" in html and "[TELEFOON-1]" in html
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    # saving into the closed session is refused
    form = _contribute(ws, session, "Mila Lid", "ervaringen", "Nog iets")
    assert "gesloten" in form.status.value


def test_closing_again_repairs_a_missing_archive_only(lab):
    ws, kring, session = lab
    close_session(ws, session.id)
    path = ws.path / session.notebook
    path.with_suffix(".html").unlink()
    close_session(ws, session.id)  # the export failed earlier: write it again
    assert path.with_suffix(".html").is_file()
    from leerkring.errors import SessionClosed

    with pytest.raises(SessionClosed):
        close_session(ws, session.id)


def test_close_recreates_a_deleted_notebook(lab):
    ws, kring, session = lab
    _contribute(ws, session, "Mila Lid", "ervaringen", "Iets om te bewaren")
    (ws.path / session.notebook).unlink()
    close_session(ws, session.id)
    assert "Iets om te bewaren" in (ws.path / session.notebook).read_text("utf-8")


def test_two_members_in_two_kernels_see_each_other(lab, notebook_client):
    """Nout's kernel runs the notebook; Mila's kernel saves (through the real service); Nout refreshes."""
    import nbformat

    ws, kring, session = lab
    path = ws.path / session.notebook
    resources = {"metadata": {"path": str(path.parent)}}
    pick = (
        "from leerkring.widgets import context, entry_form\nctx = context.current()\n"
        "ctx.set_identity([m for m in ctx.members() if m.name == {name!r}][0].person_id)\n"
        "f = [f for f in ctx.forms if isinstance(f, entry_form.EntryForm) and f.step.key == 'ervaringen'][0]\n"
    )
    nout_nb = nbformat.read(path, as_version=4)
    nout = notebook_client(nout_nb, timeout=240, kernel_name="python3", resources=resources)
    with nout.setup_kernel():
        for index, cell in enumerate(nout_nb.cells):
            nout.execute_cell(cell, index)
        mila_nb = nbformat.read(path, as_version=4)
        mila_nb.cells.append(
            nbformat.v4.new_code_cell(
                pick.format(name="Mila Lid")
                + f"f.text.value = {('Bel haar op 06-12345678 ' + SCRIPT)!r}\nf.save_button.click()\n"
                "print(f.status.value)\nimport sys; print('deduce loaded:', 'deduce' in sys.modules)"
            )
        )
        notebook_client(mila_nb, timeout=240, kernel_name="python3", resources=resources).execute()
        out = mila_nb.cells[-1].outputs[0]["text"]
        assert "Vervangen:" in out and "telefoon" in out and "06-12345678" not in out
        assert "deduce loaded: False" in out
        check = nbformat.v4.new_code_cell(
            pick.format(name="Nout Lid") + "f.refresh_button.click()\nprint(f.wall.value)"
        )
        nout_nb.cells.append(check)
        nout.execute_cell(check, len(nout_nb.cells) - 1)
    wall = check.outputs[0]["text"]
    assert "[TELEFOON-1]" in wall and "Mila Lid" in wall and "06-12345678" not in wall
    assert "<script>" not in wall and "&lt;script&gt;" in wall
    [entry] = ws.store.entries(Viewer.kring_summary([kring.id]), session_id=session.id)
    assert "06-12345678" not in entry.text and "[TELEFOON-1]" in entry.text


def test_hand_edited_notebook_still_opens_and_says_what_is_missing(lab, notebook_client):
    import nbformat

    ws, kring, session = lab
    path = ws.path / session.notebook
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:  # strip one step's metadata, delete another step's cells
        meta = cell.metadata.get("leerkring", {})
        if meta.get("step") == "onzekerheid":
            cell.metadata = {}
    nb.cells = [c for c in nb.cells if c.metadata.get("leerkring", {}).get("step") != "inductief"]
    nbformat.write(nb, path)
    # a copy whose parameters point at the session with a wrong date: refused, never saved elsewhere
    wrong = nbformat.read(path, as_version=4)
    for cell in wrong.cells:
        if "parameters" in cell.metadata.get("tags", []):
            assert "2026-11-02" in cell.source
            cell.source = cell.source.replace("2026-11-02", "2026-11-09")
    wrong.cells.append(
        nbformat.v4.new_code_cell(
            "from leerkring.widgets import context, entry_form\nctx = context.current()\n"
            "ctx.set_identity(ctx.members()[0].person_id)\n"
            "f = [f for f in ctx.forms if isinstance(f, entry_form.EntryForm)][0]\n"
            "f.text.value = 'verkeerde sessie'\nf.save_button.click()\nprint(f.status.value)"
        )
    )
    # and one whose parameters cell was deleted
    bare = nbformat.read(path, as_version=4)
    bare.cells = [c for c in bare.cells if "parameters" not in c.metadata.get("tags", [])]
    resources = {"metadata": {"path": str(path.parent)}}
    for book in (nb, wrong, bare):
        notebook_client(book, timeout=240, kernel_name="python3", resources=resources).execute()
        for cell in book.cells:
            assert not [o for o in cell.get("outputs", []) if o.output_type == "error"], cell.source
    state = json.dumps(nb.metadata["widgets"], ensure_ascii=False)
    assert "Deze stap mist zijn metadata" in state
    assert "kloppen niet" in wrong.cells[-1].outputs[0]["text"]
    assert "mist zijn ingevulde parameters" in json.dumps(bare.metadata["widgets"], ensure_ascii=False)
    assert ws.store.entries(Viewer.kring_summary([kring.id]), session_id=session.id) == []
    assert os.environ.get("LEERKRING_SCRUBBER") == "service"
