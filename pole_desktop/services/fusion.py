"""Merging duplicate people or structures — recorded, complete, and reversible.

Every link pointing at the absorbed record is moved to the survivor (each move is a
journaled change, so other laptops see it); the absorbed record is kept with
``fusionne_dans_id`` set, and a :class:`Fusion` row lists what moved so that
:func:`undo_merge` can put every link back.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop import clock
from pole_desktop.domain import models as m
from pole_desktop.domain.base import SyncedMixin
from pole_desktop.services import validation as v
from pole_desktop.services.common import get_or_error

# (model, column) pairs that point at a person / a structure.
PERSON_LINKS: list[tuple[type[SyncedMixin], str]] = [
    (m.DossierBeneficiaire, "personne_id"),
    (m.RendezVousParticipant, "personne_id"),
    (m.AtelierInscription, "personne_id"),
    (m.StructureRole, "personne_id"),
    (m.Document, "personne_id"),
]
STRUCTURE_LINKS: list[tuple[type, str]] = [
    (m.Dossier, "structure_id"),
    (m.StructureRole, "structure_id"),
]
# Fields copied from the absorbed record when the survivor has none.
PERSON_FILL = ["civilite", "sexe", "annee_naissance", "email", "telephone", "adresse", "code_postal",
               "commune_insee", "situation", "prescripteur", "consentement_date", "consentement_portee",
               "consentement_moyen"]
STRUCTURE_FILL = ["sigle", "forme_juridique", "siret", "rna", "naf", "date_creation", "adresse", "code_postal",
                  "commune_insee", "email", "telephone", "salaries", "etp", "benevoles", "budget_centimes"]

UNIQUE_LINKS = {  # link model -> the other column of its unique pair
    m.DossierBeneficiaire: "dossier_id",
    m.RendezVousParticipant: "rendez_vous_id",
    m.AtelierInscription: "atelier_id",
}


def _kind(kind: str) -> tuple[type[Any], list[tuple[type[Any], str]], list[str], str]:
    if kind == "personne":
        return m.Personne, PERSON_LINKS, PERSON_FILL, "Personne"
    if kind == "structure":
        return m.Structure, STRUCTURE_LINKS, STRUCTURE_FILL, "Structure"
    raise ValueError(kind)


def merge(session: Session, kind: str, survivant_id: str, absorbe_id: str) -> m.Fusion:
    """Merge ``absorbe_id`` into ``survivant_id`` (kind: "personne" or "structure")."""
    model, links, fill, label = _kind(kind)
    if survivant_id == absorbe_id:
        raise v.ValidationError({"__all__": "Choisissez deux fiches différentes."})
    keep = get_or_error(session, model, survivant_id, label)
    gone = get_or_error(session, model, absorbe_id, label)
    if keep.fusionne_dans_id or gone.fusionne_dans_id:
        raise v.ValidationError({"__all__": "Une des deux fiches a déjà été fusionnée."})
    moved: list[dict[str, Any]] = []
    removed: list[dict[str, Any]] = []
    for link_model, col in links:
        for row in session.scalars(select(link_model).where(getattr(link_model, col) == gone.id)):
            other = UNIQUE_LINKS.get(link_model)
            if other and session.scalar(
                select(link_model).where(
                    getattr(link_model, col) == keep.id, getattr(link_model, other) == getattr(row, other)
                )
            ):
                # The survivor is already linked there: drop the duplicate link, remember it.
                removed.append({"table": link_model.__tablename__, "id": row.id,
                                "values": {c.name: _plain(getattr(row, c.key)) for c in link_model.__table__.columns}})
                session.delete(row)
                continue
            setattr(row, col, keep.id)
            moved.append({"table": link_model.__tablename__, "id": row.id, "column": col})
    filled = []
    for f in fill:
        if getattr(keep, f) in (None, "") and getattr(gone, f) not in (None, ""):
            setattr(keep, f, getattr(gone, f))
            filled.append(f)
    gone.fusionne_dans_id = keep.id
    fusion = m.Fusion(
        kind=kind,
        survivant_id=keep.id,
        absorbe_id=gone.id,
        date=clock.local_now(),
        details=json.dumps({"moved": moved, "removed": removed, "filled": filled}, ensure_ascii=False),
    )
    session.add(fusion)
    session.flush()
    return fusion


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def undo_merge(session: Session, fusion_id: str) -> None:
    """Put every moved link back, recreate removed duplicate links, un-fill copied fields."""
    import datetime as dt

    f = get_or_error(session, m.Fusion, fusion_id, "Fusion")
    if f.annulee:
        raise v.ValidationError({"__all__": "Cette fusion a déjà été annulée."})
    model, links, _, label = _kind(f.kind)
    keep = get_or_error(session, model, f.survivant_id, label)
    gone = get_or_error(session, model, f.absorbe_id, label)
    details = json.loads(f.details)
    by_table = {mdl.__tablename__: mdl for mdl, _ in links}
    for mv in details["moved"]:
        row = session.get(by_table[mv["table"]], mv["id"])
        if row is not None and getattr(row, mv["column"]) == keep.id:
            setattr(row, mv["column"], gone.id)
    for rm in details["removed"]:
        mdl = by_table[rm["table"]]
        values = {}
        for c in mdl.__table__.columns:
            val = rm["values"].get(c.name)
            if val is not None and c.type.python_type in (dt.date, dt.datetime):
                val = c.type.python_type.fromisoformat(val)
            values[c.key] = val
        session.add(mdl(**values))
    for field in details["filled"]:
        if getattr(keep, field) == getattr(gone, field):
            setattr(keep, field, None)
    gone.fusionne_dans_id = None
    f.annulee = True
    session.flush()


def merges_of(session: Session, kind: str, row_id: str) -> list[m.Fusion]:
    return list(
        session.scalars(
            select(m.Fusion)
            .where(m.Fusion.kind == kind, (m.Fusion.survivant_id == row_id) | (m.Fusion.absorbe_id == row_id))
            .order_by(m.Fusion.date.desc())
        )
    )


LINK_LABELS = {
    "dossier_beneficiaire": ("dossier suivi", "dossiers suivis"),
    "rendez_vous_participant": ("participation à un rendez-vous", "participations à des rendez-vous"),
    "atelier_inscription": ("inscription à un atelier", "inscriptions à des ateliers"),
    "structure_role": ("rôle dans une structure", "rôles dans des structures"),
    "document": ("document", "documents"),
    "dossier": ("dossier", "dossiers"),
}


def link_counts(session: Session, kind: str, row_id: str) -> list[tuple[str, int]]:
    """What points at a person / a structure: (French label, count) for each kind of link, non-zero only.

    This is what a merge moves from the absorbed record to the survivor.
    """
    from sqlalchemy import func

    _, links, _, _ = _kind(kind)
    out = []
    for link_model, col in links:
        n = session.scalar(select(func.count()).select_from(link_model).where(getattr(link_model, col) == row_id))
        if n:
            one, many = LINK_LABELS.get(link_model.__tablename__, (link_model.__tablename__,) * 2)
            out.append((f"{n} {one if n == 1 else many}", n))
    return out
