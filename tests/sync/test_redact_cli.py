"""GDPR redaction of the journal and of published files; the CLI verb."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from pole_desktop.domain import models as m
from pole_desktop.domain.local import ChangeLog
from pole_desktop.services import personnes
from pole_desktop.sync.config import ShareConfig, load_share_config, parse_share_argument, save_share_config
from pole_desktop.sync.redact import redact_local, redact_published
from tests.sync.helpers import converge, new_person, share_plaintext

REPO = Path(__file__).resolve().parents[2]
SECRET = ["Zébulon-Secret", "zebulon.secret@exemple.fr", "06 98 76 54 32"]


def share_bytes(share: Path, lp) -> bytes:
    return share_plaintext(share, lp.db)


def test_redaction_local_and_published_then_fresh_bootstrap_converges(laptops, share):
    a, b = laptops(2)
    pid = new_person(a, SECRET[0], email=SECRET[1], telephone=SECRET[2])
    with a.session() as s:
        personnes.save_personne(s, {"notes": "rencontrée au forum"}, pid)
    converge(a, b)
    assert SECRET[0].encode() in share_bytes(share, a)
    # The erasure: anonymise (new journaled values), then redact the journal and the published files.
    cells = {("personne", pid, c) for c in ("nom", "email", "telephone", "notes")}
    with a.session() as s:
        p = s.get(m.Personne, pid)
        p.nom, p.email, p.telephone, p.notes, p.anonymise = "Anonyme", None, None, None, True
    converge(a, b)
    for lp in (a, b):
        with lp.session() as s:
            redact_local(s, cells)
    assert redact_published(a.db, a.share, cells) == 1
    assert redact_published(b.db, b.share, cells) == 0  # B never published those values
    blob = share_bytes(share, a)
    for secret in SECRET:
        assert secret.encode() not in blob
        assert secret.encode("unicode_escape") not in blob
    for lp in (a, b):
        with lp.read() as s:
            values = [v for v in s.scalars(select(ChangeLog.value).where(ChangeLog.row_id == pid)) if v]
        assert not any(secret in v for v in values for secret in SECRET), lp.name
    # Laptops that already applied the file do not mind it changed; a new laptop reads the redacted one.
    converge(a, b)
    c, = laptops(1)
    r = c.sync()
    assert not r.quarantined
    converge(a, b, c)
    with c.read() as s:
        p = s.get(m.Personne, pid)
        assert (p.nom, p.email, p.anonymise) == ("Anonyme", None, True)


def test_share_config_roundtrip_and_parsing(laptops):
    a, = laptops(1)
    assert load_share_config(a.db) is None
    cfg = parse_share_argument("smb://PES21;lucie@nas.local:4450/pole/synchro/2026")
    assert (cfg.kind, cfg.server, cfg.port, cfg.share, cfg.folder, cfg.user, cfg.domain) == (
        "smb", "nas.local", 4450, "pole", "synchro/2026", "lucie", "PES21")
    save_share_config(a.db, cfg)
    assert load_share_config(a.db) == cfg
    assert "password" not in (a.db.state("share_config") or "")
    assert parse_share_argument(r"\\nas\pole") == ShareConfig(kind="folder", path=r"\\nas\pole")
    assert parse_share_argument("/mnt/pole").kind == "folder"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    from tests.infra.encrypted import passphrase_env

    env = passphrase_env(dict(os.environ, PYTHONPATH=str(REPO)))  # encrypted data dirs, no keyring
    return subprocess.run([sys.executable, "-m", "pole_desktop.cli", *args], env=env, capture_output=True,
                          text=True, timeout=120)


def test_cli_sync(tmp_path, share, monkeypatch):
    from tests.infra.encrypted import passphrase_mode

    passphrase_mode(monkeypatch)  # this process opens the same directories as the CLI
    data = tmp_path / "poste"
    r = cli("sync", "--data-dir", str(data), "--share", str(share))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Synchronisation réussie")
    r = cli("sync", "--data-dir", str(data), "--share", str(tmp_path / "absent"))
    assert r.returncode != 0
    assert "La synchronisation a échoué" in r.stdout and "introuvable" in r.stdout
    r = cli("sync", "--data-dir", str(tmp_path / "autre"))
    assert r.returncode != 0 and "aucun partage" in r.stderr
    # The configured share is used when none is given.
    from pole_desktop.safety.opening import open_database

    db = open_database(data)
    try:
        save_share_config(db, parse_share_argument(str(share)))
    finally:
        db.close()
    r = cli("sync", "--data-dir", str(data), "--quiet")
    assert r.returncode == 0 and r.stdout.startswith("Synchronisation réussie"), r.stderr
