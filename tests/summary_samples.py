"""Synthetic organisation summaries (schema version 1) for the dashboard's tests and benchmark.

Real summaries come from ``leerkring summarize``; these have the same shape with made-up numbers, so the
dashboard can be exercised at any size (10 or 5,000 sessions of history) without a database. Test data,
not part of the package: the tests import it as ``summary_samples`` (``tests/`` is on their path), the
benchmark puts ``tests/`` on its path.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

PRINCIPLES = [
    ("ervaringen", 1, "Leren vanuit ervaringen"),
    ("onzekerheid", 2, "Benutten van onzekerheid"),
    ("inductief", 3, "Inductieve kennisontwikkeling"),
    ("spanningen", 4, "Benutten van spanningen en conflicten"),
    ("grenzen", 5, "Grensoverschrijdend leren"),
    ("actieleren", 6, "Discursieve betekenisgeving en actieleren"),
    ("trialoog", 7, "Trialogische kenniscreatie"),
]
METHODS = [
    ("teamreflectie", "Teamreflectie"),
    ("incidentmethode", "Incidentmethode"),
    ("moreel_beraad", "Moreel beraad"),
    ("actieleren_terugblik", "Actieleren-terugblik"),
]
SUPPRESSED = {"suppressed": True, "reason": "minder dan 3 bijdragers"}


def _months(end: dt.date, n: int) -> list[str]:
    out, y, m = [], end.year, end.month
    for _ in range(n):
        out.append(f"{y:04d}-{m:02d}")
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return out[::-1]


def summary(
    slug: str,
    name: str,
    *,
    sessions: int = 10,
    period: str = "alles",
    kringen: list[tuple[str, str]] | None = None,
    shared_entries: list[str] = (),
    lessons: list[str] = (),
    signals_open: list[str] = (),
    k: int = 3,
    seed: int = 1,
    end: dt.date = dt.date(2026, 11, 30),
) -> dict:
    rnd = random.Random(seed)
    rollup = kringen is not None
    n_months = max(1, min(sessions // 2, 240))
    months = _months(end, n_months)
    per_month = [sessions // n_months + (1 if i < sessions % n_months else 0) for i in range(n_months)]
    items = []
    for month, count in zip(months, per_month):
        for i in range(count):
            method = METHODS[rnd.randrange(len(METHODS))]
            items.append(
                {
                    "date": f"{month}-{min(28, 1 + i * 2):02d}",
                    "method": method[0],
                    "method_label": method[1],
                    "status": "closed",
                    "present": rnd.randint(4, 9),
                    "principles": {p[0]: rnd.randint(0, 6) for p in PRINCIPLES}
                    if rnd.random() > 0.1
                    else dict(SUPPRESSED),
                    **({"kring": kringen[rnd.randrange(len(kringen))][0]} if rollup and kringen else {}),
                }
            )

    def month_mix(m):
        return {p[0]: (rnd.randint(0, 12) if (m + i) % 11 else dict(SUPPRESSED)) for i, p in enumerate(PRINCIPLES)}

    evaluation_months = []
    for i, month in enumerate(months):
        if i % 5 == 3:
            evaluation_months.append(
                {
                    "month": month,
                    "count": dict(SUPPRESSED),
                    "free_to_speak": dict(SUPPRESSED),
                    "useful": dict(SUPPRESSED),
                }
            )
        else:
            evaluation_months.append(
                {
                    "month": month,
                    "count": rnd.randint(3, 12),
                    "free_to_speak": round(rnd.uniform(3.0, 4.8), 2),
                    "useful": round(rnd.uniform(2.8, 4.7), 2),
                }
            )
    total_entries = sessions * 9
    signal_items = [
        {
            "kring": slug if not rollup else kringen[0][0],
            "title": t,
            "text": "Graag een reactie van het management.",
            "status": "open",
            "raised": "2026-10-01",
            "answered": None,
            "days_to_answer": None,
        }
        for t in signals_open
    ]
    signal_items.append(
        {
            "kring": slug if not rollup else kringen[0][0],
            "title": "Registratiesysteem telt groepswerk niet",
            "status": "answered",
            "raised": "2026-09-02",
            "answered": "2026-09-20",
            "days_to_answer": 18,
            "responses": [
                {"text": "We nemen het mee in het overleg met de gemeente.", "status": "answered", "date": "2026-09-20"}
            ],
        }
    )
    doc = {
        "schema_version": 1,
        "generator": {"name": "leerkring", "version": "0.1.0"},
        "generated_at": "2026-12-01T09:00:00+00:00",
        "audience": "organisatie",
        "scope": {
            "type": "organisatie" if rollup else "kring",
            "slug": slug,
            "name": name,
            "kringen": len(kringen) if rollup else 1,
        },
        "period": {
            "label": "alles" if period == "alles" else period,
            "file_stem": period,
            "kind": "all" if period == "alles" else "quarter",
            "start": None if period == "alles" else "2026-10-01",
            "end": end.isoformat(),
        },
        "min_group_size": k,
        "suppression_applied": True,
        "empty": sessions == 0,
        "message": None if sessions else "Geen sessies in deze periode.",
        "sessions": {
            "count": sessions,
            "closed": sessions,
            "by_method": [{"key": m[0], "label": m[1], "count": sessions // len(METHODS)} for m in METHODS],
            "by_month": [{"month": m, "sessions": c} for m, c in zip(months, per_month)],
            "attendance": {
                "participants": 6 * (len(kringen) if rollup else 1),
                "mean_per_session": 6.4,
                "by_role": {
                    "coach": dict(SUPPRESSED),
                    "member": 5 * (len(kringen) if rollup else 1),
                    "guest": dict(SUPPRESSED),
                },
            },
            "items": items,
        },
        "leermix": {
            "total_entries": total_entries,
            "contributors": 6,
            "principles": [
                {
                    "key": p[0],
                    "number": p[1],
                    "name": p[2],
                    "entries": total_entries // 7 + i,
                    "sessions": max(0, sessions - i),
                    "kinds": [],
                }
                for i, p in enumerate(PRINCIPLES)
            ],
            "by_month": [{"month": m, "principles": month_mix(i)} for i, m in enumerate(months)],
        },
        "actions": {
            "raised": 24,
            "reported": 17,
            "done": 9,
            "dropped": 3,
            "continued": 5,
            "open": 12,
            "overdue": 4,
            "days_to_first_report": {"n": 17, "median": 21.0, "mean": 24.5, "max": 63.0},
        },
        "tensions": {
            "entries": 14,
            "shared_frames": 5,
            "values": [
                {"key": "vertrouwen", "label": "vertrouwen", "count": 6},
                {"key": "rechtsgelijkheid", "label": "rechtsgelijkheid", "count": dict(SUPPRESSED)},
            ],
        },
        "boundary": {
            "sessions_with_guests": 4,
            "guests": dict(SUPPRESSED),
            "sources": [],
            "invitations": [],
            "systeemkwesties": 7,
        },
        "trialogue": {"kennis": 31, "gevoel": 18, "contact": dict(SUPPRESSED)},
        "signals": {
            "raised": len(signal_items),
            "open": len(signals_open),
            "answered": 1,
            "closed": 0,
            "days_to_answer": {"n": 1, "median": 18.0, "mean": 18.0, "max": 18.0},
            "open_days_max": 60.0 if signals_open else None,
            "items": signal_items,
        },
        "evaluations": {"count": 40, "free_to_speak": 4.1, "useful": 3.9, "by_month": evaluation_months},
        "shared_entries": [
            {
                "text": t,
                "date": "2026-10-14",
                "kring": slug if not rollup else kringen[0][0],
                "principle": "ervaringen",
                "kind": "inzicht",
                "tags": ["vertrouwen"],
            }
            for t in shared_entries
        ],
        "lessons": [
            {
                "text": t,
                "date": "2026-11-04",
                "kring": slug if not rollup else kringen[0][0],
                "principle": "actieleren",
                "kind": "les",
            }
            for t in lessons
        ],
        "charts": [],
    }
    if rollup:
        doc["kringen"] = [
            {
                "slug": s,
                "name": n,
                "sessions": sessions // len(kringen),
                "entries": total_entries // len(kringen),
                "principles_with_attention": 6,
                "actions_raised": 8,
                "signals_open": len(signals_open),
                "summary": f"{s}/{period}.json",
            }
            for s, n in kringen
        ]
    return doc


def write_organisation(
    summaries_dir: str | Path,
    kringen: list[tuple[str, str]],
    *,
    sessions: int = 10,
    periods: tuple[str, ...] = ("alles", "2026Q4"),
    **texts,
) -> Path:
    """Write ``<summaries>/organisatie/{_organisatie,<kring>}/<period>.json``; returns the organisatie folder."""
    root = Path(summaries_dir) / "organisatie"
    for period in periods:
        docs = {
            "_organisatie": summary(
                "_organisatie", "Alle kringen", sessions=sessions, period=period, kringen=kringen, **texts
            )
        }
        for i, (slug, name) in enumerate(kringen):
            docs[slug] = summary(
                slug, name, sessions=max(1, sessions // len(kringen)), period=period, seed=i + 2, **texts
            )
        for scope, doc in docs.items():
            (root / scope).mkdir(parents=True, exist_ok=True)
            (root / scope / f"{period}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return root
