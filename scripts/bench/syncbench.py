"""Sync figures: end-of-day sync of 200 field changes, bootstrap of a new laptop, bytes per change."""

from __future__ import annotations

from typing import Any

from bench.core import Figure, module_present

SYNC_KEYS = ("sync_200", "bootstrap", "share_bytes_per_field")


def figures_absent(reason: str) -> list[Figure]:
    return [
        Figure("sync_200", "end-of-day sync, 200 changes, local folder share", "s", "≤ 0.5 s", 0.5).absent(reason),
        Figure("bootstrap", "bootstrap a new laptop from the share (large dataset)", "s", "≤ 3 × floor", 3.0,
               target_kind="ratio", floor_label="copy the same bytes + bare executemany of the same rows"
               ).absent(reason),
        Figure("share_bytes_per_field", "bytes on the share per field change", "B", "report",
               target_kind="report").absent(reason),
    ]


def run(c: Any) -> list[Figure]:
    if not (module_present("pole_desktop.sync.engine") and module_present("pole_desktop.sync.folder")):
        return figures_absent("module absent: pole_desktop.sync.engine / sync.folder")
    return figures_absent("not measured yet")
