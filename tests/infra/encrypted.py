"""Helpers for tests that look at a data directory from outside the app (the database is encrypted).

- ``connect(db_path, key)``: a raw ``sqlcipher3`` connection (what ``sqlite3.connect`` was).
- ``passphrase_env()``: environment for a subprocess that opens data directories with
  ``open_database``: no keyring (forced), the passphrase from ``POLE_DESKTOP_PASSPHRASE``.
  Create the directories in the same mode in the test process with ``passphrase_mode(monkeypatch)``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

PASSPHRASE = "phrase de passe des tests"


def connect(db_path: str | Path, key: bytes) -> Any:
    import sqlcipher3.dbapi2 as sqlcipher

    conn = sqlcipher.connect(str(db_path))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def passphrase_env(base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["POLE_DESKTOP_PASSPHRASE"] = PASSPHRASE
    return env


def passphrase_mode(monkeypatch: Any) -> None:
    """In the test process: no keyring, the same passphrase as ``passphrase_env`` subprocesses."""
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # the autouse keyring fixture restores the previous one
    monkeypatch.setenv("POLE_DESKTOP_PASSPHRASE", PASSPHRASE)
