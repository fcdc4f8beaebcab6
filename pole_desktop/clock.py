"""The one clock of the application: every business date and time is read here.

Services, the demo generator, reports, retention, documents, the sync's wall-clock readings and
the screens ask this module for "now" and "today" — never ``datetime.now()`` or ``date.today()``
(a test scans the package for such calls). The Hybrid Logical Clock and measured durations keep
their own epoch/monotonic reads: they order events and time work, they are not business dates.

Times are those of Europe/Paris (the association's), whatever the laptop's time zone:

- :func:`now` — an aware datetime in Europe/Paris;
- :func:`local_now` — the same wall time, naive, to the second: what the database columns store
  (a rendez-vous at « 14:30 » is 14:30 in Dijon);
- :func:`today` — the date in Dijon;
- :func:`utc_now` — an aware UTC datetime, for timestamps written on the share.

**A fixed clock for tests and demos.** ``POLE_DESKTOP_CLOCK`` (read by this module only) moves the
clock of a whole process tree: ``2028-02-29`` starts the day at 10:00 in Dijon,
``2027-03-28T01:55`` (or with an offset, ``…+01:00``) at that wall time; ``…@EPOCH`` says at
which real Unix time that instant was (the test suite exports it so that every subprocess it
starts agrees to the second with it). The clock then runs on at the real pace: durations, the
night the clocks change and midnight all happen as they would. In-process, :func:`set_fixed`
does the same (tests use the ``clock`` fixture of ``tests/conftest.py``).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
ENV_VAR = "POLE_DESKTOP_CLOCK"
DEFAULT_FIXED_HOUR = dt.time(10, 0)


class _Anchor:
    """A fixed instant ``start`` that was the time at the real Unix time ``real_epoch``."""

    __slots__ = ("real_epoch", "start", "_start_utc")

    def __init__(self, start: dt.datetime, real_epoch: float) -> None:
        self.start = start
        self.real_epoch = real_epoch
        self._start_utc = start.astimezone(dt.UTC)

    def now(self) -> dt.datetime:
        # In UTC: adding to an aware Paris time would be wall-clock arithmetic (wrong across a DST change).
        return (self._start_utc + dt.timedelta(seconds=time.time() - self.real_epoch)).astimezone(PARIS)


_anchor: _Anchor | None = None


def parse_instant(text: str) -> dt.datetime:
    """``AAAA-MM-JJ`` (10:00 that day in Dijon), or an ISO date-time (naive = Dijon's wall time)."""
    text = text.strip()
    if len(text) == 10:
        day = dt.date.fromisoformat(text)
        return dt.datetime.combine(day, DEFAULT_FIXED_HOUR, tzinfo=PARIS)
    value = dt.datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=PARIS)


def environment_value(start: dt.datetime, real_epoch: float | None = None) -> str:
    """The ``POLE_DESKTOP_CLOCK`` value that gives subprocesses the same clock as :func:`set_fixed`."""
    epoch = time.time() if real_epoch is None else real_epoch
    return f"{start.isoformat()}@{epoch:.6f}"


def _from_environment() -> _Anchor | None:
    raw = os.environ.get(ENV_VAR, "").strip()
    if not raw:
        return None
    text, _, epoch = raw.partition("@")
    try:
        start = parse_instant(text)
        real_epoch = float(epoch) if epoch else time.time()
    except ValueError as e:
        raise SystemExit(f"{ENV_VAR}={raw!r} : date invalide (attendu AAAA-MM-JJ ou AAAA-MM-JJTHH:MM).") from e
    return _Anchor(start, real_epoch)


def set_fixed(start: dt.datetime | dt.date | None, real_epoch: float | None = None) -> None:
    """Fix the clock at ``start`` (it runs on from there), or give back the real one with ``None``."""
    global _anchor
    if start is None:
        _anchor = None
        return
    if not isinstance(start, dt.datetime):
        start = dt.datetime.combine(start, DEFAULT_FIXED_HOUR, tzinfo=PARIS)
    elif start.tzinfo is None:
        start = start.replace(tzinfo=PARIS)
    _anchor = _Anchor(start, time.time() if real_epoch is None else real_epoch)


def fixed_start() -> dt.datetime | None:
    """The instant the clock was fixed at, or ``None`` when it is the real one."""
    return _anchor.start if _anchor else None


def now() -> dt.datetime:
    """Now, aware, in Europe/Paris."""
    if _anchor is not None:
        return _anchor.now()
    return dt.datetime.now(PARIS)


def local_now() -> dt.datetime:
    """Now as Dijon's naive wall time, to the second (what the database stores)."""
    return now().replace(tzinfo=None, microsecond=0)


def today() -> dt.date:
    """Today's date in Dijon."""
    return now().date()


def utc_now() -> dt.datetime:
    """Now, aware, in UTC, to the second (timestamps on the share)."""
    return now().astimezone(dt.UTC).replace(microsecond=0)


def from_epoch_ms(ms: int) -> dt.datetime:
    """A Unix time in milliseconds (an HLC's wall part) as Dijon's naive wall time."""
    return dt.datetime.fromtimestamp(ms / 1000, PARIS).replace(tzinfo=None)


def stamp() -> str:
    """A file-name time stamp ``AAAAMMJJ-HHMMSS-ffffff`` in Dijon's wall time."""
    return now().strftime("%Y%m%d-%H%M%S-%f")


_anchor = _from_environment()
