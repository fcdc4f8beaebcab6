"""The one interface every share transport implements (folder path, SMB direct, later WebDAV/S3).

Paths are relative, "/"-separated, below the share root chosen by the user (e.g.
"pole-desktop-v1/devices/<device>/00000042.chg"). Implementations must refuse paths that
try to escape the root ("..", absolute paths, backslashes, drive letters) with
``TransportError``. Writes are atomic: write to a temporary name in the same folder, then
rename into place (replacing an existing file of the same name). No locks.

Two calls make the sync cheap and safe with many laptops (ARCHITECTURE.md "Sync"):
``versions(folder)`` lists a folder *with* a change token per file (one round trip: a directory
listing, an S3 listing with ETags, a WebDAV PROPFIND with ETags), so an idle sync learns which
laptops moved from one listing of ``index/``; ``write_new(path, data)`` creates a file only if no
file has that name (atomically, whole content or nothing), raising ``AlreadyExists`` otherwise, so
two laptops writing the same change-file number (a cloned data folder) find out.
"""

from __future__ import annotations

import builtins
from typing import Protocol, runtime_checkable


class TransportError(Exception):
    """The share cannot be reached or an operation on it failed. ``str(e)`` is French."""


class AlreadyExists(TransportError):
    """``write_new``: a file of that name is already on the share (nothing was written)."""


@runtime_checkable
class Transport(Protocol):
    def describe(self) -> str:
        """Human-readable location in French, without secrets (e.g. « \\\\nas\\pole » or « smb://nas/pole »)."""

    def check(self) -> None:
        """Raise TransportError (French message) when the share is not reachable/usable."""

    def list(self, folder: str) -> list[str]:
        """Names (not paths) of the files directly in ``folder``; [] when the folder does not exist."""

    def list_dirs(self, folder: str) -> builtins.list[str]:
        """Names of the sub-folders of ``folder``; [] when the folder does not exist."""

    def exists(self, path: str) -> bool: ...

    def size(self, path: str) -> int: ...

    def read(self, path: str, max_bytes: int | None = None) -> bytes:
        """Whole file; TransportError if larger than ``max_bytes``."""

    def write_atomic(self, path: str, data: bytes) -> None:
        """Create parent folders, write ``<path>.tmp-<random>``, then rename onto ``path``."""

    def versions(self, folder: str) -> dict[str, str]:
        """``{name: change token}`` of the files directly in ``folder`` (temporary names excluded), in one
        round trip; {} when the folder does not exist. A token changes whenever the file is rewritten."""

    def write_new(self, path: str, data: bytes) -> None:
        """Create ``path`` with ``data`` only if it does not exist (readers never see a partial file);
        ``AlreadyExists`` when it does."""

    def close(self) -> None: ...
