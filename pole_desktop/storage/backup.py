"""Consistent copies of the live database (SQLite online backup API), encrypted and verified.

A copy of an encrypted database is a SQLCipher file with the same key; every copy is checked
(``cipher_integrity_check``, ``integrity_check``, same tables and row counts) before it gets
its final name, so a backup that exists is a backup that opens. Rotation and listing live in
:mod:`pole_desktop.safety.backups`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from pole_desktop import clock

if TYPE_CHECKING:
    from pole_desktop.storage.database import Database

log = logging.getLogger(__name__)


class BackupError(RuntimeError):
    """A backup could not be written or verified (French message)."""


def _dbapi_of(src: object):  # noqa: ANN202
    module = type(src).__module__.split(".")[0]
    if module == "sqlcipher3":
        import sqlcipher3.dbapi2 as dbapi
    else:
        import sqlite3 as dbapi
    return dbapi


def copy_database(engine: Engine, dest: Path, key: bytes | None = None) -> Path:
    """Write a consistent, verified copy of the database behind ``engine`` to ``dest`` (same key)."""
    from pole_desktop.safety.encryption import EncryptionError, check_file, table_counts

    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    for p in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        if p.exists():
            p.unlink()
    from pole_desktop.paths import private_file

    private_file(tmp)
    raw = engine.raw_connection()
    try:
        src = raw.driver_connection
        if src is None:
            raise RuntimeError("connexion à la base fermée pendant la sauvegarde")
        dbapi = _dbapi_of(src)
        dst = dbapi.connect(str(tmp), isolation_level=None)
        try:
            if key is not None:
                dst.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # a self-contained single file
            expected = table_counts(src)
        finally:
            dst.close()
    finally:
        raw.close()
    try:
        got = check_file(tmp, key)
    except EncryptionError as e:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"La sauvegarde n'a pas pu être vérifiée : {e}") from None
    if got != expected:
        tmp.unlink(missing_ok=True)
        raise BackupError("La sauvegarde ne contient pas les mêmes lignes que la base : elle a été écartée.")
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    tmp.replace(dest)
    from pole_desktop.safety.backups import finish_backup_file

    finish_backup_file(dest)
    log.info("backup written and verified (%d tables)", len(got))
    return dest


def backup_before(db: Database, reason: str) -> Path:
    """Back up the live database before a risky step (migration, restore, big sync batch).

    ``reason`` is a short slug used in the file name ("avant-synchro", "avant-restauration").
    The copy is encrypted with the database key, verified, then old backups are rotated.
    """

    from pole_desktop.safety import backups

    stamp = clock.stamp()
    dest = db.data_dir.backups / f"{reason}-{stamp}.db"
    path = copy_database(db.engine, dest, db.key)
    backups.finish_backup_file(path)
    try:
        backups.apply_rotation(db.data_dir)
    except OSError as e:  # rotation never makes a backup fail
        log.warning("backup rotation failed (%s)", type(e).__name__)
    return path
