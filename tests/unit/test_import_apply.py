"""Applying an import as one journaled batch, the rejected-rows report, undo and re-import."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pole_desktop.domain import models as m
from pole_desktop.domain.imports import ImportLigne, ImportLot
from pole_desktop.domain.local import ChangeLog
from pole_desktop.importing import apply, mapping, plan, readers
from pole_desktop.services import dossiers, info, personnes
from tests.unit.import_samples import ROWS, people_rows, write_csv


def run(db, path: Path, decisions=None, **kw):  # noqa: ANN001, ANN201
    src = readers.open_source(path)
    return apply.apply_import(db, src, mapping.auto_mapping("personnes", src.headers), decisions, **kw)


def count(db, model) -> int:  # noqa: ANN001
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_import_is_one_recorded_journaled_batch(db, tmp_path: Path) -> None:  # noqa: ANN001
    path = write_csv(tmp_path / "anciens.csv", ROWS)
    journal_before = count(db, ChangeLog)
    res = run(db, path)
    assert res.counts()["created"] == 3 and res.report_path is None
    with db.read() as s:
        lot = s.get(ImportLot, res.batch_id)
        people = list(s.scalars(select(m.Personne).order_by(m.Personne.nom)))
        lines = list(s.scalars(select(ImportLigne).where(ImportLigne.lot_id == lot.id)))
        hlcs = {h for (h,) in s.execute(select(ChangeLog.hlc).where(ChangeLog.tbl == "personne"))}
    assert lot.fichier == "anciens.csv" and lot.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert lot.type == "personnes" and lot.nb_crees == 3 and lot.nb_rejetes == 0
    assert lot.auteur_id == db.current_user_id()
    assert json.loads(lot.correspondance)["colonnes"]["NOM Prénom"] == "nom_complet"
    assert {p.nom for p in people} == {"LEFÈVRE-DUPONT", "MARTIN", "BERNARD"}
    helene = next(p for p in people if p.nom == "LEFÈVRE-DUPONT")
    assert (helene.prenom, helene.annee_naissance, helene.commune_insee, helene.situation, helene.sexe) == (
        "Hélène", 1980, "21231", "demandeur_emploi", None)
    assert helene.notes == "Projet d'épicerie ;\nligne 2" and helene.cree_le is not None
    assert sorted(ln.row_id for ln in lines) == sorted(p.id for p in people)
    assert len(hlcs) == 1  # the people were journaled together
    assert count(db, ChangeLog) > journal_before
    with db.read() as s:  # and they are found by the search as anyone else
        from pole_desktop.storage.search import search_ids
        assert search_ids(s, "helene lefevre", "personne") == [helene.id]


def test_rejected_rows_report_beside_the_original(db, tmp_path: Path) -> None:  # noqa: ANN001
    rows = people_rows(40, invalid_every=20)
    rows[5][3] = "31/02/1980"
    path = write_csv(tmp_path / "export.csv", rows)
    res = run(db, path)
    assert res.counts()["rejected"] == 3 and res.counts()["created"] == 37
    report = res.report_path
    assert report.parent == tmp_path and report.name.startswith("export-rejets-")
    with report.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f, delimiter=";"))
    assert lines[0][:5] == ["Ligne", "Colonne", "Valeur", "Problème", "NOM Prénom"]
    assert [(ln[0], ln[1], ln[2]) for ln in lines[1:]] == [
        ("7", "Date de naissance", "31/02/1980"), ("21", "Tél.", "12-34"), ("41", "Tél.", "12-34")]
    assert lines[2][4] == "NOM000019 Prénom19"  # the row's own cells follow, to fix and import again


def test_undo_removes_created_restores_updated_then_reimport(db, tmp_path: Path) -> None:  # noqa: ANN001
    with db.session() as s:
        elodie = personnes.save_personne(s, {"nom": "Martin", "prenom": "Élodie", "email": "elodie.martin@exemple.fr"})
    digest_before = info.info(db)["digest"]
    path = write_csv(tmp_path / "p.csv", ROWS)
    res = run(db, path)
    assert (res.dry.created, res.dry.updated) == (2, 1)
    with db.read() as s:
        assert s.get(m.Personne, elodie.id).annee_naissance == 1985
    undone = apply.undo_import(db, res.batch_id)
    assert (undone.deleted, undone.restored, undone.kept) == (2, 1, [])
    with db.read() as s:
        assert s.get(m.Personne, elodie.id).annee_naissance is None
        assert s.scalar(select(func.count()).select_from(m.Personne)) == 1
        assert s.get(ImportLot, res.batch_id).annule_le is not None
    # Every row and field is as before, except the batch record itself (which says it was undone).
    assert info.info(db)["digest"] != digest_before
    with pytest.raises(apply.UndoError, match="déjà été annulé"):
        apply.undo_import(db, res.batch_id)
    again = run(db, path)
    assert (again.dry.created, again.dry.updated) == (2, 1)
    assert count(db, m.Personne) == 3


def test_undo_keeps_what_was_used_or_edited_since(db, tmp_path: Path) -> None:  # noqa: ANN001
    with db.session() as s:
        elodie = personnes.save_personne(s, {"nom": "Martin", "prenom": "Élodie", "email": "elodie.martin@exemple.fr"})
    res = run(db, write_csv(tmp_path / "p.csv", ROWS))
    with db.session() as s:
        helene = s.scalars(select(m.Personne).where(m.Personne.prenom == "Hélène")).one()
        dossiers.create_dossier(s, {"dispositif": "crdva", "titre": "Épicerie", "beneficiaires": [helene.id]})
        personnes.save_personne(s, {"annee_naissance": "1986"}, elodie.id)  # edited again since the import
    undone = apply.undo_import(db, res.batch_id)
    assert undone.deleted == 1
    assert any("LEFÈVRE-DUPONT Hélène" in k and "conservé" in k for k in undone.kept)
    assert any("année de naissance modifié(s) depuis l'import" in k for k in undone.kept)
    with db.read() as s:
        assert s.get(m.Personne, helene.id) is not None
        e = s.get(m.Personne, elodie.id)
        assert e.annee_naissance == 1986 and e.telephone is None and e.commune_insee is None


def test_cancel_writes_nothing(db, tmp_path: Path) -> None:  # noqa: ANN001
    digest = info.info(db)["digest"]
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return True

    with pytest.raises(plan.ImportCancelled):
        run(db, write_csv(tmp_path / "p.csv", people_rows(500)), cancel=cancel)
    assert calls and info.info(db)["digest"] == digest
    assert count(db, ImportLot) == 0


def test_erasure_clears_what_an_import_remembered_of_the_person(db, tmp_path: Path) -> None:  # noqa: ANN001
    from pole_desktop.safety import gdpr

    with db.session() as s:
        elodie = personnes.save_personne(s, {"nom": "Martin", "prenom": "Élodie", "email": "elodie.martin@exemple.fr",
                                             "telephone": "06 99 99 99 99"})
    res = run(db, write_csv(tmp_path / "p.csv", ROWS))
    with db.read() as s:
        line = s.scalars(select(ImportLigne).where(ImportLigne.row_id == elodie.id)).one()
        assert "06 99 99 99 99" in (line.anciennes_valeurs or "") or "1985" in (line.nouvelles_valeurs or "")
    with db.session() as s:
        gdpr.erase_person(s, elodie.id, "demande de la personne")
    with db.read() as s:
        line = s.get(ImportLigne, line.id)
        assert (line.anciennes_valeurs, line.nouvelles_valeurs) == (None, None)
        old = [v for (v,) in s.execute(select(ChangeLog.value).where(ChangeLog.row_id == line.id))]
    assert not any("elodie" in (v or "").lower() or "1985" in (v or "") for v in old)  # redacted in the journal
    undone = apply.undo_import(db, res.batch_id)  # the undo then leaves the erased person alone
    with db.read() as s:
        assert s.get(m.Personne, elodie.id).anonymise
    assert undone.deleted == 2
