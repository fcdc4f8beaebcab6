"""Dossiers: open one (readable reference, territory as of its opening), edit it,
manage beneficiaries and co-advisors, change étape along the allowed transitions,
close with a reason, archive (never delete)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pole_desktop.clock import today
from pole_desktop.domain.dispositifs import (
    CLOTURE,
    DISPOSITIFS,
    INGENIERIE_TYPES,
    MOTIFS_AVEC_PRECISION,
    MOTIFS_CLOTURE,
    SUIVI_RESULTATS,
    SUIVIS_DLA,
    TYPES_DOSSIER,
    get_dispositif,
)
from pole_desktop.domain.models import (
    Accompagnateur,
    Dossier,
    DossierBeneficiaire,
    DossierConseiller,
    EtapeHistorique,
    Personne,
    Structure,
)
from pole_desktop.services import validation as v
from pole_desktop.services.common import (
    Form,
    as_bool,
    as_date,
    as_long_text,
    as_text,
    current_author,
    get_or_error,
    one_of,
)
from pole_desktop.territory import get_territory

PUBLICS = {"femmes": "Femmes", "qpv": "Habitants des QPV", "precarite": "Personnes en précarité",
           "handicap": "Personnes en situation de handicap", "jeunes": "Jeunes (moins de 26 ans)"}

EDITABLE_TEXT = {"titre": 200, "description": None, "besoins": None, "objectifs": None, "utilite_sociale": None}


def device_prefix(session: Session) -> str:
    from pole_desktop.storage.database import device_prefix_for

    return device_prefix_for(session.info["journal"].device_id)


def next_reference(session: Session, dispositif: str, year: int) -> str:
    """``DLA-2026-K7QF-0042``: unique across laptops thanks to the per-device prefix."""
    prefix = f"{get_dispositif(dispositif).prefixe}-{year}-{device_prefix(session)}-"
    last = session.scalar(select(func.max(Dossier.reference)).where(Dossier.reference.like(prefix + "%")))
    n = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{n:04d}"


def _apply_territory(d: Dossier, commune_insee: str | None, qpv_code: str | None) -> None:
    d.commune_insee = commune_insee
    if not commune_insee:
        d.zonage_version = d.frr_code = d.zrr_statut = d.qpv_code = None
        return
    z = get_territory().zoning_at(commune_insee, d.date_ouverture)
    d.zonage_version, d.frr_code, d.zrr_statut = z.version, z.frr_code, z.zrr_statut
    d.qpv_code = qpv_code if qpv_code in z.qpv_codes else None


def _cents(value: Any) -> int:
    return int((v.validate_amount(value) * 100).to_integral_value())


def _read_common(form: Form) -> None:
    for name, max_len in EDITABLE_TEXT.items():
        form.field(name, as_text if max_len else as_long_text, *([max_len] if max_len else []))
    form.field("commune_insee", v.validate_commune)
    form.field("qpv_code", as_text, 10)
    form.field("public_specifique", _publics)
    form.field("tags", as_text, 300)
    form.field("structure_creee", as_bool)
    form.field("date_structure_creee", as_date)
    form.field("emplois_crees_etp", v.validate_etp_float)
    form.field("emplois_consolides_etp", v.validate_etp_float)
    form.field("fonds_mobilises", _cents)
    for name in RESULT_DATES.values():
        form.field(name, as_date)
    form.field("crowdfunding_objectif", _cents)
    form.field("crowdfunding_collecte", _cents)
    form.field("crowdfunding_contributeurs", v.validate_count)
    form.field("ingenierie_type", _choice(INGENIERIE_TYPES, "Type d'ingénierie inconnu"))
    form.field("ingenierie_budget", _cents)
    for months in SUIVIS_DLA:
        form.field(f"suivi_{months}_date", as_date)
        form.field(f"suivi_{months}_resultat", _choice(SUIVI_RESULTATS, "Résultat de suivi inconnu"))
        form.field(f"suivi_{months}_commentaire", as_text, 500)


def _choice(choices: Mapping[str, str], message: str) -> Any:
    def check(value: Any) -> str:
        if value not in choices:
            raise v.FieldError("choix", f"{message} : {value}.")
        return str(value)

    return check


#: The DLA-only fields (form names): refused on the dossiers of other dispositifs.
DLA_FIELDS = ("ingenierie_type", "ingenierie_budget",
              *(f"suivi_{n}_{part}" for n in SUIVIS_DLA for part in ("date", "resultat", "commentaire")))


def _check_dla(form: Form, d: Dossier | None, dispositif: str, opened: dt.date) -> None:
    """DLA fields: only on DLA dossiers; a follow-up needs both its date and its result, dated
    after the opening, not in the future, the 24-month one after the 6-month one."""
    def value(name: str) -> Any:
        if form.has(name):
            return form.clean.get(name)
        column = MONEY_FIELDS.get(name, name)
        return getattr(d, column) if d is not None else None

    if dispositif != "dla":
        for name in DLA_FIELDS:
            if form.has(name) and form.clean.get(name) is not None:
                form.error(name, "Réservé aux dossiers DLA.")
        return
    dates: dict[int, dt.date | None] = {}
    for months, label in SUIVIS_DLA.items():
        day, result = value(f"suivi_{months}_date"), value(f"suivi_{months}_resultat")
        dates[months] = day
        if result and not day:
            form.error(f"suivi_{months}_date", f"{label} : indiquez sa date.")
        if day and not result:
            form.error(f"suivi_{months}_resultat", f"{label} : indiquez son résultat.")
        if day and day < opened:
            form.error(f"suivi_{months}_date", f"{label} : la date précède l'ouverture du dossier.")
        if day and day > today() + dt.timedelta(days=1):
            form.error(f"suivi_{months}_date", f"{label} : la date ne peut pas être dans le futur.")
    if dates[6] and dates[24] and dates[24] <= dates[6]:
        form.error("suivi_24_date", "Le suivi à 24 mois doit être postérieur au suivi à 6 mois.")


def _publics(value: Any) -> str:
    items = value if isinstance(value, list | tuple | set) else str(value).split("|")
    items = [i for i in (str(x).strip() for x in items) if i]
    for i in items:
        if i not in PUBLICS:
            raise v.FieldError("public_specifique", f"Public inconnu : {i}.")
    return "|".join(sorted(set(items)))


MONEY_FIELDS = {
    "fonds_mobilises": "fonds_mobilises_centimes",
    "crowdfunding_objectif": "crowdfunding_objectif_centimes",
    "crowdfunding_collecte": "crowdfunding_collecte_centimes",
    "ingenierie_budget": "ingenierie_budget_centimes",
}


#: Each result and the column holding the date it was obtained (a bilan counts results by that date).
RESULT_DATES = {
    "emplois_crees_etp": "date_emplois_crees",
    "emplois_consolides_etp": "date_emplois_consolides",
    "fonds_mobilises": "date_fonds_mobilises",
}


def _apply(form: Form, d: Dossier, default_date: dt.date) -> None:
    """Write the form into the dossier. A result whose value changes without a date given is dated
    ``default_date`` (today for an edit, the opening date for a new dossier); jobs created default to
    the structure's creation date when there is one. An unchanged value keeps its date."""
    before = {name: getattr(d, MONEY_FIELDS.get(name, name)) for name in RESULT_DATES}
    for name, value in form.clean.items():
        if not form.has(name) or name in ("commune_insee", "qpv_code"):
            continue
        setattr(d, MONEY_FIELDS.get(name, name), value)
    for name, date_col in RESULT_DATES.items():
        value = getattr(d, MONEY_FIELDS.get(name, name))
        given = form.clean.get(date_col)
        if value is None:
            date = None
        elif given:
            date = given
        elif value != before[name]:
            created = d.date_structure_creee if name == "emplois_crees_etp" else None
            date = created or default_date
        elif form.has(date_col):
            date = None  # date cleared on an unchanged value: the bilan's stated rule applies
        else:
            continue
        setattr(d, date_col, date)


def create_dossier(session: Session, values: Mapping[str, Any]) -> Dossier:
    """Open a dossier. ``values``: dispositif, type, titre, date_ouverture, referent_id,
    commune_insee, qpv_code, structure_id, beneficiaires (person ids), plus any editable field."""
    form = Form(values)
    disp_code = form.field("dispositif", one_of(DISPOSITIFS, "dispositif"), required="Choisissez un dispositif.")
    type_ = form.field("type", one_of(TYPES_DOSSIER, "type"))
    form.field("date_ouverture", as_date)
    form.field("referent_id", as_text, 36)
    form.field("structure_id", as_text, 36)
    _read_common(form)
    if not form.clean.get("titre"):
        form.error("titre", "Donnez un titre au projet.")
    disp = DISPOSITIFS.get(disp_code) if disp_code else None
    if disp and type_ is None:
        type_ = disp.types[0]
    elif disp and type_ not in disp.types and type_ is not None:
        form.error("type", f"Le type « {TYPES_DOSSIER[type_]} » ne correspond pas au dispositif {disp.nom}.")
    opened = form.clean.get("date_ouverture") or today()
    if opened > today() + dt.timedelta(days=1):
        form.error("date_ouverture", "La date d'ouverture ne peut pas être dans le futur.")
    beneficiaires = list(values.get("beneficiaires") or [])
    for pid in beneficiaires:
        if session.get(Personne, pid) is None:
            form.error("beneficiaires", "Une des personnes choisies est introuvable.")
    if form.clean.get("structure_id") and session.get(Structure, form.clean["structure_id"]) is None:
        form.error("structure_id", "La structure choisie est introuvable.")
    referent = form.clean.get("referent_id") or current_author(session)
    if referent and session.get(Accompagnateur, referent) is None:
        form.error("referent_id", "Accompagnateur inconnu.")
    if disp:
        _check_dla(form, None, disp.code, opened)
    form.raise_if_errors()
    assert disp is not None
    d = Dossier(
        reference=next_reference(session, disp.code, opened.year),
        dispositif=disp.code,
        type=type_,
        titre=form.clean["titre"],
        etape=disp.etape_initiale,
        date_ouverture=opened,
        referent_id=referent,
        structure_id=form.clean.get("structure_id"),
    )
    _apply(form, d, opened)
    _apply_territory(d, form.clean.get("commune_insee"), form.clean.get("qpv_code"))
    session.add(d)
    session.add(EtapeHistorique(dossier=d, etape=d.etape, date=opened, accompagnateur_id=current_author(session)))
    for i, pid in enumerate(dict.fromkeys(beneficiaires)):
        session.add(DossierBeneficiaire(dossier=d, personne_id=pid, role="porteur" if i == 0 else "co-porteur"))
    session.flush()
    return d


def update_dossier(session: Session, dossier_id: str, values: Mapping[str, Any]) -> Dossier:
    """Edit the synthesis and results; only keys present in ``values`` change."""
    d = get_or_error(session, Dossier, dossier_id, "Dossier")
    form = Form(values)
    _read_common(form)
    form.field("referent_id", as_text, 36)
    form.field("structure_id", as_text, 36)
    form.field("type", one_of(TYPES_DOSSIER, "type"))
    if form.has("titre") and not form.clean.get("titre"):
        form.error("titre", "Le titre du projet ne peut pas être vide.")
    if form.clean.get("structure_id") and session.get(Structure, form.clean["structure_id"]) is None:
        form.error("structure_id", "La structure choisie est introuvable.")
    if form.clean.get("referent_id") and session.get(Accompagnateur, form.clean["referent_id"]) is None:
        form.error("referent_id", "Accompagnateur inconnu.")
    created = form.clean.get("date_structure_creee")
    if created and created < d.date_ouverture - dt.timedelta(days=3650):
        form.error("date_structure_creee", "Cette date semble trop ancienne.")
    for date_col in RESULT_DATES.values():
        day = form.clean.get(date_col)
        if day and (day < d.date_ouverture - dt.timedelta(days=3650) or day > today() + dt.timedelta(days=1)):
            form.error(date_col, "Cette date n'est pas plausible pour ce résultat.")
    _check_dla(form, d, d.dispositif, d.date_ouverture)
    form.raise_if_errors()
    _apply(form, d, today())
    if form.has("commune_insee") or form.has("qpv_code"):
        _apply_territory(
            d,
            form.clean.get("commune_insee") if form.has("commune_insee") else d.commune_insee,
            form.clean.get("qpv_code") if form.has("qpv_code") else d.qpv_code,
        )
    session.flush()
    return d


def change_etape(
    session: Session,
    dossier_id: str,
    etape: str,
    *,
    date: dt.date | None = None,
    motif: str | None = None,
    precision: str | None = None,
    commentaire: str | None = None,
) -> Dossier:
    """Move a dossier to ``etape`` if the dispositif allows it; closing needs a reason."""
    d = get_or_error(session, Dossier, dossier_id, "Dossier")
    disp = get_dispositif(d.dispositif)
    when = date or today()
    errors: dict[str, str] = {}
    if etape not in disp.codes():
        errors["etape"] = f"L'étape « {etape} » n'existe pas dans le dispositif {disp.nom}."
    elif not disp.peut_passer(d.etape, etape):
        errors["etape"] = (
            f"Impossible de passer de « {disp.libelle_etape(d.etape)} » à « {disp.libelle_etape(etape)} »."
        )
    if etape == CLOTURE:
        if motif not in MOTIFS_CLOTURE:
            errors["motif"] = "Indiquez le motif de clôture."
        elif motif in MOTIFS_AVEC_PRECISION and not (precision or "").strip():
            errors["precision"] = "Précisez vers quel partenaire le dossier est réorienté."
    if when < d.date_ouverture:
        errors["date"] = "La date de l'étape ne peut pas précéder l'ouverture du dossier."
    for name, value, limit in (("commentaire", commentaire, 2000), ("precision", precision, 300)):
        if value:
            try:
                v.check_characters(value, name, multiline=name == "commentaire")
                if len(value) > limit:
                    raise v.FieldError(name, f"Ce texte est trop long ({limit} caractères au maximum).")
            except v.FieldError as e:
                errors[name] = e.message
    try:
        v.check_year_range(when, "date")
    except v.FieldError as e:
        errors["date"] = e.message
    if errors:
        raise v.ValidationError(errors)
    reopening = d.etape == CLOTURE
    d.etape = etape
    if etape == CLOTURE:
        d.date_cloture, d.motif_cloture = when, motif
        d.motif_precision = (precision or "").strip() or None
    elif reopening:
        d.date_cloture = d.motif_cloture = d.motif_precision = None
    session.add(
        EtapeHistorique(
            dossier_id=d.id,
            etape=etape,
            date=when,
            accompagnateur_id=current_author(session),
            motif_cloture=motif if etape == CLOTURE else None,
            commentaire=(commentaire or (precision if etape == CLOTURE else None) or None),
        )
    )
    session.flush()
    return d


def add_beneficiaire(
    session: Session, dossier_id: str, personne_id: str, role: str = "co-porteur"
) -> DossierBeneficiaire:
    d = get_or_error(session, Dossier, dossier_id, "Dossier")
    get_or_error(session, Personne, personne_id, "Personne")
    existing = session.scalar(
        select(DossierBeneficiaire).where(
            DossierBeneficiaire.dossier_id == d.id, DossierBeneficiaire.personne_id == personne_id
        )
    )
    if existing:
        raise v.ValidationError({"beneficiaires": "Cette personne est déjà bénéficiaire du dossier."})
    b = DossierBeneficiaire(dossier_id=d.id, personne_id=personne_id, role=role)
    session.add(b)
    session.flush()
    return b


def remove_beneficiaire(session: Session, dossier_id: str, personne_id: str) -> None:
    b = session.scalar(
        select(DossierBeneficiaire).where(
            DossierBeneficiaire.dossier_id == dossier_id, DossierBeneficiaire.personne_id == personne_id
        )
    )
    if b is None:
        raise v.ValidationError({"beneficiaires": "Cette personne n'est pas bénéficiaire du dossier."})
    session.delete(b)
    session.flush()


def set_conseillers(session: Session, dossier_id: str, accompagnateur_ids: Sequence[str]) -> None:
    d = get_or_error(session, Dossier, dossier_id, "Dossier")
    wanted = set(accompagnateur_ids) - {d.referent_id}
    for c in list(d.conseillers):
        if c.accompagnateur_id not in wanted:
            session.delete(c)
    have = {c.accompagnateur_id for c in d.conseillers}
    for aid in sorted(wanted - have):
        get_or_error(session, Accompagnateur, aid, "Accompagnateur")
        session.add(DossierConseiller(dossier_id=d.id, accompagnateur_id=aid))
    session.flush()


def archive_dossier(session: Session, dossier_id: str, archived: bool = True) -> Dossier:
    """Dossiers are never deleted: archiving hides them from the usual lists."""
    d = get_or_error(session, Dossier, dossier_id, "Dossier")
    d.archive = archived
    session.flush()
    return d
