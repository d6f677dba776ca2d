"""`leerkring summarize` end to end: papermill, split files, HTML, JSON schema, privacy, errors."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from test_summary_fixture import CANARIES, CANARY_KRING, populate

# the rules-only scrubber here and in every `leerkring summarize` these tests start (they inherit it)
pytestmark = pytest.mark.usefixtures("rules_scrubber")


def _workspace(path: Path, populate_it=True):
    """A workspace (scrubbing as the environment says: rules, unless a test sets otherwise)."""
    from leerkring.workspace import Workspace

    ws = Workspace.init(path, "Gemeente Test")
    if populate_it:
        populate(ws.store)
    return ws


@pytest.fixture(scope="module")
def summarized(tmp_path_factory, run_cli, rules_scrubber):
    path = tmp_path_factory.mktemp("samenvatting") / "ws"
    _workspace(path).close()
    result = run_cli(
        "--workspace", str(path), "summarize", "--all", "--period", "2026", "--by", "Coach Test", timeout=300
    )
    assert result.returncode == 0, result.stderr
    return path, result


def _org_files(path: Path):
    return sorted(p for p in (path / "summaries" / "organisatie").rglob("*") if p.is_file())


def test_files_for_both_audiences_and_rollup(summarized):
    path, result = summarized
    assert "samenvatting(en) geschreven" in result.stdout
    for audience, slug in [
        ("kring", "wijkteam-noord"),
        ("kring", "wijkteam-zuid"),
        ("organisatie", "wijkteam-noord"),
        ("organisatie", "wijkteam-zuid"),
        ("organisatie", "_organisatie"),
    ]:
        for ext in ("ipynb", "html", "json"):
            assert (path / "summaries" / audience / slug / f"2026.{ext}").stat().st_size > 0
    assert not list((path / "summaries").glob(".staging-*")), "staging is cleaned up"
    assert not list((path / "summaries").rglob("*.tmp"))


def test_json_validates_against_schema(summarized):
    import jsonschema

    from leerkring.summary.files import schema

    path, _ = summarized
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    for file in (path / "summaries").rglob("*.json"):
        doc = json.loads(file.read_text("utf-8"))
        validator.validate(doc)
        assert doc["schema_version"] == 1


def test_organisation_outputs_hold_no_canaries(summarized):
    path, _ = summarized
    files = _org_files(path)
    assert len(files) == 9
    for file in files:
        text = file.read_text("utf-8")
        for canary in CANARIES:
            assert canary not in text, (canary, file)
    kring_html = (path / "summaries" / "kring" / "wijkteam-noord" / "2026.html").read_text("utf-8")
    assert CANARY_KRING in kring_html, "the kring's own summary shows its texts"


def test_html_is_self_contained(summarized):
    path, _ = summarized
    html = (path / "summaries" / "organisatie" / "_organisatie" / "2026.html").read_text("utf-8")
    assert '<html lang="nl">' in html
    assert not re.search(r"<script[^>]+src=", html), "no external scripts"
    assert not re.search(r"<link[^>]+href=\"?https?:", html), "no external stylesheets"
    assert html.count("<svg") >= 4 and "Tekstalternatief" in html
    assert "Leer-mix" in html and "Signalen aan het management" in html


def test_split_notebooks_hold_only_their_own_outputs(summarized):
    import nbformat

    path, _ = summarized
    nb = nbformat.read(path / "summaries" / "organisatie" / "wijkteam-zuid" / "2026.ipynb", as_version=4)
    targets = {o["metadata"]["leerkring"]["target"] for c in nb.cells if c.cell_type == "code" for o in c.outputs}
    assert targets == {"organisatie/wijkteam-zuid"}
    assert nb.metadata["leerkring"]["audience"] == "organisatie"


def test_each_publication_is_audited(summarized):
    from leerkring.workspace import Workspace

    path, _ = summarized
    with Workspace.open(path, scrubber=None) as ws:
        log = [e for e in ws.store.audit_log(50) if e["action"] == "summary.publish"]
    published = sorted((e["detail"]["audience"], e["detail"]["kring"]) for e in log)
    assert published == [
        ("kring", "wijkteam-noord"),
        ("kring", "wijkteam-zuid"),
        ("organisatie", "_organisatie"),
        ("organisatie", "wijkteam-noord"),
        ("organisatie", "wijkteam-zuid"),
    ]
    assert all(e["actor"] == "Coach Test" and len(e["detail"]["files"]) == 3 for e in log)


def test_damaged_summary_is_rebuilt_and_empty_period_is_said(summarized, run_cli):
    path, _ = summarized
    damaged = path / "summaries" / "organisatie" / "wijkteam-noord" / "2025.json"
    damaged.parent.mkdir(parents=True, exist_ok=True)
    damaged.write_text('{"schema_version": 1, "half', "utf-8")
    result = run_cli(
        "--workspace",
        str(path),
        "summarize",
        "--kring",
        "Wijkteam Noord",
        "--period",
        "2025",
        "--audience",
        "organisatie",
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Beschadigde samenvatting" in result.stdout
    assert "Geen sessies in deze periode" in result.stdout
    doc = json.loads(damaged.read_text("utf-8"))
    assert doc["empty"] is True and doc["message"] == "Geen sessies in deze periode."
    assert "Geen sessies in deze periode" in damaged.with_suffix(".html").read_text("utf-8")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--kring", "Wijkteam Nergens"], "Onbekende kring"),
        (["--period", "2026Q7"], "Onbekende periode"),
    ],
)
def test_errors_are_one_dutch_line(summarized, args, message, run_cli):
    path, _ = summarized
    result = run_cli("--workspace", str(path), "summarize", *args)
    assert result.returncode != 0
    assert result.stderr.startswith("fout: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_workspace_without_sessions(tmp_path, run_cli):
    ws = _workspace(tmp_path / "leeg", populate_it=False)
    ws.add_kring("Wijkteam Leeg")
    ws.close()
    result = run_cli("--workspace", str(tmp_path / "leeg"), "summarize")
    assert result.returncode == 1
    assert "nog geen sessies" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def _pii_lines(pii: Path):
    """(raw texts, needles): a needle is a marked span, with its left neighbour word when the span is
    short (an age such as '16' also occurs in CSS), so that finding it means the span survived."""
    lines = [ln.rstrip("\n") for ln in pii.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    strip = lambda ln: re.sub(r"\(\((.*?)\)\)", r"\1", re.sub(r"\{\{[a-z]+\|(.*?)\}\}", r"\1", ln))  # noqa: E731
    raw = [strip(ln) for ln in lines]
    needles = set()
    for line in lines:
        for m in re.finditer(r"\{\{[a-z]+\|(.*?)\}\}", line):
            span = m[1]
            if len(span) >= 5:
                needles.add(span)
            else:
                left = strip(line[: m.start()]).rstrip().split(" ")[-1]
                needles.add(f"{left} {span}".strip())
    return raw, sorted(needles, key=len, reverse=True)


def test_personal_data_shared_with_the_organisation_is_pseudonymised(
    tmp_path, monkeypatch, run_cli, require, shared_data
):
    pii = shared_data / "pii_public.txt"
    require(pii.exists(), f"{pii} is missing")
    raw, spans = _pii_lines(pii)
    import html as html_lib

    # the real scrubber with deduce; in-process so the test does not depend on a running service
    env = {"LEERKRING_SCRUBBER": os.environ.get("LEERKRING_SCRUBBER_FOR_PII", "service")}
    monkeypatch.setenv("LEERKRING_SCRUBBER", env["LEERKRING_SCRUBBER"])
    ws = _workspace(tmp_path / "pii", populate_it=False)  # scrubbing as set just above
    kring = ws.add_kring("Wijkteam Pii")
    for name in ("Pia Coach", "Quinten Lid", "Rosa Lid"):
        ws.store.add_member(kring.id, name, "coach" if name == "Pia Coach" else "member")
    session = ws.store.add_session(kring.id, "2026-10-05", None, "PII")
    for i, text in enumerate(raw):
        ws.store.add_entry(
            session.id,
            "ervaringen",
            "inzicht",
            text,
            author=("Pia Coach", "Quinten Lid", "Rosa Lid")[i % 3],
            visibility="organisatie",
        )
    for item in ws.store.pending_releases():  # the coach's release review lets them through
        ws.store.release(item.id, "Pia Coach")
    ws.close()
    result = run_cli(
        "--workspace",
        str(tmp_path / "pii"),
        "summarize",
        "--period",
        "2026Q4",
        "--audience",
        "organisatie",
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    files = _org_files(tmp_path / "pii")
    assert len(files) == 6
    for file in files:
        text = file.read_text("utf-8")
        readable = html_lib.unescape(text)
        for span in spans:
            assert span not in text and span not in readable, (span, file.name)
    doc = json.loads((tmp_path / "pii" / "summaries" / "organisatie" / "_organisatie" / "2026Q4.json").read_text())
    assert doc["shared_entries"], "the shared texts do reach the organisation (pseudonymised)"


def test_summary_pages_speak_to_readers_and_name_the_principles(summarized):
    """Issue 15: no developer text about papermill for the reader; 'Leer-mix per sessie' names the
    principles instead of bare numbers ('6: 3, 5: 2')."""
    path, _ = summarized
    for audience, slug in [("kring", "wijkteam-noord"), ("organisatie", "_organisatie")]:
        page = (path / "summaries" / audience / slug / "2026.html").read_text("utf-8")
        assert "papermill" not in page and "leerkring.summary" not in page, audience
        assert "Over deze samenvatting." in page
        assert page.index("<h1>Samenvatting") < page.index("Over deze samenvatting.")
    page = (path / "summaries" / "kring" / "wijkteam-noord" / "2026.html").read_text("utf-8")
    table = page.split("Leer-mix per sessie", 1)[1].split("</table>", 1)[0]
    assert re.search(r"\d\. (Leren vanuit ervaringen|Benutten van onzekerheid|Discursieve betekenisgeving en actieleren)"
                     r": \d+", table)  # fmt: skip
    assert not re.search(r"<td>\d: \d", table)
