"""Frameworks as data: the seven principles, methods and tag vocabularies.

The package ships them in ``leerkring/data/*.toml``. A workspace can add its own files under
``<workspace>/frameworks/*.toml`` (same format): extra kwesties, values, source roles, methods, or
extra entry kinds for a principle. Everything is validated on load; a bad file gives one clear error.

An entry kind may declare fields of its own (``fields = [{ key, widget, label, vocabulary,
placeholder }]``): the step's form shows them when that kind is chosen and stores their values in the
entry's ``extra`` under their key. ``widget`` names a widget type: one of :data:`FIELD_WIDGETS`, or one
a plugin adds through the ``field_widgets`` hook; ``vocabulary`` names the options of a choice.

Validation uses pydantic, imported only when something is validated. The objects handed out are small
frozen dataclasses. The shipped set is validated once; its validated form is cached (keyed by a hash of
the shipped files) in the user's cache folder, so a kernel or CLI start does not pay for pydantic.
Workspace files are validated on every load.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from leerkring.errors import LeerkringError

_KEY = r"^[a-z][a-z0-9_]*$"
_CACHE_VERSION = "3"  # bump when the schema or the cached form changes

#: The widget types leerkring itself builds (:mod:`leerkring.widgets.fields`; a test keeps both in step).
FIELD_WIDGETS = ("text", "textarea", "dropdown", "multiselect", "date")
#: Widget types that choose from a vocabulary, so a field of this type must name one.
CHOICE_WIDGETS = ("dropdown", "multiselect")
#: Vocabularies a field can choose from: the frameworks' own lists, and the kring's members.
VOCABULARIES = ("kwesties", "values", "source_roles", "members")


@dataclass(frozen=True)
class EntryField:
    """A field of an entry kind's own: its value is stored in the entry's ``extra[key]``."""

    key: str
    widget: str
    label: str
    vocabulary: str | None = None
    placeholder: str = ""


@dataclass(frozen=True)
class EntryKind:
    key: str
    label: str
    help: str = ""
    fields: tuple[EntryField, ...] = ()


@dataclass(frozen=True)
class Principle:
    key: str
    number: int
    name: str
    gloss: str
    description: str
    questions: tuple[str, ...]
    kinds: tuple[EntryKind, ...]

    def kind(self, key: str) -> EntryKind:
        for kind in self.kinds:
            if kind.key == key:
                return kind
        raise LeerkringError(f"Onbekende soort bijdrage '{key}' bij principe '{self.key}'.")


@dataclass(frozen=True)
class Term:
    key: str
    label: str


@dataclass(frozen=True)
class Phase:
    """One phase of a live session: what the coach leads the group through, with suggested minutes.

    ``principles`` are the forms the phase collects; when every phase holding a principle is closed,
    saves into it are refused (``leerkring.store.room``)."""

    key: str
    name: str
    minutes: int
    principles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Method:
    key: str
    name: str
    principles: tuple[str, ...]
    default: bool = False
    phases: tuple[Phase, ...] = ()


@dataclass(frozen=True)
class Frameworks:
    principles: tuple[Principle, ...]
    kwesties: tuple[Term, ...]
    values: tuple[Term, ...]
    source_roles: tuple[Term, ...]
    methods: tuple[Method, ...]

    def principle(self, key: str) -> Principle:
        for principle in self.principles:
            if principle.key == key:
                return principle
        raise LeerkringError(f"Onbekend principe '{key}'. Kies uit: {', '.join(p.key for p in self.principles)}.")

    def method(self, key: str) -> Method:
        for method in self.methods:
            if method.key == key:
                return method
        raise LeerkringError(f"Onbekende methode '{key}'. Kies uit: {', '.join(m.key for m in self.methods)}.")

    @property
    def default_method(self) -> Method:
        return next((m for m in self.methods if m.default), self.methods[0])

    def kind_keys(self) -> dict[str, tuple[str, ...]]:
        return {p.key: tuple(k.key for k in p.kinds) for p in self.principles}


def _from_data(data: dict) -> Frameworks:
    """Frameworks from validated plain data (pydantic's dump, or the cache's JSON)."""

    def terms(items):
        return tuple(Term(t["key"], t["label"]) for t in items)

    def fields(items):
        return tuple(
            EntryField(f["key"], f["widget"], f["label"], f.get("vocabulary"), f.get("placeholder") or "")
            for f in items
        )

    def kinds(items):
        return tuple(EntryKind(k["key"], k["label"], k.get("help", ""), fields(k.get("fields", ()))) for k in items)

    return Frameworks(
        principles=tuple(
            Principle(
                p["key"], p["number"], p["name"], p["gloss"], p["description"], tuple(p["questions"]), kinds(p["kinds"])
            )
            for p in data["principles"]
        ),
        kwesties=terms(data["kwesties"]),
        values=terms(data["values"]),
        source_roles=terms(data["source_roles"]),
        methods=tuple(
            Method(
                m["key"],
                m["name"],
                tuple(m["principles"]),
                bool(m.get("default", False)),
                tuple(
                    Phase(ph["key"], ph["name"], int(ph["minutes"]), tuple(ph.get("principles", ())))
                    for ph in m.get("phase", ())
                ),
            )
            for m in data["methods"]
        ),
    )


@lru_cache(maxsize=1)
def _schema():
    """The pydantic models that validate framework files (imported on first validation only)."""
    from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

    class _Model(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class FieldModel(_Model):
        key: str = Field(pattern=_KEY)
        widget: str = Field(min_length=1)
        label: str = Field(min_length=1)
        vocabulary: str | None = None
        placeholder: str = ""

        @field_validator("widget")
        @classmethod
        def _known_widget(cls, name):
            known = known_field_widgets(name)
            if name not in known:
                raise ValueError(f"onbekend veldtype '{name}'; kies uit: {', '.join(sorted(known))}")
            return name

        @field_validator("vocabulary")
        @classmethod
        def _known_vocabulary(cls, name):
            if name is not None and name not in VOCABULARIES:
                raise ValueError(f"onbekende woordenlijst '{name}'; kies uit: {', '.join(VOCABULARIES)}")
            return name

        @model_validator(mode="after")
        def _choice_has_vocabulary(self):
            if self.widget in CHOICE_WIDGETS and not self.vocabulary:
                raise ValueError(f"veld '{self.key}' ({self.widget}) noemt geen woordenlijst (vocabulary)")
            return self

    class EntryKindModel(_Model):
        key: str = Field(pattern=_KEY)
        label: str = Field(min_length=1)
        help: str = ""
        fields: tuple[FieldModel, ...] = ()

        @field_validator("fields")
        @classmethod
        def _unique_fields(cls, items):
            keys = [item.key for item in items]
            dupes = sorted({k for k in keys if keys.count(k) > 1})
            if dupes:
                raise ValueError(f"dubbel veld: {', '.join(dupes)}")
            return items

    class PrincipleModel(_Model):
        key: str = Field(pattern=_KEY)
        number: int = Field(ge=1)
        name: str = Field(min_length=1)
        gloss: str = Field(min_length=1)
        description: str = Field(min_length=1)
        questions: tuple[str, ...] = Field(min_length=2, max_length=4)
        kinds: tuple[EntryKindModel, ...] = Field(min_length=1)

    class TermModel(_Model):
        key: str = Field(pattern=_KEY)
        label: str = Field(min_length=1)

    class PhaseModel(_Model):
        key: str = Field(pattern=_KEY)
        name: str = Field(min_length=1)
        minutes: int = Field(ge=1, le=240)
        principles: tuple[str, ...] = ()

    class MethodModel(_Model):
        key: str = Field(pattern=_KEY)
        name: str = Field(min_length=1)
        principles: tuple[str, ...] = Field(min_length=1)
        default: bool = False
        phase: tuple[PhaseModel, ...] = ()

    class FrameworkFile(_Model):
        """One TOML file; every section is optional so a workspace file can add just one thing."""

        principle: tuple[PrincipleModel, ...] = ()
        kwestie: tuple[TermModel, ...] = ()
        value: tuple[TermModel, ...] = ()
        source_role: tuple[TermModel, ...] = ()
        method: tuple[MethodModel, ...] = ()
        extra_kinds: dict[str, tuple[EntryKindModel, ...]] = {}

    class FrameworksModel(_Model):
        principles: tuple[PrincipleModel, ...]
        kwesties: tuple[TermModel, ...]
        values: tuple[TermModel, ...]
        source_roles: tuple[TermModel, ...]
        methods: tuple[MethodModel, ...]

        @field_validator("principles", "kwesties", "values", "source_roles", "methods")
        @classmethod
        def _unique_keys(cls, items):
            keys = [item.key for item in items]
            dupes = sorted({k for k in keys if keys.count(k) > 1})
            if dupes:
                raise ValueError(f"dubbele sleutel(s): {', '.join(dupes)}")
            return items

        @model_validator(mode="after")
        def _methods_use_known_principles(self):
            known = {p.key for p in self.principles}
            for method in self.methods:
                unknown = [p for p in method.principles if p not in known]
                unknown += [p for phase in method.phase for p in phase.principles if p not in method.principles]
                if unknown:
                    raise ValueError(f"methode '{method.key}' noemt onbekend principe {unknown[0]!r}")
                keys = [phase.key for phase in method.phase]
                if len(set(keys)) != len(keys):
                    raise ValueError(f"methode '{method.key}' noemt een fase twee keer")
            return self

    class Schema:
        pass

    schema = Schema()
    schema.ValidationError = ValidationError
    schema.FrameworkFile = FrameworkFile
    schema.Frameworks = FrameworksModel
    return schema


def __getattr__(name: str):
    if name == "FrameworkFile":  # the pydantic model of one file, for code that validates by hand
        return _schema().FrameworkFile
    raise AttributeError(name)


def _read(path_label: str, text: str):
    schema = _schema()
    try:
        return schema.FrameworkFile.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise LeerkringError(f"Frameworkbestand {path_label} is geen geldige TOML: {exc}.") from None
    except schema.ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise LeerkringError(f"Frameworkbestand {path_label} klopt niet bij '{where}': {_reason(first)}.") from None


def _reason(error: dict) -> str:
    """pydantic's message, without the English prefix it puts before our own (Dutch) reasons."""
    return error["msg"].removeprefix("Value error, ")


def known_field_widgets(name: str | None = None) -> tuple[str, ...]:
    """The widget types a field may use: leerkring's own, plus those plugins add.

    Plugins are only asked when ``name`` is not one of leerkring's own, so validating the shipped
    files (and most workspace files) never loads the plugin manager.
    """
    if name is None or name not in FIELD_WIDGETS:
        from leerkring import plugins

        return tuple(dict.fromkeys((*FIELD_WIDGETS, *plugins.mapping("field_widgets"))))
    return FIELD_WIDGETS


def _builtin_files() -> list[tuple[str, str]]:
    data = Path(__file__).resolve().parent / "data"  # shipped inside the package (wheel and editable)
    return [
        (name, (data / name).read_text("utf-8")) for name in ("principles.toml", "vocabularies.toml", "methods.toml")
    ]


def _merge_data(files) -> dict:
    """Validated files merged into the validated plain data of one Frameworks."""
    schema = _schema()
    principles: dict[str, object] = {}
    lists: dict[str, dict[str, object]] = {"kwestie": {}, "value": {}, "source_role": {}, "method": {}}
    extra_kinds: dict[str, list] = {}
    for file in files:
        for principle in file.principle:
            principles[principle.key] = principle
        for section, store in lists.items():
            for item in getattr(file, section):
                store[item.key] = item
        for key, kinds in file.extra_kinds.items():
            extra_kinds.setdefault(key, []).extend(kinds)
    for key, kinds in extra_kinds.items():
        if key not in principles:
            raise LeerkringError(f"Extra soorten bijdrage voor onbekend principe '{key}'.")
        known = {k.key for k in principles[key].kinds}
        merged = principles[key].kinds + tuple(k for k in kinds if k.key not in known)
        principles[key] = principles[key].model_copy(update={"kinds": merged})
    try:
        model = schema.Frameworks(
            principles=tuple(sorted(principles.values(), key=lambda p: p.number)),
            kwesties=tuple(lists["kwestie"].values()),
            values=tuple(lists["value"].values()),
            source_roles=tuple(lists["source_role"].values()),
            methods=tuple(lists["method"].values()),
        )
    except schema.ValidationError as exc:
        raise LeerkringError(f"Frameworks kloppen niet: {_reason(exc.errors()[0])}.") from None
    return model.model_dump(mode="json")


def _merge(files) -> Frameworks:
    return _from_data(_merge_data(files))


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "leerkring"


def _cache_path(texts: list[tuple[str, str]]) -> Path:
    digest = hashlib.sha256(_CACHE_VERSION.encode())
    for name, text in texts:
        digest.update(b"\0" + name.encode() + b"\0" + text.encode("utf-8"))
    return _cache_dir() / f"frameworks-{digest.hexdigest()[:32]}.json"


def _log():
    """This module's logger; logging is imported only on the rare paths that log (it costs a command
    line start about 10 ms)."""
    import logging

    return logging.getLogger(__name__)


def _cached(path: Path) -> Frameworks | None:
    try:
        return _from_data(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:  # a damaged cache: validate the files again
        _log().warning("frameworks cache %s not usable (%s); validating the shipped files again", path, exc)
        return None


def _store_cache(path: Path, data: dict) -> None:
    """Best effort: a read-only home or a full disk only means validating again next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        _log().info("frameworks cache %s not written (%s); validating again next time", path, exc)


@lru_cache(maxsize=1)
def builtin() -> Frameworks:
    """The frameworks that ship with leerkring (validated once, then read from the cache)."""
    texts = _builtin_files()
    path = _cache_path(texts)
    found = _cached(path) if path.is_file() else None
    if found is not None:
        return found
    data = _merge_data([_read(name, text) for name, text in texts])
    _store_cache(path, data)
    return _from_data(data)


def load(workspace_dir: Path | None = None) -> Frameworks:
    """The built-in frameworks plus any ``frameworks/*.toml`` in the workspace (always validated)."""
    if workspace_dir is None:
        return builtin()
    folder = Path(workspace_dir) / "frameworks"
    extra = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    if not extra:
        return builtin()
    files = [_read(name, text) for name, text in _builtin_files()]
    files += [_read(str(path), path.read_text("utf-8")) for path in extra]
    return _merge(files)
