"""A format-1 share written by the previous version (the code before the sealed share, run from git
in a subprocess) is upgraded once; the previous version then refuses the share in French."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import select

from pole_desktop.domain import models as m
from pole_desktop.safety.opening import open_database
from pole_desktop.sync import sealing
from pole_desktop.sync import share_layout as L
from pole_desktop.sync.engine import sync
from pole_desktop.sync.folder import FolderTransport
from tests.conftest import TEAM_PHRASE
from tests.infra.encrypted import passphrase_env, passphrase_mode

REPO = Path(__file__).resolve().parents[2]
V1_COMMIT = "ce18d82"  # the last commit whose sync writes format-1 shares


@pytest.fixture(scope="module")
def old_app(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pole-desktop-v1")
    try:
        raw = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", V1_COMMIT, "pole_desktop",
                              "resources"], check=True, capture_output=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        pytest.skip("historique git indisponible (copie sans .git)")
    with tarfile.open(fileobj=BytesIO(raw)) as tar:
        tar.extractall(out, filter="data")
    return out


def run_old(old_app: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = passphrase_env()
    env["PYTHONPATH"] = str(old_app)
    env.pop(sealing.PHRASE_ENV, None)
    return subprocess.run([sys.executable, "-m", "pole_desktop.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def names(db) -> set[str]:
    with db.read() as s:
        return set(s.scalars(select(m.Personne.nom)))


def test_v1_share_upgraded_once_and_old_app_refuses_it(old_app, tmp_path, monkeypatch):
    passphrase_mode(monkeypatch)
    share = tmp_path / "partage"
    share.mkdir()
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    for d, seed in ((a_dir, 1), (b_dir, 2)):
        p = run_old(old_app, "demo", "--data-dir", str(d), "--scale", "tiny", "--seed", str(seed), cwd=tmp_path)
        assert p.returncode == 0, p.stderr
    for d in (a_dir, b_dir, a_dir):  # the previous version: both laptops on a format-1 share
        p = run_old(old_app, "sync", "--data-dir", str(d), "--share", str(share), "--quiet", cwd=tmp_path)
        assert p.returncode == 0 and "Synchronisation réussie" in p.stdout, p.stdout + p.stderr
    v1 = json.loads((share / L.V1_SHARE_MANIFEST).read_text())
    assert v1["format"] == 1 and not (share / L.ROOT).exists()
    clear = (share / L.V1_DEVICES).rglob("*.chg")
    assert clear

    # A, updated, upgrades the share with a new team phrase.
    monkeypatch.delenv(sealing.PHRASE_ENV)
    a = open_database(a_dir, daily_backup=False)
    try:
        before = names(a)
        r = sync(a, FolderTransport(share))
        assert not r.ok and r.needs_team_phrase == "choisir"  # never upgraded without a phrase
        r = sync(a, FolderTransport(share), team_phrase=TEAM_PHRASE)
        assert r.ok, r.error
        assert any("pole-desktop-v1" in w for w in r.warnings)  # the clear copy is to be removed
        assert names(a) == before
    finally:
        a.close()
    v2 = json.loads((share / L.SHARE_MANIFEST).read_text())
    assert v2["share_id"] == v1["share_id"] and v2["upgraded_by"]
    moved = json.loads((share / L.V1_SHARE_MANIFEST).read_text())
    assert moved["format"] == L.FORMAT_VERSION and moved["moved_to"] == L.ROOT
    for p in (share / L.ROOT).rglob("*"):
        if p.is_file() and p.name != "manifest.json":
            assert p.read_bytes().startswith(sealing.MAGIC), p
    v2_files = sorted(p.relative_to(share / L.ROOT) for p in (share / L.ROOT / "devices").rglob("*.chg"))
    v1_files = sorted(p.relative_to(share / L.V1_ROOT) for p in (share / L.V1_DEVICES).rglob("*.chg"))
    assert v2_files == v1_files  # every format-1 file copied, same numbers

    # The previous version refuses the upgraded share in French, and writes nothing.
    snapshot = {p: p.read_bytes() for p in share.rglob("*") if p.is_file()}
    p = run_old(old_app, "sync", "--data-dir", str(b_dir), "--share", str(share), "--quiet", cwd=tmp_path)
    assert p.returncode == 1 and "version plus récente" in p.stdout, p.stdout + p.stderr
    assert {p: p.read_bytes() for p in share.rglob("*") if p.is_file()} == snapshot

    # B, updated, joins with the phrase: nothing lost, nothing quarantined; then everyone converges,
    # including a new laptop that bootstraps from the sealed share (legacy files included).
    from pole_desktop.services import personnes
    from pole_desktop.services.info import info

    b = open_database(b_dir, daily_backup=False)
    a = open_database(a_dir, daily_backup=False)
    c = open_database(tmp_path / "c", daily_backup=False)
    try:
        b_before = names(b)
        r = sync(b, FolderTransport(share), team_phrase=TEAM_PHRASE)
        assert r.ok and not r.quarantined, (r.error, r.quarantined)
        assert names(b) >= b_before
        with b.session() as s:
            personnes.save_personne(s, {"nom": "Apres-Chiffrement", "prenom": "Zoé"})
        r = sync(c, FolderTransport(share), team_phrase=TEAM_PHRASE)
        assert r.ok and not r.quarantined, (r.error, r.quarantined)
        for _ in range(2):
            for db in (b, a, c):
                r = sync(db, FolderTransport(share))
                assert r.ok and not r.quarantined, (r.error, r.quarantined)
        assert "Apres-Chiffrement" in names(c) and names(c) >= b_before
        assert len({info(db)["digest"] for db in (a, b, c)}) == 1
        # Idle syncs on the upgraded share, the upgrader's included, stay within 5 round trips and
        # still say that the clear format-1 copy is there.
        from tests.sync.counting import CountingTransport

        for db in (a, b, c):
            counted = CountingTransport(FolderTransport(share))
            r = sync(db, counted)
            assert r.ok and any("pole-desktop-v1" in w for w in r.warnings), r.warnings
            assert counted.total <= 5, counted.log
    finally:
        for db in (a, b, c):
            db.close()
    assert os.environ.get(sealing.PHRASE_ENV) is None
