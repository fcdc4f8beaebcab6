"""The facts ``pole-desktop-cli info`` prints (and sync tests compare)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from pole_desktop.domain import models as m
from pole_desktop.domain.local import ChangeLog, LocalState
from pole_desktop.storage.database import Database
from pole_desktop.storage.digest import content_digest

COUNTED = {
    "personnes": m.Personne,
    "structures": m.Structure,
    "dossiers": m.Dossier,
    "rendez_vous": m.RendezVous,
    "actions": m.Action,
    "ateliers": m.Atelier,
    "documents": m.Document,
}
PUSHED_KEY = "sync_pushed_seq"  # highest local journal seq published to the share


def pending_changes(session: Any, device_id: str) -> int:
    pushed = session.scalar(select(LocalState.value).where(LocalState.key == PUSHED_KEY))
    q = select(func.count()).select_from(ChangeLog).where(ChangeLog.device_id == device_id)
    if pushed:
        q = q.where(ChangeLog.seq > int(pushed))
    return int(session.scalar(q) or 0)


def info(db: Database) -> dict[str, Any]:
    with db.read() as s:
        counts = {k: int(s.scalar(select(func.count()).select_from(model)) or 0) for k, model in COUNTED.items()}
        return {
            "schema_version": db.schema_version(),
            "device_id": db.device_id,
            "counts": counts,
            "pending_changes": pending_changes(s, db.device_id),
            "digest": content_digest(s),
        }
