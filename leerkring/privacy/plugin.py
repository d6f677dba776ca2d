"""leerkring's own privacy rules, registered as a default plugin through the same hooks an
organisation uses to add its own client-number formats or keep-words (see ``docs/plugins.md``)."""

from __future__ import annotations

from leerkring import hookimpl


@hookimpl
def pii_detectors():
    from leerkring.privacy.detectors import DETECTORS

    return DETECTORS


@hookimpl
def pii_types():
    from leerkring.privacy.model import TYPES

    return TYPES


@hookimpl
def keep_words():
    from leerkring.privacy.keep import KEEP_PHRASES, KEEP_WORDS

    return (*sorted(KEEP_WORDS), *KEEP_PHRASES)
