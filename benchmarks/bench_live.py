"""The live wall (issue 16): 12 participant kernels on one session, each saving in turn; how long until a
contribution is on every other participant's wall.

Each participant is a real Jupyter kernel (jupyter_client) that runs the session notebook top to bottom,
as Run All does, so its forms, its :class:`~leerkring.widgets.live.Live` watcher thread (``watch`` on a
RemoteStore with its own connection) and its walls are the ones a member has. Every store call goes
through a local leerkring service over its Unix socket, as in ``make demo`` (a service of the
benchmark's own, on a socket in a temporary folder; it loads deduce, as the real one does).

What is measured. Inside every kernel ``ctx.refresh_all`` (what the watcher calls when the session's
version moved: every wall is read and drawn again) is wrapped so that it notes, with ``time.time()``,
the first moment the walls it drew held each entry uid. A participant saves through the form's
'Opslaan' button (scrubbing in the service included); the benchmark takes the new uid from that
kernel and asks the other eleven when their walls first held it. All kernels run on this machine,
so their clocks are the same clock. Per save: the time until it was on *every* other wall (the
slowest of eleven); per wall: each of the eleven times. Both are counted from the click; the time
from the save's answer is printed as well. The coach has started the first phase, so it is a live
session with a running timer, as in a meeting.

The anchor is the fallback the walls had before (and still have when ``watch`` fails): read
everything every 30 s, so a contribution waits a uniform 0..30 s for the next read: 15 s on average,
28.5 s at p95, 30 s at worst, plus one read of the whole wall, which is measured here in the same
run (the fallback's ``changed()``: the room and every wall read again).

Settings: BENCH_PARTICIPANTS (default 12), BENCH_ROUNDS (saves per participant, default 2),
BENCH_TIMEOUT_S (how long a wall may take before the save counts as not seen, default 40).
The machine is shared: the load average is printed with the figures.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _common import header, percentile  # noqa: E402

PARTICIPANTS = int(os.environ.get("BENCH_PARTICIPANTS", "12"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT_S", "40"))
POLL_S = 30.0  # the fallback's refresh interval (leerkring.widgets.live.POLL_SECONDS)
GOAL_P95 = 1.0
METHOD = "incidentmethode"
STEP = "incident"  # the first step: its principle is collected by the first phase

PRELUDE = """
import json as _json, time as _time
from leerkring.widgets import context as _context, entry_form as _entry_form
ctx = _context.current()
ctx.set_identity([m for m in ctx.members() if m.name == {name!r}][0].person_id)
_seen = {{}}
_plain_refresh = ctx.refresh_all
def _noting_refresh():
    _plain_refresh()
    now = _time.time()
    for e in (ctx._entries[1] if ctx._entries else ()):
        _seen.setdefault(e.uid, now)
ctx.refresh_all = _noting_refresh
def form(key):
    return [f for f in ctx.forms if isinstance(f, _entry_form.EntryForm) and f.step.key == key][0]
def _save(text):
    f = form({step!r})
    f.text.value = text
    t0 = _time.time()
    f.save_button.click()
    t1 = _time.time()
    uid = [e.uid for e in ctx.session_entries(fresh=False) if (e.text or "").startswith(text[:20])]
    return {{"t0": t0, "t1": t1, "uid": uid[-1] if uid else None, "status": f.status.value}}
def _wait_seen(uid, limit):
    began = _time.monotonic()
    while uid not in _seen and _time.monotonic() - began < limit:
        _time.sleep(0.01)
    return _seen.get(uid)
def _fallback_read():
    t = _time.perf_counter()
    ctx.live.load()
    _plain_refresh()
    return _time.perf_counter() - t
print(_json.dumps({{"running": ctx.live.running, "mode": ctx.live.mode, "store": type(ctx.ws.store).__name__}}))
"""


class Kernel:
    """One participant's kernel: a jupyter_client KernelManager and a blocking client."""

    def __init__(self, name: str, cwd: Path, env: dict):
        from jupyter_client import KernelManager

        self.name = name
        self.km = KernelManager(kernel_name="python3")
        self.km.start_kernel(cwd=str(cwd), env=env, stderr=subprocess.DEVNULL)  # no TCP warnings per kernel
        self.kc = self.km.blocking_client()
        self.kc.start_channels()

    def ready(self) -> None:
        self.kc.wait_for_ready(timeout=120)

    def run(self, code: str, timeout: float = 240) -> str:
        out: list[str] = []
        errors: list[str] = []

        def hook(msg):
            kind = msg["header"]["msg_type"]
            if kind == "stream":
                out.append(msg["content"]["text"])
            elif kind == "error":
                errors.append("\n".join(msg["content"]["traceback"]))

        self.kc.execute_interactive(code, timeout=timeout, output_hook=hook, store_history=False)
        if errors:
            raise RuntimeError(f"{self.name}: {errors[0]}")
        return "".join(out).strip()

    def value(self, expression: str, timeout: float = 240):
        return json.loads(self.run(f"print(_json.dumps({expression}))", timeout).splitlines()[-1])

    def stop(self) -> None:
        try:
            self.kc.stop_channels()
        finally:
            self.km.shutdown_kernel(now=True)


def build(root: Path):
    from leerkring.notebooks.lifecycle import plan_session
    from leerkring.workspace import Workspace

    ws = Workspace.init(root / "ws", "Bench Live")
    kring = ws.add_kring("Wijkteam Live")
    names = ["Cora Coach"] + [f"Lid {chr(ord('A') + i)} Bench" for i in range(PARTICIPANTS - 1)]
    ws.store.add_member(kring.id, names[0], "coach")
    for name in names[1:]:
        ws.store.add_member(kring.id, name, "member")
    session = plan_session(ws, kring.id, "2026-12-01", METHOD, "Live meting")
    return ws, session, names


def notebook_code(path: Path) -> list[str]:
    nb = json.loads(path.read_text("utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def summary(values: list[float]) -> str:
    return (
        f"p50 {percentile(values, 50) * 1000:7.0f} ms  p95 {percentile(values, 95) * 1000:7.0f} ms  "
        f"max {max(values) * 1000:7.0f} ms  (n={len(values)})"
    )


def main() -> int:
    header(f"bench_live: {PARTICIPANTS} participant kernels, one session, each saving in turn ({ROUNDS}x)")
    root = Path(tempfile.mkdtemp(prefix="bench-live-"))
    sock_dir = root / "service"
    sock_dir.mkdir(mode=0o700)
    os.environ["LEERKRING_SERVICE_SOCKET"] = str(sock_dir / "service.sock")
    for name in ("LEERKRING_SCRUBBER", "LEERKRING_NOTEBOOK_STORE", "JUPYTERHUB_USER", "LEERKRING_SERVICE_URL"):
        os.environ.pop(name, None)
    from leerkring import privacy
    from leerkring.service import client

    began = time.monotonic()
    privacy.start_service()
    print(f"service started in {time.monotonic() - began:.1f} s (socket {os.environ['LEERKRING_SERVICE_SOCKET']})")
    ws, session, names = build(root)
    path = ws.path / session.notebook
    cells = notebook_code(path)
    env = {k: v for k, v in os.environ.items() if k != "JUPYTERHUB_USER"}
    kernels: list[Kernel] = []
    try:
        began = time.monotonic()
        kernels = [Kernel(name, path.parent, env) for name in names]
        for k in kernels:
            k.ready()
            for code in cells:
                k.run(code)
            state = json.loads(k.run(PRELUDE.format(name=k.name, step=STEP)).splitlines()[-1])
            if not (state["running"] and state["store"] == "RemoteStore"):
                raise RuntimeError(f"{k.name}: the notebook is not live over the service: {state}")
        print(f"{len(kernels)} kernels ran the session notebook in {time.monotonic() - began:.1f} s")
        ws.store.room_control(session.id, "start", by=names[0])
        time.sleep(2.0)  # every watcher has seen the phase start
        modes = {k.value("ctx.live.mode") for k in kernels}
        print(f"watch mode in every kernel: {modes}")

        per_save, per_wall, from_answer, saves, missed = [], [], [], [], 0
        loads = []
        for i in range(ROUNDS * len(kernels)):
            saver = kernels[i % len(kernels)]
            text = f"Meting {i + 1:03d}: wat ik meeneem uit het gesprek van vandaag."
            done = json.loads(saver.run(f"print(_json.dumps(_save({text!r})))").splitlines()[-1])
            if not done["uid"]:
                raise RuntimeError(f"{saver.name}: the save did not land: {done['status']}")
            saves.append(done["t1"] - done["t0"])
            times = []
            for k in kernels:
                if k is saver:
                    continue
                seen = k.value(f"_wait_seen({done['uid']!r}, {TIMEOUT})", timeout=TIMEOUT + 60)
                if seen is None:
                    missed += 1
                    seen = done["t0"] + TIMEOUT
                times.append(seen)
            per_wall += [t - done["t0"] for t in times]
            from_answer += [t - done["t1"] for t in times]
            per_save.append(max(times) - done["t0"])
            loads.append(os.getloadavg()[0])
            print(
                f"  save {i + 1:2d} by {saver.name:<12}: save {saves[-1] * 1000:5.0f} ms, on all "
                f"{len(times)} other walls after {per_save[-1] * 1000:6.0f} ms (load {loads[-1]:.1f})",
                flush=True,
            )
        reads = [kernels[j % len(kernels)].value("_fallback_read()") for j in range(6)]
        fallback_read = percentile(reads, 50)
    finally:
        for k in kernels:
            try:
                k.stop()
            except Exception as exc:  # a kernel that will not stop must not hide the figures
                print(f"stopping {k.name}: {exc}", file=sys.stderr)
        ws.close()
        client.stop_service()
        shutil.rmtree(root, ignore_errors=True)

    p95 = percentile(per_save, 95)
    anchor_mean, anchor_p95, anchor_max = POLL_S / 2, POLL_S * 0.95, POLL_S
    print()
    print(f"save (click to answer, scrubbing in the service):  {summary(saves)}")
    print(f"per save, until on every other wall (from click):  {summary(per_save)}")
    print(f"per wall, each of the other walls (from click):    {summary(per_wall)}")
    print(f"per wall, counted from the save's answer:          {summary(from_answer)}")
    print(f"walls that did not show a save within {TIMEOUT:.0f} s: {missed}")
    print(
        f"anchor, the 30 s refresh: mean {anchor_mean + fallback_read:.1f} s, p95 {anchor_p95 + fallback_read:.1f} s, "
        f"worst {anchor_max + fallback_read:.1f} s (uniform 0..30 s wait plus one full read, measured: "
        f"{fallback_read * 1000:.0f} ms)"
    )
    print(
        f"ratio p95 live/fallback: {p95 / (anchor_p95 + fallback_read):.3f}; mean: "
        f"{(sum(per_save) / len(per_save)) / (anchor_mean + fallback_read):.3f}"
    )
    print(f"load average during the saves: {min(loads):.1f}..{max(loads):.1f} on {os.cpu_count()} cores")
    print(f"goal p95 <= {GOAL_P95:.0f} s (per save, every other wall): {'OK' if p95 <= GOAL_P95 else 'NOT MET'}")
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
