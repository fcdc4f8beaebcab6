"""Issue 16, obs. 7, 8 and 11 — private files; a damaged database is a French message and a way
out (CLI and start-up dialog); partial backups a crash left behind are removed at the next run."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pole_desktop.safety.opening import DatabaseDamaged, open_database

ROOT = Path(__file__).resolve().parents[2]


def _modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): stat.S_IMODE(p.lstat().st_mode) for p in [root, *root.rglob("*")]}


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes (Windows: the profile's ACLs)")
def test_data_directory_is_0700_and_every_file_0600(data_dir, memory_keyring):
    from pole_desktop.demo import generate
    from pole_desktop.documents.settings import DocumentSettings, save_settings
    from pole_desktop.safety import backups
    from pole_desktop.safety.backups import backup_before

    os.umask(0o022)
    db = open_database(data_dir)
    try:
        generate(db, "tiny", seed=1)
        db.blob_store().put(b"statuts")
        backup_before(db, "avant-migration")
        backups.backup_now(db)
        save_settings(db.data_dir, DocumentSettings())
        import logging

        logging.getLogger("pole_desktop.test").warning("event")
        modes = _modes(data_dir)
        names = set(modes)
        assert {"pole.db", "pole.db-wal", "cle.json", "parametres.json", "journaux/pole-desktop.log"} <= names
        assert any(n.startswith("blobs/") and len(n) > 60 for n in names)
        assert any(n.startswith("sauvegardes/avant-migration") for n in names)
        wrong = {n: oct(m) for n, m in modes.items()
                 if m != (0o700 if (data_dir / n).is_dir() else 0o600)}
        assert wrong == {}
    finally:
        db.close()


def test_existing_0644_files_are_tightened_at_start(data_dir, memory_keyring):
    db = open_database(data_dir)
    db.close()
    os.chmod(data_dir / "pole.db", 0o644)
    os.chmod(data_dir, 0o755)
    db = open_database(data_dir)
    db.close()
    assert stat.S_IMODE((data_dir / "pole.db").stat().st_mode) == 0o600
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700


def test_partial_backups_left_by_a_crash_are_removed_at_the_next_run(data_dir, memory_keyring):
    db = open_database(data_dir)
    db.close()
    backups_dir = data_dir / "sauvegardes"
    partial = backups_dir / "avant-synchro-20261126-101010-000001.db.part"
    partial.write_bytes(os.urandom(100_000))
    journal = Path(f"{partial}-journal")
    journal.write_bytes(b"x")
    blob_tmp = data_dir / "blobs" / "ab" / ("ab" * 32 + ".tmp-4242")
    blob_tmp.parent.mkdir(parents=True, exist_ok=True)
    blob_tmp.write_bytes(b"clear")
    fresh = backups_dir / "avant-synchro-20261126-101011-000001.db.part"  # another process writing now
    fresh.write_bytes(b"y")
    old = 1_000_000_000
    for p in (partial, journal):
        os.utime(p, (old, old))
    db = open_database(data_dir)
    db.close()
    assert not partial.exists() and not journal.exists() and not blob_tmp.exists()
    assert fresh.exists()


def _damage(path: Path, how: str) -> None:
    size = path.stat().st_size
    if how == "truncated":
        with open(path, "r+b") as f:
            f.truncate(size // 3)
    else:
        with open(path, "r+b") as f:
            f.seek(100)
            f.write(bytes(b ^ 0xFF for b in f.read(64)))


@pytest.mark.parametrize("how", ["truncated", "flipped"])
def test_a_damaged_database_is_a_french_message_then_a_restore(data_dir, memory_keyring, how):
    from pole_desktop.demo import generate
    from pole_desktop.safety import backups

    db = open_database(data_dir)
    generate(db, "tiny", seed=1)
    made = backups.backup_now(db)
    db.close()
    for side in ("-wal", "-shm"):
        Path(f"{data_dir / 'pole.db'}{side}").unlink(missing_ok=True)
    _damage(data_dir / "pole.db", how)
    with pytest.raises(DatabaseDamaged) as info:
        open_database(data_dir)
    text = str(info.value)
    assert "endommagée" in text and "sauvegarde" in text
    assert "sqlalche" not in text.lower() and "malformed" not in text and "database" not in text
    assert info.value.key is not None and info.value.data_dir.root == data_dir.resolve()
    backups.restore_data_dir(info.value.data_dir, made, key=info.value.key)
    open_database(data_dir).close()


def test_disk_full_is_told_apart():
    from pole_desktop.errors import user_message
    from pole_desktop.paths import DataDir
    from pole_desktop.safety.opening import is_disk_full

    err = OSError(28, "No space left on device")
    assert is_disk_full(err)
    assert "plein" in str(DatabaseDamaged(DataDir.at("/tmp/x"), None, disk_full=True))
    from sqlalchemy.exc import OperationalError

    sa = OperationalError("INSERT …", {}, Exception("database or disk is full"))
    assert "plein" in user_message(sa) and "sqlalche" not in user_message(sa)
    sa = OperationalError("SELECT …", {}, Exception("database disk image is malformed"))
    assert "endommagée" in user_message(sa) and "malformed" not in user_message(sa)


def test_cli_says_the_same_in_french(tmp_path):
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
               POLE_DESKTOP_PASSPHRASE="phrase de passe du test endommagé")
    dd = tmp_path / "data"
    run = lambda *a: subprocess.run([sys.executable, "-m", "pole_desktop.cli", *a], cwd=ROOT,  # noqa: E731
                                    capture_output=True, text=True, env=env, timeout=180)
    assert run("demo", "--data-dir", str(dd), "--scale", "tiny").returncode == 0
    _damage(dd / "pole.db", "flipped")
    r = run("info", "--data-dir", str(dd))
    assert r.returncode == 1
    assert "endommagée" in r.stderr and "restaurez" in r.stderr
    assert "sqlalche" not in r.stderr.lower() and "Traceback" not in r.stderr and "malformed" not in r.stderr


def test_a_missing_database_beside_backups_offers_them_instead_of_an_empty_start(data_dir, memory_keyring):
    from pole_desktop.demo import generate
    from pole_desktop.safety import backups

    db = open_database(data_dir)
    generate(db, "tiny", seed=1)
    made = backups.backup_now(db)
    db.close()
    for name in ("pole.db", "pole.db-wal", "pole.db-shm"):
        (data_dir / name).unlink(missing_ok=True)
    with pytest.raises(DatabaseDamaged) as info:
        open_database(data_dir)
    assert info.value.missing and "sauvegardes existent" in str(info.value)
    assert not (data_dir / "pole.db").exists() or (data_dir / "pole.db").stat().st_size == 0
    backups.restore_data_dir(info.value.data_dir, made, key=info.value.key)
    open_database(data_dir).close()


def test_a_clear_blob_is_sealed_at_start(data_dir, memory_keyring):
    import hashlib

    db = open_database(data_dir)
    db.close()
    data = b"statuts en clair d'une ancienne version"
    sha = hashlib.sha256(data).hexdigest()
    (data_dir / "blobs" / sha[:2]).mkdir(parents=True, exist_ok=True)
    (data_dir / "blobs" / sha[:2] / sha).write_bytes(data)
    from sqlalchemy import text

    from pole_desktop.safety.opening import BLOBS_SEALED_KEY

    db = open_database(data_dir)  # marked sealed already: an older version's file written since is
    with db.session() as s:       # found once the mark is gone (as after an update from that version)
        s.execute(text("DELETE FROM local_state WHERE key = :k"), {"k": BLOBS_SEALED_KEY})
    db.close()
    db = open_database(data_dir)
    try:
        assert data not in (data_dir / "blobs" / sha[:2] / sha).read_bytes()
        assert db.blob_store().get(sha) == data
    finally:
        db.close()
