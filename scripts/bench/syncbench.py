"""Sync figures: end-of-day sync of 200 field changes, bootstrap of a new laptop, bytes per change.

A "published" state is cached beside the dataset (``published-<code hash>/``): a copy of the
data directory after its first sync to a local folder share, and that share. It is rebuilt when
the sync code changes (the hash of pole_desktop/sync/*.py is in the name).
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import time
from pathlib import Path
from typing import Any

from bench.core import ROOT, Figure, module_present

SYNC_KEYS = ("sync_200", "bootstrap", "share_bytes_per_field")
CHANGES = 200
BOOTSTRAP_TIMEOUT_S = 600


def _figs() -> tuple[Figure, Figure, Figure]:
    return (
        Figure("sync_200", f"end-of-day sync, {CHANGES} changes, local folder share", "s", "≤ 0.5 s", 0.5),
        Figure("bootstrap", "bootstrap a new laptop from the share holding the dataset", "s", "≤ 3 × floor", 3.0,
               target_kind="ratio", floor_label="copy the same bytes + bare executemany of the same rows"),
        Figure("share_bytes_per_field", "bytes on the share per field change", "B", "report", target_kind="report"),
    )


def run(c: Any) -> list[Figure]:
    sync_200, boot, per_field = _figs()
    if not (module_present("pole_desktop.sync.engine") and module_present("pole_desktop.sync.folder")):
        reason = "module absent: pole_desktop.sync.engine / sync.folder"
        return [f.absent(reason) for f in (sync_200, boot, per_field)]
    # The sealed share's team phrase, as the CLI reads it (the figures include scrypt, AES-GCM, Ed25519).
    os.environ.setdefault("POLE_DESKTOP_TEAM_PHRASE", "phrase d'équipe du banc d'essai 2026")
    engine = importlib.import_module("pole_desktop.sync.engine")
    folder = importlib.import_module("pole_desktop.sync.folder")
    published = ensure_published(c, engine, folder)
    per_field.runs = [published["share_bytes"] / max(1, published["entries"])]
    per_field.details = {k: published[k] for k in ("share_bytes", "entries", "files", "publish_seconds")}

    # End-of-day sync: private copies of the published laptop and of the share.
    work = c.scratch / "sync"
    data = work / "data"
    share = work / "share"
    shutil.copytree(Path(published["data"]), data)
    shutil.copytree(Path(published["share"]), share)
    from pole_desktop.safety.opening import open_database

    db = open_database(data)
    try:
        transport = folder.FolderTransport(share)
        sent: list[int] = []
        new_bytes: list[int] = []
        for i in range(c.runs + 1):  # the first one warms caches, not counted
            make_changes(db, i)
            before = _share_size(share)
            t0 = time.perf_counter()
            receipt = engine.sync(db, transport)
            elapsed = time.perf_counter() - t0
            if not receipt.ok:
                raise RuntimeError(f"sync failed: {receipt.error}")
            if i:
                sync_200.runs.append(elapsed)
                sent.append(receipt.sent)
                new_bytes.append(_share_size(share) - before)
        sync_200.details = {"sent_per_run": sent, "share_bytes_per_run": new_bytes,
                            "bytes_per_field_change_200": round(sum(new_bytes) / max(1, sum(sent)), 1)}
    finally:
        db.close()
    per_field.details["bytes_per_field_change_in_a_200_change_sync"] = sync_200.details.get(
        "bytes_per_field_change_200")
    shutil.rmtree(data, ignore_errors=True)

    # Bootstrap a new laptop from the published share (runs: 1 on the large dataset, it is long).
    if c.skip_bootstrap:
        shutil.rmtree(work, ignore_errors=True)
        boot.absent("skipped (--no-bootstrap)")
        return [sync_200.finish(), boot, per_field.finish()]
    boot_runs = 1 if c.ds.scale == "large" else c.runs
    for i in range(boot_runs):
        dest = work / f"new-{i}"
        t0 = time.perf_counter()
        deadline = t0 + BOOTSTRAP_TIMEOUT_S
        db2 = open_database(dest)
        fn = getattr(engine, "bootstrap", engine.sync)
        try:
            try:
                receipt = fn(db2, folder.FolderTransport(share), cancel=lambda d=deadline: time.perf_counter() > d)
            except TypeError:
                receipt = fn(db2, folder.FolderTransport(share))
        finally:
            db2.close()
        boot.runs.append(time.perf_counter() - t0)
        received = receipt.received
        if not receipt.ok and time.perf_counter() > deadline:
            boot.details["stopped"] = f"stopped after {BOOTSTRAP_TIMEOUT_S} s (median is a lower bound)"
        elif not receipt.ok:
            raise RuntimeError(f"bootstrap failed: {receipt.error}")
        shutil.rmtree(dest, ignore_errors=True)
        boot.floor_runs.append(bootstrap_floor(c, share, work / f"floor-{i}"))
    boot.details.update({"received": received, "runs": boot_runs,
                    "floor": "copy of the share's bytes + executemany of every synced row and journal entry "
                             "(streamed from the source database) into an empty database of the same schema"})
    shutil.rmtree(work, ignore_errors=True)
    return [sync_200.finish(), boot.finish(), per_field.finish()]


def code_hash() -> str:
    h = hashlib.sha256()
    for p in sorted((ROOT / "pole_desktop" / "sync").glob("*.py")):
        h.update(p.read_bytes())
    return h.hexdigest()[:10]


def _share_size(share: Path) -> int:
    return sum(p.stat().st_size for p in share.rglob("*") if p.is_file())


def ensure_published(c: Any, engine: Any, folder: Any) -> dict[str, Any]:
    """The dataset after its first sync to an empty folder share (cached)."""
    import json

    root = c.ds.root / f"published-{code_hash()}"
    meta_file = root / "published.json"
    if meta_file.exists():
        return json.loads(meta_file.read_text())
    for old in c.ds.root.glob("published-*"):  # made by another version of the sync code
        shutil.rmtree(old, ignore_errors=True)
    tmp = c.ds.root / f".publishing-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    c.log("  première publication du jeu sur un partage local (mise en cache) …")
    shutil.copytree(c.ds.data_dir, tmp / "data")
    (tmp / "share").mkdir()
    from pole_desktop.safety.opening import open_database

    db = open_database(tmp / "data")
    try:
        t0 = time.perf_counter()
        receipt = engine.sync(db, folder.FolderTransport(tmp / "share"))
        took = time.perf_counter() - t0
        if not receipt.ok:
            raise RuntimeError(f"first publication failed: {receipt.error}")
    finally:
        db.close()
    files = [p for p in (tmp / "share").rglob("*.chg")]
    meta = {
        "data": str(root / "data"),
        "share": str(root / "share"),
        "entries": receipt.sent,
        "files": len(files),
        "share_bytes": sum(p.stat().st_size for p in files),
        "publish_seconds": round(took, 1),
    }
    (tmp / "published.json").write_text(json.dumps(meta, indent=2))
    if meta_file.exists():
        shutil.rmtree(tmp, ignore_errors=True)
        return json.loads(meta_file.read_text())
    tmp.rename(root)
    return meta


def make_changes(db: Any, round_: int) -> None:
    """``CHANGES`` field changes as an advisor's day makes them: dossiers' synthesis and
    comptes-rendus edited through the services (journaled like any screen's write)."""
    from sqlalchemy import select

    from pole_desktop.domain import models as m
    from pole_desktop.services import dossiers

    with db.session() as s:
        ids = list(s.scalars(select(m.Dossier.id).order_by(m.Dossier.id).offset(round_ * 100).limit(100)))
        for k, did in enumerate(ids):
            dossiers.update_dossier(s, did, {
                "besoins": f"Besoins revus le soir, passage {round_}-{k} : trésorerie, gouvernance.",
                "objectifs": f"Objectifs précisés, passage {round_}-{k}.",
            })


def bootstrap_floor(c: Any, share: Path, work: Path) -> float:
    """Copy the share's bytes, then executemany the same rows into an empty database of the same
    schema in bare sqlite3 (rows streamed from the source database)."""
    from pole_desktop.domain import synced_tables
    from pole_desktop.safety.opening import open_database

    shutil.rmtree(work, ignore_errors=True)
    open_database(work / "data").close()  # the empty schema (not timed)
    from bench.cipher import connect

    src = connect(c.ds.db_path, read_only=True)
    dst = connect(work / "data" / "pole.db", isolation_level=None)
    dst.execute("PRAGMA cache_size = -16384")  # the app's page cache (storage/engine.py), not sqlite3's 2 MB
    t0 = time.perf_counter()
    shutil.copytree(share, work / "copy")
    dst.execute("BEGIN")
    for name in [*synced_tables(), "change_log"]:
        cols = [r[1] for r in src.execute(f"PRAGMA table_info({name})")]
        sql = f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        cur = src.execute(f"SELECT {', '.join(cols)} FROM {name}")
        while rows := cur.fetchmany(50_000):
            dst.executemany(sql, rows)
    dst.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    src.close()
    dst.close()
    shutil.rmtree(work, ignore_errors=True)
    return elapsed
