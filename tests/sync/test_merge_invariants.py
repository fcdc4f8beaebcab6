"""Concurrency invariants after a merge of histories (issue 16, observation 13): one canonical stored
text for every value on every laptop, and an edit that loses to a concurrent deletion or purge is kept
in the conflict inbox."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime

from pole_desktop.domain import synced_tables
from pole_desktop.services import rendez_vous
from tests.sync.helpers import new_dossier


def _raw(lp, sql: str, *params):  # noqa: ANN001, ANN202
    with lp.read() as s:
        return s.connection().exec_driver_sql(sql, params).all()


def test_a_rendez_vous_has_the_same_stored_text_on_every_laptop(laptops):
    a, b = laptops(2)
    did = new_dossier(a)
    debut = dt.datetime(2026, 3, 2, 10, 0)
    with a.session() as s:
        rid = rendez_vous.plan_rendez_vous(s, {"dossier_id": did, "debut": debut}).id
    a.sync()
    b.sync()
    sql = "SELECT debut, fin FROM rendez_vous WHERE id = ?"
    on_a, on_b = _raw(a, sql, rid), _raw(b, sql, rid)
    assert on_a and on_a == on_b, (on_a, on_b)
    # The same question gets the same answer on both laptops, whatever the bound's text.
    for lp in (a, b):
        with lp.read() as s:
            assert [r.id for r in rendez_vous.overlapping(s, debut, debut + dt.timedelta(minutes=30))] == [rid]
            assert rendez_vous.overlapping(s, debut + dt.timedelta(hours=1), debut + dt.timedelta(hours=2)) == []
            assert rendez_vous.overlapping(s, debut - dt.timedelta(hours=1), debut) == []
    # Every date/time column of every synced table: one text everywhere.
    for table in synced_tables().values():
        cols = [c.name for c in table.__table__.columns if isinstance(c.type, Date | DateTime)]
        if cols:
            q = f"SELECT id, {', '.join(cols)} FROM {table.__tablename__} ORDER BY id"
            assert _raw(a, q) == _raw(b, q), table.__tablename__


def test_datetimes_received_by_an_older_version_are_rewritten_once(laptops):
    from pole_desktop.sync.merge import CANONICAL_KEY

    a, b = laptops(2)
    did = new_dossier(a)
    with a.session() as s:
        rid = rendez_vous.plan_rendez_vous(s, {"dossier_id": did, "debut": dt.datetime(2026, 3, 2, 10)}).id
    a.sync()
    b.sync()
    with b.session() as s:  # what an older version stored on receipt
        s.connection().exec_driver_sql(
            "UPDATE rendez_vous SET debut = '2026-03-02 10:00:00', fin = '2026-03-02 11:00:00' WHERE id = ?", (rid,))
        s.connection().exec_driver_sql("DELETE FROM local_state WHERE key = ?", (CANONICAL_KEY,))
    before = (dt.datetime(2026, 3, 2, 9), dt.datetime(2026, 3, 2, 10))  # the slot just before: no overlap
    with b.read() as s:  # "10:00:00" < "10:00:00.000000": the old text overlaps the slot before
        assert [r.id for r in rendez_vous.overlapping(s, *before)] == [rid]
    new_dossier(a, "Autre projet")
    a.sync()
    b.sync()
    sql = "SELECT debut, fin FROM rendez_vous WHERE id = ?"
    assert _raw(b, sql, rid) == _raw(a, sql, rid) == [("2026-03-02 10:00:00.000000", "2026-03-02 11:00:00.000000")]
    with b.read() as s:
        assert rendez_vous.overlapping(s, *before) == []
        assert [r.id for r in rendez_vous.overlapping(s, *before[1:], dt.datetime(2026, 3, 2, 10, 30))] == [rid]
