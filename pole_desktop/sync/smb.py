"""A share reached directly over SMB (smbprotocol's ``smbclient``), without mounting it.

``SmbTransport(cfg, password)`` works below ``\\\\<server>\\<share>\\<folder>``:

- every ``smbclient`` call gets the port, the credentials, a short connection timeout and this
  transport's *own* connection cache explicitly (``DirEntry.stat()`` would forget the port, so
  sizes come from ``smbclient.stat(path, port=…)``); ``close()`` empties that cache, so a new
  transport always authenticates again (``register_session`` would otherwise reuse a cached
  session, even after the password changed);
- relative paths are checked before anything goes on the wire: no "..", no absolute paths, no
  backslashes, no drive letters, no empty segments;
- writes go to ``<name>.tmp-<random>`` in the same folder, then ``smbclient.replace`` moves them
  into place (the server must allow it: ``acl allow execute always = yes`` on Samba);
- the session asks for SMB 3 encryption (``register_session(encrypt=True)``) and falls back to a
  signed session only when the server cannot encrypt; ``encrypted`` / ``link_note()`` say which;
- every failure becomes a ``TransportError`` with a French message; the password never appears
  in ``describe()``, ``repr()``, exceptions or logs.
"""

from __future__ import annotations

import builtins
import logging
import os
import re
import secrets
from typing import Any, Protocol

from pole_desktop.sync.transport import AlreadyExists, TransportError

log = logging.getLogger(__name__)

CONNECTION_TIMEOUT_S = 5
# A server that stops answering without closing the connection (VPN gone, laptop moved to
# another Wi-Fi) is declared dead after about twice this many seconds: smbprotocol's receive
# worker sends an echo after this much silence and gives up when that goes unanswered too.
# smbprotocol reads it from the environment when it creates a connection (default 600 s).
RECEIVE_TIMEOUT_ENV = "SMB_EXPERIMENTAL_TRANSPORT_RECEIVE_TIMEOUT"
RECEIVE_TIMEOUT_S = 15

# The characters a file or folder name written by the sync may contain (same rule as the folder
# transport): names read from the share can never reach outside the base folder.
_SEGMENT = re.compile(r"^[A-Za-z0-9_.\-]+$")

# NTSTATUS codes (MS-ERREF) we turn into specific French messages.
_AUTH_FAILURES = {
    0xC000006A,  # STATUS_WRONG_PASSWORD
    0xC000006D,  # STATUS_LOGON_FAILURE
    0xC000006E,  # STATUS_ACCOUNT_RESTRICTION
    0xC000006F,  # STATUS_INVALID_LOGON_HOURS
    0xC0000070,  # STATUS_INVALID_WORKSTATION
    0xC0000071,  # STATUS_PASSWORD_EXPIRED
    0xC0000072,  # STATUS_ACCOUNT_DISABLED
    0xC0000193,  # STATUS_ACCOUNT_EXPIRED
    0xC0000224,  # STATUS_PASSWORD_MUST_CHANGE
    0xC0000234,  # STATUS_ACCOUNT_LOCKED_OUT
}
_ACCESS_DENIED = {0xC0000022, 0xC0000061}  # STATUS_ACCESS_DENIED, STATUS_PRIVILEGE_NOT_HELD
# STATUS_BAD_NETWORK_NAME; STATUS_NOT_FOUND is what a Samba server answers to the DFS referral
# smbclient tries when the share name is unknown.
_BAD_SHARE = {0xC00000CC, 0xC0000225}
# A file or folder that is not there: STATUS_OBJECT_NAME_NOT_FOUND, STATUS_OBJECT_PATH_NOT_FOUND,
# STATUS_NOT_A_DIRECTORY. Never a wrong share name: that must not look like an empty folder.
_MISSING = {0xC0000034, 0xC000003A, 0xC0000103}
_DISK_FULL = {0xC000007F, 0xC0000044}  # STATUS_DISK_FULL, STATUS_QUOTA_EXCEEDED


_NAME_TAKEN = {0xC0000035}  # STATUS_OBJECT_NAME_COLLISION


class _Secret:
    """Holds the password; shows as « *** » in any repr, vars() or debugger view."""

    __slots__ = ("_value",)

    def __init__(self, value: str | None) -> None:
        self._value = value

    def get(self) -> str | None:
        return self._value

    def __repr__(self) -> str:
        return "***" if self._value else "(aucun)"

    __str__ = __repr__


class _ShareSettings(Protocol):
    """What SmbTransport reads from ``pole_desktop.sync.config.ShareConfig``."""

    server: str
    port: int
    share: str
    folder: str
    user: str
    domain: str


def check_relative(path: str) -> list[str]:
    """The segments of a safe relative share path; TransportError (French) otherwise."""
    if not isinstance(path, str) or not path or path.startswith("/") or "\\" in path or ":" in path:
        raise TransportError(f"Chemin refusé sur le partage : « {path} ».")
    parts = path.split("/")
    for part in parts:
        if part in ("", ".", "..") or not _SEGMENT.match(part) or part.strip(".") == "":
            raise TransportError(f"Chemin refusé sur le partage : « {path} ».")
    return parts


def base_folder_parts(folder: str) -> list[str]:
    """The segments of the configured base folder inside the share (typed by a person: spaces
    and accents allowed, "/" or "\\" as separator; ".." refused)."""
    parts = [p.strip() for p in re.split(r"[\\/]+", folder or "") if p.strip()]
    for part in parts:
        if part in (".", "..") or ":" in part or any(ord(c) < 32 for c in part):
            raise TransportError(f"Dossier refusé sur le partage : « {folder} ».")
    return parts


class SmbTransport:
    """Transport over ``\\\\server\\share\\folder`` with smbprotocol (no mount, any port)."""

    def __init__(self, cfg: _ShareSettings, password: str | None) -> None:
        self.server = (cfg.server or "").strip()
        self.port = int(cfg.port or 445)
        self.share = (cfg.share or "").strip().strip("\\/")
        self.user = (cfg.user or "").strip()
        self.domain = (getattr(cfg, "domain", "") or "").strip()
        self._folder = base_folder_parts(getattr(cfg, "folder", "") or "")
        self._password = _Secret(password)
        self._cache: dict[str, Any] = {}  # this transport's own smbclient connection pool
        self._session: Any = None  # the session registered in that pool (encrypted when the server can)
        os.environ.setdefault(RECEIVE_TIMEOUT_ENV, str(RECEIVE_TIMEOUT_S))
        if not self.server or not self.share:
            raise TransportError("Indiquez le serveur et le nom du partage.")
        if "\\" in self.share or "/" in self.share:
            raise TransportError(f"Nom de partage incorrect : « {cfg.share} ».")

    # ------------------------------------------------------------------ helpers
    def __repr__(self) -> str:
        return f"<SmbTransport {self.describe()} user={self.user!r}>"

    @property
    def _username(self) -> str | None:
        if not self.user:
            return None
        return f"{self.domain}\\{self.user}" if self.domain else self.user

    def _kwargs(self) -> dict[str, Any]:
        return {
            "username": self._username,
            "password": self._password.get(),
            "port": self.port,
            "connection_timeout": CONNECTION_TIMEOUT_S,
            "connection_cache": self._cache,
        }

    def _unc(self, rel: str | None = None) -> str:
        """The UNC path of a file (``rel`` checked) or, for ``None``, of the base folder."""
        parts = [self.server, self.share, *self._folder]
        if rel is not None:
            parts += check_relative(rel)
        return "\\\\" + "\\".join(parts)

    def _folder_unc(self, folder: str) -> str:
        """A folder to list: "" (or ".") is the base folder itself."""
        return self._unc(None if folder in ("", ".") else folder)

    def _folder_label(self) -> str:
        return "/".join(self._folder) or self.share

    def _fail(self, e: BaseException, what: str, rel: str = "") -> TransportError:
        """The French TransportError for an smbprotocol/socket failure during ``what``."""
        from smbprotocol.exceptions import SMBAuthenticationError, SMBConnectionClosed, SMBOSError

        if isinstance(e, TransportError):
            return e
        auth_errors: tuple[type[BaseException], ...] = (SMBAuthenticationError,)
        try:
            from spnego.exceptions import SpnegoError

            auth_errors += (SpnegoError,)
        except ImportError:  # pragma: no cover - pyspnego is a dependency of smbprotocol
            pass
        status = getattr(e, "ntstatus", None)
        raw_status = getattr(e, "status", None)
        if status is None and isinstance(raw_status, int):  # raised by register_session
            status = raw_status
        if isinstance(e, auth_errors) or status in _AUTH_FAILURES:
            self.reset()
            return TransportError("Identifiant ou mot de passe refusé par le partage.")
        if status in _BAD_SHARE:
            return TransportError(f"Le partage « {self.share} » n'existe pas sur le serveur {self.server}.")
        if status in _ACCESS_DENIED:
            return TransportError(
                f"Accès refusé sur le partage pendant {what} : vérifiez les droits de l'identifiant."
            )
        if status in _DISK_FULL:
            return TransportError("Le partage est plein : prévenez la personne qui gère le serveur.")
        if isinstance(e, SMBOSError):
            if status in _MISSING:
                where = f"« {rel} »" if rel else f"« {self._folder_label()} »"
                return TransportError(f"Introuvable sur le partage : {where}.")
            return TransportError(f"Erreur du partage pendant {what} (code 0x{(status or 0):08x}).")
        if isinstance(e, SMBConnectionClosed | ValueError | OSError | TimeoutError):
            # ValueError: smbprotocol's "Failed to connect to …"; OSError: sockets, DNS.
            self.reset()
            return TransportError(
                f"Impossible de joindre le serveur {self.server} : vérifiez le réseau ou le VPN."
            )
        self.reset()
        return TransportError(f"Erreur inattendue avec le partage pendant {what} ({type(e).__name__}).")

    def _call(self, what: str, rel: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if self.user and not self._password.get():
            raise TransportError(
                "Aucun mot de passe enregistré pour ce partage : saisissez-le dans l'écran Synchronisation."
            )
        try:
            self._connect()
            return fn(*args, **self._kwargs(), **kwargs)
        except Exception as e:  # noqa: BLE001 - every failure becomes a French TransportError
            log.debug("SMB %s failed on %s: %s", what, self.describe(), type(e).__name__)
            raise self._fail(e, what, rel) from e

    def _connect(self) -> None:
        """Open this transport's session, asking for SMB 3 encryption; a server that cannot encrypt
        (SMB 2, or encryption turned off) gets a session signed but not encrypted. Every later
        ``smbclient`` call of this transport reuses that session (same pool, same user)."""
        if self._session is not None:
            return
        import smbclient
        from smbprotocol.exceptions import SMBException

        kw = self._kwargs()
        try:
            session = smbclient.register_session(self.server, encrypt=True, **kw)
        except SMBException as e:
            if "does not support" not in str(e):
                raise
            log.info("SMB server %s offers no encryption: signed session only", self.server)
            self.reset()
            session = smbclient.register_session(self.server, encrypt=None, **self._kwargs())
        self._session = session

    @property
    def encrypted(self) -> bool | None:
        """Whether the link is SMB 3 encrypted (``None`` before the first connection)."""
        if self._session is None:
            return None
        return bool(getattr(self._session, "encrypt_data", False))

    def link_note(self) -> str:
        """What « Tester la connexion » says about the link, in French."""
        if self.encrypted is None:
            return ""
        if self.encrypted:
            return "La liaison avec le serveur est chiffrée (SMB 3)."
        return ("La liaison avec le serveur n'est pas chiffrée (le serveur ne le propose pas) ; les fichiers du "
                "partage restent chiffrés par Pôle Desktop, mais demandez à la personne qui gère le serveur "
                "d'activer le chiffrement SMB 3.")

    @staticmethod
    def _is_missing(e: TransportError) -> bool:
        return getattr(e.__cause__, "ntstatus", None) in _MISSING

    # ------------------------------------------------------------------ protocol
    def describe(self) -> str:
        where = f"smb://{self.server}{'' if self.port == 445 else f':{self.port}'}/{self.share}"
        return where + ("/" + "/".join(self._folder) if self._folder else "")

    def check(self) -> None:
        import smbclient

        try:
            st = self._call("la connexion", "", smbclient.stat, self._unc())
        except TransportError as e:
            if self._is_missing(e):
                raise TransportError(
                    f"Le dossier « {self._folder_label()} » n'existe pas sur le partage {self.share}."
                ) from e
            raise
        import stat as stat_module

        if not stat_module.S_ISDIR(st.st_mode):
            raise TransportError(
                f"« {self._folder_label()} » n'est pas un dossier sur le partage {self.share}."
            )

    def _scan(self, folder: str) -> list[tuple[str, bool]]:
        import smbclient

        def scan(path: str, **kw: Any) -> list[tuple[str, bool]]:
            with smbclient.scandir(path, **kw) as it:
                # is_dir() uses the attributes returned by the listing itself (no stat, no port issue).
                return [(e.name, e.is_dir()) for e in it]

        try:
            return self._call("la lecture d'un dossier", folder, scan, self._folder_unc(folder))
        except TransportError as e:
            if self._is_missing(e):
                return []
            raise

    def list(self, folder: str) -> list[str]:
        return sorted(name for name, is_dir in self._scan(folder) if not is_dir and ".tmp-" not in name)

    def list_dirs(self, folder: str) -> builtins.list[str]:
        return sorted(name for name, is_dir in self._scan(folder) if is_dir)

    def versions(self, folder: str) -> dict[str, str]:
        """One directory query: token = the server's file id (a rename brings the temporary file's new
        id), size and last write time, all returned by the listing itself."""
        import smbclient

        def scan(path: str, **kw: Any) -> dict[str, str]:
            with smbclient.scandir(path, **kw) as it:
                out = {}
                for e in it:
                    if e.is_dir() or ".tmp-" in e.name:
                        continue
                    info = e.smb_info
                    out[e.name] = f"{info.file_id}-{info.end_of_file}-{info.last_write_time.timestamp()}"
                return out

        try:
            return self._call("la lecture d'un dossier", folder, scan, self._folder_unc(folder))
        except TransportError as e:
            if self._is_missing(e):
                return {}
            raise

    def exists(self, path: str) -> bool:
        import smbclient

        unc = self._unc(path)
        try:
            self._call("la lecture", path, smbclient.stat, unc)
        except TransportError as e:
            if self._is_missing(e):
                return False
            raise
        return True

    def size(self, path: str) -> int:
        import smbclient

        try:
            return int(self._call("la lecture", path, smbclient.stat, self._unc(path)).st_size)
        except TransportError as e:
            if self._is_missing(e):
                raise TransportError(f"Fichier introuvable sur le partage : « {path} ».") from e
            raise

    def read(self, path: str, max_bytes: int | None = None) -> bytes:
        import smbclient

        unc = self._unc(path)

        def read(p: str, **kw: Any) -> bytes:
            with smbclient.open_file(p, mode="rb", share_access="r", **kw) as f:
                return f.read() if max_bytes is None else f.read(max_bytes + 1)

        try:
            data = self._call("la lecture d'un fichier", path, read, unc)
        except TransportError as e:
            if self._is_missing(e):
                raise TransportError(f"Fichier introuvable sur le partage : « {path} ».") from e
            raise
        if max_bytes is not None and len(data) > max_bytes:
            raise TransportError(f"Fichier trop volumineux sur le partage : « {path} ».")
        return data

    def write_atomic(self, path: str, data: bytes) -> None:
        import smbclient

        parts = check_relative(path)
        final = self._unc(path)
        tmp_rel = "/".join([*parts[:-1], f"{parts[-1]}.tmp-{secrets.token_hex(6)}"])
        tmp = self._unc(tmp_rel)
        if len(parts) > 1:
            self._call("la création d'un dossier", path, smbclient.makedirs, self._unc("/".join(parts[:-1])),
                       exist_ok=True)

        def write(p: str, **kw: Any) -> None:
            with smbclient.open_file(p, mode="wb", **kw) as f:
                f.write(data)

        try:
            self._call("l'écriture d'un fichier", path, write, tmp)
            self._call("l'écriture d'un fichier", path, smbclient.replace, tmp, final)
        except TransportError:
            try:
                self._call("le nettoyage", tmp_rel, smbclient.remove, tmp)
            except TransportError:
                pass  # the connection is gone; the .tmp- name is ignored by list()
            raise

    def write_new(self, path: str, data: bytes) -> None:
        """Temporary name, then a rename that never replaces (SMB2 rename with ReplaceIfExists = 0): the
        server refuses it with STATUS_OBJECT_NAME_COLLISION when the name is taken."""
        import smbclient

        parts = check_relative(path)
        final = self._unc(path)
        tmp_rel = "/".join([*parts[:-1], f"{parts[-1]}.tmp-{secrets.token_hex(6)}"])
        tmp = self._unc(tmp_rel)
        if len(parts) > 1:
            self._call("la création d'un dossier", path, smbclient.makedirs, self._unc("/".join(parts[:-1])),
                       exist_ok=True)

        def write(p: str, **kw: Any) -> None:
            with smbclient.open_file(p, mode="xb", **kw) as f:
                f.write(data)

        try:
            self._call("l'écriture d'un fichier", path, write, tmp)
            try:
                self._call("l'écriture d'un fichier", path, smbclient.rename, tmp, final)
            except TransportError as e:
                if getattr(e.__cause__, "ntstatus", None) in _NAME_TAKEN:
                    raise AlreadyExists(f"Ce fichier existe déjà sur le partage : « {path} ».") from e.__cause__
                raise
        except TransportError:
            try:
                self._call("le nettoyage", tmp_rel, smbclient.remove, tmp)
            except TransportError:
                pass
            raise

    def reset(self) -> None:
        """Forget this transport's connections (the next call connects and authenticates again)."""
        import smbclient

        cache, self._cache = self._cache, {}
        self._session = None
        try:
            smbclient.reset_connection_cache(fail_on_error=False, connection_cache=cache)
        except Exception:  # noqa: BLE001 - a dead connection may fail to close; it is dropped anyway
            log.debug("SMB connection cache reset failed", exc_info=False)

    def close(self) -> None:
        self.reset()
