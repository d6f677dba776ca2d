"""Canary: nothing reaches the organisation before a coach released it (issue 14, vier-ogen).

Texts shared with the organisation (entries and lessons, signals, answers) are planted with canary
strings. ``leerkring summarize`` runs through the real command line; the organisation's files (JSON,
HTML, notebooks under ``summaries/organisatie/``) and everything the real Voilà dashboard sends to a
browser are searched. Before the coach decides, no canary is there (while the kring's own summary has
them all: the positive control); after the release the released texts are there, scrubbed; what was
sent back, is still waiting, or was replaced by the coach's edit never is.
"""

from __future__ import annotations

import datetime as dt
import http.client
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from leerkring.workspace import Workspace

# the rules-only scrubber for the workspace, the CLI it starts and the summaries (every process inherits it)
pytestmark = pytest.mark.usefixtures("rules_scrubber")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PERIOD = "2026"
KRING = "Wijkteam Kanarie"
COACH, MEMBERS, MANAGER = "Ada Coach", ("Bo Lid", "Cas Lid", "Dirk Lid"), "Mia Manager"

RELEASED = "KANARIE-VRIJ-b2 les: eerst luisteren, bel 06-12345678 voor een afspraak"
EDITED_ORIGINAL = "KANARIE-ORIGINEEL-c3 inzicht bij FATIMA BOUALI thuis"
EDITED = "KANARIE-BEWERKT-c3 inzicht bij [PERSOON-1] thuis, bel 0612345678"
PENDING = "KANARIE-WACHT-a1 les die nog op de leercoach wacht"
REJECTED = "KANARIE-TERUG-d4 les met iets wat niet naar buiten mag"
SIGNAL_RELEASED = ("KANARIE-SIGNAAL-VRIJ-f6 wachtlijst", "Schuldhulp duurt drie maanden.")
SIGNAL_PENDING = ("KANARIE-SIGNAAL-WACHT-e5 registratie", "Het systeem telt huisbezoeken niet.")
SIGNAL_REJECTED = ("KANARIE-SIGNAAL-TERUG-i9 iets", "KANARIE-SIGNAAL-TERUG-TEKST-i9")
SIGNAL_OPEN = ("KANARIE-SIGNAAL-OPEN-j1 jeugdhulp", "Geen plek in de buurt.")  # the dashboard lists open ones
ANSWER_PENDING = "KANARIE-ANTWOORD-WACHT-g7 doorgegeven door de coach"
ANSWER_MANAGER = "KANARIE-ANTWOORD-MANAGER-h8 we pakken het op"

#: never in anything for the organisation, before or after the review
NEVER = (
    "KANARIE-WACHT-a1",
    "KANARIE-TERUG-d4",
    "KANARIE-ORIGINEEL-c3",
    "FATIMA",
    "BOUALI",
    "KANARIE-SIGNAAL-WACHT-e5",
    "KANARIE-SIGNAAL-TERUG",
    "KANARIE-ANTWOORD-WACHT-g7",
    "06-12345678",
    "0612345678",
    COACH,
    MEMBERS[0],
)
#: there only after the coach's release
AFTER = (
    "KANARIE-VRIJ-b2",
    "KANARIE-BEWERKT-c3",
    "KANARIE-SIGNAAL-VRIJ-f6",
    "KANARIE-ANTWOORD-MANAGER-h8",
    "KANARIE-SIGNAAL-OPEN-j1",
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, rules_scrubber):
    root = tmp_path_factory.mktemp("canary") / "ws"
    with Workspace.init(root, "Gemeente Kanarie") as ws:
        kring = ws.add_kring(KRING)
        ws.store.add_member(kring.id, COACH, "coach")
        for name in MEMBERS:
            ws.store.add_member(kring.id, name, "member")
        ws.store.add_member(kring.id, MANAGER, "manager")
        sessions = []
        for n in range(3):
            session = ws.store.add_session(kring.id, dt.date(2026, 10, 5) + dt.timedelta(days=14 * n), "teamreflectie")
            sessions.append(session)
            for name in (COACH, *MEMBERS):
                ws.store.add_entry(session.id, "ervaringen", "ervaring", f"Ervaring {n} in de kring", author=name)
        first = sessions[0].id
        for text, kind in ((RELEASED, "les"), (PENDING, "les"), (REJECTED, "les")):
            ws.store.add_entry(first, "actieleren", kind, text, author=MEMBERS[0], visibility="organisatie")
        ws.store.add_entry(first, "ervaringen", "inzicht", EDITED_ORIGINAL, author=MEMBERS[1], visibility="organisatie")
        released = ws.store.raise_signal(sessions[1].id, *SIGNAL_RELEASED)
        ws.store.respond_signal(released.id, COACH, ANSWER_PENDING)
        ws.store.respond_signal(released.id, MANAGER, ANSWER_MANAGER)
        ws.store.raise_signal(sessions[1].id, *SIGNAL_PENDING)
        ws.store.raise_signal(sessions[2].id, *SIGNAL_REJECTED)
        ws.store.raise_signal(sessions[2].id, *SIGNAL_OPEN)
    return root


def _summarize(root: Path, run_cli) -> None:
    result = run_cli("-w", str(root), "summarize", "--period", PERIOD, timeout=600)
    assert result.returncode == 0, result.stderr


def _files(root: Path, audience: str) -> str:
    files = [p for p in (root / "summaries" / audience).rglob("*") if p.suffix in (".json", ".html", ".ipynb")]
    assert {p.suffix for p in files} == {".json", ".html", ".ipynb"}, files
    return "\n".join(p.read_text("utf-8") for p in files)


def _raw_get(url: str, path: str = "/") -> tuple[int, str]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read().decode("utf-8", errors="replace")
    conn.close()
    return response.status, body


def _dashboard_traffic(root: Path, require) -> str:
    """Everything the real dashboard sends: the page over HTTP, and in Chromium every response, every
    websocket frame and the final page, with the kring chosen."""
    from leerkring.dashboard import start

    server = start(root, port=0, notice=lambda line: None)
    try:
        status, page = _raw_get(server.url)
        assert status == 200
        require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
        from playwright.sync_api import sync_playwright

        sent = [page]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                tab = browser.new_page(viewport={"width": 1200, "height": 3000})
                tab.on("response", lambda r: sent.append(_text(r)))
                tab.on("websocket", lambda w: w.on("framereceived", lambda payload: sent.append(str(payload))))
                tab.goto(server.url)
                tab.wait_for_selector("[data-leerkring-klaar]", state="attached", timeout=90_000)
                tab.get_by_label("Kring").select_option(label=KRING)
                tab.wait_for_selector(f"h2:has-text('{KRING}')", timeout=30_000)
                tab.wait_for_timeout(500)
                sent.append(tab.content())
            finally:
                browser.close()
    finally:
        server.stop()
    return _plain("\n".join(sent))


def _text(response) -> str:
    try:
        return response.text()
    except Exception as exc:  # a response without a body (a redirect, the websocket upgrade)
        return f"<geen tekst: {type(exc).__name__}>"


def _plain(text: str) -> str:
    for nbsp in ("\xa0", "&nbsp;", "&#160;", "&#xa0;", "\\u00a0"):
        text = text.replace(nbsp, " ")
    return text


@pytest.mark.browser
def test_nothing_reaches_the_organisation_before_the_coach_released_it(workspace, run_cli, require):
    # -- before the review: the kring has every text, the organisation none --------------------------
    _summarize(workspace, run_cli)
    kring = _files(workspace, "kring")
    for text in ("KANARIE-VRIJ-b2", "KANARIE-WACHT-a1", "KANARIE-TERUG-d4", "KANARIE-SIGNAAL-WACHT-e5"):
        assert text in kring, text  # positive control: kring summaries are unchanged by the review
    organisation = _files(workspace, "organisatie")
    assert KRING in organisation  # the organisation's summary exists, with its figures
    for canary in (*NEVER, *AFTER):
        assert canary not in organisation, canary
    traffic = _dashboard_traffic(workspace, require)
    assert KRING in traffic
    for canary in (*NEVER, *AFTER):
        assert canary not in traffic, canary

    # -- the coach decides ------------------------------------------------------------------------
    with Workspace.open(workspace) as ws:
        pending = {(p.text or p.title).split()[0]: p.id for p in ws.store.pending_releases()}
        assert set(pending) == {
            "KANARIE-VRIJ-b2",
            "KANARIE-WACHT-a1",
            "KANARIE-TERUG-d4",
            "KANARIE-ORIGINEEL-c3",
            "Schuldhulp",
            "Het",
            "KANARIE-SIGNAAL-TERUG-TEKST-i9",
            "KANARIE-ANTWOORD-WACHT-g7",
            "Geen",
        }
    decisions = [
        ("approve", pending["KANARIE-VRIJ-b2"]),
        ("approve", pending["Schuldhulp"]),
        ("approve", pending["Geen"]),
        ("reject", pending["KANARIE-TERUG-d4"], "--reason", "Dit blijft in de kring"),
        ("reject", pending["KANARIE-SIGNAAL-TERUG-TEKST-i9"]),
        ("edit", pending["KANARIE-ORIGINEEL-c3"], "--text", EDITED),
    ]
    for action, number, *rest in decisions:
        result = run_cli("-w", str(workspace), "release", action, str(number), "--by", COACH, *rest)
        assert result.returncode == 0, result.stderr

    # -- after: released texts arrive, scrubbed; the rest never ---------------------------------
    _summarize(workspace, run_cli)
    organisation = _files(workspace, "organisatie")
    for text in AFTER:
        assert text in organisation, text
    assert "[TELEFOON-1]" in organisation  # scrubbed: the released lesson and the coach's edit
    for canary in NEVER:
        assert canary not in organisation, canary
    traffic = _dashboard_traffic(workspace, require)
    for text in ("KANARIE-VRIJ-b2", "KANARIE-BEWERKT-c3", "KANARIE-SIGNAAL-OPEN-j1"):
        assert text in traffic, text
    for canary in NEVER:
        assert canary not in traffic, canary
