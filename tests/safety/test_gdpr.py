"""GDPR: export of everything about a person, erasure everywhere (local and remote), retention."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select, text

from pole_desktop import clock
from pole_desktop.demo import generate
from pole_desktop.domain import models as m
from pole_desktop.safety import gdpr, retention
from pole_desktop.safety.gdpr_pdf import export_pdf
from pole_desktop.services.validation import ValidationError
from pole_desktop.storage import journal


def find_everywhere(db, needle: str) -> list[tuple[str, str]]:
    """(table, column) of every text cell, in every table (journal, conflicts, drafts, search), holding needle."""
    hits = []
    with db.read() as s:
        conn = s.connection()
        tables = [r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")]
        for t in tables:
            cols = [r[1] for r in conn.exec_driver_sql(f'PRAGMA table_info("{t}")')]
            for c in cols:
                try:
                    n = conn.exec_driver_sql(
                        f'SELECT count(*) FROM "{t}" WHERE CAST("{c}" AS TEXT) LIKE ?', (f"%{needle}%",)).scalar()
                except Exception:
                    continue
                if n:
                    hits.append((t, c))
    return hits


def _busiest_person(s) -> m.Personne:
    counts = {}
    for model in (m.DossierBeneficiaire, m.RendezVousParticipant, m.AtelierInscription, m.StructureRole):
        for pid, n in s.execute(select(model.personne_id, func.count()).group_by(model.personne_id)):
            counts[pid] = counts.get(pid, 0) + n
    best = max(counts, key=lambda k: (counts[k], k))
    return s.get(m.Personne, best)


@dataclass(frozen=True)
class MarkedPerson:
    """A demo person given values no one else holds, so that a search for them proves something."""

    id: str
    nom: str
    prenom: str
    email: str
    telephone: str
    original_nom: str  # the demo surname, which other demo people may share
    namesakes: dict[str, tuple[str, str | None]]  # id → (nom, email) of the others with that surname

    @property
    def needles(self) -> list[str]:
        return [self.nom, self.prenom, self.email, self.telephone, f"{self.prenom} {self.nom}"]


def mark_person(s, pid: str, marker: str) -> MarkedPerson:
    """Give person ``pid`` a unique name, first name, e-mail and phone (journaled, like an advisor's edit)."""
    p = s.get(m.Personne, pid)
    original = p.nom
    namesakes = {o.id: (o.nom, o.email) for o in s.scalars(select(m.Personne).where(
        m.Personne.nom == original, m.Personne.id != pid))}
    p.nom, p.prenom = f"Zorbeline{marker}", f"Ysaure{marker}"
    p.email = f"effacement.{marker.lower()}@exemple-unique.fr"
    p.telephone = "03 80 99 " + marker[-4:-2].rjust(2, "1") + " " + marker[-2:].rjust(2, "7")
    s.flush()
    marked = MarkedPerson(pid, p.nom, p.prenom, p.email, p.telephone, original, namesakes)
    for needle in marked.needles:
        assert s.scalar(select(func.count()).select_from(m.Personne).where(
            (m.Personne.nom == needle) | (m.Personne.prenom == needle) | (m.Personne.email == needle)
            | (m.Personne.telephone == needle))) <= 1
    return marked


def assert_namesakes_untouched(db, marked: MarkedPerson) -> None:
    """The people who shared the erased person's demo surname keep their name and e-mail."""
    with db.read() as s:
        for oid, (nom, email) in marked.namesakes.items():
            o = s.get(m.Personne, oid)
            assert (o.nom, o.email) == (nom, email) and not o.anonymise, oid


def journal_values_of(db, row_id: str, needle: str) -> list[str]:
    """Journal entries of one row whose value still holds ``needle`` (a value only that row had)."""
    with db.read() as s:
        return [r[0] for r in s.execute(text(
            "SELECT col FROM change_log WHERE row_id = :r AND value LIKE :v"), {"r": row_id, "v": f"%{needle}%"})]


@pytest.fixture
def db_with_doc(encrypted_db):
    db = encrypted_db
    with db.session() as s:
        p = _busiest_person(s)
        marked = mark_person(s, p.id, "Q7X3")
        link = s.scalar(select(m.DossierBeneficiaire).where(m.DossierBeneficiaire.personne_id == p.id))
        content = f"Convention signée par {p.prenom} {p.nom}".encode()
        sha = db.blob_store().put(content)
        s.add(m.Document(personne_id=p.id, dossier_id=link.dossier_id, type="convention", titre="Convention",
                         nom_fichier="convention.pdf", sha256=sha, taille=len(content), cree_le=clock.local_now()))
        if not s.scalar(select(m.AtelierInscription.id).where(m.AtelierInscription.personne_id == p.id).limit(1)):
            s.add(m.AtelierInscription(atelier_id=s.scalar(select(m.Atelier.id).limit(1)), personne_id=p.id,
                                       present=True, inscrit_le=dt.date(2026, 1, 5)))
        s.add(m.StructureRole(structure_id=s.scalar(select(m.Structure.id).limit(1)), personne_id=p.id,
                              role="trésorier·e"))
        gdpr.record_consent(s, p.id, dt.date(2026, 1, 5), "suivi du dossier et statistiques anonymes",
                            "formulaire papier signé")
        pid, name = p.id, p.nom
    return db, pid, name, sha, marked


def test_export_contains_every_linked_record(db_with_doc):
    db, pid, name, sha, _marked = db_with_doc
    with db.read() as s:
        data = gdpr.export_person(s, pid)
        expected = gdpr.linked_ids(s, pid)
        n_rdv = s.scalar(select(func.count()).select_from(m.RendezVousParticipant).where(
            m.RendezVousParticipant.personne_id == pid))
    text_json = gdpr.export_json(data)
    parsed = json.loads(text_json)
    assert parsed["personne"]["nom"] == name
    assert parsed["consentement"]["moyen"] == "formulaire papier signé"
    assert len(expected) >= 4
    for rid in expected:
        assert rid in text_json, rid
    assert len(parsed["rendez_vous"]) == n_rdv
    assert parsed["ateliers"] and parsed["structures"] and parsed["documents"]
    assert parsed["documents"][0]["sha256"] == sha
    assert any(d["rendez_vous"] for d in parsed["dossiers"]) or parsed["rendez_vous"]
    assert parsed["historique"] and any(h["quoi"] == "Personne — nom" for h in parsed["historique"])
    # The PDF is readable and complete enough: name, sections, consent, accents.
    pdf = export_pdf(data)
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    content = "\n".join(page.extract_text() for page in reader.pages)
    assert name in content and "Consentement" in content and "formulaire papier signé" in content
    assert "Dossiers d'accompagnement" in content and "Historique des modifications" in content
    fonts = {str(f) for page in reader.pages for f in (page["/Resources"].get("/Font") or {}).values()}
    assert fonts


def test_erasure_leaves_no_trace_locally_and_keeps_statistics(db_with_doc):
    db, pid, name, sha, marked = db_with_doc
    with db.read() as s:
        p = s.get(m.Personne, pid)
        sexe, commune, year = p.sexe, p.commune_insee, p.annee_naissance
        n_dossiers = s.scalar(select(func.count()).select_from(m.Dossier))
    for needle in marked.needles:
        assert find_everywhere(db, needle), needle  # the search can find them before
    assert journal_values_of(db, pid, marked.original_nom)  # the demo surname, in the person's history
    with db.session() as s:
        with pytest.raises(ValidationError):
            gdpr.erase_person(s, pid, "")
    with db.session() as s:
        eff = gdpr.erase_person(s, pid, "demande de la personne", db.blob_store())
        eff_id = eff.id
    for needle in marked.needles:
        assert find_everywhere(db, needle) == [], needle
    assert journal_values_of(db, pid, marked.original_nom) == []  # the old surname is redacted too
    assert_namesakes_untouched(db, marked)
    with db.read() as s:
        p = s.get(m.Personne, pid)
        assert p.nom == gdpr.ERASED_NAME and p.anonymise and p.email is None and p.consentement_date is None
        assert (p.sexe, p.commune_insee) == (sexe, commune)
        assert p.annee_naissance == (year - year % 5 if year else None)
        assert s.scalar(select(func.count()).select_from(m.Dossier)) == n_dossiers  # statistics keep their dossiers
        e = s.get(m.Effacement, eff_id)
        assert e.motif == "demande de la personne" and e.personne_id == pid
        assert s.scalar(select(func.count()).select_from(m.Document).where(m.Document.sha256 == sha)) == 0
    assert not db.blob_store().has(sha)


def test_erasure_arriving_from_another_laptop_is_applied(tmp_path, memory_keyring):
    """Laptop B holds the same data; the Effacement row arrives through the sync hook."""
    from pole_desktop.safety.opening import open_database

    a = open_database(tmp_path / "a", daily_backup=False)
    b = open_database(tmp_path / "b", daily_backup=False)
    try:
        generate(a, "tiny", seed=7)
        generate(b, "tiny", seed=7)
        with a.session() as s:  # the same unique values on both laptops, as if synced before
            marked = mark_person(s, _busiest_person(s).id, "J5D9")
        with b.session() as s:
            assert mark_person(s, marked.id, "J5D9") == marked  # same seed, same ids
        pid, name = marked.id, marked.nom
        assert all(find_everywhere(b, needle) for needle in marked.needles)
        with a.session() as s:
            eff = gdpr.erase_person(s, pid, "demande de la personne")
            row = {c.name: getattr(eff, c.key) for c in m.Effacement.__table__.columns}
        # What the sync does on B: write the remote row with the journal suspended, then the hooks.
        assert gdpr.register_sync_hook() in (True, False)
        with b.session() as s:
            with journal.suspended(s):
                s.add(m.Effacement(**row))
                s.flush()
            gdpr.on_remote_changes(s, [("effacement", row["id"])])
        for needle in marked.needles:
            assert find_everywhere(b, needle) == [], needle
        assert journal_values_of(b, pid, marked.original_nom) == []
        assert_namesakes_untouched(b, marked)
        # A late edit of the erased person from a laptop that had not heard of it is erased again.
        with b.session() as s:
            with journal.suspended(s):
                s.get(m.Personne, pid).nom = name
                s.flush()
            gdpr.on_remote_changes(s, [("personne", pid)])
        with b.read() as s:
            assert s.get(m.Personne, pid).nom == gdpr.ERASED_NAME
        assert find_everywhere(b, name) == []
        assert_namesakes_untouched(b, marked)
    finally:
        a.close()
        b.close()


def _close_old(s, ids, when: dt.date):
    for did in ids:
        d = s.get(m.Dossier, did)
        d.date_cloture = when
        d.etape = "cloture" if "cloture" in d.etape else d.etape
        for r in d.rendez_vous:
            r.debut = dt.datetime.combine(when - dt.timedelta(days=30), dt.time(10))
            r.fin = r.debut + dt.timedelta(hours=1)
        for e in d.historique:
            e.date = min(e.date, when)


def test_retention_purge_touches_only_listed_dossiers(encrypted_db):
    db = encrypted_db
    today = dt.date(2026, 11, 26)
    with db.session() as s:
        ids = sorted(s.scalars(select(m.Dossier.id)))
        old, recent = ids[:3], ids[3:6]
        _close_old(s, old, dt.date(2022, 6, 1))
        _close_old(s, recent, dt.date(2025, 6, 1))
    with db.read() as s:
        items = retention.review_list(s, on=today)
        listed = [i.dossier_id for i in items]
        assert set(old) <= set(listed) and not set(recent) & set(listed)
        assert retention.retention_years(s) == 3
        keep_ids = [i for i in ids if i not in listed]
        before = {i: gdpr.export_json({"d": gdpr._row(s.get(m.Dossier, i))}) for i in keep_ids}
    to_purge = listed[:2]
    with db.session() as s:
        with pytest.raises(ValidationError):
            retention.purge(s, [*to_purge, recent[0]], on=today)  # an unlisted dossier: refused, nothing done
    with db.read() as s:
        assert all(s.get(m.Dossier, i) is not None for i in to_purge)
    with db.session() as s:
        assert retention.purge(s, to_purge, on=today, blobs=db.blob_store()) == 2
    with db.read() as s:
        for i in to_purge:
            assert s.get(m.Dossier, i) is None
            assert not s.scalars(select(m.RendezVous).where(m.RendezVous.dossier_id == i)).all()
            assert not s.scalars(select(m.DossierBeneficiaire).where(m.DossierBeneficiaire.dossier_id == i)).all()
            # journaled: tombstones, and no readable old value of the purged dossier
            rows = s.execute(text("SELECT col, value FROM change_log WHERE row_id = :r"), {"r": i}).all()
            assert ("__deleted__", "true") in rows and all(v is None for c, v in rows if c == "titre")
        for i in keep_ids:
            assert gdpr.export_json({"d": gdpr._row(s.get(m.Dossier, i))}) == before[i]
        assert {i.dossier_id for i in retention.review_list(s, on=today)} == set(listed) - set(to_purge)


def test_retention_anonymise_keeps_statistics(encrypted_db):
    db = encrypted_db
    today = dt.date(2026, 11, 26)
    with db.session() as s:
        did = sorted(s.scalars(select(m.Dossier.id)))[0]
        demo_title = s.get(m.Dossier, did).titre
        same_title = {i: demo_title for i in s.scalars(select(m.Dossier.id).where(
            m.Dossier.titre == demo_title, m.Dossier.id != did))}
        s.get(m.Dossier, did).titre = "Ressourcerie des Hautes-Côtes — dossier unique R9K2"
        _close_old(s, [did], dt.date(2021, 1, 15))
        retention.set_retention_years(s, 4)
    with db.read() as s:
        assert retention.retention_years(s) == 4
        d = s.get(m.Dossier, did)
        stats = (d.dispositif, d.date_ouverture, d.date_cloture, d.commune_insee, d.emplois_crees_etp)
        titre = d.titre
    with db.session() as s:
        assert retention.anonymise(s, [did], on=today) == 1
    with db.read() as s:
        d = s.get(m.Dossier, did)
        assert (d.dispositif, d.date_ouverture, d.date_cloture, d.commune_insee, d.emplois_crees_etp) == stats
        assert d.titre == gdpr.ANON_DOSSIER_TITLE
        assert did not in {i.dossier_id for i in retention.review_list(s, on=today)}
    assert find_everywhere(db, titre) == []
    assert journal_values_of(db, did, demo_title) == []  # its earlier title is not readable either
    with db.read() as s:  # the other dossiers that had the same demo title keep it
        assert {i: s.get(m.Dossier, i).titre for i in same_title} == same_title


def test_document_deleted_by_another_laptop_loses_its_local_file(encrypted_db):
    db = encrypted_db
    store = db.blob_store()
    sha = store.put(b"Convention signee - contenu personnel")
    with db.session() as s:
        doc = m.Document(type="convention", titre="Convention", nom_fichier="c.pdf", sha256=sha, taille=10,
                         cree_le=clock.local_now())
        s.add(doc)
        doc_id = doc.id
    with db.session() as s:  # what the sync does with a remote tombstone
        with journal.suspended(s):
            s.delete(s.get(m.Document, doc_id))
            s.flush()
        gdpr.on_remote_changes(s, [("document", doc_id)])
    assert not store.has(sha)
