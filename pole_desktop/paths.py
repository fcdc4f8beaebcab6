"""Where a laptop's data lives: one data directory, chosen by --data-dir or platformdirs.

Private files (POSIX): the data directory and every folder in it are 0700, every file 0600.
Files are created owner-only (``private_file``; SQLite gives ``-wal``/``-shm`` the mode of the
database file), and :meth:`DataDir.ensure` tightens what older versions left (0644/0755). On
Windows the data directory is under the user's profile (``%LOCALAPPDATA%``), whose ACLs already
restrict it to that user, SYSTEM and administrators: modes are not used there.
"""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "PoleDesktop"
APP_AUTHOR = "PoleEconomieSolidaire21"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


@dataclass(frozen=True)
class DataDir:
    """The layout of a data directory."""

    root: Path

    @classmethod
    def at(cls, path: str | Path | None) -> DataDir:
        root = Path(path).expanduser().resolve() if path else default_data_dir()
        return cls(root)

    @property
    def database(self) -> Path:
        return self.root / "pole.db"

    @property
    def blobs(self) -> Path:
        return self.root / "blobs"

    @property
    def backups(self) -> Path:
        return self.root / "sauvegardes"

    @property
    def key_file(self) -> Path:
        """``cle.json``: how the database key is obtained (keyring entry id or passphrase salt), no secret."""
        return self.root / "cle.json"

    @property
    def settings(self) -> Path:
        return self.root / "parametres.json"

    @property
    def logs(self) -> Path:
        return self.root / "journaux"

    @property
    def opened(self) -> Path:
        """Clear copies of documents opened in another application (emptied at exit and at start)."""
        return self.root / "documents-ouverts"

    def ensure(self) -> DataDir:
        """Create the folders (0700). A data directory an older version left readable by others
        (its root not 0700) is tightened once, folder by folder and file by file."""
        for p in (self.root, self.blobs, self.backups, self.logs):
            p.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name != "nt" and stat.S_IMODE(self.root.stat().st_mode) != 0o700:
            lock_down(self.root)
        return self

    def clear_opened(self) -> None:
        """Remove the clear copies of opened documents (best effort: a file still open on Windows stays)."""
        if self.opened.exists():
            shutil.rmtree(self.opened, ignore_errors=True)


def private_file(path: Path) -> Path:
    """Create ``path`` empty and owner-only if it does not exist (before a library opens it)."""
    if os.name != "nt":
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        os.close(fd)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary name, fsync, rename), owner-only."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def lock_down(root: Path) -> None:
    """Folders 0700 and files 0600 under ``root`` (POSIX; links are not followed)."""
    if os.name == "nt" or not root.exists():
        return
    for folder, dirs, files in os.walk(root):
        if Path(folder) != root:
            _chmod(Path(folder), 0o700)
        for name in files:
            _chmod(Path(folder) / name, 0o600)
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
    _chmod(root, 0o700)  # last: a walk cut short is done again at the next start


def _chmod(path: Path, mode: int) -> None:
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode) or stat.S_IMODE(st.st_mode) == mode:
            return
        os.chmod(path, mode)
    except OSError:
        pass
