"""The sealed share: a copy of the NAS reveals nothing; a new laptop joins with the team phrase;
device files are signed and a forged device folder is quarantined, never applied."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from sqlalchemy import func, select

from pole_desktop.demo import generate
from pole_desktop.domain import models as m
from pole_desktop.domain.local import SyncQuarantine
from pole_desktop.sync import sealing
from pole_desktop.sync import share_layout as L
from pole_desktop.sync.engine import sync
from tests.conftest import TEAM_PHRASE
from tests.sync.helpers import converge, full_survey, new_person, share_keys

ATTACHMENT = "Attestation Pôle emploi de Mme Clémentine Vasseur-Ortega, 14 rue des Tanneries"


def _people(lp) -> int:
    with lp.read() as s:
        return int(s.scalar(select(func.count()).select_from(m.Personne)))


def _personal_strings(lp) -> set[bytes]:
    """Names, first names, e-mails and phones of the demo people, as they could appear in a file."""
    out: set[bytes] = set()
    with lp.read() as s:
        for p in s.scalars(select(m.Personne)):
            for v in (p.nom, p.prenom, p.email, p.telephone, p.notes):
                if v and len(v) >= 5:
                    out.add(v.encode())
                    out.add(json.dumps(v)[1:-1].encode())  # as JSON would escape it
    return out


def test_copy_of_the_share_reveals_nothing_and_the_phrase_bootstraps_everything(laptops, share, monkeypatch):
    a, = laptops(1)
    generate(a.db, "tiny", seed=4)
    data = ATTACHMENT.encode()
    sha = a.db.blob_store().put(data)
    with a.session() as s:
        s.add(m.Document(type="piece_jointe", titre="Attestation", nom_fichier="attestation.pdf", sha256=sha,
                         taille=len(data), cree_le=dt.datetime(2026, 3, 1, 10)))
    r = a.sync()
    assert r.sent > 500 and not r.blob_failures
    secrets_ = _personal_strings(a) | {data, b"Vasseur", b"Tanneries", sha.encode()}
    assert len(secrets_) > 100
    files = [p for p in share.rglob("*") if p.is_file()]
    assert len(files) >= 4
    for p in files:
        raw = p.read_bytes()
        assert p.name == "manifest.json" or raw.startswith(sealing.MAGIC), p
        hits = [x for x in secrets_ if x in raw]
        assert not hits, (p, hits[:3])
    # The clear manifest holds only the wrapped key and no personal data.
    manifest = json.loads((share / L.SHARE_MANIFEST).read_text())
    assert set(manifest) >= {"share_id", "keys", "current_key", "min_app_version"}
    assert "Anne0" not in json.dumps(manifest)

    # A new laptop without the phrase: a French request, nothing applied.
    monkeypatch.delenv(sealing.PHRASE_ENV)
    c, = laptops(1)
    r = sync(c.db, c.share)
    assert not r.ok and r.needs_team_phrase == "saisir" and "phrase d'équipe" in r.error
    assert _people(c) == 0
    r = sync(c.db, c.share, team_phrase="une autre phrase bien longue")
    assert not r.ok and r.needs_team_phrase == "saisir" and "ne correspond pas" in r.error
    assert _people(c) == 0
    # With the phrase, typed once: everything, attachments included; afterwards the keyring serves.
    r = sync(c.db, c.share, team_phrase=TEAM_PHRASE)
    assert r.ok, r.error
    assert c.db.blob_store().get(sha) == data
    assert data not in (c.db.data_dir.blobs / sha[:2] / sha).read_bytes()
    r = sync(c.db, c.share)
    assert r.ok, r.error
    assert sealing.stored_keys(c.db, manifest["share_id"])  # kept in the (test) OS keyring
    monkeypatch.setenv(sealing.PHRASE_ENV, TEAM_PHRASE)
    converge(a, c)


def test_a_new_share_asks_for_a_team_phrase_to_choose(laptops, monkeypatch):
    monkeypatch.delenv(sealing.PHRASE_ENV)
    a, = laptops(1)
    new_person(a)
    r = sync(a.db, a.share)
    assert not r.ok and r.needs_team_phrase == "choisir"
    assert not (a.share.root / L.ROOT).exists()
    r = sync(a.db, a.share, team_phrase="court")
    assert not r.ok and "au moins" in r.error
    assert sync(a.db, a.share, team_phrase="Une phrase d'équipe solide 2026").ok


def test_team_key_without_a_keyring_stays_in_the_encrypted_database(laptops, monkeypatch):
    import keyring
    from keyring.backends import fail

    a, b = laptops(2)
    new_person(a, "Sansclef")
    a.sync()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.delenv(sealing.PHRASE_ENV)
    assert sync(b.db, b.share, team_phrase=TEAM_PHRASE).ok
    assert b.db.state(sealing.LOCAL_TEAM_KEYS)
    assert sync(b.db, b.share).ok  # no phrase needed any more


# --------------------------------------------------------------------------- signatures


def _person_file(dev: str, seq: int, nom: str, rid: str | None = None, *, start: int = 1) -> bytes:
    rid = rid or str(uuid.uuid4())
    hlc = "000001764150000000.00001"
    entries = [[start, "personne", rid, "nom", json.dumps(nom), hlc, None, None],
               [start + 1, "personne", rid, "prenom", json.dumps("X"), hlc, None, None],
               [start + 2, "personne", rid, "anonymise", "false", hlc, None, None]]
    head = {"schema": "x", "app": "0.1.0", "device": dev, "seq": seq, "first": start, "last": start + 2,
            "deps": {}, "written_hlc": hlc}
    return L.encode_change_file(head, entries)


def _put(share, dev: str, seq: int, data: bytes) -> None:
    path = share / L.file_path(dev, seq)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _names(lp) -> set[str]:
    with lp.read() as s:
        return set(s.scalars(select(m.Personne.nom)))


@pytest.mark.parametrize("case,reason", [
    ("non signé", "non signé"),
    ("clé d'un autre", "autre clé"),
    ("signé par un autre poste", "autre poste"),
    ("hors équipe (en clair)", "pas un fichier scellé"),
    ("hors équipe (autre clé d'équipe)", "clé d'équipe"),
])
def test_forged_device_folder_is_quarantined_and_the_others_still_applied(laptops, share, case, reason):
    a, b, c = laptops(3)
    pid = new_person(a, "Dupont", telephone="03 80 00 00 01")
    a.sync()
    b.sync()
    new_person(c, "Troisième")
    c.sync()
    keys = share_keys(a)
    victim = a.db.device_id  # the forger writes the next file of A's folder (or a folder of its own)
    plain = _person_file(victim, 2, "Faussaire", pid, start=10_000)
    if case == "non signé":
        data = keys.seal("chg", plain, device=victim, seq=2, sign=False)
    elif case == "clé d'un autre":
        data = share_keys(a, victim).seal("chg", plain, device=victim, seq=2)
    elif case == "signé par un autre poste":
        data = share_keys(a, str(uuid.uuid4())).seal("chg", plain, device=victim, seq=2)
    elif case == "hors équipe (en clair)":
        data = plain
    else:
        other = sealing.ShareKeys(share_id=keys.share_id, keys={"0123456789abcdef": bytes(32)},
                                  current="0123456789abcdef", signer=keys.signer, me=victim, pub=keys.pub)
        data = other.seal("chg", plain, device=victim, seq=2)
    _put(share, victim, 2, data)
    r = b.sync()  # A's head still says n° 1: the forged n° 2 is not even read
    assert r.ok and not r.quarantined and "Faussaire" not in _names(b)
    full_survey(b)  # every folder listed (at least every few hours): found, and refused
    r = b.sync()
    assert r.ok, r.error
    assert [n for n, _ in r.quarantined] == [L.file_path(victim, 2)], r.quarantined
    assert reason in r.quarantined[0][1]
    assert "Faussaire" not in _names(b) and {"Dupont", "Troisième"} <= _names(b)
    with b.read() as s:
        assert s.get(m.Personne, pid).telephone == "03 80 00 00 01"
        assert s.scalar(select(func.count()).select_from(SyncQuarantine)) == 1
    assert "mis à l'écart" in r.summary_fr()


def test_first_file_pins_the_key_then_a_new_key_is_refused(laptops, share):
    a, b = laptops(2)
    a.sync()
    dev = str(uuid.uuid4())
    k1 = share_keys(a, dev)
    _put(share, dev, 1, k1.seal("chg", _person_file(dev, 1, "Premier"), device=dev, seq=1))
    assert b.sync().ok
    assert "Premier" in _names(b)
    assert sealing.pins(b.db)[dev] == k1.pub
    k2 = share_keys(a, dev)  # same device id, another key: refused
    _put(share, dev, 2, k2.seal("chg", _person_file(dev, 2, "Second", start=10), device=dev, seq=2))
    r = b.sync()
    assert any("autre clé" in reason for _, reason in r.quarantined) and "Second" not in _names(b)


def test_a_file_forged_in_the_receivers_own_folder_is_never_applied_as_its_own(laptops, share):
    a, b = laptops(2)
    new_person(a, "Alpha")
    a.sync()
    new_person(b, "Beta")
    b.sync()
    a.sync()
    me = b.db.device_id
    forged = share_keys(a, me).seal("chg", _person_file(me, 2, "Usurpateur", start=50_000), device=me, seq=2)
    _put(share, me, 2, forged)
    full_survey(a)
    r = a.sync()  # the others refuse it: B's pinned key did not sign it
    assert any("autre clé" in reason for _, reason in r.quarantined)
    assert "Usurpateur" not in _names(a)
    new_person(b, "Gamma")
    r = b.sync()  # B reports it and publishes its own file n° 2 over it
    assert any("étranger" in reason for _, reason in r.quarantined)
    assert "Usurpateur" not in _names(b)
    r = a.sync()
    assert not r.quarantined
    assert _names(a) == {"Alpha", "Beta", "Gamma"}
    converge(a, b)


def test_erased_persons_file_is_erased_from_the_share_and_from_the_other_laptop(laptops, share):
    from pole_desktop.safety import gdpr

    a, b = laptops(2)
    pid = new_person(a, "Vasseur-Ortega")
    data = ATTACHMENT.encode()
    sha = a.db.blob_store().put(data)
    with a.session() as s:
        s.add(m.Document(type="piece_jointe", titre="Attestation", nom_fichier="attestation.pdf", sha256=sha,
                         personne_id=pid, taille=len(data), cree_le=dt.datetime(2026, 3, 1, 10)))
    a.sync()
    b.sync()
    assert b.db.blob_store().get(sha) == data
    keys = share_keys(a)
    on_share = share / L.blob_path(keys.blob_name(sha))
    assert keys.open(on_share.read_bytes(), kind="blob", signed=False)[1] == data
    with a.session() as s:
        gdpr.erase_person(s, pid, "demande de la personne", a.db.blob_store())
    assert not a.db.blob_store().has(sha)
    a.sync()
    assert keys.open(on_share.read_bytes(), kind="blob", signed=False)[1] == b""  # erased on the share
    r = b.sync()
    assert r.ok and not r.quarantined
    assert not b.db.blob_store().has(sha)
    c, = laptops(1)
    r = c.sync()
    assert r.ok and not r.quarantined and not r.blob_failures
    assert not c.db.blob_store().has(sha)
    converge(a, b, c)


def test_new_phrase_and_key_rotation_exclude_a_laptop_that_only_knows_the_old_phrase(laptops, share,
                                                                                     monkeypatch):
    a, b, lost = laptops(3)
    new_person(a, "Avant")
    data = b"compte rendu d'avant la rotation"
    sha = a.db.blob_store().put(data)
    with a.session() as s:
        s.add(m.Document(type="piece_jointe", titre="CR", nom_fichier="cr.pdf", sha256=sha, taille=len(data),
                         cree_le=dt.datetime(2026, 3, 1, 10)))
    converge(a, b, lost)
    monkeypatch.delenv(sealing.PHRASE_ENV)
    new_phrase = "Nouvelle phrase du siège, janvier 2027"
    with pytest.raises(ValueError):
        sealing.change_team_phrase(a.db, a.share, "trop court")
    old_kid = json.loads((share / L.SHARE_MANIFEST).read_text())["current_key"]
    kid = sealing.change_team_phrase(a.db, a.share, new_phrase, rotate=True)
    assert kid != old_kid
    new_person(a, "Apres")
    assert sync(a.db, a.share).ok  # A holds the new key
    raw = (share / L.file_path(a.db.device_id, 2)).read_bytes()
    assert sealing.parse_envelope(raw)[0]["kid"] == kid
    # The lost laptop (old phrase only) reads nothing new and is asked for the new phrase.
    r = sync(lost.db, lost.share)
    assert not r.ok and "a changé" in r.error
    r = sync(lost.db, lost.share, team_phrase=TEAM_PHRASE)
    assert not r.ok and "ne correspond pas" in r.error
    assert "Apres" not in {n for n in _names(lost)}
    # B types the new phrase once; a new laptop joining with it reads old and new files and blobs.
    assert sync(b.db, b.share, team_phrase=new_phrase).ok
    assert "Apres" in _names(b)
    c, = laptops(1)
    r = sync(c.db, c.share, team_phrase=new_phrase)
    assert r.ok and not r.quarantined and not r.blob_failures, (r.error, r.quarantined, r.blob_failures)
    assert {"Avant", "Apres"} <= _names(c) and c.db.blob_store().get(sha) == data
    converge(a, b, c)
