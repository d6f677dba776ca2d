"""Only what `leerkring summarize` published reaches the dashboard.

Each publication is recorded in the audit log with the SHA-256 of every file written; the launcher
stages an organisation JSON file only when its bytes still have the recorded hash. A file placed by
hand (forged figures, a made-up kring) or edited after publication is refused with one Dutch line and
never reaches the staging folder, nor anything the real Voilà server sends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import socket
from pathlib import Path

import pytest
from test_dashboard_server import CHROMIUM, CHROMIUM_ARGS, _raw_get

from leerkring.errors import LeerkringError, UsageError
from leerkring.workspace import Workspace

# the rules-only scrubber for the summaries these tests publish (and every process they start)
pytestmark = pytest.mark.usefixtures("rules_scrubber")

FORGED_KRING = "Wijkteam Vervalst FORGED-CANARY-3c81"
FORGED_FIGURE = 98765431
EDITED_KRING = "Wijkteam Zuid EDITED-CANARY-52ae"
PERIOD = "2026Q4"
MEMBERS = ["Ada Coach", "Bo Lid", "Cas Lid", "Dirk Lid"]
# what must never reach management: the made-up kring, the edited name, the forged figure
CANARIES = (FORGED_KRING, EDITED_KRING, "FORGED-CANARY", "EDITED-CANARY", "wijkteam-vervalst", "98.765.431")
FIGURE = str(FORGED_FIGURE)  # checked in files and pages only: random hex ids in the traffic could hold it


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(relative: str) -> str:
    return f"niet getoond: {relative} is niet gepubliceerd door leerkring (of daarna gewijzigd)"


def _fill(ws, name: str) -> None:
    kring = ws.add_kring(name)
    people = [f"{person} {name.split()[-1]}" for person in MEMBERS]  # e.g. "Ada Coach Noord"
    for i, person in enumerate(people):
        ws.store.add_member(kring.id, person, "coach" if i == 0 else "member")
    for n in range(3):
        when = dt.date(2026, 10, 5) + dt.timedelta(days=14 * n)
        session = ws.store.add_session(kring.id, when, "teamreflectie", f"Sessie {n}")
        for person in people:
            ws.store.add_entry(session.id, "ervaringen", "ervaring", f"Ervaring {n}", author=person)
        ws.store.add_entry(session.id, "actieleren", "les", f"Les {n}: eerst luisteren", visibility="organisatie")


@pytest.fixture(scope="module")
def published(tmp_path_factory, rules_scrubber):
    """A workspace with two kringen whose organisation summaries `summarize` published."""
    from leerkring.summary.publish import summarize

    root = tmp_path_factory.mktemp("published") / "ws"
    with Workspace.init(root, "Gemeente Echt") as ws:
        _fill(ws, "Wijkteam Noord")
        _fill(ws, "Wijkteam Zuid")
        outcome = summarize(ws, "all", PERIOD, "organisatie", actor="Ada Coach Noord")
    assert len(outcome.written) == 9  # two kringen and the roll-up, three files each
    return root


@pytest.fixture(scope="module")
def tampered(published):
    """The published workspace plus a forged summary (a made-up kring, with figures) and an edited one."""
    org = published / "summaries" / "organisatie"
    doc = json.loads((org / "wijkteam-noord" / f"{PERIOD}.json").read_text("utf-8"))
    doc["scope"].update(slug="wijkteam-vervalst", name=FORGED_KRING)
    doc["sessions"]["count"] = FORGED_FIGURE
    (org / "wijkteam-vervalst").mkdir()
    (org / "wijkteam-vervalst" / f"{PERIOD}.json").write_text(json.dumps(doc), "utf-8")
    # a forged period next to a published one, in a real kring's folder
    (org / "wijkteam-noord" / "2025.json").write_text(
        json.dumps({**doc, "scope": {**doc["scope"], "slug": "wijkteam-noord"}}), "utf-8"
    )
    edited = org / "wijkteam-zuid" / f"{PERIOD}.json"
    zuid = json.loads(edited.read_text("utf-8"))
    zuid["scope"]["name"] = EDITED_KRING
    zuid["sessions"]["count"] = FORGED_FIGURE
    edited.write_text(json.dumps(zuid), "utf-8")
    return published


FORGED = (
    "summaries/organisatie/wijkteam-noord/2025.json",
    "summaries/organisatie/wijkteam-vervalst/2026Q4.json",
    "summaries/organisatie/wijkteam-zuid/2026Q4.json",
)


# -- the record ----------------------------------------------------------------------------------
@pytest.mark.slow  # `summarize` runs the summary notebook on a kernel
def test_each_publication_names_its_files_and_their_hashes(published):
    with Workspace.open(published, scrubber=None) as ws:
        entries = [e for e in ws.store.audit_log(100) if e["action"] == "summary.publish"]
        latest = ws.store.publications()
    assert sorted(e["detail"]["kring"] for e in entries) == ["_organisatie", "wijkteam-noord", "wijkteam-zuid"]
    for entry in entries:
        assert entry["actor"] == "Ada Coach Noord" and entry["at"] is not None
        assert entry["detail"]["audience"] == "organisatie" and entry["detail"]["period"] == PERIOD
        paths = [f["path"] for f in entry["detail"]["files"]]
        slug = entry["detail"]["kring"]
        assert paths == [f"summaries/organisatie/{slug}/{PERIOD}.{ext}" for ext in ("ipynb", "html", "json")]
        for item in entry["detail"]["files"]:
            assert item["sha256"] == _sha(published / item["path"])  # the bytes on disk, as written
    assert len(latest) == 9 and all(latest[p] == _sha(published / p) for p in latest)


def test_latest_record_per_path_wins_and_paths_stay_inside(store):
    store.record_publication("Ada", {"summaries/organisatie/a/alles.json": "1" * 64}, audience="organisatie")
    store.record_publication(
        "Bo", {"summaries/organisatie/a/alles.json": "2" * 64, "summaries/organisatie/b/alles.json": "3" * 64}
    )
    store.audit("Cas", "summary.publish", {"files": ["summaries/organisatie/c/alles.json"]})  # before hashes
    store.audit("Cas", "session.close", {"files": [{"path": "summaries/organisatie/d/alles.json", "sha256": "4"}]})
    assert store.publications() == {
        "summaries/organisatie/a/alles.json": "2" * 64,
        "summaries/organisatie/b/alles.json": "3" * 64,
    }
    for bad in ("/etc/passwd", "../buiten.json", "summaries/../../x.json", ""):
        with pytest.raises(UsageError, match="binnen de werkruimte"):
            store.record_publication("Ada", {bad: "0" * 64})


# -- staging -------------------------------------------------------------------------------------
@pytest.mark.slow  # `summarize` runs the summary notebook on a kernel
def test_staging_refuses_forged_and_edited_files_with_one_dutch_line_each(tampered, tmp_path):
    from leerkring.dashboard.launcher import stage

    lines: list[str] = []
    staging = stage(tampered, tmp_path / "staging", notice=lines.append)
    staged = sorted(p.relative_to(staging / "data").as_posix() for p in (staging / "data").rglob("*.json"))
    assert staged == [f"organisatie/_organisatie/{PERIOD}.json", f"organisatie/wijkteam-noord/{PERIOD}.json"]
    assert sorted(lines) == [refused(p) for p in FORGED]
    everything = _plain("\n".join(p.read_text("utf-8", errors="replace") for p in staging.rglob("*") if p.is_file()))
    for canary in (*CANARIES, FIGURE):
        assert canary not in everything, canary
    # the staged bytes are the published bytes
    assert _sha(staging / "data" / "organisatie" / "wijkteam-noord" / f"{PERIOD}.json") == _sha(
        tampered / "summaries" / "organisatie" / "wijkteam-noord" / f"{PERIOD}.json"
    )


@pytest.mark.slow  # `summarize` runs the summary notebook on a kernel
def test_a_republished_file_is_shown_again(tampered, tmp_path):
    from leerkring.dashboard.launcher import stage
    from leerkring.summary.publish import summarize

    root = tmp_path / "ws"
    shutil.copytree(tampered, root)  # the tampered workspace stays as it is for the other tests
    with Workspace.open(root) as ws:
        summarize(ws, "Wijkteam Zuid", PERIOD, "organisatie", actor="Ada Coach Zuid")
    lines: list[str] = []
    staging = stage(root, tmp_path / "staging", notice=lines.append)
    zuid = staging / "data" / "organisatie" / "wijkteam-zuid" / f"{PERIOD}.json"
    assert json.loads(zuid.read_text("utf-8"))["scope"]["name"] == "Wijkteam Zuid"
    assert sorted(lines) == [refused(p) for p in FORGED if "wijkteam-zuid" not in p]


def test_a_workspace_with_only_unpublished_summaries_shows_nothing(tmp_path, run_cli):
    import summary_samples as samples

    root = tmp_path / "ws"
    Workspace.init(root, "Gemeente Leeg", scrubber=None).close()
    samples.write_organisation(root / "summaries", [("vervalst", FORGED_KRING)], sessions=5)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_cli("--workspace", str(root), "dashboard", "--port", str(port), timeout=60)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert refused("summaries/organisatie/vervalst/alles.json") in lines
    assert all(line.startswith("niet getoond: ") for line in lines), lines
    assert result.stderr.strip() == (
        "fout: Er zijn nog geen gepubliceerde, leesbare samenvattingen voor de organisatie; "
        "maak eerst samenvattingen met 'leerkring summarize'."
    )
    assert "Traceback" not in result.stderr


def test_stage_without_a_workspace_is_one_dutch_error(tmp_path):
    from leerkring.dashboard.launcher import stage

    (tmp_path / "summaries" / "organisatie" / "x").mkdir(parents=True)
    (tmp_path / "summaries" / "organisatie" / "x" / "alles.json").write_text("{}")
    with pytest.raises(LeerkringError, match="Geen werkruimte in"):
        stage(tmp_path, tmp_path / "staging")


# -- the real server -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def dashboard_server(tampered):
    from leerkring.dashboard import start

    lines: list[str] = []
    server = start(tampered, port=0, notice=lines.append)
    server.notices = lines
    yield server
    server.stop()


@pytest.mark.browser
def test_forged_and_edited_files_never_reach_the_dashboard(dashboard_server, require):
    server = dashboard_server
    assert sorted(server.notices) == [refused(p) for p in FORGED]
    staged = _plain("\n".join(p.read_text("utf-8", errors="replace") for p in server.staging.rglob("*") if p.is_file()))
    status, _, body = _raw_get(server.url, "/")
    assert status == 200
    page_html = _plain(body.decode("utf-8", errors="replace"))
    assert "Wijkteam Noord" in page_html  # positive control: published names do arrive
    for canary in (*CANARIES, FIGURE):
        assert canary not in staged and canary not in page_html, canary

    require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    sent: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 3000})
            page.on("response", lambda r: sent.append(_text(r)))
            page.on("websocket", lambda w: w.on("framereceived", lambda payload: sent.append(str(payload))))
            page.goto(server.url)
            page.wait_for_selector("[data-leerkring-klaar]", state="attached", timeout=90_000)
            page.wait_for_timeout(500)
            options = page.get_by_label("Kring").locator("option").all_inner_texts()
            sent.append(page.content())
        finally:
            browser.close()
    options = [_plain(option) for option in options]
    assert "Wijkteam Noord" in options, options
    everything = _plain("\n".join(sent))
    assert "Wijkteam Noord" in everything
    for canary in CANARIES:
        assert canary not in everything, canary
    assert not any("Vervalst" in option or "EDITED" in option for option in options), options


def _plain(text: str) -> str:
    """Text with its non-breaking spaces (as the page writes names) made plain spaces."""
    for nbsp in ("\xa0", "&nbsp;", "&#160;", "&#xa0;", "\\u00a0"):
        text = text.replace(nbsp, " ")
    return text


def _text(response) -> str:
    try:
        return response.text()
    except Exception as exc:  # noqa: BLE001  # a response without a body (a redirect, a websocket upgrade)
        return f"<geen tekst: {type(exc).__name__}>"
