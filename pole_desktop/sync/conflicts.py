"""The conflict inbox: values that lost a concurrent edit, ready to show in French.

``list_open(session)`` → :class:`ConflictView` items (newest first); ``resolve(session, id, keep)``:
keep ``"winner"`` just closes the entry; keep ``"loser"`` writes the losing value back as a NEW local
change (journaled, so it travels on the next sync and wins everywhere), then closes the entry.
Use a write session (``db.session()``) for ``resolve``. A value that lost to the deletion of its record
(``record_deleted``) is shown to be copied; keeping it is refused in French (the record is gone, and
recreating it from one field would bring back a half record); keeping the winner closes the entry.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop import clock
from pole_desktop.domain import models as m
from pole_desktop.domain import synced_tables
from pole_desktop.domain.labels import field_label, table_label
from pole_desktop.domain.local import Conflict, SyncPeer
from pole_desktop.formatting import format_cents, format_date_short, format_datetime, format_number
from pole_desktop.services.validation import ValidationError
from pole_desktop.storage.hlc import Timestamp
from pole_desktop.storage.journal import decode_value, table_for
from pole_desktop.sync.merge import DELETED_MARK


@dataclass(frozen=True)
class ConflictView:
    id: int
    table: str
    row_id: str
    column: str
    table_label: str  # « Dossier »
    record_label: str  # « DLA-2026-K7QF-0042 — Épicerie solidaire », « Lucie Martin »
    field_label: str  # « titre »
    winner_value: str  # display text, French
    loser_value: str
    winner_who: str  # advisor name (or « poste 1a2b3c4d »)
    loser_who: str
    winner_when: dt.datetime
    loser_when: dt.datetime
    winner_device: str  # device name or short id
    loser_device: str
    detected_at: dt.datetime
    # The value lost to the deletion (or purge) of its record: it is shown to be copied, it cannot
    # be put back (the record is gone).
    record_deleted: bool = False

    # Short aliases for screens that show the losing side (the one the advisor may want back).
    @property
    def who(self) -> str:
        return self.loser_who

    @property
    def when(self) -> dt.datetime:
        return self.loser_when

    @property
    def device(self) -> str:
        return self.loser_device


def _when(hlc: str) -> dt.datetime:
    return clock.from_epoch_ms(Timestamp.parse(hlc).wall_ms)


def _deleted_text(device: str, me: str | None) -> str:
    where = "sur cet ordinateur" if me and device == me else "sur un autre poste"
    return f"la fiche a été supprimée {where}"


def display_value(table: str, column: str, raw: str | None) -> str:
    """A stored JSON value as French display text."""
    if raw is None:
        return "(valeur effacée)"
    if raw == DELETED_MARK:
        return "la fiche a été supprimée"
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    if value is None:
        return "(vide)"
    if column == "__deleted__":
        return "supprimé"
    try:
        col = table_for(table).columns[column]
        value = decode_value(col, raw)
    except (KeyError, ValueError, TypeError):
        pass
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date_short(value)
    if isinstance(value, int) and column.endswith("_centimes"):
        return format_cents(value)
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


def record_label(session: Session, table: str, row_id: str) -> str:
    model = synced_tables().get(table)
    obj = session.get(model, row_id) if model is not None else None
    if obj is None:
        return f"{table_label(table)} (supprimé)"
    if isinstance(obj, m.Dossier):
        return f"{obj.reference} — {obj.titre}"
    if isinstance(obj, m.Personne | m.Accompagnateur):
        return obj.nom_complet or "(sans nom)"
    if isinstance(obj, m.Structure):
        return obj.raison_sociale
    if isinstance(obj, m.RendezVous):
        text = f"Rendez-vous du {format_datetime(obj.debut)}"
        if obj.dossier is not None:
            text += f" — {obj.dossier.reference}"
        return text
    if isinstance(obj, m.Action):
        return f"Action « {obj.libelle} »"
    if isinstance(obj, m.Atelier):
        return f"{obj.titre} ({format_date_short(obj.debut.date())})"
    for attr in ("dossier", "rendez_vous", "atelier", "structure"):
        parent = getattr(obj, attr, None)
        if parent is not None:
            return f"{table_label(table)} — {record_label(session, parent.__tablename__, parent.id)}"
    return table_label(table)


def _names(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    advisors = {a.id: a.nom_complet for a in session.scalars(select(m.Accompagnateur))}
    devices = {p.device_id: p.device_name or "" for p in session.scalars(select(SyncPeer))}
    return advisors, devices


def _device(devices: dict[str, str], device_id: str, me: str | None) -> str:
    if me and device_id == me:
        return "cet ordinateur"
    return devices.get(device_id) or f"poste {device_id[:8]}"


def list_open(session: Session, me: str | None = None) -> list[ConflictView]:
    """Open conflicts, newest first. ``me``: this computer's device id (named « cet ordinateur »),
    taken from a journaled session when not given (a read-only session passes it)."""
    advisors, devices = _names(session)
    if me is None:
        ctx = session.info.get("journal")
        me = ctx.device_id if ctx is not None else None
    out = []
    for c in session.scalars(select(Conflict).where(Conflict.resolved_at.is_(None)).order_by(Conflict.id.desc())):
        out.append(
            ConflictView(
                id=c.id,
                table=c.tbl,
                row_id=c.row_id,
                column=c.col,
                table_label=table_label(c.tbl),
                record_label=record_label(session, c.tbl, c.row_id),
                field_label=field_label(c.col),
                winner_value=(_deleted_text(c.winner_device, me) if c.winner_value == DELETED_MARK
                              else display_value(c.tbl, c.col, c.winner_value)),
                loser_value=display_value(c.tbl, c.col, c.loser_value),
                winner_who=advisors.get(c.winner_author or "", "") or _device(devices, c.winner_device, me),
                loser_who=advisors.get(c.loser_author or "", "") or _device(devices, c.loser_device, me),
                winner_when=_when(c.winner_hlc),
                loser_when=_when(c.loser_hlc),
                winner_device=_device(devices, c.winner_device, me),
                loser_device=_device(devices, c.loser_device, me),
                detected_at=c.detected_at,
                record_deleted=c.winner_value == DELETED_MARK,
            )
        )
    return out


def count_open(session: Session) -> int:
    from sqlalchemy import func

    return int(session.scalar(select(func.count()).select_from(Conflict).where(Conflict.resolved_at.is_(None))) or 0)


def resolve(session: Session, conflict_id: int, keep: str) -> None:
    """Close a conflict keeping ``"winner"`` (nothing changes) or ``"loser"`` (written as a new change)."""
    if keep not in ("winner", "loser"):
        raise ValueError(keep)
    c = session.get(Conflict, conflict_id)
    if c is None:
        raise ValidationError({"__all__": "Ce conflit n'existe plus."})
    if c.resolved_at is not None:
        raise ValidationError({"__all__": "Ce conflit a déjà été réglé."})
    if keep == "loser" and c.winner_value == DELETED_MARK:
        ctx = session.info.get("journal")
        where = _deleted_text(c.winner_device, ctx.device_id if ctx is not None else None)[len("la fiche a été "):]
        raise ValidationError({"__all__": (
            f"La fiche a été {where} : elle ne peut pas être recréée depuis ce conflit. Copiez la valeur "
            "perdue si vous voulez la garder ailleurs, puis fermez le conflit en gardant la suppression.")})
    if keep == "loser":
        model = synced_tables().get(c.tbl)
        obj = session.get(model, c.row_id) if model is not None else None
        if model is None or obj is None:
            raise ValidationError(
                {"__all__": "La fiche concernée a été supprimée : impossible de reprendre cette valeur."}
            )
        if c.loser_value is None:
            raise ValidationError({"__all__": "Cette valeur a été effacée (RGPD) : impossible de la reprendre."})
        column = model.__table__.columns[c.col]
        value: Any = decode_value(column, c.loser_value)
        from sqlalchemy import inspect

        setattr(obj, inspect(model).get_property_by_column(column).key, value)
        session.flush()
    c.resolved_at = clock.local_now()
    c.resolution = "kept_loser" if keep == "loser" else "kept_winner"
    session.flush()
