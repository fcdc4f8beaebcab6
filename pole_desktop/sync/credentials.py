"""The share's secret (SMB or WebDAV password, S3 secret access key), kept in the operating
system's keyring — never in a file.

One entry per account and server: service « Pôle Desktop — partage », username ``user@server``
for SMB, ``webdav:user@host[:port]`` for WebDAV, ``s3:accesskey@endpoint-host[:port]`` for S3.
When this computer has no secure keyring (headless Linux without a Secret Service, or only a
backend that writes secrets to a plain file, such as ``keyrings.alt``), every function raises
``CredentialStoreUnavailable`` with a French message instead of storing the password elsewhere.
"""

from __future__ import annotations

import logging
from typing import Protocol

from pole_desktop.sync.transport import TransportError

log = logging.getLogger(__name__)

SERVICE = "Pôle Desktop — partage"

UNAVAILABLE_FR = (
    "Aucun trousseau sécurisé n'est disponible sur cet ordinateur : "
    "le mot de passe ne peut pas être enregistré."
)
LOCKED_FR = "Le trousseau de mots de passe est verrouillé : déverrouillez-le puis réessayez."


class CredentialStoreUnavailable(TransportError):
    """No usable OS keyring; ``str(e)`` is French. A TransportError, so a sync reports it plainly."""

    def __init__(self, message: str = UNAVAILABLE_FR) -> None:
        super().__init__(message)


class _Account(Protocol):
    server: str
    user: str


def account_name(cfg: _Account) -> str:
    """The keyring username: ``user@server`` for SMB (server in lower case, as host names are);
    the kind and the address's host for WebDAV and S3 (AWS itself when no endpoint is given)."""
    user = (cfg.user or "").strip()
    kind = getattr(cfg, "kind", "smb")
    if kind in ("s3", "webdav"):
        from urllib.parse import urlsplit

        url = (getattr(cfg, "url", "") or "").strip()
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
            port = parts.port
        except ValueError:
            host, port = url.lower(), None
        if kind == "s3" and not host:
            host = "s3.amazonaws.com"
        return f"{kind}:{user}@{host}" + (f":{port}" if port else "")
    return f"{user}@{(cfg.server or '').strip().lower()}"


def _backend():
    """The process keyring backend if it keeps secrets safely; CredentialStoreUnavailable otherwise."""
    import keyring
    from keyring.backends import chainer, fail, null

    try:
        backend = keyring.get_keyring()
    except Exception as e:  # noqa: BLE001 - a broken keyring configuration is "no keyring"
        raise CredentialStoreUnavailable() from e
    candidates = backend.backends if isinstance(backend, chainer.ChainerBackend) else [backend]
    usable = [
        b for b in candidates
        if not isinstance(b, fail.Keyring | null.Keyring)
        # keyrings.alt stores secrets in files (plain text or weakly protected): refused.
        and not type(b).__module__.startswith("keyrings.alt")
    ]
    if not usable:
        raise CredentialStoreUnavailable()
    return backend if len(usable) == len(candidates) else usable[0]


def _translate(e: Exception) -> CredentialStoreUnavailable:
    from keyring.errors import KeyringLocked, NoKeyringError

    if isinstance(e, KeyringLocked):
        return CredentialStoreUnavailable(LOCKED_FR)
    if isinstance(e, NoKeyringError):
        return CredentialStoreUnavailable()
    return CredentialStoreUnavailable(
        "Le trousseau de mots de passe de cet ordinateur ne répond pas : réessayez, ou redémarrez la session."
    )


def available() -> bool:
    """Whether a secure keyring can store the password here."""
    try:
        _backend()
    except CredentialStoreUnavailable:
        return False
    return True


def get_password(cfg: _Account) -> str | None:
    """The stored password for ``cfg``'s account, or None when none is stored."""
    backend = _backend()
    try:
        return backend.get_password(SERVICE, account_name(cfg))
    except Exception as e:  # noqa: BLE001 - every keyring failure becomes a French message
        log.warning("keyring get_password failed: %s", type(e).__name__)
        raise _translate(e) from None


def set_password(cfg: _Account, password: str) -> None:
    if not password:
        raise ValueError("Le mot de passe est vide.")
    backend = _backend()
    try:
        backend.set_password(SERVICE, account_name(cfg), password)
    except Exception as e:  # noqa: BLE001
        log.warning("keyring set_password failed: %s", type(e).__name__)
        raise _translate(e) from None


def delete_password(cfg: _Account) -> None:
    """Forget the stored password (nothing happens when none is stored)."""
    from keyring.errors import PasswordDeleteError

    backend = _backend()
    try:
        backend.delete_password(SERVICE, account_name(cfg))
    except PasswordDeleteError:
        return
    except Exception as e:  # noqa: BLE001
        log.warning("keyring delete_password failed: %s", type(e).__name__)
        raise _translate(e) from None
