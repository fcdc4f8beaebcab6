"""Locate the files shipped in the repository's ``resources/`` folder.

From a source checkout, resources live in ``<repo root>/resources``; in a PyInstaller bundle they
are collected into ``<sys._MEIPASS>/resources`` (the spec must add ``("resources", "resources")``
to ``datas``).
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["resource_path", "resources_root"]


def resources_root() -> Path:
    """Return the folder holding the shipped resources (bundle or source checkout)."""
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if bundle_dir is not None:
        return Path(bundle_dir) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Return the path of a shipped resource, e.g. ``resource_path("territoire", "communes_21.csv")``.

    The path is not checked for existence.
    """
    return resources_root().joinpath(*parts)
