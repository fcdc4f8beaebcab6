"""Issue 16, obs. 8 — at start-up a damaged database gets a French explanation and a dialog
offering the latest backups; restoring from it lets the application open the data."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from pole_desktop.safety.opening import DatabaseDamaged, open_database


def test_start_up_dialog_restores_the_latest_backup(data_dir, qtbot, tmp_path, monkeypatch):  # noqa: ANN001
    from pole_desktop.demo import generate
    from pole_desktop.gui.dialogs.damaged_database import DamagedDatabaseDialog
    from pole_desktop.safety import backups
    from pole_desktop.storage.digest import content_digest

    def database_digest(d):  # noqa: ANN001, ANN202
        with d.read() as s:
            return content_digest(s)

    db = open_database(data_dir)
    generate(db, "tiny", seed=1)
    made = backups.backup_now(db)
    digest = database_digest(db)
    db.close()
    for side in ("-wal", "-shm"):
        Path(f"{data_dir / 'pole.db'}{side}").unlink(missing_ok=True)
    with open(data_dir / "pole.db", "r+b") as f:
        f.truncate(5000)
    with pytest.raises(DatabaseDamaged) as info:
        open_database(data_dir)
    dialog = DamagedDatabaseDialog(info.value)
    qtbot.addWidget(dialog)
    dialog.resize(1366 // 2, 440)
    dialog.show()
    dialog.grab().save(str(tmp_path / "damaged.png"))
    assert "endommagée" in dialog.intro.text() and "SQL" not in dialog.intro.text()
    assert dialog.close_button.text() == "Quitter"
    assert dialog.selected() is not None and dialog.selected().path == made
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.restored is not None, dialog.result.text()
    assert "restaurées" in dialog.result.text()
    again = open_database(data_dir)
    try:
        assert database_digest(again) == digest
    finally:
        again.close()


def test_start_up_without_restoring_opens_nothing(data_dir, qtbot, monkeypatch):  # noqa: ANN001
    from pole_desktop.gui import application
    from pole_desktop.gui.dialogs import damaged_database

    open_database(data_dir).close()
    (data_dir / "pole.db").write_bytes(b"\x01" * 8192)
    shown = []
    monkeypatch.setattr(damaged_database, "offer_restore", lambda e, _p: shown.append(str(e)) or False)
    assert application.open_data(str(data_dir), None) is None
    assert shown and "endommagée" in shown[0]
