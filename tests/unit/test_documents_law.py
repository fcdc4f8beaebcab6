"""Documents right in law, read back from the real PDFs (pypdf): the convention's parties and their
representatives, the émargement's privacy note, the fiche synthèse of a closed dossier, the
compte-rendu's time spent, the funder mentions and the bilan's method."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pypdf
import pytest

from pole_desktop.documents.base import Letterhead
from pole_desktop.documents.generate import generate_document
from pole_desktop.documents.settings import DocumentSettings, load_settings, save_settings
from pole_desktop.reports.bilan import compute_bilan
from pole_desktop.reports.export import bilan_meta, to_pdf
from pole_desktop.services import ateliers as atelier_service
from pole_desktop.services import dossiers as dossier_service
from pole_desktop.services import personnes as personne_service
from pole_desktop.services import rendez_vous as rdv_service
from pole_desktop.services import structures as structure_service
from pole_desktop.storage.database import Database

NOW = dt.datetime(2026, 1, 5, 9, 0)
EPOISSES = "21247"
MENTIONS = ("Cofinancé par l'Union européenne", "Avec le soutien de la Région Bourgogne-Franche-Comté")


def text_of(pdf: bytes) -> str:
    raw = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(raw.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2019", "'").split())


@pytest.fixture
def ids(db: Database) -> dict[str, str]:
    with db.session() as s:
        maire = personne_service.save_personne(s, {"nom": "Girard", "prenom": "Anne", "sexe": "F", "civilite": "Mme"})
        porteur = personne_service.save_personne(s, {"nom": "Petit", "prenom": "Luc", "sexe": "M", "civilite": "M."})
        commune = structure_service.save_structure(s, {"raison_sociale": "Commune de Époisses",
                                                       "forme_juridique": "7210",
                                                       "collectivite": True, "commune_insee": EPOISSES})
        structure_service.add_role(s, commune.id, maire.id, "Maire")
        d = dossier_service.create_dossier(s, {"dispositif": "generateur_bfc", "titre": "Épicerie communale",
                                               "date_ouverture": dt.date(2025, 2, 1), "commune_insee": EPOISSES,
                                               "structure_id": commune.id, "beneficiaires": [porteur.id]})
        long_comment = "Projet repris par la communauté de communes. " * 12 + "FIN-DU-COMMENTAIRE"
        dossier_service.change_etape(s, d.id, "cloture", date=dt.date(2025, 11, 30), motif="termine",
                                     commentaire=long_comment)
        r = rdv_service.plan_rendez_vous(s, {"dossier_id": d.id, "debut": dt.datetime(2025, 6, 3, 17, 30),
                                             "fin": dt.datetime(2025, 6, 3, 19, 0)})
        rdv_service.record_compte_rendu(s, r.id, {"compte_rendu": "Notes."})
        r2 = rdv_service.plan_rendez_vous(s, {"dossier_id": d.id, "debut": dt.datetime(2025, 7, 3, 9, 0),
                                              "fin": dt.datetime(2025, 7, 3, 10, 30)})
        rdv_service.record_compte_rendu(s, r2.id, {"compte_rendu": "Notes.", "duree_minutes": 45})
        a = atelier_service.save_atelier(s, {"titre": "Créer son association", "debut": dt.datetime(2025, 9, 15, 18, 0),
                                             "commune_insee": EPOISSES})
        atelier_service.register(s, a.id, porteur.id)
        return {"dossier": d.id, "rdv": r.id, "rdv2": r2.id, "atelier": a.id}


def _settings(**kw: object) -> DocumentSettings:
    return DocumentSettings(letterhead=replace(Letterhead(), funder_mentions=MENTIONS), **kw)


def test_convention_parties_and_representatives(db: Database, ids: dict[str, str]) -> None:
    with db.read() as s:
        text = text_of(generate_document(s, "convention", ids["dossier"], generated_at=NOW, settings=_settings()).pdf)
        named = text_of(generate_document(s, "convention", ids["dossier"], generated_at=NOW,
                                          settings=_settings(signataire_nom="Hélène Marchal",
                                                             signataire_qualite="présidente")).pdf)
    assert "Commune d'Époisses" in text and "de Époisses" not in text
    assert "représentée par Mme Anne Girard, maire" in text  # the commune by its maire, not the porteur
    assert "Luc Petit" not in text.split("ci-après dénommé « le bénéficiaire »")[0]
    assert "représenté par son ou sa président·e" in text  # the Pôle by its legal representative
    assert "Claire Moreau" not in text and "accompagnateur·rice référent·e" not in text  # never the advisor
    assert "représenté par Hélène Marchal, présidente" in named
    for mention in MENTIONS:
        assert mention in text
    assert "CNIL" in text and "FSE+" in text


def test_epci_is_represented_by_its_president(db: Database) -> None:
    with db.session() as s:
        epci = structure_service.save_structure(s, {"raison_sociale": "CC des Terres d'Auxois",
                                                    "forme_juridique": "7346", "collectivite": True})
        p = personne_service.save_personne(s, {"nom": "Roy", "prenom": "Marc"})
        d = dossier_service.create_dossier(s, {"dispositif": "generateur_bfc", "titre": "Tiers-lieu",
                                               "structure_id": epci.id, "beneficiaires": [p.id]})
        text = text_of(generate_document(s, "convention", d.id, generated_at=NOW).pdf)
    assert "CC des Terres d'Auxois, représentée par son président·e" in text
    assert "représentée par Marc Roy" not in text


def test_emargement_privacy_note_and_mentions(db: Database, ids: dict[str, str]) -> None:
    with db.read() as s:
        text = text_of(generate_document(s, "emargement", ids["atelier"], generated_at=NOW, settings=_settings(),
                                         letterhead=_settings().letterhead).pdf)
    assert "Responsable du traitement : Pôle d'Économie Solidaire 21" in text
    assert "CNIL (www.cnil.fr)" in text and "FSE+" in text and "2021/1060" in text
    for mention in MENTIONS:
        assert mention in text


def test_fiche_synthese_of_a_closed_dossier(db: Database, ids: dict[str, str]) -> None:
    with db.read() as s:
        text = text_of(generate_document(s, "fiche_synthese", ids["dossier"], generated_at=NOW).pdf)
    assert "en cours" not in text
    assert "Clôture 30/11/2025 30/11/2025" in text
    assert "FIN-DU-COMMENTAIRE" in text  # the whole comment, not cut


def test_compte_rendu_time_spent_is_the_slot_unless_recorded(db: Database, ids: dict[str, str]) -> None:
    with db.read() as s:
        slot = text_of(generate_document(s, "compte_rendu", ids["rdv"], generated_at=NOW).pdf)
        other = text_of(generate_document(s, "compte_rendu", ids["rdv2"], generated_at=NOW).pdf)
        b = compute_bilan(s, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert "Temps passé 1 h 30" in slot
    assert "Temps passé 45 min (durée saisie ; créneau de 1 h 30)" in other
    assert b.minutes == 90 + 45  # the bilan counts by the same rule


def test_bilan_pdf_method_and_mentions(db: Database, ids: dict[str, str]) -> None:
    with db.read() as s:
        b = compute_bilan(s, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    text = text_of(to_pdf(b, bilan_meta(b, NOW, _settings().letterhead)))
    assert "Résultats (des flux, pas des stocks)" in text
    assert "code 1" in text and "FRR+" in text
    assert "le QPV du dossier n'est pas pris en compte" in text
    for mention in MENTIONS:
        assert mention in text


def test_funder_mentions_setting_round_trips(db: Database) -> None:
    save_settings(db.data_dir, _settings(signataire_qualite="présidente"))
    loaded = load_settings(db.data_dir)
    assert loaded.letterhead.funder_mentions == MENTIONS and loaded.signataire_qualite == "présidente"



def test_pack_du_lendemain_one_document(db: Database) -> None:
    from pole_desktop.documents.pack import pack_du_lendemain
    day = dt.date(2026, 3, 10)
    with db.session() as s:
        p = personne_service.save_personne(s, {"nom": "Lemoine", "prenom": "Julie", "telephone": "0612345678"})
        d = dossier_service.create_dossier(s, {"dispositif": "dla", "titre": "Recyclerie",
                                               "date_ouverture": dt.date(2026, 1, 5), "beneficiaires": [p.id]})
        done = rdv_service.plan_rendez_vous(s, {"dossier_id": d.id, "debut": dt.datetime(2026, 2, 1, 9, 0)})
        rdv_service.record_compte_rendu(s, done.id, {"compte_rendu": "Premier échange."})
        rdv_service.add_action(s, {"dossier_id": d.id, "libelle": "Envoyer les statuts",
                                       "echeance": dt.date(2026, 3, 1)})
        rdv_service.plan_rendez_vous(s, {"dossier_id": d.id, "debut": dt.datetime(2026, 3, 10, 9, 0),
                                         "fin": dt.datetime(2026, 3, 10, 10, 30), "lieu_type": "telephone"})
        rdv_service.plan_rendez_vous(s, {"dossier_id": d.id, "debut": dt.datetime(2026, 3, 10, 10, 0)})
        me = db.journal.author_id
        pdf = pack_du_lendemain(s, day, me, generated_at=NOW)
        assert pdf == pack_du_lendemain(s, day, me, generated_at=NOW)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    n = len(reader.pages)
    pages = [" ".join(pg.extract_text().split()) for pg in reader.pages]
    assert all(f"Page {i} / {n}" in t for i, t in enumerate(pages, start=1))  # numbered across the pack
    assert "Claire Moreau · 2 rendez-vous" in pages[0]  # the advisor on the cover
    text = text_of(pdf)
    assert "Téléphone — Julie Lemoine : 06 12 34 56 78" in text
    assert "Chevauche le rendez-vous de 10:00" in text and "Chevauche le rendez-vous de 09:00" in text
    assert "1 action en retard" in text and "01/03/2026 — en retard" in text
    assert pdf.count(b"/FontFile2") <= 4  # each font embedded once, not once per part
    assert len(reader.outline) == 3
