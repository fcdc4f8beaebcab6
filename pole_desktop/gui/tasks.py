"""Run work in the background and call back on the GUI thread.

Two single-thread queues, as in Anki's task manager: ``db`` for database jobs (one at a
time, in order) and ``net`` for sync/network jobs, so a long sync never blocks a database
read. Widgets are never touched from a worker: ``on_done``/``on_error`` run on the GUI
thread. Cancellation is cooperative (the job checks ``token.cancelled``).

Tests can make everything synchronous with ``TaskRunner(synchronous=True)``.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot


@dataclass
class CancelToken:
    _event: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


class _Bridge(QObject):
    """Carries results from worker threads to the GUI thread (queued signal)."""

    deliver = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.deliver.connect(self._run)

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        fn()


class TaskRunner:
    def __init__(self, synchronous: bool = False) -> None:
        self.synchronous = synchronous
        self._bridge = _Bridge()
        self._pools = {
            "db": ThreadPoolExecutor(max_workers=1, thread_name_prefix="pole-db"),
            "net": ThreadPoolExecutor(max_workers=1, thread_name_prefix="pole-net"),
        }
        self._pending: set[Future[Any]] = set()

    def run(
        self,
        job: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        queue: str = "db",
        token: CancelToken | None = None,
        progress: Callable[[int, int, str], None] | None = None,
    ) -> CancelToken:
        """Run ``job(token, report)`` in the background; ``report(done, total, text)`` forwards
        progress to ``progress`` on the GUI thread. Returns the cancel token."""
        token = token or CancelToken()

        def report(done: int, total: int, text: str = "") -> None:
            if progress is not None:
                self._post(lambda: progress(done, total, text))

        def work() -> None:
            try:
                result = job(token, report)
            except BaseException as e:  # noqa: BLE001 - delivered to on_error on the GUI thread
                traceback.print_exc()
                if on_error is not None:
                    self._post(lambda e=e: on_error(e))
                return
            if on_done is not None:
                self._post(lambda: on_done(result))

        if self.synchronous:
            work()
        else:
            fut = self._pools[queue].submit(work)
            self._pending.add(fut)
            fut.add_done_callback(self._pending.discard)
        return token

    def _post(self, fn: Callable[[], None]) -> None:
        if self.synchronous:
            fn()
        else:
            self._bridge.deliver.emit(fn)

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Block until queued jobs finished (tests and shutdown)."""
        for fut in list(self._pending):
            fut.result(timeout=timeout)

    def shutdown(self) -> None:
        for pool in self._pools.values():
            pool.shutdown(wait=True, cancel_futures=False)
