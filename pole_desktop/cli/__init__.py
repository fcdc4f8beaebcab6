"""``pole-desktop-cli``: the command-line verbs (one module per verb in this package).

Every verb accepts ``--data-dir DIR`` (default: the per-user data directory).
Errors are printed in French on stderr with a non-zero exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from pole_desktop import __version__

# Each module defines register(subparsers) and sets a `func(args) -> int` default.
VERBS = ["demo", "info", "sync", "report", "backup", "restore", "importer"]


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir", metavar="DOSSIER", default=None,
        help="dossier des données (par défaut : le dossier de données de l'utilisateur)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pole-desktop-cli", description="Pôle Desktop — outils en ligne de commande")
    parser.add_argument("--version", action="version", version=f"Pôle Desktop {__version__}")
    sub = parser.add_subparsers(dest="verb", metavar="COMMANDE")
    for verb in VERBS:
        importlib.import_module(f"pole_desktop.cli.{verb}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130
    except Exception as e:  # a French message, not a traceback, for the user
        from pole_desktop.errors import user_message
        from pole_desktop.safety.opening import DatabaseDamaged

        print(f"Erreur : {user_message(e)}", file=sys.stderr)
        if isinstance(e, DatabaseDamaged) and not e.disk_full:
            where = f" --data-dir {e.data_dir.root}" if getattr(args, "data_dir", None) else ""
            print(f"Sauvegardes disponibles : pole-desktop-cli restore{where} --liste\n"
                  f"Restaurer : pole-desktop-cli restore{where} SAUVEGARDE", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
