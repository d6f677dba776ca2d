"""The session a kernel works in: parameters checked against the store, the steps, who is typing.

One :class:`SessionContext` per kernel and parameter set. It never imports deduce: scrubbing happens
in the store, which calls the shared privacy service.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from leerkring.errors import LeerkringError
from leerkring.store.remote import RemoteUnavailable

log = logging.getLogger(__name__)

PARAMETERS = ("workspace", "session_id", "kring", "date", "method")
HUB_USER_ENV = "JUPYTERHUB_USER"
WALL_PAGE = 200  # the newest entries the walls show at first; "Toon oudere" adds as many each time

_CURRENT: SessionContext | None = None


class SessionContext:
    """Everything the forms of one session notebook share."""

    def __init__(self, params: dict):
        self.params = dict(params)
        self.problems: list[str] = []  # blocking: nothing is saved while any is present
        self.warnings: list[str] = []
        self.ws = None
        self.session = None
        self.kring = None
        self.notebook_steps: dict = {}
        self.notebook_has_start = False  # a cell of its own shows the session header (older templates)
        self._template_steps: dict | None = None
        self.identity = None  # a store Member
        self.forms: list = []
        self._identity_widget = None
        self._members = None
        self._entries: tuple | None = None  # ((viewer key, limit), entries): one query shared by every wall
        self.wall_limit = WALL_PAGE  # how many of the session's newest entries the walls show
        self.starting = None  # a pending.Starting while the forms wait for the privacy service
        self.live_enabled = True  # whether the live threads start (see leerkring.widgets.live)
        self._live = None

    # -- connecting -------------------------------------------------------------------------------
    @classmethod
    def connect(
        cls, params: dict, *, workspace=None, notebook_path: str | Path | None = None, live: bool | None = None
    ) -> SessionContext:
        """Open the workspace and check the notebook's parameters against the store.

        ``workspace`` may be an open :class:`~leerkring.workspace.Workspace` (tests; the widgets then
        share its store and scrubber). ``live``: whether the forms keep themselves current with the
        session's live threads (default: yes in a kernel, no with a ``workspace`` unless asked).
        """
        ctx = cls(params)
        ctx.live_enabled = workspace is None if live is None else bool(live)
        missing = [name for name in PARAMETERS if not params.get(name)]
        if missing:
            ctx.problems.append(
                "Dit notebook mist zijn ingevulde parameters (" + ", ".join(missing) + "). Open het "
                "sessienotebook dat 'leerkring session new' maakte, of vraag de leercoach het opnieuw te maken. "
                "Er wordt niets opgeslagen."
            )
            return ctx
        if workspace is None:
            from leerkring.widgets import pending

            if pending.begin(ctx, notebook_path):  # the forms wait visibly while the service starts
                return ctx
        ctx.open(workspace, notebook_path=notebook_path)
        return ctx

    def open(self, workspace=None, *, notebook_path=None, notice=None) -> None:
        """Open the workspace and tie this context to its session (problems are kept, not raised).

        ``notice`` wraps the first store calls (default: a notice in the running cell when the service
        has to start first; see :mod:`leerkring.widgets.waiting`).
        """
        from leerkring.widgets import waiting

        params = self.params
        try:
            with notice if notice is not None else waiting.shown_in_cell():
                self.ws = workspace or self._open_workspace(params["workspace"])
                try:
                    self._check_session()
                except RemoteUnavailable:  # the service takes no store calls: open the database here
                    log.info("the shared service takes no store calls; this kernel opens the database itself")
                    from leerkring.workspace import Workspace

                    self.ws.close()
                    self.ws = Workspace.open(self.ws.path, search=False)
                    self._check_session()
        except LeerkringError as exc:  # shown above every form; nothing is saved
            log.warning("session notebook not connected: %s", exc)
            self.problems.append(f"{exc} Er wordt niets opgeslagen.")
            return
        self._read_notebook(notebook_path)
        self._identity_from_hub()

    def _open_workspace(self, path):
        from leerkring import config
        from leerkring.workspace import SERVICE_URL_ENV, Workspace

        root = Path(str(path))
        if (root / config.SETTINGS_FILE).is_file() or os.environ.get(SERVICE_URL_ENV, "").strip():
            return Workspace.open_for_notebook(root)  # on JupyterHub the service holds the workspace
        found = config.find_workspace(Path.cwd())  # raises a Dutch error when there is none
        self.warnings.append(
            f"De werkruimte {root} uit de parameters bestaat hier niet; ik gebruik {found}, waar dit notebook in staat."
        )
        return Workspace.open_for_notebook(found)

    def _check_session(self) -> None:
        store = self.ws.store
        try:
            session_id = int(self.params["session_id"])
        except (TypeError, ValueError):
            raise LeerkringError(f"De parameter session_id ('{self.params['session_id']}') is geen nummer.") from None
        self.session = store.session(session_id)
        self.kring = store.kring(self.session.kring_id)
        wrong = []
        try:
            kring = store.kring(self.params["kring"])
            if kring.id != self.session.kring_id:
                wrong.append(f"kring: notebook '{self.params['kring']}', database '{self.kring.slug}'")
        except LeerkringError as exc:  # an unknown kring is a mismatch too
            log.debug("kring %r of the notebook not found: %s", self.params["kring"], exc)
            wrong.append(f"kring: notebook '{self.params['kring']}', database '{self.kring.slug}'")
        if str(self.params["date"]) != self.session.date.isoformat():
            wrong.append(f"datum: notebook {self.params['date']}, database {self.session.date.isoformat()}")
        if str(self.params["method"]) != self.session.method:
            wrong.append(f"methode: notebook '{self.params['method']}', database '{self.session.method}'")
        if wrong:
            self.problems.append(
                f"De parameters van dit notebook kloppen niet met sessie {self.session.id} in de database ("
                + "; ".join(wrong)
                + "). Om te voorkomen dat bijdragen bij de verkeerde sessie terechtkomen, "
                "is opslaan uitgeschakeld. Vraag de leercoach om het sessienotebook opnieuw te maken."
            )

    def _read_notebook(self, notebook_path) -> None:
        from leerkring.notebooks.templates import META, cell_meta, steps_of

        candidates = []
        if notebook_path:
            candidates.append(Path(notebook_path))
        running = os.environ.get("JPY_SESSION_NAME", "")
        if running.endswith(".ipynb"):
            candidates.append(Path(running) if Path(running).is_absolute() else Path.cwd() / Path(running).name)
        if self.session.notebook:
            candidates.append(self.ws.path / self.session.notebook)
        for path in candidates:
            try:
                nb = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError) as exc:  # try the next place the notebook may be
                log.debug("session notebook not read from %s: %s", path, exc)
                continue
            meta = (nb.get("metadata") or {}).get(META) or {}
            if meta.get("session_id") not in (None, self.session.id):
                self.problems.append(
                    f"Dit notebook hoort bij sessie {meta['session_id']}, maar de parameters wijzen naar sessie "
                    f"{self.session.id}. Opslaan is uitgeschakeld; vraag de leercoach om het notebook opnieuw te maken."
                )
            self.notebook_steps = {s.key: s for s in steps_of(nb)}
            self.notebook_has_start = any(
                cell_meta(c).get("role") == "start" for c in nb.get("cells", ()) if c.get("cell_type") == "code"
            )
            return
        self.warnings.append("Het sessienotebook zelf is niet gevonden; ik gebruik de stappen uit het sjabloon.")

    # -- steps ------------------------------------------------------------------------------------
    @property
    def template_steps(self) -> dict:
        if self._template_steps is None:
            from leerkring.notebooks.templates import find_template, read_notebook, steps_of

            self._template_steps = {}
            path = find_template(self.session.method, self.ws.path) if self.session else None
            if path is not None:
                try:
                    self._template_steps = {s.key: s for s in steps_of(read_notebook(path))}
                except LeerkringError as exc:  # then the steps come from the method (see step())
                    log.warning("template %s not usable for its steps: %s", path, exc)
        return self._template_steps

    def step(self, key: str, role: str = "step"):
        """(Step, warning or None): from the notebook's metadata, else the template, else the method."""
        from leerkring.notebooks.templates import Step

        found = self.notebook_steps.get(key)
        if found is not None and (found.principles or role in ("signal", "evaluation")):
            return found, None
        found = self.template_steps.get(key)
        if found is not None:
            return found, (
                f"Deze stap mist zijn metadata in het notebook; ik gebruik stap '{key}' uit het sjabloon "
                f"'{self.session.method}'."
            )
        principles = ()
        if self.ws is not None and self.session is not None:
            fw = self.ws.store.frameworks
            principles = (
                tuple(p for p in fw.method(self.session.method).principles)
                if key not in {p.key for p in fw.principles}
                else (key,)
            )
        return Step(key, role, key.replace("_", " ").capitalize(), principles), (
            f"Deze stap ('{key}') mist zijn metadata en staat ook niet in het sjabloon; het formulier biedt de "
            "principes van de methode aan."
        )

    # -- who is typing ----------------------------------------------------------------------------
    def members(self):
        """Members who can contribute (managers only read the dashboard)."""
        if self._members is None:
            self._members = [m for m in self.ws.store.members(self.kring.id) if m.role != "manager"]
        return self._members

    def _identity_from_hub(self) -> None:
        user = (os.environ.get(HUB_USER_ENV) or "").strip()
        if not user:
            return
        key = user.lower()
        for member in self.members():
            if key in {(member.username or "").lower(), member.name.lower()}:
                self.identity = member
                return
        self.warnings.append(
            f"Je JupyterHub-naam '{user}' hoort niet bij een lid van deze kring; kies hieronder wie je bent."
        )

    def set_identity(self, person_id: int | None) -> None:
        self.identity = next((m for m in self.members() if m.person_id == person_id), None)
        if self._live is not None and self._live.room is not None:
            self._live.load()  # votes left are the person's own
        self.refresh_all()

    @property
    def is_coach(self) -> bool:
        """Whether the person in this notebook is a coach of the kring (who leads the live session)."""
        return self.identity is not None and self.identity.role == "coach"

    # -- the live session -------------------------------------------------------------------------
    @property
    def live(self):
        """The session's :class:`~leerkring.widgets.live.Live` (its room; the threads run once started)."""
        if self._live is None:
            from leerkring.widgets.live import Live

            self._live = Live(self)
        return self._live

    def go_live(self) -> None:
        """Start the live threads when this context may (a kernel, or a test that asked for it)."""
        if self.live_enabled and self.session is not None and self.ws is not None:
            self.live.start()

    def close(self) -> None:
        """Stop the live threads (the context is replaced or the notebook is done)."""
        if self._live is not None:
            self._live.stop()

    def refresh_all(self) -> None:
        """Re-read the session's entries once and redraw every form's wall."""
        self._entries = None
        for form in list(self.forms):
            try:
                form.refresh(fresh=False)
            except Exception:  # pragma: no cover - a broken form must not block the others
                log.exception("refreshing a %s failed", type(form).__name__)

    def session_entries(self, fresh: bool = True) -> list:
        """This session's newest :attr:`wall_limit` entries as the current viewer may see them, oldest first.

        ``fresh=False`` reuses the last answer for the same viewer (the forms of one notebook run share
        one query); a refresh or a save asks again, and its answer is what the next forms reuse.
        """
        key = (self.identity.person_id if self.identity is not None else None, self.wall_limit)
        if fresh or self._entries is None or self._entries[0] != key:
            entries = self.ws.store.entries(self.viewer(), session_id=self.session.id, limit=self.wall_limit)
            self._entries = (key, entries)
        return self._entries[1]

    def more_entries(self) -> bool:
        """True when the session may have entries older than the walls show (the last page was full)."""
        return self._entries is not None and len(self._entries[1]) >= self._entries[0][1]

    @property
    def identity_fixed(self) -> bool:
        return bool(os.environ.get(HUB_USER_ENV)) and self.identity is not None

    def identity_widget(self):
        """One shared dropdown (every view of it stays in sync), remembered for the kernel."""
        if self._identity_widget is None:
            import ipywidgets as w

            options = [("— kies je naam —", None)] + [
                (m.name + (" (gast)" if m.role == "guest" else ""), m.person_id) for m in self.members()
            ]
            self._identity_widget = w.Dropdown(
                options=options,
                value=self.identity.person_id if self.identity else None,
                description="Ik ben",
                layout=w.Layout(width="22rem"),
            )
            self._identity_widget.observe(lambda change: self.set_identity(change["new"]), "value")
        return self._identity_widget

    def viewer(self):
        from leerkring.store.viewer import Viewer

        if self.identity is not None:
            return Viewer.member(self.identity.person_id, [self.kring.id], self.identity.name)
        return Viewer.kring_summary([self.kring.id])

    # -- before every save --------------------------------------------------------------------------
    def refuse_reason(self) -> str | None:
        """A Dutch reason why nothing may be saved now, or None."""
        if self.problems:
            return self.problems[0]
        current = self.ws.store.session(self.session.id)
        self.session = current
        if not current.is_open:
            return (
                f"Sessie {current.id} ({current.date.isoformat()}) is gesloten; er kan niets meer bij. "
                "Vraag de leercoach om haar te heropenen."
            )
        return None


def params_from_namespace() -> dict:
    """The notebook's parameters as the kernel sees them (the parameters cell sets them)."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover - outside IPython there is no notebook namespace
        log.debug("IPython is not available; no notebook parameters")
        shell = None
    ns = shell.user_ns if shell is not None else {}
    return {name: ns.get(name) for name in (*PARAMETERS, "title")}


def current(params: dict | None = None) -> SessionContext:
    """The kernel's context, (re)connected when the parameters changed."""
    global _CURRENT
    params = params if params is not None else params_from_namespace()
    if _CURRENT is None or _CURRENT.params != params:
        previous = _CURRENT
        if previous is not None:
            previous.close()
        _CURRENT = SessionContext.connect(params)
        if (
            previous is not None
            and previous.identity is not None
            and _CURRENT.session is not None
            and previous.kring is not None
            and previous.kring.id == _CURRENT.kring.id
            and _CURRENT.identity is None
        ):
            _CURRENT.identity = previous.identity
    return _CURRENT


def use(ctx: SessionContext | None) -> None:
    """Make ``ctx`` the kernel's context (tests and embedding)."""
    global _CURRENT
    if _CURRENT is not None and _CURRENT is not ctx:
        _CURRENT.close()
    _CURRENT = ctx
