"""Benchmark: `leerkring summarize` for the whole organisation against papermill running an empty notebook.

Builds synthetic SQLite workspaces (bulk inserts with SQLAlchemy Core executemany, bypassing the
scrubber) of 50, 500 and 5,000 sessions with 50 entries per session (5,000 sessions: 250,000 entries),
then runs, in the same process and on the same machine:

  anchor: papermill executing an empty notebook (one code cell, same kernel), via papermill's CLI
  ours:   leerkring summarize --all --audience organisatie (one papermill run for all kringen)

alternating anchor and ours (``--repeat`` rounds per size, best of each), so both see the same load
on a shared machine, and prints wall time, the ratio ours/anchor of that size (target <= 2 at 5,000
sessions), the peak RSS of the summarize process tree (sum over the process and its children,
sampled; target <= 600 MB; the largest of the rounds) and the growth from each size to the next.

    .venv/bin/python benchmarks/bench_summary.py [--sizes 50,500,5000] [--audience organisatie]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ENTRIES_PER_SESSION = 50
KINDS = {
    "ervaringen": ["ervaring", "inzicht", "nieuw_gedrag"],
    "onzekerheid": ["niet_weten", "leervraag"],
    "inductief": ["stille_kennis"],
    "spanningen": ["perspectief", "waarden", "gezamenlijk_kader"],
    "grenzen": ["systeemkwestie", "uitnodiging"],
    "actieleren": ["actie", "effect", "les"],
    "trialoog": ["kennis", "gevoel", "contact"],
}
VALUES = ["veiligheid", "eigen_regie", "vertrouwen", "zelfredzaamheid", "privacy"]
TEXTS = [f"Synthetische bijdrage {i}: we bespraken hoe we samen met de wijk verder kunnen." for i in range(200)]


def build(path: Path, sessions: int, seed: int = 7) -> dict:
    from sqlalchemy import insert

    from leerkring.store import schema
    from leerkring.workspace import Workspace

    rng = random.Random(seed)
    ws = Workspace.init(path, "Gemeente Benchmark", scrubber=None)
    n_kringen = max(1, min(20, sessions // 10))
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    t0 = time.perf_counter()
    with ws.store.write() as conn:
        conn.execute(
            insert(schema.kring),
            [
                {
                    "id": k + 1,
                    "slug": f"wijkteam-{k + 1:02d}",
                    "name": f"Wijkteam {k + 1:02d}",
                    "name_key": f"wijkteam {k + 1:02d}",
                    "description": "",
                    "created_at": now,
                }
                for k in range(n_kringen)
            ],
        )
        people, members = [], []
        for k in range(n_kringen):
            for p in range(10):
                pid = k * 10 + p + 1
                people.append(
                    {
                        "id": pid,
                        "name": f"Persoon {pid}",
                        "name_key": f"persoon {pid}",
                        "username": None,
                        "created_at": now,
                    }
                )
                members.append(
                    {
                        "kring_id": k + 1,
                        "person_id": pid,
                        "created_at": now,
                        "role": "coach" if p == 0 else ("guest" if p == 9 else "member"),
                    }
                )
        conn.execute(insert(schema.person), people)
        conn.execute(insert(schema.membership), members)
        per_kring = sessions // n_kringen
        session_rows, attendance, entries, actions, updates, signals, evaluations = [], [], [], [], [], [], []
        sid = eid = aid = 0
        start = dt.date(2026, 11, 1) - dt.timedelta(days=7 * per_kring)
        for k in range(n_kringen):
            for i in range(per_kring):
                sid += 1
                day = start + dt.timedelta(days=7 * i + (k % 5))
                session_rows.append(
                    {
                        "id": sid,
                        "kring_id": k + 1,
                        "date": day,
                        "method": "teamreflectie",
                        "title": "",
                        "status": "closed",
                        "created_at": now,
                        "closed_at": now,
                    }
                )
                present = rng.sample(range(10), rng.randint(5, 9))
                for p in present:
                    attendance.append(
                        {"session_id": sid, "person_id": k * 10 + p + 1, "role": "guest" if p == 9 else "member"}
                    )
                for _ in range(ENTRIES_PER_SESSION):
                    eid += 1
                    principle = rng.choice(list(KINDS))
                    kind = rng.choice(KINDS[principle])
                    roll = rng.random()
                    visibility = "organisatie" if roll < 0.01 else ("persoonlijk" if roll < 0.06 else "kring")
                    extra = (
                        {"invitee_kind": rng.choice(["huisarts", "vrijwilliger", "gemeente"])}
                        if kind == "uitnodiging"
                        else (
                            {"source_role": rng.choice(["bewoner", "professional"])} if kind == "stille_kennis" else {}
                        )
                    )
                    entries.append(
                        {
                            "id": eid,
                            "uid": uuid.uuid4().hex,
                            "revision": 1,
                            "is_current": True,
                            "client_key": None,
                            "session_id": sid,
                            "kring_id": k + 1,
                            "principle": principle,
                            "kind": kind,
                            "step": "",
                            "author_id": k * 10 + rng.choice(present) + 1,
                            "visibility": visibility,
                            "tags": rng.sample(VALUES, 2) if principle == "spanningen" else [],
                            "extra": extra,
                            "text": rng.choice(TEXTS),
                            "findings": [],
                            "keep": kind == "les",
                            "created_at": now,
                            "text_removed_at": None,
                        }
                    )
                    if kind == "actie":
                        aid += 1
                        status = rng.choice(["open", "done", "continued", "dropped"])
                        actions.append(
                            {
                                "id": aid,
                                "kring_id": k + 1,
                                "session_id": sid,
                                "entry_uid": entries[-1]["uid"],
                                "title": entries[-1]["text"],
                                "owner_id": entries[-1]["author_id"],
                                "due_date": day + dt.timedelta(days=14),
                                "status": status,
                                "created_at": now,
                                "closed_at": None,
                            }
                        )
                        if status != "open" and i + 2 < per_kring:
                            updates.append(
                                {
                                    "action_id": aid,
                                    "session_id": sid + 2,
                                    "effect": "effect",
                                    "lesson": "",
                                    "status": status,
                                    "author_id": None,
                                    "created_at": now,
                                }
                            )
                if i % 10 == 0:
                    answered = rng.random() < 0.7
                    signals.append(
                        {
                            "kring_id": k + 1,
                            "session_id": sid,
                            "title": "Signaal over registratie",
                            "text": "Het systeem kent geen groepswerk.",
                            "status": "answered" if answered else "open",
                            "raised_at": now - dt.timedelta(days=300),
                            "answered_at": now - dt.timedelta(days=300 - rng.randint(3, 60)) if answered else None,
                        }
                    )
                for _ in range(rng.randint(3, 8)):
                    evaluations.append(
                        {
                            "session_id": sid,
                            "free_to_speak": rng.randint(2, 5),
                            "useful": rng.randint(2, 5),
                            "remark": "",
                            "created_at": now,
                        }
                    )
        for table, rows in (
            (schema.session, session_rows),
            (schema.attendance, attendance),
            (schema.entry, entries),
            (schema.action, actions),
            (schema.action_update, updates),
            (schema.signal, signals),
            (schema.evaluation, evaluations),
        ):
            for i in range(0, len(rows), 20_000):
                conn.execute(insert(table), rows[i : i + 20_000])
    ws.close()
    return {
        "kringen": n_kringen,
        "sessions": len(session_rows),
        "entries": len(entries),
        "build_s": time.perf_counter() - t0,
    }


def measure(cmd: list[str], env: dict, cwd: str | None = None) -> tuple[float, float, int]:
    """(wall seconds, peak RSS of the process tree in MB, exit code)."""
    import psutil

    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [root] + root.children(recursive=True)
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    wall = time.perf_counter() - started
    if proc.returncode:
        sys.stderr.write(proc.stderr.read().decode()[-2000:])
    return wall, peak / 2**20, proc.returncode


def empty_notebook(path: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("pass")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="50,500,5000")
    parser.add_argument("--audience", default="organisatie")
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement; the best is reported")
    args = parser.parse_args()
    env = {**os.environ, "LEERKRING_SCRUBBER": os.environ.get("LEERKRING_SCRUBBER", "rules")}
    py = sys.executable
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-summary-") as tmp:
        tmp = Path(tmp)
        anchor_nb = empty_notebook(tmp / "leeg.ipynb")
        anchor_cmd = [
            py,
            "-m",
            "papermill",
            "--no-progress-bar",
            "-k",
            "python3",
            str(anchor_nb),
            str(tmp / "leeg-uit.ipynb"),
        ]
        anchors = []
        for size in [int(s) for s in args.sizes.split(",")]:
            ws = tmp / f"ws-{size}"
            info = build(ws, size)
            runs, size_anchors = [], []
            # anchor and ours alternate, so that both see the same load on a shared machine
            for _ in range(args.repeat):
                size_anchors.append(measure(anchor_cmd, env)[:2])
                wall, rss, code = measure(
                    [
                        py,
                        "-m",
                        "leerkring",
                        "--workspace",
                        str(ws),
                        "summarize",
                        "--all",
                        "--audience",
                        args.audience,
                        "--quiet",
                    ],
                    env,
                )
                if code:
                    print(f"summarize failed at {size} sessions (exit {code})")
                    return 1
                runs.append((wall, rss))
            anchor = min(size_anchors)
            anchors.extend(size_anchors)
            wall = min(w for w, _ in runs)
            rss = max(r for _, r in runs)
            ratio = wall / anchor[0]
            results.append(
                {
                    **info,
                    "wall_s": round(wall, 2),
                    "anchor_s": round(anchor[0], 2),
                    "peak_rss_mb": round(rss),
                    "ratio": round(ratio, 2),
                }
            )
            print(
                f"ours: {info['sessions']:>5} sessions, {info['entries']:>6} entries, {info['kringen']:>2} kringen: "
                f"{wall:.2f} s, anchor {anchor[0]:.2f} s (ratio {ratio:.2f} x), peak RSS {rss:.0f} MB"
                f"   [bulk build {info['build_s']:.1f} s]"
            )
    # growth: how time and memory scale with ten times the sessions
    growth = [
        {
            "from": a["sessions"],
            "to": b["sessions"],
            "time_x": round(b["wall_s"] / a["wall_s"], 2),
            "ratio_delta": round(b["ratio"] - a["ratio"], 2),
            "rss_x": round(b["peak_rss_mb"] / a["peak_rss_mb"], 2),
        }
        for a, b in zip(results, results[1:])
    ]
    for g in growth:
        print(
            f"growth {g['from']} -> {g['to']} sessions: time x{g['time_x']}, ratio {g['ratio_delta']:+.2f}, "
            f"peak RSS x{g['rss_x']}"
        )
    anchor_best = min(anchors)
    big = results[-1]
    ok = big["ratio"] <= 2.0 and big["peak_rss_mb"] <= 600
    print(
        json.dumps(
            {
                "anchor_s": round(anchor_best[0], 2),
                "anchor_rss_mb": round(anchor_best[1]),
                "runs": results,
                "growth": growth,
                "targets": {"ratio_max": 2.0, "rss_max_mb": 600},
                "met": ok,
            },
            indent=1,
        )
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
