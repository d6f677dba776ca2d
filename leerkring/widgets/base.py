"""What every form shares: cheap widget models, the outer box, the status line, safe store calls.

The forms themselves are one module each (:mod:`~leerkring.widgets.entry_form`,
:mod:`~leerkring.widgets.actions_form`, ...); the HTML they show comes from
:mod:`~leerkring.widgets.markup`.
"""

from __future__ import annotations

import logging
import time

import ipywidgets as _ipw

from leerkring.errors import LeerkringError
from leerkring.widgets import waiting
from leerkring.widgets.markup import message, messages

log = logging.getLogger(__name__)


class _SharedModels:
    """ipywidgets with shared default Layout and Style models.

    Every widget otherwise opens its own Layout and Style model (three comms per button); a session
    notebook has hundreds of widgets, and those messages dominate the time to run it. Widgets whose
    layout we change later get their own ``layout=`` explicitly.
    """

    def __init__(self):
        self._layout = None
        self._styles: dict = {}

    def __getattr__(self, name):
        target = getattr(_ipw, name)
        if not (isinstance(target, type) and issubclass(target, _ipw.DOMWidget)):
            return target

        def make(*args, **kwargs):
            if "layout" not in kwargs:
                if self._layout is None:
                    self._layout = _ipw.Layout()
                kwargs["layout"] = self._layout
            trait = target.class_traits().get("style")
            if trait is not None and "style" not in kwargs and getattr(trait, "klass", None) is not None:
                klass = trait.klass
                if klass not in self._styles:
                    self._styles[klass] = klass()
                kwargs["style"] = self._styles[klass]
            return target(*args, **kwargs)

        return make


#: Use ``w.Button(...)``, ``w.HTML(...)``, ... instead of ipywidgets' classes (see _SharedModels).
w = _SharedModels()
_LAYOUTS: dict = {}


def shared_layout(**traits):
    """One Layout model per distinct set of traits, shared by every widget that uses it.

    Only for layouts that are never changed afterwards (a widget whose ``display`` we toggle gets its
    own Layout).
    """
    key = tuple(sorted(traits.items()))
    layout = _LAYOUTS.get(key)
    if layout is None:
        layout = _LAYOUTS[key] = _ipw.Layout(**traits)
    return layout


def form_layout():
    """The frame around a form."""
    return shared_layout(border="1px solid #cfd8dc", padding="6px")


class FormBox(_ipw.VBox):
    """The outer box of a form. The same widget for the browser; as plain text (what a notebook shows
    where widgets cannot run, e.g. a static viewer) it names the form instead of dumping every child,
    which is also what IPython would otherwise compute for each form it displays."""

    def __init__(self, children, *, label: str, **kwargs):
        super().__init__(children, **kwargs)
        self._label = label

    def __repr__(self) -> str:
        return f"[leerkring: {self._label}; open dit notebook in JupyterLab en voer het uit om mee te doen]"


class Part:
    """One named text of a :class:`Parts` widget; reads and writes like an HTML widget's ``value``."""

    def __init__(self, group: Parts, name: str):
        self._group, self._name = group, name

    @property
    def value(self) -> str:
        return self._group.values[self._name]

    @value.setter
    def value(self, text: str) -> None:
        self._group.values[self._name] = text
        self._group.render()


class Parts:
    """Several texts of a form (status line, wall, counts) shown in one HTML widget, in order.

    Every widget is a model the kernel sends, the browser keeps and the kernel closes again at exit;
    a form's texts do not need one each.
    """

    def __init__(self, **initial: str):
        self.values = dict(initial)
        self.widget = w.HTML("".join(self.values.values()))

    def part(self, name: str) -> Part:
        return Part(self, name)

    def render(self) -> None:
        self.widget.value = "".join(self.values.values())


class Form:
    """Shared plumbing: a status line, error handling, and registration with the context.

    ``parts`` are the texts shown below the form's buttons after the status line (e.g. the wall),
    with their first content; they share one HTML widget, ``self.feedback``.
    """

    #: True for a panel that shows 'who are you' itself, so the forms below it need not.
    shows_identity = False

    def __init__(self, ctx, **parts: str):
        self.ctx = ctx
        self.feedback = Parts(status="", **parts)
        self.status = self.feedback.part("status")
        self._last_save = 0.0
        ctx.forms.append(self)

    def _say(self, kind: str, text: str) -> None:
        self.status.value = message(kind, text)

    def _guarded(self, action) -> bool:
        """Run a store call; show the Dutch error (closed session, validation) instead of a traceback."""
        reason = self.ctx.refuse_reason()
        if reason:
            self._say("error", reason)
            return False
        try:
            with waiting.shown_in_status(self._say):  # a save may have to start the privacy service
                action()
            return True
        except LeerkringError as exc:  # includes SessionClosed: the member reads why, in Dutch
            self._say("error", str(exc))
        except Exception as exc:  # shown, not raised, so the form stays usable
            log.exception("saving from a %s failed", type(self).__name__)
            self._say(
                "error", f"Opslaan lukte niet ({type(exc).__name__}). Probeer het opnieuw of meld het bij de leercoach."
            )
        return False

    def _recently_saved(self) -> bool:
        return time.monotonic() - self._last_save < 3

    def refresh(self, fresh: bool = True) -> None:  # pragma: no cover - overridden
        pass

    # -- the live session ---------------------------------------------------------------------------
    #: True while every principle of the form's step is in a closed phase (its save button is off).
    locked = False

    def show_room(self, room) -> None:
        """The phase line at the top of the form (made when a session first runs) and the lock of a
        closed phase: the save button goes off and the line says why."""
        from leerkring.widgets import room_markup

        step = getattr(self, "step", None)
        self.locked = room_markup.is_locked(room, getattr(step, "principles", ()))
        line = room_markup.phase_line(room, self.ctx.live.seconds_left(), self.locked)
        widget = self.__dict__.get("phase_line")
        box = self.__dict__.get("box")
        if widget is None:
            if not line or box is None:
                return
            widget = self.phase_line = w.HTML(line)
            box.children = (widget, *box.children)
        else:
            widget.value = line
        if step is not None:  # a new entry and a new version alike (the store refuses both)
            for name in ("save_button", "edit_button"):
                button = self.__dict__.get(name)
                if button is not None:
                    button.disabled = self.locked

    def _header(self, *notes) -> list:
        """The identity dropdown (when no start panel shows it) and one HTML with problems and notes."""
        parts = []
        if (
            self.ctx.identity is None
            and self.ctx.members()
            and not any(getattr(f, "shows_identity", False) for f in self.ctx.forms)
        ):
            parts.append(self.ctx.identity_widget())
        groups = [("error", p) for p in self.ctx.problems] + [n for n in notes if n]
        if groups:
            parts.append(w.HTML(messages(*groups)))
        return parts


class ProblemPanel:
    """Shown instead of a form when the notebook cannot be tied to a session at all."""

    def __init__(self, ctx, key: str | None = None):
        problems = ctx.problems or ["Dit notebook is niet aan een sessie gekoppeld."]
        self.box = FormBox(
            [w.HTML(messages(*[("error", p) for p in problems]))], label="geen sessie", layout=shared_layout()
        )
