"""Whole syncs between laptops over each kind of share — a folder, and real SMB (Samba), S3
(SeaweedFS) and WebDAV (wsgidav) servers: convergence and conflicts, hostile files, bootstrap of a
new laptop, a vanished share, and the server stopping in the middle of a sync then the next sync
resuming. The deeper cases (every bad-file kind, crash loops, clocks) run on the folder share in
the other modules: the engine is the same over every transport."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from pole_desktop.demo import generate
from pole_desktop.domain import models as m
from pole_desktop.domain.local import SyncPeer
from pole_desktop.services import dossiers, personnes
from pole_desktop.sync import conflicts as inbox
from pole_desktop.sync import share_layout as L
from pole_desktop.sync.engine import sync
from tests.sync.backends import NETWORK_KINDS, Backend, make_backend
from tests.sync.helpers import Laptop, advisor, converge, new_dossier, new_person


@pytest.fixture
def team(tmp_path: Path, backend: Backend) -> Iterator[Callable[[int], list[Laptop]]]:
    """``make(n)`` → n laptops, each with its own transport to the same share."""
    made: list[Laptop] = []

    def make(n: int) -> list[Laptop]:
        out = [Laptop(tmp_path, f"poste{len(made) + i}", backend.transport(), advisor(len(made) + i))
               for i in range(n)]
        made.extend(out)
        return out

    yield make
    for lp in made:
        lp.close()


def _consistent(lp: Laptop) -> None:
    with lp.read() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_two_laptops_edits_and_conflicts_converge(team, backend: Backend) -> None:
    a, b = team(2)
    pid = new_person(a, "Durand")
    did = new_dossier(a, beneficiaires=[pid])
    ra = a.sync()
    assert ra.sent > 0 and ra.share == a.share.describe()
    assert b.sync().received == ra.sent
    # The same field on both laptops (one winner, the other kept) and different fields (both survive).
    with a.session() as s:
        dossiers.update_dossier(s, did, {"titre": "Titre de Anne", "besoins": "Étude de faisabilité"})
    with b.session() as s:
        dossiers.update_dossier(s, did, {"titre": "Titre de Bruno", "objectifs": "Ouvrir au printemps"})
        personnes.save_personne(s, {"telephone": "06 12 34 56 78"}, pid)
    converge(a, b)
    with a.read() as s:
        d = s.get(m.Dossier, did)
        assert (d.besoins, d.objectifs) == ("Étude de faisabilité", "Ouvrir au printemps")
        assert s.get(m.Personne, pid).telephone is not None
        winner = d.titre
    loser = ({"Titre de Anne", "Titre de Bruno"} - {winner}).pop()
    for lp in (a, b):
        with lp.read() as s:
            views = inbox.list_open(s)
        assert [(v.field_label, v.winner_value, v.loser_value) for v in views] == [("titre", winner, loser)]
    # Only whole files are on the share, each laptop in its own folder.
    for lp in (a, b):
        names = backend.names(L.device_folder(lp.db.device_id))
        assert names and not [n for n in names if ".tmp-" in n], names


def _forged(dev: str, seq: int, nom: str) -> bytes:
    rid = str(uuid.uuid4())
    hlc = "000001764150000000.00001"
    entries = [[1, "personne", rid, "nom", json.dumps(nom), hlc, None, None],
               [2, "personne", rid, "prenom", json.dumps("X"), hlc, None, None],
               [3, "personne", rid, "anonymise", "false", hlc, None, None]]
    head = {"schema": "x", "app": "0.1.0", "device": dev, "seq": seq, "first": 1, "last": 3, "deps": {},
            "written_hlc": hlc}
    return L.encode_change_file(head, entries)


def _forger(lp: Laptop, device: str):  # noqa: ANN202
    """A team member's keys signing as ``device`` (a device folder of its own), over any transport."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from pole_desktop.sync import sealing

    keys = sealing.share_keys(lp.db, L.read_json(lp.share.read(L.SHARE_MANIFEST)))
    signer = Ed25519PrivateKey.generate()
    return sealing.ShareKeys(share_id=keys.share_id, keys=keys.keys, current=keys.current, signer=signer,
                             me=device, pub=sealing.public_hex(signer))


def test_hostile_files_are_quarantined_the_rest_applied(team, backend: Backend) -> None:
    a, b = team(2)
    new_person(a, "Légitime")
    a.sync()
    bad_dev, good_dev = str(uuid.uuid4()), str(uuid.uuid4())
    good = _forger(a, bad_dev).seal("chg", _forged(bad_dev, 1, "Intrus"), device=bad_dev, seq=1)
    backend.put(L.file_path(bad_dev, 1), good[:-25])  # truncated: refused (sealed, signed)
    backend.put(L.file_path(good_dev, 1),
                _forger(a, good_dev).seal("chg", _forged(good_dev, 1, "Troisième"), device=good_dev, seq=1))
    backend.put(f"{L.DEVICES}/pas-un-poste/00000001.chg", b"x")
    backend.put(f"{L.device_folder(a.db.device_id)}/..00000002.chg", b"x")
    r = b.sync()
    assert r.ok, r.error
    reasons = dict(r.quarantined)
    assert L.file_path(bad_dev, 1) in reasons and "signature" in reasons[L.file_path(bad_dev, 1)], reasons
    assert {n.rsplit("/", 1)[-1] for n in reasons} == {L.file_path(bad_dev, 1).rsplit("/", 1)[-1],
                                                        "pas-un-poste", "..00000002.chg"}
    with b.read() as s:
        assert set(s.scalars(select(m.Personne.nom))) == {"Légitime", "Troisième"}
    # Its owner republishes a valid file: it is applied on the next sync.
    backend.put(L.file_path(bad_dev, 1), good)
    r = b.sync()
    with b.read() as s:
        assert "Intrus" in set(s.scalars(select(m.Personne.nom)))


def test_new_laptop_bootstraps_from_the_share(team) -> None:
    a, b = team(2)
    generate(a.db, "tiny", seed=1)
    new_person(b, "Seulement-chez-B")
    converge(a, b)
    c, = team(1)
    calls: list[tuple[int, int, str]] = []
    r = c.sync(progress=lambda done, total, text_fr: calls.append((done, total, text_fr)))
    assert r.received > 1000
    with a.read() as s:
        want = {mdl: set(s.scalars(select(mdl.id))) for mdl in (m.Personne, m.Dossier, m.RendezVous, m.Action)}
    with c.read() as s:
        assert {mdl: set(s.scalars(select(mdl.id))) for mdl in want} == want
    assert calls[-1][0] == calls[-1][1]
    converge(a, b, c)


def test_vanished_share_stops_the_sync_and_changes_nothing(team, backend: Backend) -> None:
    a, = team(1)
    new_person(a, "Avant")
    a.sync()
    before = a.digest()
    backend.remove_root()  # a wrong prefix, a deleted folder, an unmounted share
    r = sync(a.db, a.share)
    assert not r.ok
    assert "introuvable" in r.error or "n'existe pas" in r.error, r.error
    assert a.digest() == before and backend.is_empty()


@pytest.fixture(params=NETWORK_KINDS)
def network_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    b = make_backend(request, request.param, tmp_path)
    try:
        yield b
    finally:
        b.start_server()
        b.close()


def test_server_stops_while_receiving_then_next_sync_resumes(tmp_path: Path, network_backend: Backend) -> None:
    backend = network_backend
    a = Laptop(tmp_path, "poste-a", backend.transport(), advisor(0))
    b = Laptop(tmp_path, "poste-b", backend.transport(), advisor(1))
    try:
        generate(a.db, "tiny", seed=4)
        a.sync()
        new_person(a, "Dernier")
        a.sync()  # the share now holds several files from A
        new_person(b, "Local")
        seen: list[str] = []

        def progress(done: int, total: int, text_fr: str) -> None:
            if text_fr.startswith("Réception") and not seen:
                seen.append(text_fr)
                backend.stop_server()

        r = sync(b.db, b.share, progress=progress)
        assert seen and not r.ok
        assert "réseau" in r.error and "la prochaine synchronisation reprendra" in r.error, r.error
        _consistent(b)
        with b.read() as s:
            mark = s.scalar(select(SyncPeer.applied_seq).where(SyncPeer.device_id == a.db.device_id))
            people = set(s.scalars(select(m.Personne.nom)))
        assert mark == 1  # the first file applied with its mark, in one transaction; nothing after it
        assert "Dernier" not in people and "Local" in people

        backend.start_server()
        r = b.sync()
        assert r.received > 0
        converge(a, b)
        with b.read() as s:
            assert "Dernier" in set(s.scalars(select(m.Personne.nom)))
    finally:
        a.close()
        b.close()


def test_server_stops_while_sending_then_next_sync_resumes(tmp_path: Path, network_backend: Backend) -> None:
    from pole_desktop.domain.local import LocalState

    backend = network_backend
    a = Laptop(tmp_path, "poste-a", backend.transport(), advisor(0))
    b = Laptop(tmp_path, "poste-b", backend.transport(), advisor(1))
    try:
        generate(a.db, "tiny", seed=3)
        while True:  # more journal entries than one change file holds: two files at least
            with a.read() as s:
                if s.scalar(text("SELECT count(*) FROM change_log")) > L.ENTRIES_PER_FILE + 50:
                    break
            with a.session() as s:
                for i in range(20):
                    personnes.save_personne(s, {"nom": f"Complément{i}", "prenom": "Test", "notes": "x" * i})
        seen: list[str] = []

        def progress(done: int, total: int, text_fr: str) -> None:
            if text_fr.startswith("Envoi") and not seen:
                seen.append(text_fr)
                backend.stop_server()

        r = sync(a.db, a.share, progress=progress)
        assert seen and not r.ok and "réseau" in r.error, r.error
        _consistent(a)
        backend.start_server()
        # Exactly the first file is on the share, whole, and marked as sent; nothing half-written is listed.
        files = [n for n in a.share.list(L.device_folder(a.db.device_id)) if L.FILE_RE.match(n)]
        assert len(files) == 1
        with a.read() as s:
            pushed = int(s.scalar(select(LocalState.value).where(LocalState.key == "sync_pushed_seq")))
            total = s.scalar(text("SELECT max(seq) FROM change_log"))
        assert 0 < pushed < total
        r = a.sync()
        assert r.sent == total - pushed
        converge(a, b)
    finally:
        a.close()
        b.close()
