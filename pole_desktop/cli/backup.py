"""``pole-desktop-cli backup``: an encrypted, verified backup of a data directory now.

Without a keyring, the passphrase comes from ``POLE_DESKTOP_PASSPHRASE`` or a terminal prompt.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from pole_desktop.cli import add_data_dir

    p = sub.add_parser("backup", help="sauvegarder maintenant (copie chiffrée et vérifiée)")
    add_data_dir(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pole_desktop.safety import backups
    from pole_desktop.safety.opening import open_database

    db = open_database(args.data_dir, daily_backup=False)
    try:
        path = backups.backup_now(db, "manuelle")
    finally:
        db.close()
    print(f"Sauvegarde vérifiée : {path} ({backups.format_size(path.stat().st_size)})")
    return 0
