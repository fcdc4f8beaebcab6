"""Plain, typed views of the data each document prints.

The templates never see ORM models: a mapping step builds these frozen dataclasses from them. Values
that are only displayed arrive as French labels (``"Entretien de suivi"``, ``"Réalisé"``,
``"Sur site"``); the dispositif is an enum because the convention's wording depends on it.
Optional values are ``None`` or empty and are simply left out of the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "ActionItem",
    "Adresse",
    "AttestationData",
    "CompteRenduData",
    "ConventionData",
    "Crowdfunding",
    "Dispositif",
    "DossierRef",
    "EmargementData",
    "EtapeHistorique",
    "FicheSyntheseData",
    "Participant",
    "ParticipantAtelier",
    "Personne",
    "ProchainRendezVous",
    "RendezVousResume",
    "Resultats",
    "Signataire",
    "Structure",
    "Territoire",
]


class Dispositif(StrEnum):
    PULS_ACTIONS = "puls_actions"
    DLA = "dla"
    GENERATEUR_BFC = "generateur_bfc"
    CRDVA = "crdva"
    GRAINES_ACTIONS = "graines_actions"

    @property
    def label(self) -> str:
        return _DISPOSITIF_LABELS[self]


_DISPOSITIF_LABELS = {
    Dispositif.PULS_ACTIONS: "Puls'Actions",
    Dispositif.DLA: "DLA",
    Dispositif.GENERATEUR_BFC: "Générateur BFC",
    Dispositif.CRDVA: "CRDVA",
    Dispositif.GRAINES_ACTIONS: "Graines d'Actions",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Adresse:
    lignes: str = ""  # street, may hold a newline ("Bâtiment B\n3 rue des Tilleuls")
    code_postal: str = ""
    commune: str = ""

    def une_ligne(self) -> str:
        """``3 rue des Tilleuls, 21320 Pouilly-en-Auxois``."""
        street = ", ".join(part.strip() for part in self.lignes.splitlines() if part.strip())
        town = "\u00a0".join(p for p in (self.code_postal, self.commune) if p)  # never split
        return ", ".join(p for p in (street, town) if p)


@dataclass(frozen=True, slots=True, kw_only=True)
class Personne:
    nom: str
    prenom: str = ""
    civilite: str = ""  # "Mme", "M." or ""
    role: str = ""  # "porteuse de projet", "présidente"…
    email: str = ""
    telephone: str = ""  # already formatted: "06 12 34 56 78"
    adresse: Adresse | None = None

    @property
    def nom_complet(self) -> str:
        """``Claire Durand`` (no civilité)."""
        return " ".join(p for p in (self.prenom, self.nom) if p)

    @property
    def designation(self) -> str:
        """``Mme Claire Durand``."""
        return " ".join(p for p in (self.civilite, self.prenom, self.nom) if p)


@dataclass(frozen=True, slots=True, kw_only=True)
class Structure:
    raison_sociale: str
    sigle: str = ""
    forme_juridique: str = ""  # label: "Association déclarée", "SCIC SAS"…
    siret: str = ""
    rna: str = ""
    naf: str = ""  # "88.99B — Action sociale sans hébergement n.c.a."
    date_creation: date | None = None
    adresse: Adresse | None = None
    salaries: int | None = None
    etp: Decimal | None = None
    benevoles: int | None = None
    representant: Personne | None = None  # who signs for it; role = "présidente"…
    # A local authority is represented by its executive by law (commune: its maire; EPCI: its
    # président·e): "son maire" when no named person holds the role; never the porteur.
    representation: str = ""

    @property
    def nom_affiche(self) -> str:
        """``Les Jardins de Vitteaux (JDV)``."""
        return f"{self.raison_sociale} ({self.sigle})" if self.sigle else self.raison_sociale


@dataclass(frozen=True, slots=True, kw_only=True)
class DossierRef:
    reference: str  # "DLA-2026-K7QF-0042"
    dispositif: Dispositif
    titre: str = ""  # project title


@dataclass(frozen=True, slots=True, kw_only=True)
class Signataire:
    nom: str  # "Marie Lambert"
    qualite: str = ""  # "directrice", "accompagnatrice"


# --- compte-rendu d'entretien ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    nom: str  # "Claire Durand"
    qualite: str = ""  # "porteuse de projet", "trésorier"
    structure: str = ""  # "Association Les Jardins de Vitteaux"


@dataclass(frozen=True, slots=True, kw_only=True)
class ActionItem:
    description: str
    responsable: str = ""
    echeance: date | None = None
    fait: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ProchainRendezVous:
    date: date
    heure_debut: time | None = None
    heure_fin: time | None = None
    lieu: str = ""
    objet: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class CompteRenduData:
    dossier: DossierRef
    date: date
    heure_debut: time | None = None
    heure_fin: time | None = None
    type_rdv: str = ""  # "Entretien de suivi"
    lieu_type: str = ""  # "Sur site", "Bureau", "Visioconférence", "Téléphone"
    lieu_adresse: Adresse | None = None  # with the commune
    lieu_precision: str = ""  # "Mairie — salle du conseil"
    accompagnateur: str = ""  # référent who held the meeting
    participants: tuple[Participant, ...] = ()
    objet: str = ""
    notes: str = ""  # long, multi-paragraph; newlines are kept
    decisions: tuple[str, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    prochain_rdv: ProchainRendezVous | None = None
    temps_passe_minutes: int | None = None
    statut: str = ""  # "Réalisé"


# --- fiche de synthèse du dossier -----------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Territoire:
    commune: str = ""
    code_insee: str = ""
    epci: str = ""
    zonage_rural: str = ""  # "FRR", "FRR+", "ZRR" or "" (not classified)
    qpv: str = ""  # name and code of the QPV, or ""
    version_zonage: str = ""  # "FRR au 1er juillet 2024"


@dataclass(frozen=True, slots=True, kw_only=True)
class EtapeHistorique:
    etape: str  # "Diagnostic partagé"
    debut: date
    fin: date | None = None
    commentaire: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Crowdfunding:
    objectif: Decimal
    collecte: Decimal = Decimal(0)
    contributeurs: int = 0
    plateforme: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Resultats:
    structure_creee: bool = False
    date_creation: date | None = None
    emplois_crees_etp: Decimal = Decimal(0)
    emplois_consolides_etp: Decimal = Decimal(0)
    fonds_mobilises: Decimal = Decimal(0)
    crowdfunding: Crowdfunding | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RendezVousResume:
    date: date
    type_rdv: str = ""
    objet: str = ""
    accompagnateur: str = ""
    statut: str = ""
    duree_minutes: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FicheSyntheseData:
    dossier: DossierRef
    type_dossier: str = ""  # "Création", "Consolidation"…
    etape_actuelle: str = ""
    date_ouverture: date | None = None
    date_cloture: date | None = None
    motif_cloture: str = ""
    referent: str = ""
    co_accompagnateurs: tuple[str, ...] = ()
    personnes: tuple[Personne, ...] = ()
    structure: Structure | None = None
    description: str = ""
    besoins: str = ""
    objectifs: str = ""
    utilite_sociale: str = ""
    public_specifique: tuple[str, ...] = ()
    territoire: Territoire | None = None
    etapes: tuple[EtapeHistorique, ...] = ()
    resultats: Resultats | None = None
    rendez_vous: tuple[RendezVousResume, ...] = ()


# --- convention and attestation -------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ConventionData:
    dossier: DossierRef
    personnes: tuple[Personne, ...] = ()
    structure: Structure | None = None
    objet: str = ""  # what the accompaniment is about, in a sentence or a paragraph
    date_debut: date
    date_fin: date
    signataire_pole: Signataire
    date_signature: date | None = None  # None: a blank "le ……" to fill by hand
    lieu_signature: str = ""  # default: the letterhead's city
    # Overrides of the standard wording of the dispositif (views never need to set them).
    description_dispositif: str | None = None
    engagements_pole: tuple[str, ...] | None = None
    engagements_beneficiaire: tuple[str, ...] | None = None
    financeurs: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AttestationData:
    dossier: DossierRef
    personnes: tuple[Personne, ...] = ()
    structure: Structure | None = None
    date_debut: date
    date_fin: date | None = None  # None: still accompanied
    nombre_rendez_vous: int | None = None
    duree_totale_minutes: int | None = None
    signataire_pole: Signataire
    date_signature: date | None = None
    lieu_signature: str = ""


# --- feuille d'émargement -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ParticipantAtelier:
    nom: str
    prenom: str = ""
    structure: str = ""
    commune: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class EmargementData:
    theme: str  # "Créer son association : statuts et gouvernance"
    date: date
    heure_debut: time | None = None
    heure_fin: time | None = None
    lieu: str = ""  # "Maison des associations"
    adresse: Adresse | None = None
    animateur: str = ""
    intervenants: tuple[str, ...] = ()
    dispositif: Dispositif | None = None
    financeurs: str = ""  # "Action soutenue par …" printed under the table when given
    participants: tuple[ParticipantAtelier, ...] = ()
    lignes_vierges: int = 6  # empty numbered rows for walk-ins
