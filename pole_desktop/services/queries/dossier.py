"""One dossier's page: its header and the rows of each tab — plain data for the screens."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop.domain.dispositifs import CLOTURE, DISPOSITIFS, MOTIFS_CLOTURE, TYPES_DOSSIER
from pole_desktop.domain.models import (
    Accompagnateur,
    Action,
    Document,
    Dossier,
    DossierBeneficiaire,
    EtapeHistorique,
    Personne,
    RendezVous,
    Structure,
)
from pole_desktop.services.common import get_or_error
from pole_desktop.services.queries.common import commune_nom


@dataclass(frozen=True)
class DossierHeader:
    id: str
    reference: str
    titre: str
    dispositif: str  # its name
    type: str  # its French label
    referent: str  # name, or « sans référent »
    commune: str  # name, or ""
    ouverture: dt.date
    cloture: dt.date | None
    etape: str  # the step's label
    closed: bool


def dossier_reference(s: Session, dossier_id: str) -> str | None:
    return s.scalar(select(Dossier.reference).where(Dossier.id == dossier_id))


def dossier_synthese(s: Session, dossier_id: str) -> dict[str, object] | None:
    """The dossier's own columns (the Synthèse form), as plain values; None if it no longer exists."""
    d = s.get(Dossier, dossier_id)
    if d is None:
        return None
    return {c.key: getattr(d, c.key) for c in Dossier.__mapper__.column_attrs}


def dossier_header(s: Session, dossier_id: str) -> DossierHeader | None:
    d = s.get(Dossier, dossier_id)
    if d is None:
        return None
    disp = DISPOSITIFS[d.dispositif]
    return DossierHeader(
        id=d.id, reference=d.reference, titre=d.titre, dispositif=disp.nom, type=TYPES_DOSSIER.get(d.type, d.type),
        referent=d.referent.nom_complet if d.referent else "sans référent", commune=commune_nom(d.commune_insee),
        ouverture=d.date_ouverture, cloture=d.date_cloture, etape=disp.libelle_etape(d.etape),
        closed=d.etape == CLOTURE,
    )


@dataclass(frozen=True)
class ActionRow:
    id: str
    libelle: str
    responsable: str | None
    echeance: dt.date | None
    faite: bool
    faite_le: dt.date | None


def dossier_actions(s: Session, dossier_id: str) -> list[ActionRow]:
    """Open actions first, by due date."""
    return [ActionRow(a.id, a.libelle, a.responsable, a.echeance, bool(a.faite), a.faite_le)
            for a in s.scalars(select(Action).where(Action.dossier_id == dossier_id)
                               .order_by(Action.faite, Action.echeance))]


@dataclass(frozen=True)
class EtapeRow:
    date: dt.date
    etape: str  # label
    par: str  # advisor's name, or ""
    motif: str  # closing reason and comment


@dataclass(frozen=True)
class DossierEtapes:
    current: str  # label of the current step
    cloture: dt.date | None
    rows: list[EtapeRow]


def dossier_etapes(s: Session, dossier_id: str) -> DossierEtapes:
    d = get_or_error(s, Dossier, dossier_id, "Dossier")
    disp = DISPOSITIFS[d.dispositif]
    rows = s.execute(
        select(EtapeHistorique, Accompagnateur.prenom, Accompagnateur.nom)
        .outerjoin(Accompagnateur, Accompagnateur.id == EtapeHistorique.accompagnateur_id)
        .where(EtapeHistorique.dossier_id == dossier_id)
        .order_by(EtapeHistorique.date.desc())
    ).all()
    return DossierEtapes(disp.libelle_etape(d.etape), d.date_cloture, [
        EtapeRow(h.date, disp.libelle_etape(h.etape), f"{p or ''} {n or ''}".strip(),
                 " — ".join(filter(None, [MOTIFS_CLOTURE.get(h.motif_cloture or "", ""), h.commentaire or ""])))
        for h, p, n in rows
    ])


@dataclass(frozen=True)
class RendezVousRow:
    id: str
    debut: dt.datetime
    fin: dt.datetime
    type: str
    lieu_type: str | None
    commune: str
    objet: str | None
    statut: str
    has_compte_rendu: bool


def dossier_rendez_vous(s: Session, dossier_id: str) -> list[RendezVousRow]:
    """Newest first."""
    return [RendezVousRow(r.id, r.debut, r.fin, r.type, r.lieu_type, commune_nom(r.commune_insee), r.objet, r.statut,
                          bool((r.compte_rendu or "").strip()))
            for r in s.scalars(select(RendezVous).where(RendezVous.dossier_id == dossier_id)
                               .order_by(RendezVous.debut.desc()))]


@dataclass(frozen=True)
class DocumentRow:
    id: str
    type: str
    titre: str
    nom_fichier: str
    mime: str
    sha256: str
    taille: int
    cree_le: dt.datetime


def dossier_documents(s: Session, dossier_id: str) -> list[DocumentRow]:
    """Newest first."""
    return [DocumentRow(d.id, d.type, d.titre, d.nom_fichier, d.mime, d.sha256, d.taille, d.cree_le)
            for d in s.scalars(select(Document).where(Document.dossier_id == dossier_id)
                               .order_by(Document.cree_le.desc(), Document.titre))]


def document_row(s: Session, document_id: str) -> DocumentRow | None:
    d = s.get(Document, document_id)
    return None if d is None else DocumentRow(d.id, d.type, d.titre, d.nom_fichier, d.mime, d.sha256, d.taille,
                                              d.cree_le)


@dataclass(frozen=True)
class BeneficiaireRow:
    personne_id: str
    nom_complet: str
    role: str | None
    telephone: str | None
    email: str | None
    commune: str


@dataclass(frozen=True)
class DossierBeneficiaires:
    rows: list[BeneficiaireRow]
    # (raison sociale, sigle, commune) of the linked structure
    structure: tuple[str, str | None, str] | None


def dossier_beneficiaires(s: Session, dossier_id: str) -> DossierBeneficiaires:
    rows = s.execute(
        select(Personne, DossierBeneficiaire.role)
        .join(DossierBeneficiaire, DossierBeneficiaire.personne_id == Personne.id)
        .where(DossierBeneficiaire.dossier_id == dossier_id)
        .order_by(Personne.nom, Personne.prenom)
    ).all()
    d = get_or_error(s, Dossier, dossier_id, "Dossier")
    st = s.get(Structure, d.structure_id) if d.structure_id else None
    return DossierBeneficiaires(
        [BeneficiaireRow(p.id, p.nom_complet, role, p.telephone, p.email, commune_nom(p.commune_insee))
         for p, role in rows],
        (st.raison_sociale, st.sigle, commune_nom(st.commune_insee)) if st else None,
    )


@dataclass(frozen=True)
class DossierEtapeState:
    dispositif: str  # code
    etape: str  # code of the current step
    ouverture: dt.date


def dossier_etape_state(s: Session, dossier_id: str) -> DossierEtapeState:
    d = get_or_error(s, Dossier, dossier_id, "Dossier")
    return DossierEtapeState(d.dispositif, d.etape, d.date_ouverture)


def dossier_label(s: Session, dossier_id: str) -> tuple[str, str] | None:
    """(id, « référence — titre ») of a dossier, as pickers show it."""
    row = s.execute(select(Dossier.id, Dossier.reference, Dossier.titre).where(Dossier.id == dossier_id)).first()
    return (row[0], f"{row[1]} — {row[2]}") if row else None
