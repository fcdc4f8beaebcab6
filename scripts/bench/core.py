"""Results, timing helpers, the table and the JSON file."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

PASS, FAIL, INFO, NA, ERROR = "pass", "fail", "info", "n/a", "error"


@dataclass
class Figure:
    """One line of the table. Times are in the figure's ``unit``."""

    key: str
    label: str
    unit: str  # "s", "ms", "MB", "B"
    target: str  # as printed, e.g. "≤ 30 ms", "≤ 3 × floor", "report"
    target_value: float | None = None
    target_kind: str = "abs"  # abs: median ≤ value; ratio: ratio ≤ value; report: no target
    median: float | None = None
    floor: float | None = None
    ratio: float | None = None
    result: str = NA
    reason: str | None = None  # why n/a or error
    runs: list[float] = field(default_factory=list)
    floor_runs: list[float] = field(default_factory=list)
    floor_label: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def finish(self) -> Figure:
        if self.runs:
            self.median = statistics.median(self.runs)
        if self.floor_runs:
            self.floor = statistics.median(self.floor_runs)
        if self.median is not None and self.floor:
            self.ratio = self.median / self.floor
        if self.median is None:
            self.result = self.result if self.result in (NA, ERROR) else NA
        elif self.target_kind == "report" or self.target_value is None:
            self.result = INFO
        elif self.target_kind == "ratio":
            self.result = NA if self.ratio is None else (PASS if self.ratio <= self.target_value else FAIL)
        else:
            self.result = PASS if self.median <= self.target_value else FAIL
        return self

    def absent(self, reason: str) -> Figure:
        self.result, self.reason = NA, reason
        return self


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def repeat(fn: Callable[[], Any], n: int, scale: float = 1.0, warmup: int = 1) -> list[float]:
    """``n`` timings of ``fn`` (after ``warmup`` untimed calls), multiplied by ``scale``."""
    for _ in range(warmup):
        fn()
    return [timed(fn) * scale for _ in range(n)]


def module_present(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(extra)
    return env


def run_probe(args: list[str], timeout: float = 600) -> dict[str, Any]:
    """Run ``python scripts/bench/probes/<args>`` and return the JSON it prints on its last line."""
    script = ROOT / "scripts" / "bench" / "probes" / args[0]
    r = subprocess.run(
        [sys.executable, str(script), *args[1:]], env=child_env(), capture_output=True, text=True, timeout=timeout
    )
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("{")]
    if r.returncode != 0 or not lines:
        tail = (r.stderr or r.stdout).strip().splitlines()[-8:]
        raise RuntimeError(f"probe {args[0]} {args[1]} failed ({r.returncode}): " + " | ".join(tail))
    return json.loads(lines[-1])


def spawn_until_ready(args: list[str], timeout: float = 120) -> float:
    """Wall time from spawning a probe to its "READY" line (interpreter start included)."""
    script = ROOT / "scripts" / "bench" / "probes" / args[0]
    t0 = time.perf_counter()
    p = subprocess.Popen(
        [sys.executable, str(script), *args[1:]], env=child_env(), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )
    watchdog = threading.Timer(timeout, p.kill)  # a probe stuck before READY must not hang the run
    watchdog.start()
    try:
        assert p.stdout is not None
        for line in p.stdout:
            if line.startswith("READY"):
                elapsed = time.perf_counter() - t0
                break
        else:
            err = p.stderr.read() if p.stderr else ""
            raise RuntimeError(f"{args[0]} {args[1]} exited before READY (or not ready within {timeout:.0f} s): "
                               f"{err.strip()[-600:]}")
    finally:
        watchdog.cancel()
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    return elapsed


# --------------------------------------------------------------------------- output


def _num(v: float | None, unit: str) -> str:
    if v is None:
        return "—"
    if unit == "s" and v < 1:
        return f"{v:.2f} s"
    if unit in ("ms", "s"):
        return f"{v:.1f} {unit}" if v < 100 else f"{v:.0f} {unit}"
    if unit == "MB":
        return f"{v:.0f} MB"
    if unit == "B":
        return f"{v:.0f} B"
    return f"{v:.3g} {unit}"


def table(figures: list[Figure]) -> str:
    head = ["figure", "median", "floor", "ratio", "target", "result"]
    rows = []
    for f in figures:
        result = f.result if f.result not in (NA, ERROR) or not f.reason else f"{f.result} ({f.reason})"
        rows.append([
            f.label,
            _num(f.median, f.unit),
            _num(f.floor, f.unit),
            "—" if f.ratio is None else f"{f.ratio:.1f}×",
            f.target,
            result,
        ])
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(head)]
    widths[-1] = len(head[-1])
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(head), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    return "\n".join(out)


def to_json(figures: list[Figure], meta: dict[str, Any]) -> dict[str, Any]:
    return {"meta": meta, "figures": [asdict(f) for f in figures]}


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def rss_mb() -> float:
    """Current resident set size of this process, in MB (Linux /proc; 0 elsewhere)."""
    try:
        for ln in Path("/proc/self/status").read_text().splitlines():
            if ln.startswith("VmRSS:"):
                return int(ln.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
