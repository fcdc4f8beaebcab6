"""A share in S3-compatible object storage (SeaweedFS, Garage, Ceph RGW, a hosted provider, AWS).

``S3Transport(cfg, secret_key)`` works below ``s3://<bucket>/<prefix>``:

- the share's folders are key prefixes; listings use ``Delimiter="/"`` so that ``list`` gives the
  objects directly "in" a folder and ``list_dirs`` its sub-prefixes;
- a PUT of a whole object is atomic on S3 (readers see the old object or the new one, never half
  of it), so ``write_atomic`` is a single PUT with a Content-MD5 the server checks — no temporary
  name, no rename; ``write_new`` is a create-only PUT (``If-None-Match: *``) for "never overwrite";
- a missing bucket, a missing prefix, refused keys are French ``TransportError``s, never an empty
  listing: an empty-looking share must not be taken for a new one (the sync's fail-safe);
- every call has a connection and a read timeout and a bounded number of retries, so a server
  that stops answering is given up after about half a minute with a French message;
- the credentials are given explicitly: nothing is read from ``~/.aws`` or from the environment
  here, and the secret key never appears in ``describe()``, ``repr()``, exceptions or logs.

The prefix "exists" when at least one object is stored below it (for a new share: the empty
« dossier » object ``<prefix>/`` that every S3 console creates with "Create folder").
"""

from __future__ import annotations

import base64
import builtins
import hashlib
import logging
from typing import Any, Protocol
from urllib.parse import urlsplit

from pole_desktop.sync.smb import _Secret, base_folder_parts, check_relative
from pole_desktop.sync.transport import AlreadyExists, TransportError

__all__ = ["AlreadyExists", "S3Transport"]

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5
READ_TIMEOUT_S = 10
MAX_ATTEMPTS = 3  # botocore's "standard" retry mode: the first try and two retries, with backoff
DEFAULT_REGION = "us-east-1"
LIST_PAGE = 1000  # keys per listing request (the S3 maximum); listings follow the continuation tokens

_AUTH_CODES = {"InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "InvalidSecurity"}
# The bucket lives in another region than the one configured (AWS answers 301 or 400).
_REGION_CODES = {"PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException"}
_DENIED_CODES = {"AccessDenied", "AllAccessDisabled", "AccountProblem", "403", "Forbidden"}
_MISSING_KEY = {"NoSuchKey", "404", "NotFound"}
_FULL_CODES = {"QuotaExceeded", "EntityTooLarge", "InsufficientStorage", "StorageFull"}


class _ShareSettings(Protocol):
    """What S3Transport reads from ``pole_desktop.sync.config.ShareConfig``."""

    bucket: str
    folder: str
    url: str
    region: str
    user: str


class S3Transport:
    """Transport over ``s3://bucket/prefix`` with boto3 (any S3-compatible endpoint)."""

    def __init__(self, cfg: _ShareSettings, secret_key: str | None) -> None:
        self.bucket = (cfg.bucket or "").strip()
        self._prefix_parts = base_folder_parts(cfg.folder or "")
        for part in self._prefix_parts:
            check_relative(part)  # keys are plain ASCII names, like every path the sync writes
        self.endpoint = (cfg.url or "").strip().rstrip("/")
        self.region = (cfg.region or "").strip() or DEFAULT_REGION
        self.access_key = (cfg.user or "").strip()
        self._secret = _Secret(secret_key)
        self._client: Any = None
        if not self.bucket:
            raise TransportError("Indiquez le nom du compartiment (bucket) S3.")
        if self.endpoint:
            ep = urlsplit(self.endpoint)
            if ep.scheme not in ("http", "https") or not ep.hostname:
                raise TransportError(
                    f"Point d'accès S3 incorrect : « {self.endpoint} » (attendu : http(s)://serveur:port)."
                )

    # ------------------------------------------------------------------ helpers
    def __repr__(self) -> str:
        return f"<S3Transport {self.describe()} key={self.access_key!r}>"

    @property
    def prefix(self) -> str:
        """The key prefix of the share root, with its trailing "/" ("" for the whole bucket)."""
        return "".join(p + "/" for p in self._prefix_parts)

    def _key(self, rel: str) -> str:
        return self.prefix + "/".join(check_relative(rel))

    def _folder_key(self, folder: str) -> str:
        return self.prefix if folder in ("", ".") else self._key(folder) + "/"

    def _server_label(self) -> str:
        return urlsplit(self.endpoint).netloc if self.endpoint else "AWS S3"

    def client(self) -> Any:
        if self._client is None:
            if not self.access_key or not self._secret.get():
                raise TransportError(
                    "Identifiant de clé d'accès ou clé secrète S3 manquant : saisissez-les dans l'écran "
                    "Synchronisation (ou, en ligne de commande, dans AWS_ACCESS_KEY_ID et AWS_SECRET_ACCESS_KEY)."
                )
            import boto3
            from botocore.config import Config

            config = Config(
                connect_timeout=CONNECT_TIMEOUT_S,
                read_timeout=READ_TIMEOUT_S,
                retries={"total_max_attempts": MAX_ATTEMPTS, "mode": "standard"},
                # Path-style addressing works with every S3-compatible server (no wildcard DNS needed).
                s3={"addressing_style": "path" if self.endpoint else "auto"},
                signature_version="s3v4",
                # We send our own Content-MD5; the newer default CRC32 trailers are not understood
                # by every S3-compatible server.
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
                user_agent_extra="pole-desktop",
            )
            # A session of its own: no profile, no ~/.aws files, no AWS_* variables are consulted.
            session = boto3.session.Session(
                aws_access_key_id=self.access_key,
                aws_secret_access_key=self._secret.get(),
                region_name=self.region,
            )
            self._client = session.client("s3", endpoint_url=self.endpoint or None, config=config)
        return self._client

    def _fail(self, e: BaseException, what: str, rel: str = "") -> TransportError:
        """The French TransportError for a botocore failure during ``what``."""
        from botocore.exceptions import (
            BotoCoreError,
            ClientError,
            ConnectionClosedError,
            ConnectTimeoutError,
            EndpointConnectionError,
            ReadTimeoutError,
        )

        if isinstance(e, TransportError):
            return e
        if isinstance(e, ClientError):
            err = e.response.get("Error", {})
            code = str(err.get("Code", ""))
            status = int(e.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
            if code == "NoSuchBucket":
                return self._no_bucket()
            if code in _REGION_CODES or status == 301:
                return self._wrong_region()
            if code in _AUTH_CODES:
                return TransportError("Identifiant de clé d'accès ou clé secrète refusé par le stockage S3.")
            if code in _FULL_CODES:
                return TransportError("Le stockage S3 est plein : prévenez la personne qui gère le serveur.")
            if code in _DENIED_CODES or status == 403:
                return TransportError(
                    f"Accès refusé par le stockage S3 pendant {what} : vérifiez les droits de la clé d'accès "
                    f"sur le compartiment « {self.bucket} »."
                )
            if code in _MISSING_KEY or status == 404:
                return TransportError(f"Fichier introuvable sur le partage : « {rel} ».")
            if status >= 500 or code in ("SlowDown", "ServiceUnavailable", "InternalError"):
                return TransportError(
                    f"Le stockage S3 {self._server_label()} ne répond pas correctement pendant {what} "
                    f"(erreur {status or code}) : réessayez dans quelques minutes."
                )
            return TransportError(f"Erreur du stockage S3 pendant {what} ({code or status}).")
        if isinstance(e, ConnectTimeoutError | ReadTimeoutError | EndpointConnectionError | ConnectionClosedError):
            self.reset()
            return TransportError(
                f"Le stockage S3 {self._server_label()} ne répond pas : vérifiez le réseau ou le VPN, "
                "puis réessayez."
            )
        if isinstance(e, BotoCoreError | OSError):
            self.reset()
            return TransportError(
                f"Impossible de joindre le stockage S3 {self._server_label()} : vérifiez le réseau ou le VPN."
            )
        self.reset()
        return TransportError(f"Erreur inattendue avec le stockage S3 pendant {what} ({type(e).__name__}).")

    def _wrong_region(self) -> TransportError:
        return TransportError(
            f"Le compartiment « {self.bucket} » est dans une autre région que « {self.region} » : indiquez sa "
            "région dans les réglages du partage."
        )

    def _no_bucket(self) -> TransportError:
        return TransportError(
            f"Le compartiment « {self.bucket} » n'existe pas sur le stockage S3 {self._server_label()} : "
            "vérifiez son nom dans les réglages du partage."
        )

    def _call(self, what: str, rel: str, method: str, **kwargs: Any) -> Any:
        client = self.client()
        try:
            return getattr(client, method)(Bucket=self.bucket, **kwargs)
        except Exception as e:  # noqa: BLE001 - every failure becomes a French TransportError
            log.debug("S3 %s failed on %s: %s", method, self.describe(), type(e).__name__)
            raise self._fail(e, what, rel) from e

    def _listing(self, folder: str, etags: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
        """(object names, sub-prefix names) directly below ``folder``; ``etags`` gets {name: ETag}."""
        base = self._folder_key(folder)
        files: list[str] = []
        dirs: list[str] = []
        token: str | None = None
        while True:
            kwargs: dict[str, Any] = {"Prefix": base, "Delimiter": "/", "MaxKeys": LIST_PAGE}
            if token:
                kwargs["ContinuationToken"] = token
            page = self._call("la lecture d'un dossier", folder, "list_objects_v2", **kwargs)
            for obj in page.get("Contents", []):
                name = obj["Key"][len(base):]
                if name:  # "" is the folder marker object itself
                    files.append(name)
                    if etags is not None:
                        etags[name] = f"{obj.get('ETag', '')}-{obj.get('Size', '')}"
            for cp in page.get("CommonPrefixes", []):
                name = cp["Prefix"][len(base):].rstrip("/")
                if name:
                    dirs.append(name)
            if not page.get("IsTruncated"):
                break
            token = page.get("NextContinuationToken")
            if not token:
                break
        return files, dirs

    # ------------------------------------------------------------------ protocol
    def describe(self) -> str:
        where = f"s3://{self.bucket}" + ("/" + "/".join(self._prefix_parts) if self._prefix_parts else "")
        return where + (f" ({self.endpoint})" if self.endpoint else "")

    def check(self) -> None:
        from botocore.exceptions import ClientError

        client = self.client()
        try:
            client.head_bucket(Bucket=self.bucket)
        except ClientError as e:
            status = int(e.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
            code = str(e.response.get("Error", {}).get("Code", ""))
            if status == 404 or code in ("NoSuchBucket", "404", "NotFound"):
                raise self._no_bucket() from e
            if status == 301 or code in _REGION_CODES:
                raise self._wrong_region() from e
            if status in (400, 401, 403) and code not in _AUTH_CODES:
                # HEAD answers carry no error code: ask again with a GET to tell a wrong key from no rights.
                try:
                    client.list_objects_v2(Bucket=self.bucket, MaxKeys=1)
                except Exception as e2:  # noqa: BLE001
                    raise self._fail(e2, "la connexion") from e2
            raise self._fail(e, "la connexion") from e
        except Exception as e:  # noqa: BLE001
            raise self._fail(e, "la connexion") from e
        if not self.prefix:
            return
        page = self._call("la connexion", "", "list_objects_v2", Prefix=self.prefix, MaxKeys=1)
        if not page.get("KeyCount") and not page.get("Contents"):
            raise TransportError(
                f"Le dossier « {'/'.join(self._prefix_parts)} » n'existe pas dans le compartiment "
                f"« {self.bucket} » : vérifiez l'adresse du partage, ou créez ce dossier (vide) depuis la "
                "console du stockage."
            )

    def list(self, folder: str) -> list[str]:
        files, _dirs = self._listing(folder)
        return sorted(n for n in files if ".tmp-" not in n)

    def versions(self, folder: str) -> dict[str, str]:
        """One listing (1,000 names a page): token = the object's ETag (an MD5 of its bytes, and every
        sealed file has a fresh nonce) and size."""
        etags: dict[str, str] = {}
        self._listing(folder, etags)
        return {n: v for n, v in etags.items() if ".tmp-" not in n}

    def list_dirs(self, folder: str) -> builtins.list[str]:
        _files, dirs = self._listing(folder)
        return sorted(dirs)

    def _head(self, path: str) -> dict[str, Any] | None:
        from botocore.exceptions import ClientError

        key = self._key(path)
        client = self.client()
        try:
            return client.head_object(Bucket=self.bucket, Key=key)
        except ClientError as e:
            status = int(e.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
            if status == 404:
                return None
            raise self._fail(e, "la lecture", path) from e
        except Exception as e:  # noqa: BLE001
            raise self._fail(e, "la lecture", path) from e

    def exists(self, path: str) -> bool:
        return self._head(path) is not None

    def size(self, path: str) -> int:
        head = self._head(path)
        if head is None:
            raise TransportError(f"Fichier introuvable sur le partage : « {path} ».")
        return int(head["ContentLength"])

    def read(self, path: str, max_bytes: int | None = None) -> bytes:
        key = self._key(path)
        obj = self._call("la lecture d'un fichier", path, "get_object", Key=key)
        body = obj["Body"]
        try:
            length = obj.get("ContentLength")
            if max_bytes is not None and length is not None and int(length) > max_bytes:
                raise TransportError(f"Fichier trop volumineux sur le partage : « {path} ».")
            try:
                data = body.read() if max_bytes is None else body.read(max_bytes + 1)
            except Exception as e:  # noqa: BLE001 - a connection lost in the middle of the body
                raise self._fail(e, "la lecture d'un fichier", path) from e
        finally:
            body.close()
        if max_bytes is not None and len(data) > max_bytes:
            raise TransportError(f"Fichier trop volumineux sur le partage : « {path} ».")
        if length is not None and len(data) != int(length):
            raise TransportError(f"Lecture incomplète sur le partage : « {path} » ; réessayez.")
        return data

    def _put(self, path: str, data: bytes, **extra: Any) -> None:
        md5 = base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode("ascii")
        self._call("l'écriture d'un fichier", path, "put_object", Key=self._key(path), Body=data,
                   ContentMD5=md5, ContentLength=len(data), **extra)

    def write_atomic(self, path: str, data: bytes) -> None:
        """One PUT: S3 replaces a whole object atomically, so no temporary name is needed."""
        self._put(path, data)

    def write_new(self, path: str, data: bytes) -> None:
        """Create ``path`` only if no object has that name (``If-None-Match: *``); AlreadyExists otherwise.

        Two laptops racing for the same name: exactly one succeeds, on every server that supports
        conditional writes (AWS since 2024, SeaweedFS, Garage, Ceph). A server that does not is
        refused in French rather than silently overwriting.
        """
        from botocore.exceptions import ClientError

        try:
            self._put(path, data, IfNoneMatch="*")
        except TransportError as e:
            cause = e.__cause__
            if isinstance(cause, ClientError):
                code = str(cause.response.get("Error", {}).get("Code", ""))
                status = int(cause.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
                if code in ("PreconditionFailed", "ConditionalRequestConflict") or status in (409, 412):
                    raise AlreadyExists(f"Ce fichier existe déjà sur le partage : « {path} ».") from cause
                if code == "NotImplemented" or status == 501:
                    raise TransportError(
                        "Ce stockage S3 ne sait pas créer un fichier « seulement s'il n'existe pas » "
                        "(If-None-Match) : il ne convient pas au partage."
                    ) from cause
            raise

    def reset(self) -> None:
        """Drop the client and its connections (the next call builds a new one)."""
        client, self._client = self._client, None
        if client is not None:
            try:
                client.close()
            except Exception:  # noqa: BLE001 - a dead connection may fail to close; it is dropped anyway
                log.debug("S3 client close failed", exc_info=False)

    def close(self) -> None:
        self.reset()
