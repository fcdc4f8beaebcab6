"""Backups: encrypted, verified, rotated; restore after damage; CLI backup/restore."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pole_desktop import clock
from pole_desktop.paths import DataDir
from pole_desktop.safety import backups
from pole_desktop.safety.backups import backup_before, parse_name, rotation_keep
from pole_desktop.safety.opening import open_database
from pole_desktop.services.info import info

ROOT = Path(__file__).resolve().parents[2]


def test_daily_backup_is_made_once_a_day_encrypted_and_verified(encrypted_db):
    daily = [b for b in backups.list_backups(encrypted_db) if b.kind == "quotidienne"]
    assert len(daily) == 1  # made at the first opening
    assert backups.ensure_daily_backup(encrypted_db) is None  # not twice the same day
    tomorrow = clock.today() + dt.timedelta(days=1)
    p = backups.ensure_daily_backup(encrypted_db, today=tomorrow)
    assert p is not None and p.exists()
    raw = p.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    counts = backups.verify_backup(p, encrypted_db.key)
    assert counts["personne"] == 40
    with pytest.raises(backups.RestoreError):
        backups.verify_backup(p, b"\x01" * 32)  # another key: refused in French


def test_backup_then_damage_then_restore_gives_identical_data(encrypted_db, data_dir):
    db = encrypted_db
    before = info(db)
    b = backup_before(db, "manuelle")
    # Changes after the backup, then the live file gets damaged on disk.
    from pole_desktop.domain.models import Personne

    with db.session() as s:
        s.add(Personne(nom="Après-Sauvegarde", prenom="Zoé"))
    assert info(db)["digest"] != before["digest"]
    db.close()
    live = data_dir / "pole.db"
    with open(live, "r+b") as f:
        f.seek(4096 * 3)
        f.write(os.urandom(4096 * 4))
    for side in ("-wal", "-shm"):
        Path(f"{live}{side}").unlink(missing_ok=True)
    with pytest.raises(Exception):  # noqa: B017 - damaged: SQLCipher's page HMAC refuses it
        broken = open_database(data_dir, daily_backup=False)
        info(broken)
    # Restore from the CLI side (closed directory, key from the keyring).
    from pole_desktop.safety.keys import obtain_key

    key = obtain_key(DataDir.at(data_dir)).key
    safety = backups.restore(data_dir, b, key=key)
    assert safety is not None and safety.name.endswith(".endommagee")  # the damaged bytes are kept
    db2 = open_database(data_dir, daily_backup=False)
    try:
        assert info(db2)["digest"] == before["digest"]
        assert info(db2)["counts"] == before["counts"]
    finally:
        db2.close()


def test_restore_on_an_open_database_backs_up_first_and_reopens(encrypted_db):
    db = encrypted_db
    digest = info(db)["digest"]
    b = backup_before(db, "manuelle")
    from pole_desktop.domain.models import Personne

    with db.session() as s:
        s.add(Personne(nom="Modification", prenom="Ultérieure"))
    changed = info(db)["digest"]
    n_before = len(backups.list_backups(db))
    safety = backups.restore(db, b)
    assert info(db)["digest"] == digest  # same Database object, reopened on the restored file
    assert b.name in db.state(backups.RESTORED_KEY)  # the sync can tell a restore happened
    assert safety is not None and backups.parse_name(safety.name)[0] == "avant-restauration"
    assert len(backups.list_backups(db)) == n_before + 1
    # The state before the restore is itself restorable.
    backups.restore(db, safety)
    assert info(db)["digest"] == changed
    with db.session() as s:  # and the database is writable afterwards
        s.add(Personne(nom="Encore", prenom="Une"))


def test_a_bad_backup_is_refused_and_nothing_is_touched(encrypted_db, data_dir, tmp_path):
    bad = tmp_path / "quotidienne-20260101-120000.db"
    bad.write_bytes(os.urandom(50_000))
    live_before = info(encrypted_db)["digest"]
    n = len(backups.list_backups(encrypted_db))
    with pytest.raises(backups.RestoreError):
        backups.restore(encrypted_db, bad)
    assert info(encrypted_db)["digest"] == live_before
    assert len(backups.list_backups(encrypted_db)) == n


def test_names_and_kinds():
    assert parse_name("quotidienne-20261126-083211-949949.db") == (
        "quotidienne", dt.datetime(2026, 11, 26, 8, 32, 11, 949949))
    assert parse_name("avant-migration-0001-20250101-120000.db") == (
        "avant-migration", dt.datetime(2025, 1, 1, 12, 0))
    assert parse_name("avant-synchro-20250101-120000-5.db")[0] == "avant-synchro"
    assert parse_name("notes.db") is None
    assert parse_name("quotidienne-20251301-120000.db") is None  # month 13
    assert backups.KINDS["avant-synchro"] == "avant synchronisation"


def _daily_series(start: dt.datetime, days: int) -> list[tuple[str, dt.datetime]]:
    return [(f"q{i:03d}", start + dt.timedelta(days=i)) for i in range(days)]


def test_rotation_keeps_7_daily_4_weekly_12_monthly():
    # One backup a day at 09:00 for 400 days ending Thursday 26 November 2026.
    end = dt.datetime(2026, 11, 26, 9, 0)
    series = _daily_series(end - dt.timedelta(days=399), 400)
    by_name = dict(series)
    keep = rotation_keep(series, now=end + dt.timedelta(hours=30))
    kept_dates = sorted(by_name[n].date() for n in keep)
    # 7 most recent days.
    last7 = [(end - dt.timedelta(days=i)).date() for i in range(7)]
    assert set(last7) <= set(kept_dates)
    # Newest of each of the 4 most recent ISO weeks: Thursday 26/11 (this week), then Sundays.
    assert {dt.date(2026, 11, 22), dt.date(2026, 11, 15), dt.date(2026, 11, 8)} <= set(kept_dates)
    # Newest of each of the 12 most recent months: last day of each month, back to December 2025.
    month_ends = {dt.date(2026, m, 1) - dt.timedelta(days=1) for m in range(1, 12)}  # 31/12/2025 … 31/10/2026
    assert month_ends <= set(kept_dates)
    assert dt.date(2025, 11, 30) not in kept_dates  # the 13th month back is not kept
    expected = set(last7) | {dt.date(2026, 11, 22), dt.date(2026, 11, 15), dt.date(2026, 11, 8)} | month_ends
    assert set(kept_dates) == expected
    assert len(keep) == len(expected)


def test_rotation_keeps_recent_backups_and_the_newest_one():
    now = dt.datetime(2026, 11, 26, 18, 0)
    items = [(f"s{i}", now - dt.timedelta(hours=i)) for i in range(30)]  # hourly sync backups
    keep = rotation_keep(items, now=now)
    # Every backup of the last 24 hours; the 25th's newest (s19, 23:00) is among them, so the
    # older ones of that day (s24…s29) are dropped.
    assert keep == {f"s{i}" for i in range(24)}
    old = [("vieille", now - dt.timedelta(days=900))]
    assert rotation_keep(old, now=now) == {"vieille"}
    assert rotation_keep([], now=now) == set()


def test_apply_rotation_deletes_only_what_the_rotation_drops(encrypted_db):
    folder = encrypted_db.data_dir.backups
    now = clock.local_now()
    made = []
    for i in range(1, 40):
        when = now - dt.timedelta(days=i)
        p = folder / f"quotidienne-{when:%Y%m%d-%H%M%S}.db"
        p.write_bytes(b"x")
        made.append((p.name, when))
    existing = [(b.name, b.created) for b in backups.list_backups(encrypted_db)]
    keep = rotation_keep(existing, now)
    deleted = backups.apply_rotation(encrypted_db, now)
    assert {p.name for p in deleted} == {n for n, _ in existing} - keep
    assert {b.name for b in backups.list_backups(encrypted_db)} == keep
    assert deleted  # something was dropped


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pole_desktop.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, env=env, timeout=120)


def test_cli_backup_and_restore_with_a_passphrase(tmp_path):
    dd = tmp_path / "data"
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
               POLE_DESKTOP_PASSPHRASE="phrase de passe du test CLI")
    r = _cli("demo", "--data-dir", str(dd), "--scale", "tiny", env=env)
    assert r.returncode == 0, r.stderr
    r = _cli("info", "--data-dir", str(dd), "--json", env=env)
    digest = __import__("json").loads(r.stdout)["digest"]
    r = _cli("backup", "--data-dir", str(dd), env=env)
    assert r.returncode == 0, r.stderr
    assert "Sauvegarde vérifiée" in r.stdout
    made = sorted((dd / "sauvegardes").glob("manuelle-*.db"))
    assert len(made) == 1
    # Damage, then restore from the CLI.
    with open(dd / "pole.db", "r+b") as f:
        f.seek(8192)
        f.write(b"\0" * 20000)
    r = _cli("restore", "--data-dir", str(dd), str(made[0]), env=env)
    assert r.returncode == 0, r.stderr
    assert "restaurée" in r.stdout
    r = _cli("info", "--data-dir", str(dd), "--json", env=env)
    assert r.returncode == 0, r.stderr
    assert __import__("json").loads(r.stdout)["digest"] == digest
    # The list, and a wrong passphrase in French.
    r = _cli("restore", "--data-dir", str(dd), "--liste", env=env)
    assert r.returncode == 0 and "manuelle" in r.stdout
    bad = dict(env, POLE_DESKTOP_PASSPHRASE="pas la bonne phrase")
    r = _cli("backup", "--data-dir", str(dd), env=bad)
    assert r.returncode == 1 and "Phrase de passe incorrecte" in r.stderr
