"""Idle sync with 100 peer laptops behind a transport that adds 30 ms to every call (issue 13).

A real laptop (its own SQLCipher database) and 100 simulated peers that each published one sealed,
signed change file, their device manifest and their head (tests/sync/counting.py) on a folder share.
After the laptop has met them (a full survey, then one sync to settle), each timed run is a sync with
nothing to do, through ``CountingTransport(FolderTransport, delay_s=0.030)``: the figure is its time
(target ≤ 0.5 s). The floor is the same number of bare calls (the same operations replayed on the same
delayed transport, no engine work around them); the details give the round trips counted.
"""

from __future__ import annotations

import os
import shutil
import time
from typing import Any

from bench.core import Figure, module_present

PEERS = 100
DELAY_S = 0.030
TARGET_S = 0.5


def _fig() -> Figure:
    return Figure("idle_sync_100_peers", f"idle sync, {PEERS} peer laptops, {DELAY_S * 1000:g} ms per call", "s",
                  f"≤ {TARGET_S:g} s", TARGET_S, floor_label="the same number of bare calls (30 ms each)")


def run(c: Any) -> list[Figure]:
    fig = _fig()
    if not module_present("pole_desktop.sync.engine"):
        return [fig.absent("module absent: pole_desktop.sync.engine")]
    os.environ.setdefault("POLE_DESKTOP_TEAM_PHRASE", "phrase d'équipe du banc d'essai 2026")
    from pole_desktop.safety.opening import open_database
    from pole_desktop.sync import engine, sealing
    from pole_desktop.sync import share_layout as L
    from pole_desktop.sync.folder import FolderTransport
    from tests.sync.counting import CountingTransport, simulate_peers

    work = c.scratch / "idlesync"
    shutil.rmtree(work, ignore_errors=True)
    share = work / "share"
    share.mkdir(parents=True)
    db = open_database(work / "data")
    try:
        bare = FolderTransport(share)
        if not engine.sync(db, bare).ok:
            raise RuntimeError("first sync failed")
        keys = sealing.share_keys(db, L.read_json(bare.read(L.SHARE_MANIFEST)))
        simulate_peers(bare, keys, PEERS)
        for _ in range(2):  # meets the peers (a full survey), then settles
            r = engine.sync(db, bare)
            if not r.ok:
                raise RuntimeError(f"sync failed: {r.error}")
        slow = CountingTransport(FolderTransport(share), delay_s=DELAY_S)
        calls: list[int] = []
        for _ in range(c.runs):
            slow.reset()
            t0 = time.perf_counter()
            r = engine.sync(db, slow)
            fig.runs.append(time.perf_counter() - t0)
            if not r.ok or r.received or r.sent:
                raise RuntimeError(f"the idle sync was not idle: {r.summary_fr()}")
            calls.append(slow.total)
            log = list(slow.log)
            replay = CountingTransport(FolderTransport(share), delay_s=DELAY_S)
            t0 = time.perf_counter()
            for op, arg in log:
                try:
                    getattr(replay, op)(*([arg] if arg else []))
                except Exception:  # noqa: BLE001 - the same call, whatever it answers
                    pass
            fig.floor_runs.append(time.perf_counter() - t0)
        fig.details = {"peers": PEERS, "round_trips": calls, "operations": sorted({op for op, _ in log}),
                       "before_issue_13": f"3N+11 = {3 * PEERS + 11} round trips"}
    finally:
        db.close()
        shutil.rmtree(work, ignore_errors=True)
    fig.finish()
    return [fig]
