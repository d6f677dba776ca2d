"""A member is told why a session notebook waits while the leerkring service starts (it loads deduce).

The two tests that start a service of their own use a socket of their own, so the test run's shared
service is not touched; each start loads deduce for real (several seconds).
"""

from __future__ import annotations

import pytest
from _lab_helpers import params_of

from leerkring.service import client as service
from leerkring.service import paths
from leerkring.store.viewer import Viewer
from leerkring.widgets import build, connect, waiting
from leerkring.widgets import context as wctx


@pytest.fixture
def own_service(tmp_path_factory, monkeypatch):
    """Call it to move this test to a socket path where no service runs yet (the workspace is made
    before, with the shared service); the service started there is stopped afterwards."""
    path = tmp_path_factory.mktemp("svc") / "s.sock"
    monkeypatch.delenv("LEERKRING_SCRUBBER", raising=False)  # scrub through the service
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)

    def switch():
        monkeypatch.setenv("LEERKRING_SERVICE_SOCKET", str(path))
        assert not service.service_status()["running"]

    yield switch
    if str(paths.socket_path()) == str(path):
        service.stop_service()
    wctx.use(None)


def test_no_notice_when_the_service_already_runs():
    service.start_service()  # the test run's shared service
    calls = []
    with service.start_notice(calls.append):
        status = service.start_service()
    assert status["running"] and calls == []


def test_a_save_that_starts_the_service_says_why_it_waits(tmp_path, own_service, team_workspace):
    ws, kring, session = team_workspace(tmp_path / "ws")
    own_service()
    try:
        ctx = connect(params_of(ws, session), workspace=ws)
        ctx.set_identity(ws.store.person("Mila Lid").id)
        form = build("step", "ervaringen", ctx)
        shown = []
        form.feedback.widget.observe(lambda change: shown.append(change["new"]), "value")
        form.text.value = "Ze belde op 06-12345678."
        form.save_button.click()
        assert any("privacydienst van leerkring start op" in value for value in shown)
        assert "Opgeslagen" in form.status.value and "start op" not in form.status.value
        [entry] = ws.store.entries(Viewer.kring_summary([session.kring_id]), session_id=session.id)
        assert "[TELEFOON-1]" in entry.text
        assert service.service_status()["running"]
    finally:
        ws.close()


def run_form_cells(notebook_client, ws, session) -> list[list[str]]:
    """Run the session notebook in a real kernel; the plain-text outputs of each form cell."""
    import nbformat

    path = ws.path / session.notebook
    nb = nbformat.read(path, as_version=4)
    notebook_client(
        nb, timeout=240, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return [
        [output.get("data", {}).get("text/plain", "") for output in cell.outputs]
        for cell in nb.cells
        if cell.cell_type == "code" and cell.metadata.get("leerkring", {}).get("role") != "parameters"
    ]


def test_running_the_notebook_shows_the_start_in_the_first_form_cell(
    tmp_path, own_service, team_workspace, notebook_client
):
    ws, kring, session = team_workspace(tmp_path / "ws")
    ws.close()
    own_service()
    first, *later = run_form_cells(notebook_client, ws, session)
    # the notice came first and now says the service runs; the forms follow it
    assert first[0].startswith("De privacydienst van leerkring draait (opgestart in ")
    assert waiting.WAITING not in "".join(first)
    assert any("terugblik op eerdere acties" in text for text in first[1:])
    later = [text for outputs in later for text in outputs]
    assert later and not any("privacydienst" in text for text in later)
    assert service.service_status()["running"]


def test_a_service_that_cannot_start_is_reported_and_the_forms_still_show(
    tmp_path, own_service, monkeypatch, team_workspace, notebook_client
):
    ws, kring, session = team_workspace(tmp_path / "ws")
    ws.close()
    own_service()
    monkeypatch.setenv("LEERKRING_SERVICE_PYTHON", "/bin/false")  # the service process dies at once
    first, *_ = run_form_cells(notebook_client, ws, session)
    assert first[0] == waiting.FAILED
    assert any("terugblik op eerdere acties" in text for text in first[1:])
    assert not service.service_status()["running"]


def test_every_form_cell_says_it_waits_while_the_service_starts(tmp_path, own_service, team_workspace, notebook_client):
    """Run All queues every cell and shows the last one: each form cell shows a frame whose status line
    says it waits for the service, before the last form cell waits and fills them all."""
    import nbformat

    ws, kring, session = team_workspace(tmp_path / "ws")
    ws.close()
    own_service()
    path = ws.path / session.notebook
    nb = nbformat.read(path, as_version=4)
    form_cells = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and cell.metadata.get("leerkring", {}).get("role") != "parameters"
    ]
    waiting_after: dict[int, int] = {}  # form cell -> frames that said "wait" once it had run

    def executed(cell, cell_index, execute_reply):
        if cell_index in form_cells[:-1]:
            waiting_after[cell_index] = sum(
                waiting.FORM_WAITING in str(state.get("value", "")) for state in client.widget_state.values()
            )

    client = notebook_client(nb, timeout=240, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.on_cell_executed = executed
    client.execute()
    # each form cell added its own waiting frame (the first cell two: the session header and the terugblik)
    counts = [waiting_after[i] for i in form_cells[:-1]]
    assert counts == sorted(counts) and counts[0] >= 1 and len(set(counts)) == len(counts), counts
    # at the end every frame holds its form and nothing says "wait" any more
    assert not any(waiting.FORM_WAITING in str(s.get("value", "")) for s in client.widget_state.values())
    assert any("Opslaan" == s.get("description") for s in client.widget_state.values())
    first = [output.get("data", {}).get("text/plain", "") for output in nb.cells[form_cells[0]].outputs]
    assert first[0].startswith("De privacydienst van leerkring draait (opgestart in ")
    assert service.service_status()["running"]
