"""Searches the screens run in the background: the person/structure picker and the
search-everywhere box (Ctrl+K). Plain data out (:class:`Hit`), never ORM objects.

People, structures and dossiers go through the FTS5 index (``storage/search.py``,
accent-insensitive prefixes). Ateliers and rendez-vous are not in that index: ateliers are
few and are matched in Python on folded text; rendez-vous are those of the matched dossiers
and people, plus those whose subject matches.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop.domain.models import (
    Atelier,
    Dossier,
    Personne,
    RendezVous,
    RendezVousParticipant,
    Structure,
)
from pole_desktop.storage.search import commune_name, search_ids

KIND_TITLES = {
    "personne": "Personnes",
    "structure": "Structures",
    "dossier": "Dossiers",
    "rendez_vous": "Rendez-vous",
    "atelier": "Ateliers",
}
KIND_ORDER = tuple(KIND_TITLES)


@dataclass(frozen=True)
class Hit:
    kind: str  # one of KIND_ORDER
    id: str
    label: str  # the name as it should be read in a list
    detail: str = ""  # what tells homonyms apart (commune, birth year, SIRET, date…)
    when: dt.datetime | None = None  # rendez-vous and ateliers: when it starts

    @property
    def text(self) -> str:
        return f"{self.label} — {self.detail}" if self.detail else self.label


def fold(text: str) -> str:
    """Lower case without accents (« Éléonore » → « eleonore »)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _person_hit(p: Personne) -> Hit:
    parts = [commune_name(p.commune_insee) or "commune inconnue"]
    if p.annee_naissance:
        parts.append(f"née en {p.annee_naissance}" if p.sexe == "F" else
                     f"né en {p.annee_naissance}" if p.sexe == "M" else f"naissance {p.annee_naissance}")
    if p.email:
        parts.append(p.email)
    return Hit("personne", p.id, p.nom_complet, ", ".join(parts))


def find_people(session: Session, text: str, limit: int = 20) -> list[Hit]:
    """People matching ``text`` (best first), merged and anonymised people left out."""
    if len(text.strip()) < 2:
        return []
    ids = search_ids(session, text, "personne", limit=limit * 2)
    if not ids:
        return []
    people = {p.id: p for p in session.scalars(select(Personne).where(
        Personne.id.in_(ids), Personne.fusionne_dans_id.is_(None), Personne.anonymise.is_(False)))}
    return [_person_hit(people[i]) for i in ids if i in people][:limit]


def _structure_hit(x: Structure) -> Hit:
    label = x.raison_sociale + (f" ({x.sigle})" if x.sigle else "")
    parts = [commune_name(x.commune_insee) or "commune inconnue"]
    if x.siret:
        parts.append(f"SIRET {x.siret}")
    return Hit("structure", x.id, label, ", ".join(parts))


def find_structures(session: Session, text: str, limit: int = 20) -> list[Hit]:
    if len(text.strip()) < 2:
        return []
    ids = search_ids(session, text, "structure", limit=limit)
    found = {x.id: x for x in session.scalars(select(Structure).where(Structure.id.in_(ids)))}
    return [_structure_hit(found[i]) for i in ids if i in found]


def find_dossiers(session: Session, text: str, limit: int = 20) -> list[Hit]:
    if len(text.strip()) < 2:
        return []
    return _dossier_hits(session, search_ids(session, text, "dossier", limit=limit))


def find(session: Session, kind: str, text: str, limit: int = 20) -> list[Hit]:
    """The picker's query: ``kind`` is "personne", "structure" or "dossier"."""
    if kind == "personne":
        return find_people(session, text, limit)
    if kind == "structure":
        return find_structures(session, text, limit)
    if kind == "dossier":
        return find_dossiers(session, text, limit)
    raise ValueError(kind)


def _dossier_hits(session: Session, ids: list[str]) -> list[Hit]:
    found = {d.id: d for d in session.scalars(select(Dossier).where(Dossier.id.in_(ids)))}
    out = []
    for i in ids:
        d = found.get(i)
        if d is not None:
            detail = ", ".join(filter(None, [d.reference, commune_name(d.commune_insee)]))
            out.append(Hit("dossier", d.id, d.titre or d.reference, detail))
    return out


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"\W+", fold(text)) if w]


def _matches(words: list[str], haystack: str) -> bool:
    tokens = _words(haystack)
    return all(any(t.startswith(w) for t in tokens) for w in words)


def _when(value: object) -> str:
    return f"{value:%d/%m/%Y %H:%M}" if value is not None else ""


def search_everything(session: Session, text: str, per_kind: int = 8) -> dict[str, list[Hit]]:
    """Everything matching ``text``, grouped by kind in :data:`KIND_ORDER` (empty groups left out)."""
    words = _words(text)
    if not words or len("".join(words)) < 2:
        return {}
    groups: dict[str, list[Hit]] = {}
    people = find_people(session, text, per_kind)
    groups["personne"] = people
    groups["structure"] = find_structures(session, text, per_kind)
    dossier_ids = search_ids(session, text, "dossier", limit=per_kind)
    groups["dossier"] = _dossier_hits(session, dossier_ids)

    # Rendez-vous: those of the dossiers and people found, newest first, plus subjects that match.
    rdv_ids: list[str] = []
    if dossier_ids:
        rdv_ids += session.scalars(select(RendezVous.id).where(RendezVous.dossier_id.in_(dossier_ids))
                                   .order_by(RendezVous.debut.desc()).limit(per_kind)).all()
    if people:
        rdv_ids += session.scalars(
            select(RendezVousParticipant.rendez_vous_id)
            .where(RendezVousParticipant.personne_id.in_([h.id for h in people])).limit(per_kind)).all()
    like = "%" + max(words, key=len) + "%"
    for rid, objet in session.execute(select(RendezVous.id, RendezVous.objet)
                                      .where(RendezVous.objet.ilike(like)).limit(200)):
        if _matches(words, objet or ""):
            rdv_ids.append(rid)
    seen: list[str] = list(dict.fromkeys(rdv_ids))
    rows = {r.id: r for r in session.scalars(select(RendezVous).where(RendezVous.id.in_(seen)))} if seen else {}
    rdvs = sorted((rows[i] for i in seen if i in rows), key=lambda r: r.debut, reverse=True)[:per_kind]
    groups["rendez_vous"] = [Hit("rendez_vous", r.id, r.objet or "Rendez-vous", _when(r.debut), r.debut) for r in rdvs]

    ateliers = []
    for a in session.scalars(select(Atelier).order_by(Atelier.debut.desc())):
        if _matches(words, " ".join(filter(None, [a.titre, a.theme, a.lieu, commune_name(a.commune_insee)]))):
            ateliers.append(Hit("atelier", a.id, a.titre, _when(a.debut), a.debut))
            if len(ateliers) >= per_kind:
                break
    groups["atelier"] = ateliers
    return {k: groups[k] for k in KIND_ORDER if groups.get(k)}
