"""``pole-desktop-cli demo``: fill a data directory with the demo dataset."""

from __future__ import annotations

import argparse
import datetime as dt
import time


def register(sub: argparse._SubParsersAction) -> None:
    from pole_desktop.cli import add_data_dir

    p = sub.add_parser("demo", help="remplir un dossier de données avec le jeu de démonstration")
    add_data_dir(p)
    p.add_argument("--scale", choices=["tiny", "small", "large"], default="small", help="taille du jeu de données")
    p.add_argument("--seed", type=int, default=1, help="graine (même graine = mêmes données)")
    p.add_argument("--today", type=_day, default=None,
                   help="date de référence AAAA-MM-JJ (par défaut : aujourd'hui) ; même graine et même date = "
                        "mêmes données, quel que soit le jour où la commande est lancée")
    p.add_argument("--force", action="store_true", help="accepter un dossier qui contient déjà des données")
    p.add_argument("--share", metavar="DOSSIER", default=None,
                   help="un dossier local qui servira de partage du siège (créé au besoin)")
    p.set_defaults(func=run)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"date invalide : « {text} » (attendu AAAA-MM-JJ, par exemple 2026-11-26)"
        ) from None


def run(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from pole_desktop.demo import generate
    from pole_desktop.domain.models import Dossier
    from pole_desktop.safety.opening import open_database

    db = open_database(args.data_dir)
    try:
        with db.read() as s:
            existing = s.scalar(select(func.count()).select_from(Dossier))
        if existing and not args.force:
            print(f"Ce dossier contient déjà {existing} dossiers : rien n'a été ajouté (utilisez --force).")
            return 1
        t0 = time.perf_counter()
        counts = generate(db, args.scale, args.seed, args.today, progress=lambda what, n: print(f"  {what} : {n}"))
        total = sum(counts.values())
        print(f"Jeu de démonstration « {args.scale} » créé : {total} lignes en {time.perf_counter() - t0:.1f} s.")
        print(f"Données : {db.data_dir.root}")
        if args.share:
            from pathlib import Path

            from pole_desktop.sync.config import ShareConfig, save_share_config

            share = Path(args.share).expanduser().resolve()
            share.mkdir(parents=True, exist_ok=True)
            save_share_config(db, ShareConfig(kind="folder", path=str(share)))
            print(f"Partage du siège : {share}")
    finally:
        db.close()
    return 0
