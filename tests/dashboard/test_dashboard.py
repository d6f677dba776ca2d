"""The dashboard without a server: reading summaries, rendering (escaping!), staging, CLI errors."""

from __future__ import annotations

import json
import socket

import pytest
import summary_samples as samples
from test_dashboard_support import CANARIES, KRINGEN, XSS_IMG, XSS_SCRIPT, make_workspace

from leerkring.dashboard import data, render
from leerkring.dashboard.launcher import DATA_ENV, child_env, notebook_path, stage


@pytest.fixture
def workspace(tmp_path):
    return make_workspace(tmp_path / "ws")


def test_samples_validate_against_the_summary_schema(tmp_path, repo_root):
    import jsonschema

    schema = json.loads((repo_root / "leerkring" / "data" / "summary.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    root = samples.write_organisation(tmp_path, KRINGEN, sessions=40, shared_entries=[XSS_SCRIPT], lessons=[XSS_IMG])
    files = sorted(root.glob("*/*.json"))
    assert len(files) == 6
    for path in files:
        errors = list(validator.iter_errors(json.loads(path.read_text())))
        assert not errors, (path, errors[:1])


def test_texts_from_summaries_are_escaped(tmp_path):
    doc = samples.summary(
        "_organisatie",
        "Alle",
        kringen=[("a-b", "<i>naam</i>")],
        shared_entries=[XSS_SCRIPT],
        lessons=[XSS_IMG],
        signals_open=['"><svg onload=alert(1)>'],
    )
    doc["message"] = "<marquee>x</marquee>"
    html = render.summary(doc, {"a-b": "<i>naam</i>"}) + render.overview(doc, {"a-b": "<i>naam</i>"}, 1)
    for raw in (XSS_SCRIPT, XSS_IMG, "<svg onload", "<i>naam</i>", "<marquee>"):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # the charts' SVG carries a title and a text alternative
    assert html.count('role="img"') >= 4 and html.count("<title>") >= 4 and "aria-label=" in html


def test_suppressed_values_are_shown_as_such():
    doc = samples.summary("wijkteam-noord", "Wijkteam Noord", sessions=30, k=4)
    html = render.summary(doc, {})
    assert "onderdrukt: minder dan 4 deelnemers" in html
    assert 'data-leerkring-klaar="1"' in html


def test_reader_refuses_other_audiences_and_versions(tmp_path):
    doc = samples.summary("x", "X")
    for change, message in ((("audience", "kring"), "niet voor de organisatie"), (("schema_version", 2), "versie")):
        path = tmp_path / f"{change[0]}.json"
        path.write_text(json.dumps({**doc, change[0]: change[1]}))
        with pytest.raises(data.UnreadableSummary, match=message):
            data.load(path)


def test_period_order_and_default(tmp_path):
    for stem in ("2026Q3", "alles", "2026Q4", "2025"):
        (tmp_path / "k").mkdir(exist_ok=True)
        (tmp_path / "k" / f"{stem}.json").write_text("{}")
    lib = data.Library(tmp_path)
    assert [f.stem for f in lib.periods("k")] == ["2025", "2026Q3", "2026Q4", "alles"]
    assert lib.default_period("k").stem == "alles"


def test_stage_copies_only_organisation_json(workspace):
    staging = stage(workspace)
    try:
        files = sorted(str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file())
        assert files == sorted(
            ["site/dashboard.ipynb"]
            + [
                f"data/organisatie/{scope}/{period}.json"
                for scope in ("_organisatie", "wijkteam-noord", "wijkteam-zuid")
                for period in ("2026Q4", "alles")
            ]
        )
        for path in staging.rglob("*"):
            if path.is_file():
                text = path.read_text(errors="replace")
                assert not any(c in text for c in CANARIES), path
        env = child_env(staging / "data" / "organisatie", staging)
        assert env[DATA_ENV] == str(staging / "data" / "organisatie")
        assert not any(str(workspace) in v for v in env.values())
        assert not any(k.startswith("LEERKRING_") and k != DATA_ENV for k in env)
    finally:
        import shutil

        shutil.rmtree(staging)


def test_notebook_is_packaged_and_calls_the_library():
    nb = json.loads(notebook_path().read_text())
    code = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "leerkring.dashboard.app" in code and nb["metadata"]["kernelspec"]["name"] == "python3"


def test_cli_without_organisation_summaries(tmp_path, run_cli):
    from leerkring.workspace import Workspace

    Workspace.init(tmp_path / "leeg", "Leeg", scrubber=None).close()
    result = run_cli("--workspace", str(tmp_path / "leeg"), "dashboard")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "fout: Er zijn nog geen samenvattingen voor de organisatie; maak eerst "
        "samenvattingen met 'leerkring summarize'."
    )


def test_cli_port_taken(workspace, run_cli):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("--workspace", str(workspace), "dashboard", "--port", str(port))
    assert result.returncode == 1
    assert result.stderr.strip() == f"fout: Poort {port} op 127.0.0.1 is al in gebruik; kies een andere met --port."
    assert "Traceback" not in result.stderr


def test_labels_of_texts_are_shown_by_name_not_by_key():
    """Issue 15: lessons ended with '[generalist_specialist]'."""
    doc = samples.summary("wijkteam-noord", "Wijkteam Noord", lessons=["Vraag eerst de buurt."])
    doc["lessons"][0]["tags"] = ["generalist_specialist", "eigen_regie", "partner", "buurtkracht_extra"]
    html = render.summary(doc, {})
    item = html.split("Vraag eerst de buurt.")[1].split("</li>")[0]
    assert "(labels: Generalist versus specialist, Eigen regie, Partnerorganisatie, buurtkracht extra)" in item
    assert "generalist_specialist" not in html and "eigen_regie" not in html and "[" not in item
