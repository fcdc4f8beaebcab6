"""A share reached as a folder: a local directory, a mounted share, or a Windows UNC path.

Every relative path is checked before it touches the file system: no "..", no absolute
paths, no backslashes, no drive letters, no empty or dot-only segments — a name read from
the share can never make us read or write outside the chosen root. Writes are atomic:
the bytes go to a temporary name in the same folder, are flushed to disk (fsync), then
renamed onto the final name with ``os.replace``. No lock files.
"""

from __future__ import annotations

import builtins
import errno
import os
import re
import secrets
from pathlib import Path

from pole_desktop.sync.transport import AlreadyExists, TransportError

_SEGMENT = re.compile(r"^[A-Za-z0-9_.\-]+$")


def check_relative(path: str) -> list[str]:
    """The segments of a safe relative share path; TransportError (French) otherwise."""
    if not isinstance(path, str) or not path or path.startswith("/") or "\\" in path or ":" in path:
        raise TransportError(f"Chemin refusé sur le partage : « {path} ».")
    parts = path.split("/")
    for part in parts:
        if part in ("", ".", "..") or not _SEGMENT.match(part) or part.strip(".") == "":
            raise TransportError(f"Chemin refusé sur le partage : « {path} ».")
    return parts


class FolderTransport:
    """Transport over a directory (local, mounted, or UNC)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    # ------------------------------------------------------------------ helpers
    def _path(self, rel: str) -> Path:
        return self.root.joinpath(*check_relative(rel))

    def _folder(self, rel: str) -> Path:
        return self.root if rel in ("", ".") else self._path(rel)

    def _oserror(self, what: str, e: OSError) -> TransportError:
        return TransportError(f"{what} : {e.strerror or e} ({self.describe()}).")

    # ------------------------------------------------------------------ protocol
    def describe(self) -> str:
        return str(self.root)

    def check(self) -> None:
        try:
            if not self.root.is_dir():
                raise TransportError(
                    f"Le dossier partagé « {self.root} » est introuvable : vérifiez la connexion au réseau "
                    "du bureau (ou au VPN) et le chemin configuré."
                )
            if not os.access(self.root, os.R_OK | os.W_OK | os.X_OK):
                raise TransportError(f"Accès refusé au dossier partagé « {self.root} ».")
        except OSError as e:
            raise self._oserror("Partage inaccessible", e) from e

    def list(self, folder: str) -> list[str]:
        try:
            with os.scandir(self._folder(folder)) as it:
                return sorted(e.name for e in it if e.is_file(follow_symlinks=False) and ".tmp-" not in e.name)
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as e:
            raise self._oserror("Lecture du partage impossible", e) from e

    def versions(self, folder: str) -> dict[str, str]:
        """One directory listing; token = inode (a rename gives a new one), size and mtime in ns."""
        out: dict[str, str] = {}
        try:
            with os.scandir(self._folder(folder)) as it:
                for e in it:
                    if ".tmp-" in e.name or not e.is_file(follow_symlinks=False):
                        continue
                    st = e.stat(follow_symlinks=False)
                    out[e.name] = f"{e.inode()}-{st.st_size}-{st.st_mtime_ns}"
        except (FileNotFoundError, NotADirectoryError):
            return {}
        except OSError as e:
            raise self._oserror("Lecture du partage impossible", e) from e
        return out

    def list_dirs(self, folder: str) -> builtins.list[str]:
        try:
            with os.scandir(self._folder(folder)) as it:
                return sorted(e.name for e in it if e.is_dir(follow_symlinks=False))
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as e:
            raise self._oserror("Lecture du partage impossible", e) from e

    def exists(self, path: str) -> bool:
        try:
            return self._path(path).exists()
        except OSError as e:
            raise self._oserror("Lecture du partage impossible", e) from e

    def size(self, path: str) -> int:
        try:
            return self._path(path).stat().st_size
        except FileNotFoundError as e:
            raise TransportError(f"Fichier introuvable sur le partage : « {path} ».") from e
        except OSError as e:
            raise self._oserror("Lecture du partage impossible", e) from e

    def read(self, path: str, max_bytes: int | None = None) -> bytes:
        p = self._path(path)
        try:
            with open(p, "rb") as f:
                if max_bytes is None:
                    return f.read()
                data = f.read(max_bytes + 1)
        except FileNotFoundError as e:
            raise TransportError(f"Fichier introuvable sur le partage : « {path} ».") from e
        except OSError as e:
            raise self._oserror("Lecture du partage impossible", e) from e
        if len(data) > max_bytes:
            raise TransportError(f"Fichier trop volumineux sur le partage : « {path} ».")
        return data

    def write_atomic(self, path: str, data: bytes) -> None:
        p = self._path(path)
        tmp = p.with_name(f"{p.name}.tmp-{secrets.token_hex(6)}")
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, p)
            _fsync_dir(p.parent)
        except OSError as e:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
            raise self._oserror("Écriture sur le partage impossible", e) from e

    def write_new(self, path: str, data: bytes) -> None:
        """Temporary name, fsync, then a hard link onto ``path`` — which fails if ``path`` exists (on
        Windows, ``os.rename`` never replaces): whole content or nothing, and never over another file."""
        p = self._path(path)
        tmp = p.with_name(f"{p.name}.tmp-{secrets.token_hex(6)}")
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            try:
                if os.name == "nt":
                    os.rename(tmp, p)
                else:
                    os.link(tmp, p)
            except FileExistsError:
                raise AlreadyExists(f"Ce fichier existe déjà sur le partage : « {path} ».") from None
            except OSError as e:
                if e.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                    raise
                # No hard links on this file system (some NAS mounts): create-only open, then the bytes.
                try:
                    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                except FileExistsError:
                    raise AlreadyExists(f"Ce fichier existe déjà sur le partage : « {path} ».") from None
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
            _fsync_dir(p.parent)
        except AlreadyExists:
            raise
        except OSError as e:
            raise self._oserror("Écriture sur le partage impossible", e) from e
        finally:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass

    def close(self) -> None:
        pass


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable (POSIX); directories cannot be opened on Windows."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
