"""An idle sync costs a few round trips whatever the size of the team: one listing of ``index/`` tells
which laptops moved (issue 13). Counted on real transports (a folder, SMB, S3 on SeaweedFS, WebDAV on
wsgidav) through a counting wrapper, with many simulated peer laptops."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from sqlalchemy import func, select

from pole_desktop.domain import models as m
from pole_desktop.sync import engine, sealing
from pole_desktop.sync import share_layout as L
from pole_desktop.sync.engine import sync
from tests.sync.backends import Backend
from tests.sync.counting import CountingTransport, simulate_peers
from tests.sync.helpers import Laptop, advisor, new_person

IDLE_BOUND = 5


def _people(lp: Laptop) -> set[str]:
    with lp.read() as s:
        return set(s.scalars(select(m.Personne.nom)))


def _team(tmp_path, transport, n: int):
    """Laptop A (real, with an attachment) and ``n`` simulated peers that published one file each."""
    counted = CountingTransport(transport)
    a = Laptop(tmp_path, "posteA", counted, advisor(0))
    new_person(a, "Arnaud")
    data = b"attestation de test"
    sha = a.db.blob_store().put(data)
    with a.session() as s:
        s.add(m.Document(type="piece_jointe", titre="Attestation", nom_fichier="a.pdf", sha256=sha,
                         taille=len(data), cree_le=dt.datetime(2026, 3, 1, 10)))
    a.sync()
    keys = sealing.share_keys(a.db, L.read_json(transport.read(L.SHARE_MANIFEST)))
    peers = simulate_peers(transport, keys, n)
    r = a.sync()  # the first sync that meets them (a full survey on the first sync with this share)
    assert not r.quarantined, r.quarantined
    assert len(_people(a)) == n + 1
    return a, counted, peers


@pytest.mark.parametrize("n", [100])
def test_idle_sync_with_100_peers_on_a_folder_costs_at_most_5_round_trips(tmp_path, share, n):
    from pole_desktop.sync.folder import FolderTransport

    a, counted, peers = _team(tmp_path, FolderTransport(share), n)
    try:
        a.sync()  # settles (second run: heads cached, nothing to write)
        counted.reset()
        r = a.sync()
        assert r.received == 0 and r.sent == 0
        assert counted.total <= IDLE_BOUND, counted.log
        idle = counted.total
        assert not any(op.startswith("write") for op, _ in counted.log), counted.log  # an idle sync writes nothing

        # One peer with news costs one more round trip (its head), plus the read of its new file.
        nom = peers[37].publish()
        counted.reset()
        r = a.sync()
        assert nom in _people(a) and r.received == 3
        assert counted.total == idle + 2, counted.log
        assert ("read", L.device_head(peers[37].device)) in counted.log

        # A local edit: the files it publishes, its device manifest and its head.
        new_person(a, "Bérénice")
        counted.reset()
        r = a.sync()
        assert r.sent > 0
        assert counted.total <= idle + 4, counted.log  # own folder listed, one file, manifest, head
    finally:
        a.close()


@pytest.mark.parametrize("backend", ["smb", "s3", "webdav"], indirect=True)
def test_idle_sync_bound_holds_on_network_transports(tmp_path, backend: Backend):
    a, counted, peers = _team(tmp_path, backend.transport(), 25)
    try:
        a.sync()
        counted.reset()
        a.sync()
        assert counted.total <= IDLE_BOUND, counted.log
        idle = counted.total
        nom = peers[3].publish()
        nom2 = peers[20].publish()
        counted.reset()
        a.sync()
        assert {nom, nom2} <= _people(a)
        assert counted.total == idle + 4, counted.log  # two heads, two files
    finally:
        a.close()


def test_a_second_real_laptop_sees_the_others_edits_through_the_heads(laptops):
    a, b = laptops(2)
    new_person(a, "Arnaud")
    a.sync()
    b.sync()
    b.sync()
    for i in range(3):  # each edit of A reaches B by the head alone (no full survey in between)
        new_person(a, f"Suivant{i}")
        a.sync()
        b.sync()
        assert f"Suivant{i}" in _people(b)
    assert _people(a) == _people(b)


def test_emptied_device_folders_stop_the_sync_even_with_the_index_intact(tmp_path, share):
    from pole_desktop.sync.folder import FolderTransport

    a, counted, _ = _team(tmp_path, FolderTransport(share), 5)
    try:
        a.sync()
        shutil.rmtree(share / L.DEVICES)
        r = sync(a.db, counted)
        assert not r.ok and "vide ou démonté" in r.error
        with a.read() as s:
            assert s.scalar(select(func.count()).select_from(m.Personne)) == 6
    finally:
        a.close()


def test_lost_index_falls_back_to_listing_every_folder(tmp_path, share):
    from pole_desktop.sync.folder import FolderTransport

    a, counted, peers = _team(tmp_path, FolderTransport(share), 5)
    try:
        a.sync()
        shutil.rmtree(share / L.INDEX)
        nom = peers[2].publish()  # rewrites its head; the others have none any more
        r = a.sync()
        assert r.ok and nom in _people(a)
    finally:
        a.close()


def test_a_change_without_a_head_is_found_by_the_next_full_survey(tmp_path, share, monkeypatch):
    """A laptop that wrote a file but no head (crash, older app): the heads miss it, the periodic full
    survey (every folder listed) finds it."""
    from pole_desktop.sync.folder import FolderTransport

    transport = FolderTransport(share)
    a, counted, peers = _team(tmp_path, transport, 3)
    try:
        a.sync()
        p = peers[1]
        head = (share / L.device_head(p.device)).read_bytes()
        nom = p.publish()
        (share / L.device_head(p.device)).write_bytes(head)  # as if the head was never rewritten
        a.sync()
        assert nom not in _people(a)
        later = engine.clock.utc_now() + dt.timedelta(seconds=engine.FULL_EVERY_S + 60)
        monkeypatch.setattr(engine.clock, "utc_now", lambda: later)
        a.sync()
        assert nom in _people(a)
    finally:
        a.close()


def test_after_a_full_survey_the_next_idle_sync_is_still_cheap(tmp_path, share, monkeypatch):
    from pole_desktop.sync.folder import FolderTransport

    a, counted, _ = _team(tmp_path, FolderTransport(share), 30)
    try:
        a.sync()
        later = engine.clock.utc_now() + dt.timedelta(seconds=engine.FULL_EVERY_S + 60)
        monkeypatch.setattr(engine.clock, "utc_now", lambda: later)
        counted.reset()
        a.sync()  # a full survey: every folder listed
        assert counted.calls["list"] >= 31, counted.log
        counted.reset()
        r = a.sync()
        assert r.ok and counted.total <= IDLE_BOUND, counted.log
    finally:
        a.close()
