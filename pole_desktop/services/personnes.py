"""People (porteurs, contacts): create and edit with validation, find duplicates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from pole_desktop.clock import today
from pole_desktop.domain.models import Personne
from pole_desktop.services import validation as v
from pole_desktop.services.common import Form, as_date, as_long_text, as_text, get_or_error, one_of

CIVILITES = {"Mme": "Madame", "M.": "Monsieur"}
SEXES = {"F": "Femme", "M": "Homme", "X": "Non précisé"}
SITUATIONS = {
    "demandeur_emploi": "Demandeur·se d'emploi",
    "rsa": "Allocataire du RSA",
    "salarie": "Salarié·e",
    "independant": "Indépendant·e",
    "etudiant": "Étudiant·e",
    "retraite": "Retraité·e",
    "benevole": "Bénévole",
    "elu": "Élu·e",
    "autre": "Autre",
}

TEXT_FIELDS = ["prescripteur", "consentement_portee", "consentement_moyen", "adresse"]


def _read(form: Form, existing: Personne | None) -> None:
    form.field("civilite", one_of(CIVILITES, "civilité"))
    form.field("nom", as_text, 100, required="Le nom est obligatoire.")
    form.field("prenom", as_text, 100)
    form.field("sexe", one_of(SEXES, "sexe"))
    form.field("annee_naissance", v.validate_birth_year)
    form.field("email", v.validate_email)
    form.field("telephone", v.validate_phone)
    for name in TEXT_FIELDS:
        form.field(name, as_text, 300)
    form.field("situation", one_of(SITUATIONS, "situation"))
    form.field("consentement_date", as_date)
    form.field("notes", as_long_text)
    form.field("qpv_code", as_text, 10)
    commune = form.field("commune_insee", v.validate_commune)
    cp = form.field("code_postal", v.validate_postcode)
    if commune and cp and "code_postal" not in form.errors:
        try:
            v.validate_postcode_commune(cp, commune)
        except v.FieldError as e:
            form.error("code_postal", e.message)


def save_personne(session: Session, values: Mapping[str, Any], personne_id: str | None = None) -> Personne:
    """Create (no id) or update a person from submitted ``values``; only given keys change."""
    existing = get_or_error(session, Personne, personne_id, "Personne") if personne_id else None
    form = Form(values)
    _read(form, existing)
    if existing is not None and not form.has("nom"):
        form.errors.pop("nom", None)
    form.raise_if_errors()
    p = existing or Personne(nom=form.clean["nom"], cree_le=today())
    form.apply(p)
    if existing is None:
        session.add(p)
    session.flush()
    return p


def find_duplicates(session: Session, p: Personne) -> list[Personne]:
    """People that are probably the same as ``p``: same name and birth year, same e-mail, same phone."""
    conds = []
    if p.nom:
        same_name = (func.lower(Personne.nom) == p.nom.lower()) & (
            func.lower(Personne.prenom) == (p.prenom or "").lower()
        )
        if p.annee_naissance:
            same_name = same_name & (
                (Personne.annee_naissance == p.annee_naissance) | Personne.annee_naissance.is_(None)
            )
        conds.append(same_name)
    if p.email:
        conds.append(func.lower(Personne.email) == p.email.lower())
    if p.telephone:
        conds.append(Personne.telephone == p.telephone)
    if not conds:
        return []
    q = select(Personne).where(
        or_(*conds), Personne.id != p.id, Personne.fusionne_dans_id.is_(None), Personne.anonymise.is_(False)
    )
    return list(session.scalars(q.order_by(Personne.nom, Personne.prenom)))


def all_duplicate_pairs(session: Session, limit: int = 200) -> list[tuple[Personne, Personne, str]]:
    """Pairs of likely duplicates across the whole file, with the reason in French."""
    out: list[tuple[Personne, Personne, str]] = []
    active = (Personne.fusionne_dans_id.is_(None)) & (Personne.anonymise.is_(False))
    rules = [
        ("même nom et même année de naissance",
         [func.lower(Personne.nom), func.lower(Personne.prenom), Personne.annee_naissance]),
        ("même adresse e-mail", [func.lower(Personne.email)]),
        ("même téléphone", [Personne.telephone]),
    ]
    seen: set[tuple[str, str]] = set()
    for reason, keys in rules:
        groups = session.execute(
            select(*keys, func.group_concat(Personne.id)).where(active, *[k.is_not(None) for k in keys])
            .group_by(*keys).having(func.count() > 1).limit(limit)
        ).all()
        for row in groups:
            ids = sorted(row[-1].split(","))
            for other in ids[1:]:
                pair = (ids[0], other)
                if pair not in seen:
                    seen.add(pair)
                    out.append((session.get(Personne, ids[0]), session.get(Personne, other), reason))
    return out[:limit]
