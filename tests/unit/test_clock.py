"""One clock for the core (pole_desktop/clock.py): nothing else reads the wall clock for a
business date, the suite runs on a fixed day, and the demo data depend on ``--today`` only."""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pole_desktop import clock
from tests.infra import require

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "pole_desktop"

# (module, dotted call) pairs that may read the system clock: the HLC orders events, and file ages are
# measured against the file system's own clock (st_mtime); neither is a business date.
ALLOWED = {("pole_desktop/storage/hlc.py", "time.time"), ("pole_desktop/safety/opening.py", "time.time"),
           ("pole_desktop/storage/blobs.py", "time.time")}
WALL_CLOCK_CALLS = {
    "date.today", "datetime.today", "datetime.now", "datetime.utcnow", "datetime.date.today",
    "datetime.datetime.now", "datetime.datetime.today", "datetime.datetime.utcnow", "dt.date.today",
    "dt.datetime.now", "dt.datetime.today", "dt.datetime.utcnow", "time.time", "time.localtime",
    "time.gmtime", "time.ctime", "time.strftime", "QDate.currentDate", "QDateTime.currentDateTime",
    "QTime.currentTime", "QDateTime.currentSecsSinceEpoch", "QDateTime.currentMSecsSinceEpoch",
}


def _dotted(node: ast.expr) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def wall_clock_reads(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            if name in WALL_CLOCK_CALLS:
                found.append((node.lineno, name))
            # fromtimestamp without a time zone uses the laptop's zone, not Dijon's
            if name and name.endswith("fromtimestamp") and len(node.args) < 2 and not node.keywords:
                found.append((node.lineno, name))
    return found


def test_the_scan_finds_what_it_looks_for() -> None:
    sample = (
        "import datetime as dt, time\n"
        "a = dt.date.today()\nb = dt.datetime.now(dt.UTC)\nc = time.time()\n"
        "d = dt.datetime.fromtimestamp(0)\ne = QDate.currentDate()\nf = dt.date(2026, 1, 1)\n"
    )
    assert [n for _, n in wall_clock_reads(sample)] == [
        "dt.date.today", "dt.datetime.now", "time.time", "dt.datetime.fromtimestamp", "QDate.currentDate",
    ]


def test_no_module_outside_the_clock_reads_the_wall_clock() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "pole_desktop/clock.py" or "/gui/forms/" in rel:
            continue
        for line, name in wall_clock_reads(path.read_text(encoding="utf-8")):
            if (rel, name) not in ALLOWED:
                offenders.append(f"{rel}:{line} {name}()")
    assert offenders == [], "read the time through pole_desktop.clock:\n" + "\n".join(offenders)


def test_the_suite_runs_on_its_fixed_day() -> None:
    from tests.conftest import _SUITE_CLOCK

    start, _anchor = _SUITE_CLOCK
    assert clock.fixed_start() == start
    assert clock.today() == start.date()
    assert abs((clock.now() - start).total_seconds()) < 3 * 3600  # it runs on, from there


def test_a_test_can_ask_for_another_instant(clock_at) -> None:  # noqa: ANN001 - fixture
    clock_at("2028-02-29")
    assert clock.today() == dt.date(2028, 2, 29)
    assert clock.local_now().replace(second=0) == dt.datetime(2028, 2, 29, 10, 0)
    assert clock.now().utcoffset() == dt.timedelta(hours=1)


def test_subprocesses_read_the_same_clock(clock_at) -> None:  # noqa: ANN001 - fixture
    clock_at("2027-12-31T23:00")
    code = "from pole_desktop import clock; print(clock.now().isoformat())"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    child = dt.datetime.fromisoformat(out.stdout.strip())
    assert abs((child - clock.now()).total_seconds()) < 30
    assert child.date() == dt.date(2027, 12, 31)


def test_the_fixed_clock_runs_on_through_the_night_the_clocks_change() -> None:
    start = dt.datetime(2027, 3, 28, 1, 59, 30, tzinfo=clock.PARIS)
    try:
        clock.set_fixed(start, real_epoch=time.time() - 60)  # as if fixed a minute ago
        now = clock.now()
        assert now.utcoffset() == dt.timedelta(hours=2)  # summer time
        assert clock.local_now().replace(second=0) == dt.datetime(2027, 3, 28, 3, 0)
    finally:
        clock.set_fixed(None)
    assert clock.fixed_start() is None and abs(clock.now().timestamp() - time.time()) < 5


def test_dijon_time_whatever_the_laptop_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    code = "from pole_desktop import clock; print(clock.local_now().isoformat(), clock.from_epoch_ms(0).isoformat())"
    env = {**os.environ, "TZ": "America/New_York", clock.ENV_VAR: "2026-07-14T12:00+02:00@" + f"{time.time():.6f}"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env, check=True)
    local, epoch0 = out.stdout.split()
    assert local.startswith("2026-07-14T12:0")
    assert epoch0 == "1970-01-01T01:00:00"  # midnight UTC is 1 a.m. in Paris that winter


def test_a_bad_clock_variable_is_a_french_error() -> None:
    env = {**os.environ, clock.ENV_VAR: "demain"}
    r = subprocess.run([sys.executable, "-c", "import pole_desktop.clock"], cwd=ROOT, capture_output=True,
                       text=True, env=env)
    assert r.returncode != 0 and "date invalide" in r.stderr


# --------------------------------------------------------------------------- demo on a chosen day
def _cli(*args: str, env: dict[str, str], prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*prefix, sys.executable, "-m", "pole_desktop.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240)


def _demo_digest(data: Path, env: dict[str, str], prefix: tuple[str, ...] = ()) -> str:
    made = _cli("demo", "--data-dir", str(data), "--scale", "small", "--seed", "1", "--today", "2026-11-26",
                env=env, prefix=prefix)
    assert made.returncode == 0, made.stderr
    info = _cli("info", "--data-dir", str(data), "--json", env=env, prefix=prefix)
    assert info.returncode == 0, info.stderr
    return json.loads(info.stdout)["digest"]


def test_same_seed_and_day_give_the_same_data_on_any_day(tmp_path: Path) -> None:
    env = {**os.environ, "POLE_DESKTOP_PASSPHRASE": "phrase de passe des tests"}
    digests = set()
    for n, instant in enumerate(["2026-12-04T01:00", "2028-02-29T23:59", "2027-03-28T02:30"]):
        env[clock.ENV_VAR] = instant  # the machine's "now" moves; --today does not
        digests.add(_demo_digest(tmp_path / f"d{n}", env))
    assert len(digests) == 1


def test_same_digest_under_faketime(tmp_path: Path) -> None:
    """The outside check: the real wall clock of the whole process moved by libfaketime."""
    faketime = shutil.which("faketime")
    if faketime is None:
        require("faketime (Debian package faketime)", "the faketime command is not installed")
    env = {k: v for k, v in os.environ.items() if k != clock.ENV_VAR}
    env["POLE_DESKTOP_PASSPHRASE"] = "phrase de passe des tests"
    a = _demo_digest(tmp_path / "a", env, prefix=(faketime, "-f", "@2028-02-29 23:30:00"))
    b = _demo_digest(tmp_path / "b", env, prefix=(faketime, "-f", "@2031-01-01 00:00:10"))
    assert a == b == _demo_digest(tmp_path / "c", {**env, clock.ENV_VAR: "2026-11-26"})


def test_demo_refuses_a_bad_day_in_french(tmp_path: Path) -> None:
    r = _cli("demo", "--data-dir", str(tmp_path / "x"), "--today", "2026-02-30", env=dict(os.environ))
    assert r.returncode != 0 and "date invalide" in r.stderr and "Traceback" not in r.stderr
