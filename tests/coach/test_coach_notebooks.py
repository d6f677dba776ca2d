"""The shipped coach and manager notebooks run top to bottom in a real kernel, and the publish form
writes the organisation's summary (papermill: one test)."""

from __future__ import annotations

import nbformat

from leerkring.coach.app import CoachApp
from leerkring.coach.base import Context


def test_publish_writes_the_organisation_summary(tmp_path, team_workspace, rules_scrubber, notebook_client):
    ws, _, session = team_workspace(tmp_path / "ws")
    try:
        ws.store.add_entry(session.id, "ervaringen", "inzicht", "Samen leren werkt", author="Mila Lid")
        form = CoachApp(Context(ws)).forms["PublishForm"]
        form.audience.value = "organisatie"
        form.period.value = "2026Q4"
        form.publish_button.click()
        assert "samenvatting(en) gemaakt" in form.status.value, form.status.value
        assert form.progress.value == form.progress.max
        assert (ws.summaries_dir / "organisatie" / "_organisatie" / "2026Q4.json").is_file()
        assert "Openen" in form.output.value
    finally:
        ws.close()


def test_the_coach_and_manager_notebooks_run_top_to_bottom(
    tmp_path, repo_root, team_workspace, rules_scrubber, notebook_client, monkeypatch
):
    ws, _, _ = team_workspace(tmp_path / "ws")
    ws.close()
    monkeypatch.setenv("LEERKRING_WORKSPACE", str(ws.path))
    for name in ("coach", "manager"):
        nb = nbformat.read(repo_root / "leerkring" / "resources" / "notebooks" / f"{name}.ipynb", as_version=4)
        notebook_client(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
        ).execute()
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert not [o for o in outputs if o.output_type == "error"], name
        assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs), name
