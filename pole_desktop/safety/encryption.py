"""Turning a plaintext SQLite database into a SQLCipher one, safely, in place.

    encrypt_in_place(data_dir, key)

1. checkpoint the plaintext database (its WAL folded in), count the rows of every table and run
   ``integrity_check`` on it;
2. back it up first — encrypted: ``sqlcipher_export`` into ``sauvegardes/avant-chiffrement-….db``,
   verified like every backup (a plaintext copy would defeat the purpose);
3. ``sqlcipher_export`` into ``pole.db.chiffrement.part`` next to the live file, fsync;
4. verify the new file: opens with the key, ``cipher_integrity_check`` and ``integrity_check``
   clean, same tables and same row count in each;
5. atomic swap (``os.replace``) — the plaintext file is kept under a second name (hard link)
   only until the swap, then overwritten with zeros and deleted (best effort: an SSD may keep
   old blocks; full-disk encryption is the complement);
6. plaintext backups left by older versions in ``sauvegardes/`` are re-encrypted the same way,
   and plaintext blobs are sealed.

A crash at any step leaves either the old plaintext file (the next start does it again) or the
new encrypted one; never a missing or half-written database.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pole_desktop import clock
from pole_desktop.paths import DataDir
from pole_desktop.safety.keys import SafetyError, database_state

log = logging.getLogger(__name__)

PART_SUFFIX = ".chiffrement.part"
WIPE_SUFFIX = ".clair-a-effacer"


class EncryptionError(SafetyError):
    pass


def _key_sql(key: bytes) -> str:
    return f"\"x'{key.hex()}'\""


def _connect(path: Path, key: bytes | None):  # noqa: ANN202 - a sqlcipher3 connection
    import sqlcipher3.dbapi2 as sqlcipher

    conn = sqlcipher.connect(str(path), isolation_level=None)
    if key is not None:
        conn.execute(f"PRAGMA key = {_key_sql(key)}")
    return conn


def table_counts(conn) -> dict[str, int]:  # noqa: ANN001
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )]
    out = {}
    for name in names:
        try:
            out[name] = conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        except Exception:  # FTS5 shadow tables of a virtual table are counted through it
            out[name] = -1
    return out


def check_file(path: Path, key: bytes | None) -> dict[str, int]:
    """Open ``path`` (with ``key``), run the integrity checks, return the row counts.

    Raises EncryptionError (French) when the file is not a sound database for that key.
    """
    if key is not None and database_state(path) != "encrypted":
        raise EncryptionError(f"Le fichier « {path.name} » n'est pas chiffré.")
    try:
        conn = _connect(path, key)
        try:
            if key is not None:
                problems = conn.execute("PRAGMA cipher_integrity_check").fetchall()
                if problems:
                    raise EncryptionError(f"Le fichier « {path.name} » est endommagé (contrôle du chiffrement).")
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if [r[0] for r in result] != ["ok"]:
                raise EncryptionError(f"Le fichier « {path.name} » est endommagé (contrôle d'intégrité).")
            return table_counts(conn)
        finally:
            conn.close()
    except EncryptionError:
        raise
    except Exception as e:
        raise EncryptionError(
            f"Le fichier « {path.name} » ne peut pas être lu avec la clé de ces données ({type(e).__name__})."
        ) from None


def export_encrypted(src: Path, dest: Path, src_key: bytes | None, dest_key: bytes) -> dict[str, int]:
    """Write an encrypted copy of ``src`` to ``dest`` with ``sqlcipher_export``; verify it.

    Returns the row counts (equal in both). ``dest`` appears only once verified.
    """
    tmp = dest.with_name(dest.name + ".part")
    for p in (tmp, Path(str(tmp) + "-journal")):
        if p.exists():
            p.unlink()
    conn = _connect(src, src_key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = table_counts(conn)
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if [r[0] for r in result] != ["ok"]:
            raise EncryptionError(f"Le fichier « {src.name} » est endommagé : il n'a pas été modifié.")
        conn.execute(f"ATTACH DATABASE ? AS chiffre KEY {_key_sql(dest_key)}", (str(tmp),))
        conn.execute("SELECT sqlcipher_export('chiffre')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA chiffre.user_version = {int(version)}")
        conn.execute("DETACH DATABASE chiffre")
    finally:
        conn.close()
    _fsync(tmp)
    after = check_file(tmp, dest_key)
    if after != before:
        tmp.unlink()
        raise EncryptionError("La copie chiffrée ne contient pas les mêmes lignes : rien n'a été modifié.")
    os.replace(tmp, dest)
    _fsync_dir(dest.parent)
    return after


def _fsync(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def wipe(path: Path) -> None:
    """Overwrite ``path`` with zeros, then delete it (best effort on SSDs and copy-on-write)."""
    if not path.exists():
        return
    try:
        st = path.stat()
        if st.st_nlink > 1:
            # Another name still points at these bytes (the hard link kept during a swap that
            # did not happen): overwriting would destroy the live file. Only remove this name.
            path.unlink()
            return
        size = st.st_size
        with open(path, "r+b") as f:
            block = b"\0" * (1 << 20)
            left = size
            while left > 0:
                n = min(left, len(block))
                f.write(block[:n])
                left -= n
            f.flush()
            os.fsync(f.fileno())
    except OSError:
        pass
    path.unlink(missing_ok=True)


def wipe_leftovers(dd: DataDir) -> None:
    """Plaintext files a crash left behind during a previous migration."""
    for p in dd.root.glob("*" + WIPE_SUFFIX):
        wipe(p)
    for p in dd.root.glob("*" + PART_SUFFIX + "*"):
        p.unlink(missing_ok=True)


def _sidecars(db_path: Path) -> list[Path]:
    return [Path(str(db_path) + s) for s in ("-wal", "-shm", "-journal")]


def encrypt_in_place(dd: DataDir, key: bytes) -> Path:
    """Encrypt ``dd``'s plaintext database in place; returns the (encrypted) backup written first."""
    from pole_desktop.safety import backups

    live = dd.database
    if database_state(live) != "plain":
        raise EncryptionError("La base n'est pas une base SQLite en clair : rien à chiffrer.")
    dd.ensure()
    log.info("encrypting the plaintext database in place")
    stamp = clock.stamp()
    backup = dd.backups / f"avant-chiffrement-{stamp}.db"
    counts = export_encrypted(live, backup, None, key)
    backups.finish_backup_file(backup)
    new = live.with_name(live.name + PART_SUFFIX)
    export_encrypted(live, new, None, key)
    # The live file's WAL was checkpointed and closed by the exports; a stale -wal next to the new
    # encrypted file would be read as part of it: remove them (they only hold plaintext).
    for side in _sidecars(live):
        if side.exists():
            wipe(side)
    keep = live.with_name(live.name + WIPE_SUFFIX)
    try:
        if keep.exists():
            wipe(keep)
        os.link(live, keep)
    except OSError:
        keep = None  # type: ignore[assignment]
    _swap(new, live)
    if keep is not None:
        wipe(keep)
    log.info("database encrypted: %d tables, %d rows", len(counts), sum(max(c, 0) for c in counts.values()))
    reencrypt_plain_backups(dd, key)
    seal_plain_blobs(dd, key)
    return backup


def _swap(new: Path, live: Path) -> None:
    os.replace(new, live)
    _fsync_dir(live.parent)


def reencrypt_plain_backups(dd: DataDir, key: bytes) -> int:
    """Replace every plaintext ``*.db`` in ``sauvegardes/`` by an encrypted, verified copy."""
    n = 0
    if not dd.backups.exists():
        return 0
    for path in sorted(dd.backups.glob("*.db")):
        if database_state(path) != "plain":
            continue
        reencrypt_backup(path, key)
        n += 1
    if n:
        log.info("re-encrypted %d plaintext backups", n)
    return n


def reencrypt_backup(path: Path, key: bytes) -> None:
    """Encrypt a plaintext backup file in place (verified copy, swap, wipe of the plaintext)."""
    new = path.with_name(path.name + ".chiffre")
    export_encrypted(path, new, None, key)
    keep = path.with_name(path.name + WIPE_SUFFIX)
    try:
        os.link(path, keep)
    except OSError:
        keep = None  # type: ignore[assignment]
    os.replace(new, path)
    for side in _sidecars(path):
        side.unlink(missing_ok=True)
    if keep is not None:
        wipe(keep)


def seal_plain_blobs(dd: DataDir, key: bytes) -> int:
    from pole_desktop.storage.blobs import _make_store

    return _make_store(dd.blobs, key).seal_plain_files()
