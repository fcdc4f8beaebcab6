"""Attachments encrypted on disk; the log holds events, never personal data or the key."""

from __future__ import annotations

import hashlib
import os

import pytest

from pole_desktop.storage.blobs import CHUNK, MAGIC, MAGIC2, BlobStore, _make_store


def test_blobs_are_encrypted_on_disk_and_readable_through_the_store(encrypted_db):
    store = encrypted_db.blob_store()
    assert store.encrypted
    content = "Statuts de l'association « Les Jardins de Talant » — trésorière : Mme Françoise Lemoine".encode()
    sha = store.put(content)
    assert store.put(content) == sha  # dedup by the hash of the plain content
    path = store.root / sha[:2] / sha
    raw = path.read_bytes()
    assert raw.startswith(MAGIC2) and b"Lemoine" not in raw and content not in raw
    assert store.get(sha) == content
    # Another key (another laptop's copy) cannot read it; tampering is detected.
    with pytest.raises(ValueError):
        _make_store(store.root, os.urandom(32)).get(sha)
    with pytest.raises(ValueError):
        _make_store(store.root, None).get(sha)
    damaged = bytearray(raw)
    damaged[-5] ^= 0x01
    path.write_bytes(bytes(damaged))
    with pytest.raises(ValueError, match="endommagé"):
        store.get(sha)


def test_no_keyless_store_can_be_built(encrypted_db):
    with pytest.raises(TypeError):
        BlobStore(encrypted_db.data_dir.blobs)
    with pytest.raises(TypeError):
        BlobStore(encrypted_db.data_dir.blobs, key=encrypted_db.key)


def test_plain_blobs_are_sealed(tmp_path):
    data = b"ancien fichier en clair"
    sha = hashlib.sha256(data).hexdigest()
    (tmp_path / sha[:2]).mkdir()
    (tmp_path / sha[:2] / sha).write_bytes(data)  # as written by an older version
    sealed = _make_store(tmp_path, os.urandom(32))
    assert sealed.get(sha) == data  # legacy file still readable
    assert sealed.seal_plain_files() == 1
    assert b"ancien fichier" not in (tmp_path / sha[:2] / sha).read_bytes()
    assert sealed.get(sha) == data
    assert sealed.seal_plain_files() == 0


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17])
def test_chunked_format_round_trips_every_size(tmp_path, size):
    store = _make_store(tmp_path, os.urandom(32))
    data = os.urandom(size)
    sha = store.put(data)
    assert store.get(sha) == data
    src = tmp_path / "src.bin"
    src.write_bytes(data)
    with open(src, "rb") as f:
        assert store.put_stream(f) == (sha, size)
    out = store.copy_to(sha, tmp_path / "out.bin")
    assert out.read_bytes() == data


def test_chunked_format_detects_truncation_reordering_and_renaming(tmp_path):
    store = _make_store(tmp_path, os.urandom(32))
    data = os.urandom(3 * CHUNK)
    sha = store.put(data)
    path = tmp_path / sha[:2] / sha
    raw = path.read_bytes()
    head = len(MAGIC2) + 7
    step = CHUNK + 16
    chunks = [raw[head + i * step: head + (i + 1) * step] for i in range(4)]
    for bad in (raw[: head + 2 * step],  # cut at a chunk boundary: no final chunk
                raw[:head] + chunks[1] + chunks[0] + chunks[2] + chunks[3],  # swapped
                raw + b"x"):  # trailing bytes
        path.write_bytes(bad)
        with pytest.raises(ValueError):
            store.get(sha)
    path.write_bytes(raw)
    other = hashlib.sha256(b"autre").hexdigest()
    (tmp_path / other[:2]).mkdir(exist_ok=True)
    (tmp_path / other[:2] / other).write_bytes(raw)  # renamed to another hash
    with pytest.raises(ValueError):
        store.get(other)
    assert store.get(sha) == data


def test_first_format_blobs_still_read(tmp_path):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from pole_desktop.storage.blobs import blob_key

    key = os.urandom(32)
    data = b"fichier du premier format"
    sha = hashlib.sha256(data).hexdigest()
    nonce = os.urandom(12)
    (tmp_path / sha[:2]).mkdir()
    (tmp_path / sha[:2] / sha).write_bytes(MAGIC + nonce + AESGCM(blob_key(key)).encrypt(nonce, data, sha.encode()))
    assert _make_store(tmp_path, key).get(sha) == data


def test_streaming_memory_stays_flat(tmp_path):
    """A 64 MB file is stored and copied out with far less than its size in extra memory."""
    import tracemalloc

    store = _make_store(tmp_path, os.urandom(32))
    src = tmp_path / "gros.bin"
    with open(src, "wb") as f:
        for _ in range(64):
            f.write(os.urandom(1 << 20))
    tracemalloc.start()
    with open(src, "rb") as f:
        sha, size = store.put_stream(f)
    store.copy_to(sha, tmp_path / "copie.bin")
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert size == 64 << 20
    assert peak < 8 << 20, peak
    assert hashlib.sha256((tmp_path / "copie.bin").read_bytes()).hexdigest() == sha


def test_log_holds_events_but_no_personal_data_nor_key(data_dir, memory_keyring):
    from sqlalchemy import select

    from pole_desktop import logs
    from pole_desktop.demo import generate
    from pole_desktop.domain import models as m
    from pole_desktop.safety import backups, gdpr
    from pole_desktop.safety.opening import open_database

    db = open_database(data_dir)
    generate(db, "tiny", seed=1)
    with db.read() as s:
        people = s.scalars(select(m.Personne)).all()
        secrets = [p.nom for p in people if len(p.nom) >= 5] + [p.email for p in people if p.email]
        target = people[0].id
    backups.backup_now(db)
    with db.session() as s:
        gdpr.erase_person(s, target, "demande de la personne")
    key = db.key
    db.close()
    logs.flush()
    text = (data_dir / "journaux" / "pole-desktop.log").read_text(encoding="utf-8")
    assert "backup written and verified" in text and "person erased" in text
    assert key.hex() not in text.lower()
    for value in secrets:
        assert value not in text, value
    assert "SELECT" not in text and "INSERT" not in text  # no SQL echo


def test_logged_exceptions_keep_no_message_and_sql_errors_hide_parameters(data_dir):
    import logging

    from sqlalchemy import text

    from pole_desktop import logs
    from pole_desktop.safety.opening import open_database

    db = open_database(data_dir)
    log = logging.getLogger("pole_desktop.test")
    # Built at run time: traceback frames quote source lines, which must not be what matches.
    secret = "Mme " + "Secr" + "ète Duval"
    message = ", ".join(["Françoise " + "Lemoine", "06 12 " + "34 56 78"])
    try:
        with db.session() as s:
            for _ in range(2):
                s.execute(text("INSERT INTO local_state (key, value) VALUES (:k, :v)"),
                          {"k": "x", "v": secret})
    except Exception as e:  # a UNIQUE error quoting the statement
        assert "Secrète" not in str(e)  # hide_parameters
        log.exception("write failed: %s", type(e).__name__)
    try:
        raise ValueError(message)
    except ValueError:
        log.exception("validation failed")
    db.close()
    logs.flush()
    content = (data_dir / "journaux" / "pole-desktop.log").read_text(encoding="utf-8")
    assert "write failed" in content and "validation failed" in content and "(message omis)" in content
    assert secret not in content and "Lemoine" not in content and "06 12 34" not in content
