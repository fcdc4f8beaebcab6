"""``pole-desktop-cli sync``: synchronise a data directory with the head-office share.

The share's secret never goes on the command line (it would show in the process list and the
shell history): the SMB or WebDAV password comes from ``POLE_DESKTOP_SHARE_PASSWORD``, the S3
keys from ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``, and otherwise from the keyring where
the Synchronisation screen stored them.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

PASSWORD_ENV = "POLE_DESKTOP_SHARE_PASSWORD"
S3_KEY_ENV = "AWS_ACCESS_KEY_ID"
S3_SECRET_ENV = "AWS_SECRET_ACCESS_KEY"


def register(sub: argparse._SubParsersAction) -> None:
    from pole_desktop.cli import add_data_dir

    p = sub.add_parser(
        "sync", help="synchroniser avec le partage du siège",
        description="Synchronise avec le partage du siège. Mot de passe SMB ou WebDAV : variable "
        f"{PASSWORD_ENV} ; clés S3 : {S3_KEY_ENV} et {S3_SECRET_ENV} ; sinon le trousseau de l'ordinateur.",
    )
    add_data_dir(p)
    p.add_argument(
        "--share", metavar="PARTAGE", default=None,
        help="dossier partagé (chemin, chemin UNC), smb://utilisateur@serveur/partage/dossier, "
        "s3://compartiment/préfixe?endpoint=http://serveur:port[&region=…] ou "
        "https://utilisateur@serveur/chemin (WebDAV, Nextcloud) ; par défaut : le partage configuré",
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


def _with_env_credentials(cfg: Any) -> tuple[Any, str | None]:
    """``cfg`` with the access key id from the environment (S3), and the secret from the environment
    (None: ask the keyring)."""
    from dataclasses import replace

    if cfg.kind == "s3":
        key, secret = os.environ.get(S3_KEY_ENV, "").strip(), os.environ.get(S3_SECRET_ENV, "")
        if key and secret:
            return replace(cfg, user=key), secret
        return cfg, None
    if cfg.kind in ("smb", "webdav"):
        return cfg, os.environ.get(PASSWORD_ENV) or None
    return cfg, None


def secret_lookup(from_env: str | None):  # noqa: ANN201 - the lookup open_transport takes
    """The secret from the environment, else the keyring's (with a hint when there is none)."""

    def lookup(cfg: Any) -> str | None:
        if from_env:
            return from_env
        if cfg.kind == "s3" and not cfg.user:
            from pole_desktop.sync.transport import TransportError

            raise TransportError(
                f"Aucune clé d'accès S3 : indiquez-la dans les variables {S3_KEY_ENV} et {S3_SECRET_ENV}, "
                "ou enregistrez-la dans l'écran Synchronisation."
            )
        if not cfg.user:
            return None
        from pole_desktop.sync import credentials

        hint = f"{S3_KEY_ENV} et {S3_SECRET_ENV}" if cfg.kind == "s3" else PASSWORD_ENV
        try:
            secret = credentials.get_password(cfg)
        except credentials.CredentialStoreUnavailable as e:
            raise credentials.CredentialStoreUnavailable(f"{e} Indiquez-le dans la variable {hint}.") from None
        if secret is None:
            from pole_desktop.sync.transport import TransportError

            what = "de clé secrète S3" if cfg.kind == "s3" else "de mot de passe"
            raise TransportError(
                f"Aucun {what} pour ce partage : indiquez-le dans la variable {hint}, ou enregistrez-le "
                "dans l'écran Synchronisation."
            )
        return secret

    return lookup


def run(args: argparse.Namespace) -> int:
    from pole_desktop.safety.opening import open_database
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
        cfg, from_env = _with_env_credentials(cfg)
        try:
            transport = open_transport(cfg, secret_lookup(from_env))
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
