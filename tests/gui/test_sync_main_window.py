"""The Synchronisation page and the sync watcher inside the real main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt


def test_the_page_is_the_sync_screen(window) -> None:
    from pole_desktop.gui.screens.sync import SyncScreen

    assert window.show_page("synchronisation")
    screen = window.current_screen()
    assert isinstance(screen, SyncScreen)
    assert "Aucun partage n'est configuré" in screen.state.text()


def test_watcher_offer_in_the_main_window(window, ctx, qtbot, tmp_path: Path) -> None:
    from pole_desktop.gui.sync_watcher import OFFER_FR, install_sync_watcher
    from pole_desktop.sync.config import ShareConfig, save_share_config

    share = tmp_path / "partage"
    share.mkdir()
    save_share_config(ctx.db, ShareConfig(kind="folder", path=str(share)))
    window.show()
    watcher = install_sync_watcher(window, ctx, start=False)
    with qtbot.waitSignal(watcher.offer_sync, timeout=10_000):  # the demo data waits to be sent
        watcher.check_now()
    assert watcher.bar.isVisible() and watcher.bar.label.text().startswith(OFFER_FR)
    with qtbot.waitSignal(watcher.offer.finished, timeout=60_000) as blocker:
        qtbot.mouseClick(watcher.bar.sync_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].ok, blocker.args[0].error
    qtbot.waitUntil(lambda: window.sync_indicator.text().startswith("Aucune modification à envoyer"))
