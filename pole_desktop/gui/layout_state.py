"""Remembering window geometry, splitter positions and table column layouts.

Everything lives in one QSettings ini file inside the data directory
(``interface.ini``), so a laptop's layout follows its data, not the OS profile.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QHeaderView, QSplitter


def open_settings(root: Path) -> QSettings:
    from pole_desktop.paths import private_file

    path = Path(root) / "interface.ini"
    if Path(root).is_dir():
        private_file(path)  # owner-only like every file of the data directory (Qt keeps the mode)
    return QSettings(str(path), QSettings.Format.IniFormat)


def remember_splitter(settings: QSettings, key: str, splitter: QSplitter) -> None:
    """Restore ``splitter`` from ``settings`` now, and save it whenever it moves."""
    state = settings.value(f"splitters/{key}")
    if state is not None:
        splitter.restoreState(state)
    splitter.splitterMoved.connect(lambda *_: settings.setValue(f"splitters/{key}", splitter.saveState()))


def remember_header(settings: QSettings, key: str, header: QHeaderView) -> None:
    """Restore a table header (widths, order, sort indicator) and save it on every change."""
    state = settings.value(f"headers/{key}")
    if state is not None:
        header.restoreState(state)

    def save(*_: object) -> None:
        settings.setValue(f"headers/{key}", header.saveState())

    header.sectionResized.connect(save)
    header.sectionMoved.connect(save)
    header.sortIndicatorChanged.connect(save)
