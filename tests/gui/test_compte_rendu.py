"""Compte-rendu editor: recorded with its actions; drafts survive the dialog being destroyed
and a hard kill (a brand-new Database on the same files)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from pole_desktop.domain.local import Draft
from pole_desktop.domain.models import Action, RendezVous
from pole_desktop.gui.dialogs.compte_rendu import CompteRenduDialog, draft_key, parse_duration
from pole_desktop.safety.opening import open_database
from pole_desktop.services import drafts
from pole_desktop.services import rendez_vous as rdv_service


@pytest.fixture
def rdv_id(ctx):
    with ctx.db.read() as s:
        dossier_id = s.scalar(select(RendezVous.dossier_id).where(RendezVous.dossier_id.is_not(None)).limit(1))
    with ctx.db.session() as s:
        return rdv_service.plan_rendez_vous(s, {"dossier_id": dossier_id,
                                                "debut": dt.datetime(2026, 11, 26, 14, 30)}).id


def _type(widget, text):
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def _dialog(ctx, qtbot, rdv_id):
    d = CompteRenduDialog(ctx, rdv_id)
    qtbot.addWidget(d)
    d.confirm_discard = lambda *_: pytest.fail("unexpected discard question")
    return d


def _draft(db, rdv_id):
    with db.read() as s:
        return drafts.load_draft(s, draft_key(rdv_id))


def test_write_compte_rendu_with_two_actions(ctx, qtbot, rdv_id):
    d = _dialog(ctx, qtbot, rdv_id)
    d.ui.objetEdit.setText("Point sur le modèle économique")
    _type(d.ui.notesEdit, "Échange sur le budget prévisionnel.")
    d.ui.decisionsEdit.setPlainText("Monter un dossier de financement.")
    d.add_action_row("Envoyer le budget", "Anaïs", "10/12/2026")
    d.add_action_row("Relire les statuts", "Claire", "")
    d.ui.dureeEdit.setText("1:30")
    d.ui.statutCombo.setCurrentIndex(d.ui.statutCombo.findData("realise"))
    d.ui.nextCheck.setChecked(True)
    assert d.save()
    with ctx.db.read() as s:
        r = s.get(RendezVous, rdv_id)
        assert (r.objet, r.compte_rendu, r.decisions, r.duree_minutes, r.statut) == (
            "Point sur le modèle économique", "Échange sur le budget prévisionnel.",
            "Monter un dossier de financement.", 90, "realise")
        actions = sorted((a.libelle, a.responsable, a.echeance) for a in
                         s.scalars(select(Action).where(Action.rendez_vous_id == rdv_id)))
        assert actions == [("Envoyer le budget", "Anaïs", dt.date(2026, 12, 10)),
                           ("Relire les statuts", "Claire", None)]
        nxt = s.scalars(select(RendezVous).where(RendezVous.dossier_id == r.dossier_id,
                                                 RendezVous.debut == dt.datetime(2026, 12, 10, 14, 30))).all()
        assert len(nxt) == 1  # the next appointment was planned 14 days later
        assert s.get(Draft, draft_key(rdv_id)) is None  # the draft went away with the save


def test_invalid_input_shown_next_to_field_nothing_saved(ctx, qtbot, rdv_id):
    d = _dialog(ctx, qtbot, rdv_id)
    d.ui.notesEdit.setPlainText("Notes importantes")
    d.ui.dureeEdit.setText("une heure")
    d.add_action_row("", "Claire", "")
    assert not d.save()
    assert d.ui.dureeError.isVisibleTo(d) and "h:mm" in d.ui.dureeError.text()
    with ctx.db.read() as s:
        assert s.get(RendezVous, rdv_id).compte_rendu is None
        assert not s.scalars(select(Action).where(Action.rendez_vous_id == rdv_id)).all()
    assert _draft(ctx.db, rdv_id)["compte_rendu"] == "Notes importantes"  # kept as a draft
    d.ui.dureeEdit.setText("45")
    assert not d.save()
    assert "Décrivez l'action" in d.ui.actionsError.text()


def test_draft_survives_the_dialog_being_destroyed(ctx, qtbot, rdv_id):
    d = _dialog(ctx, qtbot, rdv_id)
    _type(d.ui.notesEdit, "Très motivée, réseau à Châtillon")
    d.add_action_row("Appeler la mairie", "Claire", "01/12/2026")
    qtbot.waitUntil(lambda: (_draft(ctx.db, rdv_id) or {}).get("compte_rendu") == "Très motivée, réseau à Châtillon")
    with qtbot.waitSignal(d.destroyed):
        d.deleteLater()  # destroyed without save, close or Échap
    again = _dialog(ctx, qtbot, rdv_id)
    assert again.ui.notesEdit.toPlainText() == "Très motivée, réseau à Châtillon"
    assert again.values()["actions"] == [{"libelle": "Appeler la mairie", "responsable": "Claire",
                                          "echeance": "01/12/2026"}]
    assert again.ui.draftBanner.isVisibleTo(again)


def test_draft_survives_a_hard_kill(ctx, qtbot, rdv_id, data_dir):
    d = _dialog(ctx, qtbot, rdv_id)
    _type(d.ui.notesEdit, "Noté avant la coupure de courant")
    qtbot.waitUntil(lambda: _draft(ctx.db, rdv_id) is not None)
    # A crash: no close, no save — another process opens the same files.
    other = open_database(data_dir)
    try:
        assert _draft(other, rdv_id)["compte_rendu"] == "Noté avant la coupure de courant"
    finally:
        other.close()


def test_focus_out_saves_immediately(ctx, qtbot, rdv_id):
    d = _dialog(ctx, qtbot, rdv_id)
    d.show()
    qtbot.waitExposed(d)
    d.ui.objetEdit.setFocus()
    d.ui.objetEdit.setText("Objet tapé")
    assert d.has_draft_pending()
    d.ui.dureeEdit.setFocus()
    qtbot.waitUntil(lambda: _draft(ctx.db, rdv_id) is not None)
    assert _draft(ctx.db, rdv_id)["objet"] == "Objet tapé"


def test_escape_asks_before_discarding(ctx, qtbot, rdv_id):
    d = _dialog(ctx, qtbot, rdv_id)
    d.show()
    qtbot.waitExposed(d)
    d.ui.notesEdit.setPlainText("À garder")
    asked = []
    d.confirm_discard = lambda *_: asked.append(1) or False
    qtbot.keyClick(d.ui.objetEdit, Qt.Key.Key_Escape)
    assert asked == [1] and d.isVisible()
    assert _draft(ctx.db, rdv_id)["compte_rendu"] == "À garder"  # refused: still there
    d.confirm_discard = lambda *_: True
    qtbot.keyClick(d.ui.objetEdit, Qt.Key.Key_Escape)
    assert not d.isVisible()
    assert _draft(ctx.db, rdv_id) is None
    with ctx.db.read() as s:
        assert s.get(RendezVous, rdv_id).compte_rendu is None


def test_closing_the_window_keeps_the_draft_without_asking(ctx, qtbot, rdv_id):
    d = _dialog(ctx, qtbot, rdv_id)
    d.show()
    d.ui.notesEdit.setPlainText("Gardé à la fermeture")
    d.close()
    assert _draft(ctx.db, rdv_id)["compte_rendu"] == "Gardé à la fermeture"


def test_parse_duration():
    assert parse_duration("90") == 90 and parse_duration("1:30") == 90 and parse_duration("2h") == 120
    assert parse_duration("") is None
    with pytest.raises(ValueError):
        parse_duration("beaucoup")
