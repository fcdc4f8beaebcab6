"""``pole-desktop-cli restore``: put a backup back in place (the current state is saved first).

    pole-desktop-cli restore --data-dir DOSSIER SAUVEGARDE
    pole-desktop-cli restore --data-dir DOSSIER --liste

The live database is not opened (it may be the damaged thing): the key comes from the keyring,
or from ``POLE_DESKTOP_PASSPHRASE`` / a terminal prompt.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from pole_desktop.cli import add_data_dir

    p = sub.add_parser("restore", help="restaurer une sauvegarde (l'état actuel est sauvegardé d'abord)")
    add_data_dir(p)
    p.add_argument("backup", nargs="?", metavar="SAUVEGARDE", help="fichier de sauvegarde (.db) à restaurer")
    p.add_argument("--liste", action="store_true", help="lister les sauvegardes disponibles")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pole_desktop.logs import setup_logging
    from pole_desktop.paths import DataDir
    from pole_desktop.safety import backups, keys

    dd = DataDir.at(args.data_dir)
    if args.liste or not args.backup:
        items = backups.list_backups(dd)
        if not items:
            print("Aucune sauvegarde.")
        for b in items:
            print(f"{b.created:%d/%m/%Y %H:%M}  {b.label:<24} {backups.format_size(b.size):>10}  {b.path}")
        return 0 if args.liste else 2
    dd.ensure()
    setup_logging(dd.logs)
    backup = Path(args.backup)
    if not backup.is_absolute() and not backup.exists():
        backup = dd.backups / backup
    key, info = keys.key_for_backup(dd, backup, passphrase_provider=keys.env_or_tty_passphrase)
    # A backup may predate an erasure recorded since: every recorded erasure is applied again.
    safety = backups.restore_data_dir(dd, backup, key=key, key_info=info)
    print(f"Sauvegarde restaurée : {backup.name}")
    if safety is not None:
        print(f"L'état précédent a été sauvegardé : {safety}")
    return 0
