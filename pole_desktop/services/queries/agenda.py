"""Agenda: the rendez-vous of a period as blocks to draw — plain data for the screen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pole_desktop.domain.models import RendezVous, RendezVousParticipant
from pole_desktop.formatting import format_time
from pole_desktop.services import calendar_ics
from pole_desktop.services import rendez_vous as service
from pole_desktop.services.common import get_or_error


@dataclass(frozen=True)
class AgendaEntry:
    id: str
    debut: dt.datetime
    fin: dt.datetime
    objet: str
    who: str  # the first two participants (« +N » for the others)
    statut: str
    dispositif: str | None
    tooltip: str
    detail: str  # dossier reference, place


def agenda_entries(s: Session, first: dt.date, last: dt.date, advisor: str | None = None) -> list[AgendaEntry]:
    """Rendez-vous starting from ``first`` to ``last`` included (``advisor``'s only when given)."""
    q = select(RendezVous).options(
        selectinload(RendezVous.dossier),
        selectinload(RendezVous.participants).selectinload(RendezVousParticipant.personne),
    ).where(
        RendezVous.debut >= dt.datetime.combine(first, dt.time()),
        RendezVous.debut < dt.datetime.combine(last + dt.timedelta(days=1), dt.time()),
    )
    if advisor:
        q = q.where(RendezVous.accompagnateur_id == advisor)
    entries = []
    for r in s.scalars(q):
        people = [p.personne.nom_complet for p in r.participants if p.personne is not None]
        who = ", ".join(people[:2]) + (f" +{len(people) - 2}" if len(people) > 2 else "")
        objet = r.objet or service.TYPES_RDV.get(r.type, "Rendez-vous")
        place = calendar_ics.location_of(r)
        tip = [f"{format_time(r.debut)} – {format_time(r.fin)} · {service.STATUTS.get(r.statut, r.statut)}", objet]
        if r.dossier is not None:
            tip.append(f"{r.dossier.reference} — {r.dossier.titre}")
        if people:
            tip.append(", ".join(people))
        if place:
            tip.append(place)
        detail = " · ".join(x for x in (r.dossier.reference if r.dossier is not None else "", place) if x)
        entries.append(AgendaEntry(
            id=r.id, debut=r.debut, fin=r.fin, objet=objet, who=who, statut=r.statut,
            dispositif=r.dossier.dispositif if r.dossier is not None else None, tooltip="\n".join(tip), detail=detail,
        ))
    return entries


def agenda_export(s: Session, first: dt.date, last: dt.date, advisor: str | None = None) -> tuple[bytes, int]:
    """The .ics file of the period and how many rendez-vous it holds."""
    return (calendar_ics.export_ics(s, first, last, advisor),
            len(calendar_ics.rendez_vous_between(s, first, last, advisor)))


@dataclass(frozen=True)
class RendezVousTiming:
    objet: str
    debut: dt.datetime
    minutes: int


def rendez_vous_timing(s: Session, rdv_id: str) -> RendezVousTiming:
    """When a rendez-vous is and how long it lasts (the « Déplacer » dialog)."""
    r = get_or_error(s, RendezVous, rdv_id, "Rendez-vous")
    return RendezVousTiming(r.objet or service.TYPES_RDV.get(r.type, "Rendez-vous"), r.debut,
                            int((r.fin - r.debut).total_seconds() // 60))
