"""Files: where summaries go, atomic writes, the JSON schema, locating the summary notebook."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path

from leerkring.errors import LeerkringError

log = logging.getLogger(__name__)

NOTEBOOK_ENV = "LEERKRING_SUMMARY_NOTEBOOK"


def target_dir(summaries_dir: Path, audience: str, slug: str) -> Path:
    """summaries/<audience>/<kring-slug>/ (the roll-up: summaries/organisatie/_organisatie/)."""
    return Path(summaries_dir) / audience / slug


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write to a temporary file next to ``path`` and ``os.replace`` it: never half-written."""
    path = Path(path)
    make_private_dirs(path.parent)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        # this account's alone: the dashboard launcher copies them as the same account
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def make_private_dirs(folder: Path) -> None:
    """``folder`` and its missing parents, each made 0700 (summaries are for this account only)."""
    folder = Path(folder)
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for new in reversed(missing):
        try:
            new.mkdir(mode=0o700)
        except FileExistsError:  # made by a parallel run a moment ago
            continue
        os.chmod(new, 0o700)  # mkdir's mode passes through the umask


@lru_cache(maxsize=1)
def schema() -> dict:
    text = resources.files("leerkring").joinpath("data/summary.schema.json").read_text("utf-8")
    return json.loads(text)


# -- a fast yes/no check -------------------------------------------------------------------------
# jsonschema interprets the schema for every value (about 0.15 s for a summary with a year of weekly
# sessions, and 0.8 s to import it). The summary schema uses a small set of keywords, so it is compiled
# once into nested closures that only answer "valid or not"; any keyword outside that set makes the
# compiler refuse, and validate() then uses jsonschema for everything. When a document is NOT valid,
# jsonschema (the reference) is always asked, for the message. Tests check both agree.
_ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description", "$comment", "examples", "default"}


class _Unsupported(Exception):
    pass


def _is_integer(v):
    return (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())


_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": _is_integer,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _equal(a, b) -> bool:
    """JSON equality: true is not 1, 1 equals 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return a == b


def _compile(node, root, cache):
    if node is True or node == {}:
        return lambda v: True
    if node is False:
        return lambda v: False
    if not isinstance(node, dict):
        raise _Unsupported(repr(node)[:40])
    unknown = (
        set(node)
        - _ANNOTATIONS
        - {
            "$ref",
            "type",
            "properties",
            "required",
            "additionalProperties",
            "items",
            "enum",
            "const",
            "oneOf",
            "anyOf",
            "allOf",
            "minimum",
            "maximum",
            "pattern",
            "format",
        }
    )
    if unknown:
        raise _Unsupported(", ".join(sorted(unknown)))
    checks = []
    if "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/$defs/"):
            raise _Unsupported(ref)
        name = ref[len("#/$defs/") :]
        if name not in cache:
            cache[name] = None  # recursion guard; filled below
            cache[name] = _compile(root["$defs"][name], root, cache)
        target = cache[name]
        if target is None:
            raise _Unsupported("recursive $ref")
        checks.append(target)
    if "type" in node:
        kinds = [node["type"]] if isinstance(node["type"], str) else list(node["type"])
        tests = [_TYPES[k] for k in kinds]
        checks.append(tests[0] if len(tests) == 1 else (lambda v, tests=tests: any(t(v) for t in tests)))
    if "enum" in node:
        options = list(node["enum"])
        checks.append(lambda v, options=options: any(_equal(v, o) for o in options))
    if "const" in node:
        const = node["const"]
        checks.append(lambda v, const=const: _equal(v, const))
    if "minimum" in node or "maximum" in node:
        lo, hi = node.get("minimum"), node.get("maximum")

        def bounds(v, lo=lo, hi=hi):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                return True
            return (lo is None or v >= lo) and (hi is None or v <= hi)

        checks.append(bounds)
    if "pattern" in node:
        import re

        pattern = re.compile(node["pattern"])
        checks.append(lambda v, p=pattern: not isinstance(v, str) or p.search(v) is not None)
    if "format" in node:
        fmt = {"date": _is_date, "date-time": _is_date_time}.get(node["format"])
        if fmt is None:
            raise _Unsupported("format " + node["format"])
        checks.append(lambda v, fmt=fmt: not isinstance(v, str) or fmt(v))
    if "required" in node or "properties" in node or "additionalProperties" in node:
        required = list(node.get("required", []))
        props = {k: _compile(v, root, cache) for k, v in node.get("properties", {}).items()}
        extra = node.get("additionalProperties", True)
        extra = None if extra is True else _compile(extra, root, cache)

        def obj(v, required=required, props=props, extra=extra):
            if not isinstance(v, dict):
                return True
            for key in required:
                if key not in v:
                    return False
            for key, value in v.items():
                check = props.get(key, extra)
                if check is not None and not check(value):
                    return False
            return True

        checks.append(obj)
    if "items" in node:
        item = _compile(node["items"], root, cache)
        checks.append(lambda v, item=item: not isinstance(v, list) or all(item(x) for x in v))
    if "oneOf" in node:
        branches = [_compile(b, root, cache) for b in node["oneOf"]]
        checks.append(lambda v, bs=branches: sum(1 for b in bs if b(v)) == 1)
    if "anyOf" in node:
        branches = [_compile(b, root, cache) for b in node["anyOf"]]
        checks.append(lambda v, bs=branches: any(b(v) for b in bs))
    if "allOf" in node:
        branches = [_compile(b, root, cache) for b in node["allOf"]]
        checks.append(lambda v, bs=branches: all(b(v) for b in bs))
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]
    return lambda v, checks=checks: all(c(v) for c in checks)


@lru_cache(maxsize=1)
def _fast_validator():
    """The compiled yes/no check, or None when the schema uses a keyword it does not know."""
    try:
        return _compile(schema(), schema(), {})
    except _Unsupported as exc:
        log.debug("summary schema checked with jsonschema, not the fast check: %s", exc)
        return None


def _is_date(value: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _is_date_time(value: str) -> bool:
    import datetime as dt

    if len(value) < 20 or value[10] not in "Tt":
        return False
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return False
    return parsed.tzinfo is not None  # RFC 3339 requires an offset


def is_valid(doc: dict) -> bool:
    """True when ``doc`` follows summary.schema.json (fast; jsonschema when the fast check is unavailable)."""
    fast = _fast_validator()
    if fast is not None:
        return fast(doc)
    import jsonschema

    return jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).is_valid(doc)


def validate(doc: dict) -> None:
    """Raise LeerkringError when ``doc`` does not follow summary.schema.json."""
    if _fast_validator() is not None and _fast_validator()(doc):
        return
    import jsonschema  # the reference implementation decides, and names the place for the message

    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    error = jsonschema.exceptions.best_match(validator.iter_errors(doc))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(hoofdniveau)"
        raise LeerkringError(f"De samenvatting volgt het schema niet bij {where}: {error.message[:200]}")


def is_damaged(path: Path) -> bool:
    """An earlier summary that cannot be read back (truncated, not JSON, not our schema)."""
    path = Path(path)
    if not path.exists():
        return False
    try:
        if path.suffix == ".json":
            doc = json.loads(path.read_text("utf-8"))
            return not isinstance(doc, dict) or doc.get("schema_version") is None
        if path.suffix == ".ipynb":
            json.loads(path.read_text("utf-8"))
            return False
        if path.suffix == ".html":
            return b"</html>" not in path.read_bytes()[-4096:]
    except (OSError, ValueError, UnicodeDecodeError):
        return True
    return False


def notebook_path() -> Path:
    """The summary notebook: $LEERKRING_SUMMARY_NOTEBOOK, the copy shipped in the wheel
    (leerkring/resources/notebooks/summary.ipynb), or notebooks/summary.ipynb in a source checkout."""
    override = os.environ.get(NOTEBOOK_ENV)
    candidates = [Path(override)] if override else []
    try:
        candidates.append(Path(str(resources.files("leerkring").joinpath("resources/notebooks/summary.ipynb"))))
    except (ModuleNotFoundError, TypeError) as exc:  # pragma: no cover
        log.debug("no packaged summary notebook (%s); using the source checkout's", exc)
    candidates.append(Path(__file__).resolve().parents[2] / "notebooks" / "summary.ipynb")
    for path in candidates:
        if path.is_file():
            return path
    raise LeerkringError(
        "De samenvattingsnotebook (summary.ipynb) ontbreekt in deze installatie; installeer leerkring opnieuw."
    )
