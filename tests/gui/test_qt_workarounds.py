"""The None-refcount guard keeps the process alive through many void Qt calls."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})


def test_many_void_calls_survive_with_the_guard():
    result = _run("""
        from PySide6.QtWidgets import QApplication, QTableWidgetItem
        app = QApplication([])
        from pole_desktop.gui.qt_workarounds import protect_none_refcount
        protect_none_refcount()
        item = QTableWidgetItem("x")
        for _ in range(50_000):
            item.setToolTip("a")
        print("vivant")
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "vivant"


def test_guard_is_installed_once():
    from pole_desktop.gui.qt_workarounds import none_leak_per_call, protect_none_refcount

    protect_none_refcount()
    before = sys.getrefcount(None)
    protect_none_refcount()  # already protected, or not needed: never bumped twice
    assert none_leak_per_call() < 0.5 or sys.getrefcount(None) > 1 << 39
    assert sys.getrefcount(None) - before < 1 << 39
