"""Hybrid Logical Clock (Kulkarni et al.): wall-clock milliseconds + a counter.

Timestamps are fixed-width text (``"000001764150000123.00004"``) so that text order is
time order; ties between devices are broken by the device id (see ``winner``).
The last value is persisted by the journal in ``local_state`` in the same transaction as
the changes it stamps, so the clock never goes backwards across restarts, even when the
laptop's clock does. A remote timestamp far in the future is *accepted* (refusing it would
split the team) — the clock follows it and :func:`skew_ms` lets the UI warn.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

WALL_DIGITS = 18
COUNTER_DIGITS = 5
MAX_COUNTER = 10**COUNTER_DIGITS - 1


@dataclass(frozen=True, order=True)
class Timestamp:
    wall_ms: int
    counter: int

    def __str__(self) -> str:
        return f"{self.wall_ms:0{WALL_DIGITS}d}.{self.counter:0{COUNTER_DIGITS}d}"

    @classmethod
    def parse(cls, text: str) -> Timestamp:
        wall, _, counter = text.partition(".")
        if (
            len(wall) != WALL_DIGITS
            or len(counter) != COUNTER_DIGITS
            or not wall.isdigit()
            or not counter.isdigit()
        ):
            raise ValueError(f"horodatage HLC invalide : {text!r}")
        return cls(int(wall), int(counter))


def is_valid(text: object) -> bool:
    if not isinstance(text, str):
        return False
    try:
        Timestamp.parse(text)
    except ValueError:
        return False
    return True


def now_ms() -> int:
    return int(time.time() * 1000)


class HybridLogicalClock:
    def __init__(self, last: str | None = None, clock: Callable[[], int] = now_ms) -> None:
        self._clock = clock
        self._last = Timestamp.parse(last) if last else Timestamp(0, 0)

    @property
    def last(self) -> str:
        return str(self._last)

    def tick(self) -> str:
        """A new timestamp for a local event, greater than every one seen so far."""
        wall = self._clock()
        if wall > self._last.wall_ms:
            self._last = Timestamp(wall, 0)
        else:
            self._bump(self._last.wall_ms, self._last.counter + 1)
        return str(self._last)

    def observe(self, remote: str) -> None:
        """Merge a timestamp received from another device."""
        r = Timestamp.parse(remote)
        wall = self._clock()
        top = max(wall, self._last.wall_ms, r.wall_ms)
        if top == self._last.wall_ms == r.wall_ms:
            counter = max(self._last.counter, r.counter) + 1
        elif top == self._last.wall_ms:
            counter = self._last.counter + 1
        elif top == r.wall_ms:
            counter = r.counter + 1
        else:
            counter = 0
        self._bump(top, counter)

    def catch_up(self, persisted: str) -> None:
        """Never fall behind a value persisted by another process or thread."""
        p = Timestamp.parse(persisted)
        if p > self._last:
            self._last = p

    def _bump(self, wall: int, counter: int) -> None:
        if counter > MAX_COUNTER:  # more than 100k events in one millisecond: borrow the next ms
            wall, counter = wall + 1, 0
        self._last = Timestamp(wall, counter)


def skew_ms(remote: str, wall_ms: int | None = None) -> int:
    """How far ``remote`` is ahead of this machine's clock (negative: behind)."""
    return Timestamp.parse(remote).wall_ms - (now_ms() if wall_ms is None else wall_ms)


def winner(a: tuple[str, str], b: tuple[str, str]) -> tuple[str, str]:
    """The winning (hlc, device_id) of two versions of a field: max HLC, then max device id."""
    return max(a, b)
