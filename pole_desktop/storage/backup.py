"""Consistent copies of the live database (SQLite online backup API)."""


from __future__ import annotations

from typing import TYPE_CHECKING

from pathlib import Path

from sqlalchemy import Engine

if TYPE_CHECKING:
    from pole_desktop.storage.database import Database


def copy_database(engine: Engine, dest: Path, key: bytes | None = None) -> Path:
    """Write a consistent copy of the database behind ``engine`` to ``dest`` (same key if encrypted)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    if tmp.exists():
        tmp.unlink()
    raw = engine.raw_connection()
    try:
        src = raw.driver_connection
        module = type(src).__module__.split(".")[0]
        dbapi = __import__(f"{module}.dbapi2" if module == "sqlcipher3" else "sqlite3", fromlist=["connect"])
        dst = dbapi.connect(str(tmp))
        try:
            if key is not None:
                dst.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            src.backup(dst)
        finally:
            dst.close()
    finally:
        raw.close()
    tmp.replace(dest)
    return dest


def backup_before(db: Database, reason: str) -> Path:
    """Back up the live database before a risky step (migration, restore, big sync batch).

    ``reason`` is a short slug used in the file name ("avant-synchro", "avant-restauration").
    """
    import datetime as dt

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = db.data_dir.backups / f"{reason}-{stamp}.db"
    return copy_database(db.engine, dest, db.key)
