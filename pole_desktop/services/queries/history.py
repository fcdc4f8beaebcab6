"""A dossier's history: who changed what and when, from the change journal, in values an advisor
reads (names rather than ids, labels rather than codes, French dates) — plain rows for the screen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from pole_desktop.domain import models as m
from pole_desktop.domain.dispositifs import DISPOSITIFS, MOTIFS_CLOTURE, TYPES_DOSSIER
from pole_desktop.formatting import format_cents, format_date_short, format_time
from pole_desktop.services import history as history_service
from pole_desktop.services import rendez_vous as rdv_service
from pole_desktop.services.common import get_or_error
from pole_desktop.services.queries.common import commune_nom

REFS = {"personne_id": m.Personne, "structure_id": m.Structure, "referent_id": m.Accompagnateur,
        "accompagnateur_id": m.Accompagnateur, "responsable_id": m.Accompagnateur, "auteur_id": m.Accompagnateur}
LABELS = {"responsable_id": "responsable (accompagnateur)", "accompagnateur_id": "accompagnateur",
          "referent_id": "référent", "personne_id": "personne", "structure_id": "structure",
          "auteur_id": "auteur"}
HIDDEN = {"dossier_id", "rendez_vous_id", "id", "zonage_version"}


class Readable:
    """Turn journal values into what an advisor reads."""

    def __init__(self, session: Any, dispositif: str) -> None:
        self.s = session
        self.disp = DISPOSITIFS.get(dispositif)
        self.cache: dict[tuple[str, str], str] = {}

    def name(self, col: str, value: str) -> str:
        key = (col, value)
        if key not in self.cache:
            obj = self.s.get(REFS[col], value)
            label = getattr(obj, "nom_complet", None) or getattr(obj, "raison_sociale", None) if obj else None
            self.cache[key] = label or "(fiche supprimée)"
        return self.cache[key]

    def __call__(self, col: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return "Oui" if value else "Non"
        if col in REFS and isinstance(value, str):
            return self.name(col, value)
        if col == "commune_insee":
            return commune_nom(value)
        if col == "etape" and self.disp:
            return self.disp.libelle_etape(value)
        if col == "dispositif" and value in DISPOSITIFS:
            return DISPOSITIFS[value].nom
        if col == "type":
            return TYPES_DOSSIER.get(value) or rdv_service.TYPES_RDV.get(value) or str(value)
        if col == "motif_cloture":
            return MOTIFS_CLOTURE.get(value, value)
        if col == "statut":
            return rdv_service.STATUTS.get(value, value)
        if col == "lieu_type":
            return rdv_service.LIEUX.get(value, value)
        if col.endswith("_centimes") and isinstance(value, int):
            return format_cents(value)
        if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
            try:
                if len(value) > 10:
                    t = dt.datetime.fromisoformat(value)
                    return f"{format_date_short(t)} {format_time(t)}"
                return format_date_short(dt.date.fromisoformat(value))
            except ValueError:
                pass
        text = str(value).replace("\n", " ")
        return text if len(text) <= 120 else text[:117] + "…"


def dossier_history(s: Session, dossier_id: str) -> list[list[str]]:
    """[date et heure, qui, quoi, ancienne valeur, nouvelle valeur] of each change, newest first."""
    d = get_or_error(s, m.Dossier, dossier_id, "Dossier")
    readable = Readable(s, d.dispositif)
    rows = []
    for e in history_service.history(s, "dossier", dossier_id):
        if e.column in HIDDEN:
            continue
        what = e.what
        if e.column in LABELS:
            what = f"{what.split(' — ')[0]} — {LABELS[e.column]}"
        rows.append([f"{format_date_short(e.when)} {format_time(e.when)}", e.who, what,
                     readable(e.column, e.old_value) if e.old_value is not None else "",
                     readable(e.column, e.new_value) if e.column != "__deleted__" else ""])
    return rows
