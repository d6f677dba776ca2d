"""Contribution forms for session notebooks. Each template cell calls one of these, e.g.::

    from leerkring.widgets import step; step("analyse")

The functions read the notebook's parameters from the kernel (its ``parameters`` cell), check
them against the store, and display a form. Importing this module is cheap: ipywidgets, the store and
the frameworks load on the first call. Nothing here loads deduce; the store calls the privacy service.

For tests and embedding, :func:`build` returns the form object instead of displaying it. Which form
a role shows is looked up through the ``form_roles`` hook (:mod:`leerkring.widgets.plugin` registers
leerkring's own), so the plugin manager loads with the first form, not with this module.

Layout: ``base`` (shared widget plumbing), ``markup`` (all HTML), ``lazy`` (parts built on first
use), ``fields`` (an entry kind's declared fields), ``wall``, and one module per form: ``start``,
``entry_form``, ``actions_form``, ``signal_form``, ``evaluation_form``. ``context`` ties a kernel to
its session; ``waiting`` tells the member when the shared service starts, and ``pending`` shows
every form's frame with that notice while it starts. The live session: ``live`` (the room and the
threads that keep every form current), ``room_panel`` (phase, clock, case, turn and vote at the top),
``facilitator`` (the coach's buttons), ``vote``, ``case_form`` and ``room_markup`` (their HTML).
"""

from __future__ import annotations

__all__ = ["start", "step", "open_actions", "signal", "evaluation", "connect", "build"]


def connect(params: dict | None = None, **kwargs):
    """The kernel's :class:`~leerkring.widgets.context.SessionContext` (connecting on first use).

    With ``workspace=<open Workspace>`` a new context is made on that workspace and becomes current.
    """
    from leerkring.widgets import context

    if kwargs:
        ctx = context.SessionContext.connect(params or context.params_from_namespace(), **kwargs)
        context.use(ctx)
        return ctx
    return context.current(params)


def build(kind: str, key: str | None = None, ctx=None):
    """Build (not display) a form: kind is a role such as 'start', 'step', 'open_actions', 'signal' or
    'evaluation' (the ``form_roles`` hook: leerkring's own roles and any a plugin adds)."""
    from leerkring import plugins
    from leerkring.widgets.base import ProblemPanel

    ctx = ctx or connect()
    if ctx.starting is not None:  # the privacy service starts: a frame that says so, filled later
        return ctx.starting.placeholder(kind, key)
    if ctx.session is None:
        return ProblemPanel(ctx)
    form = plugins.mapping("form_roles").get(kind)
    if form is None:
        raise ValueError(f"unknown form kind {kind!r}")
    form = form(ctx, key)
    _join_room(ctx, form)
    return form


def _join_room(ctx, form) -> None:
    """Let a form show the live session (phase line, lock; the room panel) and start the live threads."""
    if not hasattr(form, "show_room"):
        return
    ctx.live.listen(form)
    room = ctx.live.current()
    if room is not None:
        form.show_room(room)
    ctx.go_live()


def _show(kind: str, key: str | None = None) -> None:
    from IPython.display import display

    form = build(kind, key)
    display(form.box)
    after = getattr(form, "after_display", None)  # a waiting frame: the notebook's last one waits here
    if after is not None:
        after()


def start() -> None:
    """The session header: which session this is, and 'who are you' (unless JupyterHub tells us)."""
    _show("start")


def step(key: str) -> None:
    """The entry form of one step (its principles and kinds come from the cell metadata)."""
    _show("step", key)


def open_actions(key: str = "terugblik") -> None:
    """The actieleren loop: report back on open actions from earlier sessions.

    As the first step it also shows the session header and 'who are you' above the actions, unless
    the notebook has a ``start`` cell of its own (templates made before the header moved here).
    """
    ctx = connect()
    if not ctx.notebook_has_start:
        _show("start")
    _show("open_actions", key)


def signal(key: str = "signaal") -> None:
    """Raise a signal to management."""
    _show("signal", key)


def evaluation(key: str = "evaluatie") -> None:
    """The anonymous evaluation at the end of the session."""
    _show("evaluation", key)
