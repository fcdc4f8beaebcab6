"""services/undo.py: an undo is a new journaled change (it syncs), refused when the fields
changed since."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from pole_desktop.demo import generate
from pole_desktop.domain.local import ChangeLog
from pole_desktop.domain.models import Action, RendezVous
from pole_desktop.safety.opening import open_database
from pole_desktop.services import undo
from pole_desktop.services.validation import ValidationError


@pytest.fixture
def db(data_dir):
    database = open_database(data_dir)
    generate(database, "tiny", seed=1)
    yield database
    database.close()


def _entries(db, row_id: str, column: str) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(ChangeLog.value).where(ChangeLog.row_id == row_id, ChangeLog.col == column)
                              .order_by(ChangeLog.seq)))


def test_undo_action_done_is_a_new_journaled_change(db) -> None:
    with db.read() as s:
        aid = s.scalar(select(Action.id).where(Action.faite.is_(False)).limit(1))
    with db.session() as s:
        step = undo.mark_action_done(s, aid, dt.date(2026, 12, 3))
    assert step.before == {"faite": False, "faite_le": None}
    assert step.after == {"faite": True, "faite_le": dt.date(2026, 12, 3)}
    with db.session() as s:
        undo.undo(s, step)
    with db.read() as s:
        a = s.get(Action, aid)
        assert (a.faite, a.faite_le) == (False, None)
    assert _entries(db, aid, "faite")[-2:] == ["true", "false"]  # done, then undone: both travel


def test_undo_refused_when_changed_since(db) -> None:
    with db.read() as s:
        rid = s.scalar(select(RendezVous.id).where(RendezVous.statut == "prevu").limit(1))
        debut = s.get(RendezVous, rid).debut
    with db.session() as s:
        step = undo.move_rendez_vous(s, rid, debut + dt.timedelta(days=1))
    with db.session() as s:
        s.get(RendezVous, rid).debut = debut + dt.timedelta(days=2)  # someone moved it again
    with pytest.raises(ValidationError) as e, db.session() as s:
        undo.undo(s, step)
    assert "modifié depuis" in e.value.errors["__all__"]
    with db.read() as s:
        assert s.get(RendezVous, rid).debut == debut + dt.timedelta(days=2)
