"""``pole-desktop-cli sync``: synchronise a data directory with the head-office share."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    from pole_desktop.cli import add_data_dir

    p = sub.add_parser("sync", help="synchroniser avec le partage du siège")
    add_data_dir(p)
    p.add_argument(
        "--share", metavar="PARTAGE", default=None,
        help="dossier partagé (chemin, chemin UNC) ou smb://utilisateur@serveur/partage/dossier ; "
        "par défaut : le partage configuré",
    )
    p.add_argument("--quiet", action="store_true", help="n'afficher que le reçu")
    p.add_argument(
        "--accepter-lot", action="store_true", dest="accept_batch",
        help="appliquer un lot inhabituel (beaucoup de suppressions ou de remplacements) déjà signalé "
        "par une synchronisation précédente, après vérification avec le collègue concerné",
    )
    p.set_defaults(func=run)


def _ask_phrase(creating: bool) -> str | None:
    import getpass

    from pole_desktop.sync.sealing import check_new_phrase

    try:
        phrase = getpass.getpass("Phrase d'équipe : ")
        if creating:
            weak = check_new_phrase(phrase)
            if weak:
                print(weak, file=sys.stderr)
                return None
            if getpass.getpass("Confirmez-la : ") != phrase:
                print("Les deux saisies sont différentes.", file=sys.stderr)
                return None
    except (EOFError, KeyboardInterrupt):
        return None
    return phrase or None


def run(args: argparse.Namespace) -> int:
    from pole_desktop.storage.opening import open_database
    from pole_desktop.sync.config import load_share_config, open_transport, parse_share_argument
    from pole_desktop.sync.engine import sync
    from pole_desktop.sync.sealing import PHRASE_ENV
    from pole_desktop.sync.transport import TransportError

    db = open_database(args.data_dir)
    try:
        try:
            cfg = parse_share_argument(args.share) if args.share else load_share_config(db)
        except ValueError as e:
            print(f"Erreur : {e}", file=sys.stderr)
            return 2
        if cfg is None:
            print(
                "Erreur : aucun partage n'est configuré. Indiquez-le avec --share ou dans l'écran "
                "Synchronisation.",
                file=sys.stderr,
            )
            return 2
        try:
            transport = open_transport(cfg)
        except TransportError as e:
            print(f"Erreur : {e}", file=sys.stderr)
            return 1

        def progress(done: int, total: int, text: str) -> None:
            if not args.quiet:
                print(f"[{done}/{total}] {text}", file=sys.stderr)

        try:
            receipt = sync(db, transport, progress=progress, allow_mass_changes=args.accept_batch)
            if receipt.needs_team_phrase and sys.stdin.isatty():
                phrase = _ask_phrase(receipt.needs_team_phrase == "choisir")
                if phrase:
                    receipt = sync(db, transport, progress=progress, allow_mass_changes=args.accept_batch,
                                   team_phrase=phrase)
        finally:
            transport.close()
        print(receipt.summary_fr())
        if receipt.needs_team_phrase:
            print(f"  Indiquez la phrase d'équipe dans la variable d'environnement {PHRASE_ENV} (ou saisissez-la "
                  "une fois dans l'écran Synchronisation) : cet ordinateur la retiendra ensuite dans son trousseau.",
                  file=sys.stderr)
        for name, reason in receipt.quarantined:
            print(f"  Fichier mis à l'écart : {name} — {reason}")
        return 0 if receipt.ok else 1
    finally:
        db.close()
