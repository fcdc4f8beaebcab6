"""Rendez-vous history: attached by dossier reference (old or new) or by the beneficiary's only
dossier; times in French spellings; duplicates by dossier + start; undo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pole_desktop.domain import models as m
from pole_desktop.importing import apply, mapping, plan, readers
from pole_desktop.importing import rendez_vous as rdv
from pole_desktop.services import dossiers, personnes
from tests.unit.import_samples import write_csv

HEADERS = ["Réf. dossier", "Participant", "Date", "Heure", "Durée", "Type", "Lieu", "Objet", "Compte rendu"]


@pytest.mark.parametrize(("cell", "expected"), [("14h30", dt.time(14, 30)), ("9h", dt.time(9, 0)),
                                                ("09:05", dt.time(9, 5)), (0.5, dt.time(12, 0))])
def test_times(cell: object, expected: dt.time) -> None:
    assert rdv.parse_time(cell) == expected


def test_history_attached_to_dossiers(db, tmp_path: Path) -> None:  # noqa: ANN001
    with db.session() as s:
        luc = personnes.save_personne(s, {"nom": "Durand", "prenom": "Luc"})
        anne = personnes.save_personne(s, {"nom": "Roux", "prenom": "Anne"})
        d1 = dossiers.create_dossier(s, {"dispositif": "dla", "titre": "Ressourcerie", "beneficiaires": [luc.id],
                                         "date_ouverture": dt.date(2019, 1, 2), "tags": "ancienne référence OLD-1"})
        d2 = dossiers.create_dossier(s, {"dispositif": "crdva", "titre": "Statuts", "beneficiaires": [anne.id],
                                         "date_ouverture": dt.date(2019, 1, 2)})
        dossiers.create_dossier(s, {"dispositif": "crdva", "titre": "Autre", "beneficiaires": [luc.id],
                                    "date_ouverture": dt.date(2019, 5, 2)})
    rows = [
        ["OLD-1", "", "12/03/2019", "14h30", "1h30", "Diagnostic", "Sur site", "Diagnostic partagé", "Long CR\nsuite"],
        [d2.reference, "", "13/03/2019", "9h", "", "Premier accueil", "Téléphone", "", ""],
        ["", "ROUX Anne", "20/03/2019", "10:00", "45", "Suivi", "", "Point", ""],
        ["", "DURAND Luc", "21/03/2019", "10:00", "", "", "", "", ""],  # two dossiers: which one?
        ["OLD-9", "", "22/03/2019", "", "", "", "", "", ""],  # unknown reference
        ["OLD-1", "", "12/03/2019", "14h30", "", "", "", "Doublon", ""],  # same dossier and start
        ["OLD-1", "", "23/03/2019", "25h", "", "", "", "", ""],
    ]
    src = readers.open_source(write_csv(tmp_path / "rdv.csv", rows, headers=HEADERS))
    mp = mapping.auto_mapping("rendez_vous", src.headers)
    assert mp.columns == {"Réf. dossier": "reference", "Participant": "participant", "Date": "date",
                          "Heure": "heure_debut", "Durée": "duree_minutes", "Type": "type", "Lieu": "lieu_type",
                          "Objet": "objet", "Compte rendu": "compte_rendu"}
    with db.read() as s:
        dry = plan.dry_run(s, src, mp)
    assert (dry.created, dry.skipped, dry.rejected) == (3, 1, 3)
    msgs = {p.row: (p.column, p.message) for p in dry.problems}
    assert msgs[6] == ("Participant", "« DURAND Luc » a 2 dossiers : indiquez la référence du dossier.")
    assert msgs[7][0] == "Réf. dossier" and "OLD-9" in msgs[7][1]
    assert msgs[9][0] == "Heure" and "25h" in msgs[9][1]
    res = apply.apply_import(db, src, mp)
    with db.read() as s:
        r1 = s.scalars(select(m.RendezVous).where(m.RendezVous.dossier_id == d1.id)).one()
        assert (r1.debut, r1.fin, r1.type, r1.lieu_type, r1.statut) == (
            dt.datetime(2019, 3, 12, 14, 30), dt.datetime(2019, 3, 12, 16, 0), "diagnostic", "sur_site", "realise")
        assert r1.compte_rendu == "Long CR\nsuite" and [p.personne_id for p in r1.participants] == [luc.id]
        assert s.scalar(select(func.count()).select_from(m.RendezVous).where(m.RendezVous.dossier_id == d2.id)) == 2
    apply.undo_import(db, res.batch_id)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.RendezVous)) == 0
        assert s.scalar(select(func.count()).select_from(m.RendezVousParticipant)) == 0
