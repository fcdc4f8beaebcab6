"""Atelier attendance: one row per participant of a collective session (the old signing sheets).

Rows with the same atelier title and date are one atelier (found among the existing ones by folded
title and day, else created in the batch); each row registers a person (found by e-mail or folded
name, else created) with their presence (oui/non). The same person twice in one atelier is a
duplicate; an existing registration is updated (its presence).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop.domain.models import Atelier, AtelierInscription
from pole_desktop.importing import normalize as n
from pole_desktop.importing.dossiers import Links, person_key
from pole_desktop.importing.readers import as_text

UPDATABLE = ("present",)


class AtelierLinks(Links):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.ateliers: dict[tuple[str, str], str] = {}  # (folded title, day) → id
        for aid, titre, debut in session.execute(select(Atelier.id, Atelier.titre, Atelier.debut)):
            self.ateliers.setdefault((n.fold(titre), debut.date().isoformat()), aid)
            self.labels[aid] = f"{titre} ({debut:%d/%m/%Y})"
        self.inscriptions: dict[tuple[str, str], str] = {}
        for iid, aid, pid in session.execute(
                select(AtelierInscription.id, AtelierInscription.atelier_id, AtelierInscription.personne_id)):
            self.inscriptions[(aid, pid)] = iid


def clean(cells: dict[str, tuple[str, Any]], problem: Callable[..., None]) -> dict[str, Any]:
    from pole_desktop.importing.fields import _bool
    from pole_desktop.importing.rendez_vous import parse_time

    v: dict[str, Any] = {}
    if "participant" in cells:
        try:
            v["participant"] = n.split_full_name(cells["participant"][1])
        except n.CellError as e:
            problem("participant", e.message)
    if "present" in cells:
        text = as_text(cells["present"][1]).lower()
        if text in ("présent", "present", "présente", "presente", "p"):
            v["present"] = True
        elif text in ("absent", "absente", "a", "excusé", "excusée", "excuse", "excusee"):
            v["present"] = False
        else:
            try:
                v["present"] = _bool(cells["present"][1])
            except n.CellError as e:
                problem("present", e.message)
    if "heure" in cells:
        try:
            v["heure"] = parse_time(cells["heure"][1])
        except n.CellError as e:
            problem("heure", e.message)
    return v


def check(v: dict[str, Any], problem: Callable[..., None]) -> None:
    if not v.get("titre"):
        problem("titre", "Le titre de l'atelier est obligatoire.")
    if not v.get("date"):
        problem("date", "La date de l'atelier est obligatoire.")
    if not v.get("participant"):
        problem("participant", "Le nom du participant est obligatoire.")


def keys(links: AtelierLinks, v: dict[str, Any]) -> tuple[tuple[str, str], str | None, str]:
    """(atelier key, existing person id or None, person key)."""
    akey = (n.fold(v["titre"]), v["date"].isoformat())
    nom, prenom = v["participant"]
    pkey = person_key(nom, prenom)
    pid = (links.emails.get(v["email"].lower()) if v.get("email") else None) or links.people.get(pkey)
    return akey, pid, pkey


class Writer:
    def __init__(self, session: Session, links: AtelierLinks, author: str | None,
                 line: Callable[[str, str], None]) -> None:
        self.s, self.links, self.author, self.line = session, links, author, line
        self.created_ateliers = 0
        self.created_people = 0

    def create(self, v: dict[str, Any], today: dt.date) -> str:
        from pole_desktop.domain.models import Personne

        akey, pid, pkey = keys(self.links, v)
        aid = self.links.ateliers.get(akey)
        if aid is None:
            start = dt.datetime.combine(v["date"], v.get("heure") or dt.time(14, 0))
            a = Atelier(titre=v["titre"][:200], theme=v.get("theme"), debut=start, fin=start + dt.timedelta(hours=2),
                        lieu=v.get("lieu"), commune_insee=v.get("commune_insee"), accompagnateur_id=self.author)
            self.s.add(a)
            self.line("atelier", a.id)
            aid = self.links.ateliers[akey] = a.id
            self.created_ateliers += 1
        if pid is None:
            nom, prenom = v["participant"]
            p = Personne(nom=nom, prenom=prenom, email=v.get("email"), cree_le=today)
            self.s.add(p)
            self.line("personne", p.id)
            pid = self.links.people[pkey] = p.id
            if v.get("email"):
                self.links.emails[v["email"].lower()] = p.id
            self.created_people += 1
        ins = AtelierInscription(atelier_id=aid, personne_id=pid, present=v.get("present"), inscrit_le=v["date"])
        self.s.add(ins)
        self.line("atelier_inscription", ins.id)
        self.links.inscriptions[(aid, pid)] = ins.id
        return ins.id
