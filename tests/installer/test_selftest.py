"""The self-test (``pole-desktop --self-test``) run in-process and from the source tree: fast.

The same checks against the PyInstaller bundle are in test_bundle.py (slow group).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import keyring.core
import pytest

from pole_desktop import selftest

ROOT = Path(__file__).resolve().parents[2]
SUCCESS = re.compile(
    r"^Auto-test réussi : base créée et migrée, dossier et rendez-vous enregistrés, "
    r"(PDF généré \(\d+ pages?\)|PDF non testé \(.+\)), "
    r"(synchronisation vers un partage temporaire|synchronisation non testée \(.+\)), "
    r"fenêtre ouverte et fermée — \d+,\d s\.$"
)


def _has(module: str) -> bool:
    return selftest._has_module(module)


def test_self_test_passes_in_process(capsys: pytest.CaptureFixture[str], monkeypatch, tmp_path, qapp) -> None:
    shot = tmp_path / "fenetre.png"
    monkeypatch.setenv(selftest.SCREENSHOT_VARIABLE, str(shot))
    monkeypatch.delenv(selftest.FAIL_VARIABLE, raising=False)
    from PySide6.QtWidgets import QMainWindow

    def main_windows() -> set[int]:
        return {id(w) for w in qapp.topLevelWidgets() if isinstance(w, QMainWindow)}

    windows_before = main_windows()  # earlier tests of the session may have left theirs
    before = keyring.core._keyring_backend
    assert selftest.run() == 0
    out, err = capsys.readouterr()
    line = out.strip()
    assert SUCCESS.match(line), line
    # Every step of a complete application really ran (not skipped) once its module is there.
    if _has("pole_desktop.documents"):
        assert "PDF généré (" in line
    if _has("pole_desktop.sync.engine"):
        assert "synchronisation non testée" not in line
    assert "Exécutable :" in err
    assert shot.stat().st_size > 2000  # a real PNG of the window, not an empty file
    assert keyring.core._keyring_backend is before  # the throwaway keyring is gone
    # The window is destroyed, not just hidden: its timers must not fire later in this process.
    assert main_windows() <= windows_before


@pytest.mark.parametrize("step", [s.key for s in selftest.STEPS])
def test_each_step_failure_is_reported_in_french(step: str, capsys, monkeypatch, qapp) -> None:
    monkeypatch.setenv(selftest.FAIL_VARIABLE, step)
    assert selftest.run() == 1
    label = next(s.label for s in selftest.STEPS if s.key == step)
    out = capsys.readouterr().out.strip()
    reason = f"échec provoqué par {selftest.FAIL_VARIABLE}={step}"
    assert out == f"Auto-test échoué à l'étape « {label} » : {reason}"


def test_a_real_error_names_the_step_and_the_reason(capsys, monkeypatch) -> None:
    import pole_desktop.safety.opening as opening

    def broken(_path):
        raise OSError("disque plein")

    monkeypatch.setattr(opening, "open_database", broken)
    monkeypatch.delenv(selftest.FAIL_VARIABLE, raising=False)
    assert selftest.run() == 1
    out = capsys.readouterr().out.strip()
    assert out == "Auto-test échoué à l'étape « création et migration de la base » : OSError : disque plein"


def test_unknown_step_in_fail_variable(capsys, monkeypatch) -> None:
    monkeypatch.setenv(selftest.FAIL_VARIABLE, "imprimante")
    assert selftest.run() == 2
    assert "étape inconnue" in capsys.readouterr().out


def test_temporary_folder_is_removed(monkeypatch, tmp_path, capsys, qapp) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    monkeypatch.setenv(selftest.FAIL_VARIABLE, "fenetre")
    assert selftest.run() == 1
    assert list(tmp_path.iterdir()) == []


def _run_app(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("POLE_SELFTEST_")}
    full_env.update({"QT_QPA_PLATFORM": "offscreen", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "pole_desktop.app", *args],
        cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120,
    )


def test_command_line_flag_failure_path() -> None:
    """``pole-desktop --self-test`` from the source tree: the failure exit code and French reason."""
    r = _run_app("--self-test", env={selftest.FAIL_VARIABLE: "pdf"})
    assert r.returncode == 1, r.stderr
    assert r.stdout.strip() == (
        "Auto-test échoué à l'étape « génération du PDF » : échec provoqué par POLE_SELFTEST_FAIL=pdf"
    )


def test_command_line_flag_success() -> None:
    r = _run_app("--self-test")
    assert r.returncode == 0, r.stdout + r.stderr
    assert SUCCESS.match(r.stdout.strip()), r.stdout
