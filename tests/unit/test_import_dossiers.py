"""Dossiers with their beneficiaries: dispositif and étape labels, people and structures found or
created in the same batch, duplicates by reference or porteur + date, undo of the whole graph."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select

from pole_desktop.domain import models as m
from pole_desktop.importing import apply, mapping, plan, readers
from pole_desktop.services import personnes, rendez_vous, structures
from tests.unit.import_samples import write_xlsx

HEADERS = ["N° dossier", "Programme", "Projet", "Porteur(s)", "Structure", "Date d'entrée", "Étape",
           "Date de sortie", "Motif de sortie", "Commune", "Emplois créés", "Fonds mobilisés", "Référent"]


def rows() -> list[list[object]]:
    return [
        HEADERS,
        ["OLD-001", "DLA", "Consolider la ressourcerie", "", "Ressourcerie du Val", dt.datetime(2019, 3, 4),
         "Diagnostic partagé", None, None, "Beaune", 1.5, "12 000 €", "Claire Moreau"],
        ["OLD-002", "Puls'Actions", "Épicerie solidaire", "LEFÈVRE-DUPONT Hélène ; MARTIN Paul", None, "05/06/2018",
         "Lancement", None, None, "Dijon", None, None, ""],
        ["OLD-003", "Graines", "Financement d'un four", "DURAND Luc", None, "01/02/2017", "Collecte",
         "30/09/2017", "Abandon", "", None, None, ""],
        ["OLD-004", "CRDVA", "Question statuts", "DURAND Luc", None, "2017-10-12", "", None, None, "", None, None,
         ""],
        ["OLD-002", "Puls'Actions", "Épicerie solidaire (copie)", "LEFÈVRE-DUPONT Hélène", None, "05/06/2018",
         "", None, None, "", None, None, ""],
        ["OLD-005", "Atelier tricot", "Inconnu", "X Y", None, "01/01/2020", "", None, None, "", None, None, ""],
        ["OLD-006", "DLA", "Sans date", "Z Z", None, None, "", None, None, "", None, None, ""],
        ["OLD-007", "DLA", "Étape inventée", "Z Z", None, "01/01/2020", "Lévitation", None, None, "", None, None,
         ""],
    ]


def source(tmp_path: Path) -> readers.Source:
    return readers.open_source(write_xlsx(tmp_path / "dossiers.xlsx", {"Suivi": rows()}))


def test_mapping_dry_run_and_apply(db, tmp_path: Path) -> None:  # noqa: ANN001
    with db.session() as s:
        helene = personnes.save_personne(s, {"nom": "Lefevre Dupont", "prenom": "Helene"})
        asso = structures.save_structure(s, {"raison_sociale": "RESSOURCERIE DU VAL"})
    src = source(tmp_path)
    mp = mapping.auto_mapping("dossiers", src.headers)
    assert mp.columns == {
        "N° dossier": "reference", "Programme": "dispositif", "Projet": "titre", "Porteur(s)": "beneficiaires",
        "Structure": "structure", "Date d'entrée": "date_ouverture", "Étape": "etape",
        "Date de sortie": "date_cloture", "Motif de sortie": "motif_cloture", "Commune": "commune",
        "Emplois créés": "emplois_crees_etp", "Fonds mobilisés": "fonds_mobilises", "Référent": "referent"}
    with db.read() as s:
        dry = plan.dry_run(s, src, mp)
    assert (dry.created, dry.skipped, dry.rejected) == (4, 1, 3)
    assert [(d.row, d.earlier_row, d.reason) for d in dry.duplicates] == [(6, 3, "même référence")]
    reasons = {p.row: (p.column, p.message) for p in dry.problems}
    assert reasons[7][0] == "Programme" and "n'est pas une valeur connue" in reasons[7][1]
    assert reasons[8] == ("Date d'entrée", "La date d'ouverture est obligatoire.")
    assert reasons[9][0] == "Étape" and "Lévitation" in reasons[9][1]

    res = apply.apply_import(db, src, mp)
    assert res.dry.linked == {"personnes": 2, "structures": 0}  # Paul Martin and Luc Durand; Hélène existed
    with db.read() as s:
        ds = {d.titre: d for d in s.scalars(select(m.Dossier))}
        dla = ds["Consolider la ressourcerie"]
        assert dla.dispositif == "dla" and dla.etape == "diagnostic" and dla.structure_id == asso.id
        assert dla.date_ouverture == dt.date(2019, 3, 4) and dla.emplois_crees_etp == 1.5
        assert dla.fonds_mobilises_centimes == 1_200_000 and dla.reference.startswith("DLA-2019-")
        assert dla.tags == "ancienne référence OLD-001" and dla.zonage_version == "ZRR-2017"
        assert [h.etape for h in dla.historique] == ["accueil", "diagnostic"]
        epi = ds["Épicerie solidaire"]
        assert [(b.personne_id == helene.id, b.role) for b in epi.beneficiaires] == [(True, "porteur"),
                                                                                    (False, "co-porteur")]
        four = ds["Financement d'un four"]
        assert (four.etape, four.date_cloture, four.motif_cloture) == ("cloture", dt.date(2017, 9, 30), "abandon")
        luc = s.scalars(select(m.Personne).where(m.Personne.nom == "DURAND")).one()  # one Luc for two dossiers
        assert {b.dossier_id for b in s.scalars(select(m.DossierBeneficiaire).where(
            m.DossierBeneficiaire.personne_id == luc.id))} == {four.id, ds["Question statuts"].id}

    # Imported again: every dossier is found by its old reference; nothing new.
    with db.read() as s:
        again = plan.dry_run(s, source(tmp_path), mp)
    assert (again.created, again.unchanged + again.updated) == (0, 4)


def test_undo_removes_dossiers_their_links_and_new_people_keeps_what_is_used(db, tmp_path: Path) -> None:  # noqa: ANN001
    with db.session() as s:
        helene = personnes.save_personne(s, {"nom": "Lefevre Dupont", "prenom": "Helene"})
    counts_before = _counts(db)
    src = source(tmp_path)
    res = apply.apply_import(db, src, mapping.auto_mapping("dossiers", src.headers))
    with db.session() as s:  # after the import, someone records a rendez-vous on the DLA dossier
        dla = s.scalars(select(m.Dossier).where(m.Dossier.titre == "Consolider la ressourcerie")).one()
        rendez_vous.plan_rendez_vous(s, {"dossier_id": dla.id, "debut": dt.datetime(2026, 11, 20, 10)})
    undone = apply.undo_import(db, res.batch_id)
    assert any("Consolider la ressourcerie" in k for k in undone.kept)
    after = _counts(db)
    assert after["dossier"] == counts_before["dossier"] + 1  # the one with a rendez-vous stays…
    assert after["structure"] == counts_before["structure"] + 1  # …with its structure
    assert after["personne"] == counts_before["personne"]  # Paul and Luc gone, Hélène (existing) stays
    assert after["dossier_beneficiaire"] == counts_before["dossier_beneficiaire"]
    with db.read() as s:
        assert s.get(m.Personne, helene.id) is not None
        kept = s.scalars(select(m.Dossier).where(m.Dossier.titre == "Consolider la ressourcerie")).one()
        assert [h.etape for h in kept.historique] == ["accueil", "diagnostic"]


def _counts(db) -> dict[str, int]:  # noqa: ANN001
    with db.read() as s:
        return {t: s.scalar(select(func.count()).select_from(mdl)) for t, mdl in (
            ("dossier", m.Dossier), ("personne", m.Personne), ("structure", m.Structure),
            ("dossier_beneficiaire", m.DossierBeneficiaire))}
