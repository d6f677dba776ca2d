"""SQL aggregates for summaries: every figure is computed in the database with GROUP BY.

``collect()`` runs a fixed set of grouped queries for all requested kringen at once (and once more
without the kring for the organisation-wide roll-up), so the cost does not grow with the number of
kringen, and no entry is ever loaded into Python as an object. Counts include only entries visible to
the kring summary (visibility ``kring`` or ``organisatie``, current revision): personal entries are not
counted anywhere. Texts are fetched separately, limited per kring, by :mod:`leerkring.summary.texts`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, distinct, func, select, true

from leerkring.store import schema
from leerkring.store.entries import visibility_clause
from leerkring.store.viewer import Viewer

ROLLUP = None  # the key used for the organisation-wide figures

E, S, A = schema.entry.c, schema.session.c, schema.attendance.c


def month_of(conn, column):
    if conn.dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


@dataclass
class Raw:
    """Everything a summary needs, keyed by kring id (``None``: all kringen together)."""

    kring_ids: list[int]
    sessions: dict = field(default_factory=lambda: defaultdict(list))  # kid -> [(id, date, method, status)]
    present: dict = field(default_factory=dict)  # session id -> people present
    guests_in: dict = field(default_factory=dict)  # session id -> guests present
    participants: dict = field(default_factory=dict)  # kid -> distinct people present
    participants_by_role: dict = field(default_factory=lambda: defaultdict(dict))  # kid -> role -> distinct
    entries_total: dict = field(default_factory=dict)  # kid -> (n, contributors)
    by_principle: dict = field(default_factory=lambda: defaultdict(dict))  # kid -> principle -> (n, c)
    by_kind: dict = field(default_factory=lambda: defaultdict(dict))  # kid -> (principle, kind) -> (n, c)
    by_month: dict = field(default_factory=lambda: defaultdict(dict))  # kid -> (month, principle) -> (n, c)
    per_session: dict = field(default_factory=lambda: defaultdict(dict))  # sid -> principle -> (n, c)
    session_contributors: dict = field(default_factory=dict)  # sid -> distinct contributors
    values: dict = field(default_factory=lambda: defaultdict(dict))  # kid -> tag -> (n, c)
    sources: dict = field(default_factory=lambda: defaultdict(dict))  # kid -> source role -> (n, c)
    invitations: dict = field(default_factory=lambda: defaultdict(dict))  # kid -> invitee kind -> (n, c)
    actions: dict = field(default_factory=lambda: defaultdict(list))  # kid -> [ActionRow]
    signals: dict = field(default_factory=lambda: defaultdict(list))  # kid -> [signal rows]
    evaluations: dict = field(default_factory=dict)  # kid -> (n, mean free, mean useful)
    evaluations_by_month: dict = field(default_factory=lambda: defaultdict(dict))  # kid -> month -> (n, f, u)
    responses: dict = field(default_factory=lambda: defaultdict(list))  # signal id -> [response rows]


def _entry_base(kring_ids, period):
    clause = [E.is_current == True, visibility_clause(Viewer.kring_summary(kring_ids))]  # noqa: E712
    return and_(*clause, *_date_clause(period))


def _date_clause(period):
    out = [S.date <= period.end]
    if period.start is not None:
        out.append(S.date >= period.start)
    return out


def _grouped(conn, dims, where, *, join_session=True):
    """{dims tuple: (count, distinct contributors)} for current kring-visible entries."""
    source = schema.entry.join(schema.session, S.id == E.session_id) if join_session else schema.entry
    query = (
        select(*dims, func.count().label("n"), func.count(distinct(E.author_id)).label("c"))
        .select_from(source)
        .where(where)
    )
    if dims:
        query = query.group_by(*dims)
    out = {}
    for row in conn.execute(query):
        key = tuple(row[: len(dims)])
        out[key] = (int(row.n), int(row.c))
    return out


def _tag_values(conn, where, with_kring: bool):
    """Tags of spanningen entries, unnested in SQL (json_each / json_array_elements_text)."""
    if conn.dialect.name == "postgresql":
        tags = func.json_array_elements_text(E.tags).table_valued("value").alias("t")
    else:
        tags = func.json_each(E.tags).table_valued("value").alias("t")
    dims = ([E.kring_id] if with_kring else []) + [tags.c.value]
    query = (
        select(*dims, func.count().label("n"), func.count(distinct(E.author_id)).label("c"))
        .select_from(schema.entry.join(schema.session, S.id == E.session_id).join(tags, true()))
        .where(where, E.principle == "spanningen")
        .group_by(*dims)
    )
    return [tuple(r) for r in conn.execute(query)]


def collect(store, kring_ids: list[int], period, *, rollup: bool) -> Raw:
    raw = Raw(kring_ids=list(kring_ids))
    if not kring_ids:
        return raw
    ids = sorted(kring_ids)
    in_kring_session = and_(S.kring_id.in_(ids), *_date_clause(period))
    where = _entry_base(ids, period)
    with store.read() as conn:
        # -- sessions and attendance ---------------------------------------------------------
        for row in conn.execute(
            select(S.id, S.kring_id, S.date, S.method, S.status).where(in_kring_session).order_by(S.date, S.id)
        ):
            raw.sessions[row.kring_id].append((row.id, row.date, row.method, row.status))
            if rollup:
                raw.sessions[ROLLUP].append((row.id, row.date, row.method, row.status, row.kring_id))
        att = schema.attendance.join(schema.session, S.id == A.session_id)
        for row in conn.execute(
            select(A.session_id, func.count().label("n"),
                   func.sum(func.cast(A.role == "guest", schema.Integer)).label("g"))
            .select_from(att).where(in_kring_session).group_by(A.session_id)
        ):
            raw.present[row.session_id] = int(row.n)
            raw.guests_in[row.session_id] = int(row.g or 0)
        groupings = [([S.kring_id], False)] + ([([], True)] if rollup else [])
        for dims, is_rollup in groupings:
            query = select(*dims, func.count(distinct(A.person_id))).select_from(att).where(in_kring_session)
            for row in conn.execute(query.group_by(*dims) if dims else query):
                kid = ROLLUP if is_rollup else row[0]
                raw.participants[kid] = int(row[-1])
            for row in conn.execute(
                select(*dims, A.role, func.count(distinct(A.person_id))).select_from(att)
                .where(in_kring_session).group_by(*dims, A.role)
            ):
                kid = ROLLUP if is_rollup else row[0]
                raw.participants_by_role[kid][row[-2]] = int(row[-1])

        # -- entries: leer-mix and the kinds under each principle -----------------------------
        month = month_of(conn, S.date).label("month")
        for kring_dims, is_rollup in [([E.kring_id], False)] + ([([], True)] if rollup else []):
            def put(target, key_dims, fn):
                for key, value in _grouped(conn, kring_dims + key_dims, where).items():
                    kid = ROLLUP if is_rollup else key[0]
                    rest = key[len(kring_dims):]
                    fn(target, kid, rest, value)

            put(raw.entries_total, [], lambda t, kid, rest, v: t.__setitem__(kid, v))
            put(raw.by_principle, [E.principle], lambda t, kid, rest, v: t[kid].__setitem__(rest[0], v))
            put(raw.by_kind, [E.principle, E.kind], lambda t, kid, rest, v: t[kid].__setitem__(rest, v))
            put(raw.by_month, [month, E.principle], lambda t, kid, rest, v: t[kid].__setitem__(rest, v))
            extra_dims = (
                (raw.sources, E.extra["source_role"].as_string(), "stille_kennis"),
                (raw.invitations, E.extra["invitee_kind"].as_string(), "uitnodiging"),
            )
            for target, expr, kind in extra_dims:
                label = expr.label("v")
                for key, value in _grouped(conn, kring_dims + [label], and_(where, E.kind == kind)).items():
                    kid = ROLLUP if is_rollup else key[0]
                    target[kid][key[-1] or "onbekend"] = value
            for row in _tag_values(conn, where, with_kring=not is_rollup):
                kid = ROLLUP if is_rollup else row[0]
                raw.values[kid][row[-3]] = (int(row[-2]), int(row[-1]))
        for key, value in _grouped(conn, [E.session_id, E.principle], where).items():
            raw.per_session[key[0]][key[1]] = value
        for key, (_n, c) in _grouped(conn, [E.session_id], where).items():
            raw.session_contributors[key[0]] = c

        # -- the actieleren loop ---------------------------------------------------------------
        upd = schema.action_update.c
        us = schema.session.alias("us")
        first = (
            select(upd.action_id, func.min(us.c.date).label("first_date"), func.count().label("reports"))
            .select_from(schema.action_update.join(us, us.c.id == upd.session_id))
            .group_by(upd.action_id)
            .subquery()
        )
        ac = schema.action.c
        author = (
            select(E.author_id).where(E.uid == ac.entry_uid, E.is_current == True)  # noqa: E712
            .limit(1).scalar_subquery()
        )
        visibility = (
            select(E.visibility).where(E.uid == ac.entry_uid, E.is_current == True)  # noqa: E712
            .limit(1).scalar_subquery()
        )
        query = (
            select(ac.kring_id, ac.status, ac.due_date, S.date.label("raised"), first.c.first_date,
                   first.c.reports, func.coalesce(ac.owner_id, author).label("who"), ac.title, ac.entry_uid)
            .select_from(schema.action.join(schema.session, S.id == ac.session_id)
                         .outerjoin(first, first.c.action_id == ac.id))
            .where(in_kring_session, func.coalesce(visibility, "kring") != "persoonlijk")
            .order_by(S.date, ac.id)
        )
        for row in conn.execute(query):
            raw.actions[row.kring_id].append(row)
            if rollup:
                raw.actions[ROLLUP].append(row)

        # -- signals (no author; addressed to management) ---------------------------------------
        sg = schema.signal.c
        query = (
            select(sg.id, sg.kring_id, sg.title, sg.text, sg.status, sg.raised_at, sg.answered_at,
                   S.date.label("session_date"))
            .select_from(schema.signal.outerjoin(schema.session, S.id == sg.session_id))
            .where(sg.kring_id.in_(ids))
            .order_by(sg.raised_at, sg.id)
        )
        for row in conn.execute(query):
            day = row.session_date or row.raised_at.date()
            if not period.contains(day):
                continue
            raw.signals[row.kring_id].append(row)
            if rollup:
                raw.signals[ROLLUP].append(row)
        signal_ids = [r.id for r in raw.signals.get(ROLLUP, [])] or [
            r.id for rows in raw.signals.values() for r in rows
        ]
        if signal_ids:
            sr = schema.signal_response.c
            for row in conn.execute(
                select(sr.signal_id, sr.text, sr.status, sr.created_at)
                .where(sr.signal_id.in_(sorted(set(signal_ids)))).order_by(sr.created_at, sr.id)
            ):
                raw.responses[row.signal_id].append(row)

        # -- evaluations (anonymous) -----------------------------------------------------------
        ev = schema.evaluation.c
        ev_source = schema.evaluation.join(schema.session, S.id == ev.session_id)
        ev_month = month_of(conn, S.date).label("month")
        for kring_dims, is_rollup in [([S.kring_id], False)] + ([([], True)] if rollup else []):
            for with_month in (False, True):
                dims = kring_dims + ([ev_month] if with_month else [])
                query = select(*dims, func.count(), func.avg(ev.free_to_speak), func.avg(ev.useful)) \
                    .select_from(ev_source).where(in_kring_session)
                if dims:
                    query = query.group_by(*dims)
                for row in conn.execute(query):
                    kid = ROLLUP if is_rollup else row[0]
                    n, f, u = int(row[-3]), row[-2], row[-1]
                    if with_month:
                        raw.evaluations_by_month[kid][row[-4]] = (n, f, u)
                    else:
                        raw.evaluations[kid] = (n, f, u)
    return raw


def today() -> dt.date:
    return dt.date.today()


__all__ = ["Raw", "collect", "ROLLUP"]
