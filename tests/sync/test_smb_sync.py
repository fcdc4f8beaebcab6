"""Whole syncs between laptops through the real Samba server, including the connection dropping
in the middle of a sync (the server is stopped from the engine's progress callback)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from pole_desktop.domain import models as m
from pole_desktop.domain.local import LocalState, SyncPeer
from pole_desktop.safety.opening import open_database
from pole_desktop.services import dossiers, personnes
from pole_desktop.services.info import info
from pole_desktop.storage.database import Database
from pole_desktop.sync.smb import SmbTransport
from tests.sync.smb_helpers import own_folder, smb_config

UNREACHABLE = "Impossible de joindre le serveur 127.0.0.1 : vérifiez le réseau ou le VPN."


@pytest.fixture
def smb_laptops(tmp_path: Path, samba_server) -> Iterator[Callable[[str], tuple[Database, SmbTransport]]]:
    """``make(name)`` → (database, transport) on this test's own folder of the share."""
    folder = own_folder(samba_server, "sync")
    made: list[tuple[Database, SmbTransport]] = []

    def make(name: str) -> tuple[Database, SmbTransport]:
        db = open_database(tmp_path / name)
        t = SmbTransport(smb_config(samba_server, folder), samba_server.password)
        made.append((db, t))
        return db, t

    yield make
    for db, t in made:
        t.close()
        db.close()


def _sync(db: Database, t: SmbTransport, **kw):
    from pole_desktop.sync.engine import sync

    return sync(db, t, **kw)


def _digest(db: Database) -> str:
    return info(db)["digest"]


def _consistent(db: Database) -> None:
    with db.read() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_two_laptops_converge_through_smb(smb_laptops) -> None:
    (a, ta), (b, tb) = smb_laptops("poste-a"), smb_laptops("poste-b")
    with a.session() as s:
        pid = personnes.save_personne(s, {"nom": "Lambert", "prenom": "Élodie", "commune_insee": "21231"}).id
        did = dossiers.create_dossier(
            s, {"dispositif": "puls_actions", "titre": "Tiers-lieu de Semur", "date_ouverture": dt.date(2026, 2, 3),
                "beneficiaires": [pid]}
        ).id
    with b.session() as s:
        personnes.save_personne(s, {"nom": "Nguyen", "prenom": "Thi"})
    r = _sync(a, ta)
    assert r.ok, r.error
    assert r.sent > 0 and r.share.startswith("smb://127.0.0.1:")
    r = _sync(b, tb)
    assert r.ok, r.error
    assert r.received > 0
    # Different fields of the same dossier, edited on both laptops: both survive.
    with a.session() as s:
        dossiers.update_dossier(s, did, {"besoins": "Étude de faisabilité"})
    with b.session() as s:
        dossiers.update_dossier(s, did, {"objectifs": "Ouvrir au printemps"})
    for db, t in ((a, ta), (b, tb), (a, ta)):
        r = _sync(db, t)
        assert r.ok, r.error
    assert _digest(a) == _digest(b)
    with b.read() as s:
        d = s.get(m.Dossier, did)
        assert (d.besoins, d.objectifs) == ("Étude de faisabilité", "Ouvrir au printemps")


def _stop_server_at(samba_server, prefix: str, after: int = 1):
    """A progress callback that stops the server once ``after`` steps starting with ``prefix`` ran."""
    seen = []

    def progress(done: int, total: int, text_fr: str) -> None:
        if text_fr.startswith(prefix) and samba_server.running:
            seen.append(text_fr)
            if len(seen) >= after:
                samba_server.stop()

    progress.seen = seen  # type: ignore[attr-defined]
    return progress


def test_connection_drops_while_sending_then_resumes(smb_laptops, samba_server) -> None:
    from pole_desktop.demo import generate
    from pole_desktop.sync import share_layout as L

    (a, ta), (b, tb) = smb_laptops("poste-a"), smb_laptops("poste-b")
    generate(a, "tiny", seed=3)
    while True:  # more journal entries than one change file holds: two files
        with a.read() as s:
            if s.scalar(text("SELECT count(*) FROM change_log")) > L.ENTRIES_PER_FILE + 50:
                break
        with a.session() as s:
            for i in range(20):
                personnes.save_personne(s, {"nom": f"Complément{i}", "prenom": "Test", "notes": "x" * i})
    progress = _stop_server_at(samba_server, "Envoi")
    try:
        r = _sync(a, ta, progress=progress)
    finally:
        dropped = not samba_server.running
        samba_server.start()
    assert dropped and len(progress.seen) == 1
    assert not r.ok
    assert r.error.startswith(UNREACHABLE)
    _consistent(a)
    # Exactly the first file is on the share, complete, and marked as sent; nothing half-written is visible.
    files = [n for n in ta.list(L.device_folder(a.device_id)) if L.FILE_RE.match(n)]
    assert len(files) == 1
    with a.read() as s:
        pushed = int(s.scalar(select(LocalState.value).where(LocalState.key == "sync_pushed_seq")))
        total = s.scalar(text("SELECT max(seq) FROM change_log"))
    assert 0 < pushed < total

    r = _sync(a, ta)
    assert r.ok, r.error
    assert r.sent == total - pushed
    r = _sync(b, tb)
    assert r.ok, r.error
    assert _sync(a, ta).ok
    assert _digest(a) == _digest(b)


def test_connection_drops_while_receiving_then_resumes(smb_laptops, samba_server) -> None:
    from pole_desktop.demo import generate

    (a, ta), (b, tb) = smb_laptops("poste-a"), smb_laptops("poste-b")
    generate(a, "tiny", seed=4)
    assert _sync(a, ta).ok
    with a.session() as s:
        personnes.save_personne(s, {"nom": "Dernier", "prenom": "Fichier"})
    assert _sync(a, ta).ok  # the share now holds several files from A
    with b.session() as s:
        personnes.save_personne(s, {"nom": "Local", "prenom": "Poste B"})

    progress = _stop_server_at(samba_server, "Réception")
    try:
        r = _sync(b, tb, progress=progress)
    finally:
        dropped = not samba_server.running
        samba_server.start()
    assert dropped
    assert not r.ok
    assert r.error.startswith(UNREACHABLE)
    assert "la prochaine synchronisation reprendra" in r.error
    _consistent(b)
    with b.read() as s:
        mark = s.scalar(select(SyncPeer.applied_seq).where(SyncPeer.device_id == a.device_id))
        people = {p.nom for p in s.scalars(select(m.Personne))}
    assert mark == 1  # the first file applied with its mark, in one transaction; nothing after it
    assert "Dernier" not in people and "Local" in people
    assert _digest(b) != _digest(a)

    r = _sync(b, tb)
    assert r.ok, r.error
    assert r.received > 0
    assert _sync(a, ta).ok
    assert _digest(a) == _digest(b)
    with b.read() as s:
        assert s.scalar(select(m.Personne.nom).where(m.Personne.nom == "Dernier")) == "Dernier"
