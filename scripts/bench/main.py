"""``scripts/bench.py``: build or reuse the dataset, measure every figure, print the table."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import dataset, figures, idlesync, importbench, netsync, syncbench
from bench.core import ERROR, ROOT, Figure, load_average, table, to_json

# (key, label, function) in the order of the table. A function returns one Figure or a list.
FIGURES: list[tuple[str, str, Callable[[figures.Ctx], Any]]] = [
    ("cold_start", "cold start to an interactive main window", figures.cold_start),
    ("list_filter", "filter the dossiers list, per keystroke", figures.list_filter),
    ("open_dossier", "open a dossier with 100 rendez-vous", figures.open_dossier),
    ("search_everywhere", "search everywhere (Ctrl+K), per query", figures.search_everywhere),
    ("compte_rendu_pdf", "compte-rendu PDF", figures.compte_rendu_pdf),
    ("bilan_pdf", "bilan d'activité for a year, PDF", figures.bilan_pdf),
    ("attach_50mb", "attach a 50 MB file (sealed, streamed)", figures.attach_sealed),
    ("sync", "sync figures", figures.sync_figures),
    ("sync_network", "sync of 200 changes over S3 and WebDAV on loopback", netsync.run),
    ("idle_sync_100_peers", "idle sync with 100 peer laptops, 30 ms per call", idlesync.run),
    ("memory_rss", "memory (RSS), dataset open, list scrolled end to end", figures.memory),
    ("demo_build", "demo dataset build", figures.demo_build),
    ("journal_bytes_per_field", "local journal bytes per field change", figures.storage_bytes),
    ("import_workbook", "import a 50,000-row workbook", importbench.import_workbook),
]


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="scripts/bench.py", description="Pôle Desktop — mesures de performance")
    p.add_argument("--quick", action="store_true", help="small dataset, 3 runs: a smoke run (CI)")
    p.add_argument("--json", metavar="FICHIER", help="write the table as JSON too")
    p.add_argument("--runs", type=int, default=None, help="runs per figure (default 5, 3 with --quick)")
    p.add_argument("--only", default=None, help="comma-separated figure keys (default: all)")
    p.add_argument("--scale", default=None, help="dataset scale (default large, small with --quick)")
    p.add_argument("--no-bootstrap", action="store_true",
                   help="skip the bootstrap figure (minutes on the large dataset)")
    return p.parse_args(argv)


def git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return out.stdout.strip() + ("+dirty" if dirty else "") if out.returncode == 0 else None
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scale = args.scale or ("small" if args.quick else "large")
    runs = args.runs or (3 if args.quick else 5)
    only = set(args.only.split(",")) if args.only else None
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731

    load_before = load_average()
    ds = dataset.ensure(scale, log)
    scratch = Path(tempfile.mkdtemp(prefix="pole-bench-"))
    ctx = figures.Ctx(ds, runs, args.quick, scratch, log)
    ctx.skip_bootstrap = args.no_bootstrap
    results: list[Figure] = []
    try:
        for key, label, fn in FIGURES:
            if only and key not in only and not (key == "sync" and only & set(syncbench.SYNC_KEYS)) and not (
                key == "sync_network" and only & set(netsync.KEYS)
            ):
                continue
            log(f"… {label}")
            try:
                out = fn(ctx)
                results += out if isinstance(out, list) else [out]
            except Exception as e:  # noqa: BLE001 - a broken figure is reported, never fatal
                traceback.print_exc()
                f = Figure(key, label, "", "—")
                f.result, f.reason = ERROR, f"{type(e).__name__}: {e}"[:300]
                results.append(f)
    finally:
        ctx.close()
        shutil.rmtree(scratch, ignore_errors=True)

    from pole_desktop import clock

    meta: dict[str, Any] = {
        "date": clock.utc_now().isoformat(),
        "commit": git_commit(),
        "quick": args.quick,
        "scale": scale,
        "runs": runs,
        "dataset": {k: ds.meta.get(k) for k in ("scale", "seed", "today", "schema", "counts", "big_dossier")},
        "cpu_count": os.cpu_count(),
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    print(f"\nPôle Desktop benchmark — {meta['date']} — commit {meta['commit']} — {scale} dataset, "
          f"{runs} runs, {meta['cpu_count']} CPUs, load {load_before} → {meta['load_average_after']}")
    print(table(results))
    if args.json:
        Path(args.json).write_text(json.dumps(to_json(results, meta), indent=2, ensure_ascii=False) + "\n")
        print(f"\nJSON : {args.json}")
    return 0
