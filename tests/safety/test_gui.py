"""The data-safety dialogs, driven with qtbot on real encrypted data directories."""

from __future__ import annotations

import datetime as dt
import os
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow
from sqlalchemy import select

from pole_desktop import clock
from pole_desktop.domain import models as m
from pole_desktop.gui.qt_workarounds import protect_none_refcount  # noqa: E402
from pole_desktop.safety import backups, retention
from pole_desktop.safety.backups import backup_before
from pole_desktop.services.info import info

protect_none_refcount()  # PySide6 6.12.0 on Python 3.11 (see gui/qt_workarounds.py)

SHOTS = os.environ.get("POLE_SHOTS")  # a folder: save screenshots of the dialogs there


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, f"{name}.png"))


@pytest.fixture
def ctx(encrypted_db):
    notified = []
    from pole_desktop.gui.context import DataEvents
    from pole_desktop.gui.tasks import TaskRunner

    # Screens read and write through gui/ops on ``tasks`` (synchronous here: no sleeps); run_write
    # announces the tables a write touched on ``events.changed``.
    events = DataEvents()
    events.changed.connect(lambda t: notified.append(set(t)))
    return SimpleNamespace(db=encrypted_db, tasks=TaskRunner(synchronous=True), events=events,
                           notify=lambda *t: notified.append(set(t)), notified=notified)


def test_restore_yesterday_in_three_clicks(qtbot, ctx):
    from pole_desktop.gui.dialogs.restore_dialog import RestoreDialog
    from pole_desktop.gui.dialogs.safety_menu import install_safety_menu

    db = ctx.db
    yesterday_digest = info(db)["digest"]
    made = backup_before(db, "quotidienne")
    stamp = (clock.local_now() - dt.timedelta(days=1)).strftime("%Y%m%d-%H%M%S")
    made.rename(made.with_name(f"quotidienne-{stamp}.db"))  # as if made yesterday
    with db.session() as s:
        s.add(m.Personne(nom="Saisie-Du-Jour", prenom="Léa"))
    assert info(db)["digest"] != yesterday_digest
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = install_safety_menu(window, ctx)
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Restaurer une sauvegarde…", "Sauvegarder maintenant", "Conservation des données…"]
    # Click 1: the menu entry.
    menu.actions()[0].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, RestoreDialog) and w.isVisible())
    qtbot.addWidget(dialog)
    assert dialog.selected().created.date() == clock.today() - dt.timedelta(days=1)
    assert "quotidienne" in dialog.table.item(dialog.table.currentRow(), 1).text()
    _shot(dialog, "restauration-liste")
    # Click 2: « Restaurer… »; click 3: « Oui, restaurer ».
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 1 and "avant restauration" in dialog.question.text()
    _shot(dialog, "restauration-confirmation")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 2 and "restaurées" in dialog.result.text()
    assert info(db)["digest"] == yesterday_digest
    assert any(b.kind == "avant-restauration" for b in backups.list_backups(db))
    assert ctx.notified and "dossier" in ctx.notified[-1]


def test_backup_now_from_the_menu(qtbot, ctx):
    from pole_desktop.gui.dialogs.safety_menu import install_safety_menu

    window = QMainWindow()
    qtbot.addWidget(window)
    menu = install_safety_menu(window, ctx)
    n = len(backups.list_backups(ctx.db))
    menu.actions()[1].trigger()
    assert len(backups.list_backups(ctx.db)) == n + 1
    assert "vérifiée" in window.statusBar().currentMessage()


def _person_with_links(db) -> tuple[str, str]:
    with db.read() as s:
        pid = s.scalar(select(m.DossierBeneficiaire.personne_id).limit(1))
        return pid, s.get(m.Personne, pid).nom


def test_person_privacy_dialog_consent_export_erase(qtbot, ctx, tmp_path):
    from pole_desktop.gui.dialogs.safety_menu import open_person_privacy

    pid, name = _person_with_links(ctx.db)
    dialog = open_person_privacy(ctx, pid)
    qtbot.addWidget(dialog)
    assert dialog.audit.rowCount() > 0
    # Consent.
    dialog.consent_known.setChecked(True)
    dialog.consent_scope.setText("Suivi et statistiques anonymes")
    dialog.consent_how.setCurrentText("Courriel")
    qtbot.mouseClick(dialog.consent_save, Qt.MouseButton.LeftButton)
    with ctx.db.read() as s:
        assert s.get(m.Personne, pid).consentement_moyen == "Courriel"
    _shot(dialog, "personne-consentement")
    # Export through the (replaced) file dialog.
    dialog.choose_pdf_path = lambda suggested: str(tmp_path / "export.pdf")
    dialog.tabs.setCurrentIndex(1)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    pdf, js = tmp_path / "export.pdf", tmp_path / "export.json"
    assert pdf.read_bytes().startswith(b"%PDF") and name in js.read_text(encoding="utf-8")
    # Erasure: disabled until the name is typed.
    dialog.tabs.setCurrentIndex(2)
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.erase_confirm, "quelqu'un d'autre")
    assert not dialog.erase_button.isEnabled()
    dialog.erase_confirm.clear()
    qtbot.keyClicks(dialog.erase_confirm, name)
    assert dialog.erase_button.isEnabled()
    _shot(dialog, "personne-effacement")
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    with ctx.db.read() as s:
        p = s.get(m.Personne, pid)
        assert p.anonymise and p.nom != name
        assert s.scalar(select(m.Effacement).where(m.Effacement.personne_id == pid)) is not None
    assert "effacée" in dialog.message.text() and not dialog.erase_button.isEnabled()
    assert {"personne", "effacement"} <= ctx.notified[-1]  # the screens showing what it wrote refresh


def test_retention_dialog_purges_only_checked_rows(qtbot, ctx):
    from pole_desktop.gui.dialogs.retention_dialog import RetentionDialog
    from tests.safety.test_gdpr import _close_old

    db = ctx.db
    with db.session() as s:
        ids = sorted(s.scalars(select(m.Dossier.id)))[:3]
        _close_old(s, ids, dt.date(2020, 3, 1))
    dialog = RetentionDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    assert not dialog.purge_button.isEnabled()
    dialog.table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    assert dialog.purge_button.isEnabled()
    target = dialog.checked_ids()
    asked = []
    dialog.confirm = lambda text: asked.append(text) or False  # « Non »: nothing happens
    qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)
    with db.read() as s:
        assert s.get(m.Dossier, target[0]) is not None
    dialog.confirm = lambda text: asked.append(text) or True
    _shot(dialog, "conservation")
    qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and "1 dossier" in asked[0]
    with db.read() as s:
        assert s.get(m.Dossier, target[0]) is None
        assert sum(s.get(m.Dossier, i) is not None for i in ids) == 2
        assert len(retention.review_list(s)) == 2
    assert dialog.table.rowCount() == 2 and "purgé" in dialog.message.text()


def test_audit_dialog_for_a_dossier(qtbot, ctx):
    from pole_desktop.gui.dialogs.audit_dialog import AuditDialog

    with ctx.db.read() as s:
        d = s.scalars(select(m.Dossier)).first()
        did, ref = d.id, d.reference
    with ctx.db.session() as s:
        s.get(m.Dossier, did).titre = "Nouveau titre du projet"
    dialog = AuditDialog(ctx, "dossier", did, ref)
    qtbot.addWidget(dialog)
    rows = [[dialog.table.item(i, j).text() for j in range(5)] for i in range(dialog.table.rowCount())]
    assert rows[0][2] == "Dossier — titre" and rows[0][4] == "Nouveau titre du projet"
    assert rows[0][1] == "Claire Moreau" or rows[0][1].startswith("poste")
    _shot(dialog, "historique-dossier")


def test_passphrase_dialog(qtbot):
    from pole_desktop.gui.dialogs.passphrase_dialog import PassphraseDialog
    from pole_desktop.safety.keys import NO_KEYRING_MESSAGE

    d = PassphraseDialog(NO_KEYRING_MESSAGE, True)
    qtbot.addWidget(d)
    d.phrase.setText("une phrase assez longue")
    d.confirm.setText("une autre phrase")
    d._accept()
    assert "différentes" in d.error.text() and d.result() == 0
    d.phrase.setText("court")
    d.confirm.setText("court")
    d._accept()
    assert "au moins" in d.error.text()
    d.phrase.setText("une phrase assez longue")
    d.confirm.setText("une phrase assez longue")
    _shot(d, "phrase-de-passe")
    d._accept()
    assert d.result() == 1 and d.value() == "une phrase assez longue"


def test_safety_menu_in_the_real_main_window(qtbot, encrypted_db):
    from pole_desktop.gui.context import AppContext
    from pole_desktop.gui.dialogs.safety_menu import install_safety_menu
    from pole_desktop.gui.layout_state import open_settings
    from pole_desktop.gui.main_window import MainWindow
    from pole_desktop.gui.tasks import TaskRunner

    ctx = AppContext(db=encrypted_db, tasks=TaskRunner(synchronous=True),
                     settings=open_settings(encrypted_db.data_dir.root))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    menu = install_safety_menu(window, ctx)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("Données") < titles.index("A&ide")
    assert [a.text() for a in menu.actions()] == [
        "Restaurer une sauvegarde…", "Sauvegarder maintenant", "Conservation des données…"]


def test_daily_backup_runs_on_the_db_queue(qtbot, data_dir):
    from pole_desktop.gui.dialogs.safety_menu import start_daily_backup
    from pole_desktop.gui.tasks import TaskRunner
    from pole_desktop.safety.opening import open_database

    db = open_database(data_dir, daily_backup=False)
    try:
        assert backups.list_backups(db) == []
        window = QMainWindow()
        qtbot.addWidget(window)
        ctx = SimpleNamespace(db=db, tasks=TaskRunner())
        start_daily_backup(ctx, window)
        qtbot.waitUntil(lambda: "quotidienne" in window.statusBar().currentMessage(), timeout=20000)
        assert [b.kind for b in backups.list_backups(db)] == ["quotidienne"]
        ctx.tasks.shutdown()
    finally:
        db.close()
