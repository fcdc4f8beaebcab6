"""Issue 16, obs. 9 — hostile input through the real forms: a French message next to the field,
nothing saved, no crash."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from pole_desktop.domain.models import Personne, RendezVous
from pole_desktop.gui.dialogs.personne_form import PersonneFormDialog


def _count(db, model) -> int:  # noqa: ANN001
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


# NUL is not here (nor a leading BOM): a QLineEdit drops them, so they never reach the service through the form
# (tests/safety/test_hostile_inputs.py refuses it at the service).
@pytest.mark.parametrize("nom", ["Jean\u202eneJ", "Du\u200bpont", "Du\ufeffpont", "Du\x1bpont"])
def test_person_form_refuses_invisible_and_control_characters(qtbot, people_ctx, nom) -> None:  # noqa: ANN001, F811
    before = _count(people_ctx.db, Personne)
    dlg = PersonneFormDialog(people_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.ui.nom.setText(nom)
    assert dlg.ui.nom.text() == nom
    qtbot.mouseClick(dlg.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    label = dlg.ui.err_nom
    assert label.isVisible() and "caractère invisible ou de contrôle" in label.text()
    assert dlg.isVisible() and dlg.saved_id is None
    assert _count(people_ctx.db, Personne) == before


def test_person_form_refuses_a_name_of_a_megabyte(qtbot, people_ctx) -> None:  # noqa: ANN001, F811
    before = _count(people_ctx.db, Personne)
    dlg = PersonneFormDialog(people_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.ui.nom.setMaxLength(2_000_000)  # a paste bypassing any widget limit
    dlg.ui.nom.setText("x" * 1_000_000)
    qtbot.mouseClick(dlg.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert dlg.saved_id is None and _count(people_ctx.db, Personne) == before
    assert "trop long" in dlg.ui.err_nom.text()


def test_rendez_vous_on_9999_12_31_is_a_french_error(qtbot, people_ctx) -> None:  # noqa: ANN001, F811
    from pole_desktop.domain.models import Dossier
    from pole_desktop.gui.dialogs.new_rendez_vous import NewRendezVousDialog

    with people_ctx.db.read() as s:
        dossier_id = s.scalars(select(Dossier.id)).first()
    before = _count(people_ctx.db, RendezVous)
    dlg = NewRendezVousDialog(people_ctx, dossier_id)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.debut.setDateTime(QDateTime(dt.datetime(9999, 12, 31, 23, 30)))
    dlg.submit()
    shown = " ".join(label.text() for label in dlg.errors.values() if label.isVisible())
    assert "entre 1900 et 2100" in shown, shown
    assert dlg.created_id is None and _count(people_ctx.db, RendezVous) == before
