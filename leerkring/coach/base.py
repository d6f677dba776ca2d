"""What every form shares: the workspace context, one status line, errors as one Dutch line, links."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import ipywidgets as w

from leerkring.errors import LeerkringError
from leerkring.widgets.markup import esc, message

log = logging.getLogger(__name__)

ROLE_LABELS = {"coach": "leercoach", "member": "teamlid", "guest": "gast", "manager": "teamleider"}
ALL = "__alle__"


#: What the Samenvattingen and Privacy tabs say on a hub's server, where the forms reach the workspace
#: only through the leerkring service (publishing, export, forget and retention stay the owner's).
OWNER_ONLY = (
    "Op JupyterHub doet de beheerder van de werkruimte dit met de opdrachtregel op de server van de "
    "werkruimte; vanuit dit notebook kan het niet."
)


class Context:
    """The open workspace and who works in it (the coach or manager chosen at the top of the app).

    ``remote``: the workspace is reached through the leerkring service (a hub's server without the
    workspace folder); then the hub account decides who works, and files are written by the service.
    """

    def __init__(self, ws, *, remote: bool = False):
        self.ws = ws
        self.remote = remote
        self.person = w.Dropdown(description="Ik ben", options=[], layout=w.Layout(width="420px"))
        self.person.disabled = remote
        self.refresh_people()

    @property
    def store(self):
        return self.ws.store

    @property
    def me(self) -> str | None:
        return self.person.value

    def people_with(self, role: str) -> list[str]:
        names = set()
        for kring in self.store.kringen():
            names.update(m.name for m in self.store.members(kring.id) if m.role == role)
        return sorted(names)

    def refresh_people(self, role: str = "coach") -> None:
        if self.remote:  # the service knows the caller by their hub account: that is who works here
            me = self.store.account(os.environ.get("JUPYTERHUB_USER", "")).name
            self.person.options = [me]
            self.person.value = me
            return
        names = self.people_with(role)
        current = self.person.value
        default = current if current in names else None
        account = os.environ.get("JUPYTERHUB_USER")
        if default is None and account:
            try:
                linked = self.store.account(account).name
                default = linked if linked in names else None
            except LeerkringError:
                default = None
        self.person.options = names
        self.person.value = default if default is not None else (names[0] if names else None)

    def kring_options(self, with_all: bool = False) -> list[tuple[str, object]]:
        options = [(k.name, k.id) for k in self.store.kringen()]
        return ([("alle kringen", ALL)] if with_all else []) + options


def set_options(dropdown, options) -> None:
    """New options for a dropdown, keeping its choice when it is still there, else the first one."""
    current = dropdown.value
    dropdown.options = options
    values = [value for _label, value in options]
    if values:
        dropdown.value = current if current in values else values[0]


def link(ws, path: Path, label: str) -> str:
    """An HTML link to a file of the workspace (relative to the notebook's folder when it can be)."""
    path = Path(path)
    try:
        href = os.path.relpath(path, Path.cwd())
    except ValueError:  # another drive
        href = str(path)
    try:
        shown = path.relative_to(ws.path).as_posix()
    except ValueError:
        shown = str(path)
    return f'<a href="{esc(href)}" target="_blank">{esc(label)}</a> <code>{esc(shown)}</code>'


class Form:
    """A form: its widgets in :attr:`box`, one status line, actions that never raise to the notebook."""

    title = ""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.status = w.HTML()
        self.output = w.HTML()  # lists and links the last action produced

    @property
    def store(self):
        return self.ctx.store

    @property
    def ws(self):
        return self.ctx.ws

    def say(self, kind: str, text: str) -> None:
        self.status.value = message(kind, text)

    def run(self, action, *args) -> bool:
        """Run ``action``; a failure becomes one Dutch status line (never a traceback)."""
        try:
            action(*args)
            return True
        except LeerkringError as exc:
            self.say("error", str(exc))
        except Exception:  # an unexpected failure: say it in one line, keep the details in the log
            log.exception("coach form %s failed", type(self).__name__)
            self.say("error", "Dat lukte niet door een onverwachte fout; probeer het opnieuw of vraag de beheerder.")
        return False

    def button(self, label: str, action, style: str = "") -> w.Button:
        # as wide as its label: a fixed-width button cuts 'Exporteren (inzage)' off
        b = w.Button(
            description=label,
            button_style=style,
            layout=w.Layout(width="auto", min_width="148px", align_self="flex-start"),
        )
        b.on_click(lambda _b: self.run(action))
        return b

    def need_me(self, what: str = "leercoach") -> str:
        if not self.ctx.me:
            raise LeerkringError(f"Kies eerst bovenaan wie je bent (een {what} van de werkruimte).")
        return self.ctx.me

    def need_workspace(self) -> None:
        """Refuse, in one line, what only the workspace's owner does on a hub (publish, privacy)."""
        if self.ctx.remote:
            raise LeerkringError(OWNER_ONLY)

    def children(self) -> list:
        return []

    def widget(self) -> w.Widget:
        return w.VBox([*self.children(), self.status, self.output])

    def display(self) -> None:
        from IPython.display import display

        display(w.VBox([self.ctx.person, self.widget()]))
