"""Issue 16, obs. 4 — in both key modes, a missing, empty or damaged ``pole.db`` never makes the
backups unrestorable: ``cle.json`` is never rewritten while a backup depends on it, and each backup
carries a copy of the key description it needs. Through ``pole-desktop-cli`` as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODES = {
    "phrase": {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
               "POLE_DESKTOP_PASSPHRASE": "phrase de passe du test de restauration"},
    "trousseau": {"PYTHON_KEYRING_BACKEND": "tests.infra.file_keyring.FileKeyring"},
}


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pole_desktop.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, env=env, timeout=180)


def _digest(dd: Path, env: dict[str, str]) -> str:
    r = _cli("info", "--data-dir", str(dd), "--json", env=env)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["digest"]


def _delete(db: Path) -> None:
    db.unlink()
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)


def _truncate(db: Path) -> None:
    db.write_bytes(b"")
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)


def _corrupt(db: Path) -> None:
    with open(db, "r+b") as f:
        f.seek(0)
        f.write(os.urandom(4096))


@pytest.mark.parametrize("mode", sorted(MODES))
def test_every_backup_restores_after_the_database_is_deleted_emptied_or_corrupted(tmp_path, mode):
    env = dict(os.environ, POLE_TEST_KEYRING_FILE=str(tmp_path / "trousseau.json"), **MODES[mode])
    dd = tmp_path / "data"
    r = _cli("demo", "--data-dir", str(dd), "--scale", "tiny", env=env)
    assert r.returncode == 0, r.stderr
    assert json.loads((dd / "cle.json").read_text())["mode"] == mode
    digest = _digest(dd, env)
    r = _cli("backup", "--data-dir", str(dd), env=env)
    assert r.returncode == 0, r.stderr
    backup = sorted((dd / "sauvegardes").glob("manuelle-*.db"))[0]
    assert Path(f"{backup}.cle.json").read_bytes() == (dd / "cle.json").read_bytes()
    cle = (dd / "cle.json").read_bytes()
    for damage in (_delete, _truncate, _corrupt):
        damage(dd / "pole.db")
        # Any command before the restore (here: a listing, then a failed open) leaves cle.json alone.
        _cli("restore", "--data-dir", str(dd), "--liste", env=env)
        assert (dd / "cle.json").read_bytes() == cle, damage.__name__
        r = _cli("restore", "--data-dir", str(dd), str(backup), env=env)
        assert r.returncode == 0, (damage.__name__, r.stderr)
        assert "restaurée" in r.stdout
        assert _digest(dd, env) == digest, damage.__name__
        assert (dd / "cle.json").read_bytes() == cle
    # Every other backup (the daily one made at the first opening, the safety copies) also opens.
    for other in sorted((dd / "sauvegardes").glob("*.db")):
        r = _cli("restore", "--data-dir", str(dd), str(other), env=env)
        assert r.returncode == 0, (other.name, r.stderr)


def test_a_backup_made_under_an_older_key_description_is_restored_with_its_own(tmp_path):
    """cle.json replaced by a new passphrase salt (what older versions did): the backup's copy wins."""
    env = dict(os.environ, **MODES["phrase"])
    dd = tmp_path / "data"
    assert _cli("demo", "--data-dir", str(dd), "--scale", "tiny", env=env).returncode == 0
    digest = _digest(dd, env)
    assert _cli("backup", "--data-dir", str(dd), env=env).returncode == 0
    backup = sorted((dd / "sauvegardes").glob("manuelle-*.db"))[0]
    info = json.loads((dd / "cle.json").read_text())
    info["kdf"]["salt"] = os.urandom(16).hex()
    info["verification"] = "0" * 32
    (dd / "cle.json").write_text(json.dumps(info))
    _delete(dd / "pole.db")
    r = _cli("restore", "--data-dir", str(dd), str(backup), env=env)
    assert r.returncode == 0, r.stderr
    assert _digest(dd, env) == digest


def test_a_lost_keyring_entry_beside_backups_is_said_not_replaced(data_dir, memory_keyring):
    """Keyring mode, pole.db gone and the keyring entry gone too: a French « clé absente », and
    cle.json is not rewritten with a new key (the backups still describe theirs)."""
    from pole_desktop.safety import backups, keys
    from pole_desktop.safety.opening import open_database

    db = open_database(data_dir)
    backups.backup_now(db)
    db.close()
    cle = (data_dir / "cle.json").read_bytes()
    memory_keyring.passwords.clear()
    _delete(data_dir / "pole.db")
    with pytest.raises(keys.KeyMissing, match="trousseau"):
        open_database(data_dir)
    assert (data_dir / "cle.json").read_bytes() == cle
