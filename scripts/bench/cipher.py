"""Bare DB-API connections to the (SQLCipher-encrypted) benchmark databases, for the floors.

The floors run the same SQL through the bare driver with the same key as the app — the
encryption cost is in both sides of the ratio.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

# The benchmark's data are demo data, cached between runs: they are always encrypted with this
# passphrase (no keyring), so that a later run — in another login or D-Bus session, whose keyring
# does not hold the key — opens them instead of the application asking for a passphrase.
os.environ.setdefault("POLE_DESKTOP_PASSPHRASE", "banc-de-mesure-pole-desktop")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"


@functools.lru_cache(maxsize=8)
def key_for(db_path: Path) -> bytes | None:
    from pole_desktop.paths import DataDir
    from pole_desktop.safety import keys

    dd = DataDir.at(db_path.parent)
    if keys.database_state(dd.database) != "encrypted":
        return None
    return keys.obtain_key(dd, passphrase_provider=keys.env_or_tty_passphrase).key


def connect(db_path: Path, *, read_only: bool = False, **kwargs: Any) -> Any:
    """A bare connection (sqlcipher3 when the file is encrypted, else sqlite3)."""
    key = key_for(Path(db_path))
    if key is None:
        import sqlite3 as driver
    else:
        import sqlcipher3.dbapi2 as driver  # type: ignore[no-redef]
    target = f"file:{db_path}?mode=ro" if read_only else str(db_path)
    conn = driver.connect(target, uri=read_only, **kwargs)
    if key is not None:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn
