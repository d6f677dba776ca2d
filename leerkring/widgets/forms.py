"""The forms members fill in during a session (ipywidgets 8).

Every text that reaches an HTML widget goes through :func:`esc`; option labels and descriptions are
plain text in ipywidgets 8 (``description_allow_html`` stays off), so user text is never executed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import time
import uuid

import ipywidgets as _ipw

from leerkring.errors import LeerkringError, SessionClosed
from leerkring.widgets import waiting


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


w = _SharedModels()
_LAYOUTS: dict = {}


class FormBox(_ipw.VBox):
    """The outer box of a form. The same widget for the browser; as plain text (what a notebook shows
    where widgets cannot run, e.g. a static viewer) it names the form instead of dumping every child,
    which is also what IPython would otherwise compute for each form it displays."""

    def __init__(self, children, *, label: str, **kwargs):
        super().__init__(children, **kwargs)
        self._label = label

    def __repr__(self) -> str:
        return f"[leerkring: {self._label}; open dit notebook in JupyterLab en voer het uit om mee te doen]"


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


def _form_layout():
    return shared_layout(border="1px solid #cfd8dc", padding="6px")


def _messages(*groups) -> str:
    """Several (kind, text) messages as the value of one HTML widget."""
    return "".join(message(kind, text) for kind, text in groups)

VISIBILITY_OPTIONS = [("persoonlijk", "persoonlijk"), ("kring", "kring"), ("organisatie", "organisatie")]
VISIBILITY_HELP = ["Alleen jij ziet dit", "Iedereen in de kring ziet dit (standaard)",
                   "Ook het management ziet dit, zonder je naam"]
STATUS_OPTIONS = [("loopt door", "continued"), ("klaar", "done"), ("gestopt", "dropped")]
ACTION_STATUS = {"open": "open", "continued": "loopt door", "done": "klaar", "dropped": "gestopt"}
SIGNAL_STATUS = {"open": "open", "answered": "beantwoord", "closed": "afgesloten"}
SCORES = [("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5)]
AUTO_REFRESH_SECONDS = 30


def esc(text) -> str:
    """HTML-escaped text with line breaks kept."""
    return html.escape(str(text or ""), quote=True).replace("\n", "<br>")


def message(kind: str, text: str) -> str:
    colours = {"ok": "#1b5e20", "error": "#b71c1c", "warning": "#8a4b00", "info": "#37474f"}
    return f'<div style="color:{colours.get(kind, "#37474f")};margin:2px 0">{esc(text)}</div>'


def notice_for(replaced) -> str:
    """The Dutch notice of what the scrubber replaced; never contains the original values."""
    replaced = list(replaced or ())
    if not replaced:
        return "Er zijn geen persoonsgegevens gevonden."
    try:
        from leerkring.privacy.model import Finding, Scrubbed

        notice = Scrubbed("", tuple(Finding(f["type"], 0, 0, f["replacement"]) for f in replaced)).notice()
    except ImportError:  # pragma: no cover - privacy package is always there in a release
        counts: dict[str, int] = {}
        for f in replaced:
            counts[f["type"]] = counts.get(f["type"], 0) + 1
        notice = "Vervangen: " + ", ".join(f"{n} × {t}" for t, n in counts.items())
    tokens = ", ".join(dict.fromkeys(f["replacement"] for f in replaced))
    return f"{notice} (in de tekst staat nu {tokens})."


class _Part:
    """One named text of a :class:`_Parts` widget; reads and writes like an HTML widget's ``value``."""

    def __init__(self, group: "_Parts", name: str):
        self._group, self._name = group, name

    @property
    def value(self) -> str:
        return self._group.values[self._name]

    @value.setter
    def value(self, text: str) -> None:
        self._group.values[self._name] = text
        self._group.render()


class _Parts:
    """Several texts of a form (status line, wall, counts) shown in one HTML widget, in order.

    Every widget is a model the kernel sends, the browser keeps and the kernel closes again at exit;
    a form's texts do not need one each.
    """

    def __init__(self, **initial: str):
        self.values = dict(initial)
        self.widget = w.HTML("".join(self.values.values()))

    def part(self, name: str) -> _Part:
        return _Part(self, name)

    def render(self) -> None:
        self.widget.value = "".join(self.values.values())


class _Form:
    """Shared plumbing: a status line, error handling, and registration with the context.

    ``parts`` are the texts shown below the form's buttons after the status line (e.g. the wall),
    with their first content; they share one HTML widget, ``self.feedback``.
    """

    def __init__(self, ctx, **parts: str):
        self.ctx = ctx
        self.feedback = _Parts(status="", **parts)
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
        except SessionClosed as exc:
            self._say("error", str(exc))
        except LeerkringError as exc:
            self._say("error", str(exc))
        except Exception as exc:  # pragma: no cover - shown, not raised, so the form stays usable
            self._say("error", f"Opslaan lukte niet ({type(exc).__name__}). Probeer het opnieuw of meld het "
                               "bij de leercoach.")
        return False

    def _recently_saved(self) -> bool:
        return time.monotonic() - self._last_save < 3

    def refresh(self, fresh: bool = True) -> None:  # pragma: no cover - overridden
        pass

    def _header(self, *notes) -> list:
        """The identity dropdown (when no start panel shows it) and one HTML with problems and notes."""
        parts = []
        if self.ctx.identity is None and self.ctx.members() and not any(
            isinstance(f, StartPanel) for f in self.ctx.forms
        ):
            parts.append(self.ctx.identity_widget())
        groups = [("error", p) for p in self.ctx.problems] + [n for n in notes if n]
        if groups:
            parts.append(w.HTML(_messages(*groups)))
        return parts


class StartPanel:
    """The top of the notebook: which session this is, who is typing, and the shared auto-refresh."""

    def __init__(self, ctx):
        self.ctx = ctx
        ctx.forms.append(self)
        s, k = ctx.session, ctx.kring
        method = ctx.ws.store.frameworks.method(s.method).name
        state = "open" if s.is_open else "gesloten"
        rows = [
            f"<b>{esc(s.title or method)}</b>",
            f"Kring: {esc(k.name)} &middot; Datum: {esc(s.date.isoformat())} &middot; Methode: {esc(method)} "
            f"&middot; Sessie {s.id} ({state})",
        ]
        head = "<br>".join(rows) + _messages(*[("error", p) for p in ctx.problems],
                                             *[("warning", p) for p in ctx.warnings])
        self.auto_refresh = w.Checkbox(value=False, indent=False,
                                       description=f"bijdragen van anderen elke {AUTO_REFRESH_SECONDS} s verversen")
        self.auto_refresh.observe(self._toggle_auto, "value")
        self._task = None
        if ctx.identity_fixed:
            head += message("info", f"Je werkt als {ctx.identity.name}.")
            parts = [w.HTML(head), self.auto_refresh]
        else:
            head += message("info", "Kies je naam; dat hoeft maar één keer. Anoniem bijdragen kan altijd met het "
                                    "vinkje 'anoniem' bij een formulier.")
            parts = [w.HTML(head), ctx.identity_widget(), self.auto_refresh]
        self.box = FormBox(parts, label="sessie en deelnemer", layout=shared_layout())

    def refresh(self, fresh: bool = True) -> None:  # nothing of its own to re-read
        pass

    def _toggle_auto(self, change) -> None:
        if change["new"]:
            try:
                self._task = asyncio.ensure_future(self._auto())
            except RuntimeError:  # no running event loop (outside a kernel)
                self.auto_refresh.value = False
        elif self._task is not None:
            self._task.cancel()
            self._task = None

    async def _auto(self) -> None:
        while True:
            await asyncio.sleep(AUTO_REFRESH_SECONDS)
            self.ctx.refresh_all()


class WallMixin:
    """The wall: this step's entries as the member's viewer may see them (one query for all forms)."""

    def _initial_wall(self) -> str:
        """The wall's first content: the form's feedback widget is made with it (no update message)."""
        return self._render_wall(self._wall_entries(fresh=False))

    def _build_wall(self) -> list:
        """The status line and the wall (one HTML widget), and the refresh button below them."""
        self.wall = self.feedback.part("wall")
        self.refresh_button = w.Button(description="Verversen", icon="refresh", tooltip="Laat nieuwe bijdragen zien")
        self.refresh_button.on_click(lambda _: self.refresh())
        return [self.feedback.widget, self.refresh_button]

    def _wall_entries(self, fresh: bool = True):
        from leerkring.notebooks.archive import place

        steps = list(self.ctx.notebook_steps.values()) or list(self.ctx.template_steps.values())
        if self.step.key not in {s.key for s in steps}:
            steps.append(self.step)
        fw = self.ctx.ws.store.frameworks
        entries = self.ctx.session_entries(fresh=fresh)
        return [e for e in entries if e.step == self.step.key or (not e.step and place(e, steps, fw) == self.step.key)]

    def _render_wall(self, entries) -> str:
        fw = self.ctx.ws.store.frameworks
        if not entries:
            return message("info", "Nog geen bijdragen bij deze stap.")
        items = []
        for e in entries:
            try:
                label = fw.principle(e.principle).kind(e.kind).label
            except LeerkringError:
                label = e.kind
            who = e.author or "anoniem"
            meta = [esc(who)]
            if e.visibility != "kring":
                meta.append(esc(e.visibility))
            if e.revision > 1:
                meta.append(f"versie {e.revision}")
            extra = e.extra or {}
            for key, name in (("owner", "wie"), ("due", "wanneer"), ("position", "standpunt"),
                              ("source_role", "bron"), ("action", "over actie")):
                if extra.get(key):
                    meta.append(f"{name}: {esc(extra[key])}")
            items.append(
                f'<li style="margin-bottom:4px"><b>{esc(label)}</b> <span style="color:#607d8b">'
                f'({" &middot; ".join(meta)})</span><br>{esc(e.text)}</li>'
            )
        return f'<div><b>Bijdragen tot nu toe</b><ul style="padding-left:1.2em">{"".join(items)}</ul></div>'


class _Lazy:
    """A widget attribute built on first access (see EntryForm): ``form.tags`` always works."""

    def __init__(self, build: str, *args):
        self.build, self.args = build, args

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        if self.name not in obj.__dict__:
            getattr(obj, self.build)(*self.args)
        return obj.__dict__[self.name]


class EntryForm(WallMixin, _Form):
    """One step's form: entry kind, text, tags, visibility, anonymous, kind-specific fields; the wall; edit.

    What a member sees at once is light: the kind, the text box, 'Opslaan' and the wall. The options
    (labels, visibility, anonymous) appear as soon as the member types or picks a kind; a kind's own
    fields appear with that kind; the editor for one's own entries appears once there is one. Every
    one of these is also built on first access from code (``form.tags``, ``form.own``, ...).
    """

    tags = _Lazy("_expand")
    visibility = _Lazy("_expand")
    anonymous = _Lazy("_expand")
    source_role = _Lazy("_specific_box", "stille_kennis")
    position = _Lazy("_specific_box", "perspectief")
    values = _Lazy("_specific_box", "waarden")
    owner = _Lazy("_specific_box", "actie")
    due = _Lazy("_specific_box", "actie")
    own = _Lazy("_build_edit")
    edit_text = _Lazy("_build_edit")
    edit_button = _Lazy("_build_edit")
    edit_box = _Lazy("_build_edit")
    extras = _Lazy("_build_extras")

    SPECIFIC = ("stille_kennis", "perspectief", "waarden", "actie")

    def __init__(self, ctx, step_key: str):
        self.ctx = ctx
        self.step, warning = ctx.step(step_key)
        super().__init__(ctx, wall=self._initial_wall())
        fw = self._fw = ctx.ws.store.frameworks
        options = []
        many = len(self.step.principles) > 1
        for pkey in self.step.principles:
            principle = fw.principle(pkey)
            for kind in principle.kinds:
                if self.step.kinds and kind.key not in self.step.kinds:
                    continue
                label = f"{kind.label} ({principle.name})" if many else kind.label
                options.append((label, (pkey, kind.key)))
        self._help = {(p, k.key): k.help for p in self.step.principles for k in fw.principle(p).kinds}
        self._specific_boxes: dict = {}
        self._expanded = False
        self._client_key: str | None = None
        self._own_texts: dict = {}
        self.kind = w.Dropdown(options=options, description="Soort", layout=shared_layout(width="32rem"))
        first = options[0][1] if options else None
        self.text = w.Textarea(placeholder=self._placeholder(first),
                               layout=shared_layout(width="100%", height="7em"))
        self.save_button = w.Button(description="Opslaan", button_style="primary", icon="save")
        self.save_button.on_click(self.save)
        notes = [("warning", warning)] if warning else []
        if not options:
            notes.append(("error", "Deze stap heeft geen soorten bijdragen; er valt hier niets in te vullen."))
        parts = self._header(*notes) + [self.kind, self.text]
        if first and first[1] in self.SPECIFIC:  # the first kind has fields of its own: show them now
            parts.append(self.extras)
        parts += [self.save_button, *self._build_wall()]
        self.box = FormBox(parts, label=f"formulier '{self.step.title}'", layout=_form_layout())
        self.kind.observe(self._kind_picked, "value")
        self.text.observe(self._typed, "value")
        self.refresh(fresh=False)

    def _placeholder(self, kind_value) -> str:
        """What to write: the chosen kind's explanation and a question of its principle."""
        if not kind_value:
            return "Schrijf je bijdrage"
        principle = self._fw.principle(kind_value[0])
        help_text = self._help.get(kind_value, "")
        return "\n".join(t for t in (help_text and help_text + ".", principle.questions[0]) if t)

    # -- lazily built parts ---------------------------------------------------------------------------
    def _expand(self) -> None:
        """Labels, visibility and anonymous: built when the member starts (or code asks for them)."""
        if self._expanded:
            return
        self._expanded = True
        fw = self._fw
        tag_terms = list(fw.kwesties) + list(fw.values) + list(fw.source_roles)
        self._tag_keys = {t.label: t.key for t in tag_terms}
        d = self.__dict__
        d["tags"] = w.TagsInput(value=[], allowed_tags=[t.label for t in tag_terms], allow_duplicates=False,
                                placeholder="labels: kwesties, waarden, bronnen")
        d["visibility"] = w.ToggleButtons(options=VISIBILITY_OPTIONS, value="kring", tooltips=VISIBILITY_HELP,
                                          description="Zichtbaar voor")
        d["anonymous"] = w.Checkbox(value=False, description="anoniem", indent=False)
        self._options_row = [self.tags, w.HBox([self.visibility, self.anonymous])]
        self._place_extras()

    def _typed(self, change) -> None:
        if change["new"]:
            self.text.unobserve(self._typed, "value")
            self._expand()

    def _kind_picked(self, _change) -> None:
        self._expand()
        self._kind_changed()

    def _build_stille_kennis(self):
        self.__dict__["source_role"] = w.Dropdown(
            options=[("—", None)] + [(t.label, t.key) for t in self._fw.source_roles], description="Bron")
        return w.HBox([self.source_role])

    def _build_perspectief(self):
        self.__dict__["position"] = w.Text(description="Standpunt", placeholder="bijvoorbeeld: handhaven",
                                           layout=shared_layout(width="32rem"))
        return w.HBox([self.position])

    def _build_waarden(self):
        self.__dict__["values"] = w.SelectMultiple(options=[(t.label, t.key) for t in self._fw.values],
                                                   description="Waarden", rows=5)
        return w.HBox([self.values])

    def _build_actie(self):
        d = self.__dict__
        d["owner"] = w.Dropdown(options=[("—", None)] + [(m.name, m.person_id) for m in self.ctx.members()],
                                description="Wie")
        d["due"] = w.DatePicker(description="Wanneer")
        return w.HBox([self.owner, self.due])

    def _specific_box(self, kind: str):
        box = self._specific_boxes.get(kind)
        if box is None:
            box = self._specific_boxes[kind] = getattr(self, f"_build_{kind}")()
        return box

    @property
    def _specific(self) -> dict:
        """Every kind-specific box (built on demand); only the current kind's is shown."""
        return {kind: self._specific_box(kind) for kind in self.SPECIFIC}

    def _current_kind(self) -> str | None:
        value = self.kind.value
        return value[1] if value else None

    def _build_extras(self) -> None:
        """The box for a kind's own fields and the options, below the text (made when first needed)."""
        kind = self._current_kind()
        children = [self._specific_box(kind)] if kind in self.SPECIFIC else []
        if self._expanded:
            children += self._options_row
        extras = self.__dict__["extras"] = w.VBox(children)
        box = self.__dict__.get("box")
        if box is not None:
            items = list(box.children)
            items.insert(items.index(self.text) + 1, extras)
            box.children = items

    def _place_extras(self) -> None:
        kind = self._current_kind()
        children = [self._specific_box(kind)] if kind in self.SPECIFIC else []
        if self._expanded:
            children += self._options_row
        if "extras" not in self.__dict__:
            if children:
                self._build_extras()  # made with these children
            return
        if list(self.extras.children) != children:
            self.extras.children = children

    def _kind_changed(self) -> None:
        self._place_extras()
        self.text.placeholder = self._placeholder(self.kind.value)

    def _build_edit(self) -> None:
        d = self.__dict__
        d["own"] = w.Dropdown(options=[("— kies —", None)], description="Aanpassen")
        d["edit_text"] = w.Textarea(layout=shared_layout(width="100%", height="5em"))
        d["edit_button"] = w.Button(description="Nieuwe versie opslaan", icon="pencil",
                                    layout=shared_layout(width="auto"))
        self.own.observe(self._own_changed, "value")
        self.edit_button.on_click(self.save_edit)
        d["edit_box"] = w.VBox([w.HTML("<b>Je eigen bijdrage aanpassen</b> (de oude versie blijft bewaard)"),
                                self.own, self.edit_text, self.edit_button], layout=_ipw.Layout())
        self._fill_own()
        self.box.children = (*self.box.children, self.edit_box)

    # -- saving -------------------------------------------------------------------------------------
    def _opt(self, name: str, default):
        """The value of an optional widget, or its default when the member never opened it."""
        widget = self.__dict__.get(name)
        return default if widget is None else widget.value

    def save(self, _=None) -> None:
        text = self.text.value or ""
        if not text.strip():
            if not self._recently_saved():  # a double click after a save is not an error
                self._say("warning", "Er is nog niets om op te slaan.")
            return
        if self.kind.value is None:
            self._say("error", "Deze stap heeft geen soorten bijdragen.")
            return
        anonymous = self._opt("anonymous", False)
        author = None if anonymous else self.ctx.identity
        if author is None and not anonymous:
            self._expand()  # show the 'anoniem' box the message points at
            self._say("warning", "Kies eerst bovenaan je naam, of vink 'anoniem' aan.")
            return
        if self._client_key is None:
            self._client_key = uuid.uuid4().hex
        result: dict = {}
        self.save_button.disabled = True
        try:
            ok = self._guarded(lambda: result.update(saved=self._store(author, text)))
        finally:
            self.save_button.disabled = False
        if not ok:
            return
        self._last_save = time.monotonic()
        self._client_key = None
        self.text.value = ""
        for name, empty in (("tags", []), ("position", ""), ("values", ())):
            if name in self.__dict__:
                self.__dict__[name].value = empty
        self._say("ok", "Opgeslagen. " + notice_for(result["saved"]))
        self.refresh()

    def _store(self, author, text: str):
        store, sid = self.ctx.ws.store, self.ctx.session.id
        principle, kind = self.kind.value
        author_id = author.person_id if author is not None else None
        visibility = self._opt("visibility", "kring")
        tag_keys = getattr(self, "_tag_keys", {})
        tags = [tag_keys.get(t, t) for t in self._opt("tags", [])]
        if kind == "actie":
            due_value = self._opt("due", None)
            due = due_value.isoformat() if isinstance(due_value, dt.date) else None
            action = store.add_action(sid, text, owner=self._opt("owner", None), due=due, author=author_id,
                                      visibility=visibility)
            found = [e for e in store.entries(self.ctx.viewer(), session_id=sid, kind="actie")
                     if e.text == action.title]
            return found[-1].findings if found else ()
        extra = {}
        source_role = self._opt("source_role", None)
        position = (self._opt("position", "") or "").strip()
        values = tuple(self._opt("values", ()) or ())
        if kind == "stille_kennis" and source_role:
            extra["source_role"] = source_role
        if kind == "perspectief" and position:
            extra["position"] = position
        if kind == "waarden" and values:
            extra["values"] = list(values)
            tags += [v for v in values if v not in tags]
        saved = store.add_entry(sid, principle, kind, text, author=author_id, visibility=visibility,
                                tags=tags, extra=extra, step=self.step.key, client_key=self._client_key)
        return saved.replaced

    def save_edit(self, _=None) -> None:
        uid = self.own.value
        if not uid:
            self._say("warning", "Kies eerst welke bijdrage je wilt aanpassen.")
            return
        if not (self.edit_text.value or "").strip():
            self._say("warning", "Een lege bijdrage wordt niet opgeslagen.")
            return
        result: dict = {}
        if self._guarded(lambda: result.update(saved=self.ctx.ws.store.edit_entry(
                uid, self.ctx.identity.person_id, self.edit_text.value))):
            saved = result["saved"]
            self._say("ok", f"Nieuwe versie ({saved.entry.revision}) opgeslagen. " + notice_for(saved.replaced))
            self.refresh()

    def _own_changed(self, change) -> None:
        uid = change["new"]
        self.edit_text.value = self._own_texts.get(uid, "") if uid else ""

    # -- the wall -------------------------------------------------------------------------------------
    def refresh(self, fresh: bool = True) -> None:
        if self.ctx.session is None:
            return
        entries = self._wall_entries(fresh)
        self.wall.value = self._render_wall(entries)
        me = self.ctx.identity.person_id if self.ctx.identity else None
        self._mine = [e for e in entries if me is not None and e.author_id == me and e.kind != "actie"]
        self._own_texts = {e.uid: e.text or "" for e in self._mine}
        if "edit_box" in self.__dict__ or self._mine:
            if "edit_box" not in self.__dict__:
                self._build_edit()  # fills itself
            else:
                self._fill_own()

    def _fill_own(self) -> None:
        mine = getattr(self, "_mine", [])
        current = self.own.value
        self.own.options = [("— kies —", None)] + [
            ((e.text or "")[:50].replace("\n", " ") + ("…" if len(e.text or "") > 50 else ""), e.uid) for e in mine
        ]
        self.own.value = current if current in self._own_texts else None
        self.edit_box.layout.display = "" if mine else "none"


class ActionsForm(WallMixin, _Form):
    """The actieleren loop: open actions from earlier sessions, with effect, lesson and new status."""

    def __init__(self, ctx, step_key: str = "terugblik"):
        self.ctx = ctx
        self.step, warning = ctx.step(step_key, "open_actions")
        if not self.step.principles:
            from leerkring.notebooks.templates import Step

            self.step = Step(self.step.key, "open_actions", self.step.title, ("actieleren",))
        super().__init__(ctx, wall=self._initial_wall())
        self.rows: dict[int, dict] = {}
        actions = ctx.ws.store.open_actions(ctx.viewer(), ctx.kring.id, before_session=ctx.session.id)
        notes = [("warning", warning)] if warning else []
        if not actions:
            notes.append(("info", "Er staan geen acties open uit eerdere sessies."))
        parts = self._header(*notes)
        for action in actions:
            row = self._row(action)
            self.rows[action.id] = row
            parts.append(row["box"])
        parts += self._build_wall()
        self.box = FormBox(parts, label="terugblik op eerdere acties", layout=_form_layout())
        self.refresh(fresh=False)

    def _row(self, action) -> dict:
        bits = [f"<b>{esc(action.title)}</b>"]
        if action.owner:
            bits.append(f"wie: {esc(action.owner)}")
        if action.due_date:
            bits.append(f"wanneer: {esc(action.due_date.isoformat())}")
        bits.append(f"status: {esc(ACTION_STATUS.get(action.status, action.status))}")
        row = {
            "action": action,
            "effect": w.Textarea(placeholder="Wat heb je geprobeerd en wat gebeurde er?",
                                 layout=shared_layout(width="100%")),
            "lesson": w.Textarea(placeholder="Wat leren we ervan?", layout=shared_layout(width="100%")),
            "state": w.ToggleButtons(options=STATUS_OPTIONS, value="continued", description="Nu"),
            "button": w.Button(description="Terugmelden", button_style="primary"),
            "status": w.HTML(),
        }
        row["button"].on_click(lambda _, a=action.id: self.report(a))
        row["box"] = w.VBox([w.HTML(" &middot; ".join(bits)), row["effect"], row["lesson"],
                             w.HBox([row["state"], row["button"]]), row["status"]],
                            layout=shared_layout(border_bottom="1px dashed #cfd8dc", padding="4px 0"))
        return row

    def report(self, action_id: int) -> None:
        row = self.rows[action_id]
        if row.get("done"):
            return
        author = self.ctx.identity.person_id if self.ctx.identity else None
        result: dict = {}
        ok = self._guarded(lambda: result.update(update=self.ctx.ws.store.report_action(
            action_id, self.ctx.session.id, effect=row["effect"].value, lesson=row["lesson"].value,
            status=row["state"].value, author=author)))
        if not ok:
            row["status"].value = self.status.value
            return
        row["done"] = True
        for key in ("effect", "lesson", "state", "button"):
            row[key].disabled = True
        label = ACTION_STATUS.get(result["update"].status, result["update"].status)
        row["status"].value = message("ok", f"Teruggemeld; de actie staat nu op '{label}'.")
        self.status.value = ""
        self.refresh()

    def refresh(self, fresh: bool = True) -> None:
        if self.ctx.session is not None:
            self.wall.value = self._render_wall(self._wall_entries(fresh))


class SignalForm(_Form):
    """A signal to management: a short title and an optional explanation; no author is stored."""

    def __init__(self, ctx, step_key: str = "signaal"):
        self.ctx = ctx
        super().__init__(ctx, list=self._list_html())
        self.list = self.feedback.part("list")
        self.title = w.Text(placeholder="Kort: waar lopen we tegenaan?", description="Signaal",
                            layout=shared_layout(width="100%"))
        self.text = w.Textarea(placeholder="Toelichting (mag leeg blijven)",
                               layout=shared_layout(width="100%", height="5em"))
        self.send_button = w.Button(description="Signaal versturen", button_style="warning", icon="flag")
        self.send_button.on_click(self.send)
        intro = w.HTML(_messages(("info", "Een signaal gaat zonder naam naar het management."),
                                 *[("error", p) for p in ctx.problems]))
        self.box = FormBox([intro, self.title, self.text, self.send_button, self.feedback.widget],
                           label="signaal aan het management", layout=_form_layout())

    def send(self, _=None) -> None:
        if not (self.title.value or "").strip():
            if not self._recently_saved():
                self._say("warning", "Geef het signaal een korte titel.")
            return
        result: dict = {}
        if self._guarded(lambda: result.update(signal=self.ctx.ws.store.raise_signal(
                self.ctx.session.id, self.title.value, self.text.value or ""))):
            self._last_save = time.monotonic()
            self.title.value = ""
            self.text.value = ""
            self._say("ok", f"Signaal {result['signal'].id} is verstuurd naar het management.")
            self.refresh()

    def refresh(self, fresh: bool = True) -> None:
        self.list.value = self._list_html()

    def _list_html(self) -> str:
        if self.ctx.session is None:
            return ""
        mine = [s for s in self.ctx.ws.store.signals(self.ctx.kring.id) if s.session_id == self.ctx.session.id]
        if not mine:
            return ""
        items = "".join(f"<li>{esc(s.title)} ({esc(SIGNAL_STATUS.get(s.status, s.status))})</li>" for s in mine)
        return f"<div><b>Signalen uit deze sessie</b><ul>{items}</ul></div>"


_SCORE_STYLE: list = []


def _score_style():
    if not _SCORE_STYLE:
        _SCORE_STYLE.append(_ipw.ToggleButtonsStyle(button_width="3em"))
    return _SCORE_STYLE[0]


class EvaluationForm(_Form):
    """The anonymous evaluation at the end: two 1-5 scores and an optional remark."""

    def __init__(self, ctx, step_key: str = "evaluatie"):
        self.ctx = ctx
        super().__init__(ctx, count=self._count_html())
        self.count = self.feedback.part("count")
        self.free = w.ToggleButtons(options=SCORES, value=None, style=_score_style())
        self.useful = w.ToggleButtons(options=SCORES, value=None, style=_score_style())
        self.remark = w.Textarea(placeholder="Opmerking (mag leeg blijven)",
                                 layout=shared_layout(width="100%", height="4em"))
        self.send_button = w.Button(description="Evaluatie insturen", button_style="primary")
        self.send_button.on_click(self.send)
        intro = _messages(("info", "Anoniem: je naam wordt niet opgeslagen. 1 = helemaal niet, 5 = helemaal wel."),
                          *[("error", p) for p in ctx.problems])
        parts = [w.HTML(intro + "Ik voelde me vrij om te spreken"), self.free, w.HTML("Deze sessie was nuttig"),
                 self.useful, self.remark, self.send_button, self.feedback.widget]
        self.box = FormBox(parts, label="anonieme evaluatie", layout=_form_layout())

    def send(self, _=None) -> None:
        if getattr(self.ctx, "evaluated", False):
            if not self._recently_saved():
                self._say("info", "Je hebt deze sessie al geëvalueerd. Dank je wel!")
            return
        if self.free.value is None or self.useful.value is None:
            self._say("warning", "Kies bij beide vragen een score van 1 tot en met 5.")
            return
        if self._guarded(lambda: self.ctx.ws.store.add_evaluation(
                self.ctx.session.id, self.free.value, self.useful.value, self.remark.value or "")):
            self.ctx.evaluated = True
            self._last_save = time.monotonic()
            for widget in (self.free, self.useful, self.remark, self.send_button):
                widget.disabled = True
            self._say("ok", "Dank je wel! Je evaluatie is anoniem opgeslagen.")
            self.refresh()

    def refresh(self, fresh: bool = True) -> None:
        self.count.value = self._count_html()

    def _count_html(self) -> str:
        if self.ctx.session is None:
            return ""
        n = len(self.ctx.ws.store.evaluations(self.ctx.viewer(), session_id=self.ctx.session.id))
        return message("info", f"Ingevuld tot nu toe: {n}.")


class ProblemPanel:
    """Shown instead of a form when the notebook cannot be tied to a session at all."""

    def __init__(self, ctx):
        problems = ctx.problems or ["Dit notebook is niet aan een sessie gekoppeld."]
        self.box = FormBox([w.HTML(_messages(*[("error", p) for p in problems]))], label="geen sessie",
                           layout=shared_layout())
