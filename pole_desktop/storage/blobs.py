"""Content-addressed file store of a data directory: attachments and generated documents.

Files are named by the SHA-256 of their content (``blobs/ab/abcdef…``), written once
(temporary name, then rename). ``put`` returns the hash; the same bytes give the same
name. Callers only see plain bytes.

Encryption at rest: with a key (the database key of the data directory), each file is
``MAGIC || nonce (12) || AES-256-GCM(content)``, with a file key derived from the database key
by HKDF-SHA256 and the SHA-256 name as associated data (a file cannot be swapped for another).
The name stays the hash of the *plain* content, so deduplication and sync work unchanged; a
name reveals only whether a file is one the reader already has (a known document), never its
content. Sync must move blobs through ``get``/``put`` (plain bytes), never copy stored files:
they are sealed with this laptop's key.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

SHA_RE = re.compile(r"^[0-9a-f]{64}$")


MAGIC = b"PDBLOB1\n"
NONCE_BYTES = 12


def blob_key(database_key: bytes) -> bytes:
    """The AES-256 key of the blob store, derived from the database key (HKDF-SHA256)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"pole-desktop blobs v1").derive(
        database_key
    )


class BlobStore:
    def __init__(self, root: Path, key: bytes | None = None) -> None:
        """``key``: the database key (None: files are stored in clear — tests, legacy)."""
        self.root = root
        self._aead = None
        if key is not None:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM

            self._aead = AESGCM(blob_key(key))

    @property
    def encrypted(self) -> bool:
        return self._aead is not None

    def _path(self, sha256: str) -> Path:
        if not SHA_RE.match(sha256):
            raise ValueError("empreinte SHA-256 invalide")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self._path(sha256).exists()

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        path = self._path(sha)
        if path.exists():
            return sha
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        with open(tmp, "wb") as f:
            f.write(self._seal(data, sha))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        return sha

    def get(self, sha256: str) -> bytes:
        data = self._open(self._path(sha256).read_bytes(), sha256)
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ValueError("fichier endommagé : son contenu ne correspond plus à son empreinte")
        return data

    def seal_plain_files(self) -> int:
        """Encrypt files written in clear (before encryption was switched on); returns how many."""
        if self._aead is None or not self.root.exists():
            return 0
        n = 0
        for path in self.root.glob("??/*"):
            if not SHA_RE.match(path.name):
                continue
            stored = path.read_bytes()
            if stored.startswith(MAGIC) or hashlib.sha256(stored).hexdigest() != path.name:
                continue
            tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
            with open(tmp, "wb") as f:
                f.write(self._seal(stored, path.name))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
            n += 1
        return n

    # Encryption at rest.
    def _seal(self, data: bytes, sha256: str) -> bytes:
        if self._aead is None:
            return data
        nonce = os.urandom(NONCE_BYTES)
        return MAGIC + nonce + self._aead.encrypt(nonce, data, sha256.encode())

    def _open(self, stored: bytes, sha256: str) -> bytes:
        if not stored.startswith(MAGIC):
            return stored  # written in clear (legacy); get() still checks the hash
        if self._aead is None:
            raise ValueError("fichier chiffré : la clé des données est nécessaire pour le lire")
        from cryptography.exceptions import InvalidTag

        body = stored[len(MAGIC):]
        try:
            return self._aead.decrypt(body[:NONCE_BYTES], body[NONCE_BYTES:], sha256.encode())
        except InvalidTag:
            raise ValueError("fichier endommagé ou chiffré avec une autre clé") from None
