"""Structures: the list (found as you type) and one structure's detail — plain data for the screen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pole_desktop.domain.dispositifs import DISPOSITIFS
from pole_desktop.domain.models import Dossier, Personne, Structure, StructureRole
from pole_desktop.services import fusion
from pole_desktop.storage.search import search_ids

LIST_LIMIT = 2000


@dataclass(frozen=True)
class StructureRow:
    id: str
    raison_sociale: str
    sigle: str | None
    commune_insee: str | None
    siret: str | None
    dossiers: int


@dataclass(frozen=True)
class StructureDetail:
    id: str
    raison_sociale: str
    sigle: str | None
    forme_juridique: str | None
    siret: str | None
    rna: str | None
    naf: str | None
    date_creation: dt.date | None
    esus: bool | None
    collectivite: bool | None
    adresse: str | None
    code_postal: str | None
    commune_insee: str | None
    telephone: str | None
    email: str | None
    salaries: int | None
    etp: float | None
    benevoles: int | None
    budget_centimes: int | None
    roles: list[tuple[str, str, str | None, str]] = field(default_factory=list)  # (role id, role, prénom, nom)
    dossiers: list[tuple[str, str, str, str]] = field(default_factory=list)  # (id, référence, titre, étape)
    last_merge: tuple[str, dt.datetime, str] | None = None  # (fusion id, date, absorbed name)


def list_structures(s: Session, text: str = "", limit: int = LIST_LIMIT) -> list[StructureRow]:
    """Structures not merged away; ``text`` filters through the search index, best matches first."""
    counts = select(Dossier.structure_id, func.count().label("n")).group_by(Dossier.structure_id).subquery()
    q = (
        select(Structure.id, Structure.raison_sociale, Structure.sigle, Structure.commune_insee,
               Structure.siret, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.structure_id == Structure.id)
        .where(Structure.fusionne_dans_id.is_(None))
    )
    text = text.strip()
    if text:
        ids = search_ids(s, text, "structure", limit=limit)
        rank = {sid: i for i, sid in enumerate(ids)}
        rows = sorted(s.execute(q.where(Structure.id.in_(ids))).all(), key=lambda r: rank[r[0]])
    else:
        rows = list(s.execute(q.order_by(Structure.raison_sociale).limit(limit)).all())
    return [StructureRow(*r) for r in rows]


def structure_detail(s: Session, sid: str) -> StructureDetail | None:
    st = s.get(Structure, sid)
    if st is None:
        return None
    roles: list[tuple[str, str, str | None, str]] = [(rid, role, prenom, nom) for rid, role, prenom, nom in s.execute(
        select(StructureRole.id, StructureRole.role, Personne.prenom, Personne.nom).join(Personne)
        .where(StructureRole.structure_id == sid).order_by(Personne.nom, Personne.prenom)
    )]
    dossiers = [
        (d.id, d.reference, d.titre,
         DISPOSITIFS[d.dispositif].libelle_etape(d.etape) if d.dispositif in DISPOSITIFS else d.etape)
        for d in s.scalars(select(Dossier).where(Dossier.structure_id == sid).order_by(Dossier.date_ouverture.desc()))
    ]
    last_merge = None
    merges = [f for f in fusion.merges_of(s, "structure", sid) if f.survivant_id == sid and not f.annulee]
    if merges:
        gone = s.get(Structure, merges[0].absorbe_id)
        last_merge = (merges[0].id, merges[0].date, gone.raison_sociale if gone else "?")
    return StructureDetail(
        id=st.id, raison_sociale=st.raison_sociale, sigle=st.sigle, forme_juridique=st.forme_juridique,
        siret=st.siret, rna=st.rna, naf=st.naf, date_creation=st.date_creation, esus=st.esus,
        collectivite=st.collectivite, adresse=st.adresse, code_postal=st.code_postal,
        commune_insee=st.commune_insee, telephone=st.telephone, email=st.email, salaries=st.salaries,
        etp=st.etp, benevoles=st.benevoles, budget_centimes=st.budget_centimes, roles=roles, dossiers=dossiers,
        last_merge=last_merge,
    )


@dataclass(frozen=True)
class StructureForm:
    """What the structure form shows of a saved structure."""

    id: str
    raison_sociale: str
    values: dict[str, object]  # column → value


def structure_form(s: Session, sid: str, columns: tuple[str, ...]) -> StructureForm | None:
    st = s.get(Structure, sid)
    if st is None:
        return None
    return StructureForm(st.id, st.raison_sociale, {c: getattr(st, c, None) for c in columns})


@dataclass(frozen=True)
class StructureCandidate:
    id: str
    raison_sociale: str
    siret: str | None
    rna: str | None
    commune_insee: str | None


def as_candidates(found: list[Structure]) -> list[StructureCandidate]:
    return [StructureCandidate(x.id, x.raison_sociale, x.siret, x.rna, x.commune_insee) for x in found]
