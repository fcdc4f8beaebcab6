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

Then the daily backup is made if none was made today (a failure is logged, never fatal).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pole_desktop.paths import DataDir
from pole_desktop.storage.database import Database

log = logging.getLogger(__name__)


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
    provider = passphrase_provider if passphrase_provider is not None else keys.env_or_tty_passphrase
    result = keys.obtain_key(dd, passphrase_provider=provider, keyring_backend=keyring_backend)
    if keys.database_state(dd.database) == "plain":
        encryption.encrypt_in_place(dd, result.key)
    db = Database.open(dd, key=result.key)
    from pole_desktop.safety.gdpr import register_sync_hook

    register_sync_hook()  # erasures arriving from other laptops are applied (idempotent)
    db.key_mode = result.mode  # type: ignore[attr-defined]
    log.info("database opened (key mode: %s)", result.mode)
    if daily_backup:
        try:
            backups.ensure_daily_backup(db)
        except Exception as e:  # noqa: BLE001 - a failed backup never prevents working
            log.warning("daily backup failed (%s)", type(e).__name__)
    return db
