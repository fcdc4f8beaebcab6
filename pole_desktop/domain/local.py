"""Local-only tables: they never travel to the share as rows.

- ``local_state``: key/value facts about this laptop (device id, HLC, counters).
- ``change_log``: the change journal, one entry per changed field (see storage.journal).
- ``row_version``: per synced row, the HLC/device of the current value of each field
  (what a new change replaces — its *base* — and what sync compares against).
- ``conflict``: the conflict inbox (values that lost a concurrent edit).
- ``sync_peer`` / ``sync_run`` / ``sync_quarantine``: sync bookkeeping.
- ``draft``: unsaved form contents (compte-rendu drafts survive a crash).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from pole_desktop.domain.base import Base


class LocalState(Base):
    __tablename__ = "local_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ChangeLog(Base):
    __tablename__ = "change_log"
    # Row ids are UUIDs, unique across tables: one index on row_id serves history look-ups.
    # No (device_id, seq) index: pushes and the pending count scan the primary key from the
    # last published seq, which is short once a laptop has synced.
    __table_args__ = (
        Index("ix_change_log_row", "row_id"),
        # Journal entries linking a row to a dossier, found by value (History tab, deleted links too).
        Index("ix_change_log_dossier_link", "value", sqlite_where=text("col = 'dossier_id'")),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    col: Mapped[str] = mapped_column(String(60))  # "__deleted__" for a tombstone
    value: Mapped[str | None] = mapped_column(Text)  # JSON-encoded
    hlc: Mapped[str] = mapped_column(String(40))
    device_id: Mapped[str] = mapped_column(String(36))
    base_hlc: Mapped[str | None] = mapped_column(String(40))
    # Who (accompagnateur id) made the change, for the History tab; local changes only.
    author_id: Mapped[str | None] = mapped_column(String(36))
    # Local sequence number the remote change had on its own device (None for local changes).
    remote_seq: Mapped[int | None] = mapped_column(Integer)


class RowVersion(Base):
    __tablename__ = "row_version"

    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # JSON object: column -> [hlc, device_id]; the key "*" is the version of every column not
    # listed (a row inserted in one go has only "*"). Read/write it through
    # storage.journal.version_of / set_version.
    versions: Mapped[str] = mapped_column(Text)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class Conflict(Base):
    __tablename__ = "conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    col: Mapped[str] = mapped_column(String(60))
    winner_value: Mapped[str | None] = mapped_column(Text)
    winner_hlc: Mapped[str] = mapped_column(String(40))
    winner_device: Mapped[str] = mapped_column(String(36))
    winner_author: Mapped[str | None] = mapped_column(String(36))
    loser_value: Mapped[str | None] = mapped_column(Text)
    loser_hlc: Mapped[str] = mapped_column(String(40))
    loser_device: Mapped[str] = mapped_column(String(36))
    loser_author: Mapped[str | None] = mapped_column(String(36))
    detected_at: Mapped[dt.datetime] = mapped_column(DateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str | None] = mapped_column(String(20))  # kept_winner | kept_loser


class SyncPeer(Base):
    __tablename__ = "sync_peer"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    applied_seq: Mapped[int] = mapped_column(Integer, default=0)  # highest file sequence applied
    device_name: Mapped[str | None] = mapped_column(String(200))
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class SyncRun(Base):
    __tablename__ = "sync_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    share: Mapped[str | None] = mapped_column(String(500))
    ok: Mapped[bool] = mapped_column(Boolean, default=False)
    sent: Mapped[int] = mapped_column(Integer, default=0)
    received: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    quarantined: Mapped[int] = mapped_column(Integer, default=0)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    message: Mapped[str | None] = mapped_column(Text)  # French summary or error


class SyncQuarantine(Base):
    __tablename__ = "sync_quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(500))
    reason: Mapped[str] = mapped_column(Text)  # French explanation
    detected_at: Mapped[dt.datetime] = mapped_column(DateTime)
    sha256: Mapped[str | None] = mapped_column(String(64))


class Draft(Base):
    """Unsaved form contents, written as the advisor types (crash-safe)."""

    __tablename__ = "draft"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)  # e.g. "compte_rendu:<rdv id>"
    payload: Mapped[str] = mapped_column(Text)  # JSON
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
