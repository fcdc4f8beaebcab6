"""Content-addressed file store of a data directory: attachments and generated documents.

Files are named by the SHA-256 of their *plain* content (``blobs/ab/abcdef…``), written once
(temporary name, then rename), owner-only (0600 in a 0700 folder). The same bytes give the same
name, so deduplication and sync work on names.

There is one way to reach the content: ``Database.blob_store()`` — the store is keyed with the
open database's key, so an encrypted database can never be paired with files written in clear.
There is no public constructor that takes a key (``BlobStore(...)`` raises); :class:`BlobFolder`
(no key: ``has`` and ``delete`` only) serves the code that only removes files.

Format of a stored file (``PDBLOB2``), streamed so memory stays flat whatever the size::

    MAGIC2 || prefix (7 random bytes) || chunk_0 || chunk_1 || … || chunk_n

Each chunk is AES-256-GCM of at most ``CHUNK`` plain bytes with the nonce
``prefix || counter (4 bytes, big-endian) || final flag (1 byte)`` and the SHA-256 name as
associated data. Every chunk but the last holds exactly ``CHUNK`` bytes; the last one holds fewer
(possibly none) and carries the final flag: a file cut at a chunk boundary, chunks swapped or
replayed from another file, or a file renamed to another hash all fail to decrypt. The file key
is derived from the database key by HKDF-SHA256. Files of the first format (``PDBLOB1``: one
AES-GCM message) are still read; files written in clear by old versions are sealed at start-up
(:meth:`BlobStore.seal_plain_files`).

A plaintext database (development tools and tests only: the application encrypts every
database when it opens it) has a store in clear, like the database itself.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

SHA_RE = re.compile(r"^[0-9a-f]{64}$")

MAGIC = b"PDBLOB1\n"  # first format: one AES-GCM message (read only)
MAGIC2 = b"PDBLOB2\n"  # chunked format (written)
NONCE_BYTES = 12
PREFIX_BYTES = 7
CHUNK = 64 * 1024
TAG_BYTES = 16
READ_BLOCK = 1 << 20

_CONSTRUCT = object()  # only Database.blob_store() holds it (through _make_store)


class BlobError(ValueError):
    """A stored file is missing, damaged or unreadable with this key (French message)."""


def blob_key(database_key: bytes) -> bytes:
    """The AES-256 key of the blob store, derived from the database key (HKDF-SHA256)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"pole-desktop blobs v1").derive(
        database_key
    )


def _private_open(path: Path):  # noqa: ANN202 - a binary file object
    """Create ``path`` for writing, owner-only from the first byte (never 0644 then chmod)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    return os.fdopen(fd, "wb")


class BlobFolder:
    """The blob folder without its key: tells whether a file is there and removes it, nothing else."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, sha256: str) -> Path:
        if not isinstance(sha256, str) or not SHA_RE.match(sha256):
            raise ValueError("empreinte SHA-256 invalide")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self._path(sha256).exists()

    def delete(self, sha256: str) -> None:
        self._path(sha256).unlink(missing_ok=True)

    def remove_leftovers(self) -> int:
        """Temporary files a crash left behind (``<sha>.tmp-<pid>``); returns how many."""
        n = 0
        if self.root.exists():
            for p in self.root.glob("??/*.tmp-*"):
                p.unlink(missing_ok=True)
                n += 1
        return n


class BlobStore(BlobFolder):
    """The keyed store. Built only by :meth:`Database.blob_store` (see :func:`_make_store`)."""

    def __init__(self, root: Path, key: bytes | None = None, *, _token: object = None) -> None:
        if _token is not _CONSTRUCT:
            raise TypeError("BlobStore s'obtient par Database.blob_store() (la clé vient de la base ouverte)")
        super().__init__(root)
        self._aead = None
        if key is not None:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM

            self._aead = AESGCM(blob_key(key))

    @property
    def encrypted(self) -> bool:
        return self._aead is not None

    # ------------------------------------------------------------------ writing

    def put(self, data: bytes) -> str:
        """Store ``data``; returns its SHA-256 (the file's name)."""
        sha = hashlib.sha256(data).hexdigest()
        mv = memoryview(data)
        self._write(sha, (mv[i:i + READ_BLOCK] for i in range(0, len(data), READ_BLOCK)))
        return sha

    def put_stream(self, f: BinaryIO, *, max_bytes: int | None = None) -> tuple[str, int]:
        """Store the content of the open, seekable binary file ``f``, streamed; returns (sha256, size).

        Read twice (the name, hence the associated data, is the hash of the content): a file that
        changes in between is refused. ``max_bytes``: a larger file raises ValueError (French).
        """
        start = f.tell()
        h = hashlib.sha256()
        size = 0
        while block := f.read(READ_BLOCK):
            size += len(block)
            if max_bytes is not None and size > max_bytes:
                raise ValueError(f"fichier trop volumineux ({max_bytes // (1024 * 1024)} Mo au maximum)")
            h.update(block)
        sha = h.hexdigest()
        f.seek(start)
        again = hashlib.sha256()

        def blocks() -> Iterator[bytes]:
            n = 0
            while block := f.read(READ_BLOCK):
                n += len(block)
                if n > size:
                    break
                again.update(block)
                yield block

        self._write(sha, blocks(), check=lambda: again.hexdigest() == sha)
        return sha, size

    def _write(self, sha: str, blocks, check=None) -> None:  # noqa: ANN001
        path = self._path(sha)
        if path.exists():
            return
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        try:
            with _private_open(tmp) as f:
                for piece in self._seal_stream(sha, blocks):
                    f.write(piece)
                f.flush()
                os.fsync(f.fileno())
            if check is not None and not check():
                raise ValueError("Le fichier a changé pendant sa copie : recommencez.")
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def _seal_stream(self, sha: str, blocks) -> Iterator[bytes]:  # noqa: ANN001
        if self._aead is None:
            yield from (bytes(b) for b in blocks)
            return
        prefix = os.urandom(PREFIX_BYTES)
        aad = sha.encode()
        yield MAGIC2 + prefix
        buf = bytearray()
        counter = 0
        for block in blocks:
            buf += block
            while len(buf) >= CHUNK:
                yield self._aead.encrypt(_nonce(prefix, counter, False), bytes(buf[:CHUNK]), aad)
                del buf[:CHUNK]
                counter += 1
        yield self._aead.encrypt(_nonce(prefix, counter, True), bytes(buf), aad)

    # ------------------------------------------------------------------ reading

    def chunks(self, sha256: str) -> Iterator[bytes]:
        """The plain content in pieces, decrypted and checked against the name as it goes.

        The hash is checked at the end: a consumer must treat the content as unverified until the
        iterator is exhausted without error (``copy_to`` does).
        """
        path = self._path(sha256)
        try:
            f = open(path, "rb")
        except FileNotFoundError:
            raise BlobError("Le fichier de ce document n'est pas (encore) sur ce poste.") from None
        h = hashlib.sha256()
        with f:
            head = f.read(len(MAGIC2))
            if head == MAGIC2:
                pieces = self._open_chunked(f, sha256)
            elif head == MAGIC:
                pieces = iter([self._open_v1(f.read(), sha256)])
            else:
                pieces = _clear(head, f)
            for piece in pieces:
                h.update(piece)
                yield piece
        if h.hexdigest() != sha256:
            raise BlobError("fichier endommagé : son contenu ne correspond plus à son empreinte")

    def get(self, sha256: str) -> bytes:
        return b"".join(self.chunks(sha256))

    def copy_to(self, sha256: str, dest: Path) -> Path:
        """Write the plain content to ``dest`` (owner-only), streamed; nothing left on error."""
        dest = Path(dest)
        tmp = dest.with_name(dest.name + ".part")
        try:
            with _private_open(tmp) as f:
                for piece in self.chunks(sha256):
                    f.write(piece)
            os.replace(tmp, dest)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return dest

    def _open_chunked(self, f, sha256: str) -> Iterator[bytes]:  # noqa: ANN001
        if self._aead is None:
            raise BlobError("fichier chiffré : la clé des données est nécessaire pour le lire")
        from cryptography.exceptions import InvalidTag

        prefix = f.read(PREFIX_BYTES)
        aad = sha256.encode()
        counter = 0
        while True:
            body = f.read(CHUNK + TAG_BYTES)
            final = len(body) < CHUNK + TAG_BYTES
            try:
                yield self._aead.decrypt(_nonce(prefix, counter, final), body, aad)
            except InvalidTag:
                raise BlobError("fichier endommagé, tronqué ou chiffré avec une autre clé") from None
            if final:
                if f.read(1):
                    raise BlobError("fichier endommagé (données après la fin)")
                return
            counter += 1

    def _open_v1(self, body: bytes, sha256: str) -> bytes:
        if self._aead is None:
            raise BlobError("fichier chiffré : la clé des données est nécessaire pour le lire")
        from cryptography.exceptions import InvalidTag

        try:
            return self._aead.decrypt(body[:NONCE_BYTES], body[NONCE_BYTES:], sha256.encode())
        except InvalidTag:
            raise BlobError("fichier endommagé ou chiffré avec une autre clé") from None

    # ------------------------------------------------------------------ start-up

    def seal_plain_files(self) -> int:
        """Encrypt files written in clear by older versions; returns how many.

        Each sealed file is read back and checked against its name before it replaces the clear
        one (the clear bytes are kept until then), so a failure leaves the clear file as it was.
        """
        if self._aead is None or not self.root.exists():
            return 0
        n = 0
        for path in sorted(self.root.glob("??/*")):
            if not SHA_RE.match(path.name):
                continue
            with open(path, "rb") as f:
                head = f.read(len(MAGIC2))
            if head in (MAGIC, MAGIC2):
                continue
            h = hashlib.sha256()
            with open(path, "rb") as f:
                while block := f.read(READ_BLOCK):
                    h.update(block)
            sha = h.hexdigest()
            if sha != path.name:
                continue  # damaged clear file: left as is (get() reports it)
            tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
            try:
                with open(path, "rb") as src, _private_open(tmp) as f:
                    for piece in self._seal_stream(sha, iter(lambda: src.read(READ_BLOCK), b"")):
                        f.write(piece)
                    f.flush()
                    os.fsync(f.fileno())
                check = hashlib.sha256()
                with open(tmp, "rb") as f:
                    f.read(len(MAGIC2))
                    for piece in self._open_chunked(f, sha):
                        check.update(piece)
                if check.hexdigest() != sha:
                    raise BlobError("vérification du fichier chiffré")
                os.replace(tmp, path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            n += 1
        return n


def _nonce(prefix: bytes, counter: int, final: bool) -> bytes:
    return prefix + struct.pack(">IB", counter, 1 if final else 0)


def _clear(head: bytes, f) -> Iterator[bytes]:  # noqa: ANN001
    if head:
        yield head
    while block := f.read(READ_BLOCK):
        yield block


def _make_store(root: Path, database_key: bytes | None) -> BlobStore:
    """For :meth:`Database.blob_store` only: the store keyed with the open database's key."""
    return BlobStore(root, database_key, _token=_CONSTRUCT)
