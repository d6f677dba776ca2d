"""Build the demo workspace: a fictitious organisation with three kringen and six months of sessions.

Deterministic given a seed: the calendar is fixed (not taken from today's date) and every choice comes
from one ``random.Random(seed)``. Everything goes through the library API, so texts are scrubbed like
any member's; timestamps are then moved back to the session dates so response times look real.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from leerkring import config
from leerkring.demo import corpus
from leerkring.demo.live import run_live_session
from leerkring.errors import LeerkringError
from leerkring.notebooks.lifecycle import close_session, plan_session
from leerkring.store import Viewer, schema
from leerkring.workspace import Workspace

FIRST_SESSION = dt.date(2026, 5, 18)
SESSIONS_PER_KRING = (12, 13, 11)
# Method rotation: team reflection most often, the others in turn.
ROTATION = (
    "teamreflectie",
    "incidentmethode",
    "actieleren_terugblik",
    "moreel_beraad",
    "teamreflectie",
    "grensoverschrijdend",
)
OPEN_AT_END = 1  # the newest session of each kring stays open


@dataclass
class DemoReport:
    path: Path
    kringen: int = 0
    members: int = 0
    sessions: int = 0
    entries: int = 0
    actions: dict = field(default_factory=dict)
    signals: int = 0
    answered: int = 0
    evaluations: int = 0
    live: dict = field(default_factory=dict)  # cases, votes, replies, rounds (leerkring/demo/live.py)


class _Pool:
    """Texts handed out without replacement, in a seeded order."""

    def __init__(self, items, rng: random.Random):
        items = list(items)
        rng.shuffle(items)
        self.items = deque(items)

    def take(self):
        return self.items.popleft() if self.items else None


def _prepare_folder(path: Path, force: bool) -> None:
    if not path.exists():
        return
    if (path / config.SETTINGS_FILE).exists():
        if not force:
            raise LeerkringError(f"In {path} staat al een werkruimte; gebruik --force om de demo opnieuw te maken.")
        shutil.rmtree(path)
        return
    if path.is_dir() and any(path.iterdir()):
        raise LeerkringError(f"{path} is niet leeg en geen werkruimte; kies een andere map.")


def build_demo(
    path: str | Path, *, seed: int = 2026, force: bool = False, notebooks: bool = True, **workspace_kwargs
) -> DemoReport:
    path = Path(path).resolve()
    _prepare_folder(path, force)
    rng = random.Random(seed)
    ws = Workspace.init(path, corpus.ORGANISATION, **workspace_kwargs)
    report = DemoReport(path)
    live_state: dict = {}  # cases and replies not used yet, over the whole demo (leerkring/demo/live.py)
    try:
        for index, spec in enumerate(corpus.KRINGEN):
            _build_kring(ws, index, spec, rng, report, notebooks, live_state)
        ws.store.audit("demo", "demo.build", {"seed": seed})
    finally:
        ws.close()
    return report


def _build_kring(
    ws: Workspace, index: int, spec: dict, rng: random.Random, report: DemoReport, notebooks: bool, live_state: dict
) -> None:
    store = ws.store
    kring = ws.add_kring(spec["name"], spec["description"])
    report.kringen += 1
    people = spec["members"] + spec["guests"]
    for person in people:
        store.add_member(kring.id, person["name"], person["role"])
    for manager in corpus.MANAGERS:
        store.add_member(kring.id, manager["name"], "manager")
    report.members += len(people)
    staff = [m["name"] for m in spec["members"]]
    coach = next(m["name"] for m in spec["members"] if m["role"] == "coach")
    guests = spec["guests"]

    texts = corpus.TEXTS[index]
    pools = {(p, k): _Pool(items, rng) for p, kinds in texts.items() for k, items in kinds.items()}
    actions_pool = _Pool(corpus.ACTIONS[index], rng)
    signals_pool = _Pool(corpus.SIGNALS[index], rng)
    topics = {m: _Pool(corpus.SESSION_TOPICS[m][index], rng) for m in corpus.SESSION_TOPICS}
    remarks = _Pool(corpus.EVALUATION_REMARKS, rng)
    action_specs: dict[int, dict] = {}
    count = SESSIONS_PER_KRING[index % len(SESSIONS_PER_KRING)]
    start = FIRST_SESSION + dt.timedelta(days=index * 3)
    sessions = []
    signal_every = max(2, count // max(1, len(corpus.SIGNALS[index])))

    spacing = 182 / (count - 1)  # six months between the first and the last session
    for number in range(count):
        date = start + dt.timedelta(days=round(spacing * number) + rng.choice((0, 0, 1, -1)))
        method = ROTATION[(number + index) % len(ROTATION)]
        title = topics[method].take() or ""
        session = (
            plan_session(ws, kring.id, date, method, title)
            if notebooks
            else store.add_session(kring.id, date, method, title)
        )
        sessions.append(session)
        report.sessions += 1
        present = rng.sample(staff, k=min(len(staff), rng.randint(4, len(staff))))
        if coach not in present:
            present[0] = coach
        for name in present:
            store.mark_present(session.id, name)
        session_guests = guests if method == "grensoverschrijdend" else []
        for guest in session_guests:
            store.mark_present(session.id, guest["name"])

        _report_back_on_actions(
            store, kring.id, session, action_specs, present, rng, report, last_sessions=number >= count - 2
        )
        principles = ws.frameworks.method(method).principles
        for principle in principles:
            _add_entries(store, session, principle, pools, present, session_guests, rng, report)
        if "actieleren" in principles or method == "incidentmethode":
            for _ in range(rng.randint(1, 2)):
                spec_action = actions_pool.take()
                if spec_action is None:
                    break
                owner = rng.choice(present)
                action = store.add_action(
                    session.id,
                    spec_action["title"],
                    owner=owner,
                    due=date + dt.timedelta(days=rng.choice((14, 21, 28))),
                    author=owner,
                )
                action_specs[action.id] = spec_action
        if number % signal_every == 1:
            spec_signal = signals_pool.take()
            if spec_signal is not None:
                signal = store.raise_signal(session.id, spec_signal["title"], spec_signal["text"])
                report.signals += 1
                if spec_signal.get("response"):
                    store.respond_signal(signal.id, rng.choice(corpus.MANAGERS)["name"], spec_signal["response"])
                    report.answered += 1
        if number < count - OPEN_AT_END:  # the open session waits for its coach: no phase has started
            live_counts = run_live_session(store, session, coach, present, rng, live_state)
            for key, value in live_counts.items():
                report.live[key] = report.live.get(key, 0) + value
        for _ in range(max(3, len(present) - rng.randint(0, 2))):
            free = rng.choices((2, 3, 4, 5), weights=(1, 3, 6, 5))[0]
            useful = rng.choices((2, 3, 4, 5), weights=(1, 4, 6, 4))[0]
            remark = remarks.take() if rng.random() < 0.35 else ""
            store.add_evaluation(session.id, free, useful, remark or "")
            report.evaluations += 1

    for session in sessions[: len(sessions) - OPEN_AT_END]:
        if notebooks:
            close_session(ws, session.id, by=coach)
        else:
            store.close_session(session.id, by=coach)
    # the coach has released what the closed sessions shared with the organisation (the release review);
    # the open sessions' texts still wait, so 'leerkring release list' has something to show
    closed = {session.id for session in sessions[: len(sessions) - OPEN_AT_END]}
    for item in store.pending_releases(kring.id):
        if item.session_id in closed:
            store.release(item.id, coach)
    _backdate(store, kring.id, rng)
    for action in store.actions(Viewer.kring_summary([kring.id]), kring.id):
        report.actions[action.status] = report.actions.get(action.status, 0) + 1


def _add_entries(store, session, principle, pools, present, session_guests, rng, report) -> None:
    kinds = [k for (p, k) in pools if p == principle and pools[(p, k)].items]
    if not kinds:
        return
    for kind in rng.sample(kinds, k=min(len(kinds), rng.randint(1, 3))):
        for _ in range(rng.randint(1, 2)):
            item = pools[(principle, kind)].take()
            if item is None:
                break
            text, extra = (
                (item["text"], {k: v for k, v in item.items() if k != "text"}) if isinstance(item, dict) else (item, {})
            )
            author = rng.choice(present)
            if session_guests and kind in ("stille_kennis", "contact", "kennis") and rng.random() < 0.5:
                author = rng.choice(session_guests)["name"]
            roll = rng.random()
            visibility = "persoonlijk" if roll < 0.07 else "organisatie" if roll > 0.9 or kind == "les" else "kring"
            anonymous = visibility != "persoonlijk" and kind in ("gevoel", "niet_weten") and rng.random() < 0.4
            tags = _tags(extra, rng)
            store.add_entry(
                session.id,
                principle,
                kind,
                text,
                author=None if anonymous else author,
                visibility=visibility,
                tags=tags,
                extra=extra,
                keep=kind == "les",
            )
            report.entries += 1


def _tags(extra: dict, rng: random.Random) -> list[str]:
    tags = list(extra.get("values", []))
    if rng.random() < 0.45:
        tags.append(
            rng.choice(
                (
                    "beleidssturing",
                    "perspectief_burgers",
                    "generalist_specialist",
                    "netwerken",
                    "ethisch_normatief",
                    "transformatief",
                    "evaluatie_effecten",
                )
            )
        )
    return tags


def _report_back_on_actions(store, kring_id, session, action_specs, present, rng, report, last_sessions) -> None:
    for action in store.open_actions(Viewer.kring_summary([kring_id]), kring_id, before_session=session.id):
        if action.due_date and action.due_date > session.date + dt.timedelta(days=7):
            continue
        if last_sessions and rng.random() < 0.5:
            continue  # some actions are still open when the demo ends
        spec = action_specs.get(action.id, {})
        status = rng.choices(("done", "continued", "dropped"), weights=(5, 3, 2))[0]
        if action.status == "continued" and status == "continued":
            status = "done"
        author = action.owner if action.owner in present else rng.choice(present)
        if status == "dropped":
            store.report_action(
                action.id, session.id, effect=spec.get("drop_reason", ""), status="dropped", author=author
            )
        elif status == "continued":
            store.report_action(action.id, session.id, effect=spec.get("effect", ""), status="continued", author=author)
        else:
            effect = spec.get("effect", "") if action.status == "open" else ""
            store.report_action(
                action.id, session.id, effect=effect, lesson=spec.get("lesson", ""), status="done", author=author
            )


def _backdate(store, kring_id: int, rng: random.Random) -> None:
    """Move creation times to the session's evening and responses some days later."""
    from sqlalchemy import select

    with store.write() as conn:
        sessions = conn.execute(
            select(schema.session.c.id, schema.session.c.date, schema.session.c.status).where(
                schema.session.c.kring_id == kring_id
            )
        ).all()
        for sid, date, status in sessions:
            at = dt.datetime.combine(date, dt.time(15, 30), tzinfo=dt.UTC)
            conn.execute(
                schema.session.update()
                .where(schema.session.c.id == sid)
                .values(
                    created_at=at - dt.timedelta(days=7),
                    closed_at=at + dt.timedelta(days=1) if status == "closed" else None,
                )
            )
            for table in (schema.entry, schema.evaluation, schema.action_update):
                conn.execute(table.update().where(table.c.session_id == sid).values(created_at=at))
            conn.execute(schema.action.update().where(schema.action.c.session_id == sid).values(created_at=at))
            signals = conn.execute(select(schema.signal.c.id).where(schema.signal.c.session_id == sid)).scalars().all()
            for signal_id in signals:
                answered = at + dt.timedelta(days=rng.randint(6, 45), hours=rng.randint(0, 8))
                conn.execute(schema.signal.update().where(schema.signal.c.id == signal_id).values(raised_at=at))
                conn.execute(
                    schema.signal.update()
                    .where((schema.signal.c.id == signal_id) & (schema.signal.c.answered_at.is_not(None)))
                    .values(answered_at=answered)
                )
                conn.execute(
                    schema.signal_response.update()
                    .where(schema.signal_response.c.signal_id == signal_id)
                    .values(created_at=answered)
                )
        # actions closed when their last update was made
        for action_id, closed in conn.execute(
            select(schema.action_update.c.action_id, schema.action_update.c.created_at)
            .join(schema.action, schema.action.c.id == schema.action_update.c.action_id)
            .where(schema.action.c.kring_id == kring_id, schema.action.c.status.in_(("done", "dropped")))
        ).all():
            conn.execute(schema.action.update().where(schema.action.c.id == action_id).values(closed_at=closed))
