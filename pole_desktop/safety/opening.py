"""The one way the app and the CLI open a laptop's data directory.

Encryption at rest is decided here, in one place:

- first start: a random 32-byte key goes into the OS keyring (``safety.keys``); the database
  is created encrypted (SQLCipher, FTS included);
- an existing encrypted database: its key from the keyring, or from the passphrase;
- an existing plaintext database (older version): encrypted in place (backup first, verify,
  atomic swap — ``safety.encryption``);
- no usable keyring: a French explanation and a passphrase from ``passphrase_provider``
  (the GUI shows a dialog; the CLI reads ``POLE_DESKTOP_PASSPHRASE`` or prompts on a
  terminal; tests pass a function). Never a key on disk.

Start-up housekeeping: clear copies of documents opened last time are removed, partial files a
crash left (backup copies ``*.part``, blob ``*.tmp-*``) are deleted, files written in clear by
older versions in ``blobs/`` are sealed, and folders/files are made owner-only.

A database that cannot be opened (truncated, altered, disk full) raises :class:`DatabaseDamaged`:
a French explanation, and what the start-up dialog / the CLI need to offer the latest backups.

Then the daily backup is made if none was made today (a failure is logged, never fatal).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pole_desktop.paths import DataDir
from pole_desktop.storage.database import Database

log = logging.getLogger(__name__)

BLOBS_SEALED_KEY = "blobs_scelles"  # local_state: every blob of this data directory is sealed
BLOBS_SEALED_VALUE = "2"
PARTIAL_AGE_S = 600  # a partial file older than this is a crash's leftover, not a copy under way


class DatabaseDamaged(RuntimeError):
    """The database file cannot be opened. ``str()`` is French; ``key`` is the key obtained
    (to restore a backup without asking again), ``disk_full`` tells the cause apart."""

    def __init__(self, dd: DataDir, key: bytes | None, disk_full: bool = False, missing: bool = False) -> None:
        if missing:
            text = ("Le fichier de la base de données de ce poste a disparu ou est vide, alors que des "
                    "sauvegardes existent : restaurez la plus récente pour retrouver vos données.")
        elif disk_full:
            text = ("Le disque de cet ordinateur est plein : les données ne peuvent pas être ouvertes. "
                    "Libérez de la place (corbeille, téléchargements), puis relancez Pôle Desktop. "
                    "Vos données n'ont pas été modifiées.")
        else:
            text = ("La base de données de ce poste est endommagée (fichier tronqué ou altéré, par exemple "
                    "après une coupure de courant ou une panne du disque) : elle ne peut pas être ouverte. "
                    "Vos sauvegardes ne sont pas touchées : restaurez la plus récente. L'état actuel du "
                    "fichier est gardé avant toute restauration.")
        super().__init__(text)
        self.data_dir = dd
        self.key = key
        self.disk_full = disk_full
        self.missing = missing


def is_disk_full(exc: BaseException) -> bool:
    import errno

    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    return "disk is full" in str(getattr(exc, "orig", exc)) or "database or disk is full" in str(exc)


def remove_leftovers(dd: DataDir) -> int:
    """Partial backups (e.g. « avant-synchro » cut by a crash) and temporary files; returns how many."""
    import time

    from pole_desktop.storage.blobs import BlobFolder

    n = BlobFolder(dd.blobs).remove_leftovers()
    limit = time.time() - PARTIAL_AGE_S
    candidates = list(dd.backups.glob("*.part*")) + list(dd.backups.glob("*.chiffre"))
    candidates += list(dd.root.glob("*.restauration.part")) + list(dd.root.glob(".*.tmp-*"))
    for p in candidates:
        try:
            if p.is_file() and p.stat().st_mtime < limit:
                p.unlink()
                n += 1
        except OSError:
            pass
    if n:
        log.info("removed %d leftover partial files", n)
    return n


def open_database(
    data_dir: DataDir | str | Path | None,
    *,
    passphrase_provider: Any | None = None,
    keyring_backend: Any | None = None,
    daily_backup: bool = True,
) -> Database:
    """Open (creating, encrypting or migrating as needed) the database of ``data_dir``.

    ``passphrase_provider(message_fr, new) -> str | None``; default: the environment variable
    ``POLE_DESKTOP_PASSPHRASE``, else a prompt when a terminal is attached.
    Raises ``safety.keys.SafetyError`` (French) when the key cannot be obtained.
    """
    from pole_desktop.logs import setup_logging
    from pole_desktop.safety import backups, encryption, keys

    dd = data_dir if isinstance(data_dir, DataDir) else DataDir.at(data_dir)
    dd.ensure()
    setup_logging(dd.logs)
    encryption.wipe_leftovers(dd)
    dd.clear_opened()
    remove_leftovers(dd)
    provider = passphrase_provider if passphrase_provider is not None else keys.env_or_tty_passphrase
    result = keys.obtain_key(dd, passphrase_provider=provider, keyring_backend=keyring_backend)
    state = keys.database_state(dd.database)
    if state == "plain":
        encryption.encrypt_in_place(dd, result.key)
    elif state == "absent" and keys.backups_exist(dd):
        # Never a silently empty database in front of backups: the advisor chooses one to restore.
        log.warning("database missing or empty while backups exist")
        raise DatabaseDamaged(dd, result.key, missing=True)
    try:
        db = Database.open(dd, key=result.key, backup_copy=backups.copy_database)
    except Exception as e:
        from sqlalchemy.exc import DBAPIError

        if isinstance(e, DBAPIError | OSError) or type(e).__module__.startswith(("sqlcipher3", "sqlite3")):
            log.warning("database could not be opened (%s)", type(e).__name__)
            raise DatabaseDamaged(dd, result.key, is_disk_full(e)) from None
        raise
    if db.key is not None and db.state(BLOBS_SEALED_KEY) != BLOBS_SEALED_VALUE:
        # Files written in clear by older versions (once per data directory, not at every start).
        sealed = db.blob_store().seal_plain_files()
        db.set_state(BLOBS_SEALED_KEY, BLOBS_SEALED_VALUE)
        log.info("sealed %d attachment files written in clear", sealed)
    from pole_desktop.safety.gdpr import register_sync_hook

    register_sync_hook()  # erasures from other laptops applied, the share redacted after a sync (idempotent)
    backups.register_sync_hook()  # the sync backs up before a big batch
    db.key_mode = result.mode  # type: ignore[attr-defined]
    log.info("database opened (key mode: %s)", result.mode)
    if daily_backup:
        try:
            backups.ensure_daily_backup(db)
        except Exception as e:  # noqa: BLE001 - a failed backup never prevents working
            log.warning("daily backup failed (%s)", type(e).__name__)
    return db
