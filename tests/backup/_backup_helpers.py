"""Helpers for the backup tests (imported by name: ``tests/backup`` is on ``sys.path`` for its tests)."""

from __future__ import annotations

import json
import sqlite3
import tarfile
from pathlib import Path


def manifest_of(archive: Path) -> dict:
    """The manifest inside an unencrypted archive."""
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile("manifest.json"))


def sqlite_rows(db: Path, query: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(query, params).fetchall()
    finally:
        conn.close()


def restored_db(folder: Path) -> Path:
    return folder / ".leerkring" / "leerkring.db"
