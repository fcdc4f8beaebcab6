"""Realistic sample data for every document (fictional people and structures).

Used by ``scripts/render_documents.py``, by the tests, and usable by a settings screen to preview the
letterhead.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from pole_desktop.documents.base import DocumentMeta, Letterhead
from pole_desktop.documents.views import (
    ActionItem,
    Adresse,
    AttestationData,
    CompteRenduData,
    ConventionData,
    Crowdfunding,
    Dispositif,
    DossierRef,
    EmargementData,
    EtapeHistorique,
    FicheSyntheseData,
    Participant,
    ParticipantAtelier,
    Personne,
    ProchainRendezVous,
    RendezVousResume,
    Resultats,
    Signataire,
    Structure,
    Territoire,
)

__all__ = [
    "GENERATED_AT",
    "sample_attestation",
    "sample_compte_rendu",
    "sample_convention",
    "sample_emargement",
    "sample_fiche_synthese",
    "sample_meta",
]

GENERATED_AT = datetime(2026, 11, 26, 14, 30)

DOSSIER = DossierRef(
    reference="DLA-2026-K7QF-0042",
    dispositif=Dispositif.DLA,
    titre="Consolider l'épicerie solidaire « Le Panier d'Œuvres » et pérenniser deux emplois",
)

CLAIRE = Personne(
    civilite="Mme",
    prenom="Claire",
    nom="Durand-Lefèvre",
    role="présidente",
    email="claire.durand@panier-oeuvres.fr",
    telephone="06 12 34 56 78",
    adresse=Adresse(lignes="8 rue de l'Église", code_postal="21350", commune="Vitteaux"),
)
AMINE = Personne(
    civilite="M.",
    prenom="Amine",
    nom="Benali",
    role="trésorier",
    email="amine.benali@exemple.fr",
    telephone="07 98 76 54 32",
    adresse=Adresse(code_postal="21350", commune="Vitteaux"),
)
SOPHIE = Personne(
    civilite="Mme", prenom="Sophie", nom="Nguyen", role="coordinatrice salariée", telephone="03 80 49 12 00"
)

STRUCTURE = Structure(
    raison_sociale="Le Panier d'Œuvres",
    sigle="PDO",
    forme_juridique="Association déclarée",
    siret="83250317400027",
    rna="W212004587",
    naf="47.11D — Supermarchés (épicerie solidaire)",
    date_creation=date(2017, 9, 14),
    adresse=Adresse(lignes="2 place du Marché", code_postal="21350", commune="Vitteaux"),
    salaries=3,
    etp=Decimal("2.3"),
    benevoles=27,
    representant=CLAIRE,
)

SIGNATAIRE = Signataire(nom="Hélène Marchal", qualite="directrice")
ADVISOR = "Julien Roussel"

NOTES = """Mme Durand-Lefèvre rappelle le contexte : l'épicerie a ouvert en 2018 et accueille aujourd'hui 140 foyers orientés par le CCAS et les assistantes sociales du Département. La fréquentation a augmenté de 30 % depuis le printemps ; les bénévoles s'essoufflent.

Situation financière :
- budget 2026 : 186 400 € de charges, dont 61 % de salaires ;
- la subvention « Aide alimentaire » de l'État (12 000 €) n'est pas reconduite en 2027 ?
- la trésorerie couvre deux mois et demi de fonctionnement ; un creux est attendu en février.

M. Benali présente le tableau de bord : marge sur les produits vendus 18 %, cotisations des adhérents stables, dons de la grande distribution en baisse (-22 %).

Gouvernance : le conseil d'administration compte neuf membres, dont trois nouveaux élus en juin. Les rôles entre bureau et coordinatrice ne sont pas écrits ; plusieurs décisions de recrutement ont été prises « dans l'urgence ».

Échanges sur les pistes : mutualiser l'approvisionnement avec l'épicerie de Semur-en-Auxois, développer un atelier cuisine financé par la CAF, ouvrir un créneau « tout public » à prix libre. Voir aussi la fiche https://www.exemple.org/epiceries?region=bfc&page=2 transmise par la fédération.

Prochaine étape : diagnostic partagé complet, avec le bureau et la coordinatrice, le 14 janvier à 9:30."""


def sample_meta(reference: str = DOSSIER.reference, letterhead: Letterhead | None = None) -> DocumentMeta:
    return DocumentMeta(
        reference=reference,
        generated_at=GENERATED_AT,
        letterhead=letterhead or Letterhead(email="contact@exemple.org"),  # fictional address
    )


def sample_compte_rendu(notes: str = NOTES) -> CompteRenduData:
    return CompteRenduData(
        dossier=DOSSIER,
        date=date(2026, 11, 26),
        heure_debut=time(9, 30),
        heure_fin=time(11, 45),
        type_rdv="Entretien de diagnostic",
        lieu_type="Sur site",
        lieu_precision="Local de l'épicerie, salle de réunion",
        lieu_adresse=STRUCTURE.adresse,
        accompagnateur=ADVISOR,
        participants=(
            Participant(nom="Claire Durand-Lefèvre", qualite="présidente", structure="Le Panier d'Œuvres"),
            Participant(nom="Amine Benali", qualite="trésorier", structure="Le Panier d'Œuvres"),
            Participant(nom="Sophie Nguyen", qualite="coordinatrice salariée"),
            Participant(
                nom="Julien Roussel", qualite="accompagnateur", structure="Pôle d'Économie Solidaire 21"
            ),
        ),
        objet="Premier entretien de diagnostic : situation financière, gouvernance et projet de "
        "développement de l'épicerie.",
        notes=notes,
        decisions=(
            "Engager un diagnostic partagé DLA, restitution prévue au conseil d'administration de mars.",
            "Mettre en place un plan de trésorerie mensuel suivi par le trésorier.",
            "Rédiger une fiche de poste pour la coordinatrice et une délégation de pouvoirs du bureau.",
        ),
        actions=(
            ActionItem(
                description="Transmettre les comptes 2024 et 2025, le budget 2026 et le rapport d'activité",
                responsable="Amine Benali",
                echeance=date(2026, 12, 10),
            ),
            ActionItem(
                description="Prendre contact avec l'épicerie de Semur-en-Auxois pour l'approvisionnement commun",
                responsable="Sophie Nguyen",
                echeance=date(2026, 12, 18),
            ),
            ActionItem(
                description="Préparer la trame du diagnostic partagé et l'envoyer au bureau",
                responsable="Julien Roussel",
                echeance=date(2027, 1, 7),
            ),
            ActionItem(
                description="Demander à France Active Bourgogne les conditions d'un fonds de confiance",
                responsable="Julien Roussel",
                echeance=date(2027, 1, 7),
            ),
        ),
        prochain_rdv=ProchainRendezVous(
            date=date(2027, 1, 14),
            heure_debut=time(9, 30),
            heure_fin=time(12, 0),
            lieu="Local de l'épicerie, Vitteaux",
            objet="Diagnostic partagé avec le bureau et la coordinatrice",
        ),
        temps_passe_minutes=135,
        statut="Réalisé",
    )


def sample_fiche_synthese() -> FicheSyntheseData:
    return FicheSyntheseData(
        dossier=DOSSIER,
        type_dossier="Consolidation",
        etape_actuelle="Diagnostic partagé",
        date_ouverture=date(2026, 10, 2),
        referent=ADVISOR,
        co_accompagnateurs=("Hélène Marchal",),
        personnes=(CLAIRE, AMINE, SOPHIE),
        structure=STRUCTURE,
        description="Épicerie solidaire associative ouverte en 2018 à Vitteaux : produits à prix réduits "
        "pour 140 foyers orientés par les travailleurs sociaux, ateliers cuisine, espace convivial.",
        besoins="Stabiliser le modèle économique après la fin d'une subvention de l'État ; clarifier les "
        "rôles entre bénévoles élus et salariée ; sécuriser l'approvisionnement.",
        objectifs="- Retrouver trois mois de trésorerie d'ici fin 2027\n- Pérenniser les deux postes "
        "(1,8 ETP)\n- Ouvrir un créneau « tout public » à prix libre",
        utilite_sociale="Seule épicerie solidaire du canton ; lien social en milieu rural ; lutte contre "
        "le gaspillage (14 tonnes de produits récupérées en 2025).",
        public_specifique=("Femmes", "Précarité", "FRR"),
        territoire=Territoire(
            commune="Vitteaux",
            code_insee="21710",
            epci="CC des Terres d'Auxois",
            zonage_rural="FRR",
            qpv="",
            version_zonage="classement au 1er juillet 2024",
        ),
        etapes=(
            EtapeHistorique(
                etape="Accueil",
                debut=date(2026, 10, 2),
                fin=date(2026, 10, 15),
                commentaire="Orientation par la CRESS Bourgogne-Franche-Comté.",
            ),
            EtapeHistorique(
                etape="Diagnostic partagé",
                debut=date(2026, 10, 15),
                commentaire="Entretiens avec le bureau, la coordinatrice et deux bénévoles.",
            ),
        ),
        resultats=Resultats(
            structure_creee=False,
            emplois_crees_etp=Decimal("0.5"),
            emplois_consolides_etp=Decimal("1.8"),
            fonds_mobilises=Decimal(23500),
            crowdfunding=Crowdfunding(
                objectif=Decimal(8000),
                collecte=Decimal("9234.5"),
                contributeurs=163,
                plateforme="HelloAsso",
            ),
        ),
        rendez_vous=(
            RendezVousResume(
                date=date(2026, 10, 2),
                type_rdv="Premier accueil",
                objet="Présentation du DLA",
                accompagnateur=ADVISOR,
                statut="Réalisé",
                duree_minutes=60,
            ),
            RendezVousResume(
                date=date(2026, 10, 15),
                type_rdv="Entretien",
                objet="Situation financière et gouvernance",
                accompagnateur=ADVISOR,
                statut="Réalisé",
                duree_minutes=90,
            ),
            RendezVousResume(
                date=date(2026, 11, 26),
                type_rdv="Diagnostic",
                objet="Premier entretien de diagnostic",
                accompagnateur=ADVISOR,
                statut="Réalisé",
                duree_minutes=135,
            ),
            RendezVousResume(
                date=date(2027, 1, 14),
                type_rdv="Diagnostic",
                objet="Diagnostic partagé avec le bureau",
                accompagnateur=ADVISOR,
                statut="Prévu",
            ),
        ),
    )


def sample_convention(dispositif: Dispositif = Dispositif.DLA) -> ConventionData:
    return ConventionData(
        dossier=DossierRef(reference=DOSSIER.reference, dispositif=dispositif, titre=DOSSIER.titre),
        personnes=(CLAIRE,),
        structure=STRUCTURE,
        objet="L'accompagnement vise à consolider le modèle économique de l'épicerie solidaire, à "
        "clarifier sa gouvernance et à pérenniser ses emplois.",
        date_debut=date(2026, 12, 1),
        date_fin=date(2027, 11, 30),
        signataire_pole=SIGNATAIRE,
        date_signature=date(2026, 11, 26),
    )


def sample_attestation() -> AttestationData:
    return AttestationData(
        dossier=DossierRef(
            reference="PA-2026-K7QF-0017",
            dispositif=Dispositif.PULS_ACTIONS,
            titre="Tiers-lieu culturel et café associatif à Saulieu",
        ),
        personnes=(Personne(civilite="Mme", prenom="Élodie", nom="Perrault"),),
        date_debut=date(2026, 3, 2),
        date_fin=date(2026, 11, 20),
        nombre_rendez_vous=9,
        duree_totale_minutes=780,
        signataire_pole=SIGNATAIRE,
        date_signature=date(2026, 11, 26),
    )


_FIRST_NAMES = (
    "Élodie", "Joël", "Maëlle", "François", "Zoé", "Noël", "Chloé", "Loïc", "Hélène", "Jérôme",
    "Anaïs", "Benoît", "Inès", "Gaëtan", "Léa", "Théo", "Agnès", "Raphaël", "Céline", "Grégoire",
)  # fmt: skip
_LAST_NAMES = (
    "Lefèvre", "Bérard", "Moreau", "Gauthier", "Dupré", "Cœur", "Mercier", "Faure", "Rolland", "Chevalier",
    "Lemaître", "Perrin", "Brun", "Noël", "Giraud", "Aubert", "Vasseur", "Barbier", "Leclerc", "Robin",
)  # fmt: skip
_PLACES = (
    ("Association Les Jardins partagés", "Semur-en-Auxois"), ("", "Montbard"),
    ("Café associatif La Bobine", "Saulieu"), ("Mairie de Précy-sous-Thil", "Précy-sous-Thil"),
    ("", "Dijon"), ("Coopérative Bois & Cie", "Is-sur-Tille"),
)  # fmt: skip


def sample_emargement(participants: int = 14) -> EmargementData:
    people = []
    for i in range(participants):
        structure, commune = _PLACES[i % len(_PLACES)]
        people.append(
            ParticipantAtelier(
                nom=_LAST_NAMES[(i * 7 + i // len(_FIRST_NAMES)) % len(_LAST_NAMES)],
                prenom=_FIRST_NAMES[i % len(_FIRST_NAMES)],
                structure=structure,
                commune=commune,
            )
        )
    return EmargementData(
        theme="Créer son association : statuts, gouvernance et premiers financements",
        date=date(2026, 12, 3),
        heure_debut=time(18, 0),
        heure_fin=time(20, 30),
        lieu="Maison des associations",
        adresse=Adresse(lignes="2 rue des Corroyeurs", code_postal="21000", commune="Dijon"),
        animateur="Julien Roussel",
        intervenants=("Hélène Marchal",),
        dispositif=Dispositif.CRDVA,
        financeurs="Action soutenue par les partenaires publics du CRDVA.",
        participants=tuple(people),
    )
