"""``pole-desktop``: start the desktop application.

Arguments are parsed before Qt is imported so that ``--help`` and errors stay fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pole_desktop import __version__


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pole-desktop", description="Pôle Desktop")
    p.add_argument("--data-dir", metavar="DOSSIER", default=None, help="dossier des données")
    p.add_argument("--version", action="version", version=f"Pôle Desktop {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args, qt_args = build_parser().parse_known_args(argv)
    from pole_desktop.gui.application import run

    return run(args, [sys.argv[0], *qt_args])


if __name__ == "__main__":
    sys.exit(main())
