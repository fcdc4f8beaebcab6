"""Export rendez-vous to an iCalendar (.ics) file for the advisor's own calendar, and import one.

Export: one VEVENT per rendez-vous, ``UID = <rendez-vous id>@pole-desktop``, times in
Europe/Paris with a TZID (and the VTIMEZONE), SUMMARY = objet + dossier reference, LOCATION =
address + commune, DESCRIPTION = type, participants, status; a cancelled rendez-vous is
``STATUS:CANCELLED``.

Import (one transaction, everything validated first):
- an event whose UID is one of ours and whose rendez-vous exists here updates that rendez-vous
  (its time moves, a CANCELLED status cancels it);
- any other event becomes a new rendez-vous without dossier (unless the SUMMARY ends with the
  reference of a dossier we hold); the event's UID is remembered (``local_state``) so a second
  import of the same file changes nothing;
- all-day events are skipped (they are not appointments).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop import clock
from pole_desktop.domain.local import LocalState
from pole_desktop.domain.models import Dossier, RendezVous
from pole_desktop.formatting import plural
from pole_desktop.services import rendez_vous as rdv_service
from pole_desktop.services.common import current_author
from pole_desktop.services.validation import ValidationError
from pole_desktop.territory import get_territory

PARIS = ZoneInfo("Europe/Paris")
UID_SUFFIX = "@pole-desktop"
PRODID = "-//Pôle d'Économie Solidaire 21//Pôle Desktop//FR"
SEPARATOR = " — "
_STATE_PREFIX = "ics_uid:"  # local_state key: imported event UID -> rendez-vous id
MAX_BYTES = 20 * 1024 * 1024


# ------------------------------------------------------------------------------------ export
def _commune_name(code: str | None) -> str | None:
    if not code:
        return None
    c = get_territory().commune(code)
    return c.nom if c else None


def summary_of(r: RendezVous) -> str:
    objet = r.objet or rdv_service.TYPES_RDV.get(r.type, "Rendez-vous")
    if r.dossier is not None:
        return f"{objet}{SEPARATOR}{r.dossier.reference}"
    return objet


def location_of(r: RendezVous) -> str:
    parts = [p for p in (r.adresse, _commune_name(r.commune_insee)) if p]
    if parts:
        return ", ".join(parts)
    return rdv_service.LIEUX.get(r.lieu_type, "")


def description_of(r: RendezVous) -> str:
    lines = [rdv_service.TYPES_RDV.get(r.type, r.type)]
    people = sorted(p.personne.nom_complet for p in r.participants if p.personne is not None)
    if people:
        lines.append("Participants : " + ", ".join(people))
    if r.dossier is not None:
        lines.append(f"Dossier {r.dossier.reference} : {r.dossier.titre}")
    lines.append("Statut : " + rdv_service.STATUTS.get(r.statut, r.statut))
    return "\n".join(lines)


def rendez_vous_between(
    session: Session, start: dt.date, end: dt.date, accompagnateur_id: str | None = None
) -> list[RendezVous]:
    """Rendez-vous starting on a day of [start, end] (both included), optionally one advisor's."""
    q = select(RendezVous).where(
        RendezVous.debut >= dt.datetime.combine(start, dt.time()),
        RendezVous.debut < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()),
    )
    if accompagnateur_id:
        q = q.where(RendezVous.accompagnateur_id == accompagnateur_id)
    return list(session.scalars(q.order_by(RendezVous.debut, RendezVous.id)))


def export_ics(
    session: Session, start: dt.date, end: dt.date, accompagnateur_id: str | None = None
) -> bytes:
    """The .ics text of the rendez-vous of [start, end] (the advisor's, or everyone's)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Pôle Desktop")
    stamp = clock.utc_now()
    for r in rendez_vous_between(session, start, end, accompagnateur_id):
        ev = Event()
        ev.add("uid", f"{r.id}{UID_SUFFIX}")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", r.debut.replace(tzinfo=PARIS))
        ev.add("dtend", r.fin.replace(tzinfo=PARIS))
        ev.add("summary", summary_of(r))
        location = location_of(r)
        if location:
            ev.add("location", location)
        ev.add("description", description_of(r))
        ev.add("status", "CANCELLED" if r.statut == "annule" else "CONFIRMED")
        ev.add("x-pole-lieu", r.lieu_type)
        ev.add("x-pole-type", r.type)
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()


# ------------------------------------------------------------------------------------ import
@dataclass
class _Incoming:
    uid: str
    debut: dt.datetime
    fin: dt.datetime
    summary: str
    location: str
    cancelled: bool
    lieu_type: str | None
    type: str | None


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rendez_vous_ids: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        parts = []
        if self.created:
            parts.append(plural(self.created, "rendez-vous importé", "rendez-vous importés"))
        if self.updated:
            parts.append(plural(self.updated, "mis à jour", "mis à jour"))
        if self.unchanged:
            parts.append(plural(self.unchanged, "déjà à jour", "déjà à jour"))
        if self.skipped:
            parts.append(plural(self.skipped, "événement ignoré (journée entière)",
                                 "événements ignorés (journée entière)"))
        if not parts:
            return "Aucun rendez-vous dans ce fichier."
        return ", ".join(parts) + "."




def _naive_paris(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is not None:
        value = value.astimezone(PARIS).replace(tzinfo=None)
    return value.replace(second=0, microsecond=0)


def _parse(data: bytes) -> tuple[list[_Incoming], int]:
    from icalendar import Calendar

    bad = ValidationError({"fichier": "Ce fichier n'est pas un calendrier .ics lisible."})
    if len(data) > MAX_BYTES:
        raise ValidationError({"fichier": "Ce fichier est trop volumineux pour un calendrier (plus de 20 Mo)."})
    try:
        cal = Calendar.from_ical(data)
    except Exception:  # noqa: BLE001 - any parse failure is the same French message
        raise bad from None
    if getattr(cal, "name", "") != "VCALENDAR":
        raise bad
    events: list[_Incoming] = []
    skipped = 0
    for n, ev in enumerate(cal.walk("VEVENT"), start=1):
        try:
            uid = str(ev.get("UID") or "").strip()
            start = ev.decoded("DTSTART")
            if "DTEND" in ev:
                end = ev.decoded("DTEND")
            elif "DURATION" in ev:
                end = start + ev.decoded("DURATION")
            else:
                end = None
        except Exception:  # noqa: BLE001
            raise ValidationError(
                {"fichier": f"L'événement n° {n} du fichier a une date illisible : rien n'a été importé."}
            ) from None
        broken = {name.upper() for name, _ in getattr(ev, "errors", [])}
        if not isinstance(start, dt.date) or (end is not None and not isinstance(end, dt.date)) or (
            broken & {"DTSTART", "DTEND", "DURATION"}
        ):
            raise ValidationError(
                {"fichier": f"L'événement n° {n} du fichier a une date illisible : rien n'a été importé."}
            )
        if not isinstance(start, dt.datetime):
            skipped += 1  # all-day event
            continue
        debut = _naive_paris(start)
        fin = _naive_paris(end) if isinstance(end, dt.datetime) else debut + dt.timedelta(hours=1)
        if fin <= debut:
            raise ValidationError(
                {"fichier": f"L'événement n° {n} finit avant de commencer : rien n'a été importé."}
            )
        if fin - debut > dt.timedelta(hours=12):
            skipped += 1  # multi-day events are not appointments
            continue
        lieu = str(ev.get("X-POLE-LIEU") or "") or None
        typ = str(ev.get("X-POLE-TYPE") or "") or None
        events.append(
            _Incoming(
                uid=uid or f"sans-uid-{debut.isoformat()}-{ev.get('SUMMARY', '')}",
                debut=debut,
                fin=fin,
                summary=str(ev.get("SUMMARY") or "").strip(),
                location=str(ev.get("LOCATION") or "").strip(),
                cancelled=str(ev.get("STATUS") or "").upper() == "CANCELLED",
                lieu_type=lieu if lieu in rdv_service.LIEUX else None,
                type=typ if typ in rdv_service.TYPES_RDV else None,
            )
        )
    return events, skipped


_REF = re.compile(r"^(?P<objet>.*)" + re.escape(SEPARATOR) + r"(?P<ref>[A-Z0-9][A-Z0-9-]{5,39})$")


def _split_location(location: str) -> tuple[str | None, str | None, str | None]:
    """(adresse, commune_insee, lieu_type) from a LOCATION written by export (or anything)."""
    if not location:
        return None, None, None
    for key, label in rdv_service.LIEUX.items():
        if location == label:
            return None, None, key
    head, _, tail = location.rpartition(", ")
    candidate = tail if head else location
    territory = get_territory()
    for c in territory.search(candidate, limit=5):
        if c.nom == candidate:
            return (head or None), c.code_insee, None
    return location, None, None


def _state_key(uid: str) -> str:
    return _STATE_PREFIX + hashlib.sha256(uid.encode("utf-8")).hexdigest()[:48]


def _existing_target(session: Session, uid: str) -> RendezVous | None:
    if uid.endswith(UID_SUFFIX):
        r = session.get(RendezVous, uid[: -len(UID_SUFFIX)])
        if r is not None:
            return r
    mapped = session.get(LocalState, _state_key(uid))
    if mapped is not None:
        return session.get(RendezVous, mapped.value)
    return None


def import_ics(session: Session, data: bytes) -> ImportResult:
    """Import an .ics file into the session's transaction (see the module docstring).

    Raises :class:`ValidationError` (key ``fichier``) with nothing written when the file is not
    a readable calendar.
    """
    events, skipped = _parse(data)
    result = ImportResult(skipped=skipped)
    author = current_author(session)
    seen: set[str] = set()
    for e in events:
        if e.uid in seen:
            continue
        seen.add(e.uid)
        target = _existing_target(session, e.uid)
        if target is not None:
            changed = False
            if (target.debut, target.fin) != (e.debut, e.fin):
                rdv_service.move_rendez_vous(session, target.id, e.debut, e.fin)
                changed = True
            if e.cancelled and target.statut != "annule":
                rdv_service.cancel_rendez_vous(session, target.id)
                changed = True
            result.updated += changed
            result.unchanged += not changed
            result.rendez_vous_ids.append(target.id)
            continue
        objet, dossier_id = e.summary or None, None
        m = _REF.match(e.summary)
        if m:
            d = session.scalar(select(Dossier).where(Dossier.reference == m.group("ref")))
            if d is not None:
                objet, dossier_id = m.group("objet").strip() or None, d.id
        adresse, commune, lieu = _split_location(e.location)
        # A rendez-vous already here at the same time with the same title: a duplicate.
        twin = session.scalar(
            select(RendezVous).where(
                RendezVous.debut == e.debut, RendezVous.fin == e.fin, RendezVous.objet == objet
            )
        )
        if twin is not None:
            result.unchanged += 1
            result.rendez_vous_ids.append(twin.id)
            session.merge(LocalState(key=_state_key(e.uid), value=twin.id))
            continue
        r = rdv_service.plan_rendez_vous(
            session,
            {
                "dossier_id": dossier_id,
                "debut": e.debut,
                "fin": e.fin,
                "objet": (objet or "")[:300] or None,
                "adresse": (adresse or "")[:300] or None,
                "commune_insee": commune,
                "lieu_type": e.lieu_type or lieu or ("sur_site" if adresse or commune else "bureau"),
                "type": e.type or "suivi",
                "accompagnateur_id": author,
                "participants": [],
            },
        )
        if e.cancelled:
            r.statut = "annule"
        session.merge(LocalState(key=_state_key(e.uid), value=r.id))
        session.flush()
        result.created += 1
        result.rendez_vous_ids.append(r.id)
    return result


def events_of(data: bytes) -> list[dict[str, object]]:
    """The events of an .ics as plain dicts (for comparisons and previews)."""
    events, _ = _parse(data)
    return [
        {"debut": e.debut, "fin": e.fin, "summary": e.summary, "location": e.location, "cancelled": e.cancelled}
        for e in events
    ]


__all__ = ["ImportResult", "events_of", "export_ics", "import_ics", "rendez_vous_between"]
