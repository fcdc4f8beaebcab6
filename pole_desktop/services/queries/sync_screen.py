"""What the Synchronisation screen shows: the state line (changes to send, last successful sync),
the history of syncs, the files set aside — plain data, run on the GUI's ``db`` queue."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop.domain.local import SyncPeer, SyncQuarantine, SyncRun
from pole_desktop.services.info import pending_changes


def count_pending(db: Any) -> int:
    """Journal entries not yet sent, for a job that holds the ``Database`` (e.g. on the net queue)."""
    with db.read() as s:
        return pending_changes(s, db.device_id)


def last_successful_sync(s: Session) -> dt.datetime | None:
    return s.scalar(select(SyncRun.finished_at).where(SyncRun.ok.is_(True), SyncRun.finished_at.is_not(None))
                    .order_by(SyncRun.finished_at.desc()).limit(1))


def sync_history(s: Session, limit: int = 100) -> list[tuple[Any, ...]]:
    """(started, finished, ok, sent, received, conflicts, quarantined, duration_ms, message), newest first."""
    runs = s.scalars(select(SyncRun).order_by(SyncRun.id.desc()).limit(limit)).all()
    return [(r.started_at, r.finished_at, r.ok, r.sent, r.received, r.conflicts, r.quarantined, r.duration_ms,
             r.message) for r in runs]


_SEQ = re.compile(r"(\d{10})\.chg$")


@dataclass
class QuarantinedFile:
    """A file of the share that was set aside (applied nowhere), as the Synchronisation screen lists it."""

    laptop: str  # the sending laptop's name, or « ordinateur inconnu (1a2b3c4d…) »
    name: str  # path on the share (already escaped when recorded)
    reason: str  # French
    detected_at: Any
    state: str  # « bloque ce poste » | « remplacé depuis » | « — »


_SEQ = re.compile(r"(\d{10})\.chg$")


def quarantined_files(s: Session, limit: int = 500) -> list[QuarantinedFile]:
    """The files set aside by the sync, newest first."""
    peers = {p.device_id: (p.device_name, p.applied_seq or 0) for p in s.scalars(select(SyncPeer))}
    rows = s.scalars(select(SyncQuarantine).order_by(SyncQuarantine.detected_at.desc(), SyncQuarantine.id.desc())
                     .limit(limit)).all()
    out = []
    for q in rows:
        name, applied = peers.get(q.device_id or "", (None, 0))
        if name:
            laptop = name
        elif q.device_id:
            laptop = f"ordinateur inconnu ({q.device_id[:8]}…)"
        else:
            laptop = "—"
        m = _SEQ.search(q.name or "")
        state = "—" if m is None else ("remplacé depuis" if int(m.group(1)) <= applied else "bloque ce poste")
        out.append(QuarantinedFile(laptop, q.name, q.reason, q.detected_at, state))
    return out
