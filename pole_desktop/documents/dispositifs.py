"""Standard wording of each dispositif for the convention and the attestation.

Kept in one place so the association can review it; a :class:`ConventionData` may override any
part for one dossier.
"""

from __future__ import annotations

from dataclasses import dataclass

from pole_desktop.documents.views import Dispositif

__all__ = ["COMMON_BENEFICIARY_COMMITMENTS", "COMMON_POLE_COMMITMENTS", "DISPOSITIF_TEXTS", "DispositifText"]


@dataclass(frozen=True, slots=True)
class DispositifText:
    title: str  # subtitle of the convention: "Dispositif Local d'Accompagnement (DLA)"
    cadre: str  # completes "dans le cadre …": "du dispositif Puls'Actions"
    description: str
    engagements_pole: tuple[str, ...]
    engagements_beneficiaire: tuple[str, ...]
    financeurs: str  # completes "L'accompagnement est gratuit pour le bénéficiaire : il est financé par …"


COMMON_POLE_COMMITMENTS = (
    (
        "respecter la confidentialité des informations confiées par le bénéficiaire, qui ne sont "
        "communiquées à aucun tiers sans son accord ;"
    ),
    "informer le bénéficiaire de toute difficulté rencontrée dans la conduite de l'accompagnement.",
)

COMMON_BENEFICIARY_COMMITMENTS = (
    "prendre les décisions relatives à son projet, dont il reste seul responsable ;",
    "informer le Pôle de tout changement important (coordonnées, situation, abandon du projet).",
)

DISPOSITIF_TEXTS: dict[Dispositif, DispositifText] = {
    Dispositif.PULS_ACTIONS: DispositifText(
        title="Dispositif Puls'Actions",
        cadre="du dispositif Puls'Actions",
        description=(
            "Puls'Actions, porté avec le groupe GRAIS, accompagne les collectifs de porteurs de "
            "projet, les associations non employeuses et les structures de l'économie sociale et "
            "solidaire dans la création ou la reprise d'une activité : émergence de l'idée, "
            "structuration du projet (étude, modèle économique, choix des statuts), lancement de "
            "l'activité, puis suivi après la création."
        ),
        engagements_pole=(
            (
                "désigner un·e accompagnateur·rice référent·e, interlocuteur·rice du bénéficiaire pendant "
                "toute la durée de l'accompagnement ;"
            ),
            (
                "aider le bénéficiaire à préciser son projet, à en étudier la faisabilité et à construire "
                "son modèle économique ;"
            ),
            "l'éclairer sur le choix de la forme juridique et la rédaction des statuts ;",
            "l'orienter vers les partenaires et les financements adaptés à son projet ;",
            "assurer un suivi après le lancement de l'activité ;",
        ),
        engagements_beneficiaire=(
            "participer activement aux rendez-vous et ateliers convenus, et prévenir en cas d'empêchement ;",
            "fournir des informations exactes et les documents utiles à l'accompagnement ;",
            "réaliser les travaux convenus entre deux rendez-vous ;",
            (
                "faire connaître au Pôle les suites du projet (création de la structure, emplois, "
                "financements obtenus), y compris après la fin de l'accompagnement ;"
            ),
        ),
        financeurs="les partenaires publics du dispositif Puls'Actions",
    ),
    Dispositif.DLA: DispositifText(
        title="Dispositif Local d'Accompagnement (DLA)",
        cadre="du Dispositif Local d'Accompagnement (DLA)",
        description=(
            "Le Dispositif Local d'Accompagnement (DLA) aide les structures employeuses de "
            "l'économie sociale et solidaire (associations, coopératives, entreprises solidaires "
            "d'utilité sociale) à consolider leur activité et leurs emplois. Il repose sur un "
            "diagnostic partagé de la structure, un plan d'accompagnement et, le cas échéant, des "
            "prestations de conseil individuelles ou collectives confiées à des prestataires "
            "spécialisés."
        ),
        engagements_pole=(
            (
                "réaliser avec la structure un diagnostic partagé de sa situation (projet, activités, "
                "gouvernance, ressources humaines, modèle économique) ;"
            ),
            "construire avec elle un plan d'accompagnement répondant aux priorités identifiées ;",
            (
                "mobiliser, si le plan le prévoit, des prestataires pour des missions de conseil "
                "individuelles ou collectives, dans la limite des moyens du dispositif ;"
            ),
            "assurer le suivi de l'accompagnement, notamment six mois puis vingt-quatre mois après sa fin ;",
        ),
        engagements_beneficiaire=(
            "associer à la démarche ses dirigeant·e·s bénévoles et ses salarié·e·s concerné·e·s ;",
            (
                "transmettre les documents nécessaires au diagnostic (statuts, comptes annuels, budget "
                "prévisionnel, rapport d'activité) ;"
            ),
            "participer aux prestations décidées et faciliter le travail des prestataires ;",
            "répondre aux enquêtes de suivi, six mois et vingt-quatre mois après l'accompagnement ;",
        ),
        financeurs="l'État, la Banque des Territoires et les autres financeurs publics du DLA",
    ),
    Dispositif.GENERATEUR_BFC: DispositifText(
        title="Générateur Bourgogne-Franche-Comté",
        cadre="du Générateur Bourgogne-Franche-Comté",
        description=(
            "Le Générateur Bourgogne-Franche-Comté accompagne les collectivités locales et les "
            "intercommunalités qui souhaitent faire naître des activités économiques d'utilité "
            "sociale sur leur territoire : repérage d'une opportunité, étude, émergence d'un projet, "
            "puis transmission à des porteurs qui le mèneront."
        ),
        engagements_pole=(
            "animer la démarche avec les élu·e·s et les services de la collectivité ;",
            "réaliser ou coordonner l'étude d'opportunité et de faisabilité de l'activité envisagée ;",
            "mobiliser les acteurs locaux, habitant·e·s et partenaires susceptibles de porter le projet ;",
            "accompagner la transmission du projet à ses futur·e·s porteur·se·s ;",
        ),
        engagements_beneficiaire=(
            "désigner un·e élu·e référent·e et un·e interlocuteur·rice technique ;",
            "mettre à disposition les données et documents utiles sur le territoire ;",
            "participer aux comités de pilotage et faire connaître ses décisions au Pôle ;",
            "faciliter la mobilisation des acteurs locaux et l'accès aux locaux nécessaires ;",
        ),
        financeurs="les partenaires publics du Générateur Bourgogne-Franche-Comté",
    ),
    Dispositif.CRDVA: DispositifText(
        title="CRDVA",
        cadre="du CRDVA",
        description=(
            "Le CRDVA répond aux questions des bénévoles, des dirigeant·e·s et des personnes qui "
            "créent une association (création, fonctionnement, gouvernance, emploi, financement) "
            "et les oriente, si besoin, vers les partenaires compétents."
        ),
        engagements_pole=(
            "apporter une première réponse aux questions posées, dans des délais raisonnables ;",
            "orienter le bénéficiaire vers les ressources et partenaires adaptés ;",
        ),
        engagements_beneficiaire=(
            (
                "présenter sa demande de façon précise et transmettre les documents utiles (statuts, "
                "procès-verbaux…) ;"
            ),
        ),
        financeurs="les partenaires publics du CRDVA",
    ),
    Dispositif.GRAINES_ACTIONS: DispositifText(
        title="Dispositif Graines d'Actions",
        cadre="du dispositif Graines d'Actions",
        description=(
            "Graines d'Actions accompagne les projets à dimension sociale ou environnementale qui "
            "souhaitent réunir des fonds par le financement participatif : préparation de la "
            "campagne, mise en ligne, animation de la collecte et versement des fonds."
        ),
        engagements_pole=(
            (
                "aider le bénéficiaire à fixer l'objectif de collecte, les contreparties et le "
                "calendrier de la campagne ;"
            ),
            "le conseiller sur la présentation du projet et la communication de la campagne ;",
            "suivre la collecte et l'aider à l'animer jusqu'à son terme ;",
            "l'informer des conditions de versement des fonds ;",
        ),
        engagements_beneficiaire=(
            "préparer les contenus de la campagne (textes, visuels, vidéo) ;",
            "mobiliser son réseau pendant toute la durée de la collecte ;",
            "honorer les contreparties promises aux contributeurs et contributrices ;",
            "informer le Pôle du résultat de la collecte et de l'utilisation des fonds ;",
        ),
        financeurs="les partenaires publics de Graines d'Actions",
    ),
}
