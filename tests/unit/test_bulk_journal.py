"""The fast paths of the journal (demo dataset, imports) store exactly what the slow paths would."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from pole_desktop.domain import models as m
from pole_desktop.storage.database import Database
from pole_desktop.storage.journal import bulk_insert, bulk_load, encode_value


def reference_encode(value: object) -> str:
    """encode_value as it was before its fast paths."""
    if isinstance(value, dt.datetime):
        value = value.replace(microsecond=0).isoformat()
    elif isinstance(value, dt.date):
        value = value.isoformat()
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(),
    st.dates(), st.datetimes(),
)


@given(values)
def test_encode_value_fast_paths_match_json_dumps(value: object) -> None:
    assert encode_value(value) == reference_encode(value)


def _indexes(db: Database) -> set[tuple[str, str]]:
    conn = sqlite3.connect(db.data_dir.database)
    try:
        return set(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
    finally:
        conn.close()


def test_bulk_load_gives_back_every_index_and_journals_every_field(db: Database) -> None:
    before = _indexes(db)
    rows = [{"id": f"00000000-0000-4000-8000-{i:012d}", "nom": f"Nom{i}", "prenom": "Zoé",
             "cree_le": dt.date(2026, 1, 2), "anonymise": False} for i in range(50)]
    with db.session() as s, bulk_load(s):
        assert bulk_insert(s, m.Personne, rows) == 50
        names = {n for n, in s.connection().exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "ix_change_log_row" not in names  # deferred while loading
    assert _indexes(db) == before
    conn = sqlite3.connect(db.data_dir.database)
    try:
        cols = len(m.Personne.__table__.columns) - 1
        assert conn.execute("SELECT count(*) FROM change_log WHERE tbl = 'personne'").fetchone()[0] == 50 * cols
        assert conn.execute(
            "SELECT value FROM change_log WHERE tbl = 'personne' AND col = 'cree_le' LIMIT 1"
        ).fetchone()[0] == '"2026-01-02"'
        assert conn.execute("SELECT cree_le FROM personne LIMIT 1").fetchone()[0] == "2026-01-02"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_bulk_load_rolls_back_with_the_data(db: Database) -> None:
    before = _indexes(db)
    try:
        with db.session() as s, bulk_load(s):
            bulk_insert(s, m.Personne, [{"id": "00000000-0000-4000-8000-000000000001", "nom": "A", "prenom": "B",
                                         "anonymise": False}])
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    assert _indexes(db) == before


def test_planner_statistics_follow_the_data(db: Database) -> None:
    from pole_desktop.storage import stats

    rows = [{"id": f"00000000-0000-4000-8000-{i:012d}", "nom": f"Nom{i}", "prenom": "Zoé", "anonymise": False}
            for i in range(200)]
    with db.session() as s, bulk_load(s):
        bulk_insert(s, m.Personne, rows)
    conn = sqlite3.connect(db.data_dir.database)
    try:
        assert conn.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'personne'").fetchone()[0] > 0
        conn.execute("DELETE FROM local_state WHERE key = ?", (stats.STATE_KEY,))
        conn.commit()
    finally:
        conn.close()
    assert stats.refresh_if_grown(db.engine)  # > 1000 journal entries, never analyzed: analyze
    assert not stats.refresh_if_grown(db.engine)  # nothing grew since
