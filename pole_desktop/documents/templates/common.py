"""Wording shared by the convention and the attestation: parties, agreement, "Fait à …"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pole_desktop.documents.typography import format_siret
from pole_desktop.documents.views import Personne, Structure

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from pole_desktop.documents.base import Letterhead

#: Retention of the supporting documents of a funded action (émargements, conventions): long
#: enough for an FSE+ audit — 5 years from 31 December of the year of the last payment of the
#: operation (règlement (UE) 2021/1060, art. 82) — which also covers the other funders' checks.
RETENTION_FUNDERS = (
    "jusqu'à la fin de la période de contrôle des financeurs — pour une action cofinancée par le FSE+, "
    "5 ans à compter du 31 décembre de l'année du dernier paiement (règlement (UE) 2021/1060, art. 82)"
)


def privacy_contact(lh: Letterhead) -> str:
    return lh.email or f"{lh.legal_name}, {lh.address}"


def data_protection_line(lh: Letterhead, purpose: str) -> str:
    """The short notice printed on every document that lists people (art. 13 RGPD, in one line)."""
    return (
        f"Données personnelles : responsable du traitement {lh.legal_name} ({lh.address}) ; finalité : "
        f"{purpose} ; droits d'accès, de rectification, d'effacement, de limitation et d'opposition : "
        f"{privacy_contact(lh)} ; réclamation possible auprès de la CNIL (www.cnil.fr). Document à ne pas "
        f"diffuser au-delà de ses destinataires."
    )


def funder_mentions(lh: Letterhead) -> list[Flowable]:
    """The funders' logos and the mentions they require (settings), as a small block; [] when none."""
    if not lh.funder_mentions and not lh.funder_logos:
        return []
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Spacer, Table

    from pole_desktop.documents.blocks import paragraph
    from pole_desktop.documents.styles import NOTE

    out: list[Flowable] = [Spacer(0, 2 * mm)]
    images = []
    for path in lh.funder_logos:
        try:
            from reportlab.lib.utils import ImageReader

            w, h = ImageReader(str(path)).getSize()
            height = 12 * mm
            images.append(Image(str(path), width=height * w / h, height=height))
        except Exception:  # noqa: BLE001 - an unreadable logo is left out, never breaks a document
            continue
    if images:
        out.append(Table([images], hAlign="LEFT", style=[("LEFTPADDING", (0, 0), (-1, -1), 0),
                                                          ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm)]))
    out += [paragraph(m, NOTE) for m in lh.funder_mentions]
    return out

__all__ = [
    "beneficiary_name",
    "beneficiary_signature_lines",
    "done_at",
    "party_people",
    "party_structure",
    "past_participle",
    "representative",
]

BLANK_DATE = "……………………………"


def representative(structure: Structure, personnes: Sequence[Personne]) -> Personne | None:
    if structure.representation:  # a local authority: only its maire / président·e represents it
        return structure.representant
    return structure.representant or (personnes[0] if personnes else None)


def _lower_first(label: str) -> str:
    """``Association déclarée`` → ``association déclarée``; acronyms (``SCIC SAS``) stay."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def _person_with_role(p: Personne) -> str:
    return f"{p.designation}, {p.role}" if p.role else p.designation


def party_structure(structure: Structure, personnes: Sequence[Personne]) -> str:
    """``Les Jardins de Vitteaux (JDV), association déclarée, SIRET …, dont le siège est situé …,
    représentée par Mme Claire Durand, présidente,``"""
    parts = [structure.nom_affiche]
    if structure.forme_juridique:
        parts.append(_lower_first(structure.forme_juridique))
    if structure.siret:
        parts.append(f"SIRET {format_siret(structure.siret)}")
    if structure.rna:
        parts.append(f"RNA {structure.rna}")
    if structure.adresse is not None and structure.adresse.une_ligne():
        parts.append(f"dont le siège est situé {structure.adresse.une_ligne()}")
    rep = representative(structure, personnes)
    if rep is not None:
        parts.append(f"représentée par {_person_with_role(rep)}")
    elif structure.representation:
        parts.append(f"représentée par {structure.representation}")
    return ", ".join(parts) + ","


def party_people(personnes: Sequence[Personne]) -> str:
    """``Mme Claire Durand, demeurant 3 rue …, 21000 Dijon ; M. Amine Benali, …,``"""
    items = []
    for p in personnes:
        item = p.designation
        if p.adresse is not None and p.adresse.une_ligne():
            item += f", demeurant {p.adresse.une_ligne()}"
        if p.role:
            item += f", {p.role}"
        items.append(item)
    return " ; ".join(items) + ","


def done_at(city: str, date_text: str) -> str:
    """``Fait à Dijon, le 26 novembre 2026`` (dotted blank when the date is not known yet)."""
    return f"Fait à {city}, le {date_text or BLANK_DATE}"


def beneficiary_signature_lines(structure: Structure | None, personnes: Sequence[Personne]) -> list[str]:
    if structure is not None:
        rep = representative(structure, personnes)
        lines = [structure.nom_affiche]
        if rep is not None:
            lines.append(_person_with_role(rep))
        elif structure.representation:
            lines.append(structure.representation[0].upper() + structure.representation[1:])
    else:
        lines = [p.designation for p in personnes]
    return lines


def past_participle(stem: str, personnes: Sequence[Personne], structure: Structure | None) -> str:
    """Agree ``accompagné`` with who was accompanied: ``accompagnée``, ``accompagnés``, ``accompagné·e``…

    The persons decide when there are any; a structure alone is "la structure …" (feminine).
    """
    if not personnes:
        return stem + "e" if structure is not None else stem + "·e"
    civilites = {p.civilite.strip().lower().rstrip(".") for p in personnes}
    plural = len(personnes) > 1
    if civilites <= {"mme", "mlle", "madame"}:
        return stem + ("es" if plural else "e")
    if civilites <= {"m", "monsieur"}:
        return stem + ("s" if plural else "")
    return stem + ("·e·s" if plural else "·e")


def beneficiary_name(personnes: Sequence[Personne], structure: Structure | None) -> str:
    """``Mme Claire Durand et M. Amine Benali, pour la structure « Les Jardins de Vitteaux »``."""
    people = [p.designation for p in personnes]
    who = ", ".join(people[:-1]) + " et " + people[-1] if len(people) > 1 else "".join(people)
    if structure is None:
        return who
    struct = f"la structure « {structure.nom_affiche} »"
    return f"{who}, pour {struct}" if who else struct


def privacy_footer(lh: Letterhead, purpose: str) -> list[Flowable]:
    """The data-protection line closing a document that lists people."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from pole_desktop.documents.blocks import paragraph
    from pole_desktop.documents.styles import NOTE

    return [Spacer(0, 4 * mm), paragraph(data_protection_line(lh, purpose), NOTE)]
