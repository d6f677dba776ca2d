"""Files: where summaries go, atomic writes, the JSON schema, locating the summary notebook."""

from __future__ import annotations

import json
import os
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path

from leerkring.errors import LeerkringError

NOTEBOOK_ENV = "LEERKRING_SUMMARY_NOTEBOOK"


def target_dir(summaries_dir: Path, audience: str, slug: str) -> Path:
    """summaries/<audience>/<kring-slug>/ (the roll-up: summaries/organisatie/_organisatie/)."""
    return Path(summaries_dir) / audience / slug


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write to a temporary file next to ``path`` and ``os.replace`` it: never half-written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # readable like any other file (the dashboard reads them)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@lru_cache(maxsize=1)
def schema() -> dict:
    text = resources.files("leerkring").joinpath("data/summary.schema.json").read_text("utf-8")
    return json.loads(text)


def validate(doc: dict) -> None:
    """Raise LeerkringError when ``doc`` does not follow summary.schema.json."""
    import jsonschema

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
    except (ModuleNotFoundError, TypeError):  # pragma: no cover
        pass
    candidates.append(Path(__file__).resolve().parents[2] / "notebooks" / "summary.ipynb")
    for path in candidates:
        if path.is_file():
            return path
    raise LeerkringError(
        "De samenvattingsnotebook (summary.ipynb) ontbreekt in deze installatie; installeer leerkring opnieuw."
    )
