#!/usr/bin/env python3
"""Compile ui/*.ui (Qt Designer) into pole_desktop/gui/forms/ui_*.py.

    python scripts/compile_forms.py          # (re)generate
    python scripts/compile_forms.py --check  # exit 1 if a committed form differs from its .ui

Each generated file starts with a "generated — do not edit" header naming its source.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
OUT_DIR = ROOT / "pole_desktop" / "gui" / "forms"
HEADER = "# Generated from ui/{name} by pyside6-uic — do not edit; run scripts/compile_forms.py.\n"


def uic() -> list[str]:
    exe = Path(sys.executable).with_name("pyside6-uic")
    return [str(exe)] if exe.exists() else ["pyside6-uic"]


def compile_one(ui: Path) -> str:
    out = subprocess.run([*uic(), "--no-autoconnection", str(ui)], check=True, capture_output=True, text=True).stdout
    # Drop uic's own banner (it names the Qt version, which would make the check brittle).
    lines = [ln for ln in out.splitlines() if not ln.startswith("##")]
    while lines and not lines[0].strip():
        lines.pop(0)
    return HEADER.format(name=ui.name) + "\n".join(lines).rstrip() + "\n"


def target(ui: Path) -> Path:
    return OUT_DIR / f"ui_{ui.stem}.py"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for ui in sorted(UI_DIR.glob("*.ui")):
        code = compile_one(ui)
        dest = target(ui)
        if check:
            if not dest.exists() or dest.read_text(encoding="utf-8") != code:
                stale.append(dest.relative_to(ROOT))
        else:
            dest.write_text(code, encoding="utf-8")
    if stale:
        print("Formulaires à régénérer (python scripts/compile_forms.py) :", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
