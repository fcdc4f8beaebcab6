"""Who changed what and when — read from the change journal (History tab, audit)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from pole_desktop.domain import models as m
from pole_desktop.domain.labels import field_label, table_label
from pole_desktop.domain.local import ChangeLog
from pole_desktop.storage.hlc import Timestamp


@dataclass(frozen=True)
class HistoryEntry:
    when: dt.datetime
    hlc: str
    who: str  # advisor's name, or the laptop when unknown
    device_id: str
    table: str
    row_id: str
    column: str
    old_value: Any
    new_value: Any

    @property
    def what(self) -> str:
        if self.column == "__deleted__":
            return f"{table_label(self.table)} supprimé"
        return f"{table_label(self.table)} — {field_label(self.column)}"


def hlc_datetime(hlc: str) -> dt.datetime:
    """Local wall-clock time of an HLC timestamp."""
    return dt.datetime.fromtimestamp(Timestamp.parse(hlc).wall_ms / 1000)


def _rows_of_dossier(session: Session, dossier_id: str) -> list[tuple[str, str]]:
    keys = [("dossier", dossier_id)]
    for model in (m.DossierBeneficiaire, m.DossierConseiller, m.EtapeHistorique, m.RendezVous, m.Action, m.Document):
        keys += [(model.__tablename__, i) for i in session.scalars(select(model.id).where(model.dossier_id == dossier_id))]
    rdv_ids = [k[1] for k in keys if k[0] == "rendez_vous"]
    if rdv_ids:
        keys += [
            ("rendez_vous_participant", i)
            for i in session.scalars(
                select(m.RendezVousParticipant.id).where(m.RendezVousParticipant.rendez_vous_id.in_(rdv_ids))
            )
        ]
    # Rows that were deleted since (links removed) still have their journal entries. The literal
    # col = 'dossier_id' lets SQLite use the partial index ix_change_log_dossier_link.
    keys += [
        (tbl, r)
        for tbl, r in session.execute(
            text(
                "SELECT tbl, row_id FROM change_log WHERE col = 'dossier_id' AND value = :v "
                "AND tbl IN ('dossier_beneficiaire', 'dossier_conseiller', 'action', 'rendez_vous')"
            ),
            {"v": json.dumps(dossier_id)},
        )
    ]
    return list(dict.fromkeys(keys))


def _rows_of_person(session: Session, personne_id: str) -> list[tuple[str, str]]:
    keys = [("personne", personne_id)]
    for model in (m.DossierBeneficiaire, m.RendezVousParticipant, m.AtelierInscription, m.StructureRole):
        keys += [(model.__tablename__, i) for i in session.scalars(select(model.id).where(model.personne_id == personne_id))]
    return keys


def history(session: Session, kind: str, row_id: str, limit: int = 2000) -> list[HistoryEntry]:
    """Journal entries about a dossier (with its rendez-vous, actions, links) or a person, newest first."""
    keys = _rows_of_dossier(session, row_id) if kind == "dossier" else (
        _rows_of_person(session, row_id) if kind == "personne" else [(kind, row_id)]
    )
    names = {a.id: a.nom_complet for a in session.scalars(select(m.Accompagnateur))}
    entries: list[ChangeLog] = []
    by_table: dict[str, list[str]] = {}
    for t, r in keys:
        by_table.setdefault(t, []).append(r)
    for t, ids in by_table.items():
        for i in range(0, len(ids), 500):
            entries += session.scalars(
                select(ChangeLog).where(ChangeLog.tbl == t, ChangeLog.row_id.in_(ids[i : i + 500]))
            ).all()
    entries.sort(key=lambda e: (e.hlc, e.seq))
    last: dict[tuple[str, str, str], Any] = {}
    out: list[HistoryEntry] = []
    for e in entries:
        cell = (e.tbl, e.row_id, e.col)
        new = json.loads(e.value) if e.value is not None else None
        old = last.get(cell)
        last[cell] = new
        out.append(
            HistoryEntry(
                when=hlc_datetime(e.hlc),
                hlc=e.hlc,
                who=names.get(e.author_id or "", "") or f"poste {e.device_id[:8]}",
                device_id=e.device_id,
                table=e.tbl,
                row_id=e.row_id,
                column=e.col,
                old_value=old,
                new_value=new,
            )
        )
    out.reverse()
    return out[:limit]
