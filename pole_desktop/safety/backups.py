"""Backups of a data directory: daily, before risky steps, rotated; listing and restoring.

Files: ``sauvegardes/<type>-<AAAAMMJJ-HHMMSS[-ffffff]>.db`` — SQLCipher copies with the
database key, written with SQLite's online backup API and verified (``cipher_integrity_check``,
``integrity_check``, same tables and row counts) before they get their final name, so a backup
that exists is a backup that opens (:func:`copy_database`).

- :func:`ensure_daily_backup` at start-up: one backup a day (if none was made today).
- :func:`backup_before` (``db, reason``) before a migration, a restore, a big sync
  batch, a purge or an erasure.
- :func:`rotation_keep` (pure): keeps every backup of the last 24 hours, the newest of each of
  the 7 most recent days, of the 4 most recent ISO weeks and of the 12 most recent months.
- :func:`restore`: verifies the chosen backup, backs up the current state first (a raw copy if
  the current file is too damaged to be copied properly), then swaps files atomically.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from pole_desktop import clock
from pole_desktop.paths import DataDir
from pole_desktop.safety.keys import SafetyError, database_state

if TYPE_CHECKING:
    from pole_desktop.storage.database import Database

log = logging.getLogger(__name__)

# Kind slugs (file-name prefixes) and their French labels, longest first for prefix matching.
KINDS: dict[str, str] = {
    "avant-restauration": "avant restauration",
    "avant-chiffrement": "avant chiffrement",
    "avant-migration": "avant mise à jour",
    "avant-effacement": "avant effacement RGPD",
    "avant-synchro": "avant synchronisation",
    "avant-purge": "avant purge",
    "quotidienne": "quotidienne",
    "manuelle": "manuelle",
}
NAME_RE = re.compile(r"^(?P<prefix>.+?)-(?P<date>\d{8})-(?P<time>\d{6})(?:-(?P<us>\d{1,6}))?\.db$")
RESTORE_PART = ".restauration.part"


class RestoreError(SafetyError):
    pass


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    created: dt.datetime
    size: int

    @property
    def label(self) -> str:
        return KINDS.get(self.kind, "autre")

    @property
    def name(self) -> str:
        return self.path.name


def format_size(n: int) -> str:
    """« 2,1 Mo », « 430 Ko » (French units)."""
    from pole_desktop.formatting import format_number

    if n >= 1_000_000:
        return f"{format_number(n / 1_000_000, 1)} Mo"
    if n >= 1000:
        return f"{format_number(round(n / 1000))} Ko"
    return f"{n} octets"


def parse_name(name: str) -> tuple[str, dt.datetime] | None:
    """(kind, date) of a backup file name, or None when the name is not one of ours."""
    m = NAME_RE.match(name)
    if not m:
        return None
    try:
        when = dt.datetime.strptime(m["date"] + m["time"], "%Y%m%d%H%M%S")
    except ValueError:
        return None
    if m["us"]:
        when = when.replace(microsecond=int(m["us"].ljust(6, "0")))
    prefix = m["prefix"]
    kind = next((k for k in KINDS if prefix == k or prefix.startswith(k + "-")), "autre")
    return kind, when


def _dd(target: Database | DataDir | str | Path) -> DataDir:
    if isinstance(target, DataDir):
        return target
    if isinstance(target, str | Path):
        return DataDir.at(target)
    return target.data_dir


def list_backups(target: Database | DataDir | str | Path) -> list[BackupInfo]:
    """The backups of a data directory, newest first."""
    folder = _dd(target).backups
    out = []
    if folder.exists():
        for p in folder.glob("*.db"):
            parsed = parse_name(p.name)
            if parsed is None:
                continue
            out.append(BackupInfo(p, parsed[0], parsed[1], p.stat().st_size))
    out.sort(key=lambda b: b.created, reverse=True)
    return out


# ------------------------------------------------------------------ rotation (pure)


def rotation_keep(
    backups: list[tuple[str, dt.datetime]],
    now: dt.datetime,
    *,
    daily: int = 7,
    weekly: int = 4,
    monthly: int = 12,
    recent: dt.timedelta = dt.timedelta(hours=24),
) -> set[str]:
    """Names to keep among ``backups`` (name, date): the rest may be deleted.

    Kept: every backup younger than ``recent``; the newest of each of the ``daily`` most recent
    days that have a backup; the newest of each of the ``weekly`` most recent ISO weeks; the
    newest of each of the ``monthly`` most recent months. The newest backup is always kept.
    """
    if not backups:
        return set()
    ordered = sorted(backups, key=lambda b: (b[1], b[0]), reverse=True)
    keep = {ordered[0][0]}
    keep |= {name for name, when in ordered if now - when < recent}

    def newest_per(period, count: int) -> set[str]:  # noqa: ANN001
        seen: dict[object, str] = {}
        for name, when in ordered:  # newest first: the first seen of a period is its newest
            p = period(when)
            if p not in seen:
                if len(seen) == count:
                    break
                seen[p] = name
        return set(seen.values())

    keep |= newest_per(lambda d: d.date(), daily)
    keep |= newest_per(lambda d: tuple(d.isocalendar())[:2], weekly)
    keep |= newest_per(lambda d: (d.year, d.month), monthly)
    return keep


def apply_rotation(target: Database | DataDir | str | Path, now: dt.datetime | None = None) -> list[Path]:
    """Delete the backups the rotation does not keep; returns the deleted paths."""
    items = list_backups(target)
    keep = rotation_keep([(b.name, b.created) for b in items], now or clock.local_now())
    deleted = []
    for b in items:
        if b.name not in keep:
            b.path.unlink(missing_ok=True)
            key_sidecar(b.path).unlink(missing_ok=True)
            deleted.append(b.path)
    if deleted:
        log.info("rotation deleted %d backups", len(deleted))
    return deleted


# ------------------------------------------------------------------ writing


KEY_SIDECAR = ".cle.json"


def key_sidecar(path: Path) -> Path:
    """The copy of ``cle.json`` kept beside a backup: what tells which key opens it."""
    return Path(f"{path}{KEY_SIDECAR}")


def finish_backup_file(path: Path) -> None:
    """Owner-only permissions on a backup (POSIX), and a copy of the key description beside it.

    ``cle.json`` holds no secret (the id of the keyring entry, or the passphrase's salt and
    scrypt parameters, and a key check): with its copy a backup stays restorable — and a wrong
    passphrase is told from a damaged file — even if ``cle.json`` changes later.
    """
    from pole_desktop.paths import write_private
    from pole_desktop.safety.keys import KEY_FILE_NAME

    path = Path(path)
    if os.name != "nt":
        try:
            os.chmod(path, 0o600)
        except OSError:
            pass
    cle = path.parent.parent / KEY_FILE_NAME
    if path.parent.name == "sauvegardes" and cle.exists():
        try:
            write_private(key_sidecar(path), cle.read_bytes())
        except OSError as e:
            log.warning("key description not copied beside the backup (%s)", type(e).__name__)


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
    from pole_desktop.paths import private_file
    from pole_desktop.safety.encryption import EncryptionError, check_file, table_counts

    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    for p in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        if p.exists():
            p.unlink()
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
    finish_backup_file(dest)
    log.info("backup written and verified (%d tables)", len(got))
    return dest


def backup_before(db: Database, reason: str) -> Path:
    """Back up the live database before a risky step (migration, restore, big sync batch).

    ``reason`` is a short slug used in the file name ("avant-synchro", "avant-restauration").
    The copy is encrypted with the database key, verified, then old backups are rotated.
    """
    dest = db.data_dir.backups / f"{reason}-{clock.stamp()}.db"
    path = copy_database(db.engine, dest, db.key)
    try:
        apply_rotation(db.data_dir)
    except OSError as e:  # rotation never makes a backup fail
        log.warning("backup rotation failed (%s)", type(e).__name__)
    return path


def register_sync_hook() -> None:
    """The sync backs up through :func:`backup_before` before a big or unusual batch (``sync.hooks.backup``)."""
    from pole_desktop.sync import hooks

    hooks.register(hooks.backup, backup_before)


def backup_now(db: Database, kind: str = "manuelle") -> Path:
    return backup_before(db, kind)


def ensure_daily_backup(db: Database, today: dt.date | None = None) -> Path | None:
    """Make today's backup if no backup was made today; returns it (None if there was one)."""
    today = today or clock.today()
    if any(b.created.date() == today for b in list_backups(db)):
        return None
    return backup_now(db, "quotidienne")


def verify_backup(path: Path, key: bytes | None) -> dict[str, int]:
    """Open the backup with the key and run the integrity checks; French error if unsound."""
    from pole_desktop.safety.encryption import EncryptionError, check_file

    path = Path(path)
    if not path.exists():
        raise RestoreError(f"La sauvegarde « {path.name} » est introuvable.")
    if key is not None and database_state(path) == "plain":
        raise RestoreError(f"La sauvegarde « {path.name} » n'est pas chiffrée : elle n'est pas acceptée.")
    try:
        counts = check_file(path, key)
    except EncryptionError as e:
        raise RestoreError(str(e)) from None
    if "alembic_version" not in counts:
        raise RestoreError(f"Le fichier « {path.name} » n'est pas une sauvegarde de Pôle Desktop.")
    return counts


# ------------------------------------------------------------------ restoring


def _sidecars(db_path: Path) -> list[Path]:
    return [Path(f"{db_path}{s}") for s in ("-wal", "-shm", "-journal")]


def _raw_copy_current(dd: DataDir) -> Path:
    """Copy the current files as they are (too damaged for the backup API)."""
    stamp = clock.stamp()
    dest = dd.backups / f"avant-restauration-{stamp}.db.endommagee"
    shutil.copyfile(dd.database, dest)
    wal = Path(f"{dd.database}-wal")
    if wal.exists():
        shutil.copyfile(wal, Path(f"{dest}-wal"))
    finish_backup_file(dest)
    return dest


RESTORED_KEY = "restauration"  # local_state: when and from which backup (for the sync: see ARCHITECTURE)


def _mark_restored(engine, backup_path: Path) -> str:  # noqa: ANN001
    """Record the restore and give the laptop a new sync identity (see sync/identity.py)."""
    import json

    from sqlalchemy import text

    from pole_desktop.sync.identity import renew_device_identity

    value = json.dumps({"le": clock.local_now().isoformat(), "sauvegarde": backup_path.name})
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM local_state WHERE key = :k"), {"k": RESTORED_KEY})
        conn.execute(text("INSERT INTO local_state (key, value) VALUES (:k, :v)"), {"k": RESTORED_KEY, "v": value})
        return renew_device_identity(conn)


def restore(
    target: Database | DataDir | str | Path, backup_path: str | Path, *, key: bytes | None = None
) -> Path | None:
    """Replace the live database by ``backup_path``; returns the backup made of the current state.

    ``target``: an open :class:`Database` (its engines are reopened on the restored file and the
    schema migrated if the backup is older) or a data directory (closed; ``key`` required if
    encrypted). Nothing is touched unless the backup verifies.
    """
    from pole_desktop.storage.engine import make_engine

    db = None if isinstance(target, DataDir | str | Path) else target
    dd = _dd(target)
    if db is not None:
        key = db.key
    backup_path = Path(backup_path)
    verify_backup(backup_path, key)
    log.info("restore requested")
    if db is not None:  # the erasures of the state being replaced outlive it (re-applied after the restore)
        from pole_desktop.safety.gdpr import record_erasures

        try:
            record_erasures(db)
        except Exception:  # noqa: BLE001 - a damaged live database: its erasures are in the ledger already
            log.warning("could not copy the live erasures to the erasure ledger", exc_info=True)
    # 1. The current state first.
    safety: Path | None = None
    if database_state(dd.database) != "absent":
        try:
            if db is not None:
                safety = backup_before(db, "avant-restauration")
            else:
                stamp = clock.stamp()
                engine = make_engine(dd.database, key, immediate=False)
                try:
                    safety = copy_database(engine, dd.backups / f"avant-restauration-{stamp}.db", key)
                finally:
                    engine.dispose()
                finish_backup_file(safety)
        except Exception as e:  # a damaged current file: keep its bytes as they are
            log.info("current state not copyable (%s): raw copy", type(e).__name__)
            safety = _raw_copy_current(dd)
    # 2. The backup, copied next to the live file and verified there.
    part = dd.database.with_name(dd.database.name + RESTORE_PART)
    part.unlink(missing_ok=True)
    shutil.copyfile(backup_path, part)
    with open(part, "rb+") as f:
        os.fsync(f.fileno())
    try:
        verify_backup(part, key)
    except RestoreError:
        part.unlink(missing_ok=True)
        raise
    # 3. Swap: close connections, drop the live file's WAL (its content is in the safety copy).
    if db is not None:
        db.engine.dispose()
        db.reader.dispose()
    for side in _sidecars(dd.database):
        side.unlink(missing_ok=True)
    os.replace(part, dd.database)
    finish_backup_file(dd.database)
    if db is not None:
        from pole_desktop.storage import migrate

        db.engine = make_engine(dd.database, key, immediate=True)
        db.reader = make_engine(dd.database, key, immediate=False)
        migrate.upgrade(db.engine, dd.backups, key=key, copy=copy_database)
        db.journal.device_id = _mark_restored(db.engine, backup_path)
    else:
        engine = make_engine(dd.database, key, immediate=True)
        try:
            _mark_restored(engine, backup_path)
        finally:
            engine.dispose()
    log.info("restore done")
    return safety


def restore_data_dir(dd: DataDir, backup_path: Path, *, key: bytes | None,
                     key_info: dict | None = None) -> Path | None:
    """Restore ``backup_path`` into the closed data directory ``dd`` (its database may be missing,
    empty or damaged), then apply again every erasure recorded since. Returns the safety copy.

    ``key_info``: the backup's own key description when it differs from ``cle.json`` (see
    ``keys.key_for_backup``): it becomes ``cle.json`` once the restored database is in place.
    """
    from pole_desktop.safety.gdpr import reapply_erasures
    from pole_desktop.safety.keys import write_key_file
    from pole_desktop.storage.database import Database

    safety = restore(dd, backup_path, key=key)
    if key_info is not None:
        write_key_file(dd, key_info)
    db = Database.open(dd, key=key, backup_copy=copy_database)
    try:
        reapply_erasures(db)
    finally:
        db.close()
    return safety
