"""Personnes: the list (found as you type) and one person's detail — plain data for the screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pole_desktop.domain.dispositifs import DISPOSITIFS
from pole_desktop.domain.models import (
    Atelier,
    AtelierInscription,
    Dossier,
    DossierBeneficiaire,
    Personne,
    Structure,
    StructureRole,
)
from pole_desktop.services import fusion
from pole_desktop.storage.search import search_ids

LIST_LIMIT = 2000


@dataclass(frozen=True)
class PersonneRow:
    id: str
    nom: str
    prenom: str | None
    commune_insee: str | None
    telephone: str | None
    email: str | None
    dossiers: int


@dataclass(frozen=True)
class PersonneDetail:
    id: str
    civilite: str | None
    prenom: str | None
    nom: str
    telephone: str | None
    email: str | None
    adresse: str | None
    code_postal: str | None
    commune_insee: str | None
    situation: str | None
    annee_naissance: int | None
    prescripteur: str | None
    consentement_date: dt.date | None
    consentement_portee: str | None
    # (dossier id, reference, titre, étape label), newest first
    dossiers: list[tuple[str, str, str, str]] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)  # (role, raison sociale)
    # (atelier id, titre, début, présent: True/False/None)
    ateliers: list[tuple[str, str, dt.datetime, bool | None]] = field(default_factory=list)
    # the last merge this person survived and that is not undone: (fusion id, date, absorbed name)
    last_merge: tuple[str, dt.datetime, str] | None = None


def list_personnes(s: Session, text: str = "", limit: int = LIST_LIMIT) -> list[PersonneRow]:
    """Active people (not merged away, not anonymised); ``text`` filters through the search index
    (accent-insensitive), best matches first; else by name."""
    dossiers = (
        select(DossierBeneficiaire.personne_id, func.count().label("n"))
        .group_by(DossierBeneficiaire.personne_id).subquery()
    )
    q = (
        select(Personne.id, Personne.nom, Personne.prenom, Personne.commune_insee, Personne.telephone,
               Personne.email, func.coalesce(dossiers.c.n, 0))
        .outerjoin(dossiers, dossiers.c.personne_id == Personne.id)
        .where(Personne.fusionne_dans_id.is_(None), Personne.anonymise.is_(False))
    )
    text = text.strip()
    if text:
        ids = search_ids(s, text, "personne", limit=limit)
        rank = {pid: i for i, pid in enumerate(ids)}
        rows = list(s.execute(q.where(Personne.id.in_(ids))).all())
        rows.sort(key=lambda r: rank[r[0]])
    else:
        rows = list(s.execute(q.order_by(Personne.nom, Personne.prenom).limit(limit)).all())
    return [PersonneRow(*r) for r in rows]


def personne_detail(s: Session, pid: str) -> PersonneDetail | None:
    p = s.get(Personne, pid)
    if p is None:
        return None
    dossiers = [
        (d[0], d[1], d[2], DISPOSITIFS[d[3]].libelle_etape(d[4]) if d[3] in DISPOSITIFS else d[4])
        for d in s.execute(
            select(Dossier.id, Dossier.reference, Dossier.titre, Dossier.dispositif, Dossier.etape)
            .join(DossierBeneficiaire, DossierBeneficiaire.dossier_id == Dossier.id)
            .where(DossierBeneficiaire.personne_id == pid).order_by(Dossier.date_ouverture.desc())
        )
    ]
    roles = [(role, nom) for role, nom in s.execute(
        select(StructureRole.role, Structure.raison_sociale).join(Structure)
        .where(StructureRole.personne_id == pid).order_by(Structure.raison_sociale)
    )]
    ateliers = [(aid, titre, debut, present) for aid, titre, debut, present in s.execute(
        select(Atelier.id, Atelier.titre, Atelier.debut, AtelierInscription.present)
        .join(AtelierInscription, AtelierInscription.atelier_id == Atelier.id)
        .where(AtelierInscription.personne_id == pid).order_by(Atelier.debut.desc())
    )]
    last_merge = None
    merges = [f for f in fusion.merges_of(s, "personne", pid) if f.survivant_id == pid and not f.annulee]
    if merges:
        last = merges[0]
        gone = s.get(Personne, last.absorbe_id)
        last_merge = (last.id, last.date, gone.nom_complet if gone else "?")
    return PersonneDetail(
        id=p.id, civilite=p.civilite, prenom=p.prenom, nom=p.nom, telephone=p.telephone, email=p.email,
        adresse=p.adresse, code_postal=p.code_postal, commune_insee=p.commune_insee, situation=p.situation,
        annee_naissance=p.annee_naissance, prescripteur=p.prescripteur, consentement_date=p.consentement_date,
        consentement_portee=p.consentement_portee, dossiers=dossiers, roles=roles, ateliers=ateliers,
        last_merge=last_merge,
    )


@dataclass(frozen=True)
class PersonneForm:
    """What the person form shows of a saved person."""

    id: str
    nom_complet: str
    values: dict[str, object]  # column → value, for every column of the form


FORM_COLUMNS = ("civilite", "sexe", "situation", "nom", "prenom", "annee_naissance", "telephone", "email", "adresse",
                "code_postal", "commune_insee", "qpv_code", "prescripteur", "consentement_date", "consentement_portee",
                "consentement_moyen", "notes")


def personne_form(s: Session, pid: str, columns: tuple[str, ...] = FORM_COLUMNS) -> PersonneForm | None:
    p = s.get(Personne, pid)
    if p is None:
        return None
    return PersonneForm(p.id, p.nom_complet, {c: getattr(p, c, None) for c in columns})


@dataclass(frozen=True)
class DuplicateCandidate:
    id: str
    nom_complet: str
    annee_naissance: int | None
    commune_insee: str | None
    telephone: str | None
    email: str | None


def personne_duplicates(
    s: Session, values: dict[str, object], personne_id: str | None = None
) -> list[DuplicateCandidate]:
    """People who may be the one being typed (same name key, birth year, e-mail or phone)."""
    from pole_desktop.services import personnes as service
    from pole_desktop.services import validation as v

    if not values.get("nom"):
        return []
    probe = Personne(nom=values["nom"], prenom=values.get("prenom") or "")
    if personne_id:
        probe.id = personne_id
    checks: tuple[tuple[str, Callable[[Any], Any]], ...] = (
        ("annee_naissance", v.validate_birth_year), ("email", v.validate_email), ("telephone", v.validate_phone))
    for name, check in checks:
        if values.get(name):
            try:
                setattr(probe, name, check(values[name]))
            except v.FieldError:
                pass
    return [DuplicateCandidate(p.id, p.nom_complet, p.annee_naissance, p.commune_insee, p.telephone, p.email)
            for p in service.find_duplicates(s, probe)]


@dataclass(frozen=True)
class PersonPrivacy:
    """What « Données personnelles » shows of a person: names, consent, their journal history."""

    nom: str
    nom_complet: str
    anonymise: bool
    consentement_date: dt.date | None
    consentement_portee: str | None
    consentement_moyen: str | None
    history: list[Any]


def person_privacy(s: Session, pid: str) -> PersonPrivacy | None:
    from pole_desktop.services import history

    p = s.get(Personne, pid)
    if p is None:
        return None
    return PersonPrivacy(p.nom, p.nom_complet, bool(p.anonymise), p.consentement_date, p.consentement_portee,
                         p.consentement_moyen, history.history(s, "personne", pid))
