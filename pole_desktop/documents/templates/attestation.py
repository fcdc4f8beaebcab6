"""Attestation d'accompagnement: certifies that someone was accompanied from … to … within …"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from pole_desktop.documents.base import DocumentMeta, Letterhead, build_pdf
from pole_desktop.documents.blocks import SignatureBlock, paragraph, signature_blocks, title_block
from pole_desktop.documents.dispositifs import DISPOSITIF_TEXTS
from pole_desktop.documents.styles import CONTENT_WIDTH, LEAD
from pole_desktop.documents.templates.common import beneficiary_name, done_at, past_participle
from pole_desktop.documents.typography import format_date, format_duration
from pole_desktop.documents.views import AttestationData

__all__ = ["render_attestation"]


def certification_text(d: AttestationData, lh: Letterhead) -> str:
    """The sentence that matters, e.g. ``Le Pôle … atteste que Mme Claire Durand a été accompagnée
    du 3 mars 2026 au 26 novembre 2026 dans le cadre du dispositif Puls'Actions…``"""
    cadre = DISPOSITIF_TEXTS[d.dossier.dispositif].cadre
    who = beneficiary_name(d.personnes, d.structure)
    participle = past_participle("accompagné", d.personnes, d.structure)
    plural = len(d.personnes) > 1
    if d.date_fin is not None:
        verb = "ont été" if plural else "a été"
        when = f"{verb} {participle} du {format_date(d.date_debut)} au {format_date(d.date_fin)}"
    else:
        verb = "sont" if plural else "est"
        when = f"{verb} {participle} depuis le {format_date(d.date_debut)}"
    text = f"Le {lh.legal_name} atteste que {who} {when} dans le cadre {cadre}"
    if d.dossier.titre:
        text += f", pour le projet « {d.dossier.titre} »"
    return text + "."


def build_story(d: AttestationData, lh: Letterhead) -> list[Flowable]:
    story: list[Flowable] = []
    story += title_block("Attestation d'accompagnement", meta_line=f"Dossier {d.dossier.reference}")
    story.append(Spacer(0, 14 * mm))
    story.append(paragraph(certification_text(d, lh), LEAD))
    details = []
    if d.nombre_rendez_vous:
        n = d.nombre_rendez_vous
        details.append(f"{n} rendez-vous" if n > 1 else "un rendez-vous")
    if d.duree_totale_minutes:
        details.append(f"{format_duration(d.duree_totale_minutes)} au total")
    if details:
        story.append(
            paragraph(
                f"Cet accompagnement, gratuit pour le bénéficiaire, a comporté {', soit '.join(details)}.",
                LEAD,
            )
        )
    else:
        story.append(paragraph("Cet accompagnement a été gratuit pour le bénéficiaire.", LEAD))
    story.append(
        paragraph("La présente attestation est délivrée pour servir et valoir ce que de droit.", LEAD)
    )
    story.append(Spacer(0, 12 * mm))
    date_text = format_date(d.date_signature) if d.date_signature else ""
    sig = d.signataire_pole
    story.append(
        signature_blocks(
            [
                SignatureBlock(
                    done_at(d.lieu_signature or lh.city, date_text),
                    (f"Pour le {lh.legal_name}", sig.nom, sig.qualite),
                    "Signature et cachet",
                )
            ],
            width=CONTENT_WIDTH * 0.5,
            box_height=32 * mm,
            align="RIGHT",
        )
    )
    return story


def render_attestation(data: AttestationData, meta: DocumentMeta) -> bytes:
    meta = meta.completed(
        title="Attestation d'accompagnement",
        label="attestation",
        subject=f"Attestation d'accompagnement — {data.dossier.dispositif.label} — dossier {data.dossier.reference}",
    )
    return build_pdf(build_story(data, meta.letterhead), meta)
