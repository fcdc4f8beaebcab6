"""Hostile share content (written by a laptop of the team, so sealed and signed) never bricks or empties
a laptop: each item is quarantined with a French reason, stops only its own laptop's stream, and the
next sync still works; a batch that would delete much of what a laptop holds stops and asks."""

from __future__ import annotations

import hashlib
import json
import os
import uuid
import zlib

import pytest
from sqlalchemy import func, select

from pole_desktop.domain import models as m
from pole_desktop.safety.opening import open_database
from pole_desktop.storage.journal import TOMBSTONE
from pole_desktop.sync import share_layout as L
from pole_desktop.sync.engine import sync
from pole_desktop.sync.folder import FolderTransport
from pole_desktop.sync.transport import TransportError
from tests.sync.helpers import full_survey, new_person, share_keys

HLC = "000001764150000000.00001"


def entries_for(rid: str, **cols: str) -> list[list]:
    out = [[1, "personne", rid, "nom", json.dumps("Intrus"), HLC, None, None],
           [2, "personne", rid, "prenom", json.dumps("X"), HLC, None, None],
           [3, "personne", rid, "anonymise", "false", HLC, None, None]]
    for i, (col, value) in enumerate(cols.items(), 4):
        out.append([i, "personne", rid, col, value, HLC, None, None])
    return out


def header(dev: str, seq: int, entries: list[list]) -> dict:
    return {"schema": "x", "app": "0.1.0", "device": dev, "seq": seq, "first": entries[0][0],
            "last": entries[-1][0], "deps": {}, "written_hlc": HLC}


def raw_change_file(head: dict, body: bytes, head_text: bytes | None = None) -> bytes:
    packed = zlib.compress(body)
    head = dict(head, format=L.FORMAT_VERSION, count=1, body_sha256=hashlib.sha256(packed).hexdigest(),
                body_size=len(body))
    return L.MAGIC + (head_text or json.dumps(head).encode()) + b"\n" + packed


class Flaky(FolderTransport):
    """A folder share where one file or folder cannot be read (permission denied, bad sector…)."""

    def __init__(self, root, bad: str) -> None:  # noqa: ANN001
        super().__init__(root)
        self.bad = bad

    def read(self, path: str, max_bytes: int | None = None) -> bytes:
        if path == self.bad:
            raise TransportError(f"Lecture du partage impossible : Permission non accordée (« {path} »).")
        return super().read(path, max_bytes)

    def size(self, path: str) -> int:
        if path == self.bad:
            raise TransportError(f"Lecture du partage impossible : Permission non accordée (« {path} »).")
        return super().size(path)

    def list(self, folder: str) -> list[str]:
        if folder == self.bad:
            raise TransportError(f"Lecture du partage impossible : Permission non accordée (« {folder} »).")
        return super().list(folder)


CASES = [
    # (case, expected words of the French reason)
    ("HLC maximal", "horodatage invalide"),
    ("HLC de base maximal", "horodatage de base invalide"),
    ("numéro local 10^12", "numéro d'ordre invalide"),
    ("JSON profond (corps)", "contenu illisible"),
    ("JSON profond (en-tête)", "en-tête illisible"),
    ("JSON profond (valeur)", "type de valeur incorrect"),
    ("valeur imbriquée à 40 niveaux", "structure trop profonde"),
    ("entier 2^70", "entier hors limites"),
    ("NaN", "valeur non numérique"),
    ("Infinity dans un nombre décimal", "valeur non numérique"),
    ("caractère de contrôle", "caractère de contrôle"),
    ("surrogate isolé", "caractère de contrôle ou invalide"),
    ("nom de dossier non UTF-8", "nom de dossier de poste invalide"),
    ("nom de fichier non UTF-8", "nom de fichier inattendu"),
    ("fichier illisible", "illisible sur le partage"),
    ("dossier illisible", "illisible sur le partage"),
    ("pièce jointe trop grosse", "pièce jointe illisible"),
    ("en-tête d'enveloppe profond", "en-tête illisible"),
    ("fiche de poste falsifiée", "autre clé"),
]


@pytest.mark.parametrize("case,expected", CASES, ids=[c for c, _ in CASES])
def test_hostile_item_is_quarantined_and_only_its_stream_stops(laptops, share, monkeypatch, case, expected):
    a, b = laptops(2)
    new_person(a, "Légitime")
    a.sync()
    b.sync()
    keys = share_keys(a)
    bad = str(uuid.uuid4())
    forger = share_keys(a, bad)
    rid = str(uuid.uuid4())
    seq = 1
    plain: bytes | None = None
    item = L.file_path(bad, 1)
    if case == "HLC maximal":
        e = entries_for(rid)
        e[0][5] = "999999999999999999.99999"
    elif case == "HLC de base maximal":
        e = entries_for(rid)
        e[0][6] = "999999999999999999.99999"
    elif case == "numéro local 10^12":
        e = entries_for(rid)
        e[-1][0] = 10**12
    elif case == "JSON profond (corps)":
        e = entries_for(rid)
        plain = raw_change_file(header(bad, 1, e), b'{"entries":' + b"[" * 200_000 + b"]" * 200_000 + b"}")
    elif case == "JSON profond (en-tête)":
        e = entries_for(rid)
        plain = raw_change_file(header(bad, 1, e), b'{"entries":[]}', head_text=b"[" * 200_000 + b"]" * 200_000)
    elif case == "JSON profond (valeur)":
        e = entries_for(rid, notes="[" * 100_000 + "]" * 100_000)
    elif case == "valeur imbriquée à 40 niveaux":
        e = entries_for(rid, notes="[" * 40 + "]" * 40)
    elif case == "entier 2^70":
        e = entries_for(rid, annee_naissance=str(2**70))
    elif case == "NaN":
        e = entries_for(rid, annee_naissance="NaN")
    elif case == "Infinity dans un nombre décimal":
        sid = str(uuid.uuid4())
        e = [[1, "structure", sid, "etp", "Infinity", HLC, None, None]]
    elif case == "caractère de contrôle":
        e = entries_for(rid, notes=json.dumps("appeler\x01 demain"))
    elif case == "surrogate isolé":
        e = entries_for(rid, notes='"Dupont \\u0007\\ud800"')
    else:
        e = entries_for(rid)
    if plain is None:
        plain = L.encode_change_file(header(bad, seq, e), e)
    target = share / L.file_path(bad, seq)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(forger.seal("chg", plain, device=bad, seq=seq))

    if case == "nom de dossier non UTF-8":
        os.mkdir(os.fsencode(share / L.DEVICES) + b"/\xff\xfe-poste")
        target.unlink()
        item = None
    elif case == "nom de fichier non UTF-8":
        folder = os.fsencode(share / L.device_folder(a.db.device_id))
        with open(folder + b"/0000000009\xff.chg", "wb") as f:
            f.write(b"x")
        target.unlink()
        item = None
    elif case == "fichier illisible":
        b.share = Flaky(share, L.file_path(bad, 1))
    elif case == "dossier illisible":
        b.share = Flaky(share, L.device_folder(bad))
        item = L.device_folder(bad)
    elif case == "pièce jointe trop grosse":
        target.unlink()
        data = os.urandom(5000)
        sha = a.db.blob_store().put(data)
        import datetime as dt

        with a.session() as s:
            s.add(m.Document(type="piece_jointe", titre="Gros", nom_fichier="gros.bin", sha256=sha,
                             taille=len(data), cree_le=dt.datetime(2026, 3, 1, 10)))
        a.sync()
        monkeypatch.setattr(L, "MAX_BLOB_BYTES", 1000)
        item = L.blob_path(keys.blob_name(sha))
    elif case == "en-tête d'enveloppe profond":
        target.write_bytes(b"PDSEAL2\n" + b"[" * 3000 + b"]" * 1000 + b"\n" + b"x" * 100)
    elif case == "fiche de poste falsifiée":
        target.unlink()
        man = share / L.device_manifest(a.db.device_id)
        forged = share_keys(a, a.db.device_id).seal("man", L.dump_json({"device_name": "Usurpateur"}),
                                                      device=a.db.device_id)
        man.write_bytes(forged)  # a team member rewrites A's registry entry with its own key
        item = L.device_manifest(a.db.device_id)

    c, = laptops(1)  # another laptop's genuine work still arrives
    new_person(c, "Troisième")
    c.sync()
    full_survey(b)  # junk planted beside a laptop's files, without its head: seen by a full survey
    r = b.sync()
    assert r.ok, r.error
    if item is not None:
        assert item in [n for n, _ in r.quarantined], r.quarantined
    reasons = " | ".join(reason for _, reason in r.quarantined) + " " + " ".join(n for n, _ in r.quarantined)
    assert expected in reasons, r.quarantined
    with b.read() as s:
        names = set(s.scalars(select(m.Personne.nom)))
        assert s.scalar(select(func.count()).select_from(m.Structure)) == 0
    assert names == {"Légitime", "Troisième"}
    # The next sync works, and the database opens again (its clock and values are sane).
    new_person(a, "Suivant")
    a.sync()
    assert b.sync().ok
    b.db.close()
    b.db = open_database(b.db.data_dir.root, daily_backup=False)
    assert b.sync().ok
    with b.read() as s:
        assert "Suivant" in set(s.scalars(select(m.Personne.nom)))


def test_symlinked_device_folder_is_not_followed(laptops, share, tmp_path):
    a, b = laptops(2)
    new_person(a, "Légitime")
    a.sync()
    elsewhere = tmp_path / "ailleurs"
    bad = str(uuid.uuid4())
    e = entries_for(str(uuid.uuid4()))
    (elsewhere / bad).mkdir(parents=True)
    (elsewhere / bad / L.file_name(1)).write_bytes(
        share_keys(a, bad).seal("chg", L.encode_change_file(header(bad, 1, e), e), device=bad, seq=1))
    os.symlink(elsewhere / bad, share / L.device_folder(bad))
    r = b.sync()
    assert r.ok
    with b.read() as s:
        assert set(s.scalars(select(m.Personne.nom))) == {"Légitime"}


def test_a_batch_deleting_most_of_a_laptop_stops_and_asks_after_a_backup(laptops, share):
    a, b = laptops(2)
    ids = [new_person(a, f"Personne{i}") for i in range(40)]
    a.sync()
    b.sync()
    bad = str(uuid.uuid4())
    later = a.db.journal.clock.tick()
    e = [[i, "personne", pid, TOMBSTONE, "true", later, None, None] for i, pid in enumerate(ids, 1)]
    path = share / L.file_path(bad, 1)
    path.parent.mkdir(parents=True)
    path.write_bytes(share_keys(a, bad).seal("chg", L.encode_change_file(header(bad, 1, e), e), device=bad, seq=1))
    backups = set(b.db.data_dir.backups.glob("*avant-synchro*"))
    r = b.sync()
    assert r.ok and r.needs_confirmation
    assert any("supprimerait" in w and "sauvegarde" in w for w in r.warnings), r.warnings
    assert "Synchronisation incomplète" in r.summary_fr()
    assert set(b.db.data_dir.backups.glob("*avant-synchro*")) - backups  # backup first
    with b.read() as s:
        assert s.scalar(select(func.count()).select_from(m.Personne)) == 40
    assert b.sync().needs_confirmation  # asked again until confirmed
    r = sync(b.db, b.share, allow_mass_changes=True)
    assert r.ok and not r.needs_confirmation
    with b.read() as s:
        assert s.scalar(select(func.count()).select_from(m.Personne)) == 0


def test_without_a_backup_handler_a_suspicious_batch_is_not_applied(laptops, share, monkeypatch):
    """The sync backs up through ``sync.hooks.backup`` (registered by ``safety.opening``): with no handler it
    stops before the batch rather than apply it unsaved."""
    from pole_desktop.sync import hooks

    a, b = laptops(2)
    ids = [new_person(a, f"Personne{i}") for i in range(40)]
    a.sync()
    b.sync()
    bad = str(uuid.uuid4())
    later = a.db.journal.clock.tick()
    e = [[i, "personne", pid, TOMBSTONE, "true", later, None, None] for i, pid in enumerate(ids, 1)]
    path = share / L.file_path(bad, 1)
    path.parent.mkdir(parents=True)
    path.write_bytes(share_keys(a, bad).seal("chg", L.encode_change_file(header(bad, 1, e), e), device=bad, seq=1))
    monkeypatch.setattr(hooks, "backup", [])
    r = sync(b.db, b.share)
    assert not r.ok and "Aucune sauvegarde de sécurité" in (r.error or ""), r.error
    assert not list(b.db.data_dir.backups.glob("*avant-synchro*"))
    with b.read() as s:
        assert s.scalar(select(func.count()).select_from(m.Personne)) == 40
    monkeypatch.undo()
    r = sync(b.db, b.share)  # the handler back: a backup, then the usual question
    assert r.ok and r.needs_confirmation, r.error
    assert list(b.db.data_dir.backups.glob("*avant-synchro*"))
