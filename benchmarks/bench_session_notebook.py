"""Session notebooks: creating one, and running one top to bottom, each against an anchor.

Goals (issue "Session notebooks and contribution widgets"):
- creating a session notebook (``leerkring session new``) takes <= 1 s wall;
  anchor: papermill's own prepare-only parameterisation of the same template, in-process;
- running a whole session notebook top to bottom takes <= 1.5 x papermill running an empty notebook,
  measured in the same run. Both run through papermill with the output notebook written once, at the
  end, as JupyterLab's "Run All" and our nbclient tests run a session notebook; papermill's default of
  also writing the whole notebook before and after every cell (a checkpoint for long jobs) is measured
  and printed next to it, with the share those writes take.

Settings: BENCH_RUNS (creating), BENCH_RUN_RUNS (running, default 15), BENCH_CLI_RUNS (the papermill
command, default 7; 0 leaves it out), BENCH_METHOD (the template to run, default teamreflectie).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, header, median  # noqa: E402

from leerkring.notebooks.lifecycle import plan_session

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
# Running a notebook is noisy on a small VM: kernel start and stop vary by ~0.1 s (jupyter_client polls a
# stopping kernel every 0.1 s), so the run comparison takes the median of more interleaved runs.
RUN_RUNS = int(os.environ.get("BENCH_RUN_RUNS", "15"))
CLI_RUNS = int(os.environ.get("BENCH_CLI_RUNS", "7"))  # 0 leaves the papermill-command comparison out
METHOD = os.environ.get("BENCH_METHOD", "teamreflectie")  # the template whose notebook is run


def setup(root: Path):
    from leerkring.workspace import Workspace

    ws = Workspace.init(root, "Bench")
    kring = ws.add_kring("Wijkteam Bench")
    for name, role in (("Cora Coach", "coach"), ("Mila Lid", "member"), ("Nout Lid", "member")):
        ws.store.add_member(kring.id, name, role)
    return ws, kring


def bench_create(root: Path) -> None:
    import nbformat
    from papermill.parameterize import parameterize_notebook

    from leerkring.notebooks import find_template

    ws, kring = setup(root / "create")
    lib = []
    for i in range(RUNS * 3):
        start = time.perf_counter()
        plan_session(ws, kring.id, (dt.date(2027, 1, 1) + dt.timedelta(days=i)).isoformat(), "teamreflectie")
        lib.append(time.perf_counter() - start)
    cli = []
    for i in range(RUNS):
        start = time.perf_counter()
        subprocess.run(
            [
                PYTHON,
                "-m",
                "leerkring",
                "--workspace",
                str(ws.path),
                "session",
                "new",
                "--kring",
                "Wijkteam Bench",
                "--date",
                (dt.date(2028, 1, 1) + dt.timedelta(days=i)).isoformat(),
            ],
            check=True,
            capture_output=True,
        )
        cli.append(time.perf_counter() - start)
    template = find_template("teamreflectie")
    anchor = []
    for _ in range(RUNS * 3):
        start = time.perf_counter()
        nb = nbformat.read(template, as_version=4)
        for cell in nb.cells:  # what papermill's execute_notebook does before parameterising
            cell.metadata.setdefault("tags", [])
        nb.metadata.setdefault("papermill", {})
        nb = parameterize_notebook(
            nb,
            {
                "workspace": str(ws.path),
                "session_id": 1,
                "kring": "x",
                "date": "2027-01-01",
                "method": "teamreflectie",
                "title": "",
            },
        )
        nbformat.write(nb, root / "anchor.ipynb")
        anchor.append(time.perf_counter() - start)
    ws.close()
    print("## creating a session notebook (teamreflectie)")
    print(f"Workspace.new_session (library, store + notebook): {median(lib) * 1000:7.1f} ms (median of {len(lib)})")
    print(f"leerkring session new (whole CLI process)        : {median(cli) * 1000:7.1f} ms (median of {len(cli)})")
    print(
        f"anchor: papermill parameterize_notebook + write  : {median(anchor) * 1000:7.1f} ms (median of {len(anchor)}, warm imports)"
    )
    print(
        f"ratio library/anchor: {median(lib) / median(anchor):.2f}x; budget 1 s: "
        f"{'OK' if median(cli) <= 1.0 else 'OVER'} (CLI {median(cli):.2f} s)"
    )


def bench_run(root: Path) -> None:
    import nbformat
    import papermill as pm
    import papermill.engines as pm_engines

    ws, kring = setup(root / "run")
    session = plan_session(ws, kring.id, "2027-03-01", METHOD)
    path = ws.path / session.notebook
    ws.close()
    shape = nbformat.read(path, as_version=4)
    code_cells = sum(cell.cell_type == "code" for cell in shape.cells)
    empty = root / "empty.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("")]  # what JupyterLab's "New notebook" gives
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, empty)
    env_user = os.environ.pop("JUPYTERHUB_USER", None)
    os.environ["JUPYTERHUB_USER"] = "Mila Lid"

    # Papermill's per-cell checkpoint writes, timed where papermill makes them.
    writes = {"n": 0, "s": 0.0}
    write_ipynb = pm_engines.write_ipynb

    def timed_write(nb, path):
        start = time.perf_counter()
        try:
            return write_ipynb(nb, path)
        finally:
            writes["n"] += 1
            writes["s"] += time.perf_counter() - start

    pm_engines.write_ipynb = timed_write

    def run(src: Path, out: Path, checkpoints: bool) -> float:
        start = time.perf_counter()
        pm.execute_notebook(
            str(src),
            str(out),
            kernel_name="python3",
            progress_bar=False,
            cwd=str(src.parent),
            log_output=False,
            request_save_on_cell_execute=checkpoints,
        )
        return time.perf_counter() - start

    for checkpoints in (False, True):  # warm the disk cache and bytecode for both
        run(empty, root / "warm.ipynb", checkpoints)
        run(path, root / "warm2.ipynb", checkpoints)
    # Interleaved, so every variant sees the same machine load.
    times = {key: [] for key in ("anchor", "ours", "anchor_cp", "ours_cp")}
    checkpoint_writes = []
    for _ in range(RUN_RUNS):
        times["anchor"].append(run(empty, root / "empty-out.ipynb", False))
        times["ours"].append(run(path, root / "session-out.ipynb", False))
        times["anchor_cp"].append(run(empty, root / "empty-out.ipynb", True))
        writes.update(n=0, s=0.0)
        times["ours_cp"].append(run(path, root / "session-out.ipynb", True))
        checkpoint_writes.append((writes["n"], writes["s"]))
    pm_engines.write_ipynb = write_ipynb
    # The same two notebooks through the papermill command with its defaults, as a CI job would run
    # them (a fresh process each time, papermill's own start-up included on both sides).
    cli_ours, cli_anchor = [], []
    for _ in range(CLI_RUNS):
        for src, out, into in ((empty, "empty-cli.ipynb", cli_anchor), (path, "session-cli.ipynb", cli_ours)):
            start = time.perf_counter()
            subprocess.run(
                [
                    PYTHON,
                    "-m",
                    "papermill",
                    "--no-progress-bar",
                    "--cwd",
                    str(src.parent),
                    "-k",
                    "python3",
                    str(src),
                    str(root / out),
                ],
                check=True,
                capture_output=True,
            )
            into.append(time.perf_counter() - start)
    if env_user is None:
        os.environ.pop("JUPYTERHUB_USER", None)
    else:
        os.environ["JUPYTERHUB_USER"] = env_user

    def spread(ours, anchor) -> str:
        ratios = sorted(o / a for o, a in zip(ours, anchor))
        return f"pairwise min {ratios[0]:.2f}, median {median(ratios):.2f}, max {ratios[-1]:.2f}"

    m = {key: median(values) for key, values in times.items()}
    ratio = m["ours"] / m["anchor"]
    print(f"## running a whole session notebook ({METHOD}: {len(shape.cells)} cells, {code_cells} of them code)")
    print(f"(papermill in-process, warm, median of {RUN_RUNS} interleaved runs)")
    print(
        "goal: the notebook run, its output written once at the end "
        "(papermill request_save_on_cell_execute=False on both sides)"
    )
    print(f"  session notebook: {m['ours']:6.2f} s   anchor, empty notebook: {m['anchor']:6.2f} s")
    print(
        f"  ratio ours/anchor: {ratio:.2f}x; budget 1.5x: {'OK' if ratio <= 1.5 else 'OVER'} "
        f"({spread(times['ours'], times['anchor'])})"
    )
    n_writes = checkpoint_writes[0][0]
    write_s = median([s for _, s in checkpoint_writes])
    print(
        "context: papermill's default, which also writes the whole output notebook before and after every "
        "cell as a checkpoint"
    )
    print(
        f"  session notebook: {m['ours_cp']:6.2f} s   anchor, empty notebook: {m['anchor_cp']:6.2f} s   "
        f"ratio {m['ours_cp'] / m['anchor_cp']:.2f}x ({spread(times['ours_cp'], times['anchor_cp'])})"
    )
    print(
        f"  of which papermill's {n_writes} notebook writes: {write_s * 1000:.0f} ms "
        f"({write_s / m['anchor_cp']:.2f}x of the anchor)"
    )
    if CLI_RUNS:
        print(
            f"context, the papermill command (fresh process each run, median of {CLI_RUNS}): session notebook "
            f"{median(cli_ours):.2f} s, empty notebook {median(cli_anchor):.2f} s, "
            f"ratio {median(cli_ours) / median(cli_anchor):.2f}x"
        )


def main() -> None:
    header("Session notebooks: create and run")
    with tempfile.TemporaryDirectory() as tmp:
        bench_create(Path(tmp))
        bench_run(Path(tmp))


if __name__ == "__main__":
    main()
