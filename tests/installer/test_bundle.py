"""The one-folder bundle built by build_installer.spec works without Python (slow group).

Built once per session (see conftest.py): the self-test passes with no Python on PATH and no
PYTHON* variables, the failure path reports in French, the CLI prints the version from the single
version source, the data is there, unused Qt parts are not, and the size stays under the budget.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.installer.conftest import SIZE_BUDGET_MB, Bundle
from tests.installer.test_selftest import SUCCESS

pytestmark = [pytest.mark.installer, pytest.mark.slow, pytest.mark.timeout(1200)]


def bare_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """No Python anywhere: PATH is an empty folder, no PYTHONHOME/PYTHONPATH/VIRTUAL_ENV, no D-Bus."""
    empty = tmp_path / "empty-path"
    empty.mkdir(exist_ok=True)
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {"PATH": str(empty), "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
            "TMPDIR": str(tmp_path), **extra}


def run(exe: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, timeout=180)


def source_version(bundle: Bundle) -> str:
    ns: dict[str, str] = {}
    exec((bundle.source / "pole_desktop" / "_version.py").read_text(encoding="utf-8"), ns)
    return ns["__version__"]


def has_module(bundle: Bundle, dotted: str) -> bool:
    base = bundle.source.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def test_self_test_passes_without_python(bundle: Bundle, tmp_path: Path) -> None:
    shot = tmp_path / "fenetre.png"
    r = run(bundle.app, "--self-test", env=bare_env(tmp_path, POLE_SELFTEST_SCREENSHOT=str(shot)))
    assert r.returncode == 0, f"{r.stdout}\n{r.stderr}"
    line = r.stdout.strip().splitlines()[-1]
    assert SUCCESS.match(line), line
    # The bundle's own executable ran, not a Python interpreter.
    assert f"Exécutable : {bundle.app} (application empaquetée" in r.stderr
    # Everything the tree holds was exercised.
    if has_module(bundle, "pole_desktop.documents"):
        assert "PDF généré (" in line
    if has_module(bundle, "pole_desktop.sync.engine"):
        assert "synchronisation non testée" not in line
    assert shot.stat().st_size > 2000
    assert list(tmp_path.glob("pole-desktop-autotest-*")) == []  # the temporary data is gone


def test_self_test_failure_exits_non_zero_in_french(bundle: Bundle, tmp_path: Path) -> None:
    r = run(bundle.app, "--self-test", env=bare_env(tmp_path, POLE_SELFTEST_FAIL="sync"))
    assert r.returncode == 1
    assert r.stdout.strip() == (
        "Auto-test échoué à l'étape « synchronisation vers un partage temporaire » : "
        "échec provoqué par POLE_SELFTEST_FAIL=sync"
    )


def test_cli_version_comes_from_the_single_source(bundle: Bundle, tmp_path: Path) -> None:
    r = run(bundle.cli, "--version", env=bare_env(tmp_path))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"Pôle Desktop {source_version(bundle)}"


def test_cli_works_on_a_data_directory(bundle: Bundle, tmp_path: Path) -> None:
    """The console program opens (creates, migrates) a database on its own: info on a new folder.

    No keyring here (no D-Bus session): with encryption at rest the key comes from the passphrase
    variable, as on a server without a keyring; the user's keyring is never touched.
    """
    data = tmp_path / "donnees"
    env = bare_env(tmp_path, POLE_DESKTOP_PASSPHRASE="phrase de passe du test du paquet")
    r = run(bundle.cli, "info", "--data-dir", str(data), env=env)
    assert r.returncode == 0, f"{r.stdout}\n{r.stderr}"
    assert "Version du schéma" in r.stdout
    assert (data / "pole.db").is_file()


def test_bundle_holds_its_data_and_not_unused_qt(bundle: Bundle) -> None:
    internal = bundle.folder / "_internal"
    src = bundle.source
    # Every shipped resource and migration script, as files.
    for path in sorted((src / "resources").rglob("*")):
        if path.is_file():
            assert (internal / path.relative_to(src)).is_file(), path
    migrations = src / "pole_desktop" / "storage" / "migrations"
    for path in [migrations / "env.py", migrations / "script.py.mako", *migrations.glob("versions/*.py")]:
        assert (internal / path.relative_to(src)).is_file(), path
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    # Qt translations: French only.
    translations = {n.rsplit("/", 1)[-1] for n in names if "/translations/" in n and n.endswith(".qm")}
    assert "qtbase_fr.qm" in translations
    assert all(t.endswith("_fr.qm") for t in translations), sorted(translations)
    # The preview needs QtPdf; unused Qt modules and the GTK stack stay out.
    assert any("libQt6Pdf" in n for n in names)
    unwanted = re.compile(
        r"(Qt6(WebEngine|Quick|Qml|Multimedia|3D|Charts|Sql|Test|Designer)|libgtk-3|libgdk-3)"
    )
    assert not [n for n in names if unwanted.search(n)]


def test_bundle_built_from_the_clean_copy(bundle: Bundle) -> None:
    """The application's modules come from the clean copy, not from a checkout or an installed package."""
    _archive, entries = ast.literal_eval(
        (bundle.workpath / "build_installer" / "PYZ-00.toc").read_text(encoding="utf-8")
    )
    ours = {name: Path(path) for name, path, _kind in entries if name.startswith("pole_desktop")}
    assert "pole_desktop.app" in ours and "pole_desktop.selftest" in ours
    outside = [str(p) for p in ours.values() if not p.resolve().is_relative_to(bundle.source.resolve())]
    assert not outside, outside


def test_bundle_size_within_budget(bundle: Bundle) -> None:
    size = bundle.size_mb()
    assert size < SIZE_BUDGET_MB, f"bundle is {size:.0f} MB, budget {SIZE_BUDGET_MB} MB"
    assert size > 100  # sanity: Qt and Python are really in there


def test_executables_are_not_python_scripts(bundle: Bundle) -> None:
    for exe in (bundle.app, bundle.cli):
        assert os.access(exe, os.X_OK)
        assert exe.read_bytes()[:4] == b"\x7fELF"
