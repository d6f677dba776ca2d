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

from sqlalchemy import and_, case, distinct, func, select, true

from leerkring.store import schema
from leerkring.store.entries import visibility_clause
from leerkring.store.viewer import Viewer

ALL_KRINGEN = None  # the kring-id key of the figures over all kringen together (the roll-up's)

E, S, A = schema.entry.c, schema.session.c, schema.attendance.c
RL = schema.text_release.c


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
    return and_(*clause, *date_clause(period))


def date_clause(period):
    """The clauses that keep sessions in ``period`` (on the session table)."""
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


def collect(store, kring_ids: list[int], period, *, rollup: bool) -> Raw:
    raw = Raw(kring_ids=list(kring_ids))
    if not kring_ids:
        return raw
    ids = sorted(kring_ids)
    in_kring_session = and_(S.kring_id.in_(ids), *date_clause(period))
    where = _entry_base(ids, period)
    # The entry aggregates (per kring and for the roll-up) and the per-session figures are the heavy
    # part: they run on two worker threads, each with its own read connection, while this thread reads
    # sessions, actions, signals and evaluations. The database does the work (SQLite releases the GIL
    # while it steps), so with two cores the wall time is about that of the largest part, not the sum.
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="leerkring-aggregate")
    jobs = [
        pool.submit(_entry_aggregates, store, raw, where, rollup=rollup),
        pool.submit(_session_aggregates, store, raw, where),
    ]
    try:
        _other_aggregates(store, raw, ids, period, in_kring_session, rollup)
    finally:
        pool.shutdown(wait=True)
    for job in jobs:
        job.result()  # re-raises a worker's error here
    return raw


def _other_aggregates(store, raw: Raw, ids, period, in_kring_session, rollup: bool) -> None:
    with store.read() as conn:
        # -- sessions and attendance ---------------------------------------------------------
        for row in conn.execute(
            select(S.id, S.kring_id, S.date, S.method, S.status).where(in_kring_session).order_by(S.date, S.id)
        ):
            raw.sessions[row.kring_id].append((row.id, row.date, row.method, row.status))
            if rollup:
                raw.sessions[ALL_KRINGEN].append((row.id, row.date, row.method, row.status, row.kring_id))
        att = schema.attendance.join(schema.session, S.id == A.session_id)
        for row in conn.execute(
            select(
                A.session_id, func.count().label("n"), func.sum(func.cast(A.role == "guest", schema.Integer)).label("g")
            )
            .select_from(att)
            .where(in_kring_session)
            .group_by(A.session_id)
        ):
            raw.present[row.session_id] = int(row.n)
            raw.guests_in[row.session_id] = int(row.g or 0)
        groupings = [([S.kring_id], False)] + ([([], True)] if rollup else [])
        for dims, is_rollup in groupings:
            query = select(*dims, func.count(distinct(A.person_id))).select_from(att).where(in_kring_session)
            for row in conn.execute(query.group_by(*dims) if dims else query):
                kid = ALL_KRINGEN if is_rollup else row[0]
                raw.participants[kid] = int(row[-1])
            for row in conn.execute(
                select(*dims, A.role, func.count(distinct(A.person_id)))
                .select_from(att)
                .where(in_kring_session)
                .group_by(*dims, A.role)
            ):
                kid = ALL_KRINGEN if is_rollup else row[0]
                raw.participants_by_role[kid][row[-2]] = int(row[-1])

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
            select(E.author_id)
            .where(E.uid == ac.entry_uid, E.is_current == True)  # noqa: E712
            .limit(1)
            .scalar_subquery()
        )
        visibility = (
            select(E.visibility)
            .where(E.uid == ac.entry_uid, E.is_current == True)  # noqa: E712
            .limit(1)
            .scalar_subquery()
        )
        query = (
            select(
                ac.kring_id,
                ac.status,
                ac.due_date,
                S.date.label("raised"),
                first.c.first_date,
                first.c.reports,
                func.coalesce(ac.owner_id, author).label("who"),
                ac.title,
                ac.entry_uid,
            )
            .select_from(
                schema.action.join(schema.session, S.id == ac.session_id).outerjoin(first, first.c.action_id == ac.id)
            )
            .where(in_kring_session, func.coalesce(visibility, "kring") != "persoonlijk")
            .order_by(S.date, ac.id)
        )
        for row in conn.execute(query):
            raw.actions[row.kring_id].append(row)
            if rollup:
                raw.actions[ALL_KRINGEN].append(row)

        # -- signals (no author; addressed to management) ---------------------------------------
        sg = schema.signal.c
        query = (
            select(
                sg.id,
                sg.kring_id,
                sg.title,
                sg.text,
                sg.status,
                sg.raised_at,
                sg.answered_at,
                S.date.label("session_date"),
                RL.status.label("release"),  # the release review: only "released" reaches the organisation
            )
            .select_from(
                schema.signal.outerjoin(schema.session, S.id == sg.session_id).outerjoin(
                    schema.text_release, RL.signal_id == sg.id
                )
            )
            .where(sg.kring_id.in_(ids))
            .order_by(sg.raised_at, sg.id)
        )
        for row in conn.execute(query):
            day = row.session_date or row.raised_at.date()
            if not period.contains(day):
                continue
            raw.signals[row.kring_id].append(row)
            if rollup:
                raw.signals[ALL_KRINGEN].append(row)
        signal_ids = [r.id for r in raw.signals.get(ALL_KRINGEN, [])] or [
            r.id for rows in raw.signals.values() for r in rows
        ]
        if signal_ids:
            sr = schema.signal_response.c
            for row in conn.execute(
                select(sr.signal_id, sr.text, sr.status, sr.created_at, RL.status.label("release"))
                .select_from(schema.signal_response.outerjoin(schema.text_release, RL.response_id == sr.id))
                .where(sr.signal_id.in_(sorted(set(signal_ids))))
                .order_by(sr.created_at, sr.id)
            ):
                raw.responses[row.signal_id].append(row)

        # -- evaluations (anonymous) -----------------------------------------------------------
        ev = schema.evaluation.c
        ev_source = schema.evaluation.join(schema.session, S.id == ev.session_id)
        ev_month = month_of(conn, S.date).label("month")
        for kring_dims, is_rollup in [([S.kring_id], False)] + ([([], True)] if rollup else []):
            for with_month in (False, True):
                dims = kring_dims + ([ev_month] if with_month else [])
                query = (
                    select(*dims, func.count(), func.avg(ev.free_to_speak), func.avg(ev.useful))
                    .select_from(ev_source)
                    .where(in_kring_session)
                )
                if dims:
                    query = query.group_by(*dims)
                for row in conn.execute(query):
                    kid = ALL_KRINGEN if is_rollup else row[0]
                    n, f, u = int(row[-3]), row[-2], row[-1]
                    if with_month:
                        raw.evaluations_by_month[kid][row[-4]] = (n, f, u)
                    else:
                        raw.evaluations[kid] = (n, f, u)


def _sql_order(value):
    """SQLite's order for GROUP BY keys (NULL, numbers, text), so dicts keep the order they had."""
    if value is None:
        return (0, 0)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, str(value))


def _by_author(conn, dims, where, source=None):
    """{dims tuple: {author_id: entries}}: one grouped scan from which every (count, distinct
    contributors) pair for coarser groupings follows exactly, per kring and across kringen."""
    source = source if source is not None else schema.entry.join(schema.session, S.id == E.session_id)
    query = (
        select(*dims, E.author_id, func.count().label("n"))
        .select_from(source)
        .where(where)
        .group_by(*dims, E.author_id)
    )
    out: dict = defaultdict(dict)
    width = len(dims)
    for row in conn.execute(query):
        out[tuple(row[:width])][row[width]] = int(row[width + 1])
    return out


def _fold(groups, key):
    """Regroup ``{k: {author: n}}`` by ``key(k)`` into ``{key: (entries, distinct non-null authors)}``
    (what COUNT(*) and COUNT(DISTINCT author_id) give), in SQL group order."""
    acc: dict = {}
    for k, authors in groups.items():
        nk = key(k)
        cell = acc.get(nk)
        if cell is None:
            acc[nk] = cell = [0, set()]
        cell[0] += sum(authors.values())
        cell[1].update(a for a in authors if a is not None)
    return {k: (n, len(who)) for k, (n, who) in sorted(acc.items(), key=lambda kv: [_sql_order(x) for x in kv[0]])}


def _merge(groups, key):
    """Merge ``{k: {author: n}}`` into coarser keys ``key(k)``, keeping the per-author counts."""
    out: dict = defaultdict(dict)
    for k, authors in groups.items():
        cell = out[key(k)]
        for author, n in authors.items():
            cell[author] = cell.get(author, 0) + n
    return out


def _entry_aggregates(store, raw: Raw, where, *, rollup: bool) -> None:
    """Leer-mix, kinds, months, sources, invitations and values, per kring and (rollup) for all kringen
    together: three grouped scans by author instead of one scan per figure and per level."""
    with store.read() as conn:

        def spread(groups, fn, key=lambda k: k):
            """fn(kring id or ALL_KRINGEN, rest of the key, (n, c)); key(k) starts with the kring id."""
            for k, value in _fold(groups, key).items():
                fn(k[0], k[1:], value)
            if rollup:
                for k, value in _fold(groups, lambda k: key(k)[1:]).items():
                    fn(ALL_KRINGEN, k, value)

        def put_total(kid, _rest, value):
            raw.entries_total[kid] = value

        # one scan for the kinds and, for the two kinds that carry one, the value in ``extra``
        # (stille kennis: the source's role; uitnodiging: who to invite)
        extra = case(
            (E.kind == "stille_kennis", E.extra["source_role"].as_string()),
            (E.kind == "uitnodiging", E.extra["invitee_kind"].as_string()),
            else_=None,
        ).label("v")
        detailed = _by_author(conn, [E.kring_id, E.principle, E.kind, extra], where)
        kinds = _merge(detailed, lambda k: k[:3])
        spread(kinds, put_total, key=lambda k: k[:1])
        if rollup:
            raw.entries_total.setdefault(ALL_KRINGEN, (0, 0))  # like COUNT(*) without GROUP BY: always one row
        spread(kinds, lambda kid, rest, v: raw.by_principle[kid].__setitem__(rest[0], v), key=lambda k: k[:2])
        spread(kinds, lambda kid, rest, v: raw.by_kind[kid].__setitem__(rest, v))
        month = month_of(conn, S.date).label("month")
        spread(
            _by_author(conn, [E.kring_id, month, E.principle], where),
            lambda kid, rest, v: raw.by_month[kid].__setitem__(rest, v),
        )
        for target, kind in ((raw.sources, "stille_kennis"), (raw.invitations, "uitnodiging")):
            values = _merge({k: v for k, v in detailed.items() if k[2] == kind}, lambda k: (k[0], k[3]))
            spread(values, lambda kid, rest, v, target=target: target[kid].__setitem__(rest[-1] or "onbekend", v))
        spread(_tag_groups(conn, where), lambda kid, rest, v: raw.values[kid].__setitem__(rest[-1], v))


def _tag_groups(conn, where):
    """{(kring id, tag): {author: n}} for the tags of spanningen entries, unnested in SQL."""
    if conn.dialect.name == "postgresql":
        tags = func.json_array_elements_text(E.tags).table_valued("value").alias("t")
    else:
        tags = func.json_each(E.tags).table_valued("value").alias("t")
    source = schema.entry.join(schema.session, S.id == E.session_id).join(tags, true())
    return _by_author(conn, [E.kring_id, tags.c.value], and_(where, E.principle == "spanningen"), source)


def _session_aggregates(store, raw: Raw, where) -> None:
    """Per session: entries per principle, and distinct contributors."""
    with store.read() as conn:
        for key, value in _grouped(conn, [E.session_id, E.principle], where).items():
            raw.per_session[key[0]][key[1]] = value
        for key, (_n, c) in _grouped(conn, [E.session_id], where).items():
            raw.session_contributors[key[0]] = c


def today() -> dt.date:
    return dt.date.today()


__all__ = ["Raw", "collect", "ALL_KRINGEN"]
