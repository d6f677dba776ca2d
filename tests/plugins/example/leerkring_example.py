"""An example leerkring plugin, as an organisation would write it (see docs/plugins.md).

The tests install it the way pip would (a ``.dist-info`` folder with an ``entry_points.txt`` on the
path) and check that every hook it implements reaches the product.
"""

from __future__ import annotations

import re

from leerkring import hookimpl

# Client numbers of the (fictitious) municipality's own registration system: "KL-2024-00017".
_CLIENT_NUMBER = re.compile(r"(?<![\w-])KL-\d{4}-\d{5}(?![\w-])")


def detect_clientnummer(text):
    from leerkring.privacy.detectors import Candidate

    return [Candidate("clientnummer", m.start(), m.end(), 88) for m in _CLIENT_NUMBER.finditer(text)]


@hookimpl
def pii_detectors():
    return {"clientnummer": detect_clientnummer}


@hookimpl
def pii_types():
    return ["clientnummer"]


@hookimpl
def keep_words():
    # the name of a neighbourhood programme that looks like a person's name to a name detector
    return ["Bram Buurtkracht"]


class ExampleIdentity:
    """Every caller is the (fictitious) account 'voorbeeld'."""

    name = "voorbeeld"

    def identify(self, connection):
        from leerkring.identity import Caller

        return Caller(self.name, "voorbeeld")


@hookimpl
def identity_providers():
    return {ExampleIdentity.name: ExampleIdentity}


@hookimpl
def cli_commands(subparsers):
    p = subparsers.add_parser("voorbeeld", help="een opdracht uit de voorbeeldplugin")
    p.set_defaults(handler=lambda args: print("Hallo uit de voorbeeldplugin.") or 0)
