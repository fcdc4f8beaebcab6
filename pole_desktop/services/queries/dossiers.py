"""Dossiers list: what its filters offer — plain data for the screen."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pole_desktop.domain.models import Accompagnateur, Dossier


@dataclass(frozen=True)
class DossierFilterChoices:
    advisors: list[tuple[str, str, str]]  # (id, prénom, nom), by name
    years: list[int]  # years dossiers were opened, newest first


def dossier_filter_choices(s: Session) -> DossierFilterChoices:
    advisors = [(aid, prenom, nom) for aid, prenom, nom in s.execute(
        select(Accompagnateur.id, Accompagnateur.prenom, Accompagnateur.nom).order_by(Accompagnateur.nom)
    )]
    years = s.scalars(
        select(func.distinct(func.substr(Dossier.date_ouverture, 1, 4))).order_by(
            func.substr(Dossier.date_ouverture, 1, 4).desc()
        )
    ).all()
    return DossierFilterChoices(advisors, [int(y) for y in years if y])


def active_advisors(s: Session) -> list[tuple[str, str]]:
    """(id, name) of the active advisors, by name: who can be a dossier's référent."""
    return [(a.id, a.nom_complet) for a in s.scalars(
        select(Accompagnateur).where(Accompagnateur.actif.is_(True)).order_by(Accompagnateur.nom))]


def dossier_commune(s: Session, dossier_id: str) -> str | None:
    return s.scalar(select(Dossier.commune_insee).where(Dossier.id == dossier_id))
