"""Planner statistics (``ANALYZE``): keep SQLite choosing good plans as a database grows.

Without statistics SQLite guesses that ``archive = 0`` is selective, so a search in the dossiers
list scanned all 20,000 dossiers instead of looking up the few hundred that match (32 ms → 1.4 ms
for a reference typed in full, on the large demo dataset). ``PRAGMA analysis_limit`` bounds the
work: ~40 ms on that 2 GB database. Statistics are refreshed when the journal (a proxy for the
amount of data) has grown by half since the last time, and after every bulk load.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Engine

log = logging.getLogger(__name__)

ANALYSIS_LIMIT = 400  # rows examined per index: approximate statistics, fast on any size
STATE_KEY = "analyze_seq"  # local_state: change_log seq when statistics were last gathered


def analyze(conn: Any) -> None:
    """Gather statistics inside the caller's (write) transaction."""
    conn.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    conn.exec_driver_sql("ANALYZE")
    seq = conn.exec_driver_sql("SELECT coalesce(max(seq), 0) FROM change_log").scalar()
    conn.exec_driver_sql(
        "INSERT INTO local_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (STATE_KEY, str(seq)),
    )


def refresh_if_grown(engine: Engine) -> bool:
    """Re-analyze when the data grew by half since the last statistics (or there are none).
    Never fails the caller: statistics are an optimisation."""
    try:
        with engine.connect() as conn:
            seq = conn.exec_driver_sql("SELECT coalesce(max(seq), 0) FROM change_log").scalar() or 0
            done = conn.exec_driver_sql("SELECT value FROM local_state WHERE key = ?", (STATE_KEY,)).scalar()
        if seq < 1000 or (done is not None and seq < int(done) * 1.5):
            return False
        with engine.begin() as conn:
            analyze(conn)
        return True
    except Exception:  # noqa: BLE001 - a locked or read-only database keeps its old plans
        log.warning("statistics not refreshed", exc_info=True)
        return False
