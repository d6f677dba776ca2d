"""One step's entry form: kind, text, labels, visibility, anonymous, the kind's own fields; wall; edit.

A kind's own fields are data (``fields`` on the kind in the frameworks, see
:mod:`leerkring.widgets.fields`); their values are saved in the entry's ``extra``. The one kind the
store keeps apart is an action (``actieleren``/``actie``): its ``owner`` and ``due`` are arguments of
:meth:`Store.save_action <leerkring.store.Store.save_action>`.
"""

from __future__ import annotations

import logging
import time
import uuid

import ipywidgets as _ipw

from leerkring.widgets import fields
from leerkring.widgets.base import Form, FormBox, form_layout, shared_layout, w
from leerkring.widgets.lazy import Lazy
from leerkring.widgets.markup import notice_for
from leerkring.widgets.wall import WallMixin

log = logging.getLogger(__name__)

VISIBILITY_OPTIONS = [("persoonlijk", "persoonlijk"), ("kring", "kring"), ("organisatie", "organisatie")]
VISIBILITY_HELP = [
    "Alleen jij ziet dit",
    "Iedereen in de kring ziet dit (standaard)",
    "Ook het management ziet dit, zonder je naam",
]
#: The kind saved as an action in the actieleren loop; its fields below are the action's arguments.
ACTION_KIND = ("actieleren", "actie")
ACTION_ARGUMENTS = ("owner", "due")


class EntryForm(WallMixin, Form):
    """One step's form: entry kind, text, tags, visibility, anonymous, kind-specific fields; the wall; edit.

    What a member sees at once is light: the kind, the text box, 'Opslaan' and the wall. The options
    (labels, visibility, anonymous) appear as soon as the member types or picks a kind; a kind's own
    fields appear with that kind; the editor for one's own entries appears once there is one. Every
    one of these is also built on first access from code (``form.tags``, ``form.own``, and a declared
    field by its key: ``form.source_role``, or ``form.field("source_role")``).
    """

    tags = Lazy("_expand")
    visibility = Lazy("_expand")
    anonymous = Lazy("_expand")
    own = Lazy("_build_edit")
    edit_text = Lazy("_build_edit")
    edit_button = Lazy("_build_edit")
    edit_box = Lazy("_build_edit")
    extras = Lazy("_build_extras")

    def __init__(self, ctx, step_key: str | None = None):
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
        # every kind with fields of its own, in the frameworks' order: (principle, kind) -> fields
        self._declared = {(p.key, k.key): k.fields for p in fw.principles for k in p.kinds if k.fields}
        self._field_boxes: dict = {}  # (principle, kind) -> the box of its fields, once built
        self._field_widgets: dict = {}  # (principle, kind) -> {field key: (widget, widget type)}
        self._expanded = False
        self._client_key: str | None = None
        self._own_texts: dict = {}
        self.kind = w.Dropdown(options=options, description="Soort", layout=shared_layout(width="32rem"))
        first = options[0][1] if options else None
        self.text = w.Textarea(placeholder=self._placeholder(first), layout=shared_layout(width="100%", height="7em"))
        self.save_button = w.Button(description="Opslaan", button_style="primary", icon="save")
        self.save_button.on_click(self.save)
        notes = [("warning", warning)] if warning else []
        if not options:
            notes.append(("error", "Deze stap heeft geen soorten bijdragen; er valt hier niets in te vullen."))
        parts = self._header(*notes) + [self.kind, self.text]
        if first in self._declared:  # the first kind has fields of its own: show them now
            parts.append(self.extras)
        parts += [self.save_button, *self._build_wall()]
        self.box = FormBox(parts, label=f"formulier '{self.step.title}'", layout=form_layout())
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

    # -- a kind's own fields --------------------------------------------------------------------------
    def __getattr__(self, name: str):
        """A declared field's widget by its key (``form.position``), built on first access."""
        if name.startswith("_") or "_declared" not in self.__dict__:
            raise AttributeError(name)
        try:
            return self.field(name)
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no attribute or field {name!r}") from None

    def field(self, key: str, kind: tuple[str, str] | None = None):
        """The widget of field ``key`` of ``kind`` (principle, kind); without a kind, of the chosen kind
        when it has that field, else of the first kind that declares it. Raises KeyError if none does."""
        candidates = [kind] if kind is not None else [self._current_kind(), *self._declared]
        for pk in candidates:
            if any(f.key == key for f in self._declared.get(pk, ())):
                self._specific_box(pk)
                return self._field_widgets[pk][key][0]
        raise KeyError(key)

    def _specific_box(self, pk: tuple[str, str]):
        """The box with the fields of kind ``pk`` (built on first use)."""
        box = self._field_boxes.get(pk)
        if box is None:
            types = fields.registry()
            built = {}
            for field in self._declared[pk]:
                built[field.key] = (fields.build(field, self, types), types[field.widget])
            self._field_widgets[pk] = built
            box = self._field_boxes[pk] = w.HBox([widget for widget, _ in built.values()])
        return box

    @property
    def _specific(self) -> dict:
        """Every kind-specific box by kind key (built on demand); only the current kind's is shown."""
        boxes: dict = {}
        for pk in self._declared:
            boxes.setdefault(pk[1], self._specific_box(pk))
        return boxes

    def _current_kind(self) -> tuple[str, str] | None:
        kind = self.__dict__.get("kind")  # not self.kind: __getattr__ would ask for it again while building
        value = kind.value if kind is not None else None
        return tuple(value) if value else None

    def _field_values(self, pk) -> dict:
        """The non-empty values of kind ``pk``'s fields that the member could see (were built)."""
        found = {}
        for key, (widget, _) in self._field_widgets.get(pk, {}).items():
            value = fields.value(widget)
            if value is not None:
                found[key] = value
        return found

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
        d["tags"] = w.TagsInput(
            value=[],
            allowed_tags=[t.label for t in tag_terms],
            allow_duplicates=False,
            placeholder="labels: kwesties, waarden, bronnen",
        )
        d["visibility"] = w.ToggleButtons(
            options=VISIBILITY_OPTIONS, value="kring", tooltips=VISIBILITY_HELP, description="Zichtbaar voor"
        )
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

    def _extras_children(self) -> list:
        kind = self._current_kind()
        children = [self._specific_box(kind)] if kind in self._declared else []
        if self._expanded:
            children += self._options_row
        return children

    def _build_extras(self) -> None:
        """The box for a kind's own fields and the options, below the text (made when first needed)."""
        extras = self.__dict__["extras"] = w.VBox(self._extras_children())
        box = self.__dict__.get("box")
        if box is not None:
            items = list(box.children)
            items.insert(items.index(self.text) + 1, extras)
            box.children = items

    def _place_extras(self) -> None:
        children = self._extras_children()
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
        d["edit_button"] = w.Button(
            description="Nieuwe versie opslaan", icon="pencil", layout=shared_layout(width="auto"), disabled=self.locked
        )
        self.own.observe(self._own_changed, "value")
        self.edit_button.on_click(self.save_edit)
        d["edit_box"] = w.VBox(
            [
                w.HTML("<b>Je eigen bijdrage aanpassen</b> (de oude versie blijft bewaard)"),
                self.own,
                self.edit_text,
                self.edit_button,
            ],
            layout=_ipw.Layout(),
        )
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
            self.save_button.disabled = self.locked  # a closed phase keeps it off
        if not ok:
            return
        self._last_save = time.monotonic()
        self._client_key = None
        self.text.value = ""
        if "tags" in self.__dict__:
            self.tags.value = []
        for built in self._field_widgets.values():  # free input empties; choices stay for the next entry
            for widget, make in built.values():
                fields.clear(widget, make)
        shared = ""
        if self._opt("visibility", "kring") != "kring":  # wider or narrower sharing is chosen per entry
            shared = f"Deze bijdrage is '{self.visibility.value}'; de volgende staat weer op 'kring'. "
            self.visibility.value = "kring"
        self._say("ok", "Opgeslagen. " + shared + notice_for(result["saved"]))
        self.refresh()

    def _store(self, author, text: str):
        """Save through the store; returns what the scrubber replaced."""
        store, sid = self.ctx.ws.store, self.ctx.session.id
        principle, kind = self.kind.value
        author_id = author.person_id if author is not None else None
        visibility = self._opt("visibility", "kring")
        tag_keys = getattr(self, "_tag_keys", {})
        tags = [tag_keys.get(t, t) for t in self._opt("tags", [])]
        extra = self._field_values((principle, kind))
        if (principle, kind) == ACTION_KIND:
            arguments = {key: extra.pop(key, None) for key in ACTION_ARGUMENTS}
            if extra:
                log.warning("fields %s of an action have no place in the store and are not saved", sorted(extra))
            saved = store.save_action(
                sid,
                text,
                **arguments,
                author=author_id,
                visibility=visibility,
                tags=tags,
                step=self.step.key,
                client_key=self._client_key,
            )
        else:
            saved = store.add_entry(
                sid,
                principle,
                kind,
                text,
                author=author_id,
                visibility=visibility,
                tags=tags,
                extra=extra,
                step=self.step.key,
                client_key=self._client_key,
            )
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
        if self._guarded(
            lambda: result.update(
                saved=self.ctx.ws.store.edit_entry(uid, self.ctx.identity.person_id, self.edit_text.value)
            )
        ):
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
