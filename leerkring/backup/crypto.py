"""Optional encryption of a whole backup archive with a key file (``cryptography``'s Fernet).

Fernet encrypts one message at a time, so the archive is encrypted in chunks of 4 MiB, each its own
Fernet token (AES-128-CBC with HMAC-SHA256 over the token). The file::

    MAGIC                         b"leerkring-backup/fernet/1\\n"
    archive id                    16 random bytes
    key id                        8 bytes: SHA-256 of the key (domain separated), to tell "another key"
                                  from "damaged"
    frames                        4-byte big-endian length, then that many bytes of Fernet token

Every token's plaintext starts with the archive id, the chunk's index (8 bytes) and a flag (1 byte,
1 on the last chunk), so chunks cannot be reordered, dropped, repeated, taken from another archive,
or cut off at the end without the reader noticing. Nothing of the archive (not even the manifest) is
readable without the key.

``cryptography`` is imported only when a key is used.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import struct
from pathlib import Path

from leerkring.errors import LeerkringError

MAGIC = b"leerkring-backup/fernet/1\n"
CHUNK = 4 << 20
HEADER = len(MAGIC) + 16 + 8
_PREFIX = struct.Struct(">16sQB")  # archive id, chunk index, final flag
_LENGTH = struct.Struct(">I")
_MAX_TOKEN = 2 * CHUNK  # a token for a CHUNK of plaintext is about 4/3 of it; more is damage


class KeyFileError(LeerkringError):
    """A key file that cannot be used."""


class Damaged(LeerkringError):
    """An archive whose bytes are not what was written (flipped, cut off, not a backup at all)."""


class WrongKey(LeerkringError):
    """An encrypted archive and a key that does not open it (or no key at all)."""


def _fernet(key: bytes):
    from cryptography.fernet import Fernet

    return Fernet(key)


def key_id(key: bytes) -> bytes:
    """Eight bytes that identify a key without revealing it."""
    return hashlib.sha256(b"leerkring-backup-key-id\0" + key).digest()[:8]


def new_key_file(path: Path) -> Path:
    """Write a new random key to ``path`` (mode 0600); refuse to overwrite an existing file."""
    from cryptography.fernet import Fernet

    path = Path(path)
    key = Fernet.generate_key()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyFileError(f"{path} bestaat al; kies een andere naam (een sleutel wordt nooit overschreven).") from None
    except OSError as exc:
        raise KeyFileError(f"Kan {path} niet aanmaken: {exc.strerror}.") from None
    with os.fdopen(fd, "wb") as f:
        f.write(b"# leerkring back-upsleutel (Fernet). Bewaar hem apart van de back-ups; zonder sleutel\n")
        f.write(b"# is een versleutelde back-up niet meer te openen.\n")
        f.write(key + b"\n")
        f.flush()
        os.fsync(f.fileno())
    os.chmod(path, 0o600)
    return path


def read_key(path: Path) -> bytes:
    """The key in a key file made by :func:`new_key_file` (lines starting with ``#`` are comments)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(f"Sleutelbestand {path} bestaat niet.") from None
    except OSError as exc:
        raise KeyFileError(f"Kan sleutelbestand {path} niet lezen: {exc.strerror}.") from None
    lines = [line.strip() for line in raw.splitlines() if line.strip() and not line.strip().startswith(b"#")]
    if len(lines) != 1:
        raise KeyFileError(f"{path} is geen leerkring-sleutelbestand (maak er een met 'leerkring backup key').")
    key = lines[0]
    try:
        if len(base64.urlsafe_b64decode(key)) != 32:
            raise ValueError("length")
    except ValueError:
        raise KeyFileError(
            f"{path} is geen leerkring-sleutelbestand (maak er een met 'leerkring backup key')."
        ) from None
    return key


class EncryptingWriter(io.RawIOBase):
    """A write-only file that encrypts what is written into ``raw`` in Fernet chunks."""

    def __init__(self, raw, key: bytes):
        super().__init__()
        self._raw = raw
        self._fernet = _fernet(key)
        self._id = os.urandom(16)
        self._index = 0
        self._parts: list[bytes] = []
        self._size = 0
        raw.write(MAGIC + self._id + key_id(key))

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        self._size += len(data)
        if self._size > CHUNK:  # keep at least one byte back for the final chunk
            pending = b"".join(self._parts)
            start = 0
            while len(pending) - start > CHUNK:
                self._emit(pending[start : start + CHUNK], final=False)
                start += CHUNK
            self._parts = [pending[start:]]
            self._size = len(pending) - start
        return len(data)

    def _emit(self, chunk: bytes, final: bool) -> None:
        token = self._fernet.encrypt_at_time(_PREFIX.pack(self._id, self._index, 1 if final else 0) + chunk, 0)
        self._raw.write(_LENGTH.pack(len(token)) + token)
        self._index += 1

    def finish(self) -> None:
        """Write the last chunk (marked final). The raw file stays open."""
        self._emit(b"".join(self._parts), final=True)
        self._parts, self._size = [], 0


class DecryptingReader(io.RawIOBase):
    """A read-only file over an encrypted archive: checks every chunk and the end."""

    def __init__(self, raw, key: bytes | None, name: str):
        super().__init__()
        self._raw = raw
        self._name = name
        header = raw.read(HEADER)
        if len(header) < HEADER or not header.startswith(MAGIC):
            raise Damaged(f"{name} is geen versleutelde leerkring-back-up.")
        if key is None:
            raise WrongKey(f"{name} is versleuteld: geef het sleutelbestand met --key.")
        self._id = header[len(MAGIC) : len(MAGIC) + 16]
        self._fernet = _fernet(key)
        self._index = 0
        self._done = False
        self._pending = b""
        self._pos = 0
        if header[len(MAGIC) + 16 :] != key_id(key):
            # another key, unless the key id itself was damaged: then the first chunk still opens
            try:
                self._pending = self._next_chunk()
            except Damaged:
                raise WrongKey(f"{name} is versleuteld met een andere sleutel.") from None
            raise Damaged(f"{name} is beschadigd (de kop van het versleutelde bestand klopt niet).")

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> bytes:
        from cryptography.fernet import InvalidToken

        length = self._raw.read(_LENGTH.size)
        if len(length) < _LENGTH.size:
            raise Damaged(f"{self._name} is onvolledig (afgebroken tijdens schrijven of kopiëren).")
        (size,) = _LENGTH.unpack(length)
        if size > _MAX_TOKEN:
            raise Damaged(f"{self._name} is beschadigd (een blok heeft een onmogelijke lengte).")
        token = self._raw.read(size)
        if len(token) < size:
            raise Damaged(f"{self._name} is onvolledig (afgebroken tijdens schrijven of kopiëren).")
        try:
            plain = self._fernet.decrypt(token)
        except InvalidToken:
            raise Damaged(f"{self._name} is beschadigd (blok {self._index + 1} klopt niet met de sleutel).") from None
        if len(plain) < _PREFIX.size:
            raise Damaged(f"{self._name} is beschadigd (blok {self._index + 1} is te kort).")
        archive_id, index, final = _PREFIX.unpack_from(plain)
        if archive_id != self._id or index != self._index or final not in (0, 1):
            raise Damaged(f"{self._name} is beschadigd (blok {self._index + 1} hoort hier niet).")
        self._index += 1
        if final:
            self._done = True
            if self._raw.read(1):
                raise Damaged(f"{self._name} is beschadigd (er staat iets achter het laatste blok).")
        return plain[_PREFIX.size :]

    def readinto(self, buffer) -> int:
        while self._pos >= len(self._pending) and not self._done:
            self._pending, self._pos = self._next_chunk(), 0
        n = min(len(buffer), len(self._pending) - self._pos)
        buffer[:n] = memoryview(self._pending)[self._pos : self._pos + n]
        self._pos += n
        return n


def is_encrypted(head: bytes) -> bool:
    return head.startswith(MAGIC)
