"""Session templates: where they are, what steps they hold, and whether their metadata is valid.

Lookup order for method ``<key>``:

1. ``<workspace>/templates/<key>.ipynb`` (a coach's own template, or an override);
2. the templates that ship with leerkring: ``importlib.resources.files("leerkring") / "resources" /
   "templates"`` (in a source checkout ``leerkring/resources/templates`` is a symlink to the repository's
   ``templates/``; in a wheel the files are copied there as package data);
3. ``templates/`` next to the package directory (a source checkout where the symlink is missing).

If a method has no template anywhere (a coach added a method to ``frameworks/*.toml`` but no notebook),
:func:`generic_template` builds one from the method's principles so that a session can always start.

This module reads notebooks as plain JSON (no nbformat import) because the kernel uses it too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from leerkring.errors import LeerkringError

SCHEMA_VERSION = 1
META = "leerkring"
STEP_ROLES = ("step", "open_actions", "signal", "evaluation")


class TemplateError(LeerkringError):
    """A template (or a session notebook) whose metadata does not follow the schema."""


@dataclass(frozen=True)
class Step:
    """One step of a session notebook, as its cell metadata describes it."""

    key: str
    role: str
    title: str
    principles: tuple[str, ...]
    kinds: tuple[str, ...] = ()


# -- locating --------------------------------------------------------------------------------------
def package_templates_dir() -> Path | None:
    """The folder with the templates that ship with leerkring (wheel or source checkout)."""
    try:
        candidate = resources.files("leerkring") / "resources" / "templates"
        if candidate.is_dir():
            return Path(str(candidate))
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):  # pragma: no cover
        pass
    import leerkring

    source = Path(leerkring.__file__).resolve().parent.parent / "templates"
    return source if source.is_dir() else None


def template_candidates(method: str, workspace: str | Path | None = None) -> list[Path]:
    found = []
    if workspace is not None:
        found.append(Path(workspace) / "templates" / f"{method}.ipynb")
    package = package_templates_dir()
    if package is not None:
        found.append(package / f"{method}.ipynb")
    return found


def find_template(method: str, workspace: str | Path | None = None) -> Path | None:
    """The template file for ``method``: the workspace's own first, then the package's; None if none."""
    for path in template_candidates(method, workspace):
        if path.is_file():
            return path
    return None


def builtin_template_keys() -> list[str]:
    folder = package_templates_dir()
    return sorted(p.stem for p in folder.glob("*.ipynb")) if folder else []


# -- reading ----------------------------------------------------------------------------------------
def read_notebook(path: str | Path) -> dict:
    try:
        return json.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError:
        raise TemplateError(f"Notebook {path} bestaat niet.") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise TemplateError(f"Notebook {path} is geen geldig notebook (JSON-fout: {exc}).") from None


def cell_meta(cell: dict) -> dict:
    meta = cell.get("metadata") or {}
    value = meta.get(META)
    return value if isinstance(value, dict) else {}


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def steps_of(nb: dict) -> list[Step]:
    """Steps in notebook order. Several cells of one step (Markdown + code) merge into one Step."""
    order: list[str] = []
    merged: dict[str, dict] = {}
    for cell in nb.get("cells", ()):
        meta = cell_meta(cell)
        key = meta.get("step")
        if not isinstance(key, str) or not key:
            continue
        if key not in merged:
            order.append(key)
            merged[key] = {"role": None, "title": "", "principles": (), "kinds": ()}
        target = merged[key]
        role = meta.get("role")
        if role in STEP_ROLES and (target["role"] is None or cell.get("cell_type") == "code"):
            target["role"] = role
        if meta.get("title") and not target["title"]:
            target["title"] = str(meta["title"])
        if meta.get("principles") and not target["principles"]:
            target["principles"] = tuple(meta["principles"])
        if meta.get("kinds") and not target["kinds"]:
            target["kinds"] = tuple(meta["kinds"])
    return [
        Step(
            key,
            merged[key]["role"] or "step",
            merged[key]["title"] or key.replace("_", " ").capitalize(),
            merged[key]["principles"],
            merged[key]["kinds"],
        )
        for key in order
    ]


# -- validating -------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads((resources.files("leerkring.notebooks") / "template_schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator():
    """The compiled schema. fastjsonschema, not jsonschema: importing jsonschema alone costs over a
    second (its format checkers build a grammar), which would blow the 1 s budget of 'session new'."""
    import fastjsonschema

    return fastjsonschema.compile(schema())


def metadata_document(nb: dict) -> dict:
    """The part of a notebook the JSON schema is about: notebook and cell metadata under 'leerkring'."""
    return {
        "notebook": (nb.get("metadata") or {}).get(META, {}),
        "cells": [cell_meta(c) for c in nb.get("cells", ()) if cell_meta(c)],
    }


def validate_template(nb: dict, frameworks=None, *, label: str = "sjabloon") -> list[Step]:
    """Check a template against the JSON schema and the frameworks; return its steps or raise."""
    try:
        _validator()(metadata_document(nb))
    except Exception as exc:  # fastjsonschema.JsonSchemaValueException
        if type(exc).__name__ != "JsonSchemaValueException":
            raise
        where = str(getattr(exc, "name", "") or "metadata").replace("data.", "").replace("data", "metadata")
        raise TemplateError(f"Het {label} klopt niet met het schema bij '{where}': {exc.message}.") from None
    cells = nb.get("cells", ())
    tagged = [c for c in cells if "parameters" in ((c.get("metadata") or {}).get("tags") or ())]
    if len(tagged) != 1 or tagged[0].get("cell_type") != "code":
        raise TemplateError(f"Het {label} moet precies één codecel met het label 'parameters' hebben.")
    steps = steps_of(nb)
    if not steps:
        raise TemplateError(f"Het {label} heeft geen stappen (cellen met metadata 'leerkring.step').")
    for step in steps:
        if step.role in ("step", "open_actions") and not step.principles:
            raise TemplateError(f"Stap '{step.key}' in het {label} noemt geen principes (metadata 'principles').")
    if frameworks is not None:
        for step in steps:
            allowed = set()
            for key in step.principles:
                try:
                    principle = frameworks.principle(key)
                except LeerkringError as exc:
                    raise TemplateError(f"Stap '{step.key}' in het {label}: {exc}") from None
                allowed |= {k.key for k in principle.kinds}
            unknown = [k for k in step.kinds if k not in allowed]
            if unknown:
                raise TemplateError(
                    f"Stap '{step.key}' in het {label} noemt soort '{unknown[0]}', die niet bij zijn principes hoort."
                )
    roles = [s.role for s in steps]
    if roles[0] != "open_actions":
        raise TemplateError(f"Het {label} moet beginnen met de terugblik op open acties (rol 'open_actions').")
    if roles[-1] != "evaluation":
        raise TemplateError(f"Het {label} moet eindigen met de evaluatie (rol 'evaluation').")
    if "signal" not in roles:
        raise TemplateError(f"Het {label} mist het signaalformulier (rol 'signal').")
    return steps


# -- a generic template for methods without a notebook ---------------------------------------------
def _md(text: str, meta: dict | None = None) -> dict:
    return {"cell_type": "markdown", "metadata": {META: meta} if meta else {}, "source": text}


def _code(text: str, meta: dict | None = None, tags: list[str] | None = None) -> dict:
    metadata: dict = {}
    if tags:
        metadata["tags"] = tags
    if meta:
        metadata[META] = meta
    return {"cell_type": "code", "execution_count": None, "metadata": metadata, "outputs": [], "source": text}


PARAMETERS_SOURCE = (
    "# Parameters (vult leerkring in bij 'leerkring session new')\n"
    'workspace = ""\nsession_id = 0\nkring = ""\ndate = ""\nmethod = ""\ntitle = ""'
)


def generic_template(method, frameworks) -> dict:
    """A plain session notebook for a method without its own template: one step per principle."""
    cells = [
        _md(
            f"# {method.name}\n\nDeze sessie volgt de principes van de methode *{method.name}*, één stap per principe.",
            {"role": "intro"},
        ),
        _code(
            PARAMETERS_SOURCE.replace('method = ""', f'method = "{method.key}"'), {"role": "parameters"}, ["parameters"]
        ),
        _md(
            "## Terugblik op acties\n\nWat hebben we uitgeprobeerd sinds de vorige keer, en wat leverde het op?",
            {"role": "open_actions", "step": "terugblik"},
        ),
        _code(
            "from leerkring.widgets import open_actions; open_actions()",
            {"role": "open_actions", "step": "terugblik", "title": "Terugblik op acties", "principles": ["actieleren"]},
        ),
    ]
    for key in method.principles:
        principle = frameworks.principle(key)
        questions = "\n".join(f"- {q}" for q in principle.questions)
        meta = {"role": "step", "step": key, "title": principle.name, "principles": [key]}
        cells.append(
            _md(f"## {principle.name}\n\n{principle.description}\n\n{questions}", {"role": "step", "step": key})
        )
        cells.append(_code(f'from leerkring.widgets import step; step("{key}")', meta))
    sig = {"role": "signal", "step": "signaal", "title": "Signaal aan het management"}
    cells.append(
        _md(
            "## Signaal aan het management\n\nLoopt het team aan tegen iets wat alleen de organisatie "
            "of gemeente kan oplossen? Meld het hier.",
            {"role": "signal", "step": "signaal"},
        )
    )
    cells.append(_code("from leerkring.widgets import signal; signal()", sig))
    ev = {"role": "evaluation", "step": "evaluatie", "title": "Evaluatie"}
    cells.append(
        _md("## Evaluatie\n\nAnoniem: hoe was deze sessie voor jou?", {"role": "evaluation", "step": "evaluatie"})
    )
    cells.append(_code("from leerkring.widgets import evaluation; evaluation()", ev))
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            META: {"method": method.key, "schema_version": SCHEMA_VERSION},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def load_template(method: str, workspace: str | Path | None = None, frameworks=None) -> tuple[dict, str]:
    """(template notebook, where it came from). Validated; generic when no file exists."""
    path = find_template(method, workspace)
    if path is None:
        if frameworks is None:
            raise TemplateError(f"Geen sjabloon voor methode '{method}'.")
        nb = generic_template(frameworks.method(method), frameworks)
        validate_template(nb, frameworks, label="algemene sjabloon")
        return nb, "algemeen"
    nb = read_notebook(path)
    validate_template(nb, frameworks, label=f"sjabloon {path}")
    return nb, str(path)
