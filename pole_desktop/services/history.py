"""Who changed what and when — read from the change journal (History tab, audit)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from pole_desktop import clock
from pole_desktop.domain import models as m
from pole_desktop.domain.labels import field_label, table_label
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
    return clock.from_epoch_ms(Timestamp.parse(hlc).wall_ms)


def _rows_of_dossier(session: Session, dossier_id: str) -> list[tuple[str, str]]:
    keys = [("dossier", dossier_id)]
    for model in (m.DossierBeneficiaire, m.DossierConseiller, m.EtapeHistorique, m.RendezVous, m.Action, m.Document):
        ids = session.scalars(select(model.id).where(model.dossier_id == dossier_id))
        keys += [(model.__tablename__, i) for i in ids]
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
        ids = session.scalars(select(model.id).where(model.personne_id == personne_id))
        keys += [(model.__tablename__, i) for i in ids]
    return keys


def history(session: Session, kind: str, row_id: str, limit: int = 2000) -> list[HistoryEntry]:
    """Journal entries about a dossier (with its rendez-vous, actions, links) or a person, newest first."""
    keys = _rows_of_dossier(session, row_id) if kind == "dossier" else (
        _rows_of_person(session, row_id) if kind == "personne" else [(kind, row_id)]
    )
    names = {
        a_id: f"{prenom} {nom}".strip()
        for a_id, prenom, nom in session.execute(
            select(m.Accompagnateur.id, m.Accompagnateur.prenom, m.Accompagnateur.nom))
    }
    # Plain DB-API rows, not ORM objects or SQLAlchemy rows: a dossier with 100 rendez-vous has
    # thousands of entries. Row ids are UUIDs (unique across tables): one IN list per chunk.
    wanted = set(keys)
    ids = list(dict.fromkeys(r for _t, r in keys))
    # The DB-API cursor of the session's own connection (same transaction): SQLAlchemy's Row
    # objects would cost more than the query itself here.
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    entries: list[Any] = []
    try:
        for i in range(0, len(ids), 500):
            chunk = tuple(ids[i : i + 500])
            entries += cursor.execute(
                "SELECT seq, tbl, row_id, col, value, hlc, device_id, author_id FROM change_log "
                f"WHERE row_id IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
    finally:
        cursor.close()
    entries = [e for e in entries if (e[1], e[2]) in wanted]
    entries.sort(key=lambda e: (e[5], e[0]))
    last: dict[tuple[str, str, str], Any] = {}
    whens: dict[str, dt.datetime] = {}
    decoded: dict[str, Any] = {}  # the same JSON texts recur (ids, "null", étapes): decode each once
    out: list[HistoryEntry] = []
    for _seq, tbl, rid, col, value, hlc, device, author in entries:
        cell = (tbl, rid, col)
        if value is None:
            new = None
        elif value in decoded:
            new = decoded[value]
        else:
            new = decoded[value] = json.loads(value)
        old = last.get(cell)
        last[cell] = new
        when = whens.get(hlc)
        if when is None:
            when = whens[hlc] = hlc_datetime(hlc)
        out.append(
            HistoryEntry(
                when=when,
                hlc=hlc,
                who=names.get(author or "", "") or f"poste {device[:8]}",
                device_id=device,
                table=tbl,
                row_id=rid,
                column=col,
                old_value=old,
                new_value=new,
            )
        )
    out.reverse()
    return out[:limit]
