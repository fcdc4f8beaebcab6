"""Work-arounds for defects of the Qt binding found on our machines.

PySide6 6.12.0 with Python 3.11 drops one reference to ``None`` on every call of a Qt method
returning void (``setToolTip``, ``setObjectName``, ``setCheckState``…). ``None`` starts with a
few thousand references, so after a few thousand such calls the interpreter aborts with
"Fatal Python error: none_dealloc" — the window vanishes mid-work. PySide6 6.11.3 does not have
the defect, and from Python 3.12 ``None`` is immortal (PEP 683), so the guard is a no-op there.

``protect_none_refcount()`` probes for the leak and, only when it is present, gives ``None`` an
enormous reference count so that it can never reach zero. Call it once, right after creating the
QApplication (the app, the screenshot script and the GUI tests do).
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

PROBE_CALLS = 64
_installed = False


def none_leak_per_call() -> float:
    """References to None lost per void Qt call (0 on a sound binding)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("probe")
    return (before - sys.getrefcount(None)) / PROBE_CALLS


def protect_none_refcount() -> bool:
    """Returns True when the leak was found and neutralised (once per process)."""
    global _installed
    if _installed:
        return True
    if sys.version_info >= (3, 12):
        return False
    if none_leak_per_call() < 0.5:
        return False
    # CPython ≤ 3.11: ob_refcnt is the first field of every object.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    # The same binding also loses references to True and False somewhere (the whole test suite
    # aborted at exit with "bool_dealloc" while each half passed): protect them the same way.
    for singleton in (True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40
    _installed = True
    log.warning("PySide6 %s loses references to None on each call: guard installed", _version())
    return True


def _version() -> str:
    import PySide6

    return PySide6.__version__
