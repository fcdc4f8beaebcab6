"""Drafts of forms being typed (compte-rendu…): saved as the advisor types, in their own
small transactions, so a crash or a power cut loses nothing. Local only, never synced."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop import clock
from pole_desktop.domain.local import Draft


def save_draft(session: Session, key: str, payload: dict[str, Any]) -> None:
    d = session.get(Draft, key)
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
    if d is None:
        session.add(Draft(key=key, payload=text, updated_at=clock.local_now()))
    elif d.payload != text:
        d.payload, d.updated_at = text, clock.local_now()
    session.flush()


def load_draft(session: Session, key: str) -> dict[str, Any] | None:
    d = session.get(Draft, key)
    return json.loads(d.payload) if d else None


def discard_draft(session: Session, key: str) -> None:
    d = session.get(Draft, key)
    if d is not None:
        session.delete(d)
        session.flush()


def list_drafts(session: Session) -> list[Draft]:
    return list(session.scalars(select(Draft).order_by(Draft.updated_at.desc())))
