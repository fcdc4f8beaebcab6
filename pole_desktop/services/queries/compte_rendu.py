"""The compte-rendu editor: the rendez-vous as saved, its actions, and any draft typed before —
plain data for the dialog."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop.domain.local import Draft
from pole_desktop.domain.models import Action, Personne, RendezVous, RendezVousParticipant
from pole_desktop.formatting import format_date_short
from pole_desktop.services import drafts
from pole_desktop.services.queries.common import commune_nom


@dataclass(frozen=True)
class CompteRenduForm:
    debut: dt.datetime
    fin: dt.datetime
    participants: list[str]
    dossier_reference: str  # "" without a dossier
    lieu_type: str | None
    commune: str  # name, or ""
    # What the form shows as saved: objet, compte_rendu, decisions, duree_minutes (minutes or None),
    # statut, actions ([{id, libelle, responsable, echeance (JJ/MM/AAAA)}]).
    saved: dict[str, Any]
    draft: dict[str, Any] | None  # what was typed and not saved
    draft_time: dt.datetime | None


def compte_rendu_form(s: Session, rdv_id: str, draft_key: str) -> CompteRenduForm:
    r = s.get(RendezVous, rdv_id)
    if r is None:
        raise ValueError("rendez-vous introuvable")
    names = [f"{p} {n}".strip() for p, n in s.execute(
        select(Personne.prenom, Personne.nom)
        .join(RendezVousParticipant, RendezVousParticipant.personne_id == Personne.id)
        .where(RendezVousParticipant.rendez_vous_id == r.id))]
    actions = [
        {"id": a.id, "libelle": a.libelle, "responsable": a.responsable or "",
         "echeance": format_date_short(a.echeance) if a.echeance else ""}
        for a in s.scalars(select(Action).where(Action.rendez_vous_id == r.id)
                           .order_by(Action.echeance.is_(None), Action.echeance, Action.libelle))]
    row = s.get(Draft, draft_key)
    return CompteRenduForm(
        debut=r.debut, fin=r.fin, participants=names, dossier_reference=r.dossier.reference if r.dossier else "",
        lieu_type=r.lieu_type, commune=commune_nom(r.commune_insee),
        saved={"objet": r.objet or "", "compte_rendu": r.compte_rendu or "", "decisions": r.decisions or "",
               "duree_minutes": r.duree_minutes, "statut": r.statut, "actions": actions},
        draft=drafts.load_draft(s, draft_key), draft_time=row.updated_at if row else None,
    )
