"""Fail-safe against an emptied/unmounted share, share versions, clock skew."""

from __future__ import annotations

import json
import shutil

from sqlalchemy import func, select

from pole_desktop.domain import models as m
from pole_desktop.domain.local import ChangeLog
from pole_desktop.services import personnes
from pole_desktop.storage.hlc import HybridLogicalClock, now_ms
from pole_desktop.sync import share_layout as L
from pole_desktop.sync.engine import sync
from pole_desktop.sync.folder import FolderTransport
from tests.sync.helpers import converge, new_person

DAY = 24 * 3600 * 1000


def snapshot(lp):
    with lp.read() as s:
        return lp.digest(), int(s.scalar(select(func.count()).select_from(ChangeLog)))


def test_unmounted_share_looks_empty_fail_safe(laptops, share):
    a, b = laptops(2)
    new_person(a)
    new_person(b)
    converge(a, b)
    before = snapshot(a)
    # Unmounted: the mount point is an empty folder.
    shutil.rmtree(share / L.ROOT)
    r = sync(a.db, a.share)
    assert not r.ok and "vide ou démonté" in r.error and "Rien n'a été modifié" in r.error
    assert snapshot(a) == before
    assert not (share / L.ROOT).exists()  # and nothing was written onto it


def test_share_showing_far_fewer_files_fail_safe(laptops, share):
    a, b = laptops(2)
    for i in range(4):
        new_person(a, f"N{i}")
        a.sync()
    converge(a, b)
    before = snapshot(b)
    shutil.rmtree(share / L.device_folder(a.db.device_id))
    r = sync(b.db, b.share)
    assert not r.ok and "vide ou démonté" in r.error
    assert snapshot(b) == before


def test_unreachable_share_is_an_error_not_a_crash(laptops, tmp_path):
    a, = laptops(1)
    r = sync(a.db, FolderTransport(tmp_path / "nulle-part"))
    assert not r.ok and "introuvable" in r.error
    assert r.summary_fr().startswith("La synchronisation a échoué")


def test_new_empty_share_is_initialised_and_nothing_local_is_lost(laptops, share, tmp_path):
    a, = laptops(1)
    new_person(a)
    a.sync()
    other = tmp_path / "nouveau-partage"
    other.mkdir()
    before = snapshot(a)
    r = sync(a.db, FolderTransport(other))
    assert r.ok
    assert snapshot(a)[0] == before[0]
    assert (other / L.SHARE_MANIFEST).exists()


def test_older_app_refuses_a_share_needing_a_newer_version(laptops, share):
    a, b = laptops(2)
    new_person(a)
    a.sync()
    path = share / L.SHARE_MANIFEST
    doc = json.loads(path.read_text())
    doc["min_app_version"] = "9.0.0"
    path.write_text(json.dumps(doc))
    listing = sorted(p.relative_to(share) for p in share.rglob("*"))
    new_person(b)
    before = snapshot(b)
    r = sync(b.db, b.share)
    assert not r.ok and "version plus récente" in r.error and "9.0.0" in r.error
    assert sorted(p.relative_to(share) for p in share.rglob("*")) == listing  # nothing written
    assert snapshot(b) == before


def _fake_clock(lp, offset_ms: int) -> None:
    lp.db.journal.clock = HybridLogicalClock(lp.db.journal.clock.last, clock=lambda: now_ms() + offset_ms)


def test_clock_one_day_ahead_and_behind_converge_with_warning(laptops):
    a, b, c = laptops(3)
    pid = new_person(a)
    converge(a, b, c)
    _fake_clock(a, +DAY)
    _fake_clock(b, -DAY)
    with a.session() as s:
        personnes.save_personne(s, {"notes": "écrit par A (horloge en avance)"}, pid)
    with b.session() as s:
        personnes.save_personne(s, {"notes": "écrit par B (horloge en retard)"}, pid)
    a.sync()
    rb = b.sync()
    assert any("est en avance" in w for w in rb.warnings), rb.warnings  # A's manifest: 2 days ahead
    rc = c.sync()
    assert any("est en avance" in w for w in rc.warnings), rc.warnings
    converge(a, b, c)
    rc = c.sync()
    assert any("en retard" in w and "Anne1" in w for w in rc.warnings), rc.warnings  # B's clock: behind
    # B saw A's change: its next edit is ordered after it, whatever its own clock says.
    with b.session() as s:
        personnes.save_personne(s, {"notes": "B, après avoir vu A"}, pid)
    converge(a, b, c)
    with c.read() as s:
        assert s.get(m.Personne, pid).notes == "B, après avoir vu A"


def test_far_future_change_is_accepted_deterministically_and_flagged(laptops):
    a, b, c = laptops(3)
    pid = new_person(a)
    converge(a, b, c)
    _fake_clock(a, 400 * DAY)
    with a.session() as s:
        personnes.save_personne(s, {"prenom": "Futur"}, pid)
    with b.session() as s:
        personnes.save_personne(s, {"prenom": "Présent"}, pid)
    a.sync()
    rb = b.sync()
    assert any("futur" in w for w in rb.warnings), rb.warnings
    converge(a, b, c)
    for lp in (a, b, c):
        with lp.read() as s:
            assert s.get(m.Personne, pid).prenom == "Futur"
    # Later local edits on B still win over the far-future value (the clock followed it).
    with b.session() as s:
        personnes.save_personne(s, {"prenom": "Corrigé"}, pid)
    converge(a, b, c)
    with a.read() as s:
        assert s.get(m.Personne, pid).prenom == "Corrigé"
