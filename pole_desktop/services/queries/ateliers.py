"""Ateliers: the list (upcoming, then past), one atelier's detail and its counts — plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pole_desktop.domain.dispositifs import DISPOSITIFS
from pole_desktop.domain.models import Atelier, AtelierInscription, Personne


@dataclass(frozen=True)
class AtelierRow:
    id: str
    debut: dt.datetime
    titre: str
    lieu: str | None
    commune_insee: str | None
    capacite: int | None
    inscrits: int
    presents: int


@dataclass(frozen=True)
class AtelierList:
    upcoming: list[AtelierRow]  # soonest first
    past: list[AtelierRow]  # latest first


@dataclass(frozen=True)
class InscriptionRow:
    id: str
    nom: str
    prenom: str | None
    commune_insee: str | None
    present: bool | None


@dataclass(frozen=True)
class AtelierDetail:
    id: str
    titre: str
    debut: dt.datetime
    fin: dt.datetime
    lieu: str | None
    commune_insee: str | None
    theme: str | None
    dispositif: str  # its name, or ""
    capacite: int | None
    inscriptions: list[InscriptionRow] = field(default_factory=list)


def list_ateliers(s: Session, day: dt.date) -> AtelierList:
    start_of_day = dt.datetime.combine(day, dt.time())
    counts = (
        select(AtelierInscription.atelier_id, func.count().label("n"),
               func.sum(func.iif(AtelierInscription.present.is_(True), 1, 0)).label("p"))
        .group_by(AtelierInscription.atelier_id).subquery()
    )
    q = select(Atelier, func.coalesce(counts.c.n, 0), func.coalesce(counts.c.p, 0)).outerjoin(
        counts, counts.c.atelier_id == Atelier.id)

    def rows(query: object) -> list[AtelierRow]:
        return [AtelierRow(a.id, a.debut, a.titre, a.lieu, a.commune_insee, a.capacite, int(n), int(p))
                for a, n, p in s.execute(query)]  # type: ignore[call-overload]

    return AtelierList(rows(q.where(Atelier.debut >= start_of_day).order_by(Atelier.debut)),
                       rows(q.where(Atelier.debut < start_of_day).order_by(Atelier.debut.desc())))


def atelier_detail(s: Session, atelier_id: str) -> AtelierDetail | None:
    a = s.get(Atelier, atelier_id)
    if a is None:
        return None
    rows = s.execute(
        select(AtelierInscription.id, Personne.nom, Personne.prenom, Personne.commune_insee, AtelierInscription.present)
        .join(Personne, Personne.id == AtelierInscription.personne_id)
        .where(AtelierInscription.atelier_id == atelier_id).order_by(Personne.nom, Personne.prenom)
    ).all()
    return AtelierDetail(
        id=a.id, titre=a.titre, debut=a.debut, fin=a.fin, lieu=a.lieu, commune_insee=a.commune_insee, theme=a.theme,
        dispositif=DISPOSITIFS[a.dispositif].nom if a.dispositif in DISPOSITIFS else "", capacite=a.capacite,
        inscriptions=[InscriptionRow(*r) for r in rows],
    )


def atelier_counts(s: Session, atelier_id: str) -> tuple[int, int]:
    """(inscrits, présents) of an atelier."""
    n = s.scalar(select(func.count()).select_from(AtelierInscription)
                 .where(AtelierInscription.atelier_id == atelier_id))
    p = s.scalar(select(func.count()).select_from(AtelierInscription)
                 .where(AtelierInscription.atelier_id == atelier_id, AtelierInscription.present.is_(True)))
    return int(n or 0), int(p or 0)


@dataclass(frozen=True)
class AtelierForm:
    id: str
    titre: str
    theme: str | None
    dispositif: str | None  # code
    capacite: int | None
    debut: dt.datetime
    fin: dt.datetime
    lieu: str | None
    commune_insee: str | None
    description: str | None


def atelier_form(s: Session, atelier_id: str) -> AtelierForm | None:
    a = s.get(Atelier, atelier_id)
    if a is None:
        return None
    return AtelierForm(a.id, a.titre, a.theme, a.dispositif, a.capacite, a.debut, a.fin, a.lieu, a.commune_insee,
                       a.description)
