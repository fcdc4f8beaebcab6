"""Where a laptop's data lives: one data directory, chosen by --data-dir or platformdirs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "PoleDesktop"
APP_AUTHOR = "PoleEconomieSolidaire21"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


@dataclass(frozen=True)
class DataDir:
    """The layout of a data directory."""

    root: Path

    @classmethod
    def at(cls, path: str | Path | None) -> DataDir:
        root = Path(path).expanduser().resolve() if path else default_data_dir()
        return cls(root)

    @property
    def database(self) -> Path:
        return self.root / "pole.db"

    @property
    def blobs(self) -> Path:
        return self.root / "blobs"

    @property
    def backups(self) -> Path:
        return self.root / "sauvegardes"

    @property
    def settings(self) -> Path:
        return self.root / "parametres.json"

    @property
    def logs(self) -> Path:
        return self.root / "journaux"

    def ensure(self) -> DataDir:
        for p in (self.root, self.blobs, self.backups, self.logs):
            p.mkdir(parents=True, exist_ok=True)
        return self
