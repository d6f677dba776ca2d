"""The checksums in a backup's manifest: BLAKE3 of every member (what ``b3sum`` prints), a damaged
byte anywhere in a member of many copy chunks noticed, and archives of format 1 (SHA-256 per member,
made before BLAKE3) still checked and restored."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from pathlib import Path

import pytest
from _backup_helpers import manifest_of, restored_db, sqlite_rows
from blake3 import blake3

from leerkring.backup import Damaged, check_backup, create_backup, restore_backup
from leerkring.backup.checksum import CHUNK

pytestmark = pytest.mark.usefixtures("rules_scrubber")

TEMPLATE = "workspace/templates/groot.bin"


@pytest.fixture(scope="module")
def made(tmp_path_factory, team_workspace):
    """A workspace with 40 entries and a template of several copy chunks, and its backup."""
    root = tmp_path_factory.mktemp("checksums")
    ws, _kring, session = team_workspace(root / "live", scrubber=None)
    for i in range(40):
        ws.store.add_entry(session.id, "ervaringen", "ervaring", f"Bijdrage {i}", author="Mila Lid")
    (ws.path / "templates").mkdir(exist_ok=True)
    big = os.urandom(3 * CHUNK + 12_345)
    (ws.path / "templates" / "groot.bin").write_bytes(big)
    db = Path(ws.store.url[len("sqlite:///") :])
    archive = create_backup(ws, root / "backup.tar").path
    ws.close()
    return {"root": root, "archive": archive, "big": big, "db": db}


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


def test_every_member_carries_its_blake3_and_size(made):
    manifest = manifest_of(made["archive"])
    members = _members(made["archive"])
    assert manifest["format_version"] == 2
    assert set(manifest["files"]) == set(members) - {"manifest.json", "manifest.sha256"}
    for name, entry in manifest["files"].items():
        assert entry == {"size": len(members[name]), "blake3": blake3(members[name]).hexdigest()}, name
    assert members[TEMPLATE] == made["big"]  # four copy chunks, the last one partial
    # the database is copied byte for byte (no writers, no WAL left after closing)
    assert members["database/leerkring.db"] == made["db"].read_bytes()
    # the manifest's own checksum is the SHA-256 that sha256sum prints
    digest = hashlib.sha256(members["manifest.json"]).hexdigest()
    assert members["manifest.sha256"] == f"{digest}  manifest.json\n".encode()


@pytest.mark.parametrize("where", ["first-chunk", "last-chunk"])
def test_a_flipped_byte_in_a_large_member_is_noticed(made, tmp_path, where):
    data = bytearray(made["archive"].read_bytes())
    with tarfile.open(made["archive"]) as tar:
        member = tar.getmember(TEMPLATE)
    offset = 17 if where == "first-chunk" else member.size - 5
    data[member.offset_data + offset] ^= 0x01
    bad = tmp_path / "bad.tar"
    bad.write_bytes(bytes(data))
    with pytest.raises(Damaged) as refused:
        check_backup(bad)
    assert refused.value.message == f"bad.tar is beschadigd ({TEMPLATE} klopt niet met zijn controlegetal)."


def _as_format_1(archive: Path, target: Path, damage: str | None = None) -> Path:
    """The archive as the first version wrote it: SHA-256 per member in a format-1 manifest."""
    members = _members(archive)
    manifest = json.loads(members.pop("manifest.json"))
    members.pop("manifest.sha256")
    manifest["format_version"] = 1
    manifest["files"] = {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)} for name, data in members.items()
    }
    if damage:
        changed = bytearray(members[damage])
        changed[len(changed) // 2] ^= 0x01
        members[damage] = bytes(changed)
    text = json.dumps(manifest, indent=1, sort_keys=True).encode() + b"\n"
    members["manifest.json"] = text
    members["manifest.sha256"] = f"{hashlib.sha256(text).hexdigest()}  manifest.json\n".encode()
    with tarfile.open(target, "w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), 0o600
            tar.addfile(info, io.BytesIO(data))
    return target


def test_an_archive_of_format_1_still_checks_and_restores(made, tmp_path):
    old = _as_format_1(made["archive"], tmp_path / "oud.tar")
    result = check_backup(old)
    assert result.manifest["format_version"] == 1 and "database-integriteit: ok" in result.verified
    restored = restore_backup(old, tmp_path / "hersteld", live=made["root"] / "live")
    count = sqlite_rows(restored_db(restored.path), "SELECT count(*) FROM entry WHERE text LIKE 'Bijdrage %'")
    assert count == [(40,)]
    assert (restored.path / "templates" / "groot.bin").read_bytes() == made["big"]


def test_a_damaged_archive_of_format_1_is_refused(made, tmp_path):
    bad = _as_format_1(made["archive"], tmp_path / "oud.tar", damage="database/leerkring.db")
    with pytest.raises(Damaged) as refused:
        check_backup(bad)
    assert "database/leerkring.db klopt niet met zijn controlegetal" in refused.value.message
