"""``leerkring summarize``: one papermill run of the summary notebook for every kring and audience,
then split per summary into ``.ipynb``, a self-contained ``.html`` and ``.json``, written atomically.

Layout (``<period>`` is the period's file stem, e.g. ``2026Q4`` or ``alles``)::

    summaries/kring/<kring-slug>/<period>.{ipynb,html,json}          the kring zone
    summaries/organisatie/<kring-slug>/<period>.{ipynb,html,json}    the organisation zone
    summaries/organisatie/_organisatie/<period>.{ipynb,html,json}    roll-up across all kringen
"""

from __future__ import annotations

import copy
import json
import logging
import os
import shutil
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from leerkring.errors import LeerkringError
from leerkring.summary import files
from leerkring.summary.kernel import MANIFEST, WARM_UP

log = logging.getLogger(__name__)

EXTENSIONS = ("ipynb", "html", "json")
STAGING_PREFIX = ".staging-"


@dataclass
class Outcome:
    written: list[Path] = field(default_factory=list)
    rebuilt: list[Path] = field(default_factory=list)  # damaged files from an earlier run, now replaced
    empty: list[str] = field(default_factory=list)  # targets with no sessions in the period
    targets: list[str] = field(default_factory=list)
    period: str = ""
    seconds: float = 0.0


def to_html(nb, title: str) -> str:
    """The split notebook as one self-contained Dutch HTML page (see :mod:`leerkring.summary.page`)."""
    from leerkring.summary.page import notebook_html

    return notebook_html(nb, title, lang="nl")


def split(executed, entry: dict, params: dict):
    """The notebook for one target: the cells of the run with only that target's outputs."""
    nb = copy.copy(executed)
    nb.metadata = copy.deepcopy(executed.metadata)
    target = entry["target"]
    cells = []
    for cell in executed.cells:
        new = copy.copy(cell)
        new.metadata = copy.deepcopy(cell.metadata)
        if cell.cell_type == "code":
            if "injected-parameters" in cell.metadata.get("tags", []):
                new.source = "\n".join(f"{k} = {v!r}" for k, v in params.items())
            new.outputs = [
                o for o in cell.get("outputs", []) if o.get("metadata", {}).get("leerkring", {}).get("target") == target
            ]
        cells.append(new)
    nb.cells = cells
    nb.metadata["leerkring"] = {
        "notebook": "summary",
        "target": target,
        "audience": entry["audience"],
        "kring": entry["slug"],
        "period": params["period"],
        "schema_version": 1,
    }
    if "papermill" in nb.metadata:
        nb.metadata["papermill"]["parameters"] = params
        for key in ("input_path", "output_path"):
            nb.metadata["papermill"].pop(key, None)
    return nb


def _clean_old_staging(root: Path) -> None:
    if not root.is_dir():
        return
    for old in root.glob(STAGING_PREFIX + "*"):
        try:
            if time.time() - old.stat().st_mtime > 3600:
                shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            log.debug("old staging folder %s left in place: %s", old, exc)


def summarize(
    ws,
    kring: str | None = "all",
    period: str | None = None,
    audience: str = "both",
    *,
    actor: str = "systeem",
    progress: bool | None = None,
    kernel_name: str = "python3",
    log=None,
) -> Outcome:
    """Run the summary notebook once and publish every summary. Raises LeerkringError."""
    from leerkring.summary.build import Builder

    started = time.perf_counter()
    builder = Builder(ws, kring, period, audience)  # checks period, kring and sessions before a kernel starts
    # Start the kernel first: it boots in its own process while this one loads papermill and nbformat
    # (about a second, mostly jsonschema); papermill then runs the notebook on this kernel.
    km = start_kernel(kernel_name, ws.path)
    try:
        return _summarize(ws, builder, km, audience, actor=actor, progress=progress, log=log, started=started)
    finally:
        stop_kernel(km)


def start_kernel(kernel_name: str, cwd: Path):
    """A started kernel (as nbclient would start it: IPython history in memory, working folder ``cwd``)."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    km = AsyncKernelManager(kernel_name=kernel_name)
    try:
        run_sync(km.start_kernel)(
            cwd=str(cwd),
            extra_arguments=[
                "--HistoryManager.hist_file=:memory:",
                # the kernel is local and private to this run: keep its transport notice off the user's screen
                "--IPKernelApp.log_level=ERROR",
                # imports for the summary cells, done while the kernel would otherwise wait for papermill
                f"--IPKernelApp.exec_lines={[WARM_UP]!r}",
            ],
        )
    except Exception as exc:
        raise LeerkringError(f"De kernel '{kernel_name}' start niet: {str(exc).splitlines()[0][:200]}") from exc
    return km


def request_stop(km) -> None:
    """Ask the kernel to shut down, without waiting: it exits while the files are written."""
    from jupyter_core.utils import run_sync

    try:
        if run_sync(km.is_alive)():
            run_sync(km.request_shutdown)()
            km._leerkring_stop_requested = True
    except Exception as exc:  # noqa: BLE001  # pragma: no cover - stop_kernel kills it in any case
        log.debug("asking the summary kernel to stop failed (%s); it is stopped later", exc)


def stop_kernel(km) -> None:
    """Wait for the kernel to exit (kill it after the usual grace period) and release its resources."""
    from jupyter_core.utils import run_sync

    try:
        if getattr(km, "_leerkring_stop_requested", False):
            run_sync(km.finish_shutdown)()  # waits for the exit it asked for; kills after the grace period
        elif run_sync(km.is_alive)():
            run_sync(km.shutdown_kernel)(now=False)
    except Exception as exc:  # noqa: BLE001  # pragma: no cover - last resort
        log.debug("the summary kernel did not stop cleanly (%s); killing it", exc)
        try:
            run_sync(km.shutdown_kernel)(now=True)
        except Exception as exc2:  # noqa: BLE001
            log.debug("killing the summary kernel failed: %s", exc2)
    finally:
        try:
            run_sync(km.cleanup_resources)()
        except Exception as exc:  # noqa: BLE001
            log.debug("the summary kernel's resources were not released: %s", exc)


def _without_iri_grammars() -> None:
    """Import jsonschema (nbformat and papermill need it) without its optional ``rfc3987_syntax`` helper.

    With that package installed, importing jsonschema compiles about 40 lark grammars for the "iri" and
    "iri-reference" format checks: about 0.7 s of this process's start, while the kernel waits for
    papermill. Neither the notebook schema nor the summary schema uses those formats (only "date" and
    "date-time"), so jsonschema is imported as if the helper were absent; afterwards the helper can be
    imported normally again."""
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return
    sys.modules["rfc3987_syntax"] = None  # makes its import raise ImportError, which jsonschema tolerates
    try:
        import jsonschema  # noqa: F401
    finally:
        if sys.modules.get("rfc3987_syntax", 0) is None:
            del sys.modules["rfc3987_syntax"]


def _summarize(ws, builder, km, audience, *, actor, progress, log, started) -> Outcome:
    _without_iri_grammars()
    import nbformat
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from leerkring.store.publications import digest

    audience_param = audience if audience in ("kring", "organisatie") else "both"
    kring_param = "all" if builder.all_kringen else builder.kringen[0].slug
    summaries_dir = ws.summaries_dir
    summaries_dir.mkdir(parents=True, exist_ok=True)
    _clean_old_staging(summaries_dir)
    staging = summaries_dir / f"{STAGING_PREFIX}{uuid.uuid4().hex[:10]}"
    staging.mkdir()
    outcome = Outcome(period=builder.period.label)
    say = log or (lambda text: None)
    try:
        params = {
            "workspace": str(ws.path),
            "kring": kring_param,
            "period": builder.period.label,
            "audience": audience_param,
            "staging": str(staging),
        }
        say(
            f"Samenvatten ({builder.period.describe()}): één notebookuitvoering voor {len(builder.kringen)} "
            f"kring(en)..."
        )
        try:
            # no output path: the run's notebook is only split below, never saved as a whole
            executed = pm.execute_notebook(
                str(files.notebook_path()),
                None,
                parameters=params,
                kernel_name=km.kernel_name,
                progress_bar=False,
                cwd=str(ws.path),
                log_output=False,
                request_save_on_cell_execute=False,
                km=km,
            )
        except PapermillExecutionError as exc:
            if exc.ename in (
                "LeerkringError",
                "UsageError",
                "NotFound",
                "DatabaseError",
                "ScrubberError",
                "NotAllowed",
            ):
                raise LeerkringError(exc.evalue) from None
            raise LeerkringError(f"De samenvattingsnotebook liep vast ({exc.ename}: {exc.evalue[:200]}).") from None
        request_stop(km)
        manifest = json.loads((staging / MANIFEST).read_text("utf-8"))
        show = progress if progress is not None else (len(manifest) > 5 and sys.stderr.isatty())
        from tqdm.auto import tqdm

        for entry in tqdm(manifest, desc="samenvattingen", unit="stuk", disable=not show, file=sys.stderr):
            per_target = {
                **params,
                "kring": entry["slug"] if entry["slug"] != "_organisatie" else "all",
                "audience": entry["audience"],
                "staging": "",
            }
            nb = split(executed, entry, per_target)
            stem = entry["stem"]
            final_dir = files.target_dir(summaries_dir, entry["audience"], entry["slug"])
            stage_dir = staging / entry["audience"] / entry["slug"]
            files.atomic_write(stage_dir / f"{stem}.ipynb", nbformat.writes(nb))
            title = f"Samenvatting {entry['name']} ({builder.period.label})"
            files.atomic_write(stage_dir / f"{stem}.html", to_html(nb, title))
            final_dir.mkdir(parents=True, exist_ok=True)
            written = []
            hashes = {}
            for ext in EXTENSIONS:  # json last: a reader of the JSON finds its HTML complete
                final = final_dir / f"{stem}.{ext}"
                if files.is_damaged(final):
                    outcome.rebuilt.append(final)
                staged = stage_dir / f"{stem}.{ext}"
                hashes[final.relative_to(ws.path).as_posix()] = digest(staged.read_bytes())
                os.replace(staged, final)
                written.append(final)
            outcome.written.extend(written)
            outcome.targets.append(entry["target"])
            if entry["empty"]:
                outcome.empty.append(entry["target"])
            # who, when and the hash of every file: the dashboard shows only files recorded here
            ws.store.record_publication(
                actor,
                hashes,
                audience=entry["audience"],
                kring=entry["slug"],
                period=builder.period.label,
                empty=entry["empty"],
            )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    outcome.seconds = time.perf_counter() - started
    return outcome
