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
    p.add_argument(
        "--self-test",
        action="store_true",
        help="vérifier l'installation sur des données temporaires (sans fenêtre visible) et quitter",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args, qt_args = build_parser().parse_known_args(argv)
    if args.self_test:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from pole_desktop import selftest

        return selftest.run()
    from pole_desktop.gui.application import run

    return run(args, [sys.argv[0], *qt_args])


if __name__ == "__main__":
    sys.exit(main())
