"""The application log: events and counts only, never personal data.

``setup_logging(data_dir)`` sends the ``pole_desktop`` loggers to a rotating file in
``<data dir>/journaux/pole-desktop.log`` (1 Mio × 5). Rules for every ``log.*`` call in the
code: name the event and give counts or types (``type(e).__name__``), never a value typed by
a user, a name, a path inside the data, a key or an SQL statement with parameters. SQLAlchemy's
SQL echo stays off (its loggers are capped at WARNING).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

LOG_NAME = "pole-desktop.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """The log files are owner-only (0600), the current one and every rotated one."""

    def _open(self):  # noqa: ANN202
        if os.name != "nt":
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.close(fd)
            os.chmod(self.baseFilename, 0o600)
        return super()._open()


class SafeFormatter(logging.Formatter):
    """Tracebacks keep their frames (file, line, function) but not the exception's message,
    which may quote a value (a name in a constraint error, a path…)."""

    def formatException(self, ei) -> str:  # noqa: ANN001, N802
        import traceback

        etype, _value, tb = ei
        frames = "".join(traceback.format_tb(tb)) if tb else ""
        return f"Traceback (most recent call last):\n{frames}{etype.__module__}.{etype.__qualname__} (message omis)"


def log_file(logs_dir: Path) -> Path:
    return Path(logs_dir) / LOG_NAME


def setup_logging(logs_dir: Path, level: int = logging.INFO) -> Path:
    """Install (once per file) the rotating file handler on the ``pole_desktop`` logger."""
    logs_dir = Path(logs_dir)
    logs_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = log_file(logs_dir).resolve()
    root = logging.getLogger("pole_desktop")
    root.setLevel(level)
    for h in list(root.handlers):
        if isinstance(h, logging.handlers.RotatingFileHandler):
            if Path(h.baseFilename) == path:
                return path
            root.removeHandler(h)  # one data directory per process at a time
            h.close()
    handler = PrivateRotatingFileHandler(path, maxBytes=1 << 20, backupCount=5, encoding="utf-8")
    handler.setFormatter(SafeFormatter(_FORMAT))
    root.addHandler(handler)
    for name in ("sqlalchemy", "sqlalchemy.engine", "sqlalchemy.pool", "alembic"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return path


def flush() -> None:
    for h in logging.getLogger("pole_desktop").handlers:
        h.flush()
