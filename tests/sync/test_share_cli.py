"""``pole-desktop-cli sync --share`` with S3, WebDAV and SMB addresses, run as a subprocess against
the real servers; the secrets come from the environment, never from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from pole_desktop.domain import models as m
from pole_desktop.safety.opening import open_database
from pole_desktop.services import personnes
from pole_desktop.sync.config import PASSWORD_IN_URL_FR, ShareConfig, parse_share_argument
from tests.sync.backends import BUCKET, make_backend

REPO = Path(__file__).resolve().parents[2]
CLEAN = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "POLE_DESKTOP_SHARE_PASSWORD")


def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    from tests.infra.encrypted import passphrase_env

    base = {k: v for k, v in os.environ.items() if k not in CLEAN}
    full = passphrase_env(dict(base, PYTHONPATH=str(REPO), **env))  # encrypted data dirs, no keyring
    return subprocess.run([sys.executable, "-m", "pole_desktop.cli", *args], env=full, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def two_data_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Poste A with one person, poste B empty (opened like the CLI opens them)."""
    from tests.infra.encrypted import passphrase_mode

    passphrase_mode(monkeypatch)
    a, b = tmp_path / "poste-a", tmp_path / "poste-b"
    db = open_database(a)
    try:
        with db.session() as s:
            personnes.save_personne(s, {"nom": "Bernard", "prenom": "Inès"})
    finally:
        db.close()
    open_database(b).close()
    return a, b


def _names(data: Path) -> set[str]:
    db = open_database(data)
    try:
        with db.read() as s:
            return set(s.scalars(select(m.Personne.nom)))
    finally:
        db.close()


def _ok(r: subprocess.CompletedProcess[str], *secrets: str) -> None:
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.startswith("Synchronisation réussie"), r.stdout
    for secret in secrets:
        assert secret not in r.stdout + r.stderr


def test_parse_s3_and_webdav_addresses() -> None:
    cfg = parse_share_argument("s3://pole-bfc/equipe/dijon?endpoint=http://127.0.0.1:8333&region=fr-par")
    assert cfg == ShareConfig(kind="s3", bucket="pole-bfc", folder="equipe/dijon", url="http://127.0.0.1:8333",
                              region="fr-par")
    assert cfg.describe() == "s3://pole-bfc/equipe/dijon (http://127.0.0.1:8333)"
    aws = parse_share_argument("s3://pole-bfc")
    assert (aws.kind, aws.bucket, aws.folder, aws.url) == ("s3", "pole-bfc", "", "")
    dav = parse_share_argument("https://anne@cloud.exemple.fr/remote.php/dav/files/anne/P%C3%B4le/")
    assert (dav.kind, dav.url, dav.user) == ("webdav", "https://cloud.exemple.fr/remote.php/dav/files/anne/P%C3%B4le",
                                             "anne")
    assert parse_share_argument("http://127.0.0.1:8080/dav").url == "http://127.0.0.1:8080/dav"
    for bad, why in [("s3://A_B/x", "compartiment"), ("s3://pole?endpoint=ftp://x", "point d'accès"),
                     ("s3://pole?bucket=x", "paramètre inconnu"), ("s3://key@pole", "AWS_ACCESS_KEY_ID"),
                     ("https://cloud.exemple.fr:99999/x", "port"), ("https:///x", "serveur manquant")]:
        with pytest.raises(ValueError, match=why):
            parse_share_argument(bad)


PASSWORD_ADDRESSES = [
    "https://anne:Secr3t-Motdepasse@cloud.exemple.fr/dav",
    "http://anne:Secr3t-Motdepasse@127.0.0.1:8080/dav",
    "smb://anne:Secr3t-Motdepasse@nas/pole",
    "s3://pole?endpoint=http://ak:Secr3t-Motdepasse@127.0.0.1:8333",
]


def test_a_password_in_the_address_is_refused_and_never_echoed(tmp_path: Path) -> None:
    for address in PASSWORD_ADDRESSES:
        with pytest.raises(ValueError) as err:
            parse_share_argument(address)
        assert str(err.value) == PASSWORD_IN_URL_FR and "Secr3t" not in str(err.value)
    r = cli("sync", "--data-dir", str(tmp_path / "poste"), "--share", PASSWORD_ADDRESSES[0])
    assert r.returncode == 2
    assert "mot de passe" in r.stderr and "Secr3t" not in r.stdout + r.stderr


def test_cli_sync_over_s3(request, tmp_path, two_data_dirs) -> None:
    a, b = two_data_dirs
    backend = make_backend(request, "s3", tmp_path)
    server = backend.server
    share = f"s3://{BUCKET}/{backend.prefix}?endpoint={server.endpoint}&region={server.region}"
    keys = {"AWS_ACCESS_KEY_ID": server.access_key, "AWS_SECRET_ACCESS_KEY": server.secret_key}
    r = cli("sync", "--data-dir", str(a), "--share", share, **keys)
    _ok(r, server.secret_key)
    _ok(cli("sync", "--data-dir", str(b), "--share", share, "--quiet", **keys), server.secret_key)
    assert _names(b) == {"Bernard"}
    # No keys: a French error naming the variables, nothing synced.
    r = cli("sync", "--data-dir", str(b), "--share", share)
    assert r.returncode == 1 and "AWS_ACCESS_KEY_ID" in r.stderr, r.stderr
    # A wrong prefix: a French error, never an empty share (wrong keys and buckets: test_share_panel_gui).
    r = cli("sync", "--data-dir", str(b), "--share", share.replace(backend.prefix, "mauvais-prefixe"), **keys)
    assert r.returncode == 1 and "« mauvais-prefixe » n'existe pas" in r.stdout, r.stdout


def test_cli_sync_over_webdav(request, tmp_path, two_data_dirs) -> None:
    a, b = two_data_dirs
    backend = make_backend(request, "webdav", tmp_path)
    server = backend.server
    url = backend.config().url
    share = url.replace("http://", f"http://{server.user}@")
    _ok(cli("sync", "--data-dir", str(a), "--share", share, POLE_DESKTOP_SHARE_PASSWORD=server.password),
        server.password)
    _ok(cli("sync", "--data-dir", str(b), "--share", share, POLE_DESKTOP_SHARE_PASSWORD=server.password),
        server.password)
    assert _names(b) == {"Bernard"}
    r = cli("sync", "--data-dir", str(b), "--share", share, POLE_DESKTOP_SHARE_PASSWORD="faux")
    assert r.returncode == 1 and "mot de passe refusé" in r.stdout, r.stdout
    r = cli("sync", "--data-dir", str(b), "--share", share)  # no variable, no keyring here
    assert r.returncode == 1 and "POLE_DESKTOP_SHARE_PASSWORD" in r.stderr, r.stderr


def test_cli_sync_over_smb_with_the_password_variable(request, tmp_path, two_data_dirs) -> None:
    a, b = two_data_dirs
    backend = make_backend(request, "smb", tmp_path)
    samba = backend.server
    cfg = backend.config()
    share = f"smb://{samba.user}@{samba.host}:{samba.port}/{samba.share}/{cfg.folder}"
    _ok(cli("sync", "--data-dir", str(a), "--share", share, POLE_DESKTOP_SHARE_PASSWORD=samba.password),
        samba.password)
    _ok(cli("sync", "--data-dir", str(b), "--share", share, POLE_DESKTOP_SHARE_PASSWORD=samba.password),
        samba.password)
    assert _names(b) == {"Bernard"}
    r = cli("sync", "--data-dir", str(b), "--share", share, POLE_DESKTOP_SHARE_PASSWORD="faux")
    assert r.returncode == 1 and "mot de passe refusé" in r.stdout, r.stdout
