"""Incoming files are untrusted: validation, quarantine, idempotency, layout on the share."""

from __future__ import annotations

import json
import uuid
import zlib

import pytest
from sqlalchemy import func, select

from pole_desktop.domain import models as m
from pole_desktop.domain.local import ChangeLog, Conflict, SyncPeer, SyncQuarantine
from pole_desktop.sync import share_layout as L
from pole_desktop.sync.engine import apply_session
from pole_desktop.sync.folder import FolderTransport
from pole_desktop.sync.merge import Applier
from pole_desktop.sync.transport import TransportError
from tests.sync.helpers import converge, new_dossier, new_person, open_change_file, share_keys

_FORGERS: dict = {}


def published(lp, seq: int = 1) -> L.ChangeFile:
    return L.decode_change_file(open_change_file(lp, lp.db.device_id, seq), device_id=lp.db.device_id, seq=seq)


def forge(share, dev: str, seq: int, entries: list[list], header: dict | None = None, *, via=None,
          patch=None) -> bytes:
    """A change file of a new laptop ``dev`` of the team (sealed with the team key, signed by its own key).
    ``via``: a laptop that holds the team key (default: the first one that synced in the test)."""
    head = {"schema": "x", "app": "0.1.0", "device": dev, "seq": seq, "first": entries[0][0] if entries else 0,
            "last": entries[-1][0] if entries else 0, "deps": {}, "written_hlc": "000000000000000001.00000"}
    head.update(header or {})
    plain = L.encode_change_file(head, entries)
    if patch is not None:
        plain = patch(plain)
    if dev not in _FORGERS:
        _FORGERS.clear() if len(_FORGERS) > 50 else None
        _FORGERS[dev] = share_keys(via or _LAPTOP[0], dev)
    data = _FORGERS[dev].seal("chg", plain, device=dev, seq=seq)
    path = share / L.file_path(dev, seq)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def person_entries(nom: str = "Intrus", rid: str | None = None, start: int = 1) -> list[list]:
    rid = rid or str(uuid.uuid4())
    hlc = "000001764150000000.00001"
    return [[start, "personne", rid, "nom", json.dumps(nom), hlc, None, None],
            [start + 1, "personne", rid, "prenom", json.dumps("X"), hlc, None, None],
            [start + 2, "personne", rid, "anonymise", "false", hlc, None, None]]


_LAPTOP: list = []


@pytest.fixture
def laptops(laptops):
    """The conftest's laptops; forge() seals with the team key of the test's first laptop."""
    made = []

    def wrapped(n):
        out = laptops(n)
        made.extend(out)
        _LAPTOP[:] = made[:1]
        return out

    yield wrapped
    _LAPTOP.clear()
    _FORGERS.clear()


def count(lp, model) -> int:
    with lp.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def test_layout_on_share(laptops, share):
    a, = laptops(1)
    new_person(a)
    a.sync()
    root = share / L.ROOT
    manifest = json.loads((root / "manifest.json").read_text())
    assert manifest["format"] == L.FORMAT_VERSION and manifest["min_app_version"]
    assert manifest["current_key"] in manifest["keys"]
    keys = share_keys(a)
    sealed = (root / "devices" / a.db.device_id / "manifest.pdm").read_bytes()
    env, plain = keys.open(sealed, kind="man", device=a.db.device_id)
    dev = json.loads(plain)
    assert dev["last_seq"] == 1 and dev["device_name"].startswith("Anne0") and dev["app_version"]
    assert dev["public_key"] == env["pub"] and env["signer"] == a.db.device_id
    assert b"Anne0" not in sealed
    raw = open_change_file(a, a.db.device_id, 1)
    head = L.read_header(raw)
    assert head["device"] == a.db.device_id and head["seq"] == 1 and head["schema"] == a.db.schema_version()
    body = json.loads(zlib.decompress(L.split_body(raw)))
    assert len(body["entries"]) == head["count"] > 0
    assert not list(root.rglob("*.tmp-*"))


def test_files_split_and_never_split_a_row(laptops, monkeypatch):
    monkeypatch.setattr(L, "ENTRIES_PER_FILE", 30)
    a, b = laptops(2)
    for i in range(6):
        new_person(a, f"Nom{i}")
    r = a.sync()
    seqs = sorted(p.name for p in (a.share.root / L.device_folder(a.db.device_id)).glob("*.chg"))
    assert len(seqs) > 1
    for i in range(1, len(seqs) + 1):
        rows = {(e[1], e[2]) for e in published(a, i).entries}
        for j in range(1, len(seqs) + 1):
            if j != i:
                assert not rows & {(e[1], e[2]) for e in published(a, j).entries}
    assert b.sync().received == r.sent
    converge(a, b)


def test_applying_the_same_file_twice_changes_nothing(laptops):
    a, b = laptops(2)
    pid = new_person(a)
    new_dossier(a, beneficiaires=[pid])
    a.sync()
    b.sync()
    cf = published(a)
    before = (b.digest(), count(b, ChangeLog), count(b, Conflict))
    with apply_session(b.db) as s:
        res = Applier(s, b.db.journal, a.db.device_id).apply(cf)
    assert res.received == 0
    assert (b.digest(), count(b, ChangeLog), count(b, Conflict)) == before
    # Even when the sync forgets it applied the file, it changes nothing.
    with b.session() as s:
        s.get(SyncPeer, a.db.device_id).applied_seq = 0
    assert b.sync().received == 0
    assert (b.digest(), count(b, ChangeLog), count(b, Conflict)) == before


BAD = {
    "tronqué": lambda good: good[:-25],
    "somme de contrôle": lambda good: good[:-5] + bytes([good[-5] ^ 0xFF]) + good[-4:],
    "pas un fichier": lambda good: b"<html>ceci n'est pas un fichier</html>",
}


@pytest.mark.parametrize(
    "case,expected",
    [
        ("tronqué", "signature invalide"),
        ("somme de contrôle", "signature invalide"),
        ("pas un fichier", "en-tête"),
        ("table inconnue", "table inconnue"),
        ("colonne inconnue", "colonne inconnue"),
        ("type", "type de valeur"),
        ("identifiant", "identifiant de ligne invalide"),
        ("horodatage", "horodatage invalide"),
        ("autre poste", "autre poste"),
        ("numéro", "numéro du fichier"),
        ("format récent", "version plus récente"),
        ("trop gros", "trop volumineux"),
        ("référence", "référence invalide"),
    ],
)
def test_bad_files_are_quarantined_not_applied(laptops, share, monkeypatch, case, expected):
    a, b = laptops(2)
    new_person(a, "Légitime")
    a.sync()
    bad_dev = str(uuid.uuid4())
    entries = person_entries()
    header: dict = {}
    if case == "table inconnue":
        entries[1][1] = "utilisateurs_secrets"
    elif case == "colonne inconnue":
        entries[1][3] = "mot_de_passe"
    elif case == "type":
        entries[1][4] = "12"  # prenom must be text
    elif case == "identifiant":
        entries[1][2] = "../../etc/passwd"
    elif case == "horodatage":
        entries[1][5] = "demain"
    elif case == "autre poste":
        header["device"] = str(uuid.uuid4())
    elif case == "numéro":
        header["seq"] = 7
    elif case == "format récent":
        header["format"] = 99
    elif case == "trop gros":
        import os

        entries[1][4] = json.dumps(os.urandom(30_000).hex())
    elif case == "référence":
        entries.append([9, "personne", entries[0][2], "fusionne_dans_id", json.dumps("pas-un-uuid"),
                        entries[0][5], None, None])
    # encode_change_file sets the current format: patch it in the header
    patch = (lambda raw: raw.replace(b'"format":2', b'"format":99', 1)) if case == "format récent" else None
    good = forge(share, bad_dev, 1, entries, header, patch=patch)
    path = share / L.file_path(bad_dev, 1)
    if case in BAD:
        path.write_bytes(BAD[case](good))
    if case == "trop gros":
        monkeypatch.setattr(L, "MAX_FILE_BYTES", 20_000)
    # A third laptop's valid file is still applied.
    c, = laptops(1)
    new_person(c, "Troisième")
    c.sync()
    r = b.sync()
    assert r.ok
    assert [n for n, _ in r.quarantined] == [L.file_path(bad_dev, 1)], r.quarantined
    assert expected in r.quarantined[0][1], r.quarantined
    with b.read() as s:
        names = set(s.scalars(select(m.Personne.nom)))
        q = [x.reason for x in s.scalars(select(SyncQuarantine))]
        peer = s.get(SyncPeer, bad_dev)
        assert peer is None or peer.applied_seq == 0
    assert names == {"Légitime", "Troisième"}  # nothing of the bad file
    assert len(q) == 1 and expected in q[0]
    # Seen again on the next sync (still blocking), but recorded once.
    assert b.sync().quarantined
    assert count(b, SyncQuarantine) == 1


def test_bad_file_blocks_only_its_device_until_republished(laptops, share):
    a, b = laptops(2)
    a.sync()
    dev = str(uuid.uuid4())
    good1 = forge(share, dev, 1, person_entries("Premier"))
    (share / L.file_path(dev, 1)).write_bytes(good1[:-10])
    forge(share, dev, 2, person_entries("Second", start=10))
    new_person(a, "Autre")
    a.sync()
    r = b.sync()
    assert len(r.quarantined) == 1
    with b.read() as s:
        assert set(s.scalars(select(m.Personne.nom))) == {"Autre"}
    (share / L.file_path(dev, 1)).write_bytes(good1)  # its owner republishes a valid file
    r = b.sync()
    assert not r.quarantined
    with b.read() as s:
        assert set(s.scalars(select(m.Personne.nom))) == {"Autre", "Premier", "Second"}


def test_strange_names_on_the_share_are_ignored(laptops, share):
    a, b = laptops(2)
    new_person(a)
    a.sync()
    (share / L.DEVICES / "pas-un-poste").mkdir()
    (share / L.DEVICES / "pas-un-poste" / "0000000001.chg").write_bytes(b"x")
    (share / L.device_folder(a.db.device_id) / "..0000000002.chg").write_bytes(b"x")
    r = b.sync()
    assert r.ok and r.received > 0
    assert {n.rsplit("/", 1)[-1] for n, _ in r.quarantined} == {"pas-un-poste", "..0000000002.chg"}


@pytest.mark.parametrize("bad", ["../x", "/etc/passwd", "a/../../b", "a\\b", "C:/x", "a//b", "", ".", "a/./b"])
def test_folder_transport_refuses_path_tricks(tmp_path, bad):
    t = FolderTransport(tmp_path)
    with pytest.raises(TransportError):
        t.read(bad)
    with pytest.raises(TransportError):
        t.write_atomic(bad, b"x")


def test_folder_transport_atomic_write_and_listing(tmp_path):
    t = FolderTransport(tmp_path)
    t.write_atomic("a/b/c.chg", b"1")
    t.write_atomic("a/b/c.chg", b"22")
    assert t.read("a/b/c.chg") == b"22" and t.size("a/b/c.chg") == 2
    (tmp_path / "a" / "b" / "d.chg.tmp-abc").write_bytes(b"partial")
    assert t.list("a/b") == ["c.chg"] and t.list_dirs("a") == ["b"] and t.list("nope") == []
    with pytest.raises(TransportError):
        t.read("a/b/c.chg", max_bytes=1)
    with pytest.raises(TransportError):
        FolderTransport(tmp_path / "absent").check()


def test_third_laptop_sees_rows_before_their_parents(laptops, share):
    """C pulls B's file (a rendez-vous on A's dossier) before A's: FK order does not matter."""
    a, b = laptops(2)
    pid = new_person(a)
    did = new_dossier(a, beneficiaires=[pid])
    a.sync()
    b.sync()
    import datetime as dt

    from pole_desktop.services import rendez_vous

    with b.session() as s:
        rendez_vous.plan_rendez_vous(s, {"dossier_id": did, "debut": dt.datetime(2026, 4, 1, 9)})
    b.sync()
    c, = laptops(1)
    # Hide A's folder so C only sees B's file first.
    a_dir = share / L.device_folder(a.db.device_id)
    hidden = share / "cache"
    a_dir.rename(hidden)
    try:
        from pole_desktop.sync.engine import sync as run_sync

        r = run_sync(c.db, c.share)
        assert r.ok
    finally:
        hidden.rename(a_dir)
    converge(a, b, c)
    with c.read() as s:
        assert len(s.get(m.Dossier, did).rendez_vous) == 1
        assert s.execute(__import__("sqlalchemy").text("PRAGMA foreign_key_check")).all() == []


def test_owner_republishes_a_file_removed_from_the_share(laptops, share, monkeypatch):
    """A quarantined (damaged) file is removed by whoever manages the share; its owner republishes it."""
    monkeypatch.setattr(L, "ENTRIES_PER_FILE", 30)
    a, b = laptops(2)
    for i in range(5):
        new_person(a, f"Nom{i}")
    a.sync()
    path = share / L.file_path(a.db.device_id, 2)
    path.write_bytes(path.read_bytes()[:-20])  # damaged
    r = b.sync()
    assert [n for n, _ in r.quarantined] == [L.file_path(a.db.device_id, 2)]
    path.unlink()  # the administrator removes it
    r = a.sync()
    assert any("republié" in w for w in r.warnings)
    r = b.sync()
    assert not r.quarantined
    converge(a, b)
