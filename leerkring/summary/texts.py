"""Texts for summaries, fetched per kring with a limit (newest first, ROW_NUMBER in SQL).

Kring audience: what ``Viewer.kring_summary`` sees (kring and organisatie visibility, never
persoonlijk). Organisation audience: only what ``Viewer.organisation`` sees (entries explicitly
shared with the organisation) *and* a coach released (``text_release``, :mod:`leerkring.store.release`):
a revision still waiting, sent back or replaced is never fetched for the organisation. Those texts are
scrubbed again by the caller on the way out.
"""

from __future__ import annotations

from sqlalchemy import and_, exists, func, select

from leerkring.store import schema
from leerkring.store.entries import visibility_clause
from leerkring.store.viewer import Viewer

E, S = schema.entry.c, schema.session.c

# section -> entry kinds (None: every kind except the ones listed under "not")
KRING_SECTIONS = {
    "uncertainties": ("niet_weten", "leervraag"),
    "tensions": ("perspectief", "waarden", "gezamenlijk_kader"),
    "lessons": ("les",),
    "shared_entries": ("inzicht", "nieuw_gedrag", "stille_kennis", "systeemkwestie", "uitnodiging"),
}


def released_clause():
    """Entry revisions a coach released for the organisation (the release review's door)."""
    rl = schema.text_release.c
    return exists().where(rl.entry_id == E.id, rl.status == "released")


def fetch(store, kring_ids, period, viewer: Viewer, kinds=None, exclude_kinds=(), limit: int = 50):
    """{kring_id: (rows newest first up to limit, total)}; rows are tuples
    (kring_id, date, principle, kind, text, tags). For the organisation viewer only released revisions."""
    if not kring_ids:
        return {}
    where = [
        visibility_clause(viewer),
        E.is_current == True,  # noqa: E712
        E.kring_id.in_(sorted(kring_ids)),
        E.text.is_not(None),
        S.date <= period.end,
    ]
    if period.start is not None:
        where.append(S.date >= period.start)
    if viewer.kind == "organisation":
        where.append(released_clause())
    if kinds:
        where.append(E.kind.in_(kinds))
    if exclude_kinds:
        where.append(E.kind.not_in(exclude_kinds))
    rn = func.row_number().over(partition_by=E.kring_id, order_by=(S.date.desc(), E.id.desc())).label("rn")
    inner = (
        select(E.kring_id, S.date, E.principle, E.kind, E.text, E.tags, rn)
        .select_from(schema.entry.join(schema.session, S.id == E.session_id))
        .where(and_(*where))
        .subquery()
    )
    totals = (
        select(E.kring_id, func.count())
        .select_from(schema.entry.join(schema.session, S.id == E.session_id))
        .where(and_(*where))
        .group_by(E.kring_id)
    )
    out: dict[int, tuple[list, int]] = {}
    with store.read() as conn:
        counts = {row[0]: int(row[1]) for row in conn.execute(totals)}
        rows = conn.execute(
            select(inner.c.kring_id, inner.c.date, inner.c.principle, inner.c.kind, inner.c.text, inner.c.tags)
            .where(inner.c.rn <= limit)
            .order_by(inner.c.kring_id, inner.c.rn)
        ).all()
    for kid in kring_ids:
        out[kid] = ([], counts.get(kid, 0))
    for row in rows:
        out[row[0]][0].append(tuple(row))
    return out


def evaluation_remarks(store, kring_ids, period, limit: int = 30):
    """Anonymous evaluation remarks per kring (kring audience only)."""
    ev = schema.evaluation.c
    where = [S.kring_id.in_(sorted(kring_ids)), ev.remark != "", S.date <= period.end]
    if period.start is not None:
        where.append(S.date >= period.start)
    rn = func.row_number().over(partition_by=S.kring_id, order_by=(S.date.desc(), ev.id.desc())).label("rn")
    inner = (
        select(S.kring_id, ev.remark, rn)
        .select_from(schema.evaluation.join(schema.session, S.id == ev.session_id))
        .where(and_(*where))
        .subquery()
    )
    out: dict[int, list[str]] = {kid: [] for kid in kring_ids}
    with store.read() as conn:
        for row in conn.execute(
            select(inner.c.kring_id, inner.c.remark).where(inner.c.rn <= limit).order_by(inner.c.kring_id, inner.c.rn)
        ):
            out[row[0]].append(row[1])
    return out
