"""Notice when the head-office share comes back, and offer a sync without getting in the way.

``SyncWatcher(ctx, parent)`` checks every 60 s, on the ``net`` queue, whether the configured share
answers. When it becomes reachable after being unreachable (or unknown, at start-up) and this
laptop has changes to send, it emits ``offer_sync``.

``install_sync_watcher(main_window, ctx)`` wires it to the main window: a small bar in the status
bar « Le partage est accessible : synchroniser maintenant ? » with « Synchroniser » / « Plus
tard »; the sync runs in the background and its result is shown in the status bar, then
``main_window.refresh_sync_indicator()`` is called when the window has it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from pole_desktop.gui import sync_jobs
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.sync_alive import alive
from pole_desktop.gui.tasks import CancelToken
from pole_desktop.sync.receipt import Receipt

CHECK_INTERVAL_MS = 60_000
OFFER_FR = "Le partage est accessible : synchroniser maintenant ?"


class SyncWatcher(QObject):
    offer_sync = Signal(int)  # number of local changes waiting to be sent
    reachability_changed = Signal(bool)
    checked = Signal(bool, str)  # after every check: reachable, French message

    def __init__(
        self, ctx: AppContext, parent: QObject | None = None, *, interval_ms: int = CHECK_INTERVAL_MS
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reachable: bool | None = None  # unknown until the first check
        self._checking = False
        self.paused = False  # set while a sync runs: no check competes with it
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check_now)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.check_now)

    def stop(self) -> None:
        self.timer.stop()

    def check_now(self) -> None:
        if self._checking or self.paused:
            return
        self._checking = True
        db = self.ctx.db

        def job(_t: Any, _r: Any) -> sync_jobs.CheckResult:
            return sync_jobs.check_share(db)

        self.ctx.tasks.run(job, alive(self, self._checked), alive(self, self._failed), queue="net")

    def _failed(self, error: BaseException) -> None:
        self._checked(sync_jobs.CheckResult(False, str(error)))

    def _checked(self, result: sync_jobs.CheckResult) -> None:
        self._checking = False
        was = self.reachable
        self.reachable = result.ok
        if was is not result.ok:
            self.reachability_changed.emit(result.ok)
        self.checked.emit(result.ok, result.message)
        if result.ok and was is not True and result.pending > 0:
            self.offer_sync.emit(result.pending)


class SyncOfferBar(QFrame):
    """The non-blocking question shown in the status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncOfferBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        self.label = QLabel(OFFER_FR)
        self.sync_button = QPushButton("Synchroniser")
        self.sync_button.setObjectName("offer_sync")
        self.later_button = QPushButton("Plus tard")
        self.later_button.setObjectName("offer_later")
        layout.addWidget(self.label)
        layout.addWidget(self.sync_button)
        layout.addWidget(self.later_button)
        self.hide()


class _Offer(QObject):
    """Glue between the watcher, the bar and the main window."""

    finished = Signal(object)  # Receipt

    def __init__(self, main_window: Any, ctx: AppContext, watcher: SyncWatcher, bar: SyncOfferBar) -> None:
        super().__init__(main_window)
        self.window = main_window
        self.ctx = ctx
        self.watcher = watcher
        self.bar = bar
        self.token: CancelToken | None = None
        watcher.offer_sync.connect(self.show_offer)
        watcher.reachability_changed.connect(lambda ok: None if ok else bar.hide())
        bar.sync_button.clicked.connect(self.sync_now)
        bar.later_button.clicked.connect(bar.hide)
        ctx.events.changed.connect(self._on_changed)

    def _on_changed(self, tables: object) -> None:
        # A sync ran (from the Synchronisation page or elsewhere): the count offered is stale.
        if isinstance(tables, set) and "sync_run" in tables and self.token is None:
            self.bar.hide()

    def show_offer(self, pending: int) -> None:
        if self.token is not None:
            return
        from pole_desktop.formatting import plural

        self.bar.label.setText(f"{OFFER_FR} ({plural(pending, 'modification')} à envoyer)")
        self.bar.show()

    def sync_now(self) -> None:
        if self.token is not None:
            return
        self.bar.hide()
        self.watcher.paused = True
        status = self.window.statusBar()
        status.showMessage("Synchronisation en cours…")
        self.token = CancelToken()

        def progress(done: int, total: int, text: str) -> None:
            if text:
                status.showMessage(text)

        self.ctx.tasks.run(
            sync_jobs.sync_job(self.ctx.db),
            alive(self, self._done),
            alive(self, self._failed),
            queue="net",
            token=self.token,
            progress=alive(self, progress),
        )

    def _failed(self, error: BaseException) -> None:
        from pole_desktop.errors import user_message

        self._done(Receipt(ok=False, error=user_message(error)))

    def _done(self, receipt: Receipt) -> None:
        self.token = None
        self.watcher.paused = False
        self.window.statusBar().showMessage(receipt.summary_fr().splitlines()[0], 15_000)
        tables = ["sync_run", "conflict", "local_state"]
        if receipt.received or receipt.conflicts:
            from pole_desktop.domain import synced_tables

            tables += sorted(synced_tables())
        self.ctx.notify(*tables)
        refresh = getattr(self.window, "refresh_sync_indicator", None)
        if callable(refresh):
            refresh()
        self.finished.emit(receipt)


def install_sync_watcher(main_window: Any, ctx: AppContext, *, start: bool = True) -> SyncWatcher:
    """Create the watcher and the status-bar offer for ``main_window``; returns the watcher
    (``watcher.offer`` is the glue, ``watcher.bar`` the bar)."""
    watcher = SyncWatcher(ctx, main_window)
    bar = SyncOfferBar()
    status = main_window.statusBar()
    status.addWidget(bar, 1)
    if main_window.isVisible() and not status.isVisible():
        status.show()  # a status bar created after the window was shown stays hidden otherwise
    watcher.bar = bar  # type: ignore[attr-defined]
    watcher.offer = _Offer(main_window, ctx, watcher, bar)  # type: ignore[attr-defined]
    if start:
        watcher.start()
    return watcher
