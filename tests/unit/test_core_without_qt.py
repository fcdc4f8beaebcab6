"""Every module outside pole_desktop/gui imports with PySide6 blocked."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import importlib, pkgutil, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name == "shiboken6":
            raise ImportError("PySide6 est interdit dans le cœur")
sys.meta_path.insert(0, Block())
import pole_desktop
names = [m.name for m in pkgutil.walk_packages(pole_desktop.__path__, "pole_desktop.")
         if not m.name.startswith("pole_desktop.gui") and ".migrations" not in m.name
         and not m.name.endswith("__main__")]
for n in names:
    importlib.import_module(n)
print(len(names))
"""


def test_core_imports_without_pyside6() -> None:
    r = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert int(r.stdout.strip()) > 20
