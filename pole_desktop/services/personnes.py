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


def name_key(nom: str | None, prenom: str | None = "") -> str:
    """A person's name folded for duplicate detection: case, accents, hyphens, apostrophes and
    spaces ignored, so « Hélène Lefèvre-Dupont » and « HELENE LEFEVRE DUPONT » have the same key."""
    from pole_desktop.territory.text import fold

    return fold(nom or "", expand_saint=False).replace(" ", "") + "|" + fold(prenom or "", expand_saint=False).replace(
        " ", ""
    )


def _active():  # noqa: ANN202
    return (Personne.fusionne_dans_id.is_(None)) & (Personne.anonymise.is_(False))


def find_duplicates(session: Session, p: Personne) -> list[Personne]:
    """People that are probably the same as ``p``: same folded name (and birth year when both are
    known), same e-mail, same phone. Names are compared folded in Python (SQLite's ``lower()`` folds
    only ASCII: « élodie » and « ÉLODIE » would never meet); the full-text index, which ignores
    case and accents, finds the candidates."""
    from pole_desktop.storage.search import search_ids

    found: dict[str, Personne] = {}
    conds = []
    if p.email:
        conds.append(func.lower(Personne.email) == p.email.lower())
    if p.telephone:
        conds.append(Personne.telephone == p.telephone)
    if conds:
        q = select(Personne).where(or_(*conds), Personne.id != p.id, _active())
        found.update((x.id, x) for x in session.scalars(q))
    if p.nom:
        key = name_key(p.nom, p.prenom)
        ids = [i for i in search_ids(session, f"{p.nom} {p.prenom or ''}", "personne", limit=500) if i != p.id]
        for i in range(0, len(ids), 500):
            q = select(Personne).where(Personne.id.in_(ids[i : i + 500]), _active())
            for x in session.scalars(q):
                if name_key(x.nom, x.prenom) != key:
                    continue
                if p.annee_naissance and x.annee_naissance and x.annee_naissance != p.annee_naissance:
                    continue
                found[x.id] = x
    return sorted(found.values(), key=lambda x: (name_key(x.nom, x.prenom), x.id))


def all_duplicate_pairs(session: Session, limit: int = 200) -> list[tuple[Personne, Personne, str]]:
    """Pairs of likely duplicates across the whole file, with the reason in French (names folded)."""
    out: list[tuple[Personne, Personne, str]] = []
    seen: set[tuple[str, str]] = set()
    groups: dict[tuple[str, str], dict[object, list[str]]] = {}
    rows = session.execute(
        select(Personne.id, Personne.nom, Personne.prenom, Personne.annee_naissance, Personne.email,
               Personne.telephone).where(_active())
    )
    for pid, nom, prenom, annee, email, tel in rows:
        if nom and annee is not None:
            groups.setdefault(("même nom et même année de naissance", ""), {}).setdefault(
                (name_key(nom, prenom), annee), []).append(pid)
        if email:
            groups.setdefault(("même adresse e-mail", ""), {}).setdefault(email.lower(), []).append(pid)
        if tel:
            groups.setdefault(("même téléphone", ""), {}).setdefault(tel, []).append(pid)
    for (reason, _), by_key in groups.items():
        for ids in by_key.values():
            if len(ids) < 2:
                continue
            ids = sorted(ids)
            for other in ids[1:]:
                pair = (ids[0], other)
                if pair not in seen:
                    seen.add(pair)
                    out.append((session.get_one(Personne, ids[0]), session.get_one(Personne, other), reason))
                if len(out) >= limit:
                    return out
    return out[:limit]
