"""Consistent copies of the live database (SQLite online backup API)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine


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
