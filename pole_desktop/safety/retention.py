"""Retention: closed dossiers whose last contact is older than N years (default 3) come up for review.

    items = review_list(session)                      # what the advisor sees (with checkboxes)
    purge(session, [ids…], motif)                     # or anonymise(session, [ids…], motif)

Last contact = the latest of the closing date, the dossier's rendez-vous and étape history.
Only dossiers that are on the review list *now* can be purged or anonymised: any other id is
refused, so nothing outside the list is touched. Everything goes through the journaled session
(every deletion and change is a journal entry and travels to the other laptops); beneficiaries
left without any other dossier are erased like a GDPR erasure (an ``Effacement`` row with the
motif "durée de conservation").

- purge: delete the dossier with its rendez-vous (and participants), actions, documents,
  beneficiaries, co-advisors and étape history.
- anonymise: keep the dossier and its statistics, drop its free text and its beneficiaries'
  identity.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pole_desktop.clock import today
from pole_desktop.domain import models as m
from pole_desktop.domain.local import LocalState
from pole_desktop.safety import gdpr
from pole_desktop.services.validation import ValidationError

log = logging.getLogger(__name__)

YEARS_KEY = "conservation_annees"
DEFAULT_YEARS = 3
MOTIF = "durée de conservation"


@dataclass(frozen=True)
class ReviewItem:
    dossier_id: str
    reference: str
    dispositif: str
    titre: str
    date_cloture: dt.date
    dernier_contact: dt.date
    beneficiaires: int


def retention_years(session: Session) -> int:
    value = session.scalar(select(LocalState.value).where(LocalState.key == YEARS_KEY))
    try:
        years = int(value) if value else DEFAULT_YEARS
    except ValueError:
        years = DEFAULT_YEARS
    return max(1, years)


def set_retention_years(session: Session, years: int) -> None:
    if not 1 <= int(years) <= 30:
        raise ValidationError({"annees": "La durée de conservation doit être comprise entre 1 et 30 ans."})
    session.merge(LocalState(key=YEARS_KEY, value=str(int(years))))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def review_list(session: Session, on: dt.date | None = None, years: int | None = None) -> list[ReviewItem]:
    """Closed dossiers, not yet anonymised, whose last contact is older than the retention period."""
    on = on or today()
    years = years or retention_years(session)
    limit = _years_before(on, years)
    last_rdv = dict(session.execute(
        select(m.RendezVous.dossier_id, func.max(m.RendezVous.debut)).where(m.RendezVous.dossier_id.is_not(None))
        .group_by(m.RendezVous.dossier_id)).all())
    last_step = dict(session.execute(
        select(m.EtapeHistorique.dossier_id, func.max(m.EtapeHistorique.date)).group_by(m.EtapeHistorique.dossier_id)
    ).all())
    n_benef = dict(session.execute(
        select(m.DossierBeneficiaire.dossier_id, func.count()).group_by(m.DossierBeneficiaire.dossier_id)).all())
    out = []
    for d in session.scalars(select(m.Dossier).where(m.Dossier.date_cloture.is_not(None),
                                                     m.Dossier.date_cloture < limit)):
        if d.titre == gdpr.ANON_DOSSIER_TITLE or d.date_cloture is None:  # closed: the query asks for a date
            continue
        dates = [d.date_cloture]
        if last_rdv.get(d.id):
            dates.append(last_rdv[d.id].date())
        if last_step.get(d.id):
            dates.append(last_step[d.id])
        last = max(dates)
        if last < limit:
            out.append(ReviewItem(d.id, d.reference, d.dispositif, d.titre, d.date_cloture, last,
                                  int(n_benef.get(d.id, 0))))
    out.sort(key=lambda i: (i.dernier_contact, i.reference))
    return out


def _check_listed(session: Session, dossier_ids: list[str], on: dt.date | None) -> list[str]:
    listed = {i.dossier_id for i in review_list(session, on)}
    outside = [i for i in dossier_ids if i not in listed]
    if outside:
        raise ValidationError({"__all__": f"{len(outside)} dossier(s) ne sont pas (ou plus) dans la liste de "
                                          "conservation : rien n'a été fait."})
    return list(dict.fromkeys(dossier_ids))


def _people_to_erase(session: Session, dossier_ids: list[str]) -> list[str]:
    """Beneficiaries of these dossiers who have no other (non-anonymised) dossier."""
    people = set(session.scalars(select(m.DossierBeneficiaire.personne_id).where(
        m.DossierBeneficiaire.dossier_id.in_(dossier_ids))))
    out = []
    for pid in sorted(people):
        others = session.scalar(select(func.count()).select_from(m.DossierBeneficiaire).join(m.Dossier).where(
            m.DossierBeneficiaire.personne_id == pid, m.DossierBeneficiaire.dossier_id.not_in(dossier_ids),
            m.Dossier.titre != gdpr.ANON_DOSSIER_TITLE))
        p = session.get(m.Personne, pid)
        if not others and p is not None and not p.anonymise and not p.fusionne_dans_id:
            out.append(pid)
    return out


def _erase_people(session: Session, people: list[str], blobs: Any | None) -> None:
    for pid in people:
        gdpr.erase_person(session, pid, MOTIF, blobs)


def anonymise(session: Session, dossier_ids: list[str], *, on: dt.date | None = None,
              blobs: Any | None = None) -> int:
    """Anonymise the listed dossiers (statistics kept); returns how many."""
    ids = _check_listed(session, dossier_ids, on)
    people = _people_to_erase(session, ids)
    _erase_people(session, people, blobs)
    cells: set[gdpr.Cell] = set()
    for did in ids:
        d = session.get_one(m.Dossier, did)  # listed by _check_listed: it exists
        if d.titre != gdpr.ANON_DOSSIER_TITLE:
            gdpr._anonymise_dossier_text(session, d, cells)
    session.flush()
    gdpr.redact_local(session, cells)
    log.info("retention: %d dossiers anonymised, %d people erased", len(ids), len(people))
    return len(ids)


def purge(session: Session, dossier_ids: list[str], *, on: dt.date | None = None, blobs: Any | None = None) -> int:
    """Delete the listed dossiers and everything attached; returns how many."""
    ids = _check_listed(session, dossier_ids, on)
    people = _people_to_erase(session, ids)
    _erase_people(session, people, blobs)
    cells: set[gdpr.Cell] = set()
    for did in ids:
        d = session.get_one(m.Dossier, did)  # listed by _check_listed: it exists
        for r in list(d.rendez_vous):
            for a in list(r.actions):
                _delete(session, a, cells)
            for part in list(r.participants):
                _delete(session, part, cells)
            for doc in session.scalars(select(m.Document).where(m.Document.rendez_vous_id == r.id)):
                gdpr._delete_document(session, doc, cells, blobs)
            _delete(session, r, cells)
        for a in session.scalars(select(m.Action).where(m.Action.dossier_id == did)):
            _delete(session, a, cells)
        for doc in list(session.scalars(select(m.Document).where(m.Document.dossier_id == did))):
            gdpr._delete_document(session, doc, cells, blobs)
        for model in (m.DossierBeneficiaire, m.DossierConseiller, m.EtapeHistorique):
            for row in session.scalars(select(model).where(model.dossier_id == did)):
                _delete(session, row, cells)
        session.flush()
        _delete(session, d, cells)
        session.flush()
    gdpr.redact_local(session, cells)
    log.info("retention: %d dossiers purged, %d people erased", len(ids), len(people))
    return len(ids)


def _delete(session: Session, obj: Any, cells: set[gdpr.Cell]) -> None:
    for c in obj.__table__.columns:
        if c.name != "id":
            cells.add((obj.__table__.name, obj.id, c.name))
    session.delete(obj)
