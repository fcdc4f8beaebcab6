"""Services: validation with French messages and nothing saved; dossiers, étapes, territory, merge."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from pole_desktop.domain import models as m
from pole_desktop.domain.dispositifs import DISPOSITIFS, get_dispositif
from pole_desktop.services import ateliers, dossiers, fusion, personnes, rendez_vous, structures
from pole_desktop.services.validation import ValidationError
from pole_desktop.storage.database import Database


def count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def test_invalid_person_saves_nothing_and_explains_in_french(db: Database) -> None:
    with pytest.raises(ValidationError) as err, db.session() as s:
        personnes.save_personne(
            s, {"nom": " ", "telephone": "12", "email": "pas-un-mail", "code_postal": "21000", "commune_insee": "21054"}
        )
    errors = err.value.errors
    assert set(errors) == {"nom", "telephone", "email", "code_postal"}
    assert "Beaune" in errors["code_postal"]
    assert count(db, m.Personne) == 0


def test_structure_siret_and_rna(db: Database) -> None:
    with db.session() as s:
        st = structures.save_structure(
            s, {"raison_sociale": "La Poste", "siret": "356 000 000 00048", "budget": "12 500,50"})
        assert st.siret == "35600000000048" and st.budget_centimes == 1_250_050
    for bad in ({"siret": "35600000000049"}, {"rna": "W12"}, {"budget": "-5"}):
        with pytest.raises(ValidationError) as err, db.session() as s:
            structures.save_structure(s, {"raison_sociale": "Asso", **bad})
        assert list(err.value.errors) == list(bad)
    assert count(db, m.Structure) == 1


def test_dossier_reference_territory_and_history(db: Database) -> None:
    with db.session() as s:
        p = personnes.save_personne(s, {"nom": "Durand"})
        d1 = dossiers.create_dossier(
            s, {"dispositif": "puls_actions", "titre": "Ressourcerie", "beneficiaires": [p.id],
                "commune_insee": "21154", "date_ouverture": "2026-03-02"}
        )
        d2 = dossiers.create_dossier(
            s, {"dispositif": "puls_actions", "titre": "Café", "commune_insee": "21166", "qpv_code": "QN02101M",
                "date_ouverture": dt.date(2023, 5, 4)}
        )
    assert re.fullmatch(rf"PULS-2026-{db.device_prefix}-0001", d1.reference)
    assert d2.reference.startswith("PULS-2023-")
    # Châtillon-sur-Seine is FRR+ (code 5) under the 2025 zoning; a 2023 dossier uses ZRR 2017.
    assert (d1.zonage_version, d1.frr_code, d1.zrr_statut) == ("FRR-2025", 5, None)
    assert d2.zonage_version == "ZRR-2017" and d2.frr_code is None
    assert d2.qpv_code == "QN02101M"  # Le Mail, a QPV of Chenôve
    with db.read() as s:
        hist = s.scalars(select(m.EtapeHistorique).where(m.EtapeHistorique.dossier_id == d1.id)).all()
    assert [h.etape for h in hist] == ["accueil"]


def test_etape_transitions_and_closing_reason(db: Database) -> None:
    with db.session() as s:
        d = dossiers.create_dossier(s, {"dispositif": "dla", "titre": "Consolidation"})
    with pytest.raises(ValidationError) as err, db.session() as s:
        dossiers.change_etape(s, d.id, "suivi")  # skipping steps is not allowed
    assert "Impossible de passer" in err.value.errors["etape"]
    with pytest.raises(ValidationError) as err, db.session() as s:
        dossiers.change_etape(s, d.id, "cloture")
    assert "motif" in err.value.errors
    with pytest.raises(ValidationError), db.session() as s:
        dossiers.change_etape(s, d.id, "cloture", motif="reorientation")  # needs the partner
    with db.session() as s:
        dossiers.change_etape(s, d.id, "diagnostic")
        dossiers.change_etape(s, d.id, "cloture", motif="reorientation", precision="France Active")
    with db.read() as s:
        d = s.get(m.Dossier, d.id)
        assert (d.etape, d.motif_cloture, d.motif_precision, d.date_cloture is not None) == (
            "cloture", "reorientation", "France Active", True)
    with db.session() as s:  # re-open
        dossiers.change_etape(s, d.id, "suivi")
        assert s.get(m.Dossier, d.id).date_cloture is None


def test_every_dispositif_has_a_reachable_closing() -> None:
    for disp in DISPOSITIFS.values():
        for code in disp.codes()[:-1]:
            assert disp.peut_passer(code, "cloture")
        assert get_dispositif(disp.code).etape_initiale == disp.etapes[0].code


def test_compte_rendu_with_actions_and_next_appointment(db: Database) -> None:
    with db.session() as s:
        p = personnes.save_personne(s, {"nom": "Durand"})
        d = dossiers.create_dossier(s, {"dispositif": "crdva", "titre": "Statuts", "beneficiaires": [p.id]})
        r = rendez_vous.plan_rendez_vous(s, {"dossier_id": d.id, "debut": dt.datetime(2026, 11, 27, 10)})
        assert [x.personne_id for x in r.participants] == [p.id]
    with pytest.raises(ValidationError) as err, db.session() as s:
        rendez_vous.record_compte_rendu(s, r.id, {"compte_rendu": "x", "actions": [{"libelle": ""}]})
    assert "actions.0.libelle" in err.value.errors
    assert count(db, m.Action) == 0
    with db.session() as s:
        rendez_vous.record_compte_rendu(
            s, r.id,
            {"objet": "Statuts", "compte_rendu": "Relecture des statuts.", "duree_minutes": "90",
             "actions": [{"libelle": "Envoyer le modèle", "echeance": "2026-12-01"},
                         {"libelle": "Appeler la banque", "responsable": "Porteur"}],
             "prochain_rdv": {"debut": "2026-12-10T14:00"}},
        )
    with db.read() as s:
        r = s.get(m.RendezVous, r.id)
        assert (r.statut, r.duree_minutes) == ("realise", 90)
        assert count(db, m.Action) == 2
        assert s.scalar(select(func.count()).select_from(m.RendezVous)) == 2


def test_merge_keeps_every_link_and_can_be_undone(db: Database) -> None:
    with db.session() as s:
        a = personnes.save_personne(s, {"nom": "Durand", "prenom": "Zoé", "email": "zoe@exemple.fr"})
        b = personnes.save_personne(s, {"nom": "DURAND", "prenom": "zoé", "telephone": "0380509047"})
        st = structures.save_structure(s, {"raison_sociale": "Asso"})
        structures.add_role(s, st.id, b.id, "Trésorier·e")
        dossiers.create_dossier(s, {"dispositif": "crdva", "titre": "T", "beneficiaires": [a.id, b.id]})
        at = ateliers.save_atelier(s, {"titre": "Créer son asso", "debut": "2026-12-03T14:00"})
        ateliers.register(s, at.id, b.id)
        assert [x.id for x in personnes.find_duplicates(s, a)] == [b.id]
    with db.session() as s:
        f = fusion.merge(s, "personne", a.id, b.id)
    with db.read() as s:
        assert s.get(m.Personne, b.id).fusionne_dans_id == a.id
        assert s.get(m.Personne, a.id).telephone == "03 80 50 90 47"  # filled from the absorbed record
        assert {x.personne_id for x in s.scalars(select(m.DossierBeneficiaire))} == {a.id}
        assert s.scalar(select(m.AtelierInscription.personne_id)) == a.id
        assert s.scalar(select(m.StructureRole.personne_id)) == a.id
    with db.session() as s:
        fusion.undo_merge(s, f.id)
    with db.read() as s:
        assert s.get(m.Personne, b.id).fusionne_dans_id is None
        assert s.get(m.Personne, a.id).telephone is None
        assert {x.personne_id for x in s.scalars(select(m.DossierBeneficiaire))} == {a.id, b.id}
        assert s.scalar(select(m.AtelierInscription.personne_id)) == b.id
        assert s.scalar(select(m.StructureRole.personne_id)) == b.id
