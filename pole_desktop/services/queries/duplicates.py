"""« Doublons… »: the pairs of people or structures that are probably the same, with the labels that
tell them apart — plain data for the dialog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from pole_desktop.services import personnes, structures
from pole_desktop.storage.search import commune_name


@dataclass(frozen=True)
class DuplicatePair:
    first_id: str
    second_id: str
    first: str  # label
    second: str
    reason: str


def _label(kind: str, r: Any) -> str:
    if kind == "personne":
        bits = [r.nom_complet]
        if r.annee_naissance:
            bits.append(str(r.annee_naissance))
    else:
        bits = [r.raison_sociale]
    if r.commune_insee:
        bits.append(commune_name(r.commune_insee))
    return " · ".join(bits)


def duplicate_pairs(s: Session, kind: str) -> list[DuplicatePair]:
    found = personnes.all_duplicate_pairs(s) if kind == "personne" else structures.all_duplicate_pairs(s)
    return [DuplicatePair(a.id, b.id, _label(kind, a), _label(kind, b), reason) for a, b, reason in found]
