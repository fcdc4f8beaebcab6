"""Schema migrations: empty → head, and every saved sample database upgrades without loss."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from pole_desktop.domain import Base
from pole_desktop.paths import DataDir
from pole_desktop.safety.backups import copy_database
from pole_desktop.services.info import info
from pole_desktop.storage import migrate
from pole_desktop.storage.database import Database

SAMPLES = Path(__file__).with_name("samples")


def test_single_head() -> None:
    assert len(migrate.script_directory().get_heads()) == 1


def test_empty_database_to_head_matches_models(tmp_path: Path) -> None:
    db = Database.open(DataDir.at(tmp_path))
    try:
        assert db.schema_version() == migrate.head_revision()
        tables = set(inspect(db.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert {"search_index", "search_doc", "alembic_version"} <= tables
        # Columns of every model exist in the migrated schema (migrations and models agree).
        insp = inspect(db.engine)
        for name, table in Base.metadata.tables.items():
            assert {c.name for c in table.columns} == {c["name"] for c in insp.get_columns(name)}, name
    finally:
        db.close()


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.db")), ids=lambda p: p.name)
def test_sample_database_upgrades_without_loss(sample: Path, tmp_path: Path) -> None:
    expected = json.loads(sample.with_suffix(".json").read_text())
    dd = DataDir.at(tmp_path)
    dd.ensure()
    shutil.copy(sample, dd.database)
    db = Database.open(dd, backup_copy=copy_database)
    try:
        facts = info(db)
        assert facts["schema_version"] == migrate.head_revision()
        assert facts["counts"] == expected["counts"]
        assert facts["device_id"] == expected["device_id"]
        if expected["schema_version"] == migrate.head_revision():
            assert facts["digest"] == expected["digest"]
        else:
            # An upgrade happened: a backup of the old file was written first.
            assert db.migration_backup and Path(db.migration_backup).exists()
    finally:
        db.close()


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    dd = DataDir.at(tmp_path)
    Database.open(dd).close()
    with sqlite3.connect(dd.database) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = dd.database.read_bytes()
    with pytest.raises(migrate.DatabaseTooNewError) as err:
        Database.open(dd)
    assert "version plus récente" in str(err.value)
    assert dd.database.read_bytes() == before


def test_failed_upgrade_leaves_data_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error in the middle of an upgrade rolls back: the old revision and rows are intact."""
    dd = DataDir.at(tmp_path)
    dd.ensure()
    shutil.copy(SAMPLES / "v0001_tiny.db", dd.database)
    with sqlite3.connect(dd.database) as conn:
        conn.execute("DELETE FROM alembic_version")  # pretend: a database that needs the whole chain
        conn.execute("DROP TABLE search_index")
        n_before = conn.execute("SELECT count(*) FROM personne").fetchone()[0]

    from alembic import command

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("coupure simulée")

    monkeypatch.setattr(command, "upgrade", boom)
    with pytest.raises(RuntimeError):
        Database.open(dd, backup_copy=copy_database)
    with sqlite3.connect(dd.database) as conn:
        assert conn.execute("SELECT count(*) FROM personne").fetchone()[0] == n_before
    assert any(dd.backups.iterdir()), "a backup is written before any upgrade"


def test_no_upgrade_without_a_backup(tmp_path: Path) -> None:
    """Storage cannot back up by itself (the copy is safety's): opened without it, an older database is
    refused and left as it was, never migrated unsaved."""
    dd = DataDir.at(tmp_path)
    dd.ensure()
    shutil.copy(SAMPLES / "v0001_tiny.db", dd.database)
    with sqlite3.connect(dd.database) as conn:
        before = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    with pytest.raises(migrate.MigrationError, match="sauvegarde impossible"):
        Database.open(dd)
    with sqlite3.connect(dd.database) as conn:  # same revision: not migrated
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == before
    assert not dd.backups.exists() or not any(dd.backups.iterdir())


def test_engine_pragmas(tmp_path: Path) -> None:
    db = Database.open(DataDir.at(tmp_path))
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()
