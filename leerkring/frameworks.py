"""Frameworks as data: the seven principles, methods and tag vocabularies.

The package ships them in ``leerkring/data/*.toml``. A workspace can add its own files under
``<workspace>/frameworks/*.toml`` (same format): extra kwesties, values, source roles, methods, or
extra entry kinds for a principle. Everything is validated on load; a bad file gives one clear error.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from leerkring.errors import LeerkringError

_KEY = r"^[a-z][a-z0-9_]*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EntryKind(_Model):
    key: str = Field(pattern=_KEY)
    label: str = Field(min_length=1)
    help: str = ""


class Principle(_Model):
    key: str = Field(pattern=_KEY)
    number: int = Field(ge=1)
    name: str = Field(min_length=1)
    gloss: str = Field(min_length=1)
    description: str = Field(min_length=1)
    questions: tuple[str, ...] = Field(min_length=2, max_length=4)
    kinds: tuple[EntryKind, ...] = Field(min_length=1)

    def kind(self, key: str) -> EntryKind:
        for kind in self.kinds:
            if kind.key == key:
                return kind
        raise LeerkringError(f"Onbekende soort bijdrage '{key}' bij principe '{self.key}'.")


class Term(_Model):
    key: str = Field(pattern=_KEY)
    label: str = Field(min_length=1)


class Method(_Model):
    key: str = Field(pattern=_KEY)
    name: str = Field(min_length=1)
    principles: tuple[str, ...] = Field(min_length=1)
    default: bool = False


class FrameworkFile(_Model):
    """One TOML file; every section is optional so a workspace file can add just one thing."""

    principle: tuple[Principle, ...] = ()
    kwestie: tuple[Term, ...] = ()
    value: tuple[Term, ...] = ()
    source_role: tuple[Term, ...] = ()
    method: tuple[Method, ...] = ()
    extra_kinds: dict[str, tuple[EntryKind, ...]] = {}


class Frameworks(_Model):
    principles: tuple[Principle, ...]
    kwesties: tuple[Term, ...]
    values: tuple[Term, ...]
    source_roles: tuple[Term, ...]
    methods: tuple[Method, ...]

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
            if unknown:
                raise ValueError(f"methode '{method.key}' noemt onbekend principe {unknown[0]!r}")
        return self

    def principle(self, key: str) -> Principle:
        for principle in self.principles:
            if principle.key == key:
                return principle
        raise LeerkringError(
            f"Onbekend principe '{key}'. Kies uit: {', '.join(p.key for p in self.principles)}."
        )

    def method(self, key: str) -> Method:
        for method in self.methods:
            if method.key == key:
                return method
        raise LeerkringError(
            f"Onbekende methode '{key}'. Kies uit: {', '.join(m.key for m in self.methods)}."
        )

    @property
    def default_method(self) -> Method:
        return next((m for m in self.methods if m.default), self.methods[0])

    def kind_keys(self) -> dict[str, tuple[str, ...]]:
        return {p.key: tuple(k.key for k in p.kinds) for p in self.principles}


def _read(path_label: str, text: str) -> FrameworkFile:
    try:
        return FrameworkFile.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise LeerkringError(f"Frameworkbestand {path_label} is geen geldige TOML: {exc}.") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise LeerkringError(f"Frameworkbestand {path_label} klopt niet bij '{where}': {first['msg']}.") from None


def _builtin_files() -> list[tuple[str, str]]:
    data = resources.files("leerkring") / "data"
    return [(name, (data / name).read_text("utf-8")) for name in ("principles.toml", "vocabularies.toml", "methods.toml")]


def _merge(files: list[FrameworkFile]) -> Frameworks:
    principles: dict[str, Principle] = {}
    lists: dict[str, dict[str, object]] = {"kwestie": {}, "value": {}, "source_role": {}, "method": {}}
    extra_kinds: dict[str, list[EntryKind]] = {}
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
        return Frameworks(
            principles=tuple(sorted(principles.values(), key=lambda p: p.number)),
            kwesties=tuple(lists["kwestie"].values()),
            values=tuple(lists["value"].values()),
            source_roles=tuple(lists["source_role"].values()),
            methods=tuple(lists["method"].values()),
        )
    except ValidationError as exc:
        raise LeerkringError(f"Frameworks kloppen niet: {exc.errors()[0]['msg']}.") from None


@lru_cache(maxsize=1)
def builtin() -> Frameworks:
    """The frameworks that ship with leerkring."""
    return _merge([_read(name, text) for name, text in _builtin_files()])


def load(workspace_dir: Path | None = None) -> Frameworks:
    """The built-in frameworks plus any ``frameworks/*.toml`` in the workspace."""
    if workspace_dir is None:
        return builtin()
    folder = Path(workspace_dir) / "frameworks"
    extra = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    if not extra:
        return builtin()
    files = [_read(name, text) for name, text in _builtin_files()]
    files += [_read(str(path), path.read_text("utf-8")) for path in extra]
    return _merge(files)
