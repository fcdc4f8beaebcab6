"""The five programmes (dispositifs), their étapes and allowed transitions — as data.

Screens and services read this table; nothing else hard-codes a dispositif.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CLOTURE = "cloture"


@dataclass(frozen=True)
class Etape:
    code: str
    libelle: str


@dataclass(frozen=True)
class Dispositif:
    code: str
    nom: str
    prefixe: str  # reference prefix, e.g. "DLA" in DLA-2026-K7QF-0042
    public: str
    types: tuple[str, ...]
    etapes: tuple[Etape, ...]
    description: str = ""
    extra_transitions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def etape_initiale(self) -> str:
        return self.etapes[0].code

    def etape(self, code: str) -> Etape:
        for e in self.etapes:
            if e.code == code:
                return e
        raise KeyError(code)

    def libelle_etape(self, code: str) -> str:
        try:
            return self.etape(code).libelle
        except KeyError:
            return code

    def codes(self) -> list[str]:
        return [e.code for e in self.etapes]

    def transitions(self, code: str) -> list[str]:
        """Étapes reachable from ``code``: the next one, the previous one (a correction),
        closing from any open étape, and re-opening a closed dossier at its last open étape."""
        codes = self.codes()
        i = codes.index(code)
        out: list[str] = []
        if code == CLOTURE:
            out.append(codes[-2])  # réouverture
        else:
            if i + 1 < len(codes):
                out.append(codes[i + 1])
            if i > 0:
                out.append(codes[i - 1])
            if CLOTURE not in out:
                out.append(CLOTURE)
        out.extend(self.extra_transitions.get(code, ()))
        return list(dict.fromkeys(out))

    def peut_passer(self, de: str, vers: str) -> bool:
        return vers in self.transitions(de)


TYPES_DOSSIER: dict[str, str] = {
    "creation": "Création",
    "reprise": "Reprise",
    "consolidation": "Consolidation",
    "emergence": "Émergence",
    "orientation": "Orientation",
    "financement_participatif": "Financement participatif",
}

MOTIFS_CLOTURE: dict[str, str] = {
    "termine": "Terminé",
    "abandon": "Abandon",
    "reorientation": "Réorientation vers…",
    "sans_suite": "Sans suite",
}
MOTIFS_AVEC_PRECISION = {"reorientation"}

#: DLA: type of the ingénierie (prestations of a consultant for one structure, for several, or both).
INGENIERIE_TYPES: dict[str, str] = {
    "individuelle": "Individuelle",
    "collective": "Collective",
    "les_deux": "Individuelle et collective",
}
#: DLA: result of the follow-up 6 and 24 months after the ingénierie.
SUIVI_RESULTATS: dict[str, str] = {
    "consolidee": "Structure consolidée",
    "en_difficulte": "En difficulté",
    "cessation": "Cessation d'activité",
    "non_joignable": "Non joignable",
}
#: The two DLA follow-ups: months after the ingénierie → label.
SUIVIS_DLA: dict[int, str] = {6: "Suivi à 6 mois", 24: "Suivi à 24 mois"}

DISPOSITIFS: dict[str, Dispositif] = {
    d.code: d
    for d in (
        Dispositif(
            code="puls_actions",
            nom="Puls'Actions",
            prefixe="PULS",
            public="Collectifs de porteurs, associations non employeuses, structures de l'ESS : création ou reprise",
            description="Accompagnement à la création et à la reprise de structures de l'économie sociale et "
            "solidaire, avec le groupe GRAIS.",
            types=("creation", "reprise", "emergence"),
            etapes=(
                Etape("accueil", "Accueil"),
                Etape("emergence", "Émergence"),
                Etape("structuration", "Structuration (étude, modèle économique, statuts)"),
                Etape("lancement", "Lancement"),
                Etape("suivi_post_creation", "Suivi post-création"),
                Etape(CLOTURE, "Clôture"),
            ),
        ),
        Dispositif(
            code="dla",
            nom="DLA",
            prefixe="DLA",
            public="Structures employeuses de l'ESS (associations, coopératives, entreprises ESUS) : consolidation",
            description="Dispositif Local d'Accompagnement : consolidation des structures employeuses de l'ESS.",
            types=("consolidation",),
            etapes=(
                Etape("accueil", "Accueil"),
                Etape("diagnostic", "Diagnostic partagé"),
                Etape("plan_accompagnement", "Plan d'accompagnement"),
                Etape("ingenierie", "Ingénierie (prestations individuelles / collectives)"),
                Etape("suivi", "Suivi (6 et 24 mois)"),
                Etape(CLOTURE, "Clôture"),
            ),
        ),
        Dispositif(
            code="generateur_bfc",
            nom="Générateur BFC",
            prefixe="GEN",
            public="Collectivités locales et EPCI créant de l'activité économique sur leur territoire",
            description="Générateur Bourgogne-Franche-Comté : faire émerger des activités économiques "
            "à partir des besoins d'un territoire.",
            types=("emergence", "creation"),
            etapes=(
                Etape("opportunite", "Opportunité"),
                Etape("etude", "Étude"),
                Etape("emergence_projet", "Émergence d'un projet"),
                Etape("transmission_portage", "Transmission / portage"),
                Etape(CLOTURE, "Clôture"),
            ),
        ),
        Dispositif(
            code="crdva",
            nom="CRDVA",
            prefixe="CRDVA",
            public="Toute personne engagée dans une association ou qui en crée une : orientation",
            description="Centre de Ressources Départemental à la Vie Associative : information et orientation.",
            types=("orientation",),
            etapes=(
                Etape("accueil_question", "Accueil / question"),
                Etape("reponse_orientation", "Réponse ou orientation"),
                Etape(CLOTURE, "Clôture"),
            ),
        ),
        Dispositif(
            code="graines_actions",
            nom="Graines d'Actions",
            prefixe="GRAINES",
            public="Projets à valeur sociale ou environnementale en financement participatif",
            description="Accompagnement des campagnes de financement participatif de projets à utilité sociale "
            "ou environnementale.",
            types=("financement_participatif",),
            etapes=(
                Etape("accompagnement_campagne", "Accompagnement de la campagne"),
                Etape("mise_en_ligne", "Mise en ligne"),
                Etape("collecte", "Collecte"),
                Etape("versement", "Versement"),
                Etape(CLOTURE, "Clôture"),
            ),
        ),
    )
}


def get_dispositif(code: str) -> Dispositif:
    try:
        return DISPOSITIFS[code]
    except KeyError:
        raise KeyError(f"dispositif inconnu : {code}") from None


def dispositif_par_nom(nom_ou_code: str) -> Dispositif:
    """Find a dispositif by code or display name, ignoring case and accents ("graines" works)."""
    import unicodedata

    def norm(s: str) -> str:
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
        return "".join(ch for ch in s if ch.isalnum())

    wanted = norm(nom_ou_code)
    for d in DISPOSITIFS.values():
        if wanted in (norm(d.code), norm(d.nom), norm(d.prefixe)):
            return d
    for d in DISPOSITIFS.values():
        if norm(d.nom).startswith(wanted):
            return d
    raise KeyError(f"dispositif inconnu : {nom_ou_code}")
