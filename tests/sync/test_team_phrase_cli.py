"""``pole-desktop-cli sync`` on a sealed share: the team phrase from POLE_DESKTOP_TEAM_PHRASE, once;
without it, a French explanation and nothing received."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from pole_desktop.sync import sealing
from tests.conftest import TEAM_PHRASE

REPO = Path(__file__).resolve().parents[2]


def cli(*args: str, phrase: str | None) -> subprocess.CompletedProcess[str]:
    from tests.infra.encrypted import passphrase_env

    env = passphrase_env(dict(os.environ, PYTHONPATH=str(REPO)))
    env.pop(sealing.PHRASE_ENV, None)
    if phrase is not None:
        env[sealing.PHRASE_ENV] = phrase
    return subprocess.run([sys.executable, "-m", "pole_desktop.cli", *args], env=env, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL)


def test_cli_team_phrase_from_the_environment_then_remembered(tmp_path, share):
    a, b = tmp_path / "a", tmp_path / "b"
    r = cli("demo", "--data-dir", str(a), "--scale", "tiny", phrase=None)
    assert r.returncode == 0, r.stderr
    r = cli("sync", "--data-dir", str(a), "--share", str(share), "--quiet", phrase=None)
    assert r.returncode == 1 and "choisissez une phrase d'équipe" in r.stdout
    assert sealing.PHRASE_ENV in r.stderr
    assert not any(share.iterdir())  # nothing written without a phrase
    r = cli("sync", "--data-dir", str(a), "--share", str(share), "--quiet", phrase=TEAM_PHRASE)
    assert r.returncode == 0 and r.stdout.startswith("Synchronisation réussie"), r.stdout + r.stderr

    r = cli("sync", "--data-dir", str(b), "--share", str(share), "--quiet", phrase=None)
    assert r.returncode == 1 and "protégé par une phrase d'équipe" in r.stdout
    r = cli("sync", "--data-dir", str(b), "--share", str(share), "--quiet", phrase="pas la bonne phrase du tout")
    assert r.returncode == 1 and "ne correspond pas" in r.stdout
    r = cli("sync", "--data-dir", str(b), "--share", str(share), "--quiet", phrase=TEAM_PHRASE)
    assert r.returncode == 0 and "reçue" in r.stdout, r.stdout + r.stderr
    received = re.search(r"([\d\u202f]+) reçue", r.stdout)
    assert received and int(received.group(1).replace("\u202f", "")) > 0, r.stdout
    # Without a keyring (passphrase mode here), the team key stays in the laptop's encrypted database.
    r = cli("sync", "--data-dir", str(b), "--share", str(share), "--quiet", phrase=None)
    assert r.returncode == 0 and r.stdout.startswith("Synchronisation réussie"), r.stdout + r.stderr
    r = cli("sync", "--data-dir", str(a), "--share", str(share), "--quiet", phrase=None)
    assert r.returncode == 0, r.stdout + r.stderr
