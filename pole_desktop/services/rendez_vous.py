"""Rendez-vous: plan, move, cancel, and record the compte-rendu with its actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from pole_desktop.domain.models import Action, Dossier, Personne, RendezVous, RendezVousParticipant
from pole_desktop.services import validation as v
from pole_desktop.services.common import (
    Form,
    as_date,
    as_datetime,
    as_long_text,
    as_text,
    current_author,
    get_or_error,
    one_of,
)

LIEUX = {"bureau": "Au bureau", "sur_site": "Sur site", "visio": "En visio", "telephone": "Par téléphone"}
TYPES_RDV = {
    "premier_accueil": "Premier accueil",
    "suivi": "Entretien de suivi",
    "diagnostic": "Diagnostic",
    "comite": "Comité",
    "atelier": "Atelier",
}
STATUTS = {"prevu": "Prévu", "realise": "Réalisé", "annule": "Annulé", "absent": "Absent·e"}


def _read_slot(form: Form) -> tuple[dt.datetime | None, dt.datetime | None]:
    debut = form.field("debut", as_datetime, required="Indiquez la date et l'heure du rendez-vous.")
    fin = form.field("fin", as_datetime)
    if debut and fin and fin <= debut:
        form.error("fin", "L'heure de fin doit être après l'heure de début.")
    if debut and fin and (fin - debut) > dt.timedelta(hours=12):
        form.error("fin", "Un rendez-vous ne peut pas durer plus de 12 heures.")
    return debut, fin


def slot_minutes(r: RendezVous) -> int | None:
    """Length of the rendez-vous's slot in minutes (None without a valid slot)."""
    if r.debut and r.fin and r.fin > r.debut:
        return int((r.fin - r.debut).total_seconds() // 60)
    return None


def plan_rendez_vous(session: Session, values: Mapping[str, Any]) -> RendezVous:
    """Plan a rendez-vous. ``values``: dossier_id, debut, fin (default +1 h), lieu_type, adresse,
    commune_insee, type, objet, participants (person ids; default: the dossier's beneficiaries)."""
    form = Form(values)
    debut, fin = _read_slot(form)
    form.field("lieu_type", one_of(LIEUX, "lieu"))
    form.field("type", one_of(TYPES_RDV, "type de rendez-vous"))
    form.field("adresse", as_text, 300)
    form.field("commune_insee", v.validate_commune)
    form.field("objet", as_text, 300)
    form.field("accompagnateur_id", as_text, 36)
    dossier_id = form.field("dossier_id", as_text, 36)
    dossier = session.get(Dossier, dossier_id) if dossier_id else None
    if dossier_id and dossier is None:
        form.error("dossier_id", "Dossier introuvable.")
    form.raise_if_errors()
    assert debut is not None
    r = RendezVous(
        dossier_id=dossier.id if dossier else None,
        accompagnateur_id=form.clean.get("accompagnateur_id") or current_author(session),
        debut=debut,
        fin=fin or debut + dt.timedelta(hours=1),
        lieu_type=form.clean.get("lieu_type") or "bureau",
        type=form.clean.get("type") or "suivi",
        adresse=form.clean.get("adresse"),
        commune_insee=form.clean.get("commune_insee") or (dossier.commune_insee if dossier else None),
        objet=form.clean.get("objet"),
        statut="prevu",
    )
    session.add(r)
    people = values.get("participants")
    if people is None and dossier is not None:
        people = [b.personne_id for b in dossier.beneficiaires]
    for pid in dict.fromkeys(people or []):
        get_or_error(session, Personne, pid, "Personne")
        session.add(RendezVousParticipant(rendez_vous=r, personne_id=pid))
    session.flush()
    return r


def move_rendez_vous(session: Session, rdv_id: str, debut: dt.datetime, fin: dt.datetime | None = None) -> RendezVous:
    r = get_or_error(session, RendezVous, rdv_id, "Rendez-vous")
    duration = r.fin - r.debut
    try:
        end = fin or debut + duration
    except (OverflowError, TypeError):  # 9999-12-31 23:30: _read_slot refuses the start in French
        end = None
    form = Form({"debut": debut, "fin": end})
    new_debut, new_fin = _read_slot(form)
    form.raise_if_errors()
    if new_debut is None or new_fin is None:  # _read_slot reported why in the form
        raise v.ValidationError({"debut": "Indiquez la date et l'heure du rendez-vous."})
    follows_slot = r.duree_minutes is not None and r.duree_minutes == slot_minutes(r)
    r.debut, r.fin = new_debut, new_fin
    if follows_slot:  # the time spent was the slot's (the default): it follows the new slot
        r.duree_minutes = slot_minutes(r)
    session.flush()
    return r


def cancel_rendez_vous(session: Session, rdv_id: str) -> RendezVous:
    r = get_or_error(session, RendezVous, rdv_id, "Rendez-vous")
    r.statut = "annule"
    session.flush()
    return r


def set_participants(session: Session, rdv_id: str, personne_ids: Sequence[str]) -> None:
    r = get_or_error(session, RendezVous, rdv_id, "Rendez-vous")
    wanted = set(personne_ids)
    for p in list(r.participants):
        if p.personne_id not in wanted:
            session.delete(p)
    have = {p.personne_id for p in r.participants}
    for pid in sorted(wanted - have):
        get_or_error(session, Personne, pid, "Personne")
        session.add(RendezVousParticipant(rendez_vous_id=r.id, personne_id=pid))
    session.flush()


def record_compte_rendu(session: Session, rdv_id: str, values: Mapping[str, Any]) -> RendezVous:
    """Save a compte-rendu: objet, compte_rendu (notes), decisions, prochaine_etape, duree_minutes,
    statut, actions (list of {libelle, responsable, echeance}, with ``id`` for an action of this
    rendez-vous being corrected), removed_actions (ids of this rendez-vous's actions the user took
    out), prochain_rdv ({debut, fin, …}). Actions the caller does not mention are left alone."""
    r = get_or_error(session, RendezVous, rdv_id, "Rendez-vous")
    form = Form(values)
    form.field("objet", as_text, 300)
    form.field("compte_rendu", as_long_text)
    form.field("decisions", as_long_text)
    form.field("prochaine_etape", as_long_text)
    form.field("duree_minutes", v.validate_count)
    form.field("statut", one_of(STATUTS, "statut"))
    duree = form.clean.get("duree_minutes")
    if duree is not None and duree > 24 * 60:
        form.error("duree_minutes", "Le temps passé ne peut pas dépasser 24 heures.")
    actions: list[dict[str, Any]] = []
    for i, a in enumerate(values.get("actions") or []):
        af = Form(a)
        af.field("libelle", as_text, 300, required="Décrivez l'action.")
        af.field("responsable", as_text, 150)
        af.field("echeance", as_date)
        for name, msg in af.errors.items():
            form.error(f"actions.{i}.{name}", f"Action {i + 1} : {msg}")
        existing = None
        if a.get("id"):
            existing = session.get(Action, a["id"])
            if existing is None or existing.rendez_vous_id != r.id:
                form.error(f"actions.{i}.id", f"Action {i + 1} : cette action n'existe plus.")
        actions.append({**af.clean, "existing": existing})
    removed = []
    for aid in values.get("removed_actions") or []:
        gone = session.get(Action, aid)
        if gone is not None and gone.rendez_vous_id == r.id:
            removed.append(gone)
    next_rdv = values.get("prochain_rdv")
    next_form = None
    if next_rdv:
        next_form = Form(next_rdv)
        nd, _ = _read_slot(next_form)
        if nd and nd <= r.debut:
            next_form.error("debut", "Le prochain rendez-vous doit être après celui-ci.")
        for name, msg in next_form.errors.items():
            form.error(f"prochain_rdv.{name}", f"Prochain rendez-vous : {msg}")
    form.raise_if_errors()
    form.apply(r, ["objet", "compte_rendu", "decisions", "prochaine_etape", "duree_minutes", "statut"])
    if not form.has("statut") and r.statut == "prevu":
        r.statut = "realise"
    if r.duree_minutes is None and r.statut == "realise":
        # One source of truth for the time spent: without a duration given, the slot's is stored
        # (the compte-rendu, the fiche and the bilan read this value).
        r.duree_minutes = slot_minutes(r)
    for gone in removed:
        session.delete(gone)
    for a in actions:
        if a["existing"] is not None:
            x = a["existing"]
            x.libelle, x.responsable, x.echeance = a["libelle"], a.get("responsable"), a.get("echeance")
            continue
        session.add(
            Action(
                dossier_id=r.dossier_id,
                rendez_vous_id=r.id,
                libelle=a["libelle"],
                responsable=a.get("responsable"),
                echeance=a.get("echeance"),
            )
        )
    if next_rdv:
        plan_rendez_vous(
            session,
            {
                "dossier_id": r.dossier_id,
                "lieu_type": r.lieu_type,
                "adresse": r.adresse,
                "commune_insee": r.commune_insee,
                "participants": [p.personne_id for p in r.participants],
                **next_rdv,
            },
        )
    session.flush()
    return r


def overlapping(session: Session, debut: dt.datetime, fin: dt.datetime,
                exclude_id: str | None = None) -> list[RendezVous]:
    """Rendez-vous (not cancelled) that overlap [debut, fin)."""
    q = select(RendezVous).where(and_(RendezVous.debut < fin, RendezVous.fin > debut, RendezVous.statut != "annule"))
    if exclude_id:
        q = q.where(RendezVous.id != exclude_id)
    return list(session.scalars(q.order_by(RendezVous.debut)))


def add_action(session: Session, values: Mapping[str, Any]) -> Action:
    form = Form(values)
    form.field("libelle", as_text, 300, required="Décrivez l'action.")
    form.field("responsable", as_text, 150)
    form.field("echeance", as_date)
    form.field("dossier_id", as_text, 36)
    form.field("rendez_vous_id", as_text, 36)
    form.field("responsable_id", as_text, 36)
    if form.clean.get("dossier_id") and session.get(Dossier, form.clean["dossier_id"]) is None:
        form.error("dossier_id", "Dossier introuvable.")
    form.raise_if_errors()
    a = Action(libelle=form.clean["libelle"])
    form.apply(a)
    session.add(a)
    session.flush()
    return a


def set_action_done(session: Session, action_id: str, done: bool = True, when: dt.date | None = None) -> Action:
    from pole_desktop.clock import today

    a = get_or_error(session, Action, action_id, "Action")
    a.faite = done
    a.faite_le = (when or today()) if done else None
    session.flush()
    return a
