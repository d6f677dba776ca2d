"""The backup archive: one tar file (optionally encrypted as a whole), its manifest and checksums.

Layout (ustar, no compression; members in this order)::

    workspace/leerkring.toml          the workspace settings (a database password removed)
    workspace/frameworks/...          the workspace's own methods and vocabularies
    workspace/templates/...           the workspace's own session templates
    database/...                      the snapshot: leerkring.db (+ leerkring.db-wal) for SQLite;
                                      leerkring.pgdump (pg_dump, custom format) or <table>.copy
                                      (COPY text through the driver) for PostgreSQL
    manifest.json                     format and leerkring version, schema version and Alembic
                                      revision, counts per table, size and BLAKE3 of every member
                                      (:mod:`.checksum`; SHA-256 in format 1),
                                      created_at, the source database kind, the last audit record
    manifest.sha256                   SHA-256 of manifest.json (as ``sha256sum`` writes it)

The manifest comes last because the checksums are computed while the members are written (one pass
over the database snapshot). A reader therefore streams every member into a private folder while
hashing it and judges the whole at the end; nothing is trusted before that. For an unencrypted
archive the reader also checks what tar itself does not: the padding between members and the zero
blocks at the end, so that any flipped byte and any cut-off file is noticed. An encrypted archive is
authenticated chunk by chunk (:mod:`leerkring.backup.crypto`).

The file is written to a temporary file (mode 0600) beside the target, flushed to disk and renamed,
so a killed backup never leaves half an archive under the final name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import tarfile
from pathlib import Path, PurePosixPath

from leerkring.backup.checksum import Copier, digest_of, entry, hasher, matches
from leerkring.backup.crypto import Damaged, DecryptingReader, EncryptingWriter, is_encrypted, read_key
from leerkring.errors import LeerkringError

log = logging.getLogger(__name__)

FORMAT = "leerkring-backup"
FORMAT_VERSION = 2  # 2: members carry their BLAKE3 (1: their SHA-256); both are read
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
COPY_BUFFER = 1 << 20
BLOCK = tarfile.BLOCKSIZE
RECORD = tarfile.RECORDSIZE
# what may be in an archive; anything else makes it "not ours"
_ALLOWED = re.compile(
    r"^(manifest\.json|manifest\.sha256|workspace/leerkring\.toml|workspace/(frameworks|templates)/[^\x00]+"
    r"|database/[A-Za-z0-9_.-]+)$"
)


class BackupError(LeerkringError):
    """A backup that cannot be made or used (one Dutch line)."""


class _Disk:
    """The archive file, written without a buffer of our own (member data comes in chunks already;
    a buffer would only copy every byte once more): every 16 MiB written is handed to the kernel for
    writing back at once (``posix_fadvise(DONTNEED)`` starts the write-back and keeps the backup from
    crowding out the page cache), so the final ``fsync`` has little left to wait for."""

    STEP = 16 << 20

    def __init__(self, raw):
        self._raw = raw
        self._offset = 0
        self._mark = 0

    def write(self, data) -> int:
        view = memoryview(data)
        done = 0
        while done < len(view):  # an unbuffered write may take less than it was given
            done += self._raw.write(view[done:])
        self._offset += done
        if self._offset - self._mark >= self.STEP:
            os.posix_fadvise(self._raw.fileno(), self._mark, self._offset - self._mark, os.POSIX_FADV_DONTNEED)
            self._mark = self._offset
        return done


class ArchiveWriter:
    """Write an archive member by member (ustar, as ``tarfile`` reads it; the member data is copied in
    one pass through reused buffers and hashed on the way, in a second thread);
    :meth:`finish` adds the manifest and puts the file in place.

    Use as a context manager: leaving it without :meth:`finish` (an error) removes the temporary file.
    """

    def __init__(self, target: Path, key: bytes | None = None):
        self.target = Path(target)
        self.encrypted = key is not None
        self.files: dict[str, dict] = {}
        self._tmp = self.target.with_name(f".{self.target.name}.{os.urandom(4).hex()}.tmp")
        try:
            fd = os.open(self._tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            raise BackupError(f"Kan de back-up niet schrijven in {self.target.parent}: {exc.strerror}.") from None
        self._raw = os.fdopen(fd, "wb", buffering=0)
        disk = _Disk(self._raw)
        self._crypt = EncryptingWriter(disk, key) if key is not None else None
        self._out = self._crypt if self._crypt is not None else disk
        self._offset = 0
        self._copier = Copier()
        self._done = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if not self._done:
            self.abort()

    def _write(self, data) -> None:
        self._out.write(data)
        self._offset += len(data)

    def _header(self, name: str, size: int) -> None:
        info = tarfile.TarInfo(name)
        info.size = size
        info.mode = 0o600
        info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
        try:
            self._write(info.tobuf(tarfile.USTAR_FORMAT, "utf-8", "strict"))
        except (ValueError, UnicodeEncodeError):
            raise BackupError(f"De bestandsnaam {name!r} past niet in een back-up (te lang of ongeldig).") from None

    def _pad(self, size: int) -> None:
        if size % BLOCK:
            self._write(bytes(BLOCK - size % BLOCK))

    def add_file(self, name: str, path: Path) -> dict:
        """Add the file at ``path``; returns its manifest entry (size and checksums)."""
        with open(path, "rb", buffering=0) as raw:
            return self.add_stream(name, raw, os.fstat(raw.fileno()).st_size)

    def add_stream(self, name: str, raw, size: int) -> dict:
        """Add ``size`` bytes read from the open (unbuffered) file ``raw``; returns the member's manifest
        entry, its BLAKE3 computed on the way (:class:`~leerkring.backup.checksum.Copier`: one pass
        through reused buffers, hashed in a second thread while the next chunk is copied).

        Zeros stand in for bytes past the file's end: a SQLite file can shrink while it is copied (a
        checkpoint truncates it to the size of the last commit, and SQLite ignores what lies past that).
        """
        self._header(name, size)
        self.files[name] = entry(size, self._copier.copy(raw, size, self._write))
        self._pad(size)
        return self.files[name]

    def add_bytes(self, name: str, data: bytes) -> str:
        self._header(name, len(data))
        self._write(data)
        self._pad(len(data))
        if name not in (MANIFEST, MANIFEST_SUM):
            self.files[name] = entry(len(data), digest_of(data))
        return hashlib.sha256(data).hexdigest()

    def finish(self, manifest: dict) -> Path:
        """Add the manifest (with the checksums of every member), close, flush to disk and put the file
        under its name, never over an existing file."""
        manifest = {**manifest, "files": dict(self.files)}
        data = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n"
        self.add_bytes(MANIFEST, data)
        self.add_bytes(MANIFEST_SUM, (hashlib.sha256(data).hexdigest() + "  manifest.json\n").encode())
        self._write(bytes(2 * BLOCK))  # tar's end: two zero blocks, then zeros to a whole record
        if self._offset % RECORD:
            self._write(bytes(RECORD - self._offset % RECORD))
        if self._crypt is not None:
            self._crypt.finish()
        self._copier.close()
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        try:
            os.link(self._tmp, self.target)  # fails when the target exists: never overwrite a backup
        except FileExistsError:
            self.abort()
            raise BackupError(f"{self.target} bestaat al; een back-up wordt nooit overschreven.") from None
        except OSError:  # a file system without hard links
            log.info("no hard link for %s; renaming", self.target, exc_info=True)
            if self.target.exists():
                self.abort()
                raise BackupError(f"{self.target} bestaat al; een back-up wordt nooit overschreven.") from None
            os.replace(self._tmp, self.target)
        self.abort()  # removes the temporary name (the file stays under the target's)
        _fsync_dir(self.target.parent)
        return self.target

    def abort(self) -> None:
        self._done = True
        self._copier.close()
        try:
            self._raw.close()
        except OSError:
            log.warning("closing %s failed", self._tmp, exc_info=True)
        try:
            self._tmp.unlink()
        except FileNotFoundError:
            pass


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        log.warning("cannot open %s to flush it", folder, exc_info=True)
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- reading ----------------------------------------------------------------------------------------
def _member_path(folder: Path, name: str) -> Path:
    """Where a member goes inside ``folder``; refuses names that could leave it."""
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or not _ALLOWED.match(name) or len(pure.parts) > 12:
        raise Damaged(f"onbekend bestand in het archief: {name[:80]!r}")
    return folder.joinpath(*pure.parts)


def _not_ours(name: str) -> Damaged:
    return Damaged(f"{name} is geen leerkring-back-up.")


def read_archive(path: Path, folder: Path, key_file: Path | None = None) -> dict:
    """Unpack the archive at ``path`` into ``folder`` (an empty private folder) and verify it: every
    member's checksum (BLAKE3) and size against the manifest, the manifest against its own checksum, and (for an
    unencrypted archive) every byte between and after the members. Returns the manifest.

    Raises :class:`Damaged` (damaged, cut off or not a backup) or :class:`~leerkring.backup.crypto.WrongKey`
    with one Dutch line; the caller removes ``folder`` then.
    """
    path = Path(path)
    shown = path.name
    key = read_key(key_file) if key_file is not None else None
    try:
        raw = open(path, "rb", buffering=COPY_BUFFER)
    except FileNotFoundError:
        raise BackupError(f"Back-up {path} bestaat niet.") from None
    except OSError as exc:
        raise BackupError(f"Kan back-up {path} niet lezen: {exc.strerror}.") from None
    with raw:
        head = raw.peek(BLOCK)[:BLOCK]
        encrypted = is_encrypted(head)
        if encrypted:
            source = DecryptingReader(raw, key, shown)
            mode = "r|"
        else:
            if os.fstat(raw.fileno()).st_size < 2 * BLOCK:
                raise _truncated_or_foreign(raw, shown)
            source = raw
            mode = "r:"
        layout: list[tuple[int, int, int]] = []  # (header offset, data offset, size) of every member
        try:
            manifest = _unpack(source, mode, folder, shown, layout)
        except tarfile.ReadError as exc:
            text = str(exc)
            if "unexpected end" in text:
                raise Damaged(f"{shown} is onvolledig (afgebroken tijdens schrijven of kopiëren).") from None
            if not layout and head[257:262] != b"ustar":  # not even the first header is a tar header
                raise _not_ours(shown) from None
            log.info("tar refused %s: %s", path, text)
            raise Damaged(f"{shown} is beschadigd (een bestandskop in het archief klopt niet).") from None
        except tarfile.TarError as exc:
            log.info("tar refused %s: %s", path, exc)
            raise Damaged(f"{shown} is beschadigd (het archief is niet te lezen).") from None
        if not encrypted:
            _check_layout(raw, layout, shown)
    manifest["encrypted"] = encrypted
    return manifest


def _truncated_or_foreign(raw, shown: str) -> Damaged:
    raw.seek(0)
    head = raw.read(BLOCK)
    if len(head) > 262 and head[257:262] == b"ustar":
        return Damaged(f"{shown} is onvolledig (afgebroken tijdens schrijven of kopiëren).")
    return _not_ours(shown)


def _unpack(source, mode: str, folder: Path, shown: str, layout: list) -> dict:
    seen: dict[str, dict] = {}  # name -> the manifest entry its bytes call for (checksum.entry)
    unpacked: dict[str, Path] = {}
    manifest_bytes = manifest_sum = None
    with tarfile.open(fileobj=source, mode=mode, format=tarfile.USTAR_FORMAT) as tar:
        for member in tar:
            layout.append((member.offset, member.offset_data, member.size))
            if not member.isfile():
                raise Damaged(f"{shown} is geen leerkring-back-up (onverwacht soort lid {member.name[:80]!r}).")
            name = member.name
            if name in seen or (name == MANIFEST and manifest_bytes is not None):
                raise Damaged(f"{shown} is beschadigd ({name!r} staat er twee keer in).")
            if manifest_sum is not None:
                raise Damaged(f"{shown} is beschadigd (iets na het manifest).")
            try:
                target = _member_path(folder, name)
            except Damaged:
                if not seen and manifest_bytes is None:
                    raise _not_ours(shown) from None
                raise
            data = tar.extractfile(member)
            if name in (MANIFEST, MANIFEST_SUM):
                content = data.read(member.size)
                if len(content) != member.size:
                    raise Damaged(f"{shown} is onvolledig (afgebroken tijdens schrijven of kopiëren).")
                if name == MANIFEST:
                    manifest_bytes = content
                else:
                    manifest_sum = content
                continue
            if manifest_bytes is not None:
                raise Damaged(f"{shown} is beschadigd (iets na het manifest).")
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            digest = hasher()
            written = 0
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                while chunk := data.read(COPY_BUFFER):
                    digest.update(chunk)
                    out.write(chunk)
                    written += len(chunk)
            if written != member.size:
                raise Damaged(f"{shown} is onvolledig (afgebroken tijdens schrijven of kopiëren).")
            seen[name] = entry(written, digest.hexdigest())
            unpacked[name] = target
    if manifest_bytes is None or manifest_sum is None:
        if not seen:
            raise _not_ours(shown)
        raise Damaged(f"{shown} is onvolledig of beschadigd (het manifest ontbreekt).")
    if manifest_sum.split(b" ")[0].decode("ascii", "replace") != hashlib.sha256(manifest_bytes).hexdigest():
        raise Damaged(f"{shown} is beschadigd (het manifest klopt niet met zijn controlegetal).")
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError:
        raise Damaged(f"{shown} is beschadigd (het manifest is geen geldige JSON).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _not_ours(shown)
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise Damaged(f"{shown} is beschadigd (geen formaatversie in het manifest).")
    if version > FORMAT_VERSION:
        raise BackupError(
            f"{shown} is gemaakt met een nieuwere leerkring (back-upformaat {version}); werk leerkring bij."
        )
    files = manifest.get("files")
    if not isinstance(files, dict) or set(files) != set(seen):
        raise Damaged(f"{shown} is beschadigd (de bestanden kloppen niet met het manifest).")
    for name, found in seen.items():
        if not matches(files[name], found, unpacked[name]):
            raise Damaged(f"{shown} is beschadigd ({name} klopt niet met zijn controlegetal).")
    return manifest


def _check_layout(raw, layout: list[tuple[int, int, int]], shown: str) -> None:
    """Every byte of an unencrypted archive outside headers and member data must be the zero padding
    tar writes; and the file ends with tar's end blocks, padded to a whole record."""
    end = os.fstat(raw.fileno()).st_size
    expected = 0
    for offset, data_offset, size in layout:
        if offset != expected:
            raise Damaged(f"{shown} is beschadigd (onverwachte bytes tussen de bestanden).")
        padded = data_offset + -(-size // BLOCK) * BLOCK
        _zeros(raw, data_offset + size, padded, shown)
        expected = padded
    if end - expected < 2 * BLOCK or end % RECORD:
        raise Damaged(f"{shown} is onvolledig (afgebroken tijdens schrijven of kopiëren).")
    _zeros(raw, expected, end, shown)


def _zeros(raw, start: int, stop: int, shown: str) -> None:
    raw.seek(start)
    left = stop - start
    while left > 0:
        chunk = raw.read(min(left, COPY_BUFFER))
        if not chunk:
            raise Damaged(f"{shown} is onvolledig (afgebroken tijdens schrijven of kopiëren).")
        if chunk.count(0) != len(chunk):
            raise Damaged(f"{shown} is beschadigd (onverwachte bytes tussen de bestanden).")
        left -= len(chunk)
