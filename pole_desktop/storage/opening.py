"""The one way the app and the CLI open a laptop's data directory.

(Encryption at rest plugs in here: where the key comes from is decided in one place.)
"""

from __future__ import annotations

from pathlib import Path

from pole_desktop.paths import DataDir
from pole_desktop.storage.database import Database


def open_database(data_dir: DataDir | str | Path | None) -> Database:
    dd = data_dir if isinstance(data_dir, DataDir) else DataDir.at(data_dir)
    return Database.open(dd)
