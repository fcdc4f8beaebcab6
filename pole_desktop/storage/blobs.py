"""Content-addressed file store of a data directory: attachments and generated documents.

Files are named by the SHA-256 of their content (``blobs/ab/abcdef…``), written once
(temporary name, then rename). ``put`` returns the hash; the same bytes give the same
name. (Encryption at rest is applied inside this class: callers only see plain bytes.)
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

SHA_RE = re.compile(r"^[0-9a-f]{64}$")


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

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
            f.write(self._seal(data))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        return sha

    def get(self, sha256: str) -> bytes:
        data = self._open(self._path(sha256).read_bytes())
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ValueError("fichier endommagé : son contenu ne correspond plus à son empreinte")
        return data

    # Hooks for encryption at rest (identity here).
    def _seal(self, data: bytes) -> bytes:
        return data

    def _open(self, stored: bytes) -> bytes:
        return stored
