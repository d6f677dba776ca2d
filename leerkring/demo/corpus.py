"""Fictitious demo corpus for ``leerkring demo``.

Everything in this module is invented: the organisation ("Sociale Wijkteams Dordrecht-Zuid"), its
teams, staff, guests, clients and partner organisations. Real town and neighbourhood names are used
only as setting. The texts are Dutch because the product's user-facing content is Dutch.

The corpus is data: ``data/organisation.toml`` (the organisation, its managers, the anonymous
evaluation remarks, the moreel beraad cases and the order of the kringen) and one file per kring
(``data/<kring>.toml``: the team, its session titles, contributions, actions and signals). This module
reads them once, with the standard library's ``tomllib``, into the plain structures the generator
consumes. Order in the files matters: the generator draws from these lists with a seeded random
generator, so the same seed gives the same workspace. Structure:

``KRINGEN``
    A list of three learning circles (``kring_index`` 0, 1, 2). Each is a dict with ``name``,
    ``description`` (one Dutch sentence), ``focus`` (the team's theme), ``members`` (6-8 dicts
    ``{"name", "role": "coach" | "member", "discipline"}``, exactly one coach) and ``guests``
    (dicts ``{"name", "role": "guest", "kind", "organisation"}``).
``MANAGERS``
    Two dicts ``{"name", "role": "manager", "function"}``: a teamleider and a manager sociaal domein.
``TEXTS``
    ``TEXTS[kring_index][principle_key][entry_kind]`` is a list of contributions fitting that team's
    focus. Most are plain ``str``; a few kinds carry metadata as dicts:

    * ``stille_kennis``: ``{"text", "source_role"}`` (professional, bewoner, vrijwilliger, partner)
    * ``perspectief``: ``{"text", "position"}`` (a short label such as "hulpverlenen")
    * ``waarden``: ``{"text", "values"}`` (keys from ``data/vocabularies.toml``, e.g. ``eigen_regie``)
    * ``systeemkwestie``: ``{"text", "level"}`` (management, registratie, gemeente, partner)
    * ``uitnodiging``: ``{"text", "invitee_kind"}`` (vrijwilliger, bewoner, partner, management,
      gemeente)

    A few ``ervaring`` texts deliberately contain invented client personal data (a name, a street
    and house number, a 06-number, an e-mail address): the slips the product must pseudonymise.
``ACTIONS``
    ``ACTIONS[kring_index]`` is a list of dicts ``{"title", "effect", "lesson", "drop_reason"}``;
    the generator decides which actions end done, dropped or open.
``SIGNALS``
    ``SIGNALS[kring_index]`` is a list of dicts ``{"title", "text", "response"}``; ``response`` is a
    manager's answer or ``None`` (still open; TOML has no null, so the file leaves ``response`` out).
``EVALUATION_REMARKS``
    Short anonymous remarks after a session.
``SESSION_TOPICS``
    ``SESSION_TOPICS[method_key][kring_index]`` is a list of session titles (``[topics]`` in each
    kring's file; every kring lists the same methods in the same order).
``DILEMMAS``
    Cases for the moreel beraad method: ``{"case", "question", "option_a", "option_b"}``.

Every text in the corpus is unique (``tests/test_demo_corpus.py`` checks this).
"""

from __future__ import annotations

import tomllib
from importlib import resources


def _read(name: str) -> dict:
    return tomllib.loads(resources.files(__package__).joinpath("data", f"{name}.toml").read_text("utf-8"))


def _kring(data: dict) -> dict:
    return {key: data[key] for key in ("name", "description", "focus", "members", "guests")}


def _signal(data: dict) -> dict:
    return {"title": data["title"], "text": data["text"], "response": data.get("response")}


def _session_topics(kringen: list[dict]) -> dict[str, list[list[str]]]:
    methods = list(kringen[0]["topics"])
    for data in kringen:
        if list(data["topics"]) != methods:
            raise ValueError(f"demo corpus: {data['name']} lists other session methods than {methods}")
    return {method: [data["topics"][method] for data in kringen] for method in methods}


_organisation = _read("organisation")
_kringen = [_read(name) for name in _organisation["kringen"]]

ORGANISATION: str = _organisation["name"]
KRINGEN: list[dict] = [_kring(data) for data in _kringen]
MANAGERS: list[dict] = _organisation["managers"]
TEXTS: list[dict[str, dict[str, list]]] = [data["texts"] for data in _kringen]
ACTIONS: list[list[dict[str, str]]] = [data["actions"] for data in _kringen]
SIGNALS: list[list[dict]] = [[_signal(s) for s in data["signals"]] for data in _kringen]
EVALUATION_REMARKS: list[str] = _organisation["evaluation_remarks"]
SESSION_TOPICS: dict[str, list[list[str]]] = _session_topics(_kringen)
DILEMMAS: list[dict[str, str]] = _organisation["dilemmas"]
