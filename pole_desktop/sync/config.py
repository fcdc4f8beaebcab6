"""Where the head-office share is: stored in ``local_state`` (key ``share_config``) as JSON.

Never a password: SMB passwords live in the OS keyring (``pole_desktop.sync.credentials``).
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from pole_desktop.sync.transport import Transport, TransportError

if TYPE_CHECKING:
    from pole_desktop.storage.database import Database

CONFIG_KEY = "share_config"


@dataclass
class ShareConfig:
    kind: str  # "folder" | "smb"
    path: str = ""  # folder: local path, mount point or UNC path
    server: str = ""
    port: int = 445
    share: str = ""
    folder: str = ""  # smb: sub-folder inside the share ("" = the share root)
    user: str = ""
    domain: str = ""

    def describe(self) -> str:
        if self.kind == "folder":
            return self.path
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


def parse_share_argument(text: str) -> ShareConfig:
    """A folder path (local, mounted, UNC) or ``smb://[domain;]user@server[:port]/share[/folder]``."""
    text = (text or "").strip()
    if not text:
        raise ValueError("Indiquez le dossier partagé ou l'adresse smb://serveur/partage.")
    if text.lower().startswith("smb://"):
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
        try:
            port = parts.port or 445
        except ValueError:
            raise ValueError(f"Adresse de partage invalide : « {text} » (port incorrect).") from None
        return ShareConfig(
            kind="smb", server=parts.hostname, port=port, share=segments[0],
            folder="/".join(segments[1:]), user=user, domain=domain,
        )
    return ShareConfig(kind="folder", path=text)


def open_transport(cfg: ShareConfig, password_lookup: Callable[[ShareConfig], str | None] | None = None) -> Transport:
    """The transport for ``cfg`` (FolderTransport, or SmbTransport imported only when needed)."""
    if cfg.kind == "folder":
        from pole_desktop.sync.folder import FolderTransport

        return FolderTransport(cfg.path)
    if cfg.kind == "smb":
        password = None
        if password_lookup is not None:
            password = password_lookup(cfg)
        else:
            try:
                credentials = importlib.import_module("pole_desktop.sync.credentials")
            except ImportError:
                credentials = None
            if credentials is not None and hasattr(credentials, "get_password"):
                password = credentials.get_password(cfg)
        try:
            smb = importlib.import_module("pole_desktop.sync.smb")
        except ImportError as e:
            raise TransportError("L'accès direct aux partages SMB n'est pas disponible dans cette version.") from e
        return smb.SmbTransport(cfg, password)
    raise TransportError(f"Type de partage inconnu : « {cfg.kind} ».")
