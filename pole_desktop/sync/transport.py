"""The one interface every share transport implements (folder path, SMB direct, later WebDAV/S3).

Paths are relative, "/"-separated, below the share root chosen by the user (e.g.
"pole-desktop-v1/devices/<device>/00000042.chg"). Implementations must refuse paths that
try to escape the root ("..", absolute paths, backslashes, drive letters) with
``TransportError``. Writes are atomic: write to a temporary name in the same folder, then
rename into place (replacing an existing file of the same name). No locks.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


class TransportError(Exception):
    """The share cannot be reached or an operation on it failed. ``str(e)`` is French."""


@runtime_checkable
class Transport(Protocol):
    def describe(self) -> str:
        """Human-readable location in French, without secrets (e.g. « \\\\nas\\pole » or « smb://nas/pole »)."""

    def check(self) -> None:
        """Raise TransportError (French message) when the share is not reachable/usable."""

    def list(self, folder: str) -> list[str]:
        """Names (not paths) of the files directly in ``folder``; [] when the folder does not exist."""

    def list_dirs(self, folder: str) -> list[str]:
        """Names of the sub-folders of ``folder``; [] when the folder does not exist."""

    def exists(self, path: str) -> bool: ...

    def size(self, path: str) -> int: ...

    def read(self, path: str, max_bytes: int | None = None) -> bytes:
        """Whole file; TransportError if larger than ``max_bytes``."""

    def write_atomic(self, path: str, data: bytes) -> None:
        """Create parent folders, write ``<path>.tmp-<random>``, then rename onto ``path``."""

    def close(self) -> None: ...
