"""Attachments encrypted on disk; the log holds events, never personal data or the key."""

from __future__ import annotations

import os

import pytest

from pole_desktop.storage.blobs import MAGIC, BlobStore


def test_blobs_are_encrypted_on_disk_and_readable_through_the_store(encrypted_db):
    store = encrypted_db.blob_store()
    assert store.encrypted
    content = "Statuts de l'association « Les Jardins de Talant » — trésorière : Mme Françoise Lemoine".encode()
    sha = store.put(content)
    assert store.put(content) == sha  # dedup by the hash of the plain content
    path = store.root / sha[:2] / sha
    raw = path.read_bytes()
    assert raw.startswith(MAGIC) and b"Lemoine" not in raw and content not in raw
    assert store.get(sha) == content
    # Another key (another laptop's copy) cannot read it; tampering is detected.
    with pytest.raises(ValueError):
        BlobStore(store.root, key=os.urandom(32)).get(sha)
    with pytest.raises(ValueError):
        BlobStore(store.root).get(sha)
    damaged = bytearray(raw)
    damaged[-5] ^= 0x01
    path.write_bytes(bytes(damaged))
    with pytest.raises(ValueError, match="endommagé"):
        store.get(sha)


def test_plain_blobs_are_sealed(tmp_path):
    plain = BlobStore(tmp_path)
    sha = plain.put(b"ancien fichier en clair")
    key = os.urandom(32)
    sealed = BlobStore(tmp_path, key=key)
    assert sealed.get(sha) == b"ancien fichier en clair"  # legacy file still readable
    assert sealed.seal_plain_files() == 1
    assert b"ancien fichier" not in (tmp_path / sha[:2] / sha).read_bytes()
    assert sealed.get(sha) == b"ancien fichier en clair"
    assert sealed.seal_plain_files() == 0


def test_log_holds_events_but_no_personal_data_nor_key(data_dir, memory_keyring):
    from sqlalchemy import select

    from pole_desktop import logs
    from pole_desktop.demo import generate
    from pole_desktop.domain import models as m
    from pole_desktop.safety import backups, gdpr
    from pole_desktop.storage.opening import open_database

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
    from pole_desktop.storage.opening import open_database

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
