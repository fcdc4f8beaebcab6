"""Helpers for the test suite: system components (Samba, Secret Service), test keyrings.

The fixtures themselves are declared in ``tests/conftest.py``; this package holds the code behind
them so that it can also be used directly (``from tests.infra import require``).
"""

from tests.infra.components import in_ci, require

__all__ = ["in_ci", "require"]
