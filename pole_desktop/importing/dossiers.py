"""Dossiers with their beneficiaries (and structure): the rows of a programme's old follow-up sheet.

A row names a dispositif (label or code, the association's own labels through the mapping), an
opening date, a project title, an étape (matched among the dispositif's étapes), one or more
beneficiaries (« NOM Prénom », several separated by « ; », « / » or « et ») and possibly a
structure. Beneficiaries and structures are found among the existing records (folded names, e-mail,
SIRET) or created in the same batch. A dossier is matched to an existing one by its reference
(the app's or the old tool's, kept in the tags as « ancienne référence … ») or by dispositif +
first beneficiary + opening date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop.domain.dispositifs import CLOTURE, DISPOSITIFS, MOTIFS_CLOTURE, TYPES_DOSSIER
from pole_desktop.domain.models import Dossier, DossierBeneficiaire, Personne, Structure
from pole_desktop.importing import normalize as n
from pole_desktop.importing.readers import as_text
from pole_desktop.services import personnes as personnes_service
from pole_desktop.services import structures as structures_service

OLD_REF = "ancienne référence "
_SPLIT = re.compile(r"\s*(?:;|/|\+|\bet\b|&|\n)\s*", re.IGNORECASE)
UPDATABLE = ("titre", "description", "emplois_crees_etp", "emplois_consolides_etp", "fonds_mobilises_centimes")


def person_key(nom: str, prenom: str) -> str:
    return personnes_service.name_key(nom, prenom).replace("|", "")


class Links:
    """Existing people, structures and dossiers, and those this batch creates, for linking rows."""

    def __init__(self, session: Session) -> None:
        self.people: dict[str, str] = {}  # folded full name → id
        self.emails: dict[str, str] = {}
        self.structures: dict[str, str] = {}  # folded name / siret → id
        self.dossiers: dict[tuple[str, ...], str] = {}  # ("ref", x) / (dispositif, person id, date) → id
        self.labels: dict[str, str] = {}
        for pid, nom, prenom, email in session.execute(
                select(Personne.id, Personne.nom, Personne.prenom, Personne.email).where(
                    Personne.fusionne_dans_id.is_(None), Personne.anonymise.is_(False))):
            self.people.setdefault(person_key(nom, prenom), pid)
            if email:
                self.emails.setdefault(email.lower(), pid)
        for sid, rs, siret in session.execute(select(Structure.id, Structure.raison_sociale, Structure.siret).where(
                Structure.fusionne_dans_id.is_(None))):
            self.structures.setdefault(structures_service.name_key(rs), sid)
            if siret:
                self.structures.setdefault(siret, sid)
        first: dict[str, str] = {}
        for did, pid in session.execute(select(DossierBeneficiaire.dossier_id, DossierBeneficiaire.personne_id)
                                        .where(DossierBeneficiaire.role == "porteur")):
            first.setdefault(did, pid)
        for did, ref, tags, disp, opened, titre in session.execute(
                select(Dossier.id, Dossier.reference, Dossier.tags, Dossier.dispositif, Dossier.date_ouverture,
                       Dossier.titre)):
            self.labels[did] = f"{ref} « {titre} »"
            self.dossiers[("ref", ref.upper())] = did
            for old in re.findall(re.escape(OLD_REF) + r"([^|]+)", tags or ""):
                self.dossiers.setdefault(("ref", old.strip().upper()), did)
            if did in first:
                self.dossiers.setdefault((disp, first[did], opened.isoformat()), did)


def _beneficiaries(value: Any) -> list[tuple[str, str]]:
    out = []
    for part in _SPLIT.split(as_text(value)):
        if part.strip():
            out.append(n.split_full_name(part))
    return out


def _dispositif(value: Any, own: dict[str, str] | None) -> str:
    choices = {code: d.nom for code, d in DISPOSITIFS.items()}
    text = as_text(value)
    for code, d in DISPOSITIFS.items():
        if n.fold(text) in (n.fold(d.prefixe), n.fold(d.nom.replace("'", " "))):
            return code
    return n.match_label(text, choices, own)


def clean(row_cells: dict[str, tuple[str, Any]], own: dict[str, dict[str, str]],
          problem: Callable[..., None]) -> dict[str, Any]:
    """Dossier-specific cells → values (``beneficiaires`` as (nom, prénom) pairs)."""
    v: dict[str, Any] = {}
    disp = None
    if "dispositif" in row_cells:
        try:
            disp = v["dispositif"] = _dispositif(row_cells["dispositif"][1], own.get("dispositif"))
        except n.CellError as e:
            problem("dispositif", e.message, e.choices)
    if disp and "etape" in row_cells:
        d = DISPOSITIFS[disp]
        try:
            v["etape"] = n.match_label(row_cells["etape"][1], {e.code: e.libelle for e in d.etapes}, own.get("etape"))
        except n.CellError as e:
            problem("etape", e.message, e.choices)
    if disp and "type" in row_cells:
        allowed = {k: TYPES_DOSSIER[k] for k in DISPOSITIFS[disp].types}
        try:
            v["type"] = n.match_label(row_cells["type"][1], allowed, own.get("type"))
        except n.CellError as e:
            problem("type", e.message, e.choices)
    if "motif_cloture" in row_cells:
        try:
            v["motif_cloture"] = n.match_label(row_cells["motif_cloture"][1], MOTIFS_CLOTURE, own.get("motif_cloture"))
        except n.CellError as e:
            problem("motif_cloture", e.message, e.choices)
    if "beneficiaires" in row_cells:
        try:
            v["beneficiaires"] = _beneficiaries(row_cells["beneficiaires"][1])
        except n.CellError as e:
            problem("beneficiaires", e.message, e.choices)
    return v


def check(v: dict[str, Any], problem: Callable[..., None]) -> None:
    if not v.get("dispositif"):
        problem("dispositif", "Le dispositif est obligatoire.")
    if not v.get("date_ouverture"):
        problem("date_ouverture", "La date d'ouverture est obligatoire.")
    if not v.get("titre") and not v.get("beneficiaires") and not v.get("structure"):
        problem("titre", "Donnez au moins le titre du projet, un bénéficiaire ou une structure.")
    opened, closed = v.get("date_ouverture"), v.get("date_cloture")
    if opened and closed and closed < opened:
        problem("date_cloture", "La date de clôture précède la date d'ouverture.")
    from pole_desktop import clock

    if opened and opened > clock.today():
        problem("date_ouverture", "La date d'ouverture est dans le futur.")


def match(links: Links, v: dict[str, Any], seen: dict[tuple[str, ...], int]) -> tuple[str | None, int | None, str]:
    """(existing dossier id, earlier file row, reason) for a cleaned dossier row."""
    keys: list[tuple[tuple[str, ...], str]] = []
    if v.get("reference"):
        keys.append((("ref", v["reference"].upper()), "même référence"))
    first = (v.get("beneficiaires") or [None])[0]
    if first and v.get("dispositif") and v.get("date_ouverture"):
        pid = links.people.get(person_key(*first))
        fk = (v["dispositif"], pid or "nouveau:" + person_key(*first), v["date_ouverture"].isoformat())
        keys.append((fk, "même dispositif, même porteur et même date d'ouverture"))
    for key, reason in keys:
        if key in seen:
            return None, seen[key], reason
    for key, reason in keys:
        if key in links.dossiers:
            return links.dossiers[key], None, reason
    return None, None, ""


def remember(v: dict[str, Any], row: int, links: Links, seen: dict[tuple[str, ...], int]) -> None:
    if v.get("reference"):
        seen[("ref", v["reference"].upper())] = row
    first = (v.get("beneficiaires") or [None])[0]
    if first and v.get("dispositif") and v.get("date_ouverture"):
        pid = links.people.get(person_key(*first))
        seen[(v["dispositif"], pid or "nouveau:" + person_key(*first), v["date_ouverture"].isoformat())] = row


def label(v: dict[str, Any]) -> str:
    who = ", ".join(f"{nom.upper()} {prenom}".strip() for nom, prenom in v.get("beneficiaires") or [])
    disp = DISPOSITIFS[v["dispositif"]].nom if v.get("dispositif") in DISPOSITIFS else ""
    return " — ".join(x for x in (disp, v.get("titre") or v.get("structure") or "", who) if x)


# --------------------------------------------------------------------------- writing


class Writer:
    """Creates the dossiers of a batch (and the people/structures they need) in the session."""

    def __init__(self, session: Session, links: Links, lot_id: str, author: str | None,
                 line: Callable[[str, str], None]) -> None:
        from pole_desktop.services.dossiers import device_prefix

        self.s, self.links, self.lot_id, self.author, self.line = session, links, lot_id, author, line
        self.prefix = device_prefix(session)
        self.counters: dict[str, int] = {}
        self.created_people = 0
        self.created_structures = 0

    def _reference(self, disp: str, year: int) -> str:
        from sqlalchemy import func

        prefix = f"{DISPOSITIFS[disp].prefixe}-{year}-{self.prefix}-"
        if prefix not in self.counters:
            last = self.s.scalar(select(func.max(Dossier.reference)).where(Dossier.reference.like(prefix + "%")))
            self.counters[prefix] = int(last.rsplit("-", 1)[1]) if last else 0
        self.counters[prefix] += 1
        return f"{prefix}{self.counters[prefix]:04d}"

    def _person(self, nom: str, prenom: str, email: str | None, today: dt.date) -> str:
        key = person_key(nom, prenom)
        pid = (self.links.emails.get(email.lower()) if email else None) or self.links.people.get(key)
        if pid:
            return pid
        p = Personne(nom=nom, prenom=prenom, email=email, cree_le=today)
        self.s.add(p)
        self.links.people[key] = p.id
        if email:
            self.links.emails[email.lower()] = p.id
        self.line("personne", p.id)
        self.created_people += 1
        return p.id

    def _structure(self, name: str | None, siret: str | None) -> str | None:
        if not name and not siret:
            return None
        sid = (self.links.structures.get(siret) if siret else None) or (
            self.links.structures.get(structures_service.name_key(name)) if name else None)
        if sid:
            return sid
        st = Structure(raison_sociale=name or f"SIRET {siret}", siret=siret)
        self.s.add(st)
        if name:
            self.links.structures[structures_service.name_key(name)] = st.id
        if siret:
            self.links.structures[siret] = st.id
        self.line("structure", st.id)
        self.created_structures += 1
        return st.id

    def create(self, v: dict[str, Any], today: dt.date) -> str:
        from pole_desktop.domain.models import EtapeHistorique
        from pole_desktop.services.dossiers import _apply_territory

        disp = DISPOSITIFS[v["dispositif"]]
        opened: dt.date = v["date_ouverture"]
        people = [self._person(nom, prenom, v.get("beneficiaire_email") if i == 0 else None, today)
                  for i, (nom, prenom) in enumerate(v.get("beneficiaires") or [])]
        structure_id = self._structure(v.get("structure"), v.get("siret"))
        titre = v.get("titre") or v.get("structure") or (
            f"Projet de {v['beneficiaires'][0][1]} {v['beneficiaires'][0][0]}".strip() if v.get("beneficiaires")
            else "Projet")
        tags = f"{OLD_REF}{v['reference']}" if v.get("reference") else None
        d = Dossier(reference=self._reference(disp.code, opened.year), dispositif=disp.code,
                    type=v.get("type") or disp.types[0], titre=titre[:200], etape=disp.etape_initiale,
                    date_ouverture=opened, referent_id=v.get("referent_id") or self.author, structure_id=structure_id,
                    description=v.get("description"), tags=tags, emplois_crees_etp=v.get("emplois_crees_etp"),
                    emplois_consolides_etp=v.get("emplois_consolides_etp"),
                    fonds_mobilises_centimes=v.get("fonds_mobilises"))
        _apply_territory(d, v.get("commune_insee"), None)
        self.s.add(d)
        self.line("dossier", d.id)
        steps = [(disp.etape_initiale, opened, None)]
        target = CLOTURE if v.get("date_cloture") or v.get("motif_cloture") else v.get("etape")
        if target and target != disp.etape_initiale:
            when = v.get("date_cloture") or opened
            steps.append((target, when, (v.get("motif_cloture") or "termine") if target == CLOTURE else None))
        for etape, when, motif in steps:
            h = EtapeHistorique(dossier_id=d.id, etape=etape, date=when, accompagnateur_id=self.author,
                                motif_cloture=motif, commentaire="Importé" if len(steps) > 1 else None)
            self.s.add(h)
            self.line("etape_historique", h.id)
        d.etape = steps[-1][0]
        if d.etape == CLOTURE:
            d.date_cloture = steps[-1][1]
            d.motif_cloture = steps[-1][2]
        for i, pid in enumerate(dict.fromkeys(people)):
            b = DossierBeneficiaire(dossier_id=d.id, personne_id=pid, role="porteur" if i == 0 else "co-porteur")
            self.s.add(b)
            self.line("dossier_beneficiaire", b.id)
        self.links.labels[d.id] = f"{d.reference} « {d.titre} »"
        return d.id


def iter_referents(session: Session) -> Iterator[tuple[str, str]]:
    from pole_desktop.domain.models import Accompagnateur

    for aid, nom, prenom, initiales in session.execute(
            select(Accompagnateur.id, Accompagnateur.nom, Accompagnateur.prenom, Accompagnateur.initiales)):
        for text in (f"{prenom} {nom}", f"{nom} {prenom}", nom, initiales or ""):
            if text.strip():
                yield n.fold(text), aid
