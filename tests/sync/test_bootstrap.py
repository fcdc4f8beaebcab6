"""A new laptop receives everything (with progress); attachments travel as verified blobs; speed."""

from __future__ import annotations

import datetime as dt
import hashlib
import time

from sqlalchemy import select

from pole_desktop.demo import generate
from pole_desktop.domain import models as m
from pole_desktop.services import personnes
from pole_desktop.sync import share_layout as L
from tests.sync.helpers import converge


def test_bootstrap_new_laptop_gets_whole_team_data_with_progress(laptops):
    a, b = laptops(2)
    generate(a.db, "tiny", seed=1)
    with b.session() as s:
        personnes.save_personne(s, {"nom": "Seulement-chez-B"})
    converge(a, b)
    c, = laptops(1)
    calls: list[tuple[int, int, str]] = []
    r = c.sync(progress=lambda done, total, text: calls.append((done, total, text)))
    assert r.received > 1000
    with a.read() as s:
        want = {mdl: set(s.scalars(select(mdl.id))) for mdl in (m.Personne, m.Dossier, m.RendezVous, m.Action)}
    with c.read() as s:
        assert {mdl: set(s.scalars(select(mdl.id))) for mdl in want} == want
    converge(a, b, c)
    assert calls and calls[-1][0] == calls[-1][1]
    assert all(0 <= d <= t for d, t, _ in calls)
    assert any("Réception" in text for _, _, text in calls)
    dones = [d for d, _, _ in calls]
    assert dones == sorted(dones)


def _share_keys(lp):  # noqa: ANN001, ANN202
    from pole_desktop.sync import sealing

    manifest = L.read_json((lp.share.root / L.SHARE_MANIFEST).read_bytes())
    return sealing.share_keys(lp.db, manifest)


def test_blobs_content_addressed_verified(laptops, share):
    a, b = laptops(2)
    data = b"%PDF-1.7 statuts de l'association"
    sha = a.db.blob_store().put(data)
    with a.session() as s:
        s.add(m.Document(type="piece_jointe", titre="Statuts", nom_fichier="statuts.pdf", sha256=sha,
                         taille=len(data), cree_le=dt.datetime(2026, 3, 1, 10)))
    a.sync()
    keys = _share_keys(a)
    sealed = (share / L.blob_path(keys.blob_name(sha))).read_bytes()
    assert data not in sealed and not (share / L.BLOBS / sha).exists()  # sealed, under a keyed name
    assert keys.open(sealed, kind="blob", signed=False)[1] == data
    b.sync()
    assert b.db.blob_store().get(sha) == data
    assert data not in (b.db.data_dir.blobs / sha[:2] / sha).read_bytes()  # stored sealed on B too
    # A damaged blob on the share is refused, never stored.
    bad = b"autre contenu"
    sha2 = hashlib.sha256(bad).hexdigest()
    (share / L.blob_path(keys.blob_name(sha2))).write_bytes(keys.seal("blob", b"contenu altere", sign=False))
    with a.session() as s:
        s.add(m.Document(type="piece_jointe", titre="Budget", nom_fichier="budget.pdf", sha256=sha2,
                         taille=len(bad), cree_le=dt.datetime(2026, 3, 1, 10)))
    a.sync()
    r = b.sync()
    assert not b.db.blob_store().has(sha2)
    assert any("endommagée" in reason for _, reason in r.quarantined)
    assert "Synchronisation incomplète" in r.summary_fr() and r.blob_failures


def test_speed_day_of_changes_and_small_demo_bootstrap(laptops, capsys):
    a, b = laptops(2)
    generate(a.db, "small", seed=3)
    t0 = time.perf_counter()
    a.sync()
    push_all = time.perf_counter() - t0
    t0 = time.perf_counter()
    r = b.sync()
    bootstrap = time.perf_counter() - t0
    converge(a, b)
    with a.read() as s:
        ids = list(s.scalars(select(m.Personne.id).limit(100)))
    for i, pid in enumerate(ids):
        with a.session() as s:
            personnes.save_personne(s, {"notes": f"note {i}", "telephone": "06 11 22 33 44"}, pid)
    t0 = time.perf_counter()
    sent = a.sync().sent
    push_day = time.perf_counter() - t0
    t0 = time.perf_counter()
    received = b.sync().received
    pull_day = time.perf_counter() - t0
    assert sent == received == 200
    assert a.digest() == b.digest()
    with capsys.disabled():
        print(f"\n[sync speed] small demo: push {r.received} entries {push_all:.2f} s, bootstrap {bootstrap:.2f} s; "
              f"day of 200 changes: push {push_day * 1000:.0f} ms, pull {pull_day * 1000:.0f} ms")
    assert push_day + pull_day < 1.0
    assert bootstrap < 30
