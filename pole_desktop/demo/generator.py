"""Fill a data directory with realistic, deterministic demo data.

Same seed and same reference day → same rows (UUIDs included). Communes are drawn
weighted by population; every dispositif has dossiers in every étape; past rendez-vous
have comptes-rendus and actions; today's and tomorrow's agenda is filled for the
current advisor. Rows go through :func:`journal.bulk_insert`, so the journal holds
them all and a sync can publish them.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from pole_desktop import clock
from pole_desktop.demo import vocab
from pole_desktop.domain import models as m
from pole_desktop.domain.dispositifs import CLOTURE, DISPOSITIFS, MOTIFS_CLOTURE
from pole_desktop.formatting import prefix_de
from pole_desktop.storage.database import USER_KEY, Database
from pole_desktop.storage.journal import bulk_insert, bulk_load
from pole_desktop.territory import get_territory


@dataclass(frozen=True)
class Scale:
    personnes: int
    structures: int
    dossiers: int
    rendez_vous: int
    ateliers: int
    years: int


SCALES = {
    "tiny": Scale(personnes=40, structures=12, dossiers=25, rendez_vous=120, ateliers=3, years=3),
    "small": Scale(personnes=400, structures=120, dossiers=200, rendez_vous=1_600, ateliers=12, years=6),
    "large": Scale(personnes=50_000, structures=8_000, dossiers=20_000, rendez_vous=200_000, ateliers=600, years=15),
}
BATCH = 20_000


class _Gen:
    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.territory = get_territory()

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def date_between(self, start: dt.date, end: dt.date) -> dt.date:
        days = max(0, (end - start).days)
        return start + dt.timedelta(days=self.rng.randint(0, days))

    def phone(self) -> str:
        if self.rng.random() < 0.6:
            digits = "06" if self.rng.random() < 0.5 else "07"
        else:
            digits = "03"
        n = digits + "".join(str(self.rng.randint(0, 9)) for _ in range(8))
        return " ".join(n[i : i + 2] for i in range(0, 10, 2))


def _ascii(s: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower().replace(" ", "")


def generate(
    db: Database,
    scale: str = "small",
    seed: int = 1,
    today: dt.date | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Generate the ``scale`` dataset into ``db`` (one transaction). Returns the row counts."""
    sc = SCALES[scale]
    g = _Gen(seed, today or clock.today())
    rng = g.rng
    report = progress or (lambda _what, _n: None)
    counts: dict[str, int] = {}
    start = dt.date(g.today.year - sc.years + 1, 1, 1)

    def put(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
        for i in range(0, len(rows), BATCH):
            bulk_insert(session, model, rows[i : i + BATCH])
        counts[model.__tablename__] = counts.get(model.__tablename__, 0) + len(rows)
        report(model.__tablename__, len(rows))

    with db.session() as s, bulk_load(s):
        # Advisors: the first one is the laptop's user.
        advisors = []
        for prenom, nom in vocab.ACCOMPAGNATEURS:
            advisors.append(
                {"id": g.uid(), "prenom": prenom, "nom": nom, "initiales": prenom[0] + nom[0],
                 "email": f"{_ascii(prenom)}.{_ascii(nom)}@pes21.org", "telephone": g.phone(), "actif": True}
            )
        put(s, m.Accompagnateur, advisors)
        me = advisors[0]["id"]
        db.journal.author_id = me  # the demo data is "written" by the laptop's user
        advisor_ids = [a["id"] for a in advisors]

        # People.
        people = []
        for _ in range(sc.personnes):
            female = rng.random() < 0.56
            prenom = rng.choice(vocab.PRENOMS_F if female else vocab.PRENOMS_M)
            nom = rng.choice(vocab.NOMS)
            commune = g.territory.weighted_choice(rng)
            qpv = rng.choice(commune.qpv_codes) if commune.qpv_codes and rng.random() < 0.45 else None
            created = g.date_between(start, g.today)
            consent = rng.random() < 0.9
            people.append({
                "id": g.uid(), "civilite": "Mme" if female else "M.", "nom": nom, "prenom": prenom,
                "sexe": "F" if female else "M", "annee_naissance": rng.randint(1950, 2004),
                "email": (f"{_ascii(prenom)}.{_ascii(nom)}{rng.randint(1, 999)}@exemple.fr"
                          if rng.random() < 0.85 else None),
                "telephone": g.phone() if rng.random() < 0.9 else None,
                "adresse": f"{rng.randint(1, 120)} {rng.choice(vocab.RUES)}",
                "code_postal": commune.codes_postaux[0], "commune_insee": commune.code_insee, "qpv_code": qpv,
                "situation": rng.choice(vocab.SITUATIONS), "prescripteur": rng.choice(vocab.PRESCRIPTEURS),
                "consentement_date": created if consent else None,
                "consentement_portee": "Suivi de l'accompagnement et statistiques anonymes" if consent else None,
                "consentement_moyen": rng.choice(["Formulaire papier signé", "Oral, noté par l'accompagnateur",
                                                  "Courriel"]) if consent else None,
                "notes": None, "cree_le": created, "anonymise": False, "fusionne_dans_id": None,
            })
        put(s, m.Personne, people)

        # Structures, some of them local authorities (for Générateur BFC).
        structures = []
        for i in range(sc.structures):
            commune = g.territory.weighted_choice(rng)
            collectivite = i % 10 == 0
            if collectivite:
                rs, fj = f"Commune {prefix_de(commune.nom)}", "7210"
            else:
                _kind, fj, pattern = rng.choice(vocab.STRUCT_KINDS)
                rs = pattern.format(rng.choice(vocab.STRUCT_WORDS))
            salaries = rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 12, 25])
            structures.append({
                "id": g.uid(), "raison_sociale": rs, "sigle": None, "forme_juridique": fj,
                "siret": _siret(rng) if rng.random() < 0.7 else None,
                "rna": f"W21{rng.randint(1000000, 9999999)}" if fj == "9220" and rng.random() < 0.8 else None,
                "naf": rng.choice(vocab.NAF) if not collectivite else "84.11Z",
                "date_creation": g.date_between(dt.date(1980, 1, 1), g.today) if rng.random() < 0.8 else None,
                "adresse": f"{rng.randint(1, 80)} {rng.choice(vocab.RUES)}", "code_postal": commune.codes_postaux[0],
                "commune_insee": commune.code_insee, "email": None, "telephone": g.phone(),
                "salaries": salaries, "etp": round(salaries * rng.uniform(0.5, 1.0), 1),
                "benevoles": rng.randint(0, 60), "budget_centimes": rng.randint(5, 900) * 100_000,
                "esus": rng.random() < 0.2, "collectivite": collectivite, "notes": None, "fusionne_dans_id": None,
            })
        put(s, m.Structure, structures)
        roles = []
        for st in structures:
            for role in ("Président·e", "Trésorier·e")[: rng.randint(0, 2)]:
                roles.append({"id": g.uid(), "structure_id": st["id"], "personne_id": rng.choice(people)["id"],
                              "role": role, "depuis": st["date_creation"]})
        put(s, m.StructureRole, roles)

        # Dossiers: every dispositif in every étape (cycled), then random.
        dossiers, benef, conseillers, history = [], [], [], []
        disp_list = list(DISPOSITIFS.values())
        combos = [(d, e.code) for d in disp_list for e in d.etapes]
        counters: dict[tuple[str, int], int] = {}
        person_pool = list(range(len(people)))
        rng.shuffle(person_pool)
        for i in range(sc.dossiers):
            disp, etape = combos[i] if i < len(combos) else (
                rng.choices(disp_list, weights=[30, 20, 8, 30, 12])[0], None)
            codes = disp.codes()
            if etape is None:
                etape = rng.choice(codes)
            opened = g.date_between(start, g.today - dt.timedelta(days=14))
            key = (disp.prefixe, opened.year)
            counters[key] = counters.get(key, 0) + 1
            holder = people[person_pool[i % len(person_pool)]]
            commune = g.territory.commune(holder["commune_insee"])
            zoning = g.territory.zoning_at(commune.code_insee, opened)
            with_structure = disp.code in ("dla", "generateur_bfc") or rng.random() < 0.35
            st = rng.choice(structures) if with_structure else None
            if disp.code == "generateur_bfc":
                st = structures[(i * 10) % len(structures)]
            steps = codes[: codes.index(etape) + 1]
            dates = sorted(g.date_between(opened, min(g.today, opened + dt.timedelta(days=900))) for _ in steps)
            dates[0] = opened
            closed = etape == CLOTURE
            motif = rng.choices(list(MOTIFS_CLOTURE), weights=[60, 15, 15, 10])[0] if closed else None
            created = closed and motif == "termine" and disp.code in ("puls_actions", "generateur_bfc")
            did = g.uid()
            goal = rng.randint(30, 200) * 10_000 if disp.code == "graines_actions" else None
            dossiers.append({
                "id": did, "reference": f"{disp.prefixe}-{opened.year}-DEMO-{counters[key]:04d}",
                "dispositif": disp.code, "type": rng.choice(disp.types),
                "titre": rng.choice(vocab.TITRES[disp.code]) + (f" — {commune.nom}" if rng.random() < 0.5 else ""),
                "description": "Projet porté par un collectif d'habitants, accompagné depuis le premier accueil.",
                "besoins": "Structurer le projet, sécuriser le modèle économique, trouver des financements.",
                "objectifs": "Créer une activité pérenne et des emplois locaux.",
                "utilite_sociale": "Lien social, accès de tous à des services de proximité, réemploi.",
                "structure_id": st["id"] if st else None, "referent_id": rng.choice(advisor_ids),
                "etape": etape, "date_ouverture": opened, "date_cloture": dates[-1] if closed else None,
                "motif_cloture": motif,
                "motif_precision": rng.choice(["BGE", "France Active", "Chambre de commerce", "CAE Coopilote"])
                if motif == "reorientation" else None,
                "commune_insee": commune.code_insee, "zonage_version": zoning.version, "frr_code": zoning.frr_code,
                "zrr_statut": zoning.zrr_statut, "qpv_code": holder["qpv_code"],
                "public_specifique": "|".join(sorted(
                    (["femmes"] if holder["sexe"] == "F" else []) + (["qpv"] if holder["qpv_code"] else [])
                )) or None,
                "tags": None, "structure_creee": created,
                "date_structure_creee": dates[-1] if created else None,
                "emplois_crees_etp": round(rng.uniform(0.5, 4), 1) if created else None,
                "emplois_consolides_etp": (round(rng.uniform(1, 8), 1)
                                           if disp.code == "dla" and len(steps) > 2 else None),
                "fonds_mobilises_centimes": rng.randint(1, 80) * 100_000 if len(steps) > 2 else None,
                "crowdfunding_objectif_centimes": goal,
                "crowdfunding_collecte_centimes": (int(goal * rng.uniform(0.2, 1.3))
                                                   if goal and len(steps) > 2 else None),
                "crowdfunding_contributeurs": rng.randint(10, 400) if goal and len(steps) > 2 else None,
                "archive": False,
                **_dla_fields(did, disp.code, dict(zip(steps, dates, strict=True)), g.today),
            })
            benef.append({"id": g.uid(), "dossier_id": did, "personne_id": holder["id"], "role": "porteur"})
            if rng.random() < 0.3:
                other = rng.choice(people)
                if other["id"] != holder["id"]:
                    benef.append({"id": g.uid(), "dossier_id": did, "personne_id": other["id"], "role": "co-porteur"})
            if rng.random() < 0.15:
                co = rng.choice(advisor_ids)
                if co != dossiers[-1]["referent_id"]:
                    conseillers.append({"id": g.uid(), "dossier_id": did, "accompagnateur_id": co})
            for step, when in zip(steps, dates, strict=True):
                history.append({"id": g.uid(), "dossier_id": did, "etape": step, "date": when,
                                "accompagnateur_id": dossiers[-1]["referent_id"],
                                "motif_cloture": motif if step == CLOTURE else None, "commentaire": None})
        # Make sure the laptop's user has a visible share of the open dossiers.
        for d in dossiers[::4]:
            d["referent_id"] = me
        put(s, m.Dossier, dossiers)
        put(s, m.DossierBeneficiaire, benef)
        put(s, m.DossierConseiller, conseillers)
        put(s, m.EtapeHistorique, history)

        # Rendez-vous with comptes-rendus; actions from them.
        holders: dict[str, list[str]] = {}
        for b in benef:
            holders.setdefault(b["dossier_id"], []).append(b["personne_id"])
        rdvs, parts, actions = [], [], []
        open_dossiers = [d for d in dossiers if d["date_cloture"] is None]
        agenda_days = [g.today + dt.timedelta(days=k) for k in range(-2, 8)]
        for i in range(sc.rendez_vous):
            if i < len(agenda_days) * 4 and open_dossiers:
                d = open_dossiers[i % len(open_dossiers)]
                day = agenda_days[i // 4]
                hour = [9, 11, 14, 16][i % 4]
                advisor = me
            else:
                d = rng.choice(dossiers)
                end = d["date_cloture"] or g.today + dt.timedelta(days=30)
                day = g.date_between(d["date_ouverture"], end)
                hour = rng.choice([9, 10, 11, 14, 15, 16, 17])
                advisor = d["referent_id"]
            day = _working_day(day)
            debut = dt.datetime.combine(day, dt.time(hour, rng.choice([0, 0, 30])))
            past = day < g.today
            statut = rng.choices(["realise", "annule", "absent"], weights=[88, 7, 5])[0] if past else "prevu"
            lieu = rng.choices(["bureau", "sur_site", "visio", "telephone"], weights=[35, 40, 15, 10])[0]
            commune = g.territory.commune(d["commune_insee"]) if d["commune_insee"] else None
            notes = None
            if statut == "realise":
                notes = "\n\n".join(rng.sample(vocab.NOTES, rng.randint(2, 4)))
            rid = g.uid()
            rdvs.append({
                "id": rid, "dossier_id": d["id"], "accompagnateur_id": advisor, "debut": debut,
                "fin": debut + dt.timedelta(minutes=rng.choice([45, 60, 60, 90, 120])), "lieu_type": lieu,
                "adresse": f"{rng.randint(1, 90)} {rng.choice(vocab.RUES)}" if lieu == "sur_site" else
                ("12 avenue Eiffel, Dijon" if lieu == "bureau" else None),
                "commune_insee": commune.code_insee if commune and lieu == "sur_site" else
                ("21231" if lieu == "bureau" else None),
                "type": "premier_accueil" if debut.date() == d["date_ouverture"] else
                rng.choice(["suivi", "suivi", "diagnostic", "comite"]),
                "objet": rng.choice(vocab.OBJETS), "compte_rendu": notes,
                "decisions": rng.choice(vocab.DECISIONS) if notes else None,
                "prochaine_etape": "Prochain rendez-vous dans un mois." if notes else None,
                "duree_minutes": rng.choice([45, 60, 90, 120, 150]) if statut == "realise" else None,
                "statut": statut,
            })
            for pid in holders.get(d["id"], [])[:2]:
                parts.append({"id": g.uid(), "rendez_vous_id": rid, "personne_id": pid})
            if notes and rng.random() < 0.35:
                for _ in range(rng.randint(1, 2)):
                    due = day + dt.timedelta(days=rng.randint(3, 40))
                    done = due < g.today and rng.random() < 0.75
                    actions.append({
                        "id": g.uid(), "dossier_id": d["id"], "rendez_vous_id": rid,
                        "libelle": rng.choice(vocab.ACTIONS),
                        "responsable": rng.choice(["Porteur du projet", "Accompagnateur", "Trésorier·e"]),
                        "responsable_id": advisor if rng.random() < 0.4 else None, "echeance": due,
                        "faite": done, "faite_le": due if done else None,
                    })
        put(s, m.RendezVous, rdvs)
        put(s, m.RendezVousParticipant, parts)
        put(s, m.Action, actions)

        # Ateliers with registrations and presence.
        ateliers, inscriptions = [], []
        for i in range(sc.ateliers):
            day = g.date_between(start, g.today + dt.timedelta(days=60)) if i >= 2 else \
                g.today + dt.timedelta(days=3 + 7 * i)
            commune = g.territory.weighted_choice(rng)
            day = _working_day(day)
            debut = dt.datetime.combine(day, dt.time(rng.choice([9, 14, 18]), 0))
            aid = g.uid()
            theme = rng.choice(vocab.THEMES_ATELIERS)
            ateliers.append({
                "id": aid, "titre": f"Atelier « {theme} »", "theme": theme, "debut": debut,
                "fin": debut + dt.timedelta(hours=2, minutes=30), "lieu": f"Salle des fêtes {prefix_de(commune.nom)}",
                "commune_insee": commune.code_insee, "accompagnateur_id": rng.choice(advisor_ids),
                "dispositif": rng.choice(["crdva", "puls_actions", None]), "capacite": 25,
                "description": "Séance collective d'information et d'échanges entre porteurs de projets.",
            })
            for p in rng.sample(people, min(len(people), rng.randint(6, 22))):
                inscriptions.append({
                    "id": g.uid(), "atelier_id": aid, "personne_id": p["id"],
                    "present": (rng.random() < 0.8) if day < g.today else None,
                    "inscrit_le": day - dt.timedelta(days=rng.randint(1, 30)),
                })
        put(s, m.Atelier, ateliers)
        put(s, m.AtelierInscription, inscriptions)
    db.set_state(USER_KEY, me)
    return counts


_DLA_EMPTY = {"ingenierie_type": None, "ingenierie_budget_centimes": None,
              **{f"suivi_{n}_{part}": None for n in (6, 24) for part in ("date", "resultat", "commentaire")}}
_SUIVI_COMMENTS = {
    "consolidee": ["Modèle économique stabilisé, nouveaux financements obtenus.", "Gouvernance renforcée."],
    "en_difficulte": ["Trésorerie tendue, nouvel accompagnement à envisager.", "Perte d'un financement public."],
    "cessation": ["Dissolution votée en assemblée générale.", "Liquidation judiciaire prononcée."],
    "non_joignable": ["Trois relances sans réponse.", "Plus de contact depuis le départ de la direction."],
}


def _dla_fields(did: str, dispositif: str, reached: dict[str, dt.date], today: dt.date) -> dict[str, Any]:
    """Ingénierie and follow-ups of a DLA dossier that reached those étapes. Drawn from a generator seeded
    with the dossier's id, so the rest of the dataset is the same as without these fields."""
    out = dict(_DLA_EMPTY)
    started = reached.get("ingenierie")
    if dispositif != "dla" or started is None:
        return out
    rng = random.Random(did)
    out["ingenierie_type"] = rng.choices(["individuelle", "collective", "les_deux"], weights=[65, 25, 10])[0]
    out["ingenierie_budget_centimes"] = rng.randint(15, 100) * 10_000  # 1 500 € to 10 000 €
    if "suivi" not in reached:
        return out
    for months, weights in ((6, [60, 25, 5, 10]), (24, [55, 18, 12, 15])):
        day = started + dt.timedelta(days=months * 30 + rng.randint(-15, 25))
        if day > today or (months == 24 and out["suivi_6_date"] is None) or rng.random() < 0.1:
            break
        result = rng.choices(list(_SUIVI_COMMENTS), weights=weights)[0]
        out[f"suivi_{months}_date"] = day
        out[f"suivi_{months}_resultat"] = result
        out[f"suivi_{months}_commentaire"] = rng.choice(_SUIVI_COMMENTS[result]) if rng.random() < 0.7 else None
        if result == "cessation":
            break
    return out


def _working_day(day: dt.date) -> dt.date:
    """Advisors meet people on working days: Saturday → Friday, Sunday → Monday."""
    if day.weekday() == 5:
        return day - dt.timedelta(days=1)
    if day.weekday() == 6:
        return day + dt.timedelta(days=1)
    return day


def _siret(rng: random.Random) -> str:
    """A random SIRET with a valid Luhn key."""
    digits = [rng.randint(0, 9) for _ in range(13)]
    for last in range(10):
        cand = digits + [last]
        total = 0
        for i, dgt in enumerate(reversed(cand)):
            d2 = dgt * 2 if i % 2 else dgt
            total += d2 - 9 if d2 > 9 else d2
        if total % 10 == 0:
            return "".join(map(str, cand))
    raise AssertionError("unreachable")
