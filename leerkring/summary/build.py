"""From SQL aggregates to summary documents (plain dicts that follow summary.schema.json)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import and_, func, select

from leerkring.errors import LeerkringError
from leerkring.sections.document import AUDIENCES, ORGANISATIE, ROLE_LABELS, ROLLUP_SLUG
from leerkring.store import schema
from leerkring.store.viewer import Viewer
from leerkring.summary import aggregate, live, texts
from leerkring.summary.aggregate import ALL_KRINGEN
from leerkring.summary.period import Period, parse_period
from leerkring.summary.redact import Redactor
from leerkring.summary.suppression import Suppressor, is_suppressed, suppressed

SCHEMA_VERSION = 1
S = schema.session.c
EMPTY_MESSAGE = "Geen sessies in deze periode."
OPEN_STATES = ("open", "continued")
LIMITS = {
    "session_items": 250,
    "rollup_session_items": 500,
    "texts": 50,
    "org_texts": 30,
    "signals": 100,
    "actions": 100,
}


@dataclass
class Summary:
    audience: str
    slug: str
    name: str
    data: dict

    @property
    def target(self) -> str:
        return f"{self.audience}/{self.slug}"


def _iso(day) -> str | None:
    if day is None:
        return None
    if isinstance(day, dt.datetime):
        return day.date().isoformat()
    return day.isoformat()


def _stats(values: list[float], contributors: int, sup: Suppressor) -> dict:
    if not values:
        return {"n": 0, "median": None, "mean": None, "max": None}
    return {
        "n": sup.count(len(values), contributors),
        "median": sup.measure(statistics.median(values), contributors, 1),
        "mean": sup.measure(statistics.fmean(values), contributors, 1),
        "max": sup.measure(max(values), contributors, 1),
    }


def _as_date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value


def _days(later, earlier) -> float:
    if later.tzinfo is None:
        later = later.replace(tzinfo=dt.UTC)
    if earlier.tzinfo is None:
        earlier = earlier.replace(tzinfo=dt.UTC)
    return round((later - earlier).total_seconds() / 86400, 1)


class Builder:
    """Builds every summary for one run: per kring and audience, and the organisation roll-up."""

    def __init__(
        self,
        ws,
        kring: str | None = "all",
        period: str | Period | None = None,
        audience: str = "both",
        *,
        redactor: Redactor | None = None,
        now: dt.datetime | None = None,
        max_kringen: int | None = None,
    ):
        self.ws = ws
        self.store = ws.store
        self.k = int(ws.settings.min_group_size)
        self.now = now or dt.datetime.now(dt.UTC)
        self.period = period if isinstance(period, Period) else parse_period(period, self.now.date())
        if audience == "both":
            self.audiences = AUDIENCES
        elif audience in AUDIENCES:
            self.audiences = (audience,)
        else:
            raise LeerkringError(f"Onbekend publiek '{audience}'. Kies uit: kring, organisatie, both.")
        self.all_kringen = kring in (None, "", "all", "alle")
        self._check_sessions()
        self.kringen = self.store.kringen() if self.all_kringen else [self.store.kring(kring)]
        self.rollup = self.all_kringen and ORGANISATIE in self.audiences
        self._redactor = redactor
        self.live: dict = {}  # session id -> live.SessionLive, read in build()
        fw = self.store.frameworks
        self.principles = fw.principles
        self.method_labels = {m.key: m.name for m in fw.methods}
        self.values = {}
        for term in fw.values:
            self.values[term.key] = term
            self.values[term.label.lower()] = term
        self.source_roles = {t.key: t.label for t in fw.source_roles}
        self.kind_labels = {k.key: k.label for p in fw.principles for k in p.kinds}

    @property
    def redactor(self) -> Redactor:
        if self._redactor is None:
            self._redactor = Redactor(self.store.person_names())
        return self._redactor

    def _check_sessions(self) -> None:
        with self.store.read() as conn:
            n = conn.execute(select(func.count()).select_from(schema.session)).scalar_one()
        if not n:
            raise LeerkringError(
                "Deze werkruimte heeft nog geen sessies; plan er een met 'leerkring session new' voordat je samenvat."
            )

    # -- the run --------------------------------------------------------------------------------
    def build(self) -> list[Summary]:
        ids = [k.id for k in self.kringen]
        # The texts (and their scrubbing for the organisation, the slowest part of a document) do not
        # depend on the aggregates: fetch and scrub them on a worker thread while collect() runs.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="leerkring-texts") as pool:
            texts_job = pool.submit(self._texts, ids)
            raw = aggregate.collect(self.store, ids, self.period, rollup=self.rollup)
            self.live = live.collect(self.store, and_(S.kring_id.in_(ids), *aggregate.date_clause(self.period)))
            kring_texts, org_texts = texts_job.result()
        out: list[Summary] = []
        for audience in self.audiences:
            for kring in self.kringen:
                data = self._document(
                    raw, kring.id, audience, kring.slug, kring.name, kring_texts if audience == "kring" else org_texts
                )
                out.append(Summary(audience, kring.slug, kring.name, data))
        if self.rollup:
            org_summaries = [s for s in out if s.audience == ORGANISATIE]
            data = self._document(
                raw, ALL_KRINGEN, ORGANISATIE, ROLLUP_SLUG, self.ws.settings.name, org_texts, per_kring=org_summaries
            )
            out.append(Summary(ORGANISATIE, ROLLUP_SLUG, self.ws.settings.name, data))
        if getattr(self.ws.settings, "surrogates", False):
            self._surrogates(out)
        from leerkring.sections import chart_specs, summary_sections

        sections = summary_sections()
        for summary in out:
            summary.data["charts"] = [
                {"id": c.id, "title": c.title, "alt": c.alt} for c in chart_specs(summary.data, sections)
            ]
        return out

    def _surrogates(self, out: list[Summary]) -> None:
        """``[privacy] surrogates``: fictitious names for the person tags of organisation summaries, the
        same within one summary (:mod:`leerkring.summary.surrogates`)."""
        from leerkring.summary import surrogates

        key = surrogates.workspace_key(self.store)
        avoid = self.store.person_names()
        for summary in out:
            if summary.audience == ORGANISATIE:
                artifact = f"{summary.target}/{self.period.stem}"
                surrogates.apply(summary.data, surrogates.Surrogates(key, artifact, avoid))
                summary.data["surrogates"] = True

    def _texts(self, ids):
        """(texts for kring summaries, texts for organisation summaries), each None when not needed.
        Organisation texts are scrubbed here already (the Redactor caches per text, so the documents
        reuse the result; scrubbing is per text, so doing it earlier changes nothing)."""
        kring_texts = org_texts = None
        if "kring" in self.audiences:
            viewer = Viewer.kring_summary(ids)
            kring_texts = {
                section: texts.fetch(self.store, ids, self.period, viewer, kinds, limit=LIMITS["texts"])
                for section, kinds in texts.KRING_SECTIONS.items()
            }
            kring_texts["remarks"] = texts.evaluation_remarks(self.store, ids, self.period)
        if ORGANISATIE in self.audiences:
            viewer = Viewer.organisation()
            org_texts = {
                "shared_entries": texts.fetch(
                    self.store, ids, self.period, viewer, exclude_kinds=("les",), limit=LIMITS["org_texts"]
                ),
                "lessons": texts.fetch(self.store, ids, self.period, viewer, ("les",), limit=LIMITS["org_texts"]),
            }
            for fetched in org_texts.values():
                for rows, _total in fetched.values():
                    for row in rows:
                        self.redactor.text(row[4])
        return kring_texts, org_texts

    # -- one document ---------------------------------------------------------------------------
    def _document(self, raw, kid, audience, slug, name, text_sets, per_kring=None) -> dict:
        from leerkring import __version__

        org = audience == ORGANISATIE
        sup = Suppressor(self.k, enabled=org)
        sessions = raw.sessions.get(kid, [])
        doc = {
            "schema_version": SCHEMA_VERSION,
            "generator": {"name": "leerkring", "version": __version__},
            "generated_at": self.now.isoformat(timespec="seconds"),
            "audience": audience,
            "scope": {
                "type": "organisatie" if kid is ALL_KRINGEN else "kring",
                "slug": slug,
                "name": name,
                "kringen": len(self.kringen) if kid is ALL_KRINGEN else 1,
            },
            "period": self.period.to_json(),
            "min_group_size": self.k,
            "suppression_applied": org,
            "empty": not sessions,
            "message": EMPTY_MESSAGE if not sessions else None,
        }
        doc["sessions"] = self._sessions(raw, kid, sup, sessions)
        doc["live"] = live.figures(self.live, [s[0] for s in sessions], sup)
        doc["leermix"] = self._leermix(raw, kid, sup, sessions)
        doc["actions"] = self._actions(raw, kid, sup, org)
        by_kind = raw.by_kind.get(kid, {})
        if not org:
            doc["uncertainties"] = {
                "niet_weten": sup.count(*by_kind.get(("onzekerheid", "niet_weten"), (0, 0))),
                "leervragen": sup.count(*by_kind.get(("onzekerheid", "leervraag"), (0, 0))),
                "items": self._items(text_sets["uncertainties"], kid)[0],
            }
        doc["tensions"] = self._tensions(raw, kid, sup, org, text_sets)
        doc["boundary"] = self._boundary(raw, kid, sup, sessions)
        trialogue, _ = sup.breakdown({k: by_kind.get(("trialoog", k), (0, 0)) for k in ("kennis", "gevoel", "contact")})
        doc["trialogue"] = trialogue
        doc["signals"] = self._signals(raw, kid, org)
        doc["evaluations"] = self._evaluations(raw, kid, sup, org, text_sets)
        section = "shared_entries"
        doc["shared_entries"], doc["shared_entries_truncated"] = self._items(text_sets[section], kid, org)
        doc["lessons"], doc["lessons_truncated"] = self._items(text_sets["lessons"], kid, org)
        if per_kring is not None:
            doc["kringen"] = [self._kring_row(s) for s in per_kring]
        doc["charts"] = []
        stem = self.period.stem
        doc["files"] = {"ipynb": f"{stem}.ipynb", "html": f"{stem}.html", "json": f"{stem}.json"}
        return doc

    def _sessions(self, raw, kid, sup, sessions) -> dict:
        methods = Counter(s[2] for s in sessions)
        months = Counter(s[1].strftime("%Y-%m") for s in sessions)
        participants = raw.participants.get(kid, 0)
        present = [raw.present.get(s[0], 0) for s in sessions]
        roles, _ = sup.breakdown(
            {r: (n, n) for r, n in sorted(raw.participants_by_role.get(kid, {}).items()) if r != "manager"}
        )
        limit = LIMITS["rollup_session_items"] if kid is ALL_KRINGEN else LIMITS["session_items"]
        items = []
        for s in sessions[-limit:]:
            sid = s[0]
            cells = raw.per_session.get(sid, {})
            if sup.enabled and 0 < raw.session_contributors.get(sid, 0) < self.k:
                principles = suppressed(self.k)
            else:
                principles, _ = sup.breakdown({p: v for p, v in cells.items()})
            item = {
                "date": s[1].isoformat(),
                "method": s[2],
                "method_label": self.method_labels.get(s[2], s[2]),
                "status": s[3],
                "present": sup.count(raw.present.get(sid, 0), raw.present.get(sid, 0)),
                "principles": principles,
            }
            if sid in self.live:
                item["live"] = live.session_item(self.live[sid], sup)
            if kid is ALL_KRINGEN:
                item["kring"] = self._slug(s[4])
            items.append(item)
        return {
            "count": len(sessions),
            "closed": sum(1 for s in sessions if s[3] == "closed"),
            "by_method": [
                {"key": m, "label": self.method_labels.get(m, m), "count": n} for m, n in sorted(methods.items())
            ],
            "by_month": [{"month": m, "sessions": n} for m, n in sorted(months.items())],
            "attendance": {
                "participants": sup.count(participants, participants),
                "mean_per_session": sup.measure(statistics.fmean(present) if present else None, participants, 1),
                "by_role": {ROLE_LABELS.get(r, r): v for r, v in roles.items()},
            },
            "items": items,
            "items_truncated": max(0, len(sessions) - limit),
        }

    def _slug(self, kring_id) -> str:
        for k in self.kringen:
            if k.id == kring_id:
                return k.slug
        return str(kring_id)

    def _leermix(self, raw, kid, sup, sessions) -> dict:
        total = raw.entries_total.get(kid, (0, 0))
        by_p = raw.by_principle.get(kid, {})
        cells, shown_total = sup.breakdown({p.key: by_p.get(p.key, (0, 0)) for p in self.principles}, total)
        by_kind = raw.by_kind.get(kid, {})
        session_ids = {s[0] for s in sessions}
        attention = Counter()
        attention_contrib = {}
        for sid, per in raw.per_session.items():
            if sid in session_ids:
                for p in per:
                    attention[p] += 1
        principles = []
        for p in self.principles:
            kinds, _ = sup.breakdown(
                {k.key: by_kind.get((p.key, k.key), (0, 0)) for k in p.kinds}, by_p.get(p.key, (0, 0))
            )
            n_sessions = attention.get(p.key, 0)
            contributors = by_p.get(p.key, (0, 0))[1]
            attention_contrib[p.key] = contributors
            principles.append(
                {
                    "key": p.key,
                    "number": p.number,
                    "name": p.name,
                    "entries": cells[p.key],
                    "sessions": sup.count(n_sessions, contributors),
                    "kinds": [{"key": k, "label": self.kind_labels.get(k, k), "count": v} for k, v in kinds.items()],
                }
            )
        months = sorted({m for (m, _p) in raw.by_month.get(kid, {})})
        by_month = []
        for m in months:
            row, _ = sup.breakdown({p.key: raw.by_month[kid].get((m, p.key), (0, 0)) for p in self.principles})
            by_month.append({"month": m, "principles": row})
        return {
            "total_entries": shown_total,
            "contributors": sup.count(total[1], total[1]),
            "principles": principles,
            "by_month": by_month,
        }

    def _actions(self, raw, kid, sup, org) -> dict:
        rows = raw.actions.get(kid, [])
        cutoff = min(self.period.end, self.now.date())

        def group(selected):
            return len(selected), len({r.who for r in selected if r.who is not None})

        status_cells = {s: group([r for r in rows if r.status == s]) for s in ("done", "dropped", "continued")}
        statuses, raised = sup.breakdown(status_cells, group(rows))
        reported = [r for r in rows if r.reports]
        open_rows = [r for r in rows if r.status in OPEN_STATES]
        overdue = [r for r in open_rows if r.due_date is not None and _as_date(r.due_date) < cutoff]
        delays = [(_as_date(r.first_date) - _as_date(r.raised)).days for r in reported if r.first_date]
        out = {
            "raised": raised,
            "reported": sup.count(*group(reported)),
            "done": statuses["done"],
            "dropped": statuses["dropped"],
            "continued": statuses["continued"],
            "open": sup.count(*group(open_rows)),
            "overdue": sup.count(*group(overdue)),
            "days_to_first_report": _stats(delays, group(reported)[1], sup),
        }
        if not org:
            out["items"] = [
                {
                    "title": r.title,
                    "status": r.status,
                    "raised": _iso(r.raised),
                    "due": _iso(r.due_date),
                    "overdue": r in overdue,
                    "reports": int(r.reports or 0),
                }
                for r in rows[-LIMITS["actions"] :]
            ]
        return out

    def _tensions(self, raw, kid, sup, org, text_sets) -> dict:
        by_kind = raw.by_kind.get(kid, {})
        values = {}
        for tag, (n, c) in raw.values.get(kid, {}).items():
            term = self.values.get(str(tag).strip().lower()) or self.values.get(str(tag).strip())
            if term is None:
                continue  # free tags never reach a summary; only the vocabulary of values
            prev = values.get(term.key, (0, 0))
            values[term.key] = (prev[0] + n, max(prev[1], c))
        cells, _ = sup.breakdown(values)
        out = {
            "entries": sup.count(*raw.by_principle.get(kid, {}).get("spanningen", (0, 0))),
            "shared_frames": sup.count(*by_kind.get(("spanningen", "gezamenlijk_kader"), (0, 0))),
            "values": [
                {"key": k, "label": self.values[k].label, "count": v}
                for k, v in sorted(cells.items(), key=lambda kv: -(kv[1] if isinstance(kv[1], int) else -1))
            ],
        }
        if not org:
            out["items"] = self._items(text_sets["tensions"], kid)[0]
        return out

    def _boundary(self, raw, kid, sup, sessions) -> dict:
        guests = raw.participants_by_role.get(kid, {}).get("guest", 0)
        with_guests = sum(1 for s in sessions if raw.guests_in.get(s[0], 0))
        sources = {}
        for key, (n, c) in raw.sources.get(kid, {}).items():
            code = key if key in self.source_roles else "overig"
            prev = sources.get(code, (0, 0))
            sources[code] = (prev[0] + n, max(prev[1], c))
        invitations = {}
        for key, (n, c) in raw.invitations.get(kid, {}).items():
            code = self.redactor.code(key) if sup.enabled else (str(key) or "onbekend")
            prev = invitations.get(code, (0, 0))
            invitations[code] = (prev[0] + n, max(prev[1], c))
        src_cells, _ = sup.breakdown(sources)
        inv_cells, _ = sup.breakdown(invitations)
        return {
            "sessions_with_guests": sup.count(with_guests, guests),
            "guests": sup.count(guests, guests),
            "sources": [
                {"key": k, "label": self.source_roles.get(k, "Overig"), "count": v}
                for k, v in sorted(src_cells.items())
            ],
            "invitations": [
                {"key": k, "label": k.replace("_", " ").capitalize(), "count": v} for k, v in sorted(inv_cells.items())
            ],
            "systeemkwesties": sup.count(*raw.by_kind.get(kid, {}).get(("grenzen", "systeemkwestie"), (0, 0))),
        }

    def _signals(self, raw, kid, org) -> dict:
        rows = raw.signals.get(kid, [])
        clean = self.redactor.text if org else (lambda t: t or "")
        end = min(dt.datetime.combine(self.period.end, dt.time.max, dt.UTC), self.now)
        answered = [_days(r.answered_at, r.raised_at) for r in rows if r.answered_at is not None]
        still_open = [_days(end, r.raised_at) for r in rows if r.answered_at is None]
        no_sup = Suppressor(self.k, enabled=False)
        # the organisation gets the texts of released signals and answers only (the release review);
        # the figures above count every signal, as a signal's existence and timing hold no text
        shown = [r for r in rows if r.release == "released"] if org else rows
        items = []
        for r in shown[-LIMITS["signals"] :]:
            item = {
                "title": clean(r.title),
                "text": clean(r.text),
                "status": r.status,
                "raised": _iso(r.raised_at),
                "answered": _iso(r.answered_at),
                "days_to_answer": _days(r.answered_at, r.raised_at) if r.answered_at else None,
                "responses": [
                    {"text": clean(x.text), "status": x.status, "date": _iso(x.created_at)}
                    for x in raw.responses.get(r.id, [])
                    if not org or x.release == "released"
                ],
            }
            if kid is ALL_KRINGEN:
                item["kring"] = self._slug(r.kring_id)
            items.append(item)
        return {
            "raised": len(rows),
            "open": sum(1 for r in rows if r.status == "open"),
            "answered": sum(1 for r in rows if r.status == "answered"),
            "closed": sum(1 for r in rows if r.status == "closed"),
            "days_to_answer": _stats(answered, len(answered), no_sup),
            "open_days_max": max(still_open) if still_open else None,
            "items": items,
            "items_truncated": max(0, len(shown) - LIMITS["signals"]),
        }

    def _evaluations(self, raw, kid, sup, org, text_sets) -> dict:
        n, f, u = raw.evaluations.get(kid, (0, None, None))
        out = {
            "count": sup.count(n, n),
            "free_to_speak": sup.measure(f, n),
            "useful": sup.measure(u, n),
            "by_month": [
                {
                    "month": m,
                    "count": sup.count(mn, mn),
                    "free_to_speak": sup.measure(mf, mn),
                    "useful": sup.measure(mu, mn),
                }
                for m, (mn, mf, mu) in sorted(raw.evaluations_by_month.get(kid, {}).items())
            ],
        }
        if not org and kid is not ALL_KRINGEN:
            out["remarks"] = list(text_sets["remarks"].get(kid, []))
        return out

    def _items(self, fetched, kid, org=False) -> tuple[list[dict], int]:
        if kid is ALL_KRINGEN:
            rows, total = [], 0
            for k in self.kringen:
                r, t = fetched.get(k.id, ([], 0))
                rows.extend(r)
                total += t
            rows.sort(key=lambda r: r[1], reverse=True)
            rows = rows[: LIMITS["org_texts"] * 2]
        else:
            rows, total = fetched.get(kid, ([], 0))
        clean = self.redactor.text if org else (lambda t: t or "")
        known_tags = {t.key for t in self.store.frameworks.values} | {t.key for t in self.store.frameworks.kwesties}
        items = []
        for kring_id, day, principle, kind, text, tags in rows:
            item = {
                "text": clean(text),
                "date": _iso(day),
                "principle": principle,
                "kind": kind,
                "tags": [t for t in (tags or []) if not org or t in known_tags],
            }
            if kid is ALL_KRINGEN:
                item["kring"] = self._slug(kring_id)
            items.append(item)
        return items, max(0, total - len(items))

    def _kring_row(self, summary: Summary) -> dict:
        d = summary.data
        attention = sum(1 for p in d["leermix"]["principles"] if not is_suppressed(p["entries"]) and p["entries"] > 0)
        return {
            "slug": summary.slug,
            "name": summary.name,
            "sessions": d["sessions"]["count"],
            "entries": d["leermix"]["total_entries"],
            "principles_with_attention": attention,
            "actions_raised": d["actions"]["raised"],
            "signals_open": d["signals"]["open"],
            "summary": f"../{summary.slug}/{self.period.stem}.json",
        }


def build_summaries(ws, kring="all", period=None, audience="both", **kwargs) -> list[Summary]:
    """Library entry point: every summary for one run, without a kernel."""
    return Builder(ws, kring, period, audience, **kwargs).build()
