"""Wording shared by the convention and the attestation: parties, agreement, "Fait à …"."""

from __future__ import annotations

from collections.abc import Sequence

from pole_desktop.documents.typography import format_siret
from pole_desktop.documents.views import Personne, Structure

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
