"""An entry kind's own fields, built from their declaration in the frameworks (``fields`` on a kind).

Which widget a field gets is looked up by its ``widget`` name in a registry filled through the
``field_widgets`` hook: leerkring's own types (:data:`FIELD_TYPES`, registered by
:mod:`leerkring.widgets.plugin`) and any a plugin adds or replaces. A type is a callable
``build(field, form) -> widget``; it may say with ``clears`` whether a save empties the field (free
input does; a choice such as a dropdown or a date stays for the next entry, like the visibility).

A field's value goes to the entry's ``extra[field.key]`` when it is not empty; see :func:`value`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from leerkring.errors import LeerkringError


class FieldType:
    """A widget type for declared fields: ``make(field, form)`` builds the widget.

    A plain class, not a dataclass: this module loads with the first form of a kernel, and making a
    dataclass costs about a millisecond there.
    """

    __slots__ = ("make", "clears", "empty")

    def __init__(self, make: Callable[[Any, Any], Any], *, clears: bool = False, empty: Any = None):
        self.make = make
        self.clears = clears  # emptied after a save
        self.empty = empty  # the value it is emptied to

    def __call__(self, field, form):
        return self.make(field, form)

    def __repr__(self) -> str:
        return f"FieldType({self.make.__name__}, clears={self.clears})"


def vocabulary(name: str, form) -> list[tuple[str, Any]]:
    """(label, value) options of a vocabulary: a frameworks list (value: key) or the kring's members."""
    if name == "members":
        return [(m.name, m.person_id) for m in form.ctx.members()]
    terms = getattr(form.ctx.ws.store.frameworks, name, None)
    if terms is None:
        raise LeerkringError(f"Onbekende woordenlijst '{name}' bij veld van soort bijdrage.")
    return [(t.label, t.key) for t in terms]


def _text(field, form):
    from leerkring.widgets.base import shared_layout, w

    return w.Text(description=field.label, placeholder=field.placeholder, layout=shared_layout(width="32rem"))


def _textarea(field, form):
    from leerkring.widgets.base import shared_layout, w

    return w.Textarea(
        description=field.label, placeholder=field.placeholder, layout=shared_layout(width="32rem", height="4em")
    )


def _dropdown(field, form):
    from leerkring.widgets.base import w

    return w.Dropdown(options=[("—", None)] + vocabulary(field.vocabulary, form), description=field.label)


def _multiselect(field, form):
    from leerkring.widgets.base import w

    return w.SelectMultiple(options=vocabulary(field.vocabulary, form), description=field.label, rows=5)


def _date(field, form):
    from leerkring.widgets.base import w

    return w.DatePicker(description=field.label)


#: leerkring's own widget types (their names are :data:`leerkring.frameworks.FIELD_WIDGETS`).
FIELD_TYPES: dict[str, FieldType] = {
    "text": FieldType(_text, clears=True, empty=""),
    "textarea": FieldType(_textarea, clears=True, empty=""),
    "dropdown": FieldType(_dropdown),
    "multiselect": FieldType(_multiselect, clears=True, empty=()),
    "date": FieldType(_date),
}


def registry() -> dict[str, Callable]:
    """Every widget type, leerkring's own and the plugins' (a plugin may replace one of ours)."""
    from leerkring import plugins

    return plugins.mapping("field_widgets")


def build(field, form, types: dict | None = None):
    """The widget of one declared field."""
    make = (types if types is not None else registry()).get(field.widget)
    if make is None:
        raise LeerkringError(
            f"Het veld '{field.label}' gebruikt het onbekende veldtype '{field.widget}'; "
            "is de plugin die het levert geïnstalleerd?"
        )
    return make(field, form)


def value(widget):
    """A field widget's value as stored: text stripped, a date as ISO text, a selection as a list;
    None when empty (then nothing is stored)."""
    current = widget.value
    if isinstance(current, str):
        current = current.strip()
    elif isinstance(current, dt.date):
        current = current.isoformat()
    elif isinstance(current, (tuple, list)):
        current = list(current)
    return current if current not in (None, "", []) else None


def clear(widget, make) -> None:
    """Empty a field after a save when its type says so."""
    if getattr(make, "clears", False):
        widget.value = getattr(make, "empty", None)
