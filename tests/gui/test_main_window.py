"""Main window: navigation, placeholders, shortcuts dispatch, unsaved guard, settings, sync line."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select

from pole_desktop import clock
from pole_desktop.domain.local import ChangeLog, LocalState, SyncRun
from pole_desktop.gui import main_window as mw
from pole_desktop.gui.navigation import PAGES, Page
from pole_desktop.gui.screens.base import Screen
from pole_desktop.services import personnes


def test_every_page_opens_or_shows_a_french_placeholder(window):
    for page in PAGES:
        assert window.show_page(page.key)
        screen = window.current_screen()
        assert screen is not None and window.stack.currentWidget() is screen
        if isinstance(screen, mw.PlaceholderScreen):
            label = screen.findChild(QLabel, "placeholderMessage")
            assert label.text() == "Cet écran n'est pas disponible dans cette version."
    assert not isinstance(window.page("aujourdhui"), mw.PlaceholderScreen)
    assert not isinstance(window.page("dossiers"), mw.PlaceholderScreen)


def test_broken_page_module_gives_placeholder(ctx, qtbot):
    broken = Page("x", "Cassé", "pole_desktop.gui.screens.does_not_exist:Nope", "Alt+9")
    screen = mw.load_screen(broken, ctx)
    qtbot.addWidget(screen)
    assert isinstance(screen, mw.PlaceholderScreen)
    failing = Page("y", "Erreur", "pole_desktop.gui.navigation:Page", "Alt+9")  # wrong constructor args
    screen2 = mw.load_screen(failing, ctx)
    qtbot.addWidget(screen2)
    assert isinstance(screen2, mw.PlaceholderScreen)


def _activate(window, qtbot):
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_alt_digit_and_menu_navigation(window, qtbot):
    _activate(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.current_screen().key == "dossiers"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.current_screen().key == "aujourdhui"
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&Fichier", "&Édition", "Aller &à", "A&ide"]


class _Dirty(Screen):
    key = "dirty"
    title = "Brouillon"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.dirty = True
        self.saved = 0
        self.news = 0

    def has_unsaved_changes(self):
        return self.dirty

    def save(self):
        self.saved += 1
        self.dirty = False
        return True

    def new_item(self):
        self.news += 1


def _install_dirty(window, ctx):
    screen = _Dirty(ctx)
    window._pages["aujourdhui"] = screen
    window.stack.addWidget(screen)
    window._current_key = None
    window.show_page("dossiers")
    window.show_page("aujourdhui")
    screen.dirty = True
    return screen


def test_unsaved_guard_when_switching_page(window, ctx):
    screen = _install_dirty(window, ctx)
    answers = []
    window.confirm_unsaved = lambda _w, s: answers.append(s.title) or mw.CANCEL
    assert not window.show_page("dossiers")
    assert window.current_screen() is screen and answers == ["Brouillon"]
    assert window.nav.currentItem().data(Qt.ItemDataRole.UserRole) == "aujourdhui"
    window.confirm_unsaved = lambda *_: mw.SAVE
    assert window.show_page("dossiers")
    assert screen.saved == 1


def test_shortcuts_go_to_current_screen(window, ctx, qtbot):
    screen = _install_dirty(window, ctx)
    _activate(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert screen.saved == 1
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert screen.news == 1


def test_close_guard_and_geometry_saved(window, ctx):
    screen = _install_dirty(window, ctx)
    window.confirm_unsaved = lambda *_: mw.CANCEL
    window.show()
    assert not window.close()
    assert window.isVisible()
    window.confirm_unsaved = lambda *_: mw.DISCARD
    window.resize(1000, 650)
    assert window.close()
    assert screen.saved == 0
    settings = QSettings(str(ctx.db.data_dir.root / "interface.ini"), QSettings.Format.IniFormat)
    assert settings.value("window/geometry") is not None


def test_sync_indicator_pending_and_last_sync(window, ctx, qtbot):
    text = window.sync_indicator.text()
    assert "à envoyer" in text and text.endswith("jamais synchronisé")
    yesterday = clock.local_now().replace(hour=18, minute=4, second=0, microsecond=0) - dt.timedelta(days=1)
    with ctx.db.session() as s:
        s.add(SyncRun(started_at=yesterday, finished_at=yesterday, ok=True))
        top = s.scalar(select(func.max(ChangeLog.seq)))
        s.merge(LocalState(key="sync_pushed_seq", value=str(top)))
    window.refresh_sync_indicator()
    assert window.sync_indicator.text() == "Aucune modification à envoyer — dernière synchro hier 18:04"
    with ctx.db.session() as s:
        personnes.save_personne(s, {"nom": "Nouvelle", "prenom": "Fiche"})
    ctx.notify("personne")  # the window refreshes the line shortly after data changes
    qtbot.waitUntil(lambda: not window.sync_indicator.text().startswith("Aucune"))
    text = window.sync_indicator.text()
    assert text.endswith("modifications à envoyer — dernière synchro hier 18:04"), text
    assert not text.startswith("Aucune")


def test_add_menu_action(window):
    act = QAction("Paramètres…", window)
    window.add_menu_action("Fichier", act)
    fichier = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in fichier.actions()]
    assert texts.index("Paramètres…") < texts.index("&Quitter")
    window.add_menu_action("Outils", QAction("Vérifier", window))
    assert "Outils" in [a.text() for a in window.menuBar().actions()]


def test_one_compte_rendu_editor_per_rendez_vous(window, ctx):
    from pole_desktop.domain.models import RendezVous

    with ctx.db.read() as s:
        rdv_id = s.scalar(select(RendezVous.id).limit(1))
    window.open_compte_rendu(rdv_id)
    first = window.last_compte_rendu
    window.open_compte_rendu(rdv_id)
    assert window.last_compte_rendu is first and first.isVisible()
    first.saved = True
    first.close()
    window.open_compte_rendu(rdv_id)
    assert window.last_compte_rendu is not first
    window.last_compte_rendu.saved = True
    window.last_compte_rendu.close()


def _dossier(ctx) -> str:
    from pole_desktop.services import dossiers

    with ctx.db.session() as s:
        p = personnes.save_personne(s, {"nom": "Garnier", "prenom": "Inès"})
        return dossiers.create_dossier(s, {"dispositif": "dla", "titre": "Épicerie du Port",
                                           "commune_insee": "21231", "beneficiaires": [p.id]}).id


def _deferred(ctx, monkeypatch) -> list:
    """Make the db queue answer only when the test says so (as a busy real one does)."""
    later: list = []
    run = ctx.tasks.run
    monkeypatch.setattr(ctx.tasks, "run", lambda *a, **k: later.append((run, a, k)))
    return later


def _answer(later: list) -> None:
    while later:
        run, a, k = later.pop(0)
        run(*a, **k)


def test_leaving_a_dossier_waits_for_its_synthesis_to_be_written(window, ctx, qtbot, monkeypatch):
    from pole_desktop.domain.models import Dossier

    did = _dossier(ctx)
    page = window.open_dossier(did)
    title = page.synthese.ui.titreEdit
    title.setText("Épicerie solidaire du Port")
    title.textEdited.emit(title.text())
    assert page.has_unsaved_changes()
    window.confirm_unsaved = lambda *_: mw.SAVE
    later = _deferred(ctx, monkeypatch)
    assert not window.show_page("dossiers")  # the write is queued: the page stays, still dirty
    assert window.current_screen() is page and page.has_unsaved_changes() and page.saving() is not None
    assert title.text() == "Épicerie solidaire du Port"
    monkeypatch.undo()
    _answer(later)  # committed: the form is clean, and the window goes where the user asked
    qtbot.waitUntil(lambda: window.current_screen() is not page, timeout=2000)
    assert not page.has_unsaved_changes()
    with ctx.db.read() as s:
        assert s.get(Dossier, did).titre == "Épicerie solidaire du Port"


def test_a_refused_synthesis_keeps_the_page_and_the_typed_text(window, ctx, monkeypatch):
    did = _dossier(ctx)
    page = window.open_dossier(did)
    title = page.synthese.ui.titreEdit
    title.setText("")  # a dossier needs a title
    title.textEdited.emit("")
    window.confirm_unsaved = lambda *_: mw.SAVE
    later = _deferred(ctx, monkeypatch)
    assert not window.close_dossier(f"dossier:{did}")
    monkeypatch.undo()
    _answer(later)
    assert window.current_screen() is page and page.has_unsaved_changes()  # refused: nothing left, nothing lost
    assert page.synthese.ui.titreError.text() and window.statusBar().currentMessage() == "Enregistrement en cours…"
