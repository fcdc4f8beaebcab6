"""Structures (associations, coopératives, collectivités) and people's roles in them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pole_desktop import clock
from pole_desktop.domain.models import Personne, Structure, StructureRole
from pole_desktop.services import validation as v
from pole_desktop.services.common import Form, as_bool, as_date, as_long_text, as_text, get_or_error

ROLES = [
    "Président·e",
    "Vice-président·e",
    "Trésorier·e",
    "Secrétaire",
    "Directeur·rice",
    "Coordinateur·rice",
    "Gérant·e",
    "Salarié·e",
    "Bénévole",
    "Élu·e référent·e",
    "Contact",
]


def _cents(value: Any) -> int:
    return int((v.validate_amount(value) * 100).to_integral_value())


def save_structure(session: Session, values: Mapping[str, Any], structure_id: str | None = None) -> Structure:
    existing = get_or_error(session, Structure, structure_id, "Structure") if structure_id else None
    form = Form(values)
    form.field("raison_sociale", as_text, 200, required="La raison sociale est obligatoire.")
    form.field("sigle", as_text, 50)
    form.field("forme_juridique", v.validate_legal_form)
    form.field("siret", v.validate_siret)
    form.field("rna", v.validate_rna)
    form.field("naf", v.validate_naf)
    form.field("date_creation", as_date)
    form.field("adresse", as_text, 300)
    form.field("email", v.validate_email)
    form.field("telephone", v.validate_phone)
    form.field("salaries", v.validate_count)
    form.field("etp", v.validate_etp_float)
    form.field("benevoles", v.validate_count)
    form.field("esus", as_bool)
    form.field("collectivite", as_bool)
    form.field("notes", as_long_text)
    commune = form.field("commune_insee", v.validate_commune)
    cp = form.field("code_postal", v.validate_postcode)
    if commune and cp and "code_postal" not in form.errors:
        try:
            v.validate_postcode_commune(cp, commune)
        except v.FieldError as e:
            form.error("code_postal", e.message)
    budget = form.field("budget", _cents)  # euros as typed ("12 500,00"), stored in cents
    d = form.clean.get("date_creation")
    if d and d > clock.today():
        form.error("date_creation", "La date de création ne peut pas être dans le futur.")
    if existing is not None and not form.has("raison_sociale"):
        form.errors.pop("raison_sociale", None)
    form.raise_if_errors()
    s = existing or Structure(raison_sociale=form.clean["raison_sociale"])
    form.clean.pop("budget", None)
    form.apply(s)
    if form.has("budget"):
        s.budget_centimes = budget
    if existing is None:
        session.add(s)
    session.flush()
    return s


def add_role(
    session: Session, structure_id: str, personne_id: str, role: str, depuis: dt.date | None = None
) -> StructureRole:
    get_or_error(session, Structure, structure_id, "Structure")
    get_or_error(session, Personne, personne_id, "Personne")
    role = (role or "").strip()
    if not role:
        raise v.ValidationError({"role": "Indiquez le rôle de la personne dans la structure."})
    try:
        v.check_characters(role, "role")
        if len(role) > 60:
            raise v.FieldError("role", "Ce texte est trop long (60 caractères au maximum).")
    except v.FieldError as e:
        raise v.ValidationError({"role": e.message}) from None
    r = StructureRole(structure_id=structure_id, personne_id=personne_id, role=role, depuis=depuis)
    session.add(r)
    session.flush()
    return r


def remove_role(session: Session, role_id: str) -> None:
    r = get_or_error(session, StructureRole, role_id, "Rôle")
    session.delete(r)
    session.flush()


def find_duplicates(session: Session, s: Structure) -> list[Structure]:
    conds = []
    if s.siret:
        conds.append(Structure.siret == s.siret)
        conds.append(Structure.siret.like(s.siret[:9] + "%"))  # same SIREN
    if s.rna:
        conds.append(Structure.rna == s.rna)
    found: dict[str, Structure] = {}
    if conds:
        q = select(Structure).where(or_(*conds), Structure.id != s.id, Structure.fusionne_dans_id.is_(None))
        found.update((x.id, x) for x in session.scalars(q))
    if s.raison_sociale:
        # Folded in Python (SQLite's ILIKE folds only ASCII); the full-text index finds the candidates.
        from pole_desktop.storage.search import search_ids

        key = name_key(s.raison_sociale)
        ids = [i for i in search_ids(session, s.raison_sociale, "structure", limit=500) if i != s.id]
        if ids:
            q = select(Structure).where(Structure.id.in_(ids), Structure.fusionne_dans_id.is_(None))
            found.update((x.id, x) for x in session.scalars(q) if name_key(x.raison_sociale) == key)
    return sorted(found.values(), key=lambda x: (name_key(x.raison_sociale), x.id))


def name_key(raison_sociale: str | None) -> str:
    """A structure's name folded for duplicate detection (case, accents, punctuation and spaces ignored)."""
    from pole_desktop.territory.text import fold

    return fold(raison_sociale or "", expand_saint=False).replace(" ", "")


def all_duplicate_pairs(session: Session, limit: int = 200) -> list[tuple[Structure, Structure, str]]:
    """Pairs of likely duplicate structures (same SIRET, same SIREN, same RNA, same name), with the reason."""
    from sqlalchemy import func

    active = Structure.fusionne_dans_id.is_(None)
    rules = [
        ("même SIRET", Structure.siret),
        ("même SIREN", func.substr(Structure.siret, 1, 9)),
        ("même numéro RNA", Structure.rna),
    ]
    out: list[tuple[Structure, Structure, str]] = []
    seen: set[tuple[str, str]] = set()
    for reason, key in rules:
        groups = session.execute(
            select(key, func.group_concat(Structure.id))
            .where(active, key.is_not(None), key != "")
            .group_by(key)
            .having(func.count() > 1)
            .limit(limit)
        ).all()
        for _, ids_text in groups:
            ids = sorted(ids_text.split(","))
            for other in ids[1:]:
                if (ids[0], other) not in seen:
                    seen.add((ids[0], other))
                    out.append((session.get_one(Structure, ids[0]), session.get_one(Structure, other), reason))
    by_name: dict[str, list[str]] = {}
    for sid, name in session.execute(select(Structure.id, Structure.raison_sociale).where(active)):
        if name and name.strip():
            by_name.setdefault(name_key(name), []).append(sid)
    for ids in by_name.values():
        ids = sorted(ids)
        for other in ids[1:]:
            if (ids[0], other) not in seen:
                seen.add((ids[0], other))
                pair = (session.get_one(Structure, ids[0]), session.get_one(Structure, other))
                out.append((*pair, "même raison sociale"))
    return out[:limit]
