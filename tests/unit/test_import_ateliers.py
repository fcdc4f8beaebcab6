"""Atelier attendance: rows grouped into ateliers, people found or created, presence, duplicates, undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from pole_desktop.domain import models as m
from pole_desktop.importing import apply, mapping, plan, readers
from pole_desktop.services import ateliers, personnes
from tests.unit.import_samples import write_csv

HEADERS = ["Atelier", "Date", "Heure", "Lieu", "Nom et prénom", "Courriel", "Présence"]


def test_attendance_sheet(db, tmp_path: Path) -> None:  # noqa: ANN001
    with db.session() as s:
        luc = personnes.save_personne(s, {"nom": "Durand", "prenom": "Luc", "email": "luc@exemple.fr"})
        at = ateliers.save_atelier(s, {"titre": "Créer son association", "debut": "2019-03-12T14:00"})
        ins = ateliers.register(s, at.id, luc.id)
    rows = [
        ["Créer son association", "12/03/2019", "14h", "Dijon", "DURAND Luc", "", "oui"],  # existing registration
        ["Créer son association", "12/03/2019", "14h", "Dijon", "ROUX Anne", "anne@exemple.fr", "absente"],
        ["Financer son projet", "02/04/2019", "9h30", "Beaune", "ROUX Anne", "", "présente"],
        ["Financer son projet", "02/04/2019", "9h30", "Beaune", "Roux Anne", "", "oui"],  # twice in the sheet
        ["Financer son projet", "", "", "", "PETIT Jean", "", "peut-être"],
    ]
    src = readers.open_source(write_csv(tmp_path / "emargement.csv", rows, headers=HEADERS))
    mp = mapping.auto_mapping("ateliers", src.headers)
    assert mp.columns == {"Atelier": "titre", "Date": "date", "Heure": "heure", "Lieu": "lieu",
                          "Nom et prénom": "participant", "Courriel": "email", "Présence": "present"}
    with db.read() as s:
        dry = plan.dry_run(s, src, mp)
    assert (dry.created, dry.updated, dry.skipped, dry.rejected) == (2, 1, 1, 1)
    assert {p.column for p in dry.problems} == {"Date", "Présence"}
    res = apply.apply_import(db, src, mp)
    assert res.dry.linked == {"personnes": 1, "ateliers": 1}
    with db.read() as s:
        assert s.get(m.AtelierInscription, ins.id).present is True
        fin = s.scalars(select(m.Atelier).where(m.Atelier.titre == "Financer son projet")).one()
        assert fin.debut == dt.datetime(2019, 4, 2, 9, 30) and fin.lieu == "Beaune"
        anne = s.scalars(select(m.Personne).where(m.Personne.email == "anne@exemple.fr")).one()
        assert {(i.atelier_id, i.present) for i in s.scalars(select(m.AtelierInscription).where(
            m.AtelierInscription.personne_id == anne.id))} == {(at.id, False), (fin.id, True)}
    apply.undo_import(db, res.batch_id)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.Atelier)) == 1
        assert s.scalar(select(func.count()).select_from(m.AtelierInscription)) == 1
        assert s.get(m.AtelierInscription, ins.id).present is None
        assert s.scalar(select(func.count()).select_from(m.Personne)) == 1
