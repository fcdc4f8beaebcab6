"""Ateliers (collective sessions): create, register people, mark presence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop.clock import today
from pole_desktop.domain.dispositifs import DISPOSITIFS
from pole_desktop.domain.models import Atelier, AtelierInscription, Personne
from pole_desktop.services import validation as v
from pole_desktop.services.common import (
    Form,
    as_datetime,
    as_long_text,
    as_text,
    current_author,
    get_or_error,
    one_of,
)


def save_atelier(session: Session, values: Mapping[str, Any], atelier_id: str | None = None) -> Atelier:
    existing = get_or_error(session, Atelier, atelier_id, "Atelier") if atelier_id else None
    form = Form(values)
    form.field("titre", as_text, 200, required="Donnez un titre à l'atelier.")
    form.field("theme", as_text, 200)
    debut = form.field("debut", as_datetime, required="Indiquez la date et l'heure de l'atelier.")
    fin = form.field("fin", as_datetime)
    form.field("lieu", as_text, 300)
    form.field("commune_insee", v.validate_commune)
    form.field("dispositif", one_of(DISPOSITIFS, "dispositif"))
    form.field("capacite", v.validate_count)
    form.field("description", as_long_text)
    if debut and fin and fin <= debut:
        form.error("fin", "L'heure de fin doit être après l'heure de début.")
    if existing is not None:
        for name in ("titre", "debut"):
            if not form.has(name):
                form.errors.pop(name, None)
    form.raise_if_errors()
    a = existing or Atelier(
        titre=form.clean["titre"],
        debut=debut,
        fin=fin or debut + dt.timedelta(hours=2),
        accompagnateur_id=current_author(session),
    )
    form.apply(a)
    if a.fin is None and a.debut is not None:
        a.fin = a.debut + dt.timedelta(hours=2)
    if existing is None:
        session.add(a)
    session.flush()
    return a


def register(session: Session, atelier_id: str, personne_id: str) -> AtelierInscription:
    a = get_or_error(session, Atelier, atelier_id, "Atelier")
    get_or_error(session, Personne, personne_id, "Personne")
    if session.scalar(
        select(AtelierInscription).where(
            AtelierInscription.atelier_id == a.id, AtelierInscription.personne_id == personne_id
        )
    ):
        raise v.ValidationError({"personne": "Cette personne est déjà inscrite à l'atelier."})
    if a.capacite is not None and len(a.inscriptions) >= a.capacite:
        raise v.ValidationError({"personne": f"L'atelier est complet ({a.capacite} places)."})
    i = AtelierInscription(atelier_id=a.id, personne_id=personne_id, inscrit_le=today())
    session.add(i)
    session.flush()
    return i


def unregister(session: Session, inscription_id: str) -> None:
    session.delete(get_or_error(session, AtelierInscription, inscription_id, "Inscription"))
    session.flush()


def mark_presence(session: Session, inscription_id: str, present: bool | None) -> AtelierInscription:
    i = get_or_error(session, AtelierInscription, inscription_id, "Inscription")
    i.present = present
    session.flush()
    return i
