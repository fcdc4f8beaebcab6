"""« Doublons… »: the pairs of people or structures that are probably the same, with the labels that
tell them apart — plain data for the dialog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from pole_desktop.services import personnes, structures
from pole_desktop.services.common import get_or_error
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


@dataclass(frozen=True)
class MergeSide:
    id: str
    title: str  # « Nom Prénom (1984) » or the raison sociale
    values: dict[str, Any]  # field → stored value
    links: list[tuple[str, int]]  # what points at it: (French label, count), what a merge moves


def merge_sides(s: Session, kind: str, ids: tuple[str, str], fields: list[str]) -> list[MergeSide]:
    """The two records a merge compares, side by side."""
    from pole_desktop.domain.models import Personne, Structure
    from pole_desktop.services import fusion

    model: Any = Personne if kind == "personne" else Structure
    sides = []
    for i in ids:
        r = get_or_error(s, model, i, "Fiche")
        if kind == "personne":
            title = r.nom_complet + (f" ({r.annee_naissance})" if r.annee_naissance else "")
        else:
            title = r.raison_sociale
        sides.append(MergeSide(i, title, {f: getattr(r, f) for f in fields}, fusion.link_counts(s, kind, i)))
    return sides
