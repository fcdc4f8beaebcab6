"""Smoke run of the benchmark (scripts/bench.py --quick): every figure is measured or says why not.

No timing is asserted here — CI machines are noisy; the numbers are for `scripts/bench.py` runs
compared between commits. The small dataset is cached in .bench-cache/ like the large one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = {
    "cold_start", "list_filter", "open_dossier", "open_dossier_all", "compte_rendu_pdf", "bilan_pdf", "sync_200",
    "bootstrap",
    "share_bytes_per_field", "memory_rss", "demo_build", "journal_bytes_per_field",
    "attach_50mb", "search_everywhere", "sync_200_s3", "sync_200_webdav", "import_workbook", "idle_sync_100_peers",
}


@pytest.mark.timeout(660)  # a smoke run, not a timing: generous for a loaded machine
def test_quick_benchmark_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick", "--json", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    doc = json.loads(out.read_text())
    figures = {f["key"]: f for f in doc["figures"]}
    assert set(figures) == EXPECTED
    for key, f in figures.items():
        assert f["result"] != "error", f"{key}: {f['reason']}"
        if f["result"] == "n/a":
            assert f["reason"], f"{key}: n/a without a reason"
        else:
            assert isinstance(f["median"], int | float) and f["median"] >= 0, key
            assert f["result"] in ("pass", "fail", "info"), key
            if f["floor_runs"]:
                assert f["floor"] > 0 and f["ratio"] is not None, key
    assert doc["meta"]["quick"] is True and doc["meta"]["scale"] == "small"
    # The printed table has one line per figure.
    assert all(f["label"] in r.stdout for f in figures.values())
