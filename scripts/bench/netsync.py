"""End-of-day sync of 200 field changes over S3 (SeaweedFS) and WebDAV (wsgidav) on loopback.

The published laptop and share of ``syncbench`` (the dataset after its first sync) are copied,
the share is loaded into each server (S3: one PUT per file, not timed; WebDAV: the folder the
server serves), then the same 200-change syncs as ``sync_200`` run through the network transport.
The floor is the same syncs, on another copy, through a local folder share, in the same run.
The servers are the test suite's (tests/infra), started on free loopback ports and stopped here.
"""

from __future__ import annotations

import importlib
import shutil
import time
from pathlib import Path
from typing import Any

from bench.core import Figure, module_present
from bench.syncbench import CHANGES, ensure_published, make_changes

KEYS = ("sync_200_s3", "sync_200_webdav")
TARGET_RATIO = 3.0


def _figs() -> dict[str, Figure]:
    label = f"end-of-day sync, {CHANGES} changes, %s on loopback"
    floor = "the same syncs through a local folder share"
    return {
        "s3": Figure("sync_200_s3", label % "S3 (SeaweedFS)", "s", f"≤ {TARGET_RATIO:g} × floor", TARGET_RATIO,
                     target_kind="ratio", floor_label=floor),
        "webdav": Figure("sync_200_webdav", label % "WebDAV (wsgidav)", "s", f"≤ {TARGET_RATIO:g} × floor",
                         TARGET_RATIO, target_kind="ratio", floor_label=floor),
    }


def _timed_syncs(c: Any, engine: Any, data: Path, transport: Any) -> tuple[list[float], list[int]]:
    from pole_desktop.safety.opening import open_database

    db = open_database(data)
    runs: list[float] = []
    sent: list[int] = []
    try:
        for i in range(c.runs + 1):  # the first one warms caches and connections, not counted
            make_changes(db, i)
            t0 = time.perf_counter()
            receipt = engine.sync(db, transport)
            elapsed = time.perf_counter() - t0
            if not receipt.ok:
                raise RuntimeError(f"sync failed: {receipt.error}")
            if i:
                runs.append(elapsed)
                sent.append(receipt.sent)
    finally:
        db.close()
        transport.close()
    return runs, sent


def run(c: Any) -> list[Figure]:
    figs = _figs()
    missing = [m for m in ("pole_desktop.sync.engine", "pole_desktop.sync.s3", "pole_desktop.sync.webdav")
               if not module_present(m)]
    if missing:
        return [f.absent(f"module absent: {', '.join(missing)}") for f in figs.values()]
    from tests.infra import seaweedfs, webdav_server

    engine = importlib.import_module("pole_desktop.sync.engine")
    folder = importlib.import_module("pole_desktop.sync.folder")
    from pole_desktop.sync.config import ShareConfig, open_transport

    published = ensure_published(c, engine, folder)
    share = Path(published["share"])
    work = c.scratch / "netsync"
    work.mkdir(parents=True, exist_ok=True)

    # The floor: the same syncs through a folder share.
    shutil.copytree(published["data"], work / "floor-data")
    shutil.copytree(share, work / "floor-share")
    floor_runs, _ = _timed_syncs(c, engine, work / "floor-data", folder.FolderTransport(work / "floor-share"))
    shutil.rmtree(work / "floor-data", ignore_errors=True)
    shutil.rmtree(work / "floor-share", ignore_errors=True)

    for kind, fig in figs.items():
        reason = (seaweedfs if kind == "s3" else webdav_server).missing_requirements()
        if reason:
            fig.absent(reason)
            continue
        data = work / f"{kind}-data"
        shutil.copytree(published["data"], data)
        if kind == "s3":
            server = seaweedfs.SeaweedServer(work / "seaweedfs")
            server.start()
            try:
                client = server.client()
                client.create_bucket(Bucket="pole-bench")
                t0 = time.perf_counter()
                files = [p for p in share.rglob("*") if p.is_file()]
                for p in files:
                    client.put_object(Bucket="pole-bench", Key=f"equipe/{p.relative_to(share).as_posix()}",
                                      Body=p.read_bytes())
                load_s = time.perf_counter() - t0
                cfg = ShareConfig(kind="s3", bucket="pole-bench", folder="equipe", url=server.endpoint,
                                  region=server.region, user=server.access_key)
                runs, sent = _timed_syncs(c, engine, data, open_transport(cfg, lambda _c, k=server.secret_key: k))
            finally:
                server.stop()
        else:
            server = webdav_server.WebDavServer(work / "webdav")
            t0 = time.perf_counter()
            shutil.copytree(share, server.root_dir / "equipe")
            load_s = time.perf_counter() - t0
            server.start()
            try:
                cfg = ShareConfig(kind="webdav", url=f"{server.url}/equipe", user=server.user)
                runs, sent = _timed_syncs(c, engine, data, open_transport(cfg, lambda _c, k=server.password: k))
            finally:
                server.stop()
        fig.runs, fig.floor_runs = runs, floor_runs
        fig.details = {"sent_per_run": sent, "share_files": published["files"],
                       "share_loaded_in_s": round(load_s, 1)}
        shutil.rmtree(data, ignore_errors=True)
        fig.finish()
    shutil.rmtree(work, ignore_errors=True)
    return list(figs.values())
