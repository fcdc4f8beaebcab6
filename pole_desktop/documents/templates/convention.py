"""Convention d'accompagnement: parties, objet, dispositif, durée, engagements, gratuité, RGPD,
signatures."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from pole_desktop.documents.base import DocumentMeta, Letterhead, build_pdf
from pole_desktop.documents.blocks import (
    SignatureBlock,
    bullet_list,
    paragraph,
    section,
    signature_blocks,
    title_block,
)
from pole_desktop.documents.dispositifs import (
    COMMON_BENEFICIARY_COMMITMENTS,
    COMMON_POLE_COMMITMENTS,
    DISPOSITIF_TEXTS,
)
from pole_desktop.documents.styles import BODY, BODY_JUSTIFIED
from pole_desktop.documents.templates.common import (
    RETENTION_FUNDERS,
    beneficiary_signature_lines,
    done_at,
    funder_mentions,
    party_people,
    party_structure,
    privacy_contact,
)
from pole_desktop.documents.typography import format_date
from pole_desktop.documents.views import ConventionData

__all__ = ["RETENTION_YEARS", "render_convention"]

RETENTION_YEARS = 3


def _gdpr(lh: Letterhead) -> list[Flowable]:
    contact = privacy_contact(lh)
    return [
        paragraph(
            f"Les informations recueillies dans le cadre de l'accompagnement (identité et coordonnées "
            f"des personnes, informations sur la structure et le projet, comptes-rendus des "
            f"rendez-vous) sont enregistrées par le {lh.legal_name}, responsable du traitement, pour "
            f"assurer l'accompagnement et son suivi, et pour rendre compte de son activité aux "
            f"financeurs du dispositif sous forme de statistiques.",
            BODY_JUSTIFIED,
        ),
        paragraph(
            "Ce traitement repose sur l'exécution de la présente convention. Les données ne sont "
            "accessibles qu'aux accompagnateur·rice·s du Pôle ; elles ne sont ni vendues ni cédées. "
            "Les financeurs ne reçoivent que des données agrégées, sauf les pièces justificatives "
            "qu'ils exigent (conventions, feuilles d'émargement).",
            BODY_JUSTIFIED,
        ),
        paragraph(
            f"Les données sont conservées pendant {RETENTION_YEARS} ans après le dernier contact avec "
            f"le bénéficiaire, puis supprimées ou rendues anonymes ; la présente convention et les pièces "
            f"justificatives exigées par les financeurs sont conservées {RETENTION_FUNDERS}.",
            BODY_JUSTIFIED,
        ),
        paragraph(
            f"Chaque personne concernée dispose d'un droit d'accès, de rectification, d'effacement, "
            f"de limitation et d'opposition au traitement de ses données, ainsi que d'un droit à leur "
            f"portabilité. Pour les exercer : {contact}. Elle peut aussi adresser une réclamation à la "
            f"CNIL (www.cnil.fr).",
            BODY_JUSTIFIED,
        ),
    ]


def build_story(d: ConventionData, lh: Letterhead) -> list[Flowable]:
    text = DISPOSITIF_TEXTS[d.dossier.dispositif]
    pole_name = lh.legal_name
    story: list[Flowable] = []
    story += title_block(
        "Convention d'accompagnement",
        text.title,
        f"Dossier {d.dossier.reference}" + (f" · {d.dossier.titre}" if d.dossier.titre else ""),
    )

    story += section("Entre les soussignés")
    signataire = d.signataire_pole
    qualite = signataire.qualite or "président·e"
    # The Pôle's legal representative (settings), never the advisor: "représenté par Mme X, présidente"
    # or, with no name configured, "représenté par son ou sa président·e".
    who = f"{signataire.nom}, {qualite}" if signataire.nom else f"son ou sa {qualite}"
    story.append(
        paragraph(
            f"Le {pole_name}, {lh.legal_form}, dont le siège est situé {lh.address}, représenté par "
            f"{who}, dûment habilité·e, ci-après dénommé « le Pôle »,",
            BODY_JUSTIFIED,
        )
    )
    story.append(paragraph("et", BODY_JUSTIFIED))
    if d.structure is not None:
        story.append(paragraph(party_structure(d.structure, d.personnes), BODY_JUSTIFIED))
    elif d.personnes:
        story.append(paragraph(party_people(d.personnes), BODY_JUSTIFIED))
    story.append(paragraph("ci-après dénommé « le bénéficiaire ».", BODY_JUSTIFIED))
    story.append(paragraph("Il est convenu ce qui suit.", BODY_JUSTIFIED))

    story += section("Article 1 — Objet")
    story.append(
        paragraph(
            "La présente convention fixe les conditions dans lesquelles le Pôle accompagne le "
            f"bénéficiaire dans le cadre {text.cadre}.",
            BODY_JUSTIFIED,
        )
    )
    if d.objet:
        story.append(paragraph(d.objet, BODY_JUSTIFIED))
    elif d.dossier.titre:
        story.append(
            paragraph(f"L'accompagnement porte sur le projet « {d.dossier.titre} ».", BODY_JUSTIFIED)
        )

    story += section("Article 2 — Le dispositif")
    story.append(paragraph(d.description_dispositif or text.description, BODY_JUSTIFIED))

    story += section("Article 3 — Durée")
    story.append(
        paragraph(
            f"La présente convention prend effet le {format_date(d.date_debut)} et prend fin le "
            f"{format_date(d.date_fin)}. Elle peut être prolongée par avenant. Chaque partie peut y "
            "mettre fin à tout moment, par écrit, en informant l'autre partie.",
            BODY_JUSTIFIED,
        )
    )

    story += section("Article 4 — Engagements du Pôle")
    story.append(paragraph("Le Pôle s'engage à :", BODY_JUSTIFIED))
    story += bullet_list((d.engagements_pole or text.engagements_pole) + COMMON_POLE_COMMITMENTS)

    story += section("Article 5 — Engagements du bénéficiaire")
    story.append(paragraph("Le bénéficiaire s'engage à :", BODY_JUSTIFIED))
    story += bullet_list(
        (d.engagements_beneficiaire or text.engagements_beneficiaire) + COMMON_BENEFICIARY_COMMITMENTS
    )

    story += section("Article 6 — Gratuité")
    story.append(
        paragraph(
            "L'accompagnement est gratuit pour le bénéficiaire : il est financé par "
            f"{d.financeurs or text.financeurs}. Aucune somme ne peut lui être demandée à ce titre.",
            BODY_JUSTIFIED,
        )
    )
    story += funder_mentions(lh)

    story += section("Article 7 — Protection des données personnelles")
    gdpr = _gdpr(lh)
    story += gdpr[:-1]

    signature_date = format_date(d.date_signature) if d.date_signature else ""
    # The signatures never stand alone on the last page: the last paragraph comes with them.
    story.append(
        KeepTogether(
            [
                gdpr[-1],
                Spacer(0, 4 * mm),
                paragraph(
                    done_at(d.lieu_signature or lh.city, signature_date) + ", en deux exemplaires.", BODY
                ),
                Spacer(0, 2 * mm),
                signature_blocks(
                    [
                        SignatureBlock(
                            f"Pour le {pole_name}",
                            (signataire.nom, qualite[0].upper() + qualite[1:]) if signataire.nom
                            else (qualite[0].upper() + qualite[1:],),
                            "Signature",
                        ),
                        SignatureBlock(
                            "Le bénéficiaire",
                            beneficiary_signature_lines(d.structure, d.personnes),
                            "Mention « Lu et approuvé » et signature",
                        ),
                    ],
                    box_height=28 * mm,
                ),
            ]
        )
    )
    return story


def render_convention(data: ConventionData, meta: DocumentMeta) -> bytes:
    meta = meta.completed(
        title="Convention d'accompagnement",
        label="convention",
        subject=f"Convention d'accompagnement — {data.dossier.dispositif.label} — dossier {data.dossier.reference}",
    )
    return build_pdf(build_story(data, meta.letterhead), meta)
