"""Erasure survives the restore of an older backup: the local erasure ledger (outside the backups).

Erase on laptop A while offline, restore on A a backup made before the erasure, then sync A, B and
a new laptop C through a folder share: the person is erased everywhere, their file is gone from B
and overwritten on the share.
"""

from __future__ import annotations

import os
import stat

from sqlalchemy import select

from pole_desktop import clock
from pole_desktop.demo import generate
from pole_desktop.domain import models as m
from pole_desktop.safety import backups, gdpr
from pole_desktop.safety.opening import open_database
from pole_desktop.sync.engine import sync
from pole_desktop.sync.folder import FolderTransport
from tests.safety.test_gdpr import _busiest_person, find_everywhere, mark_person
from tests.sync.helpers import share_plaintext


def _attach(db, pid: str, content: bytes) -> str:
    sha = db.blob_store().put(content)
    with db.session() as s:
        link = s.scalar(select(m.DossierBeneficiaire).where(m.DossierBeneficiaire.personne_id == pid))
        s.add(m.Document(personne_id=pid, dossier_id=link.dossier_id, type="convention", titre="Convention",
                         nom_fichier="convention.pdf", sha256=sha, taille=len(content), cree_le=clock.local_now()))
    return sha


def test_erasure_ledger_is_private_and_sealed(tmp_path):
    a = open_database(tmp_path / "a", daily_backup=False)
    try:
        generate(a, "tiny", seed=5)
        with a.read() as s:
            pid = _busiest_person(s).id
        with a.session() as s:
            gdpr.erase_person(s, pid, "demande de la personne", a.blob_store())
        path = gdpr.ledger_path(a.data_dir)
        assert path.exists() and not path.is_relative_to(a.data_dir.backups)
        if os.name != "nt":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
        raw = path.read_bytes()
        if a.key is not None:
            assert pid.encode() not in raw and b"demande" not in raw
        assert [e["personne_id"] for e in gdpr.ledger_of(a).entries()] == [pid]
    finally:
        a.close()


def test_erasure_survives_restore_of_an_older_backup_on_every_laptop(tmp_path):
    share_dir = tmp_path / "partage"
    share_dir.mkdir()
    share = FolderTransport(share_dir)
    a = open_database(tmp_path / "a", daily_backup=False)
    b = open_database(tmp_path / "b", daily_backup=False)
    c = None
    try:
        generate(a, "tiny", seed=2)
        with a.session() as s:
            marked = mark_person(s, _busiest_person(s).id, "L3G8")
        pid = marked.id
        secret = b"Attestation de ZorbelineL3G8 piece-jointe-secrete-L3G8"
        sha = _attach(a, pid, secret)
        for laptop in (a, b):
            r = sync(laptop, share)
            assert r.ok, r.error
        assert b.blob_store().has(sha) and secret in share_plaintext(share_dir, a)
        old = backups.backup_now(a, "manuelle")

        # Offline on A: the erasure, then the restore of the backup made before it.
        with a.session() as s:
            gdpr.erase_person(s, pid, "demande de la personne", a.blob_store())
        backups.restore(a, old)
        gdpr.reapply_erasures(a)  # what the restore dialog does after a restore
        with a.read() as s:
            assert s.get(m.Personne, pid).anonymise
            assert s.scalar(select(m.Effacement.id).where(m.Effacement.personne_id == pid)) is not None
        assert not a.blob_store().has(sha)

        for laptop in (a, b, a, b):
            r = sync(laptop, share)
            assert r.ok, r.error
        for laptop in (a, b):
            gdpr.redact_share(laptop, share)
        c = open_database(tmp_path / "c", daily_backup=False)
        r = sync(c, share)
        assert r.ok, r.error
        for laptop, label in ((a, "A"), (b, "B"), (c, "C")):
            with laptop.read() as s:
                person = s.get(m.Personne, pid)
                assert person.anonymise and person.nom == gdpr.ERASED_NAME, label
            assert not laptop.blob_store().has(sha), label
            for needle in marked.needles:
                assert find_everywhere(laptop, needle) == [], (label, needle)
        text = share_plaintext(share_dir, a)
        assert secret not in text
        for needle in marked.needles:
            assert needle.encode() not in text, needle
        for blob in (share_dir / "pole-desktop-v2" / "blobs").iterdir():
            assert secret not in blob.read_bytes()
    finally:
        a.close()
        b.close()
        if c is not None:
            c.close()


def test_a_damaged_database_restored_from_an_older_backup_keeps_the_erasure(tmp_path):
    """The damaged-database dialog and ``pole-desktop-cli restore`` path (``restore_data_dir``): the
    live database cannot be read, only the ledger knows about the erasure."""
    a = open_database(tmp_path / "a", daily_backup=False)
    generate(a, "tiny", seed=4)
    with a.read() as s:
        pid = _busiest_person(s).id
    old = backups.backup_now(a, "manuelle")
    with a.session() as s:
        gdpr.erase_person(s, pid, "demande de la personne", a.blob_store())
    dd, key = a.data_dir, a.key
    a.close()
    with open(dd.database, "r+b") as f:
        f.write(os.urandom(4096))
    backups.restore_data_dir(dd, old, key=key)
    a = open_database(dd.root, daily_backup=False)
    try:
        with a.read() as s:
            assert s.get(m.Personne, pid).anonymise
            assert s.scalar(select(m.Effacement.personne_id)) == pid
    finally:
        a.close()


def test_an_unreadable_ledger_is_set_aside_not_overwritten(tmp_path):
    a = open_database(tmp_path / "a", daily_backup=False)
    try:
        path = gdpr.ledger_path(a.data_dir)
        path.write_bytes(b"PDLEDG1\n" + os.urandom(64))
        assert gdpr.ledger_of(a).entries() == []
        kept = list(path.parent.glob(path.name + ".illisible-*"))
        assert len(kept) == 1 and kept[0].read_bytes().startswith(b"PDLEDG1\n")
    finally:
        a.close()


def test_retention_erasures_go_to_the_ledger_at_once(tmp_path):
    """Every erasure through the application's sessions is in the ledger when it commits — the
    retention review's too (beneficiaries left with no other dossier are erased)."""
    from pole_desktop.safety import retention
    from tests.safety.test_gdpr import _close_old

    a = open_database(tmp_path / "a", daily_backup=False)
    try:
        generate(a, "tiny", seed=5)
        from pole_desktop.services import dossiers, personnes

        today = clock.today()
        with a.session() as s:  # a porteur whose only dossier ends its retention period
            p = personnes.save_personne(s, {"nom": "Seule-Une-Fois", "prenom": "Odile"})
            did = dossiers.create_dossier(s, {"dispositif": "crdva", "titre": "Orientation",
                                              "beneficiaires": [p.id]}).id
        with a.session() as s:
            _close_old(s, [did], today.replace(year=today.year - 6, day=1))
        with a.read() as s:
            assert did in {i.dossier_id for i in retention.review_list(s, on=today)}
        with a.session() as s:
            assert retention.anonymise(s, [did], on=today, blobs=a.blob_store()) == 1
        with a.read() as s:
            erased = set(s.scalars(select(m.Effacement.personne_id)))
        assert p.id in erased
        assert {e["personne_id"] for e in gdpr.ledger_of(a).entries()} == erased
    finally:
        a.close()
