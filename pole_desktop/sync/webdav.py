"""A share in a WebDAV folder (Nextcloud, ownCloud, a NAS's WebDAV service), with webdav4.

``WebDavTransport(cfg, password)`` works below the folder address ``cfg.url`` (for Nextcloud:
``https://cloud.example.org/remote.php/dav/files/<login>/<folder>``):

- writes go to ``<name>.tmp-<random>`` in the same folder (PUT), the size the server stored is
  checked (PROPFIND), then ``MOVE`` with ``Overwrite: T`` puts it in place; a failure removes the
  temporary file when the server still answers (``list()`` ignores ``.tmp-`` names anyway);
- 423 Locked (Nextcloud locks files while its own jobs scan them), 429 and 502–504 are retried a
  bounded number of times with a short backoff; a server that stops answering is given up after
  the connection/read timeouts below, with a French message;
- a missing root folder is an error in French (``check``), never an empty share;
- the password is given explicitly, never read from the address; it never appears in
  ``describe()``, ``repr()``, exceptions or logs.
"""

from __future__ import annotations

import builtins
import logging
import secrets
import time
from collections.abc import Callable
from typing import Any, Protocol, TypeVar
from urllib.parse import quote, urlsplit

from pole_desktop.sync.smb import _Secret, check_relative
from pole_desktop.sync.transport import AlreadyExists, TransportError

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5
READ_TIMEOUT_S = 15
# Retries of a request the server answered "busy" to (423 Locked, 429, 502–504), and the pauses
# between them: about 4 s in all, then the sync stops with a French message and resumes next time.
RETRY_PAUSES_S = (0.25, 0.75, 1.5, 2.0)
# A connection refused or cut is retried once (a server restarting, a Wi-Fi hand-over).
NETWORK_RETRIES = 1

_BUSY = {423, 429, 502, 503, 504}
T = TypeVar("T")


class _ShareSettings(Protocol):
    """What WebDavTransport reads from ``pole_desktop.sync.config.ShareConfig``."""

    url: str
    user: str


class _Busy(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class WebDavTransport:
    """Transport over a WebDAV folder (no mount): PUT to a temporary name, then MOVE."""

    def __init__(self, cfg: _ShareSettings, password: str | None) -> None:
        url = (cfg.url or "").strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise TransportError(
                "Adresse WebDAV incorrecte : indiquez-la sous la forme https://serveur/chemin/du/dossier."
            )
        if parts.username or parts.password or "@" in parts.netloc:
            raise TransportError(
                "Adresse WebDAV refusée : l'identifiant se saisit à part, et le mot de passe n'est jamais "
                "écrit dans l'adresse."
            )
        self.url = url.rstrip("/")
        self.host = parts.netloc
        self.user = (cfg.user or "").strip()
        self._password = _Secret(password)
        self._client: Any = None

    # ------------------------------------------------------------------ helpers
    def __repr__(self) -> str:
        return f"<WebDavTransport {self.describe()} user={self.user!r}>"

    def client(self) -> Any:
        if self._client is None:
            if self.user and not self._password.get():
                raise TransportError(
                    "Aucun mot de passe enregistré pour ce partage WebDAV : saisissez-le dans l'écran "
                    "Synchronisation (ou, en ligne de commande, dans POLE_DESKTOP_SHARE_PASSWORD)."
                )
            import httpx
            from webdav4.client import Client

            auth = (self.user, self._password.get() or "") if self.user else None
            timeout = httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S)
            # retry=False: our own bounded retries below (webdav4's waits 1+2+4 s and ignores 423 on PUT).
            self._client = Client(self.url + "/", auth=auth, retry=False, timeout=timeout, trust_env=False)
        return self._client

    @staticmethod
    def _path(rel: str) -> str:
        return quote("/".join(check_relative(rel)))

    @staticmethod
    def _folder_path(folder: str) -> str:
        return "" if folder in ("", ".") else WebDavTransport._path(folder)

    def _fail(self, e: BaseException, what: str, rel: str = "") -> TransportError:
        import httpx
        from webdav4.client import HTTPError, InsufficientStorage, ResourceLocked, ResourceNotFound

        if isinstance(e, TransportError):
            return e
        status = getattr(e, "status_code", None) or getattr(e, "status", None)
        if isinstance(e, ResourceNotFound) or status == 404:
            return TransportError(f"Fichier introuvable sur le partage : « {rel} ».")
        if isinstance(e, InsufficientStorage) or status == 507:
            return TransportError("Le partage WebDAV est plein : prévenez la personne qui gère le serveur.")
        if isinstance(e, ResourceLocked) or status == 423:
            return TransportError(
                f"Un fichier est verrouillé sur le serveur WebDAV pendant {what} : réessayez dans quelques minutes."
            )
        if status == 401:
            return TransportError("Identifiant ou mot de passe refusé par le serveur WebDAV.")
        if status == 403:
            return TransportError(
                f"Accès refusé par le serveur WebDAV pendant {what} : vérifiez les droits de l'identifiant."
            )
        if status in (301, 302, 307, 308):
            return TransportError(
                "Le serveur WebDAV redirige vers une autre adresse : vérifiez l'adresse du partage "
                "(https:// plutôt que http://, chemin complet du dossier)."
            )
        if isinstance(e, _Busy) or (isinstance(e, HTTPError) and status and status >= 500):
            return TransportError(
                f"Le serveur WebDAV {self.host} est occupé ou en erreur (code {status}) pendant {what} : "
                "réessayez dans quelques minutes."
            )
        if isinstance(e, HTTPError):
            return TransportError(f"Erreur du serveur WebDAV pendant {what} (code {status}).")
        if isinstance(e, httpx.TimeoutException):
            self.reset()
            return TransportError(
                f"Le serveur WebDAV {self.host} ne répond plus : vérifiez le réseau ou le VPN, puis réessayez."
            )
        if isinstance(e, httpx.HTTPError | OSError):
            self.reset()
            return TransportError(
                f"Impossible de joindre le serveur WebDAV {self.host} : vérifiez le réseau ou le VPN."
            )
        self.reset()
        return TransportError(f"Erreur inattendue avec le serveur WebDAV pendant {what} ({type(e).__name__}).")

    def _call(self, what: str, rel: str, fn: Callable[[Any], T]) -> T:
        """``fn(client)`` with bounded retries of "busy" answers and of one network failure."""
        import httpx
        from webdav4.client import BadGatewayError, HTTPError, ResourceLocked

        busy_tries = 0
        network_tries = 0
        while True:
            try:
                return fn(self.client())
            except Exception as e:  # noqa: BLE001 - every failure becomes a French TransportError
                status = getattr(e, "status_code", None) or getattr(e, "status", None)
                busy = isinstance(e, ResourceLocked | BadGatewayError | _Busy) or (
                    isinstance(e, HTTPError) and status in _BUSY
                )
                if busy and busy_tries < len(RETRY_PAUSES_S):
                    time.sleep(RETRY_PAUSES_S[busy_tries])
                    busy_tries += 1
                    continue
                network = isinstance(e, httpx.TransportError) and not isinstance(e, httpx.TimeoutException)
                if network and network_tries < NETWORK_RETRIES:
                    network_tries += 1
                    self.reset()
                    time.sleep(0.2)
                    continue
                log.debug("WebDAV %s failed on %s: %s", what, self.describe(), type(e).__name__)
                raise self._fail(e, what, rel) from e

    def _stat(self, path: str) -> Callable[[Any], Any | None]:
        """The PROPFIND properties of ``path`` (Depth 0), None when it does not exist."""
        from webdav4.client import ResourceNotFound

        def stat(c: Any) -> Any | None:
            try:
                result = c.propfind(path, headers={"Depth": "0"})
            except ResourceNotFound:
                return None
            return result.get_response_for_path(c.base_url.path, path).properties

        return stat

    def _scan(self, folder: str) -> list[tuple[str, bool]]:
        from webdav4.client import ResourceNotFound

        path = self._folder_path(folder)

        def scan(c: Any) -> list[tuple[str, bool]]:
            try:
                entries = c.ls(path, detail=True)
            except ResourceNotFound:
                return []
            out = []
            for entry in entries:
                name = str(entry.get("name", "")).rstrip("/").rsplit("/", 1)[-1]
                if name:
                    out.append((name, entry.get("type") == "directory"))
            return out

        return self._call("la lecture d'un dossier", folder, scan)

    # ------------------------------------------------------------------ protocol
    def describe(self) -> str:
        return self.url

    def check(self) -> None:
        props = self._call("la connexion", "", self._stat(""))
        if props is None:
            raise TransportError(
                f"Le dossier « {urlsplit(self.url).path or '/'} » n'existe pas sur le serveur WebDAV {self.host} : "
                "vérifiez l'adresse du partage (ou créez ce dossier)."
            )
        if not props.collection:
            raise TransportError(f"« {self.url} » n'est pas un dossier sur le serveur WebDAV.")

    def list(self, folder: str) -> list[str]:
        return sorted(name for name, is_dir in self._scan(folder) if not is_dir and ".tmp-" not in name)

    def list_dirs(self, folder: str) -> builtins.list[str]:
        return sorted(name for name, is_dir in self._scan(folder) if is_dir)

    def versions(self, folder: str) -> dict[str, str]:
        """One PROPFIND (Depth 1): token = the server's ETag (Nextcloud: a new one at every write;
        wsgidav: inode-mtime-size, and a MOVE brings the new inode), size and modification time."""
        from webdav4.client import ResourceNotFound

        path = self._folder_path(folder)

        def scan(c: Any) -> dict[str, str]:
            try:
                entries = c.ls(path, detail=True)
            except ResourceNotFound:
                return {}
            out = {}
            for entry in entries:
                name = str(entry.get("name", "")).rstrip("/").rsplit("/", 1)[-1]
                if name and entry.get("type") != "directory" and ".tmp-" not in name:
                    out[name] = f"{entry.get('etag')}-{entry.get('content_length')}-{entry.get('modified')}"
            return out

        return self._call("la lecture d'un dossier", folder, scan)

    def exists(self, path: str) -> bool:
        return self._call("la lecture", path, self._stat(self._path(path))) is not None

    def size(self, path: str) -> int:
        props = self._call("la lecture", path, self._stat(self._path(path)))
        if props is None or props.collection:
            raise TransportError(f"Fichier introuvable sur le partage : « {path} ».")
        return int(props.content_length or 0)

    def read(self, path: str, max_bytes: int | None = None) -> bytes:
        rel = self._path(path)

        def get(c: Any) -> bytes:
            from webdav4.client import HTTPError, ResourceNotFound

            with c.http.stream("GET", c.join_url(rel)) as response:
                if response.status_code == 404:
                    raise ResourceNotFound(rel)
                if response.status_code in _BUSY:
                    raise _Busy(response.status_code)
                if response.status_code >= 300:
                    raise HTTPError(response)
                length = response.headers.get("Content-Length")
                if max_bytes is not None and length is not None and length.isdigit() and int(length) > max_bytes:
                    raise TransportError(f"Fichier trop volumineux sur le partage : « {path} ».")
                chunks: builtins.list[bytes] = []
                total = 0
                for chunk in response.iter_bytes():
                    chunks.append(chunk)
                    total += len(chunk)
                    if max_bytes is not None and total > max_bytes:
                        raise TransportError(f"Fichier trop volumineux sur le partage : « {path} ».")
                data = b"".join(chunks)
                if length is not None and length.isdigit() and len(data) != int(length):
                    raise TransportError(f"Lecture incomplète sur le partage : « {path} » ; réessayez.")
                return data

        return self._call("la lecture d'un fichier", path, get)

    def _makedirs(self, parts: builtins.list[str]) -> None:
        from webdav4.client import ResourceAlreadyExists

        def mkcol(rel: str) -> Callable[[Any], None]:
            def do(c: Any) -> None:
                try:
                    c.mkdir(rel)
                except ResourceAlreadyExists:
                    pass

            return do

        # From the deepest existing level down: usually the parent exists and this is one PROPFIND.
        missing: builtins.list[str] = []
        for i in range(len(parts), 0, -1):
            rel = quote("/".join(parts[:i]))
            if self._call("la création d'un dossier", rel, self._stat(rel)) is not None:
                break
            missing.append(rel)
        for rel in reversed(missing):
            self._call("la création d'un dossier", rel, mkcol(rel))

    def write_atomic(self, path: str, data: bytes) -> None:
        self._upload(path, data, overwrite=True)

    def write_new(self, path: str, data: bytes) -> None:
        """PUT to a temporary name, then MOVE with ``Overwrite: F``: the server answers 412 when the name
        is taken (RFC 4918) — create-only and whole, unlike a PUT with ``If-None-Match: *`` that a reader
        could see half-written."""
        self._upload(path, data, overwrite=False)

    def _upload(self, path: str, data: bytes, *, overwrite: bool) -> None:
        parts = check_relative(path)
        final = quote("/".join(parts))
        tmp = quote("/".join([*parts[:-1], f"{parts[-1]}.tmp-{secrets.token_hex(6)}"]))

        def put(c: Any) -> None:
            from webdav4.client import HTTPError, ResourceConflict

            response = c.http.request("PUT", c.join_url(tmp), content=data,
                                      headers={"Content-Length": str(len(data))})
            if response.status_code == 409:
                raise ResourceConflict("parent missing")
            if response.status_code in _BUSY:
                raise _Busy(response.status_code)
            if response.status_code >= 300:
                raise HTTPError(response)

        def move(c: Any) -> None:
            from webdav4.client import ResourceAlreadyExists

            try:
                c.move(tmp, final, overwrite=overwrite)
            except ResourceAlreadyExists:
                raise AlreadyExists(f"Ce fichier existe déjà sur le partage : « {path} ».") from None

        from webdav4.client import ResourceConflict

        try:
            try:
                self._call("l'écriture d'un fichier", path, put)
            except TransportError as e:
                if not isinstance(e.__cause__, ResourceConflict) or len(parts) == 1:
                    raise
                self._makedirs(parts[:-1])
                self._call("l'écriture d'un fichier", path, put)
            props = self._call("l'écriture d'un fichier", path, self._stat(tmp))
            stored = None if props is None else props.content_length
            if stored is None or int(stored) != len(data):
                raise TransportError(
                    f"Le serveur WebDAV a mal enregistré « {path} » ({stored} octets au lieu de {len(data)}) : "
                    "réessayez ; si cela se reproduit, prévenez la personne qui gère le serveur."
                )
            self._call("l'écriture d'un fichier", path, move)
        except TransportError:
            try:
                self._call("le nettoyage", tmp, lambda c: c.remove(tmp))
            except TransportError:
                pass  # the server is gone; the .tmp- name is ignored by list()
            raise

    def reset(self) -> None:
        """Drop the HTTP connections (the next call opens new ones)."""
        client, self._client = self._client, None
        if client is not None:
            try:
                client.http.close()
            except Exception:  # noqa: BLE001 - a dead connection may fail to close; it is dropped anyway
                log.debug("WebDAV client close failed", exc_info=False)

    def close(self) -> None:
        self.reset()
