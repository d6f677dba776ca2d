"""The words of the summary document (``leerkring/data/summary.schema.json``), defined once for the code
that writes it (:mod:`leerkring.summary.build`) and the code that reads it (the sections, the dashboard).

Reading is tolerant: a later schema version may add fields and a hand-edited file may lack some, so the
readers go through :func:`as_dict`, :func:`as_list` and :func:`number` instead of indexing blindly.
"""

from __future__ import annotations

#: The two audiences of a summary: the kring itself, and the organisation (management).
KRING = "kring"
ORGANISATIE = "organisatie"
AUDIENCES = (KRING, ORGANISATIE)
#: The slug (folder name) of the organisation-wide roll-up over all kringen.
ROLLUP_SLUG = "_organisatie"
#: How the roles of the people present read in a summary (the JSON keeps these labels).
ROLE_LABELS = {"coach": "leercoach", "member": "teamlid", "guest": "gast", "manager": "management"}
#: How the status of an action or a signal reads.
STATUS_LABELS = {
    "open": "open",
    "continued": "loopt door",
    "done": "klaar",
    "dropped": "gestopt",
    "answered": "beantwoord",
    "closed": "afgesloten",
}


def is_suppressed(value) -> bool:
    """Whether a figure is the suppressed marker ``{"suppressed": true, ...}`` instead of a number."""
    return isinstance(value, dict) and value.get("suppressed") is True


def is_complementary(value) -> bool:
    """Whether a suppressed figure is hidden only so that a small figure beside it cannot be worked out
    by subtraction (it may rest on many contributors; see :mod:`leerkring.summary.suppression`)."""
    return is_suppressed(value) and value.get("complementary") is True


def number(value, default=0):
    """The plain number of a figure; ``default`` for a suppressed marker, null or anything unexpected."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    return value


def show(value, digits: int = 1) -> str:
    """Dutch text for a count or measure: the number, or the marker's reason ('minder dan k bijdragers')."""
    if is_suppressed(value):
        return value.get("reason") or "onderdrukt"
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}".replace(".", ",")
    return str(value)


def as_dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def as_list(value) -> list:
    return value if isinstance(value, list) else []


def is_rollup(doc: dict) -> bool:
    """Whether the document is the roll-up over all kringen."""
    scope = as_dict(doc.get("scope"))
    return scope.get("type") == ORGANISATIE or scope.get("slug") == ROLLUP_SLUG
