"""Entry points of packages that land while the benchmark is written (documents, reports, sync).

Each function returns ``(callable, description)`` or None when the module is absent, so the
table says "n/a (module absent)" instead of crashing.
"""

from __future__ import annotations

from typing import Any

from bench.core import module_present


def compte_rendu() -> tuple[Any, str] | None:
    if not module_present("pole_desktop.documents"):
        return None
    return None


def bilan() -> tuple[Any, str] | None:
    if not module_present("pole_desktop.reports"):
        return None
    return None
