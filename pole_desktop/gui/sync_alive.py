"""Background results may arrive after the widget that asked for them was closed: drop them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject


def alive(owner: QObject, fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` called only while ``owner``'s C++ object still exists."""

    def call(*args: Any) -> Any:
        if shiboken6.isValid(owner):
            return fn(*args)
        return None

    return call
