"""One share of each kind for the tests parametrised over transports: a folder, a real SMB share
(Samba), real S3 (SeaweedFS) and real WebDAV (wsgidav).

A ``Backend`` gives new transports on a root of its own (``transport()``) and a side door to what
is really stored, bypassing the transport under test (``put``, ``get``, ``names``, ``remove_root``):
the local folder behind the folder/SMB/WebDAV shares, the bucket itself through boto3 for S3.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest

from pole_desktop.sync.config import ShareConfig, open_transport
from pole_desktop.sync.transport import Transport

KINDS = ["folder", "smb", "s3", "webdav"]
NETWORK_KINDS = ["smb", "s3", "webdav"]
BUCKET = "pole-tests"


class Backend:
    kind: str
    server: Any = None  # the test server (None for a folder)
    secret: str | None = None

    def __init__(self) -> None:
        self._made: list[Transport] = []

    # what a laptop would be configured with
    def config(self) -> ShareConfig:
        raise NotImplementedError

    def transport(self) -> Transport:
        t = open_transport(self.config(), lambda _cfg: self.secret)
        self._made.append(t)
        return t

    # the side door
    def put(self, rel: str, data: bytes) -> None:
        raise NotImplementedError

    def get(self, rel: str) -> bytes | None:
        raise NotImplementedError

    def names(self, rel: str = "") -> list[str]:
        """Every name directly in folder ``rel`` (temporary ones too), as stored."""
        raise NotImplementedError

    def remove_root(self) -> None:
        raise NotImplementedError

    def is_empty(self) -> bool:
        raise NotImplementedError

    def outside(self) -> set[str]:
        """What is stored beside this share's root (to check that nothing was written out of it)."""
        raise NotImplementedError

    # the server
    def stop_server(self) -> None:
        self.server.stop()

    def start_server(self) -> None:
        self.server.start()

    def close(self) -> None:
        for t in self._made:
            t.close()


class DiskBackend(Backend):
    """Folder, SMB and WebDAV shares: a local folder is what the server serves."""

    def __init__(self, kind: str, root: Path, cfg: ShareConfig, server: Any = None, secret: str | None = None):
        super().__init__()
        self.kind, self.root, self._cfg, self.server, self.secret = kind, root, cfg, server, secret

    def config(self) -> ShareConfig:
        return ShareConfig(**vars(self._cfg))

    def put(self, rel: str, data: bytes) -> None:
        p = self.root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)

    def get(self, rel: str) -> bytes | None:
        p = self.root / rel
        return p.read_bytes() if p.is_file() else None

    def names(self, rel: str = "") -> list[str]:
        p = self.root / rel
        return sorted(x.name for x in p.iterdir()) if p.is_dir() else []

    def remove_root(self) -> None:
        shutil.rmtree(self.root)

    def is_empty(self) -> bool:
        return not self.root.exists() or not any(self.root.iterdir())

    def outside(self) -> set[str]:
        return {str(p.relative_to(self.root.parent)) for p in self.root.parent.rglob("*")
                if self.root != p and self.root not in p.parents}


class S3Backend(Backend):
    def __init__(self, server: Any) -> None:
        super().__init__()
        self.kind, self.server, self.secret = "s3", server, server.secret_key
        self.prefix = f"t-{uuid.uuid4().hex[:10]}"
        self.client = server.client()
        self.client.put_object(Bucket=BUCKET, Key=self.prefix + "/", Body=b"")  # the « dossier » marker

    def config(self) -> ShareConfig:
        return ShareConfig(kind="s3", bucket=BUCKET, folder=self.prefix, url=self.server.endpoint,
                           region=self.server.region, user=self.server.access_key)

    def put(self, rel: str, data: bytes) -> None:
        self.client.put_object(Bucket=BUCKET, Key=f"{self.prefix}/{rel}", Body=data)

    def get(self, rel: str) -> bytes | None:
        try:
            return self.client.get_object(Bucket=BUCKET, Key=f"{self.prefix}/{rel}")["Body"].read()
        except self.client.exceptions.NoSuchKey:
            return None

    def _keys(self, rel: str = "") -> list[str]:
        base = f"{self.prefix}/{rel}/" if rel else f"{self.prefix}/"
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=base)
        return [o["Key"][len(base):] for page in pages for o in page.get("Contents", [])]

    def names(self, rel: str = "") -> list[str]:
        return sorted({k.split("/", 1)[0] for k in self._keys(rel) if k})

    def remove_root(self) -> None:
        for key in self._keys():
            self.client.delete_object(Bucket=BUCKET, Key=f"{self.prefix}/{key}")

    def is_empty(self) -> bool:
        return all(k == "" for k in self._keys())

    def outside(self) -> set[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
        return {o["Key"] for page in pages for o in page.get("Contents", [])
                if not o["Key"].startswith(self.prefix + "/")}


def make_backend(request: pytest.FixtureRequest, kind: str, tmp_path: Path) -> Backend:
    """An empty share of ``kind`` for this test (servers from the session fixtures)."""
    if kind == "folder":
        root = tmp_path / "share"
        root.mkdir()
        return DiskBackend("folder", root, ShareConfig(kind="folder", path=str(root)))
    name = f"t-{uuid.uuid4().hex[:10]}"
    if kind == "smb":
        from tests.sync.smb_helpers import smb_config

        samba = request.getfixturevalue("samba_server")
        root = Path(samba.root_dir) / name
        root.mkdir()
        return DiskBackend("smb", root, smb_config(samba, name), samba, samba.password)
    if kind == "webdav":
        server = request.getfixturevalue("webdav_server")
        root = Path(server.root_dir) / name
        root.mkdir()
        cfg = ShareConfig(kind="webdav", url=f"{server.url}/{name}", user=server.user)
        return DiskBackend("webdav", root, cfg, server, server.password)
    if kind == "s3":
        return S3Backend(request.getfixturevalue("seaweedfs_server"))
    raise ValueError(kind)
