"""The leerkring service on a real JupyterHub: a storm of members saving, a SIGKILL halfway, and sizing.

Issue 12's "Must hold (benchmarks)". The script starts its own hub like the tests do
(``tests/hub/_hub_harness.py``: JupyterHub on 127.0.0.1, npm's proxy, the leerkring service as an
*external* hub service so it can be killed and started again) over a fresh SQLite workspace (or
PostgreSQL with ``BENCH_DATABASE_URL``), with kringen of 10 members. Every simulated member has a hub
token of its own, made through the hub's REST API, and a :class:`~leerkring.store.remote.RemoteStore`
with the HTTP transport, as a kernel on the hub has. Every save goes through the proxy to
``/services/leerkring/api/store``: token check, authorisation, scrubbing with deduce, the database.

How a member is simulated: 20 saves of a realistic contribution (about 300 characters with a name and
a phone number to scrub), each followed by a pause drawn uniformly from 0..2×``BENCH_PACE_S`` seconds
(default 2 s, so one save every 2 s on average: a whole 90-minute session's contributions squeezed into
40 seconds, everyone at once). Latency is measured around the ``add_entry`` call in the client.

1. The storm: 50 members × 20 saves through the hub service: p50/p95/p99, exactly 1,000 entries, zero
   duplicates; beside it the same storm against a store in this process with deduce in this process
   (no HTTP, no token, no authorisation: the floor), and the ratio.
2. The same storm with the service killed (SIGKILL) after 500 acknowledged saves and started again at
   once: every save a client saw acknowledged is stored, and after the clients' retries (RemoteStore's
   own: a lost answer is sent again with the same ``client_key``) exactly 1,000 entries, no duplicates.
3. Sizing: more members at the same pace (8 saves each) until p95 crosses 100 ms: the members one
   service process serves on this machine at p95 ≤ 100 ms at that pace, and so the saves per second;
   what that means at a calmer pace (one save a minute per member) is printed as arithmetic, not measured.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO / "tests" / "hub")]
# clients keep retrying while the killed service loads deduce again (read when remote.py is imported)
os.environ.setdefault("LEERKRING_SERVICE_RETRIES", "60")
for name in ("LEERKRING_SERVICE_URL", "LEERKRING_SCRUBBER"):
    os.environ.pop(name, None)

from _common import header, percentile  # noqa: E402
from _hub_harness import Hub, find_proxy  # noqa: E402

MEMBERS = int(os.environ.get("BENCH_MEMBERS", "50"))
SAVES = int(os.environ.get("BENCH_SAVES", "20"))
PACE = float(os.environ.get("BENCH_PACE_S", "2.0"))
KRING_SIZE = 10
GOAL_P95 = 0.100
SIZING = [int(n) for n in os.environ.get("BENCH_SIZING", "10,20,30,40,50,75,100,150,200,300,400").split(",")]
SIZING_SAVES = int(os.environ.get("BENCH_SIZING_SAVES", "8"))
#: The parts to run (the storm always runs): for an A/B comparison of the storm alone, BENCH_PHASES=storm.
PHASES = set(os.environ.get("BENCH_PHASES", "storm,floor,kill,sizing").split(","))
TEXTS = (
    "Ik sprak vandaag mevrouw Jansen aan de keukentafel; ze belde me later nog op 06-12345678 omdat de "
    "schuldhulp haar aanvraag weer terugstuurde. Ik merkte dat ik meteen met oplossingen kwam in plaats van "
    "te vragen wat zij zelf wil. Volgende keer vraag ik eerst wat voor haar de belangrijkste stap is.",
    "Bij het overleg met de woningcorporatie over de familie El Idrissi voelde ik spanning tussen handhaven "
    "en helpen. De regels zijn helder, maar de situatie van de kinderen vraagt om ruimte. Wat weegt zwaarder?",
    "Mijn les van deze week: eerst luisteren, dan pas doorverwijzen. Meneer De Vries wilde vooral zijn verhaal "
    "kwijt over de mantelzorg voor zijn vrouw; de indicatie kwam pas daarna. Dat scheelde een tweede gesprek.",
)


class Storm:
    """One run of simulated members saving; collects latencies, acknowledged keys and errors."""

    def __init__(self, phase: str, members: list[dict], saves: int, make_store, seed: int = 7):
        self.phase = phase
        self.members = members
        self.saves = saves
        self.make_store = make_store
        self.rng = random.Random(seed)
        self.latencies: list[float] = []
        self.acked: set[str] = set()
        self.errors: list[str] = []
        self.lock = threading.Lock()
        self.on_ack = None  # called with the number of acknowledged saves (the kill phase)

    def keys(self) -> set[str]:
        return {self.key(m, i) for m in self.members for i in range(self.saves)}

    def key(self, member: dict, i: int) -> str:
        return f"{self.phase}-{member['account']}-{i}"

    def _member(self, member: dict, pauses: list[float], start: float) -> None:
        store = self.make_store(member)
        try:
            due = start + pauses[0] / 2
            for i in range(self.saves):
                time.sleep(max(0.0, due - time.perf_counter()))
                text = f"{TEXTS[i % len(TEXTS)]} (bijdrage {i + 1})"
                began = time.perf_counter()
                try:
                    store.add_entry(
                        member["sessions"][self.phase],
                        "ervaringen",
                        "ervaring",
                        text,
                        author=member["person_id"],
                        step="ervaringen",
                        client_key=self.key(member, i),
                    )
                except Exception as exc:  # counted and printed: a lost save is what this measures
                    with self.lock:
                        self.errors.append(f"{member['account']} #{i}: {type(exc).__name__}: {exc}")
                    continue
                took = time.perf_counter() - began
                with self.lock:
                    self.latencies.append(took)
                    self.acked.add(self.key(member, i))
                    count = len(self.acked)
                if self.on_ack is not None:
                    self.on_ack(count)
                due = max(due, time.perf_counter()) + pauses[i + 1]
        finally:
            close = getattr(store, "close", None)
            if close is not None:
                close()

    def run(self) -> float:
        plans = [[self.rng.uniform(0, 2 * PACE) for _ in range(self.saves + 1)] for _ in self.members]
        start = time.perf_counter() + 0.2
        threads = [
            threading.Thread(target=self._member, args=(m, plan, start), daemon=True)
            for m, plan in zip(self.members, plans, strict=True)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.perf_counter() - start

    def summary(self) -> str:
        n = len(self.latencies)
        return (
            f"p50 {percentile(self.latencies, 50) * 1000:.1f} ms, p95 {percentile(self.latencies, 95) * 1000:.1f} ms, "
            f"p99 {percentile(self.latencies, 99) * 1000:.1f} ms, max {max(self.latencies, default=0) * 1000:.0f} ms "
            f"({n} saves, {len(self.errors)} errors)"
        )


def stored(url: str, session_ids: list[int]) -> list[str]:
    """The client keys of every entry row in these sessions (a duplicate would be a second row)."""
    from sqlalchemy import select

    from leerkring.store import Store, schema

    store = Store(url)
    try:
        with store.read() as conn:
            rows = conn.execute(select(schema.entry.c.client_key).where(schema.entry.c.session_id.in_(session_ids)))
            return [r.client_key for r in rows]
    finally:
        store.close()


def check(storm: Storm, url: str) -> tuple[int, int, int, bool]:
    ids = sorted({m["sessions"][storm.phase] for m in storm.members})
    keys = stored(url, ids)
    expected = storm.keys()
    duplicates = len(keys) - len(set(keys))
    missing_acked = len(storm.acked - set(keys))
    return len(keys), duplicates, missing_acked, set(keys) == expected


def seed(root: Path, database_url: str, members: int, phases: list[str]) -> tuple[list[dict], str]:
    """A workspace with kringen of KRING_SIZE members (hub accounts m0001...) and, per phase, an open
    session in every kring. Returns the members and the database URL."""
    import datetime as dt

    from leerkring import config
    from leerkring.workspace import Workspace

    ws = Workspace.init(root, "Gemeente Benchmark", database_url=database_url or None, scrubber=None)
    try:
        people = []
        kring = None
        for n in range(members):
            if n % KRING_SIZE == 0:
                kring = ws.add_kring(f"Wijkteam {n // KRING_SIZE + 1:03d}")
            account = f"m{n + 1:04d}"
            member = ws.store.add_member(kring.id, f"Lid {account}", "member", account)
            people.append({"account": account, "person_id": member.person_id, "kring_id": kring.id, "sessions": {}})
        by_kring: dict[int, dict[str, int]] = {}
        for day, phase in enumerate(phases):
            date = dt.date(2026, 11, 2) + dt.timedelta(days=day)
            for kring_id in sorted({p["kring_id"] for p in people}):
                session = ws.store.add_session(kring_id, date, "teamreflectie", f"Benchmark {phase}")
                by_kring.setdefault(kring_id, {})[phase] = session.id
        for p in people:
            p["sessions"] = by_kring[p["kring_id"]]
        return people, config.database_url(ws.path, ws.settings)
    finally:
        ws.close()


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_of(pids: dict[str, int]) -> dict[str, float]:
    out = {}
    for name, pid in pids.items():
        try:
            out[name] = cpu_s(pid)
        except OSError:
            out[name] = float("nan")
    return out


def server_timings(hub, token: str) -> str:
    """The service's own view of its last requests (``api/health``): waiting for a worker, in the
    handler (authorisation, scrubbing, the database), and from arrival to answer."""
    status, health = hub.call(token, "GET", "api/health")
    t = (health or {}).get("timings_ms") or {}
    if status != 200 or not t.get("requests"):
        return "no timings"
    return ", ".join(
        f"{name} p50 {t[name]['p50']} ms / p95 {t[name]['p95']} ms" for name in ("queue", "handler", "total")
    )


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    import logging

    logging.basicConfig(level=logging.WARNING)  # before any library configures the root logger
    header("The leerkring service on a real JupyterHub: storm, SIGKILL halfway, members per process")
    print(
        "load average at start: {:.2f} {:.2f} {:.2f} (2 cores; other work on the machine inflates every figure)".format(
            *os.getloadavg()
        )
    )
    proxy = find_proxy()
    if proxy is None:
        print("configurable-http-proxy ontbreekt: 'make proxy' installeert het (npm).")
        return 1
    from leerkring.store.remote import HttpTransport, RemoteStore

    most = max([MEMBERS, *SIZING])
    phases = ["storm", "floor", "kill", *(f"size{n}" for n in SIZING)]
    with tempfile.TemporaryDirectory(prefix="bench-service-") as tmp:
        tmp = Path(tmp)
        started = time.perf_counter()
        people, url = seed(tmp / "ws", os.environ.get("BENCH_DATABASE_URL", ""), most, phases)
        print(
            f"workspace: {most} members in {most // KRING_SIZE} kringen, {'PostgreSQL' if 'postgres' in url else 'SQLite'}"
        )
        hub = Hub(
            tmp / "hub",
            tmp / "ws",
            users=[p["account"] for p in people],
            database_url=os.environ.get("BENCH_DATABASE_URL", ""),
            proxy=proxy,
            managed=False,
            service_args=tuple(os.environ.get("BENCH_SERVICE_ARGS", "").split()),
        )
        hub.start()
        try:
            for p in people:
                p["token"] = hub.new_token(p["account"], note="benchmark")[0]
            health = hub.wait_for_service(people[0]["token"])
            print(
                f"hub + service ready in {time.perf_counter() - started:.1f} s (service pid {health['pid']}, "
                f"{rss_mb(health['pid']):.0f} MB); {most} user tokens made through the hub API"
            )
            print(f"model: {SAVES} saves per member, a pause of 0..{2 * PACE:g} s after each (one save per {PACE:g} s)")

            def remote(member):
                return RemoteStore(tmp / "ws", "", None, transport=HttpTransport(hub.service_url, member["token"]))

            # 1. the storm, through the hub, and the floor in-process
            pids = {"service": health["pid"], "hub": hub.proc.pid, "proxy": hub.proxy_pid(), "clients": os.getpid()}
            storm = Storm("storm", people[:MEMBERS], SAVES, remote)
            before = cpu_of(pids)
            took = storm.run()
            after = cpu_of(pids)
            count, dups, lost, exact = check(storm, url)
            print(f"storm via hub ({MEMBERS} members): {storm.summary()}; {took:.1f} s")
            print(f"  entries stored {count}, duplicates {dups}, every key exactly once: {exact}")
            for line in storm.errors[:5]:
                print(f"  error: {line}")
            per_save = {k: (after[k] - before[k]) * 1000 / max(1, len(storm.latencies)) for k in pids}
            print("  CPU per save: " + ", ".join(f"{k} {v:.1f} ms" for k, v in per_save.items()))
            print(f"  inside the service: {server_timings(hub, people[0]['token'])}")
            p95 = percentile(storm.latencies, 95)
            met = p95 <= GOAL_P95 and count == MEMBERS * SAVES and dups == 0 and exact
            print(f"goal p95 <= 100 ms, {MEMBERS * SAVES:,} entries, 0 duplicates: {'OK' if met else 'NOT MET'}")

            if "floor" in PHASES:
                from leerkring import frameworks
                from leerkring.privacy.handler import ScrubHandler
                from leerkring.store import Store

                scrub = ScrubHandler()
                scrub.start()
                local = Store(url, scrubber=scrub.scrub, frameworks=frameworks.load(tmp / "ws"))
                floor = Storm("floor", people[:MEMBERS], SAVES, lambda member: _Shared(local))
                fbefore = cpu_s(os.getpid())
                took = floor.run()
                fcpu = (cpu_s(os.getpid()) - fbefore) * 1000 / max(1, len(floor.latencies))
                fcount, fdups, _, fexact = check(floor, url)
                local.close()
                print(f"floor, store in-process with deduce ({MEMBERS} members): {floor.summary()}; {took:.1f} s")
                print(
                    f"  entries stored {fcount}, duplicates {fdups}, every key exactly once: {fexact}; CPU per save {fcpu:.1f} ms"
                )
                print(f"ratio p95 hub/floor: {p95 / percentile(floor.latencies, 95):.1f}x")

            # 2. the same storm, the service killed halfway and started again
            if "kill" in PHASES:
                kill = Storm("kill", people[:MEMBERS], SAVES, remote, seed=11)
                half = MEMBERS * SAVES // 2
                events: dict[str, float] = {}
                killed = threading.Event()

                def on_ack(n: int) -> None:
                    if n >= half and not killed.is_set():
                        killed.set()
                        threading.Thread(target=restart, daemon=True).start()

                def restart() -> None:
                    events["acked_at_kill"] = len(kill.acked)
                    events["kill"] = time.perf_counter()
                    hub.kill_service()
                    hub.start_service()
                    hub.wait_for_service(people[0]["token"])
                    events["ready"] = time.perf_counter()

                kill.on_ack = on_ack
                took = kill.run()
                while killed.is_set() and "ready" not in events:
                    time.sleep(0.2)
                kcount, kdups, klost, kexact = check(kill, url)
                print(
                    f"SIGKILL after {events.get('acked_at_kill', 0):.0f} acknowledged saves; the service answered again "
                    f"{events.get('ready', 0) - events.get('kill', 0):.1f} s later (deduce loads before it listens)"
                )
                print(f"storm with the kill ({MEMBERS} members): {kill.summary()}; {took:.1f} s")
                print(
                    f"  entries stored {kcount}, duplicates {kdups}, acknowledged but not stored {klost}, every key "
                    f"exactly once: {kexact}: {'OK' if kcount == MEMBERS * SAVES and kdups == 0 and klost == 0 and kexact else 'NOT MET'}"
                )
                for line in kill.errors[:5]:
                    print(f"  error: {line}")

            # 3. sizing: members per service process at p95 <= 100 ms
            if "sizing" in PHASES:
                served = 0
                for n in SIZING:
                    step = Storm(f"size{n}", people[:n], SIZING_SAVES, remote, seed=n)
                    spid = hub.wait_for_service(people[0]["token"])["pid"]
                    sbefore = cpu_s(spid)
                    took = step.run()
                    scpu = (cpu_s(spid) - sbefore) * 1000 / max(1, len(step.latencies))
                    scount, sdups, _, sexact = check(step, url)
                    step95 = percentile(step.latencies, 95)
                    print(
                        f"sizing {n:4d} members ({n / PACE:.0f} saves/s offered): {step.summary()}; "
                        f"{scount} stored, {sdups} duplicates"
                    )
                    print(
                        f"  service CPU per save {scpu:.1f} ms; inside the service: {server_timings(hub, people[0]['token'])}"
                    )
                    if step95 <= GOAL_P95 and not step.errors and sexact:
                        served = n
                    else:
                        break
                pid = hub.wait_for_service(people[0]["token"])["pid"]
                more = " (the largest step tried)" if served == SIZING[-1] else ""
                print(
                    f"members served by one service process at p95 <= 100 ms, one save per {PACE:g} s each: "
                    f"{served}{more} = {served / PACE:.0f} saves/s; at one save a minute per member that would be "
                    f"about {served / PACE * 60:.0f} members (arithmetic); service RSS now {rss_mb(pid):.0f} MB"
                )
        finally:
            print("load average at the end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
            hub.stop()
            left = hub.leftovers()
            if left:
                print(f"warning: processes still running: {left}")
    return 0


class _Shared:
    """The in-process store for every floor member (one store, as the service has one); no close."""

    def __init__(self, store):
        self.store = store

    def add_entry(self, *args, **kwargs):
        return self.store.add_entry(*args, **kwargs)


if __name__ == "__main__":
    sys.exit(main())
