"""The archive a closed session leaves behind (issue 15): long texts folded, an archive that says it is
one, no step without a word, and an HTML copy that contacts no server and renders no math or script."""

from __future__ import annotations

import json

import pytest

from leerkring.notebooks.lifecycle import close_session

pytestmark = pytest.mark.usefixtures("rules_scrubber")

LONG = "Begin van het verhaal. " + " ".join(f"zin{i} loopt door." for i in range(1000)) + " EINDE"


@pytest.fixture
def closed(tmp_path, team_workspace, rules_scrubber):
    """A closed teamreflectie session with a long contribution, a short one and hostile text."""
    ws, kring, session = team_workspace(tmp_path / "ws")
    ws.store.add_entry(session.id, "ervaringen", "ervaring", LONG, visibility="kring", step="ervaringen")
    ws.store.add_entry(
        session.id,
        "onzekerheid",
        "niet_weten",
        "Wat kost het? $$\\href{javascript:alert(document.domain)}{klik hier}$$ en $x^2$ "
        '[link](javascript:alert(1)) <a href="javascript:alert(2)">a</a> <javascript:alert(3)>',
        visibility="kring",
        step="onzekerheid",
    )
    close_session(ws, session.id)
    path = ws.path / session.notebook
    yield ws, session, path
    ws.close()


def archive_cells(path) -> list[dict]:
    nb = json.loads(path.read_text("utf-8"))
    return [c for c in nb["cells"] if c["metadata"].get("leerkring", {}).get("role") == "archive"]


def test_a_long_contribution_is_folded_in_the_archive(closed):
    ws, session, path = closed
    [cell] = [c for c in archive_cells(path) if c["metadata"]["leerkring"].get("step") == "ervaringen"]
    source = "".join(cell["source"])
    head, rest = source.split("<details>", 1)
    assert "Begin van het verhaal." in head and "EINDE" not in head and len(head) < 1000
    assert "<summary>lees verder (nog " in rest and "EINDE" in rest and "</details>" in rest
    page = path.with_suffix(".html").read_text("utf-8")
    assert "<details>" in page and "lees verder (nog " in page and "EINDE" in page
