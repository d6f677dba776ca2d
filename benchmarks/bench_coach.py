"""Benchmark: each action in the coach's workspace against the `leerkring` command doing the same.

Goal (issue 15): no action in the coach's workspace takes longer than the CLI command (ratio <= 1.0).

Builds the demo workspace (three kringen, six months of sessions; texts scrubbed with the rules so no
scrubbing service is needed, on both sides), opens the coach's workspace on it in this process as the
coach notebook's kernel does (``CoachApp`` over an open ``Workspace``), and times, round by round:

  ours:   the form's button clicked (``Button.click()`` runs the same handler a click in the browser
          runs in the kernel), from the click until the handler has returned
  anchor: the CLI command doing the same, as a process (``python -m leerkring ...`` in the workspace)

Actions: add a member, plan a session, close it (with 20 contributions to archive), release a text
for the organisation, publish the summaries (one quarter, all kringen, both audiences; fewer rounds),
export a member. Each round runs both sides, alternating which goes first; every side works on its
own names, dates and texts, so both do the same amount of work. One untimed warm-up round first; the
form's cold first click is printed as context: in a fresh process, after the background imports the
coach notebook starts when it shows the forms (``leerkring.coach.warm``; ``--no-warm-up`` leaves them
out, as a click right after opening would find them). Both sides run on the same SQLite workspace.

    .venv/bin/python benchmarks/bench_coach.py [--rounds 7] [--publish-rounds 3] [--demo DIR]

``--demo DIR`` copies a demo workspace built earlier (``LEERKRING_SCRUBBER=rules leerkring demo DIR``)
instead of building one (about a minute on a busy machine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from _common import PYTHON, header, median

os.environ["LEERKRING_SCRUBBER"] = "rules"  # both sides: this process and the CLI processes
os.environ.pop("LEERKRING_WORKSPACE", None)

ENTRIES_TO_ARCHIVE = 20


class Bench:
    def __init__(self, root: Path):
        from leerkring.coach.app import CoachApp
        from leerkring.coach.base import Context
        from leerkring.workspace import Workspace

        self.root = root
        self.ws = Workspace.open(root)
        self.app = CoachApp(Context(self.ws))
        self.kring = self.ws.store.kringen()[0]
        coaches = [m.name for m in self.ws.store.members(self.kring.id) if m.role == "coach"]
        self.coach = coaches[0]
        self.member = next(m.name for m in self.ws.store.members(self.kring.id) if m.role == "member")
        self.app.ctx.person.value = self.coach
        self.form = self.app.forms
        self.form["MembersForm"].kring.value = self.kring.id
        self.form["SessionsForm"].kring.value = self.kring.id
        # an open session the shared texts waiting for release belong to
        self.shared_in = self.ws.store.add_session(self.kring.id, "2025-12-15", "teamreflectie", "Vrijgave")
        self.times: dict[str, dict[str, list[float]]] = {}
        self.cold: dict[str, float] = {}

    # -- the two sides ----------------------------------------------------------------------------
    def click(self, action: str, form, button) -> float:
        from leerkring.widgets.markup import COLOURS

        form.status.value = ""
        start = time.perf_counter()
        button.click()
        took = time.perf_counter() - start
        if f"color:{COLOURS['error']}" in form.status.value:
            raise SystemExit(f"{action}: the form said {form.status.value}")
        if action not in self.cold:
            self.cold[action] = took
        return took

    def cli(self, *args: str) -> float:
        start = time.perf_counter()
        done = subprocess.run([PYTHON, "-m", "leerkring", *args], cwd=self.root, capture_output=True, text=True)
        took = time.perf_counter() - start
        if done.returncode:
            raise SystemExit(f"leerkring {' '.join(args)} failed: {done.stderr.strip()}")
        return took

    def record(self, action: str, side: str, seconds: float) -> None:
        self.times.setdefault(action, {"ours": [], "cli": []})[side].append(seconds)

    # -- one round of every action ----------------------------------------------------------------
    def both(self, action: str, n: int, ours, cli, timed: bool) -> None:
        sides = [("ours", ours), ("cli", cli)]
        for side, run in sides if n % 2 == 0 else reversed(sides):
            took = run()
            if timed:
                self.record(action, side, took)

    def round(self, n: int, timed: bool, publish: bool) -> None:
        store, k = self.ws.store, self.kring
        members = self.form["MembersForm"]

        def add_ours():
            members.name.value, members.role.value = f"Formlid {n}", "member"
            return self.click("lid toevoegen", members, members.add_button)

        self.both(
            "lid toevoegen", n, add_ours, lambda: self.cli("member", "add", f"Cli-lid {n}", "--kring", k.name), timed
        )

        sessions = self.form["SessionsForm"]
        day_ours = dt.date(2025, 1, 1) + dt.timedelta(days=n)
        day_cli = dt.date(2025, 6, 1) + dt.timedelta(days=n)

        def plan_ours():
            sessions.date.value, sessions.method.value = day_ours, "teamreflectie"
            return self.click("sessie plannen", sessions, sessions.plan_button)

        plan_cli = ("session", "new", "--kring", k.name, "--date", day_cli.isoformat(), "--method", "teamreflectie")
        self.both("sessie plannen", n, plan_ours, lambda: self.cli(*plan_cli), timed)

        for day in (day_ours, day_cli):  # what the members contributed (untimed)
            session = store.find_session(k.id, day.isoformat())
            for i in range(ENTRIES_TO_ARCHIVE):
                store.add_entry(session.id, "ervaringen", "ervaring", f"Ervaring {i} uit de wijk.", author=self.member)

        def close_ours():
            sessions.session.value = store.find_session(k.id, day_ours.isoformat()).id
            return self.click("sessie sluiten", sessions, sessions.close_button)

        close_cli = ("session", "close", "--kring", k.name, "--date", day_cli.isoformat(), "--by", self.coach)
        self.both("sessie sluiten", n, close_ours, lambda: self.cli(*close_cli), timed)

        release = self.form["ReleaseForm"]
        waiting = {}
        for side in ("ours", "cli"):
            entry = store.add_entry(
                self.shared_in.id,
                "ervaringen",
                "inzicht",
                f"Gedeeld inzicht {side} {n}",
                author=self.member,
                visibility="organisatie",
            )
            waiting[side] = next(r.id for r in store.pending_releases(k.id) if r.entry_uid == entry.entry.uid)
        release.refresh()  # the list as the coach sees it when she opens the tab (untimed)

        def release_ours():
            release.item.value = waiting["ours"]
            return self.click("tekst vrijgeven", release, release.approve_button)

        release_cli = ("release", "approve", str(waiting["cli"]), "--by", self.coach)
        self.both("tekst vrijgeven", n, release_ours, lambda: self.cli(*release_cli), timed)

        if publish:
            summaries = self.form["PublishForm"]

            def publish_ours():
                summaries.period.value = "2026Q4"
                return self.click("samenvattingen", summaries, summaries.publish_button)

            publish_cli = ("summarize", "--all", "--period", "2026Q4", "--quiet", "--by", self.coach)
            self.both("samenvattingen", n, publish_ours, lambda: self.cli(*publish_cli), timed)

        privacy = self.form["PrivacyForm"]
        privacy.refresh()

        def export_ours():
            privacy.person.value = self.member
            return self.click("lid exporteren", privacy, privacy.export_button)

        export_cli = (
            "member",
            "export",
            self.member,
            "-o",
            str(self.root / "exports" / "cli.json"),
            "--by",
            self.coach,
        )
        self.both("lid exporteren", n, export_ours, lambda: self.cli(*export_cli), timed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--publish-rounds", type=int, default=3)
    parser.add_argument("--no-warm-up", action="store_true", help="no background imports before the first click")
    parser.add_argument("--demo", type=Path, help="copy this demo workspace instead of building one")
    args = parser.parse_args()
    header("Coach's workspace (form action in the kernel's process) vs the CLI command (a process)")
    from leerkring.demo.build import build_demo

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "demo"
        if args.demo:  # a demo built earlier, copied so every run starts from the same data
            shutil.copytree(args.demo, root, symlinks=True)
        else:
            start = time.perf_counter()
            build_demo(root)
            print(f"# demo workspace built in {time.perf_counter() - start:.1f} s")
        bench = Bench(root)
        if not args.no_warm_up:  # what CoachApp.display() starts when the notebook shows the forms
            from leerkring.coach import warm

            start = time.perf_counter()
            warm.start().join()
            print(f"# background warm-up after the forms are shown: {time.perf_counter() - start:.1f} s")
        try:
            bench.round(0, timed=False, publish=True)  # warm-up
            for n in range(1, args.rounds + 1):
                bench.round(n, timed=True, publish=n <= args.publish_rounds)
        finally:
            bench.ws.close()
    print(
        f"{'action':<18}{'ours (ms)':>11}{'CLI (ms)':>11}{'ratio':>8}{'runs':>6}{'ours cold (ms)':>16}{'cold/CLI':>10}"
    )
    worst = 0.0
    for action, sides in bench.times.items():
        ours, cli = median(sides["ours"]), median(sides["cli"])
        worst = max(worst, ours / cli)
        print(
            f"{action:<18}{ours * 1000:>11.0f}{cli * 1000:>11.0f}{ours / cli:>8.2f}{len(sides['ours']):>6}"
            f"{bench.cold[action] * 1000:>16.0f}{bench.cold[action] / cli:>10.2f}"
        )
    print(
        f"# medians of interleaved runs; worst ratio {worst:.2f} (goal <= 1.0: {'OK' if worst <= 1.0 else 'NOT MET'})"
    )


if __name__ == "__main__":
    main()
