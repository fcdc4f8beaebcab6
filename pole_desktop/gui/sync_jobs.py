"""Background jobs of the sync screen, the watcher and the status-bar offer.

They run on a TaskRunner worker (``queue="net"``): never touch a widget here. Each returns plain
data that the GUI thread shows. Expected failures come back as values (a Receipt with
``ok=False``, a ``CheckResult`` with ``ok=False``), never as exceptions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pole_desktop.services.queries.sync_screen import QuarantinedFile, quarantined_files  # noqa: F401 - re-exported
from pole_desktop.storage.database import Database
from pole_desktop.sync.receipt import Receipt
from pole_desktop.sync.transport import TransportError

NO_SHARE_FR = "Aucun partage n'est configuré : indiquez-le dans l'onglet « Partage »."


@dataclass
class CheckResult:
    ok: bool
    message: str  # French
    pending: int = 0  # local changes not yet sent


# Only when this computer has no secure keyring: the password typed in the form, kept in memory
# until the application closes (never written anywhere), so the advisor can still sync today.
_session_passwords: dict[str, str] = {}


def remember_for_session(cfg: Any, password: str) -> None:
    from pole_desktop.sync.credentials import account_name

    _session_passwords[account_name(cfg)] = password


def forget_session_passwords() -> None:
    _session_passwords.clear()


def password_lookup(typed: str | None) -> Callable[[Any], str | None]:
    """The password typed in the form, else the session one (no keyring), else the keyring's."""

    def lookup(cfg: Any) -> str | None:
        if typed:
            return typed
        from pole_desktop.sync import credentials

        session = _session_passwords.get(credentials.account_name(cfg))
        if session:
            return session
        return credentials.get_password(cfg)

    return lookup


def pending_changes(db: Database) -> int:
    from pole_desktop.services.queries.sync_screen import count_pending

    return count_pending(db)


def check_share(db: Database, cfg: Any = None, typed_password: str | None = None) -> CheckResult:
    """Whether the share (``cfg``, or the saved configuration) answers. Runs on the net queue."""
    from pole_desktop.sync.config import load_share_config, open_transport

    if cfg is None:
        cfg = load_share_config(db)
        if cfg is None:
            return CheckResult(False, NO_SHARE_FR)
    try:
        transport = open_transport(cfg, password_lookup(typed_password))
        try:
            transport.check()
            where = transport.describe()
            note = transport.link_note() if hasattr(transport, "link_note") else ""  # SMB: encrypted or not
        finally:
            transport.close()
    except TransportError as e:
        return CheckResult(False, str(e))
    message = f"Connexion réussie : le partage {where} est accessible." + (f" {note}" if note else "")
    return CheckResult(True, message, pending_changes(db))


def run_sync(db: Database, cancelled: Callable[[], bool], report: Callable[[int, int, str], None],
             **options: Any) -> Receipt:
    """One sync with the saved share; a Receipt in every expected case."""
    from pole_desktop.sync.config import load_share_config, open_transport
    from pole_desktop.sync.engine import sync

    cfg = load_share_config(db)
    if cfg is None:
        return Receipt(ok=False, error=NO_SHARE_FR)
    report(0, 0, "Connexion au partage…")
    try:
        transport = open_transport(cfg, password_lookup(None))
    except TransportError as e:
        return Receipt(ok=False, error=str(e), share=cfg.describe() if hasattr(cfg, "describe") else "")
    try:
        return sync(db, transport, progress=report, cancel=cancelled, **options)
    finally:
        transport.close()


def sync_job(db: Database, **options: Any) -> Callable[[Any, Callable[[int, int, str], None]], Receipt]:
    """A TaskRunner job: ``job(token, report)``. ``options``: ``team_phrase``, ``allow_mass_changes``."""

    def job(token: Any, report: Callable[[int, int, str], None]) -> Receipt:
        return run_sync(db, lambda: token.cancelled, report, **options)

    return job


WRONG_CURRENT_PHRASE_FR = "La phrase d'équipe actuelle est incorrecte : rien n'a été modifié."


def change_team_phrase(db: Database, current: str, new: str, *, rotate: bool = False) -> str:
    """Head office: check the current team phrase against the saved share, then give the team the new
    one (``sealing.change_team_phrase``). Runs on the net queue; returns the French outcome.
    ValueError / TransportError (French) when refused."""
    from pole_desktop.sync import sealing
    from pole_desktop.sync import share_layout as L
    from pole_desktop.sync.config import load_share_config, open_transport

    weak = sealing.check_new_phrase(new)
    if weak:
        raise ValueError(weak)
    cfg = load_share_config(db)
    if cfg is None:
        raise ValueError(NO_SHARE_FR)
    transport = open_transport(cfg, password_lookup(None))
    try:
        manifest = L.read_json(transport.read(L.SHARE_MANIFEST, L.MAX_MANIFEST_BYTES))
        keys = (manifest or {}).get("keys")
        kid = (manifest or {}).get("current_key")
        if not isinstance(keys, dict) or kid not in keys:
            raise ValueError("Ce partage n'a pas encore de phrase d'équipe : synchronisez d'abord.")
        if sealing.unwrap_team_key(keys[kid], current, share_id=str(manifest.get("share_id") or ""),
                                   kid=kid) is None:
            raise ValueError(WRONG_CURRENT_PHRASE_FR)
        sealing.change_team_phrase(db, transport, new, old_phrase=current, rotate=rotate)
    finally:
        transport.close()
    if rotate:
        return ("La phrase d'équipe a été changée et une nouvelle clé chiffre désormais les données : chaque "
                "ordinateur de l'équipe demandera la nouvelle phrase à sa prochaine synchronisation ; un "
                "ordinateur qui ne connaît que l'ancienne phrase ne lit plus rien de nouveau.")
    return ("La phrase d'équipe a été changée. Les ordinateurs déjà inscrits continuent sans rien faire ; "
            "un nouvel ordinateur demandera la nouvelle phrase.")
