"""Aujourd'hui: today's and tomorrow's rendez-vous, overdue and upcoming actions, dossiers waiting
for a step — plain data, read in one transaction on the GUI's ``db`` queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, or_, select, true
from sqlalchemy.orm import Session

from pole_desktop.domain.dispositifs import CLOTURE, DISPOSITIFS
from pole_desktop.domain.models import Action, Dossier, Personne, RendezVous, RendezVousParticipant, Structure
from pole_desktop.formatting import format_date_short, format_time
from pole_desktop.services import rendez_vous as rdv_service
from pole_desktop.services.queries.common import commune_nom

WAITING_DAYS = 30
UPCOMING_DAYS = 14
MAX_OVERDUE = 100  # the most recent ones; the heading gives the total


@dataclass
class TodayData:
    day: dt.date
    rdv: dict[dt.date, list[dict[str, Any]]] = field(default_factory=dict)
    overdue: list[dict[str, Any]] = field(default_factory=list)
    overdue_total: int = 0
    upcoming: list[dict[str, Any]] = field(default_factory=list)
    waiting: list[dict[str, Any]] = field(default_factory=list)


def load_today(s: Session, me: str | None, day: dt.date) -> TodayData:
    """Everything Aujourd'hui shows for advisor ``me`` (everyone's when None) on ``day``."""
    data = TodayData(day)
    for d in (day, day + dt.timedelta(days=1)):
        start = dt.datetime.combine(d, dt.time())
        q = (
            select(RendezVous, Dossier.reference, Dossier.titre, Structure.raison_sociale)
            .outerjoin(Dossier, Dossier.id == RendezVous.dossier_id)
            .outerjoin(Structure, Structure.id == Dossier.structure_id)
            .where(RendezVous.debut >= start, RendezVous.debut < start + dt.timedelta(days=1))
            .order_by(RendezVous.debut)
        )
        if me:
            # coalesce(): keeps SQLite on the (selective) index of debut, not the advisor's.
            q = q.where(func.coalesce(RendezVous.accompagnateur_id, "") == me)
        rows = []
        for r, ref, titre, rs in s.execute(q):
            names = s.execute(
                select(Personne.prenom, Personne.nom).join(
                    RendezVousParticipant, RendezVousParticipant.personne_id == Personne.id
                ).where(RendezVousParticipant.rendez_vous_id == r.id)
            ).all()
            who = ", ".join(f"{p} {n}".strip() for p, n in names) or rs or titre or ""
            lieu = rdv_service.LIEUX.get(r.lieu_type, r.lieu_type)
            rows.append({
                "id": r.id, "heure": f"{format_time(r.debut)}–{format_time(r.fin)}", "who": who,
                "commune": commune_nom(r.commune_insee), "adresse": r.adresse or lieu,
                "objet": r.objet or rdv_service.TYPES_RDV.get(r.type, r.type), "dossier": ref or "",
                "statut": rdv_service.STATUTS.get(r.statut, r.statut),
            })
        data.rdv[d] = rows

    mine = or_(Action.responsable_id == me, Dossier.referent_id == me) if me else true()
    # Actions of closed or archived dossiers no longer need anyone.
    live = or_(Action.dossier_id.is_(None), and_(Dossier.date_cloture.is_(None), Dossier.archive.is_(False)))
    base = (
        select(Action, Dossier.reference)
        .outerjoin(Dossier, Dossier.id == Action.dossier_id)
        .where(Action.faite.is_(False), Action.echeance.is_not(None), mine, live)
    )

    def row(a: Action, ref: str | None) -> dict[str, Any]:
        return {"id": a.id, "libelle": a.libelle, "responsable": a.responsable or "",
                "echeance": a.echeance, "dossier": ref or "", "dossier_id": a.dossier_id}

    late = base.where(Action.echeance < day)
    data.overdue_total = int(s.scalar(select(func.count()).select_from(late.subquery())) or 0)
    data.overdue = [row(a, ref) for a, ref in s.execute(late.order_by(Action.echeance.desc()).limit(MAX_OVERDUE))]
    soon = base.where(Action.echeance >= day, Action.echeance <= day + dt.timedelta(days=UPCOMING_DAYS))
    data.upcoming = [row(a, ref) for a, ref in s.execute(soon.order_by(Action.echeance))]

    # Per open dossier, its last rendez-vous (correlated, on the dossier_id index): only the
    # advisor's open dossiers are looked at, not the whole rendez-vous table.
    dernier = (
        select(func.max(RendezVous.debut)).where(RendezVous.dossier_id == Dossier.id, RendezVous.statut != "annule")
        .scalar_subquery()
    )
    limit = dt.datetime.combine(day - dt.timedelta(days=WAITING_DAYS), dt.time())
    waiting = (
        select(Dossier.id, Dossier.reference, Dossier.titre, Dossier.dispositif, Dossier.etape,
               Dossier.date_ouverture, dernier.label("dernier"))
        .where(Dossier.archive.is_(False), Dossier.date_cloture.is_(None), Dossier.etape != CLOTURE)
        .where(and_(Dossier.date_ouverture <= day - dt.timedelta(days=WAITING_DAYS)))
        .where(or_(dernier.is_(None), dernier < limit))
        .order_by(func.coalesce(dernier, Dossier.date_ouverture))
        .limit(200)
    )
    if me:
        waiting = waiting.where(Dossier.referent_id == me)
    for did, ref, titre, disp, etape, ouverture, last in s.execute(waiting):
        program = DISPOSITIFS.get(disp)
        data.waiting.append({
            "id": did, "reference": ref, "titre": titre,
            "etape": program.libelle_etape(etape) if program else etape,
            "dernier": format_date_short(last) if last else "aucun",
            "depuis": (day - (last.date() if last else ouverture)).days,
        })
    return data
