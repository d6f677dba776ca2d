"""What ``notebooks/dashboard.ipynb`` runs: the overview as static HTML, then a kring/period choice.

The notebook has one code cell, ``from leerkring.dashboard.app import show; show()``, so the page logic
lives in the package (tested, versioned) and Voilà strips nothing of interest from the page.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from leerkring.dashboard import render
from leerkring.dashboard.data import Library, SummaryFile, UnreadableSummary, load
from leerkring.errors import LeerkringError
from leerkring.sections.document import ROLLUP_SLUG

log = logging.getLogger(__name__)

ALL_LABEL = "Alle kringen samen"
CACHE_ENV = "LEERKRING_DASHBOARD_CACHE"


def scope_options(library: Library, names: dict[str, str]) -> list[tuple[str, str]]:
    """The kring choice: the roll-up first (when there is one), then the kringen by name."""
    scopes = [(ALL_LABEL, ROLLUP_SLUG)] if library.has_rollup else []
    return scopes + sorted(((names.get(s, s), s) for s in library.kring_slugs()), key=lambda x: x[0].lower())


def _cache_key(ref: SummaryFile) -> str:
    st = ref.path.stat()
    return f"<!-- leerkring-cache {st.st_size}:{st.st_mtime_ns} -->\n"


def _cache_path(cache_dir: Path, ref: SummaryFile) -> Path:
    return Path(cache_dir) / ref.scope / f"{ref.stem}.html"


def prerender(data_dir, cache_dir) -> None:
    """Render the view the page opens with, ahead of time (the launcher calls this while staging), so
    the first page view only reads one HTML file: no summary to load and validate, nothing to draw.
    Other views render in the kernel when chosen (a few milliseconds: the charts are plain SVG)."""
    library = Library(data_dir)
    if library.empty:
        return
    names = library.kring_names()
    scope = scope_options(library, names)[0][1]
    ref = library.default_period(scope)
    if ref is None:
        return
    try:
        body = render.summary(load(ref.path), names)
    except Exception:
        log.exception(
            "the dashboard's first view of %s could not be rendered ahead; the kernel will show its message", ref.path
        )
        return
    target = _cache_path(cache_dir, ref)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_cache_key(ref) + body, encoding="utf-8")


def _from_cache(ref: SummaryFile) -> str | None:
    cache_dir = os.environ.get(CACHE_ENV)
    if not cache_dir:
        return None
    try:
        text = _cache_path(Path(cache_dir), ref).read_text(encoding="utf-8")
        key, _, body = text.partition("\n")
        return body if key + "\n" == _cache_key(ref) else None
    except OSError as exc:
        log.debug("no pre-rendered view of %s (%s); rendering it now", ref.path, exc)
        return None


def _note(text: str) -> str:
    return f'<div class="lk" lang="nl"><p class="lk-note">{render.esc(text)}</p></div>'


class Dashboard:
    """The interactive part: a kring and a period Dropdown, and the view of that summary."""

    def __init__(self, library: Library, names: dict[str, str]):
        import ipywidgets as widgets

        self.library = library
        self.names = names
        scopes = scope_options(library, names)
        self.kring = widgets.Dropdown(
            options=scopes,
            value=scopes[0][1],
            description="Kring",
            style={"description_width": "4rem"},
            layout=widgets.Layout(width="24rem"),
        )
        self.period = widgets.Dropdown(
            description="Periode", style={"description_width": "4rem"}, layout=widgets.Layout(width="22rem")
        )
        self.content = widgets.HTML()
        self._set_periods(self.kring.value)
        self.render()
        self.kring.observe(self._on_kring, names="value")
        self.period.observe(self._on_period, names="value")
        heading = widgets.HTML(
            '<div class="lk" lang="nl"><h2 id="lk-per-kring">Per kring en periode</h2>'
            '<p class="lk-muted">Kies een kring en een periode.</p></div>'
        )
        self.widget = widgets.VBox([heading, widgets.HBox([self.kring, self.period]), self.content])

    def _set_periods(self, scope: str) -> None:
        files = self.library.periods(scope)
        default = self.library.default_period(scope)
        self.period.options = [(f.label, f.stem) for f in reversed(files)]  # newest first
        self.period.value = default.stem if default else None

    def _on_kring(self, change) -> None:
        with self.period.hold_trait_notifications():
            self._set_periods(change["new"])
        self.render()

    def _on_period(self, change) -> None:
        self.render()

    def render(self) -> None:
        self.content.value = self.view(self.kring.value, self.period.value)

    def view(self, scope: str, stem: str | None) -> str:
        ref = self.library.get(scope, stem) if stem else None
        if ref is None:
            return _note("Er is geen samenvatting voor deze keuze.")
        cached = _from_cache(ref)
        if cached is not None:
            return cached
        try:
            return render.summary(load(ref.path), self.names)
        except UnreadableSummary as exc:
            log.warning("summary %s not shown: %s", ref.path, exc.message)
            return _note(exc.message)
        except Exception:  # never a traceback on a manager's screen
            log.exception("summary %s could not be rendered", ref.path)
            return _note("Deze samenvatting kon niet getoond worden. Maak hem opnieuw met 'leerkring summarize'.")


def _log_to_server() -> None:
    """Send leerkring's log records in the dashboard kernel to the kernel's own stderr (the server's log):
    without a handler, Python would print warnings to ``sys.stderr``, which a kernel shows on the page."""
    logger = logging.getLogger("leerkring")
    if not any(getattr(h, "_leerkring_dashboard", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.__stderr__)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler._leerkring_dashboard = True
        logger.addHandler(handler)
        logger.propagate = False


def show(data_dir: str | None = None) -> None:
    """Display the dashboard in the current notebook (Voilà)."""
    from IPython.display import HTML, display

    _log_to_server()
    try:
        library = Library(data_dir)
    except LeerkringError as exc:
        log.warning("dashboard without summaries: %s", exc.message)
        display(HTML(render.CSS + _note(exc.message)))
        return
    if library.empty:
        display(
            HTML(
                render.CSS
                + _note(
                    "Er zijn nog geen samenvattingen voor de organisatie; maak eerst "
                    "samenvattingen met 'leerkring summarize'."
                )
            )
        )
        return
    names = library.kring_names()
    rollup = library.default_period(ROLLUP_SLUG)
    doc = None
    if rollup is not None:
        try:
            doc = load(rollup.path)
        except UnreadableSummary as exc:
            log.warning("organisation overview %s not shown: %s", rollup.path, exc.message)
            doc = None
    try:
        display(HTML(render.CSS + render.overview(doc, names, len(library.kring_slugs()))))
        display(Dashboard(library, names).widget)
    except Exception:
        log.exception("the dashboard could not be built")
        display(
            HTML(
                _note(
                    "Het dashboard kon niet worden opgebouwd. Maak de samenvattingen opnieuw met 'leerkring summarize'."
                )
            )
        )
