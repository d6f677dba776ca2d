"""Shared setup for the dashboard tests: a workspace with kring-zone secrets and organisation summaries."""

from __future__ import annotations

import json
from pathlib import Path

CANARY_PERSONAL = "CANARY-PERSOONLIJK-7f3a9c"
CANARY_KRING = "CANARY-KRING-91bd42"
CANARY_DB = "CANARY-DATABASE-5e2d10"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
CANARIES = (CANARY_PERSONAL, CANARY_KRING, CANARY_DB)
KRINGEN = [("wijkteam-noord", "Wijkteam Noord"), ("wijkteam-zuid", "Wijkteam Zuid")]


def make_workspace(root: Path, sessions: int = 10) -> Path:
    """A real workspace (database, settings, kring folder, kring summary) plus organisation summaries."""
    import summary_samples as samples

    from leerkring.workspace import Workspace

    ws = Workspace.init(root, "Gemeente Test", scrubber=None)
    kring = ws.add_kring("Wijkteam Noord")
    ws.store.add_member(kring.id, "Cora Coach", "coach")
    session = ws.store.add_session(kring.id, "2026-11-02", "teamreflectie", "Testsessie")
    ws.store.add_entry(
        session.id,
        "ervaringen",
        "ervaring",
        f"{CANARY_PERSONAL} alleen voor mij",
        visibility="persoonlijk",
        author="Cora Coach",
    )
    ws.store.add_entry(session.id, "ervaringen", "ervaring", f"{CANARY_DB} kring", visibility="kring")
    ws.close()
    # kring zone on disk: a session notebook and a kring summary with secrets
    sessions_dir = root / "wijkteam-noord" / "sessions"
    sessions_dir.mkdir(parents=True, exist_ok=True)
    (sessions_dir / "2026-11-02-teamreflectie.ipynb").write_text(
        json.dumps(
            {
                "cells": [{"cell_type": "markdown", "metadata": {}, "source": [CANARY_KRING, CANARY_PERSONAL]}],
                "metadata": {},
                "nbformat": 4,
                "nbformat_minor": 5,
            }
        )
    )
    kring_doc = samples.summary("wijkteam-noord", "Wijkteam Noord", shared_entries=[CANARY_KRING])
    kring_doc["audience"] = "kring"
    (root / "summaries" / "kring" / "wijkteam-noord").mkdir(parents=True)
    (root / "summaries" / "kring" / "wijkteam-noord" / "alles.json").write_text(json.dumps(kring_doc))
    # organisation zone, with hostile texts in the shared entries and lessons
    org = samples.write_organisation(
        root / "summaries",
        KRINGEN,
        sessions=sessions,
        shared_entries=[XSS_SCRIPT, "Samen op huisbezoek werkt beter"],
        lessons=[XSS_IMG],
        signals_open=["Wachtlijst schuldhulp <b>te lang</b>"],
    )
    # the samples stand in for `leerkring summarize`: record them as published (the dashboard shows nothing else)
    publish(root, sorted(org.glob("*/*.json")))
    # a kring summary put in the organisation folder by mistake: must never be staged
    (org / "wijkteam-noord" / "verkeerd.json").write_text(json.dumps(kring_doc))
    return root


def publish(root: Path, paths, actor: str = "Cora Coach") -> None:
    """Record ``paths`` (files in the workspace at ``root``) as published, as `leerkring summarize` does."""
    from leerkring.store.publications import digest
    from leerkring.workspace import Workspace

    files = {Path(p).relative_to(root).as_posix(): digest(Path(p).read_bytes()) for p in paths}
    with Workspace.open(root, scrubber=None) as ws:
        ws.store.record_publication(actor, files, audience="organisatie")
