"""Undo for the quick actions (an action ticked « Fait », a rendez-vous moved or cancelled, a
dossier's étape changed).

An undo is never a rollback: it writes the previous values back as a NEW change, through the
journal like any edit — so it gets its own HLC, shows in the history and travels with the next
sync (the other laptops undo too). Each quick action returns an :class:`UndoStep` holding the
fields it changed, before and after. Undoing checks first that those fields still hold what the
action wrote: if someone changed them since (here or through a sync), nothing is overwritten
and the user gets a French message instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop.domain.dispositifs import get_dispositif
from pole_desktop.domain.models import Action, Dossier, EtapeHistorique, RendezVous
from pole_desktop.formatting import format_date_short, format_time
from pole_desktop.services import dossiers as dossier_service
from pole_desktop.services import rendez_vous as rdv_service
from pole_desktop.services.validation import ValidationError

MODELS: dict[str, Any] = {"action": Action, "rendez_vous": RendezVous, "dossier": Dossier,
                          "etape_historique": EtapeHistorique}


@dataclass(frozen=True)
class UndoStep:
    label: str  # what the status bar says was done: « Action faite : Envoyer le budget »
    table: str
    row_id: str
    before: dict[str, Any]
    after: dict[str, Any]
    created: tuple[tuple[str, str], ...] = ()  # rows the action added, removed by the undo

    @property
    def undo_label(self) -> str:
        """The Édition menu's entry: « Annuler : action faite »."""
        return f"Annuler : {self.label[0].lower()}{self.label[1:]}"


def _values(row: Any, columns: list[str]) -> dict[str, Any]:
    return {c: getattr(row, c) for c in columns}


def _step(session: Session, table: str, row_id: str, columns: list[str], label: str, change: Any) -> UndoStep:
    model = MODELS[table]
    row = session.get(model, row_id)
    if row is None:
        raise ValidationError({"__all__": "Cet élément n'existe plus."})
    before = _values(row, columns)
    change()
    session.flush()
    return UndoStep(label, table, row_id, before, _values(session.get(model, row_id), columns))


def mark_action_done(session: Session, action_id: str, when: dt.date | None = None) -> UndoStep:
    a = session.get(Action, action_id)
    label = f"Action faite : {a.libelle}" if a is not None else "Action faite"
    return _step(session, "action", action_id, ["faite", "faite_le"], label,
                 lambda: rdv_service.set_action_done(session, action_id, True, when))


def move_rendez_vous(session: Session, rdv_id: str, debut: dt.datetime, fin: dt.datetime | None = None) -> UndoStep:
    r = session.get(RendezVous, rdv_id)
    label = (f"Rendez-vous déplacé au {format_date_short(debut.date())} à {format_time(debut)}"
             + (f" : {r.objet}" if r is not None and r.objet else ""))
    return _step(session, "rendez_vous", rdv_id, ["debut", "fin"], label,
                 lambda: rdv_service.move_rendez_vous(session, rdv_id, debut, fin))


def cancel_rendez_vous(session: Session, rdv_id: str) -> UndoStep:
    r = session.get(RendezVous, rdv_id)
    label = "Rendez-vous annulé" + (f" : {r.objet}" if r is not None and r.objet else "")
    return _step(session, "rendez_vous", rdv_id, ["statut"], label,
                 lambda: rdv_service.cancel_rendez_vous(session, rdv_id))


ETAPE_FIELDS = ["etape", "date_cloture", "motif_cloture", "motif_precision"]


def change_etape(session: Session, dossier_id: str, etape: str, **kwargs: Any) -> UndoStep:
    """``services.dossiers.change_etape``; the undo puts the previous étape back and removes the
    history line the change added."""
    d = session.get(Dossier, dossier_id)
    if d is None:
        raise ValidationError({"__all__": "Ce dossier n'existe plus."})
    before = _values(d, ETAPE_FIELDS)
    had = set(session.scalars(select(EtapeHistorique.id).where(EtapeHistorique.dossier_id == dossier_id)))
    dossier_service.change_etape(session, dossier_id, etape, **kwargs)
    session.flush()
    added = [i for i in session.scalars(select(EtapeHistorique.id).where(EtapeHistorique.dossier_id == dossier_id))
             if i not in had]
    disp = get_dispositif(d.dispositif)
    label = f"Dossier {d.reference} passé à l'étape « {disp.libelle_etape(etape)} »"
    return UndoStep(label, "dossier", dossier_id, before, _values(d, ETAPE_FIELDS),
                    tuple(("etape_historique", i) for i in added))


def undo(session: Session, step: UndoStep) -> None:
    """Write ``step.before`` back (a new journaled change), if nobody changed those fields since."""
    row = session.get(MODELS[step.table], step.row_id)
    if row is None:
        raise ValidationError({"__all__": "Impossible d'annuler : cet élément a été supprimé depuis."})
    if _values(row, list(step.after)) != step.after:
        raise ValidationError({"__all__": "Impossible d'annuler : cet élément a été modifié depuis "
                                          "(ici ou par une synchronisation). Rien n'a été changé."})
    for table, row_id in step.created:
        created = session.get(MODELS[table], row_id)
        if created is not None:
            session.delete(created)  # a tombstone in the journal: it syncs like the rest
    for column, value in step.before.items():
        setattr(row, column, value)
    session.flush()
