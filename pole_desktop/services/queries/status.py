"""What the main window's lasting indicators show: changes waiting to be sent, the last sync,
and the open conflicts — in total and per dossier (a conflict on a rendez-vous, an action, a
beneficiary link… counts for its dossier). Plain data, run on the GUI's ``db`` queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop.domain import models as m
from pole_desktop.domain.local import Conflict, SyncRun

# Synced tables whose rows belong to one dossier, by their ``dossier_id`` column.
_DOSSIER_CHILDREN: dict[str, Any] = {
    "rendez_vous": m.RendezVous,
    "action": m.Action,
    "etape_historique": m.EtapeHistorique,
    "dossier_beneficiaire": m.DossierBeneficiaire,
    "dossier_conseiller": m.DossierConseiller,
    "document": m.Document,
}


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    last_sync: dt.datetime | None
    conflicts: int
    conflicts_by_dossier: dict[str, int] = field(default_factory=dict)


def open_conflicts_by_dossier(session: Session) -> tuple[int, dict[str, int]]:
    """(number of open conflicts, {dossier id: its open conflicts})."""
    rows = session.execute(select(Conflict.tbl, Conflict.row_id).where(Conflict.resolved_at.is_(None))).all()
    by_dossier: dict[str, int] = {}
    wanted: dict[str, list[str]] = {}
    for tbl, row_id in rows:
        if tbl == "dossier":
            by_dossier[row_id] = by_dossier.get(row_id, 0) + 1
        elif tbl in _DOSSIER_CHILDREN:
            wanted.setdefault(tbl, []).append(row_id)
    for tbl, ids in wanted.items():
        model = _DOSSIER_CHILDREN[tbl]
        rows = session.execute(select(model.id, model.dossier_id).where(model.id.in_(set(ids)))).all()
        owner: dict[str, str] = dict(rows)
        for row_id in ids:
            did = owner.get(row_id)
            if did:
                by_dossier[did] = by_dossier.get(did, 0) + 1
    return len(rows), by_dossier


def sync_status(session: Session, device_id: str) -> SyncStatus:
    from pole_desktop.services.info import pending_changes

    last = session.scalar(select(SyncRun.finished_at).where(SyncRun.ok.is_(True), SyncRun.finished_at.is_not(None))
                          .order_by(SyncRun.finished_at.desc()).limit(1))
    total, by_dossier = open_conflicts_by_dossier(session)
    return SyncStatus(pending_changes(session, device_id), last, total, by_dossier)
