"""Trap 2: reopening a saved compte-rendu shows its saved actions, and saving again neither
duplicates nor loses them. Also « 1:00 » is read back as one hour, not « 60 »."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from pole_desktop.domain.models import Action, RendezVous
from pole_desktop.gui.dialogs.compte_rendu import CompteRenduDialog, parse_duration
from pole_desktop.services import rendez_vous as rdv_service


@pytest.fixture
def rdv_id(ctx):
    with ctx.db.read() as s:
        dossier_id = s.scalar(select(RendezVous.dossier_id).where(RendezVous.dossier_id.is_not(None)).limit(1))
    with ctx.db.session() as s:
        return rdv_service.plan_rendez_vous(s, {"dossier_id": dossier_id,
                                                "debut": dt.datetime(2026, 11, 26, 14, 30)}).id


def _open(ctx, qtbot, rdv_id) -> CompteRenduDialog:
    d = CompteRenduDialog(ctx, rdv_id)
    qtbot.addWidget(d)
    d.confirm_discard = lambda *_: pytest.fail("unexpected discard question")
    return d


def _rows(d: CompteRenduDialog) -> list[tuple[str, str, str]]:
    t = d.ui.actionsTable
    return [tuple(t.item(i, j).text() for j in range(3)) for i in range(t.rowCount())]


def _actions(ctx, rdv_id):
    with ctx.db.read() as s:
        return sorted((a.libelle, a.responsable, a.echeance) for a in
                      s.scalars(select(Action).where(Action.rendez_vous_id == rdv_id)))


def test_reopened_compte_rendu_shows_its_actions_and_saving_again_does_not_duplicate(ctx, qtbot, rdv_id):
    d = _open(ctx, qtbot, rdv_id)
    d.ui.notesEdit.setPlainText("Budget revu.")
    d.add_action_row("Envoyer le budget", "Anaïs", "10/12/2026")
    d.add_action_row("Relire les statuts", "Claire", "")
    d.ui.dureeEdit.setText("1:00")
    assert d.save()

    again = _open(ctx, qtbot, rdv_id)
    assert sorted(_rows(again)) == [("Envoyer le budget", "Anaïs", "10/12/2026"), ("Relire les statuts", "Claire", "")]
    assert parse_duration(again.ui.dureeEdit.text()) == 60 and again.ui.dureeEdit.text() != "60"
    # Correct one action, remove the other, add a third: exactly what the table shows is recorded.
    t = again.ui.actionsTable
    row = [t.item(i, 0).text() for i in range(t.rowCount())].index("Envoyer le budget")
    t.item(row, 2).setText("17/12/2026")
    t.setCurrentCell(1 - row, 0)
    again.remove_action_row()
    again.add_action_row("Appeler la banque", "", "")
    assert again.save()
    assert _actions(ctx, rdv_id) == [("Appeler la banque", None, None),
                                     ("Envoyer le budget", "Anaïs", dt.date(2026, 12, 17))]

    third = _open(ctx, qtbot, rdv_id)
    assert third.save()  # saved unchanged: nothing added
    assert len(_actions(ctx, rdv_id)) == 2


def test_action_done_elsewhere_keeps_its_state_when_the_compte_rendu_is_saved_again(ctx, qtbot, rdv_id):
    d = _open(ctx, qtbot, rdv_id)
    d.add_action_row("Envoyer le budget", "Anaïs", "")
    assert d.save()
    with ctx.db.session() as s:
        a = s.scalars(select(Action).where(Action.rendez_vous_id == rdv_id)).one()
        a.faite = True
    again = _open(ctx, qtbot, rdv_id)
    again.ui.notesEdit.setPlainText("Complété.")
    assert again.save()
    with ctx.db.read() as s:
        assert [a.faite for a in s.scalars(select(Action).where(Action.rendez_vous_id == rdv_id))] == [True]


def test_a_date_error_goes_as_soon_as_the_date_is_fixed(ctx, qtbot, rdv_id):
    d = _open(ctx, qtbot, rdv_id)
    d.show()
    d.add_action_row("Envoyer le budget", "Anaïs", "31/02/2026")
    d.ui.dureeEdit.setText("une heure")
    assert not d.save()
    assert d.ui.actionsError.isVisible() and "échéance invalide" in d.ui.actionsError.text()
    assert d.ui.dureeError.isVisible()
    d.ui.actionsTable.item(0, 2).setText("28/02/2026")
    assert not d.ui.actionsError.isVisible()  # fixed: the message is gone before saving
    assert d.ui.dureeError.isVisible()  # the other one is still wrong
    d.ui.dureeEdit.setText("1:15")
    assert not d.ui.dureeError.isVisible()
    assert d.save()
