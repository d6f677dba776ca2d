"""Surrogates (issue 14, item 3): consistent fictitious names instead of person tags, organisation only."""

from __future__ import annotations

import re

from leerkring import config
from leerkring.summary import surrogates
from leerkring.summary.build import build_summaries
from leerkring.summary.redact import Redactor
from leerkring.summary.surrogates import Surrogates
from leerkring.workspace import Workspace

KEY = bytes(range(32))
TAG = re.compile(r"\[PERSOON(?:-\d+)?\]")


def test_the_same_tag_gets_the_same_name_and_different_tags_different_names():
    s = Surrogates(KEY, "organisatie/wijkteam-noord/2026Q4")
    text = s.text("[PERSOON-1] belde [PERSOON-2]; later zag [PERSOON-1] ook [PERSOON] en [TELEFOON-1].")
    one, two, member = s.mapping["[PERSOON-1]"], s.mapping["[PERSOON-2]"], s.mapping["[PERSOON]"]
    assert text == f"{one} belde {two}; later zag {one} ook {member} en [TELEFOON-1]."
    assert len({one, two, member}) == 3
    first, last = surrogates.names()
    for name in (one, two, member):
        assert any(name == f"{f} {n}" for f in first for n in last), name
    # the same summary gives the same names again (another run); another summary or key others
    again = Surrogates(KEY, "organisatie/wijkteam-noord/2026Q4")
    assert again.text("[PERSOON-2] en [PERSOON-1]") == f"{two} en {one}"
    elsewhere = [Surrogates(KEY, f"organisatie/wijkteam-{n}/2026Q4").name_for("[PERSOON-1]") for n in range(20)]
    assert len(set(elsewhere)) > 1
    other_key = [Surrogates(bytes(32), f"organisatie/wijkteam-{n}/2026Q4").name_for("[PERSOON-1]") for n in range(20)]
    assert other_key != elsewhere


def test_names_of_the_workspace_s_people_are_never_used():
    first, last = surrogates.names()
    avoid = [f"{f} Jansen" for f in first[:-1]]  # every first name but the last is someone's
    s = Surrogates(KEY, "organisatie/x/alles", avoid)
    names = {s.name_for(f"[PERSOON-{n}]") for n in range(1, 30)}
    assert all(n.split()[0] == first[-1] for n in names)
    assert not any("Jansen" in n for n in names)
    assert len(names) == 29


def test_more_tags_than_names_still_differ():
    s = Surrogates(KEY, "organisatie/x/alles")
    first, last = surrogates.names()
    count = len(first) * len(last) + 3
    assert len({s.name_for(f"[PERSOON-{n}]") for n in range(count)}) == count


def _with_tags(store):
    """Released organisation texts with person tags, and a kring text with them."""
    kring = store.kring("Wijkteam Noord")
    session = store.add_session(kring.id, "2026-11-16", "teamreflectie", "Met namen")
    for text, visibility in (
        ("[PERSOON-1] vertelde dat [PERSOON-2] hulp kreeg van [PERSOON-1]s buurvrouw.", "organisatie"),
        ("Les: [PERSOON-1] en [PERSOON-3] werkten samen.", "organisatie"),
        ("Alleen de kring: [PERSOON-1] was er.", "kring"),
    ):
        store.add_entry(session.id, "ervaringen", "inzicht", text, author="Anna Coach", visibility=visibility)
    for item in store.pending_releases():
        store.release(item.id, "Anna Coach")


def test_organisation_summaries_get_surrogates_and_kring_summaries_keep_the_tags(store, tmp_path):
    from test_summary_fixture import populate

    populate(store)
    _with_tags(store)
    names = store.person_names()
    ws = Workspace(tmp_path, config.Settings(name="Gemeente Test", surrogates=True), store)

    def build():
        return build_summaries(ws, "all", "2026", "both", redactor=Redactor(names, scrubber=lambda t, **_: _Plain(t)))

    docs = {s.target: s.data for s in build()}
    org = docs["organisatie/wijkteam-noord"]
    texts = [i["text"] for i in org["shared_entries"] + org["lessons"]]
    assert texts and not any(TAG.search(t) for t in texts)
    assert org["surrogates"] is True
    shared = next(t for t in texts if "vertelde dat" in t)
    lesson = next(t for t in texts if t.startswith("Les:"))
    first = shared.split(" vertelde")[0]
    assert shared.count(first) == 2 and lesson.startswith(f"Les: {first} en ")  # [PERSOON-1] alike everywhere
    assert not any(part in " ".join(texts) for name in names for part in name.split() if len(part) > 3)
    kring = docs["kring/wijkteam-noord"]
    assert "surrogates" not in kring
    kring_texts = " ".join(i["text"] for key in ("shared_entries", "lessons") for i in kring[key])
    assert "[PERSOON-1]" in kring_texts
    # the key lives in the workspace's database, so another run gives the same names
    assert {s.target: s.data for s in build()}["organisatie/wijkteam-noord"]["lessons"] == org["lessons"]
    assert surrogates.workspace_key(store) == surrogates.workspace_key(store)

    from leerkring.summary.render import sections

    intro = dict(sections(org))["intro"]
    assert "De namen in de teksten zijn verzonnen" in intro and "vrijgegeven" in intro


def test_without_the_setting_the_tags_stay(store, tmp_path):
    from test_summary_fixture import populate

    populate(store)
    _with_tags(store)
    ws = Workspace(tmp_path, config.Settings(name="Gemeente Test"), store)
    docs = build_summaries(
        ws, "all", "2026", "organisatie", redactor=Redactor(store.person_names(), scrubber=lambda t, **_: _Plain(t))
    )
    org = next(s.data for s in docs if s.slug == "wijkteam-noord")
    assert any("[PERSOON-1]" in i["text"] for i in org["shared_entries"])
    assert "surrogates" not in org


class _Plain:
    """A scrubber result that changes nothing (the texts here already hold tags)."""

    def __init__(self, text):
        self.text = text
