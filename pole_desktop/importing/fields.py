"""What each kind of import can fill, how its cells are read, and the French header names
that map to each field automatically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pole_desktop.importing import normalize as n
from pole_desktop.importing.readers import as_text


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    parse: Callable[[Any], Any] | None  # None: handled by the row builder (names, communes, labels)
    synonyms: tuple[str, ...] = ()
    max_len: int | None = None


def _text(max_len: int) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = as_text(value)
        if len(text) > max_len:
            raise n.CellError(f"Texte trop long ({len(text)} caractères, {max_len} au maximum).")
        return text
    return parse


def _long_text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _bool(value: Any) -> bool:
    key = as_text(value).strip().lower()
    if key in {"1", "oui", "o", "vrai", "x", "true", "yes"}:
        return True
    if key in {"0", "non", "n", "faux", "false", "no", "-"}:
        return False
    raise n.CellError(f"« {as_text(value)} » : attendu oui ou non.")


_COMMON_PLACE = (
    FieldSpec("adresse", "Adresse", _text(300), ("adresse", "rue", "adresse postale", "voie", "adresse 1")),
    FieldSpec("code_postal", "Code postal", None, ("code postal", "cp", "code postal commune", "c p")),
    FieldSpec("commune", "Commune (nom)", None, ("commune", "ville", "localite", "commune de residence", "lieu")),
    FieldSpec("commune_insee", "Commune (code INSEE)", None, ("code insee", "insee", "code commune", "cog")),
    FieldSpec("email", "E-mail", n.parse_email,
              ("e mail", "email", "mail", "courriel", "adresse e mail", "adresse electronique", "adresse mail")),
    FieldSpec("telephone", "Téléphone", n.parse_phone,
              ("telephone", "tel", "portable", "mobile", "telephone portable", "numero de telephone", "tel portable")),
    FieldSpec("notes", "Notes", _long_text,
              ("notes", "note", "commentaire", "commentaires", "observations", "remarques")),
)

PERSONNES = (
    FieldSpec("nom", "Nom", _text(100), ("nom", "nom de famille", "nom usuel", "nom de naissance")),
    FieldSpec("prenom", "Prénom", _text(100), ("prenom", "prenoms", "first name")),
    FieldSpec("nom_complet", "« NOM Prénom » (une seule colonne)", None,
              ("nom prenom", "nom et prenom", "prenom nom", "identite", "beneficiaire", "porteur", "porteur de projet",
               "nom complet", "personne")),
    FieldSpec("civilite", "Civilité", None, ("civilite", "titre", "mme m")),
    FieldSpec("sexe", "Sexe", None, ("sexe", "genre", "h f")),
    FieldSpec("annee_naissance", "Année ou date de naissance", n.parse_birth_year,
              ("annee de naissance", "date de naissance", "naissance", "ne le", "nee le", "ne e le", "annee naissance",
               "ddn")),
    *_COMMON_PLACE,
    FieldSpec("situation", "Situation", None, ("situation", "statut", "situation professionnelle")),
    FieldSpec("prescripteur", "Prescripteur", _text(200), ("prescripteur", "oriente par", "orientation", "origine")),
    FieldSpec("consentement_date", "Date du consentement RGPD", n.parse_date,
              ("date du consentement", "consentement", "rgpd", "date rgpd")),
)

STRUCTURES = (
    FieldSpec("raison_sociale", "Raison sociale", _text(200),
              ("raison sociale", "nom de la structure", "structure", "denomination", "association", "nom structure",
               "organisme")),
    FieldSpec("sigle", "Sigle", _text(50), ("sigle", "acronyme")),
    FieldSpec("forme_juridique", "Forme juridique (code INSEE)", None,
              ("forme juridique", "categorie juridique", "statut juridique")),
    FieldSpec("siret", "SIRET", n.parse_siret, ("siret", "n siret", "numero siret", "no siret")),
    FieldSpec("siren", "SIREN (rapprochement seulement)", n.parse_siren, ("siren", "n siren", "numero siren")),
    FieldSpec("rna", "Numéro RNA", n.parse_rna, ("rna", "n rna", "numero rna", "numero w", "n w")),
    FieldSpec("naf", "Code NAF", None, ("naf", "code naf", "ape", "code ape", "naf ape")),
    FieldSpec("date_creation", "Date de création", n.parse_date, ("date de creation", "creation", "cree le")),
    *_COMMON_PLACE,
    FieldSpec("salaries", "Salariés", n.parse_count, ("salaries", "nombre de salaries", "nb salaries", "effectif")),
    FieldSpec("etp", "ETP", n.parse_number, ("etp", "equivalent temps plein", "nb etp")),
    FieldSpec("benevoles", "Bénévoles", n.parse_count, ("benevoles", "nombre de benevoles", "nb benevoles")),
    FieldSpec("budget", "Budget (€)", n.parse_amount_cents, ("budget", "budget annuel", "budget total")),
    FieldSpec("esus", "Agrément ESUS (oui/non)", _bool, ("esus", "agrement esus", "agree esus")),
    FieldSpec("collectivite", "Collectivité (oui/non)", _bool, ("collectivite", "collectivite locale", "epci")),
)

DOSSIERS = (
    FieldSpec("reference", "Référence (ancienne ou actuelle)", _text(40),
              ("reference", "ref", "n dossier", "numero de dossier", "n de dossier", "numero", "reference dossier")),
    FieldSpec("dispositif", "Dispositif", None, ("dispositif", "programme", "action", "dispositif d accompagnement")),
    FieldSpec("type", "Type de dossier", None, ("type", "type de dossier", "type d accompagnement")),
    FieldSpec("titre", "Titre du projet", _text(200),
              ("titre", "projet", "intitule", "nom du projet", "titre du projet", "intitule du projet")),
    FieldSpec("description", "Description", _long_text, ("description", "description du projet", "besoins")),
    FieldSpec("etape", "Étape", None, ("etape", "statut du dossier", "avancement", "phase", "etape actuelle")),
    FieldSpec("date_ouverture", "Date d'ouverture", n.parse_date,
              ("date d ouverture", "date d entree", "ouverture", "date de debut", "debut", "date premier contact",
               "date d accueil", "date")),
    FieldSpec("date_cloture", "Date de clôture", n.parse_date,
              ("date de cloture", "cloture", "date de fin", "fin", "date de sortie")),
    FieldSpec("motif_cloture", "Motif de clôture", None, ("motif de cloture", "motif", "motif de sortie")),
    FieldSpec("beneficiaires", "Bénéficiaires (« NOM Prénom », séparés par ;)", None,
              ("beneficiaire", "beneficiaires", "porteur", "porteurs", "porteur de projet", "porteurs de projet",
               "nom prenom", "personne", "personnes")),
    FieldSpec("beneficiaire_email", "E-mail du porteur", n.parse_email,
              ("e mail", "email", "courriel", "mail", "e mail du porteur")),
    FieldSpec("structure", "Structure (raison sociale)", _text(200),
              ("structure", "raison sociale", "association", "nom de la structure", "organisme")),
    FieldSpec("siret", "SIRET de la structure", n.parse_siret, ("siret", "n siret", "numero siret")),
    *(f for f in _COMMON_PLACE if f.key in ("code_postal", "commune", "commune_insee")),
    FieldSpec("referent", "Référent (accompagnateur)", None,
              ("referent", "accompagnateur", "conseiller", "charge de mission", "suivi par", "referent e")),
    FieldSpec("emplois_crees_etp", "Emplois créés (ETP)", n.parse_number,
              ("emplois crees", "emplois crees etp", "etp crees")),
    FieldSpec("emplois_consolides_etp", "Emplois consolidés (ETP)", n.parse_number,
              ("emplois consolides", "emplois consolides etp", "etp consolides")),
    FieldSpec("fonds_mobilises", "Fonds mobilisés (€)", n.parse_amount_cents,
              ("fonds mobilises", "montant mobilise", "financements obtenus", "fonds leves")),
)

RENDEZ_VOUS = (
    FieldSpec("reference", "Référence du dossier", _text(40),
              ("reference", "ref", "n dossier", "numero de dossier", "reference dossier", "dossier")),
    FieldSpec("participant", "Participant (« NOM Prénom »)", None,
              ("participant", "beneficiaire", "porteur", "personne", "nom prenom", "avec")),
    FieldSpec("date", "Date", n.parse_date, ("date", "date du rendez vous", "date rdv", "jour", "le")),
    FieldSpec("heure_debut", "Heure de début", None, ("heure", "heure de debut", "debut", "de")),
    FieldSpec("heure_fin", "Heure de fin", None, ("heure de fin", "fin", "a")),
    FieldSpec("duree_minutes", "Durée (minutes ou 1h30)", None, ("duree", "duree en minutes", "temps passe")),
    FieldSpec("type", "Type de rendez-vous", None, ("type", "type de rendez vous", "type rdv", "nature")),
    FieldSpec("lieu_type", "Lieu (bureau, sur site, visio, téléphone)", None, ("lieu", "modalite", "mode")),
    FieldSpec("statut", "Statut (prévu, réalisé, annulé, absent)", None, ("statut", "etat", "realise")),
    FieldSpec("objet", "Objet", _text(300), ("objet", "sujet", "motif du rendez vous")),
    FieldSpec("compte_rendu", "Compte-rendu", _long_text,
              ("compte rendu", "cr", "notes", "compte rendu d entretien", "observations", "commentaire")),
    FieldSpec("referent", "Accompagnateur", None, ("accompagnateur", "referent", "conseiller", "avec qui")),
)

ATELIERS = (
    FieldSpec("titre", "Atelier (titre)", _text(200),
              ("atelier", "titre", "intitule", "session", "titre de l atelier")),
    FieldSpec("theme", "Thème", _text(200), ("theme", "sujet")),
    FieldSpec("date", "Date", n.parse_date, ("date", "date de l atelier", "le", "jour")),
    FieldSpec("heure", "Heure", None, ("heure", "horaire", "heure de debut")),
    FieldSpec("lieu", "Lieu", _text(300), ("lieu", "salle", "adresse")),
    *(f for f in _COMMON_PLACE if f.key in ("commune", "code_postal")),
    FieldSpec("participant", "Participant (« NOM Prénom »)", None,
              ("participant", "nom prenom", "nom et prenom", "personne", "inscrit", "stagiaire", "nom")),
    FieldSpec("email", "E-mail du participant", n.parse_email, ("e mail", "email", "courriel", "mail")),
    FieldSpec("present", "Présence (oui/non)", None, ("present", "presence", "present e", "emargement", "signe")),
)

KINDS: dict[str, tuple[FieldSpec, ...]] = {"personnes": PERSONNES, "structures": STRUCTURES, "dossiers": DOSSIERS,
                                           "rendez_vous": RENDEZ_VOUS, "ateliers": ATELIERS}
KIND_LABELS = {"personnes": "Personnes", "structures": "Structures", "dossiers": "Dossiers et leurs bénéficiaires",
               "rendez_vous": "Historique des rendez-vous", "ateliers": "Présences aux ateliers"}
# Kinds named by the issue that this version does not import yet (refused with a French message).
NOT_YET: dict[str, str] = {}


def spec(kind: str, key: str) -> FieldSpec:
    for f in KINDS[kind]:
        if f.key == key:
            return f
    raise KeyError(key)
