"""The store's records on the wire: JSON that round-trips dates, tuples and the record classes.

Used between a kernel's :class:`~leerkring.store.remote.RemoteStore` and the service's
:class:`~leerkring.store.gateway.StoreGateway`. Only the record classes named here are ever built
from a message, so a message cannot make either side construct anything else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from leerkring.store import records
from leerkring.store.viewer import Viewer

RECORDS: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        records.Kring,
        records.Person,
        records.Member,
        records.Session,
        records.Entry,
        records.Saved,
        records.Action,
        records.ActionUpdate,
        records.Signal,
        records.SignalResponse,
        records.Evaluation,
        records.Release,
        records.Case,
        records.Room,
        Viewer,
    )
}


def encode(value: Any) -> Any:
    """A JSON-ready form of ``value`` (records, dates, tuples, sets, dicts with string keys)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {"$tuple": [encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"$set": [encode(v) for v in sorted(value, key=repr)]}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("only string keys can be sent")
        return {"$map": {k: encode(v) for k, v in value.items()}}
    if isinstance(value, dt.datetime):  # before date: a datetime is a date
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    name = type(value).__name__
    if RECORDS.get(name) is type(value):
        return {"$record": name, "fields": {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    raise TypeError(f"cannot send a {name}")


def decode(value: Any) -> Any:
    """The inverse of :func:`encode`; unknown markers raise ``ValueError``."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((marker, inner),) = value.items()
        if marker == "$tuple":
            return tuple(decode(v) for v in inner)
        if marker == "$set":
            return frozenset(decode(v) for v in inner)
        if marker == "$map":
            return {str(k): decode(v) for k, v in inner.items()}
        if marker == "$datetime":
            return dt.datetime.fromisoformat(inner)
        if marker == "$date":
            return dt.date.fromisoformat(inner)
    if set(value) == {"$record", "fields"}:
        cls = RECORDS.get(value["$record"])
        if cls is None:
            raise ValueError(f"unknown record {value['$record']!r}")
        return cls(**{k: decode(v) for k, v in value["fields"].items()})
    raise ValueError("unexpected object in a store message")
