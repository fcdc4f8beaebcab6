"""The database file, its key, plaintext migration: issue 6, encryption at rest."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from pole_desktop.demo import generate
from pole_desktop.paths import DataDir
from pole_desktop.safety import keys
from pole_desktop.safety.encryption import check_file
from pole_desktop.safety.opening import open_database
from pole_desktop.services.info import info
from pole_desktop.storage.database import Database
from tests.safety.conftest import demo_names


def _all_bytes(folder: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in folder.rglob("*") if p.is_file()]


def test_database_file_reveals_no_demo_name_and_plain_sqlite_cannot_open_it(encrypted_db, data_dir):
    names = demo_names(encrypted_db)
    assert len(names) >= 10
    encrypted_db.close()
    raw = (data_dir / "pole.db").read_bytes()
    assert len(raw) > 100_000
    for name in names:
        assert name.encode() not in raw, name
        assert name.encode("utf-16-le") not in raw
    assert not raw.startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(data_dir / "pole.db").execute("select * from sqlite_master").fetchall()
    # Nothing in the whole data directory (backups, logs, key file…) holds a name either.
    for path, content in _all_bytes(data_dir):
        for name in names:
            assert name.encode() not in content, (path.name, name)


def test_full_text_search_works_inside_the_encrypted_database(encrypted_db):
    from pole_desktop.domain.models import Personne
    from pole_desktop.storage import search

    with encrypted_db.read() as s:
        p = s.query(Personne).first()
        hits = search.search(s, p.nom) if hasattr(search, "search") else None
        n = s.connection().exec_driver_sql("SELECT count(*) FROM search_index").scalar()
    assert n > 0
    if hits is not None:
        assert hits


def test_key_is_in_the_keyring_and_nowhere_in_the_data_directory_or_logs(encrypted_db, data_dir, memory_keyring):
    from pole_desktop import logs

    key = encrypted_db.key
    assert key is not None and len(key) == 32
    info_file = json.loads((data_dir / "cle.json").read_text())
    assert memory_keyring.passwords == {(keys.SERVICE, info_file["id"]): key.hex()}
    assert info_file["mode"] == "trousseau"
    encrypted_db.close()
    logs.flush()
    assert (data_dir / "journaux" / "pole-desktop.log").stat().st_size > 0
    for path, content in _all_bytes(data_dir):
        for form in (key, key.hex().encode(), key.hex().upper().encode()):
            assert form not in content, path.name
    # Reopening finds the key again; a copy of the directory without the keyring reveals nothing.
    db = open_database(data_dir)
    assert db.key == key
    db.close()


def test_copied_data_directory_cannot_be_opened_without_its_keyring(encrypted_db, data_dir, tmp_path):
    encrypted_db.close()
    other = tmp_path / "copie"
    shutil.copytree(data_dir, other)
    from tests.infra.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())  # another computer: empty keyring (fixture restores)
    with pytest.raises(keys.KeyMissing, match="trousseau"):
        open_database(other)


def test_real_secret_service_keyring(data_dir, secret_service_keyring):
    db = open_database(data_dir)
    generate(db, "tiny", seed=3)
    key = db.key
    db.close()
    data_id = json.loads((data_dir / "cle.json").read_text())["id"]
    assert secret_service_keyring.get_password(keys.SERVICE, data_id) == key.hex()
    db = open_database(data_dir)
    assert info(db)["counts"]["dossiers"] == 25
    db.close()
    for path, content in _all_bytes(data_dir):
        assert key.hex().encode() not in content and key not in content, path.name


def _provider(*answers):
    calls = []

    def provide(message, new):
        calls.append((message, new))
        return answers[min(len(calls), len(answers)) - 1]

    provide.calls = calls
    return provide


def test_passphrase_fallback_when_no_keyring_exists(data_dir):
    keyring.set_keyring(fail.Keyring())
    try:
        first = _provider("une phrase de passe solide")
        db = open_database(data_dir, passphrase_provider=first)
        generate(db, "tiny", seed=1)
        digest = info(db)["digest"]
        names = demo_names(db)
        db.close()
        (message, new), = first.calls
        assert new and "trousseau" in message and "phrase de passe" in message
        cfg = json.loads((data_dir / "cle.json").read_text())
        assert cfg["mode"] == "phrase" and cfg["kdf"]["name"] == "scrypt" and len(cfg["kdf"]["salt"]) == 32
        raw = (data_dir / "pole.db").read_bytes()
        assert not any(n.encode() in raw for n in names)
        # Reopen with the right passphrase.
        again = _provider("une phrase de passe solide")
        db = open_database(data_dir, passphrase_provider=again)
        assert info(db)["digest"] == digest and again.calls[0][1] is False
        db.close()
        # A wrong passphrase: asked again, then a French error, nothing touched.
        before = (data_dir / "pole.db").read_bytes()
        wrong = _provider("mauvaise phrase de passe")
        with pytest.raises(keys.WrongPassphrase, match="incorrecte"):
            open_database(data_dir, passphrase_provider=wrong)
        assert len(wrong.calls) == keys.MAX_ATTEMPTS and "incorrecte" in wrong.calls[1][0]
        assert (data_dir / "pole.db").read_bytes() == before
        # Cancelled: a French error too.
        with pytest.raises(keys.PassphraseRequired):
            open_database(data_dir, passphrase_provider=lambda m, n: None)
    finally:
        keyring.core._keyring_backend = None


def test_short_new_passphrase_is_refused_then_asked_again(data_dir):
    keyring.set_keyring(fail.Keyring())
    try:
        p = _provider("court", "assez longue maintenant")
        open_database(data_dir, passphrase_provider=p).close()
        assert len(p.calls) == 2 and "au moins" in p.calls[1][0]
    finally:
        keyring.core._keyring_backend = None


def test_production_scrypt_parameters_are_strong():
    import importlib

    fresh = importlib.reload(keys)  # the module's own values, not the test override
    try:
        assert fresh.SCRYPT_N >= 2**15 and fresh.SCRYPT_R == 8 and fresh.SCRYPT_P == 1
    finally:
        importlib.reload(keys)


def test_env_passphrase_for_the_cli(data_dir, monkeypatch):
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "phrase venue de l'environnement")
    try:
        open_database(data_dir).close()
        db = open_database(data_dir)
        assert db.key is not None
        db.close()
    finally:
        keyring.core._keyring_backend = None


def test_plaintext_database_is_encrypted_in_place_keeping_every_row(data_dir, memory_keyring):
    dd = DataDir.at(data_dir)
    plain = Database.open(dd)  # an older version's plaintext database, with a plaintext backup
    generate(plain, "tiny", seed=4)
    facts = info(plain)
    names = demo_names(plain)
    plain.close()
    from pole_desktop.safety.backups import copy_database

    old_backup = dd.backups / "avant-migration-0001-20250101-120000.db"
    eng = Database.open(dd).engine
    copy_database(eng, old_backup, None)
    eng.dispose()
    assert (data_dir / "pole.db").read_bytes().startswith(b"SQLite format 3")
    import hashlib

    clear = b"statuts de l'association " + names[0].encode()
    blob_sha = hashlib.sha256(clear).hexdigest()
    (dd.blobs / blob_sha[:2]).mkdir(parents=True, exist_ok=True)
    (dd.blobs / blob_sha[:2] / blob_sha).write_bytes(clear)  # written in clear by an older version

    db = open_database(data_dir)
    try:
        after = info(db)
        assert after["digest"] == facts["digest"] and after["counts"] == facts["counts"]
        assert after["pending_changes"] == facts["pending_changes"]
        assert db.blob_store().get(blob_sha).endswith(names[0].encode())
    finally:
        db.close()
    for path, content in _all_bytes(data_dir):
        assert not content.startswith(b"SQLite format 3"), path.name
        for name in names:
            assert name.encode() not in content, (path.name, name)
    leftovers = [p.name for p in data_dir.iterdir() if "part" in p.name or "clair" in p.name]
    assert leftovers == []
    # The backups are encrypted, readable with the key, and the first one was made before the swap.
    kinds = sorted(p.name.split("-2")[0] for p in dd.backups.glob("*.db"))
    assert "avant-chiffrement" in kinds and "avant-migration-0001" in kinds
    for p in dd.backups.glob("*.db"):
        assert check_file(p, db.key)


def test_interrupted_encryption_is_redone_at_next_start(data_dir, memory_keyring, monkeypatch):
    dd = DataDir.at(data_dir)
    plain = Database.open(dd)
    generate(plain, "tiny", seed=5)
    digest = info(plain)["digest"]
    plain.close()
    from pole_desktop.safety import encryption

    def crash(*a, **k):
        raise OSError("coupure de courant simulée")

    monkeypatch.setattr(encryption, "_swap", crash)
    with pytest.raises(OSError, match="simulée"):
        open_database(data_dir)
    monkeypatch.undo()
    assert (data_dir / "pole.db").read_bytes().startswith(b"SQLite format 3")  # untouched
    assert list(data_dir.glob("*.part")), "the crash happened after the encrypted copy was written"
    assert list(data_dir.glob("*clair-a-effacer")), "…and after the second name of the plaintext file was made"
    assert list(DataDir.at(data_dir).backups.glob("avant-chiffrement-*.db"))
    db = open_database(data_dir)
    assert info(db)["digest"] == digest
    db.close()
    assert not list(data_dir.glob("*.part"))


def test_helpers_for_outside_looks_and_subprocesses(data_dir, monkeypatch):
    import subprocess
    import sys

    from tests.infra.encrypted import connect, passphrase_env, passphrase_mode

    passphrase_mode(monkeypatch)
    db = open_database(data_dir, daily_backup=False)
    generate(db, "tiny", seed=1)
    key = db.key
    db.close()
    conn = connect(data_dir / "pole.db", key)
    assert conn.execute("SELECT count(*) FROM personne").fetchone()[0] == 40
    conn.close()
    code = ("import sys; from pole_desktop.safety.opening import open_database; "
            "db = open_database(sys.argv[1]); print(db.key.hex()); db.close()")
    r = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True,
                       env=passphrase_env(), cwd=Path(__file__).resolve().parents[2], timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == key.hex()


def test_a_keyring_that_refuses_writes_falls_back_to_a_passphrase(data_dir):
    from keyring.errors import PasswordSetError

    from tests.infra.memory_keyring import MemoryKeyring

    class Refusing(MemoryKeyring):
        def set_password(self, service, username, password):
            raise PasswordSetError("verrouillé")

    backend = Refusing()
    p = _provider("phrase de secours solide")
    db = open_database(data_dir, passphrase_provider=p, keyring_backend=backend)
    try:
        assert db.key_mode == "phrase" and p.calls and p.calls[0][1] is True
        assert backend.passwords == {}
    finally:
        db.close()
