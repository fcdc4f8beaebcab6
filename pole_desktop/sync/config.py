"""Where the head-office share is: stored in ``local_state`` (key ``share_config``) as JSON.

Never a password: SMB/WebDAV passwords and S3 secret keys live in the OS keyring
(``pole_desktop.sync.credentials``). Four kinds of share:

- ``folder``: ``path`` (local folder, mount point, UNC path);
- ``smb``: ``server``, ``port``, ``share``, ``folder``, ``user``, ``domain``;
- ``s3``: ``bucket``, ``folder`` (the key prefix, "" = the whole bucket), ``url`` (the endpoint,
  "" = AWS itself), ``region``, ``user`` (the access key id);
- ``webdav``: ``url`` (``http(s)://host[:port]/path`` of the folder, never with a password in it),
  ``user``.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, parse_qs, quote, unquote, urlsplit

from pole_desktop.sync.transport import Transport, TransportError

if TYPE_CHECKING:
    from pole_desktop.storage.database import Database

CONFIG_KEY = "share_config"


@dataclass
class ShareConfig:
    kind: str  # "folder" | "smb" | "s3" | "webdav"
    path: str = ""  # folder: local path, mount point or UNC path
    server: str = ""
    port: int = 445
    share: str = ""
    folder: str = ""  # smb: sub-folder inside the share ("" = the share root); s3: key prefix
    user: str = ""  # smb/webdav: login; s3: access key id
    domain: str = ""
    url: str = ""  # webdav: the folder's address; s3: the endpoint ("" = AWS)
    bucket: str = ""  # s3
    region: str = ""  # s3 ("" = us-east-1)

    def describe(self) -> str:
        if self.kind == "folder":
            return self.path
        if self.kind == "s3":
            where = f"s3://{self.bucket}" + (f"/{self.folder}" if self.folder else "")
            return where + (f" ({self.url})" if self.url else "")
        if self.kind == "webdav":
            return self.url
        where = f"smb://{self.server}{'' if self.port == 445 else f':{self.port}'}/{self.share}"
        return where + (f"/{self.folder}" if self.folder else "")


def load_share_config(db: Database) -> ShareConfig | None:
    raw = db.state(CONFIG_KEY)
    if not raw:
        return None
    data = json.loads(raw)
    known = {f.name for f in fields(ShareConfig)}
    return ShareConfig(**{k: v for k, v in data.items() if k in known})


def save_share_config(db: Database, cfg: ShareConfig) -> None:
    data = asdict(cfg)
    data.pop("password", None)  # never stored
    db.set_state(CONFIG_KEY, json.dumps(data, ensure_ascii=False, sort_keys=True))


_SMB_USER = re.compile(r"^(?:(?P<domain>[^;@]+);)?(?P<user>[^@]*)$")

PASSWORD_IN_URL_FR = (
    "Adresse de partage refusée : elle contient un mot de passe. Indiquez l'adresse sans mot de passe ; "
    "celui-ci est lu dans la variable POLE_DESKTOP_SHARE_PASSWORD ou dans le trousseau de l'ordinateur."
)


def _netloc_has_password(text: str) -> bool:
    """Whether ``scheme://user:password@host`` carries a password (checked before anything else, so
    that no message, log or stored setting ever contains it)."""
    rest = text.split("://", 1)[1] if "://" in text else text
    netloc = re.split(r"[/?#]", rest, maxsplit=1)[0]
    return "@" in netloc and ":" in netloc.rsplit("@", 1)[0]


def _port(parts: SplitResult, default: int, text: str) -> int:
    try:
        return parts.port or default
    except ValueError:
        raise ValueError(f"Adresse de partage invalide : « {text} » (port incorrect).") from None


def parse_share_argument(text: str) -> ShareConfig:
    """A share given on the command line.

    - a folder path (local, mounted, UNC);
    - ``smb://[domain;]user@server[:port]/share[/folder]``;
    - ``s3://bucket[/prefix][?endpoint=http://host:port][&region=…]`` (no endpoint: AWS itself);
    - ``http(s)://[user@]host[:port]/path``: a WebDAV folder (Nextcloud…).

    A password inside the address is refused (ValueError, without echoing the address).
    """
    text = (text or "").strip()
    if not text:
        raise ValueError("Indiquez le dossier partagé ou l'adresse du partage (smb://, s3://, https://).")
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in ("smb", "s3", "http", "https") and _netloc_has_password(text):
        raise ValueError(PASSWORD_IN_URL_FR)
    if scheme == "smb":
        parts = urlsplit(text)
        if not parts.hostname:
            raise ValueError(f"Adresse de partage invalide : « {text} » (serveur manquant).")
        segments = [unquote(s) for s in parts.path.split("/") if s]
        if not segments:
            raise ValueError(f"Adresse de partage invalide : « {text} » (nom du partage manquant).")
        user, domain = "", ""
        if parts.username:
            m = _SMB_USER.match(unquote(parts.username))
            if m:
                user, domain = m.group("user"), m.group("domain") or ""
        return ShareConfig(
            kind="smb", server=parts.hostname, port=_port(parts, 445, text), share=segments[0],
            folder="/".join(segments[1:]), user=user, domain=domain,
        )
    if scheme == "s3":
        return _parse_s3(text)
    if scheme in ("http", "https"):
        return webdav_config(text)
    return ShareConfig(kind="folder", path=text)


_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]$")


def _parse_s3(text: str) -> ShareConfig:
    parts = urlsplit(text)
    if "@" in parts.netloc:
        raise ValueError(
            "Adresse S3 invalide : l'identifiant de clé d'accès se donne dans la variable AWS_ACCESS_KEY_ID, "
            "pas dans l'adresse."
        )
    query = parse_qs(parts.query, keep_blank_values=True)
    unknown = sorted(set(query) - {"endpoint", "region"})
    if unknown:
        raise ValueError(f"Adresse S3 invalide : paramètre inconnu « {unknown[0]} » (endpoint= ou region=).")
    return s3_config(
        bucket=parts.netloc,
        prefix="/".join(unquote(s) for s in parts.path.split("/") if s),
        endpoint=(query.get("endpoint") or [""])[-1],
        region=(query.get("region") or [""])[-1],
    )


def s3_config(bucket: str, prefix: str = "", endpoint: str = "", region: str = "", access_key: str = "") -> ShareConfig:
    """An S3 share from its parts (the command line or the form); ValueError in French."""
    bucket, endpoint, region = bucket.strip(), endpoint.strip(), region.strip()
    if not bucket:
        raise ValueError("Indiquez le nom du compartiment (bucket).")
    if not _BUCKET.match(bucket):
        raise ValueError(
            f"Nom de compartiment incorrect : « {bucket} » (3 à 63 caractères : minuscules, chiffres, points, tirets)."
        )
    if endpoint:
        if _netloc_has_password(endpoint):
            raise ValueError(PASSWORD_IN_URL_FR)
        ep = urlsplit(endpoint)
        if ep.scheme not in ("http", "https") or not ep.hostname or "@" in ep.netloc or ep.query:
            raise ValueError(
                f"Le point d'accès S3 « {endpoint} » doit être de la forme http(s)://serveur[:port]."
            )
        _port(ep, 443, endpoint)
        endpoint = endpoint.rstrip("/")
    if region and not re.match(r"^[A-Za-z0-9\-]{1,40}$", region):
        raise ValueError(f"Région S3 incorrecte : « {region} ».")
    segments = [s.strip() for s in re.split(r"[\\/]+", prefix or "") if s.strip()]
    for seg in segments:
        if seg in (".", "..") or not re.match(r"^[A-Za-z0-9_.\-]+$", seg):
            raise ValueError(
                f"Dossier S3 incorrect : « {prefix} » (lettres sans accent, chiffres, « . », « - », « _ » et « / »)."
            )
    return ShareConfig(kind="s3", bucket=bucket, folder="/".join(segments), url=endpoint, region=region,
                       user=access_key.strip())


def webdav_config(url: str, user: str = "") -> ShareConfig:
    """A WebDAV share from the folder's address (``http(s)://[user@]host[:port]/path``) and a login;
    a password inside the address is refused without being echoed. ValueError in French."""
    text = (url or "").strip()
    if _netloc_has_password(text):
        raise ValueError(PASSWORD_IN_URL_FR)
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ValueError(
            "Indiquez l'adresse WebDAV du dossier, par exemple https://cloud.exemple.fr/remote.php/dav/files/"
            "identifiant/Pôle."
        )
    if not parts.hostname:
        raise ValueError(f"Adresse de partage invalide : « {text} » (serveur manquant).")
    if parts.query or parts.fragment:
        raise ValueError(f"Adresse WebDAV invalide : « {text} » (pas de « ? » ni de « # » dans l'adresse).")
    port = _port(parts, 443 if scheme == "https" else 80, text)
    default = port == (443 if scheme == "https" else 80)
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    path = quote(unquote(parts.path.rstrip("/")), safe="/-._~!$&'()*+,;=:@") or "/"
    login = (user or "").strip() or unquote(parts.username or "")
    return ShareConfig(kind="webdav", url=f"{scheme}://{host}{'' if default else f':{port}'}{path}", user=login)


def open_transport(cfg: ShareConfig, password_lookup: Callable[[ShareConfig], str | None] | None = None) -> Transport:
    """The transport for ``cfg``; the network ones are imported only when needed.

    ``password_lookup(cfg)`` gives the SMB/WebDAV password or the S3 secret key (default: the
    keyring's, see ``pole_desktop.sync.credentials``).
    """
    if cfg.kind == "folder":
        from pole_desktop.sync.folder import FolderTransport

        return FolderTransport(cfg.path)
    modules = {"smb": "pole_desktop.sync.smb", "s3": "pole_desktop.sync.s3", "webdav": "pole_desktop.sync.webdav"}
    if cfg.kind not in modules:
        raise TransportError(f"Type de partage inconnu : « {cfg.kind} ».")
    password = None
    if password_lookup is not None:
        password = password_lookup(cfg)
    elif cfg.user:
        from pole_desktop.sync import credentials

        password = credentials.get_password(cfg)
    try:
        module = importlib.import_module(modules[cfg.kind])
    except ImportError as e:
        label = {"smb": "aux partages SMB", "s3": "au stockage S3", "webdav": "aux partages WebDAV"}[cfg.kind]
        raise TransportError(f"L'accès direct {label} n'est pas disponible dans cette version.") from e
    cls = {"smb": "SmbTransport", "s3": "S3Transport", "webdav": "WebDavTransport"}[cfg.kind]
    return getattr(module, cls)(cfg, password)
