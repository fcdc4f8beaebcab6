"""Skip on a developer's machine, fail in CI, when a system component is missing."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def in_ci() -> bool:
    """True in CI (``CI=true``, as set by the CI runner and by ``.ci/run``)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1"}


def require(component: str, reason: str) -> NoReturn:
    """Stop the current test because ``component`` is not usable here.

    On a developer's machine the test is skipped; in CI (``CI=true``), where ``.ci/run`` installs
    and starts every component, a missing one is a failure, never a silent skip.
    """
    message = f"{component} unavailable: {reason}"
    if in_ci():
        pytest.fail(f"{message} (CI=true: .ci/run must provide it)", pytrace=False)
    pytest.skip(f"{message} (skipped outside CI only; fails under CI=true)")
