"""Published summaries, as the audit log records them: the only files the dashboard may show.

``leerkring summarize`` records every summary it writes as one audit entry (action
:data:`PUBLISH_ACTION`) naming each file by its path relative to the workspace (POSIX separators) and
the SHA-256 of its bytes. The dashboard launcher asks :meth:`PublicationsMixin.publications` once and
stages only files whose bytes still have the recorded hash, so a file placed or edited by hand never
reaches management.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

from sqlalchemy import select

from leerkring.errors import UsageError
from leerkring.store import schema

PUBLISH_ACTION = "summary.publish"


def digest(data: bytes) -> str:
    """The SHA-256 of ``data`` as 64 lower-case hex digits (what a publication records)."""
    return hashlib.sha256(data).hexdigest()


def _checked_path(path: str) -> str:
    posix = PurePosixPath(str(path))
    if posix.is_absolute() or ".." in posix.parts or "\\" in str(path) or not posix.parts:
        raise UsageError(f"Een gepubliceerd bestand moet binnen de werkruimte liggen: {path}")
    return posix.as_posix()


class PublicationsMixin:
    def record_publication(self, actor: str, files: dict[str, str], **detail) -> None:
        """Record one publication: ``files`` maps a workspace-relative path to the SHA-256 of its bytes.

        ``detail`` (audience, kring, period, ...) is stored alongside; who and when are the audit
        entry's own actor and time.
        """
        entries = [{"path": _checked_path(path), "sha256": str(sha)} for path, sha in files.items()]
        self.audit(actor, PUBLISH_ACTION, {**detail, "files": entries})

    def publications(self) -> dict[str, str]:
        """The recorded SHA-256 of every published file by its workspace-relative path.

        One query over the audit entries of :data:`PUBLISH_ACTION` (indexed), oldest first, so the
        latest record per path wins. Entries from before hashes were recorded (a list of plain paths)
        name no hash and are left out: those files count as unpublished until summarised again.
        """
        query = select(schema.audit.c.detail).where(schema.audit.c.action == PUBLISH_ACTION).order_by(schema.audit.c.id)
        latest: dict[str, str] = {}
        with self.read() as conn:
            for detail in conn.execute(query).scalars():
                for item in (detail or {}).get("files", ()):
                    if isinstance(item, dict) and isinstance(item.get("path"), str) and item.get("sha256"):
                        latest[item["path"]] = str(item["sha256"])
        return latest
