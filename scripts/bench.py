#!/usr/bin/env python3
"""Pôle Desktop benchmark — separate from the test suite.

    python scripts/bench.py [--quick] [--json FILE] [--only KEY,KEY] [--runs N]

Builds the large demo dataset once (cached in .bench-cache/), measures every figure of the
performance issue with a floor measured in the same run, and prints one table (and writes
it as JSON with --json, to compare commits). See README « Mesurer les performances ».
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's pole_desktop, whatever the venv holds
sys.path.insert(0, str(ROOT / "scripts"))

from bench.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
