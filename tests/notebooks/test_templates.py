"""Session templates: schema, lookup (workspace first), writing the session notebook, headless execution."""

from __future__ import annotations

import json
import os
import time

import pytest

from leerkring import frameworks
from leerkring.errors import LeerkringError
from leerkring.notebooks import TemplateError, find_template, load_template, steps_of, validate_template
from leerkring.notebooks.lifecycle import plan_session

FW = frameworks.builtin()
METHODS = [m.key for m in FW.methods]


pytestmark = pytest.mark.usefixtures("rules_scrubber")


def test_every_method_has_a_valid_template_in_the_repository(repo_root):
    assert sorted(p.stem for p in (repo_root / "templates").glob("*.ipynb")) == sorted(METHODS)
    for key in METHODS:
        nb = json.loads((repo_root / "templates" / f"{key}.ipynb").read_text("utf-8"))
        steps = validate_template(nb, FW)
        assert steps[0].role == "open_actions" and steps[-1].role == "evaluation"
        assert "signal" in {s.role for s in steps}
        principles = [p for s in steps if s.role == "step" for p in s.principles]
        for principle in FW.method(key).principles:
            assert principle in principles, (key, principle)
        params = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
        assert len(params) == 1
        for name in ("workspace", "session_id", "kring", "date", "method", "title"):
            assert f"{name} =" in "".join(params[0]["source"])
        for cell in nb["cells"]:
            if cell["cell_type"] == "code" and "parameters" not in cell["metadata"].get("tags", []):
                assert "\n" not in "".join(cell["source"]).strip(), "widget cells are one-liners"
                assert "leerkring" in cell["metadata"]


def test_teamreflectie_takes_all_seven_principles_in_order():
    nb, _ = load_template("teamreflectie", None, FW)
    order = [s.principles[0] for s in steps_of(nb) if s.role == "step"]
    assert order == [p.key for p in FW.principles]


def test_schema_rejects_bad_metadata():
    nb, _ = load_template("incidentmethode", None, FW)
    bad = json.loads(json.dumps(nb))
    bad["cells"][4]["metadata"]["leerkring"]["principles"] = ["Ervaringen!"]
    with pytest.raises(TemplateError, match="schema"):
        validate_template(bad, FW)
    bad = json.loads(json.dumps(nb))
    for cell in bad["cells"]:
        if cell["metadata"].get("leerkring", {}).get("step") == "analyse":
            cell["metadata"]["leerkring"]["kinds"] = ["actie"]
    with pytest.raises(TemplateError, match="niet bij zijn principes"):
        validate_template(bad, FW)
    bad = json.loads(json.dumps(nb))
    for cell in bad["cells"]:  # the step's principles named on none of its cells
        if cell["metadata"].get("leerkring", {}).get("step") == "analyse":
            cell["metadata"]["leerkring"].pop("principles", None)
    with pytest.raises(TemplateError, match="noemt geen principes"):
        validate_template(bad, FW)
    bad = json.loads(json.dumps(nb))
    bad["cells"] = [c for c in bad["cells"] if c["metadata"].get("leerkring", {}).get("role") != "evaluation"]
    with pytest.raises(TemplateError, match="evaluatie"):
        validate_template(bad, FW)


def test_package_templates_are_found_through_the_resources_folder():
    path = find_template("moreel_beraad")
    assert path is not None and path.name == "moreel_beraad.ipynb"
    assert path.parent.parent.name == "resources"


def test_new_session_writes_the_notebook_with_parameters(tmp_path, team_workspace):
    ws, kring, session = team_workspace(tmp_path / "ws", method="incidentmethode")
    try:
        assert session.notebook == "wijkteam-noord/sessions/2026-11-02-incidentmethode.ipynb"
        nb = json.loads((ws.path / session.notebook).read_text("utf-8"))
        tags = [c["metadata"].get("tags", []) for c in nb["cells"]]
        i = next(i for i, t in enumerate(tags) if "parameters" in t)
        # the values are in the parameters cell itself: one cell, no injected-parameters cell after it
        assert not any("injected-parameters" in t for t in tags)
        ns: dict = {}
        exec("".join(nb["cells"][i]["source"]), ns)
        assert ns["session_id"] == session.id and ns["kring"] == "wijkteam-noord"
        assert ns["date"] == "2026-11-02" and ns["method"] == "incidentmethode" and ns["workspace"] == str(ws.path)
        assert nb["metadata"]["leerkring"]["session_id"] == session.id
        import nbformat

        nbformat.validate(nbformat.from_dict(nb))
        started = time.perf_counter()
        again = plan_session(ws, kring.id, "2026-11-09", "teamreflectie")
        elapsed = time.perf_counter() - started
        print(f"new_session: {elapsed:.3f} s")  # the benchmark checks the budget; tests do not time
        assert (ws.path / again.notebook).is_file()
    finally:
        ws.close()


def test_workspace_template_wins_and_a_new_method_gets_one(tmp_path, team_workspace):
    ws, kring, _ = team_workspace(tmp_path / "ws")
    try:
        (ws.path / "frameworks").mkdir()
        (ws.path / "frameworks" / "eigen.toml").write_text(
            '[[method]]\nkey = "socratisch"\nname = "Socratisch gesprek"\nprinciples = ["onzekerheid", "spanningen"]\n'
            '[[method]]\nkey = "zonder_sjabloon"\nname = "Zonder sjabloon"\nprinciples = ["trialoog"]\n',
            encoding="utf-8",
        )
        (ws.path / "templates").mkdir()
        nb, _ = load_template("incidentmethode", None, FW)
        nb["metadata"]["leerkring"]["method"] = "socratisch"
        nb["cells"][0]["source"] = "# Ons socratisch gesprek"
        (ws.path / "templates" / "socratisch.ipynb").write_text(json.dumps(nb), encoding="utf-8")
        from leerkring.workspace import Workspace

        ws2 = Workspace.open(ws.path)
        try:
            s = plan_session(ws2, kring.id, "2026-12-01", "socratisch")
            made = json.loads((ws2.path / s.notebook).read_text("utf-8"))
            assert made["cells"][0]["source"] == "# Ons socratisch gesprek"
            g = plan_session(ws2, kring.id, "2026-12-02", "zonder_sjabloon")
            generic = json.loads((ws2.path / g.notebook).read_text("utf-8"))
            assert [s.key for s in steps_of(generic)] == ["terugblik", "trialoog", "signaal", "evaluatie"]
            # a broken workspace template stores nothing
            (ws2.path / "templates" / "teamreflectie.ipynb").write_text("{niet json", encoding="utf-8")
            before = len(ws2.store.sessions())
            with pytest.raises(LeerkringError, match="geen geldig notebook"):
                plan_session(ws2, kring.id, "2026-12-03", "teamreflectie")
            assert len(ws2.store.sessions()) == before
        finally:
            ws2.close()
    finally:
        ws.close()


# -- headless execution against a real kernel and a real store ---------------------------------------
def _widget_state(nb) -> str:
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return json.dumps(state, ensure_ascii=False)


@pytest.mark.parametrize("method", METHODS)
def test_template_executes_headless(method, tmp_path, team_workspace, notebook_client):
    import nbformat

    ws, kring, session = team_workspace(tmp_path / "ws", method=method)
    path = ws.path / session.notebook
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import sys; print('deduce' in sys.modules)"))
    env_before = os.environ.get("JUPYTERHUB_USER")
    os.environ["JUPYTERHUB_USER"] = "mila"
    try:
        notebook_client(
            nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        ).execute()
    finally:
        if env_before is None:
            os.environ.pop("JUPYTERHUB_USER", None)
        else:
            os.environ["JUPYTERHUB_USER"] = env_before
    ws.close()
    views = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source
        views += sum("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in cell.outputs)
    steps = [s for s in steps_of(nb) if s.role in ("step", "open_actions", "signal", "evaluation")]
    assert views == len(steps) + 1  # every step's form plus the session header above the first one
    assert nb.cells[-1].outputs[0]["text"].strip() == "False"  # the kernel never loaded deduce
    state = _widget_state(nb)
    assert "Je werkt als Mila Lid" in state and "Wijkteam Noord" in state
    assert "Opslaan lukte niet" not in state and "mist" not in state


def test_builtin_frameworks_cache_matches_validation_and_survives_damage(tmp_path, monkeypatch):
    """The shipped frameworks are validated once and then read from a cache; a bad cache is ignored."""
    import dataclasses

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    frameworks.builtin.cache_clear()
    try:
        validated = frameworks.builtin()  # no cache yet: validated with pydantic, then cached
        [cache] = (tmp_path / "leerkring").glob("frameworks-*.json")
        frameworks.builtin.cache_clear()
        assert dataclasses.asdict(frameworks.builtin()) == dataclasses.asdict(validated)
        cache.write_text("{kapot", encoding="utf-8")
        frameworks.builtin.cache_clear()
        assert frameworks.builtin() == validated
    finally:
        frameworks.builtin.cache_clear()
