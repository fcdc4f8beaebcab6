"""Rendez-vous history: the dated meetings of old follow-up sheets, attached to their dossiers.

A row names its dossier by reference (the app's, or the old tool's kept by the dossiers import as
« ancienne référence … ») or by a beneficiary who has exactly one dossier; a date with an optional
start time (« 14h30 », « 14:30 », an Excel time) and an end time or a duration; type, place and
status labels; the objet and the compte-rendu. Participants are the dossier's beneficiaries (or the
person named). A row with the same dossier and start as an existing rendez-vous is a duplicate.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop.domain.models import DossierBeneficiaire, RendezVous, RendezVousParticipant
from pole_desktop.importing import normalize as n
from pole_desktop.importing.dossiers import Links, person_key
from pole_desktop.importing.readers import as_text
from pole_desktop.services.rendez_vous import LIEUX, STATUTS, TYPES_RDV

UPDATABLE = ("objet", "compte_rendu", "statut", "duree_minutes")
_TIME = re.compile(r"(\d{1,2})\s*[h:H.]\s*(\d{2})?(?::\d{2})?")


def parse_time(value: Any) -> dt.time:
    """« 14h30 », « 14:30 », « 9h », a time cell or an Excel day fraction."""
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    text = as_text(value)
    m = _TIME.fullmatch(text)
    if m and int(m[1]) < 24 and int(m[2] or 0) < 60:
        return dt.time(int(m[1]), int(m[2] or 0))
    raise n.CellError(f"« {text} » n'est pas une heure (ex. 14h30).")


def parse_minutes(value: Any) -> int:
    text = as_text(value).lower().replace(" ", "")
    m = re.fullmatch(r"(?:(\d+)h)?(\d+)?(?:min|mn)?", text)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value)
    if m and (m[1] or m[2]):
        return int(m[1] or 0) * 60 + int(m[2] or 0)
    raise n.CellError(f"« {as_text(value)} » n'est pas une durée (ex. 45 ou 1h30).")


class RdvLinks(Links):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.dossiers_of: dict[str, list[str]] = {}
        self.beneficiaries: dict[str, list[str]] = {}
        for did, pid in session.execute(select(DossierBeneficiaire.dossier_id, DossierBeneficiaire.personne_id)):
            self.dossiers_of.setdefault(pid, []).append(did)
            self.beneficiaries.setdefault(did, []).append(pid)
        self.existing: dict[tuple[str | None, str], str] = {}
        for rid, did, debut in session.execute(select(RendezVous.id, RendezVous.dossier_id, RendezVous.debut)):
            self.existing.setdefault((did, debut.isoformat()), rid)


def clean(cells: dict[str, tuple[str, Any]], own: dict[str, dict[str, str]], problem: Callable[..., None]) -> dict:
    v: dict[str, Any] = {}
    for f, choices in (("type", TYPES_RDV), ("lieu_type", LIEUX), ("statut", STATUTS)):
        if f in cells:
            try:
                v[f] = n.match_label(cells[f][1], choices, own.get(f))
            except n.CellError as e:
                problem(f, e.message, e.choices)
    for f, parse in (("heure_debut", parse_time), ("heure_fin", parse_time), ("duree_minutes", parse_minutes)):
        if f in cells:
            try:
                v[f] = parse(cells[f][1])
            except n.CellError as e:
                problem(f, e.message)
    if "date" in cells and isinstance(cells["date"][1], dt.datetime) and "heure_debut" not in v:
        t = cells["date"][1].time()
        if t != dt.time():
            v["heure_debut"] = t.replace(second=0, microsecond=0)
    if "participant" in cells:
        try:
            v["participant"] = n.split_full_name(cells["participant"][1])
        except n.CellError as e:
            problem("participant", e.message)
    return v


def resolve(links: RdvLinks, v: dict[str, Any], problem: Callable[..., None]) -> None:
    """Find the dossier (and the participant), compute the slot; problems otherwise."""
    from pole_desktop import clock

    did = None
    if v.get("reference"):
        did = links.dossiers.get(("ref", v["reference"].upper()))
        if did is None:
            problem("reference", f"Aucun dossier n'a la référence « {v['reference']} » "
                                 "(importez d'abord les dossiers).")
            return
    person = v.get("participant")
    pid = links.people.get(person_key(*person)) if person else None
    if person and pid is None:
        problem("participant", f"« {person[0]} {person[1]} » n'est pas dans Pôle Desktop (importez d'abord les "
                               "personnes ou les dossiers).")
        return
    if did is None and pid is not None:
        options = links.dossiers_of.get(pid, [])
        if len(options) == 1:
            did = options[0]
        elif len(options) > 1:
            problem("participant", f"« {person[0]} {person[1]} » a {len(options)} dossiers : indiquez la référence "
                                   "du dossier.")
            return
    if did is None and pid is None:
        problem("reference", "Indiquez la référence du dossier ou le nom d'un participant.")
        return
    v["dossier_id"] = did
    v["participants"] = [pid] if pid else list(links.beneficiaries.get(did, []))
    day = v.get("date")
    if not day:
        problem("date", "La date du rendez-vous est obligatoire.")
        return
    start = dt.datetime.combine(day, v.get("heure_debut") or dt.time(9, 0))
    if v.get("heure_fin"):
        end = dt.datetime.combine(day, v["heure_fin"])
    else:
        end = start + dt.timedelta(minutes=v.get("duree_minutes") or 60)
    if end <= start:
        problem("heure_fin", "L'heure de fin doit être après l'heure de début.")
        return
    v["debut"], v["fin"] = start, end
    v.setdefault("duree_minutes", int((end - start).total_seconds() // 60))
    v.setdefault("statut", "realise" if start < clock.local_now() else "prevu")


def create(session: Session, v: dict[str, Any], author: str | None, line: Callable[[str, str], None]) -> str:
    r = RendezVous(dossier_id=v.get("dossier_id"), accompagnateur_id=v.get("referent_id") or author,
                   debut=v["debut"], fin=v["fin"], lieu_type=v.get("lieu_type") or "bureau",
                   type=v.get("type") or "suivi", objet=(v.get("objet") or None), compte_rendu=v.get("compte_rendu"),
                   duree_minutes=v.get("duree_minutes"), statut=v["statut"], commune_insee=v.get("commune_insee"))
    session.add(r)
    line("rendez_vous", r.id)
    for pid in dict.fromkeys(v.get("participants") or []):
        p = RendezVousParticipant(rendez_vous_id=r.id, personne_id=pid)
        session.add(p)
        line("rendez_vous_participant", p.id)
    return r.id
