"""Bilan d'activité: the numbers of a period, for one dispositif (or all) and one EPCI (or all).

Rules (also printed in the PDF's notes, see :func:`Bilan.notes`):

- a dossier is *active* in the period if it was opened on or before its last day and not closed
  before its first day; filters apply to the dossier (its dispositif; its commune's EPCI);
- *people accompanied*: distinct beneficiaries of the active dossiers; *new* if one of their
  active dossiers was opened during the period, *ongoing* otherwise;
- dossiers by étape: the étape each active dossier was in on the last day of the period (from
  its dated history);
- results are flows: structures created (creation date), jobs created, jobs consolidated and funds
  mobilised are counted when *dated* within the period (``Dossier.date_*``; a value recorded before
  results were dated falls back to the structure's creation date for jobs created, else the
  dossier's closing date, else its opening date — applied here, when read), on the dossiers the
  filters select;
- share of women: among people accompanied whose sex is known (F or M);
- QPV: the person's own address is in a QPV (the dossier's QPV does not count);
- rural zoning: for a period ending on or after 1 July 2024, FRR in the broad sense — ANCT codes
  1 (commune « bénéficiaire », former ZRR keeping the benefits), 4 (FRR socle) and 5 (FRR+), the
  same rule as the ZRR one counting its « A » communes; FRR+ (code 5) is also shown on its own;
  the dossier's stored code or, for dossiers opened before, its commune's current classification;
  ZRR (classée or sortante with effects maintained, 2017 zoning) for periods ending before;
- DLA ingénieries: DLA dossiers the filters select whose first entry into the « ingenierie » étape
  (dated history) falls in the period, by type, with their budget; DLA follow-ups at 6 and 24
  months: counted when their own date falls in the period, by result;
- time spent: durations of the realised rendez-vous of the period on the selected dossiers;
- atelier participants: presences at the ateliers held in the period (dispositif filter: the
  atelier's dispositif; EPCI filter: the atelier's commune).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Integer, and_, case, false, func, literal_column, or_, select, true
from sqlalchemy.orm import Session

from pole_desktop.domain import models as m
from pole_desktop.domain.dispositifs import (
    DISPOSITIFS,
    INGENIERIE_TYPES,
    MOTIFS_CLOTURE,
    SUIVI_RESULTATS,
    get_dispositif,
)
from pole_desktop.territory import FRR_START, get_territory
from pole_desktop.territory.loader import default_directory, read_rows

__all__ = [
    "FRR_CODES",
    "Bilan",
    "Graines",
    "Ligne",
    "LigneDispositif",
    "LigneEpci",
    "LigneEtape",
    "LigneIngenierie",
    "LigneSuivi",
    "compute_bilan",
    "previous_period",
    "rural_label",
]

NO_EPCI = "Commune non renseignée"
NO_INGENIERIE_TYPE = "Type non renseigné"
#: The DLA étape whose (first) dated entry dates an ingénierie.
INGENIERIE_ETAPE = "ingenierie"

#: ANCT ``codefrr`` values counted as « en FRR » (resources/territoire/README.md): 1 = commune
#: « bénéficiaire » (former ZRR keeping the benefits, like the ZRR rule's « A » communes), 4 = FRR
#: socle, 5 = FRR+. Codes 2 and 3 (partial) do not occur in Côte-d'Or.
FRR_CODES = (1, 4, 5)
FRR_PLUS = 5
#: Age brackets (age = year of the period's last day − birth year).
YOUNG_BELOW, SENIOR_ABOVE = 26, 50


@dataclass(frozen=True, slots=True)
class LigneDispositif:
    code: str
    libelle: str
    actifs: int
    ouverts: int
    clotures: int
    personnes: int = 0
    minutes: int = 0

    @property
    def heures(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class LigneEtape:
    dispositif: str  # label
    etape: str  # label
    dossiers: int


@dataclass(frozen=True, slots=True)
class LigneEpci:
    siren: str  # "" when the commune is unknown
    nom: str
    dossiers: int
    personnes: int


@dataclass(frozen=True, slots=True)
class Ligne:
    """A labelled count (a legal form, a sector, a closing reason, a theme…)."""

    libelle: str
    nombre: int


@dataclass(frozen=True, slots=True)
class LigneIngenierie:
    """DLA ingénieries of one type engaged in the period, and their budget (euros)."""

    libelle: str
    nombre: int
    budget: Decimal


@dataclass(frozen=True, slots=True)
class LigneSuivi:
    """DLA follow-ups with one result, at 6 and at 24 months, dated within the period."""

    libelle: str
    six_mois: int
    vingt_quatre_mois: int


@dataclass(frozen=True, slots=True)
class Graines:
    """Crowdfunding campaigns (Graines d'Actions dossiers active in the period with a target)."""

    campagnes: int = 0
    objectif: Decimal = Decimal(0)  # euros
    collecte: Decimal = Decimal(0)
    contributeurs: int = 0
    terminees: int = 0  # campaigns with an amount collected
    reussies: int = 0  # collected ≥ target

    @property
    def taux_reussite(self) -> Decimal:
        return _pct(self.reussies, self.terminees)


def rural_label(date_to: dt.date) -> str:
    """``"FRR"`` for periods ending on/after 1 July 2024, ``"ZRR"`` before."""
    return "FRR" if date_to >= FRR_START else "ZRR"


def previous_period(date_from: dt.date, date_to: dt.date) -> tuple[dt.date, dt.date]:
    """The same period one year earlier (29 February → 28 February)."""

    def back(d: dt.date) -> dt.date:
        try:
            return d.replace(year=d.year - 1)
        except ValueError:
            return d.replace(year=d.year - 1, day=28)

    return back(date_from), back(date_to)


def _pct(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True, kw_only=True)
class Bilan:
    date_from: dt.date
    date_to: dt.date
    dispositif: str | None  # code
    epci_siren: str | None
    # people
    personnes: int
    personnes_nouvelles: int
    personnes_en_cours: int
    femmes: int
    sexe_connu: int
    personnes_qpv: int
    personnes_rural: int
    personnes_frr_plus: int = 0
    # publics
    rsa: int = 0
    demandeurs_emploi: int = 0
    moins_26: int = 0
    plus_50: int = 0
    age_connu: int = 0
    dossiers_porteuse: int = 0  # active dossiers whose lead porteur is a woman
    par_public: tuple[Ligne, ...] = ()
    # dossiers
    dossiers_actifs: int
    dossiers_ouverts: int
    dossiers_clotures: int
    par_dispositif: tuple[LigneDispositif, ...]
    par_etape: tuple[LigneEtape, ...]
    par_epci: tuple[LigneEpci, ...]
    etapes_franchies: tuple[LigneEtape, ...] = ()
    par_commune: tuple[LigneEpci, ...] = ()  # only when filtered to one EPCI (siren = code INSEE)
    clotures_par_motif: tuple[Ligne, ...] = ()
    reorientations: tuple[Ligne, ...] = ()  # partner → dossiers
    # structures accompanied
    structures: int = 0
    structures_esus: int = 0
    structures_salaries: int = 0
    structures_etp: Decimal = Decimal(0)
    par_forme_juridique: tuple[Ligne, ...] = ()
    par_secteur: tuple[Ligne, ...] = ()
    # results
    structures_creees: int
    emplois_crees_etp: Decimal
    emplois_consolides_etp: Decimal
    fonds_mobilises: Decimal  # euros
    graines: Graines = Graines()
    # DLA
    ingenieries: tuple[LigneIngenierie, ...] = ()  # every type, in INGENIERIE_TYPES order
    suivis: tuple[LigneSuivi, ...] = ()  # every result, in SUIVI_RESULTATS order
    # activity
    rendez_vous: int
    minutes: int
    ateliers: int
    participations_ateliers: int
    participants_ateliers: int = 0  # distinct people present
    themes_ateliers: tuple[Ligne, ...] = ()
    precedent: Bilan | None = field(default=None, compare=False)  # same period a year earlier
    computed_in_ms: float = field(default=0.0, compare=False)

    # --- derived -------------------------------------------------------------------------------
    @property
    def zonage_rural(self) -> str:
        return rural_label(self.date_to)

    @property
    def spans_zoning_change(self) -> bool:
        return self.date_from < FRR_START <= self.date_to

    @property
    def heures(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def part_femmes(self) -> Decimal:
        return _pct(self.femmes, self.sexe_connu)

    @property
    def part_qpv(self) -> Decimal:
        return _pct(self.personnes_qpv, self.personnes)

    @property
    def part_rural(self) -> Decimal:
        return _pct(self.personnes_rural, self.personnes)

    @property
    def part_frr_plus(self) -> Decimal:
        return _pct(self.personnes_frr_plus, self.personnes)

    @property
    def with_dla(self) -> bool:
        """The DLA indicators apply (no dispositif filter, or the DLA)."""
        return self.dispositif in (None, "dla")

    @property
    def ingenieries_total(self) -> int:
        return sum(line.nombre for line in self.ingenieries)

    @property
    def ingenieries_budget(self) -> Decimal:
        return sum((line.budget for line in self.ingenieries), Decimal(0))

    @property
    def suivis_6_mois(self) -> int:
        return sum(line.six_mois for line in self.suivis)

    @property
    def suivis_24_mois(self) -> int:
        return sum(line.vingt_quatre_mois for line in self.suivis)

    @property
    def dispositif_libelle(self) -> str:
        return get_dispositif(self.dispositif).nom if self.dispositif else "Tous les dispositifs"

    @property
    def epci_nom(self) -> str:
        if not self.epci_siren:
            return "Tous les EPCI"
        return dict(get_territory().epcis()).get(self.epci_siren, self.epci_siren)

    def notes(self) -> list[str]:
        """How the numbers were counted, in French (printed in the PDF, shown in the screen)."""
        z = self.zonage_rural
        out = [
            "Dossiers actifs : ouverts au plus tard le dernier jour de la période et non clôturés avant "
            "son premier jour. Les filtres (dispositif, EPCI) portent sur le dossier ; l'EPCI est celui "
            "de la commune du dossier.",
            "Personnes accompagnées : bénéficiaires distincts des dossiers actifs ; « nouvelles » si "
            "l'un de leurs dossiers a été ouvert pendant la période, « en cours » sinon.",
            "Étapes : étape où se trouvait chaque dossier le dernier jour de la période. Étapes franchies : "
            "passages datés dans l'historique pendant la période (pour le DLA : diagnostics partagés, plans "
            "d'accompagnement, ingénieries et suivis engagés).",
            "Résultats (des flux, pas des stocks) : structures créées, emplois créés, emplois consolidés et "
            "fonds mobilisés sont comptés lorsque leur date d'obtention est comprise dans la période, quel "
            "que soit l'état du dossier. Règle pour les valeurs saisies avant que les résultats soient datés : "
            "date de création de la structure pour les emplois créés, sinon date de clôture du dossier, sinon "
            "sa date d'ouverture.",
            "Structures accompagnées : structures distinctes rattachées aux dossiers actifs ; forme juridique "
            "selon la catégorie juridique INSEE (niveau II), secteur selon la section de leur code NAF ; "
            "salariés et ETP tels qu'enregistrés sur la fiche de la structure.",
            "Part de femmes : parmi les personnes dont le sexe est connu. Dossiers portés par une femme : "
            "dossiers actifs dont la porteuse principale est une femme. Âge : année du dernier jour de la "
            "période moins l'année de naissance (moins de 26 ans ; plus de 50 ans). RSA et demandeurs "
            "d'emploi : situation enregistrée sur la fiche de la personne.",
            "Habitant·e·s d'un QPV : personnes dont l'adresse est située dans un quartier prioritaire de la "
            "politique de la ville (QPV confirmé par l'accompagnateur pour l'adresse) ; le QPV du dossier "
            "n'est pas pris en compte, une commune n'étant jamais entièrement en QPV.",
        ]
        if z == "FRR":
            out.append(
                "Zonage rural : France Ruralités Revitalisation, en vigueur depuis le 1er juillet 2024, commune "
                "du dossier. Sont comptées en FRR les communes classées FRR (socle, code ANCT 4) ou FRR+ "
                "(code 5) et les communes « bénéficiaires » (code 1 : anciennes ZRR non reclassées qui "
                "conservent les effets du classement), comme la règle ZRR compte les communes sortantes "
                "« A ». La part en FRR+ est aussi donnée seule. Pour les dossiers ouverts avant le 1er juillet "
                "2024, classement FRR actuel de leur commune."
            )
        else:
            out.append(
                "Zonage rural : la période se termine avant le 1er juillet 2024, le zonage ZRR de 2017 "
                "est utilisé (communes classées et communes sortantes conservant les effets du classement)."
            )
        if self.spans_zoning_change:
            out.append(
                "La période chevauche le 1er juillet 2024 (passage des ZRR aux FRR) : règle retenue, le "
                "zonage en vigueur à la fin de la période (FRR) s'applique à tous les dossiers."
            )
        out.append(
            "Clôtures : dossiers clôturés pendant la période, par motif (réorientation : vers quel partenaire). "
            "Graines d'Actions : campagnes des dossiers actifs ayant un objectif de collecte ; réussite : "
            "montant collecté au moins égal à l'objectif, parmi les campagnes ayant un montant collecté."
        )
        if self.with_dla:
            out.append(
                "DLA : une ingénierie est comptée dans la période où le dossier est entré pour la première fois "
                "à l'étape « Ingénierie » (historique daté), avec son type (individuelle, collective ou les "
                "deux) et son budget ; une ingénierie sans type est comptée en « type non renseigné ». Les "
                "suivis à 6 et à 24 mois sont comptés chacun à sa propre date, lorsqu'elle est comprise dans "
                "la période, par résultat. Les dossiers sont ceux que les filtres retiennent, actifs ou non."
            )
        out.append(
            "Temps passé : durée des rendez-vous réalisés pendant la période (durée saisie par "
            "l'accompagnateur, à défaut celle du créneau). Ateliers : présences "
            "aux ateliers tenus pendant la période ; participants distincts : personnes présentes à au moins "
            "un atelier."
        )
        if self.precedent is not None:
            p = self.precedent
            out.append(
                f"Colonne « même période N-1 » : du {p.date_from:%d/%m/%Y} au {p.date_to:%d/%m/%Y}, mêmes règles "
                "et mêmes filtres."
            )
        return out


def _epci_codes(siren: str) -> list[str]:
    return [c.code_insee for c in get_territory().communes() if c.epci_siren == siren]


@functools.cache
def _legal_form_groups() -> dict[str, str]:
    """INSEE catégorie juridique niveau III → its niveau II label (e.g. "9220" → "Association loi 1901…")."""
    rows = read_rows(default_directory(), "categories_juridiques.csv")
    return {r["code_niveau3"]: f"{r['libelle_niveau2']}" for r in rows}


@functools.cache
def _naf_sections() -> dict[str, str]:
    """NAF division (2 digits) → section label (rév. 2; the NAF 2025 codes keep the same divisions)."""
    rows = read_rows(default_directory(), "naf_rev2_sous_classes.csv")
    return {r["division"]: f"{r['section']} – {r['libelle_section']}" for r in rows}


def _lines(counts: dict[str, int]) -> tuple[Ligne, ...]:
    return tuple(Ligne(k, n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def compute_bilan(
    session: Session,
    date_from: dt.date,
    date_to: dt.date,
    dispositif: str | None = None,
    epci_siren: str | None = None,
    *,
    with_previous: bool = True,
) -> Bilan:
    """Compute the bilan with aggregate queries (a year of the large dataset in well under 1 s);
    ``with_previous`` also computes the same period a year earlier (``Bilan.precedent``)."""
    import time

    started = time.perf_counter()
    if date_to < date_from:
        raise ValueError("La fin de la période précède son début.")
    if dispositif is not None:
        get_dispositif(dispositif)  # KeyError with a French message
    territory = get_territory()
    D = m.Dossier
    filters = []
    if dispositif:
        filters.append(D.dispositif == dispositif)
    epci_codes: list[str] | None = None
    if epci_siren:
        epci_codes = _epci_codes(epci_siren)
        if not epci_codes:
            raise ValueError(f"EPCI inconnu : {epci_siren}.")
        filters.append(D.commune_insee.in_(epci_codes))
    conds = [D.date_ouverture <= date_to, or_(D.date_cloture.is_(None), D.date_cloture >= date_from), *filters]

    zone = rural_label(date_to)
    communes = territory.communes()
    if zone == "FRR":
        rural_communes = [c.code_insee for c in communes if c.frr_code in FRR_CODES]
        plus_communes = [c.code_insee for c in communes if c.frr_code == FRR_PLUS]
        rural = or_(D.frr_code.in_(FRR_CODES), and_(D.frr_code.is_(None), D.commune_insee.in_(rural_communes)))
        frr_plus = or_(D.frr_code == FRR_PLUS, and_(D.frr_code.is_(None), D.commune_insee.in_(plus_communes)))
    else:
        rural_communes = [c.code_insee for c in communes if c.zrr]
        rural = or_(D.zrr_statut.in_(("C", "A")), and_(D.zrr_statut.is_(None), D.commune_insee.in_(rural_communes)))
        frr_plus = false()

    is_new = case((D.date_ouverture >= date_from, 1), else_=0)
    B, P = m.DossierBeneficiaire, m.Personne

    # Dossiers by dispositif (active, opened, closed in the period).
    closed = case((and_(D.date_cloture.is_not(None), D.date_cloture <= date_to), 1), else_=0)
    rows = session.execute(
        select(D.dispositif, func.count(), func.sum(is_new), func.sum(closed)).where(*conds).group_by(D.dispositif)
    ).all()
    counts = {r[0]: (r[1], int(r[2] or 0), int(r[3] or 0)) for r in rows}
    n_actifs = sum(r[1] for r in rows)
    n_ouverts = sum(int(r[2] or 0) for r in rows)
    n_clos = sum(int(r[3] or 0) for r in rows)

    # Results: flows dated within the period, on the dossiers the filters select (active or not).
    def dated(col, *fallbacks):  # noqa: ANN001, ANN202 - SQL expressions
        return func.coalesce(col, *fallbacks, D.date_cloture, D.date_ouverture).between(date_from, date_to)

    created_in = and_(D.structure_creee.is_(True), D.date_structure_creee.between(date_from, date_to))
    res = session.execute(
        select(
            func.sum(case((created_in, 1), else_=0)),
            func.sum(case((dated(D.date_emplois_crees, D.date_structure_creee), func.coalesce(D.emplois_crees_etp, 0)),
                          else_=0)),
            func.sum(case((dated(D.date_emplois_consolides), func.coalesce(D.emplois_consolides_etp, 0)), else_=0)),
            func.sum(case((dated(D.date_fonds_mobilises), func.coalesce(D.fonds_mobilises_centimes, 0)), else_=0)),
        ).where(*filters or [true()])
    ).one()
    structures_creees, etp_crees, etp_conso, fonds = res

    ingenieries, suivis = _dla(session, date_from, date_to, filters)

    # People and time per dispositif.
    per_disp_people = dict(session.execute(
        select(D.dispositif, func.count(func.distinct(B.personne_id))).select_from(D).join(B, B.dossier_id == D.id)
        .where(*conds).group_by(D.dispositif)
    ).all())
    R = m.RendezVous
    start_dt = dt.datetime.combine(date_from, dt.time.min)
    end_dt = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min)
    rdv_window = [R.statut == "realise", R.debut >= start_dt, R.debut < end_dt]
    # Time spent: the duration the advisor recorded, else the slot (one rule for bilan and compte-rendu).
    slot = func.cast(func.round((func.julianday(R.fin) - func.julianday(R.debut)) * 1440), Integer)
    spent = func.coalesce(R.duree_minutes, func.max(slot, 0))
    per_disp_minutes = dict(session.execute(
        select(D.dispositif, func.coalesce(func.sum(spent), 0)).select_from(R).join(D, D.id == R.dossier_id)
        .where(*rdv_window, *filters).group_by(D.dispositif)
    ).all())
    par_dispositif = tuple(
        LigneDispositif(code, d.nom, *counts.get(code, (0, 0, 0)), int(per_disp_people.get(code, 0)),
                        int(per_disp_minutes.get(code, 0)))
        for code, d in DISPOSITIFS.items()
        if code in counts or dispositif in (None, code)
    )

    # Étape on the last day of the period, from the history (fallback: current étape); ties on the
    # same day go to the entry recorded last.
    H = m.EtapeHistorique
    rowid = literal_column("etape_historique.rowid")
    last_step = (
        select(H.etape)
        .where(H.dossier_id == D.id, H.date <= date_to)
        .order_by(H.date.desc(), rowid.desc())
        .limit(1)
        .correlate(D)
        .scalar_subquery()
    )
    steps = select(D.dispositif.label("disp"), func.coalesce(last_step, D.etape).label("step")).where(*conds).subquery()
    step_rows = session.execute(
        select(steps.c.disp, steps.c.step, func.count()).group_by(steps.c.disp, steps.c.step)
    ).all()
    par_etape = _etape_lines({(d, e): n for d, e, n in step_rows})
    # Étapes reached during the period (dated history entries; one per dossier and étape).
    crossed = session.execute(
        select(D.dispositif, H.etape, func.count(func.distinct(H.dossier_id))).select_from(H)
        .join(D, D.id == H.dossier_id).where(H.date.between(date_from, date_to), *filters)
        .group_by(D.dispositif, H.etape)
    ).all()
    etapes_franchies = _etape_lines({(d, e): n for d, e, n in crossed})

    # People: one row per person (flags over their active dossiers), aggregated in SQL. Driven from
    # the dossier table so SQLite uses the dossier_beneficiaire(dossier_id) index.
    per_person = (
        select(
            B.personne_id.label("pid"),
            func.max(is_new).label("new"),
            func.max(case((rural, 1), else_=0)).label("rural"),
            func.max(case((frr_plus, 1), else_=0)).label("plus"),
        )
        .select_from(D)
        .join(B, B.dossier_id == D.id)
        .where(*conds)
        .group_by(B.personne_id)
        .subquery()
    )
    age = date_to.year - P.annee_naissance
    pr = session.execute(
        select(
            func.count(),
            func.sum(per_person.c.new),
            func.sum(case((P.sexe == "F", 1), else_=0)),
            func.sum(case((P.sexe.in_(("F", "M")), 1), else_=0)),
            func.sum(case((P.qpv_code.is_not(None) & (P.qpv_code != ""), 1), else_=0)),
            func.sum(per_person.c.rural),
            func.sum(per_person.c.plus),
            func.sum(case((P.situation == "rsa", 1), else_=0)),
            func.sum(case((P.situation == "demandeur_emploi", 1), else_=0)),
            func.sum(case((age < YOUNG_BELOW, 1), else_=0)),
            func.sum(case((age > SENIOR_ABOVE, 1), else_=0)),
            func.sum(case((P.annee_naissance.is_not(None), 1), else_=0)),
        ).select_from(per_person.join(P, P.id == per_person.c.pid))
    ).one()
    (n_people, n_new, n_f, n_known, n_qpv, n_rural, n_plus, n_rsa, n_de, n_young, n_senior,
     n_age) = (int(x or 0) for x in pr)
    n_porteuse = session.scalar(
        select(func.count(func.distinct(D.id))).select_from(D).join(B, B.dossier_id == D.id)
        .join(P, P.id == B.personne_id).where(*conds, B.role == "porteur", P.sexe == "F")
    ) or 0
    from pole_desktop.services.dossiers import PUBLICS

    publics: dict[str, int] = {}
    for (value,) in session.execute(select(D.public_specifique).where(*conds, D.public_specifique.is_not(None))):
        for code in {c for c in value.split("|") if c}:
            label = PUBLICS.get(code, code)
            publics[label] = publics.get(label, 0) + 1

    # Closures in the period, by reason (réorientation: to whom).
    closing = session.execute(
        select(D.motif_cloture, D.motif_precision).where(
            D.date_cloture.is_not(None), D.date_cloture.between(date_from, date_to), *filters)
    ).all()
    motifs: dict[str, int] = {}
    partners: dict[str, int] = {}
    for motif, precision in closing:
        label = MOTIFS_CLOTURE.get(motif or "", "Motif non renseigné").removesuffix(" vers…")
        motifs[label] = motifs.get(label, 0) + 1
        if motif == "reorientation":
            who = (precision or "").strip() or "Partenaire non précisé"
            partners[who] = partners.get(who, 0) + 1

    # Structures accompanied: distinct structures of the active dossiers.
    S = m.Structure
    struct_rows = session.execute(
        select(S.forme_juridique, S.naf, S.esus, S.salaries, S.etp)
        .where(S.id.in_(select(D.structure_id).where(*conds, D.structure_id.is_not(None))))
    ).all()
    forms, sectors = _legal_form_groups(), _naf_sections()
    par_forme: dict[str, int] = {}
    par_secteur: dict[str, int] = {}
    for fj, naf, *_ in struct_rows:
        label = forms.get((fj or "").strip(), "Forme juridique non renseignée")
        par_forme[label] = par_forme.get(label, 0) + 1
        sector = sectors.get((naf or "").strip()[:2], "Code NAF non renseigné")
        par_secteur[sector] = par_secteur.get(sector, 0) + 1

    # Graines d'Actions: campaigns of the active dossiers with a target.
    g = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(D.crowdfunding_objectif_centimes), 0),
            func.coalesce(func.sum(D.crowdfunding_collecte_centimes), 0),
            func.coalesce(func.sum(D.crowdfunding_contributeurs), 0),
            func.sum(case((D.crowdfunding_collecte_centimes.is_not(None), 1), else_=0)),
            func.sum(case((D.crowdfunding_collecte_centimes >= D.crowdfunding_objectif_centimes, 1), else_=0)),
        ).where(*conds, D.crowdfunding_objectif_centimes > 0)
    ).one()
    graines = Graines(int(g[0] or 0), Decimal(int(g[1])).scaleb(-2), Decimal(int(g[2])).scaleb(-2), int(g[3]),
                      int(g[4] or 0), int(g[5] or 0))

    # By EPCI: commune → EPCI as a CASE (19 branches), distinct dossiers and people per EPCI in SQL.
    by_epci: dict[str, list[str]] = {}
    for c in communes:
        by_epci.setdefault(c.epci_siren, []).append(c.code_insee)
    epci_of = case(*[(D.commune_insee.in_(codes), siren) for siren, codes in sorted(by_epci.items())], else_="")
    names = dict(territory.epcis())
    epci_rows = session.execute(
        select(epci_of.label("epci"), func.count(func.distinct(D.id)), func.count(func.distinct(B.personne_id)))
        .select_from(D)
        .outerjoin(B, B.dossier_id == D.id)
        .where(*conds)
        .group_by("epci")
    ).all()
    par_epci = sorted(
        (LigneEpci(siren, names.get(siren, NO_EPCI) if siren else NO_EPCI, n, p) for siren, n, p in epci_rows),
        key=lambda line: (line.siren == "", -line.dossiers, line.nom),
    )
    par_commune: list[LigneEpci] = []
    if epci_codes is not None:
        commune_rows = session.execute(
            select(D.commune_insee, func.count(func.distinct(D.id)), func.count(func.distinct(B.personne_id)))
            .select_from(D).outerjoin(B, B.dossier_id == D.id).where(*conds).group_by(D.commune_insee)
        ).all()
        par_commune = sorted(
            (LigneEpci(code, territory.commune(code).nom, n, p) for code, n, p in commune_rows),
            key=lambda line: (-line.dossiers, line.nom),
        )

    # Rendez-vous and time spent.
    rdv_q = select(func.count(), func.coalesce(func.sum(spent), 0)).where(*rdv_window)
    if filters:
        rdv_q = rdv_q.where(R.dossier_id.in_(select(D.id).where(*filters)))
    n_rdv, minutes = session.execute(rdv_q).one()

    # Ateliers.
    A, Ins = m.Atelier, m.AtelierInscription
    at_conds = [A.debut >= start_dt, A.debut < end_dt]
    if dispositif:
        at_conds.append(A.dispositif == dispositif)
    if epci_codes is not None:
        at_conds.append(A.commune_insee.in_(epci_codes))
    n_ateliers = session.scalar(select(func.count()).select_from(A).where(*at_conds)) or 0
    n_presences, n_participants = session.execute(
        select(func.count(), func.count(func.distinct(Ins.personne_id))).select_from(Ins)
        .join(A, A.id == Ins.atelier_id).where(*at_conds, Ins.present.is_(True))
    ).one()
    themes = {
        (t or "Thème non renseigné"): n
        for t, n in session.execute(select(A.theme, func.count()).where(*at_conds).group_by(A.theme)).all()
    }

    precedent = None
    if with_previous:
        precedent = compute_bilan(session, *previous_period(date_from, date_to), dispositif, epci_siren,
                                  with_previous=False)

    return Bilan(
        date_from=date_from,
        date_to=date_to,
        dispositif=dispositif,
        epci_siren=epci_siren,
        personnes=n_people,
        personnes_nouvelles=n_new,
        personnes_en_cours=n_people - n_new,
        femmes=n_f,
        sexe_connu=n_known,
        personnes_qpv=n_qpv,
        personnes_rural=n_rural,
        personnes_frr_plus=n_plus,
        rsa=n_rsa,
        demandeurs_emploi=n_de,
        moins_26=n_young,
        plus_50=n_senior,
        age_connu=n_age,
        dossiers_porteuse=int(n_porteuse),
        par_public=_lines(publics),
        dossiers_actifs=int(n_actifs or 0),
        dossiers_ouverts=int(n_ouverts or 0),
        dossiers_clotures=int(n_clos or 0),
        par_dispositif=par_dispositif,
        par_etape=par_etape,
        par_epci=tuple(par_epci),
        etapes_franchies=etapes_franchies,
        par_commune=tuple(par_commune),
        clotures_par_motif=_lines(motifs),
        reorientations=_lines(partners),
        structures=len(struct_rows),
        structures_esus=sum(1 for r in struct_rows if r[2]),
        structures_salaries=sum(int(r[3] or 0) for r in struct_rows),
        structures_etp=_etp(sum(float(r[4] or 0) for r in struct_rows)),
        par_forme_juridique=_lines(par_forme),
        par_secteur=_lines(par_secteur),
        structures_creees=int(structures_creees or 0),
        emplois_crees_etp=_etp(float(etp_crees or 0)),
        emplois_consolides_etp=_etp(float(etp_conso or 0)),
        fonds_mobilises=Decimal(int(fonds or 0)).scaleb(-2),
        graines=graines,
        ingenieries=ingenieries,
        suivis=suivis,
        rendez_vous=int(n_rdv or 0),
        minutes=int(minutes or 0),
        ateliers=int(n_ateliers),
        participations_ateliers=int(n_presences or 0),
        participants_ateliers=int(n_participants or 0),
        themes_ateliers=_lines(themes),
        precedent=precedent,
        computed_in_ms=(time.perf_counter() - started) * 1000,
    )


def _dla(session: Session, date_from: dt.date, date_to: dt.date,
         filters: list[Any]) -> tuple[tuple[LigneIngenierie, ...], tuple[LigneSuivi, ...]]:
    """DLA ingénieries engaged in the period (by type, with budget) and follow-ups dated in it (by result)."""
    D, H = m.Dossier, m.EtapeHistorique
    dla = [D.dispositif == "dla", *filters]
    started = (
        select(func.min(H.date)).where(H.dossier_id == D.id, H.etape == INGENIERIE_ETAPE)
        .correlate(D).scalar_subquery()
    )
    rows = session.execute(
        select(D.ingenierie_type, func.count(), func.coalesce(func.sum(D.ingenierie_budget_centimes), 0))
        .where(*dla, started.between(date_from, date_to)).group_by(D.ingenierie_type)
    ).all()
    per_type = {code: (int(n), int(cents)) for code, n, cents in rows}
    labels = dict(INGENIERIE_TYPES)
    ingenieries = [LigneIngenierie(label, per_type.get(code, (0, 0))[0],
                                   Decimal(per_type.get(code, (0, 0))[1]).scaleb(-2))
                   for code, label in labels.items()]
    for code, (n, cents) in sorted(per_type.items(), key=lambda kv: kv[0] or ""):
        if code not in labels:  # none, or a code this version does not know (kept visible)
            ingenieries.append(LigneIngenierie(code or NO_INGENIERIE_TYPE, n, Decimal(cents).scaleb(-2)))
    counts: dict[int, dict[str, int]] = {}
    for months, (day, result) in {6: (D.suivi_6_date, D.suivi_6_resultat),
                                  24: (D.suivi_24_date, D.suivi_24_resultat)}.items():
        counts[months] = {r or "": int(n) for r, n in session.execute(
            select(result, func.count()).where(*dla, day.between(date_from, date_to)).group_by(result)
        ).all()}
    codes = list(SUIVI_RESULTATS) + sorted((set(counts[6]) | set(counts[24])) - set(SUIVI_RESULTATS))
    suivis = tuple(LigneSuivi(SUIVI_RESULTATS.get(c, c or "Résultat non renseigné"), counts[6].get(c, 0),
                              counts[24].get(c, 0)) for c in codes)
    return tuple(ingenieries), suivis


def _etape_lines(step_counts: dict[tuple[str, str], int]) -> tuple[LigneEtape, ...]:
    """Étape counts in the dispositifs' order; unknown codes kept visible at the end."""
    step_counts = dict(step_counts)
    out = []
    for code, disp in DISPOSITIFS.items():
        for etape in disp.etapes:
            n = step_counts.pop((code, etape.code), 0)
            if n:
                out.append(LigneEtape(disp.nom, etape.libelle, n))
    for (code, etape), n in sorted(step_counts.items()):
        out.append(LigneEtape(DISPOSITIFS[code].nom if code in DISPOSITIFS else code, etape, n))
    return tuple(out)


def _etp(value: float | None) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
