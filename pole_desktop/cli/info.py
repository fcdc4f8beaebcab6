"""``pole-desktop-cli info``: schema version, device id, counts, pending changes, content digest."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    from pole_desktop.cli import add_data_dir

    p = sub.add_parser("info", help="résumé d'un dossier de données")
    add_data_dir(p)
    p.add_argument("--json", action="store_true", help="sortie JSON (un objet)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pole_desktop.safety.opening import open_database
    from pole_desktop.services.info import info

    db = open_database(args.data_dir)
    try:
        data = info(db)
    finally:
        db.close()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, sort_keys=True))
        return 0
    print(f"Version du schéma : {data['schema_version']}")
    print(f"Identifiant du poste : {data['device_id']}")
    for k, n in data["counts"].items():
        print(f"  {k.replace('_', '-')} : {n}")
    print(f"Modifications à envoyer : {data['pending_changes']}")
    print(f"Empreinte des données : {data['digest']}")
    return 0
