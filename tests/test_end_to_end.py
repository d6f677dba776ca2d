"""The whole way from a member's save to the manager's browser, with canaries.

Strings planted in personal and kring entries must reach the kring summary (so the check can fail)
and never anything built for the organisation: its summary files, or what the dashboard sends.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from leerkring.notebooks.lifecycle import plan_session
from leerkring.workspace import Workspace

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PERSONAL = "KANARIE-PERSOONLIJK-7f3a"
KRING = "KANARIE-KRING-91bc"
SHARED = "Gedeelde les: eerst luisteren, dan pas het formulier"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def pipeline(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("e2e") / "ws"
    database_url = None
    if request.param == "postgresql":
        database_url, schema_name = request.getfixturevalue("pg_schema_url")()
    ws = Workspace.init(root, "Wijkteams Kanarie", database_url=database_url)
    kring = ws.add_kring("Wijkteam Kanarie")
    names = ["Ada Coach", "Bo Lid", "Cas Lid", "Dirk Lid"]
    for i, name in enumerate(names):
        ws.store.add_member(kring.id, name, "coach" if i == 0 else "member")
    ws.store.add_member(kring.id, "Mia Manager", "manager")
    start = dt.date(2026, 9, 1)
    for n in range(4):
        session = plan_session(ws, kring.id, start + dt.timedelta(days=14 * n), "teamreflectie")
        for name in names:
            ws.store.add_entry(session.id, "ervaringen", "ervaring", f"{KRING} ervaring {n} van {name}", author=name)
            ws.store.add_entry(
                session.id, "trialoog", "gevoel", f"{PERSONAL} {n}", author=name, visibility="persoonlijk"
            )
            ws.store.add_evaluation(session.id, 4, 4, f"{KRING} opmerking")
        ws.store.add_entry(
            session.id, "actieleren", "les", f"{SHARED} ({n})", author=names[1], visibility="organisatie"
        )
        ws.store.raise_signal(session.id, f"Signaal {n} over de registratie", "Het systeem telt huisbezoeken niet.")
    for item in ws.store.pending_releases():  # the coach's release review: now it may reach the organisation
        ws.store.release(item.id, names[0])
    ws.close()
    from leerkring.summary.publish import summarize

    with Workspace.open(root) as ws:
        summarize(ws, "all", "2026Q3", "both")
        summarize(ws, "all", "2026Q4", "both")
    yield root
    if database_url:
        from sqlalchemy import text

        with request.getfixturevalue("pg_admin").connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema_name}" CASCADE'))


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and p.suffix in (".json", ".html", ".ipynb")]


def test_kring_summary_has_the_kring_texts_but_never_personal_ones(pipeline):
    files = _files(pipeline / "summaries" / "kring")
    assert files
    text = "\n".join(p.read_text("utf-8") for p in files)
    assert KRING in text  # positive control: the canary check below can fail
    assert PERSONAL not in text


def test_organisation_summaries_hold_no_canary_and_no_name(pipeline):
    files = _files(pipeline / "summaries" / "organisatie")
    assert {p.suffix for p in files} == {".json", ".html", ".ipynb"}
    text = "\n".join(p.read_text("utf-8") for p in files)
    assert "eerst luisteren" in text  # what was shared with the organisation does arrive
    for forbidden in (PERSONAL, KRING, "Ada Coach", "Bo Lid", "Dirk Lid"):
        assert forbidden not in text


@pytest.mark.browser
def test_dashboard_sends_no_canary(pipeline, require):
    require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    from leerkring.dashboard import start

    with Workspace.open(pipeline) as ws, start(ws, port=0) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1200, "height": 3000})
        sent = []
        page.on(
            "response", lambda r: sent.append(r.text()) if "text" in (r.headers.get("content-type") or "") else None
        )
        page.on("websocket", lambda w: w.on("framereceived", lambda payload: sent.append(str(payload))))
        page.goto(server.url)
        page.wait_for_selector("[data-leerkring-klaar]", state="attached", timeout=90_000)
        page.wait_for_timeout(500)
        dom = page.content()
        browser.close()
    everything = dom + "\n".join(sent)
    assert "Wijkteam Kanarie" in dom and "eerst luisteren" in everything
    for forbidden in (PERSONAL, KRING, "Ada Coach", "Bo Lid"):
        assert forbidden not in everything
