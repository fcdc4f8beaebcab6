"""Crash safety (SYNC.md property 4): a sync killed with SIGKILL anywhere in push or pull leaves a
consistent database, loses nothing, applies nothing twice, and the next sync finishes the job."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pole_desktop.demo import generate
from pole_desktop.safety.opening import open_database
from pole_desktop.services import personnes
from pole_desktop.sync.engine import KILL_ENV
from tests.sync.helpers import converge

SCRIPT = """
import sys
from pole_desktop.sync import share_layout as L
L.ENTRIES_PER_FILE = 150
from pole_desktop.safety.opening import open_database
from pole_desktop.sync.folder import FolderTransport
from pole_desktop.sync.engine import sync
db = open_database(sys.argv[1])
r = sync(db, FolderTransport(sys.argv[2]))
print("OK" if r.ok else r.error)
"""
REPO = Path(__file__).resolve().parents[2]


def run_sync(data: Path, share: Path, kill_at: str | None = None, delay: float | None = None) -> int:
    from tests.infra.encrypted import passphrase_env

    env = passphrase_env(dict(os.environ, PYTHONPATH=str(REPO)))  # encrypted data dirs, no keyring
    env.pop(KILL_ENV, None)
    if kill_at:
        env[KILL_ENV] = kill_at
    p = subprocess.Popen([sys.executable, "-c", SCRIPT, str(data), str(share)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if delay is not None:
        time.sleep(delay)
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
    p.communicate(timeout=120)
    return p.returncode


KEYS: dict[Path, bytes] = {}


def check_consistent(data: Path) -> None:
    from tests.infra.encrypted import connect

    conn = connect(data / "pole.db", KEYS[data])
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        dup = conn.execute(
            "SELECT device_id, remote_seq FROM change_log WHERE remote_seq IS NOT NULL "
            "GROUP BY device_id, remote_seq HAVING count(*) > 1"
        ).fetchall()
        assert dup == [], "a remote entry was applied twice"
        for tbl in ("personne", "dossier", "rendez_vous", "dossier_beneficiaire", "action"):
            orphan = conn.execute(
                f"SELECT count(*) FROM {tbl} t LEFT JOIN row_version v ON v.tbl = ? AND v.row_id = t.id "
                "WHERE v.row_id IS NULL OR v.deleted = 1",
                (tbl,),
            ).fetchone()[0]
            assert orphan == 0, f"{tbl}: data without its journal"
        # The per-device mark and the de-duplication mark moved together.
        for dev, _applied in conn.execute("SELECT device_id, applied_seq FROM sync_peer"):
            mark = conn.execute("SELECT value FROM local_state WHERE key = ?", (f"sync_rseq:{dev}",)).fetchone()
            top = conn.execute("SELECT max(remote_seq) FROM change_log WHERE device_id = ?", (dev,)).fetchone()[0]
            assert (mark is None and top is None) or int(mark[0]) == top
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_sync_killed_anywhere_recovers(laptops, share, tmp_path, monkeypatch):
    from tests.infra.encrypted import passphrase_mode

    passphrase_mode(monkeypatch)  # the killed syncs run in subprocesses: same key source
    a, b = laptops(2)
    generate(a.db, "tiny", seed=2)
    for i in range(25):
        with b.session() as s:
            personnes.save_personne(s, {"nom": f"Local{i}", "notes": "x" * 50})
    b.close()
    a.close()
    a_dir, b_dir = a.db.data_dir.root, b.db.data_dir.root
    KEYS[a_dir], KEYS[b_dir] = a.db.key, b.db.key
    rng = random.Random(7)
    points = [f"{cp}:{n}" for cp in ("push-written", "push-marked", "pull-before-commit", "pull-committed")
              for n in (1, 2, 5)]
    kills = 0
    started = time.monotonic()
    for point in points:
        for who in (b_dir, a_dir):
            code = run_sync(who, share, kill_at=point)
            kills += code == -signal.SIGKILL
            check_consistent(who)
        if time.monotonic() - started > 50:
            break
    # Random moments too (the process is killed from outside).
    for _ in range(6):
        who = rng.choice([a_dir, b_dir])
        run_sync(who, share, delay=rng.uniform(0.3, 1.5))
        check_consistent(who)
    assert kills >= 8
    for who in (a_dir, b_dir, a_dir):
        assert run_sync(who, share) == 0
        check_consistent(who)
    da, db_ = open_database(a_dir), open_database(b_dir)
    try:
        from pole_desktop.services.info import info

        ia, ib = info(da), info(db_)
        assert ia["digest"] == ib["digest"]
        assert ia["counts"]["personnes"] == ib["counts"]["personnes"] >= 40 + 25
        assert ia["pending_changes"] == 0
    finally:
        da.close()
        db_.close()
    _ = converge  # (the helpers' converge needs open Laptop objects; checked via info above)
