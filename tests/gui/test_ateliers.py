"""Ateliers: create (with validation), register people, mark presence (saved at once), unregister."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from pole_desktop import clock
from pole_desktop.domain.models import Atelier, AtelierInscription
from pole_desktop.gui.dialogs.atelier_form import AtelierFormDialog
from pole_desktop.gui.screens.ateliers import AteliersScreen, emargement_hook
from pole_desktop.gui.widgets.tables import ID_ROLE, select_id
from pole_desktop.services import ateliers, personnes
from tests.gui.picking import pick


def _count(db, model, *where) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def _form(qtbot, ctx) -> AtelierFormDialog:
    dlg = AtelierFormDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def _save(qtbot, dlg) -> None:
    qtbot.mouseClick(dlg.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_invalid_atelier_shows_errors_next_to_fields_and_saves_nothing(qtbot, people_ctx) -> None:
    before = _count(people_ctx.db, Atelier)
    dlg = _form(qtbot, people_ctx)
    qtbot.keyClicks(dlg.ui.capacite, "-3")
    dlg.ui.debut.setTime(QTime(15, 0))
    dlg.ui.fin.setTime(QTime(14, 0))
    _save(qtbot, dlg)
    assert dlg.ui.err_titre.isVisible() and dlg.ui.err_titre.text() == "Donnez un titre à l'atelier."
    assert dlg.ui.err_fin.text() == "L'heure de fin doit être après l'heure de début."
    assert dlg.ui.err_capacite.text() == "Ce nombre ne peut pas être négatif."
    assert _count(people_ctx.db, Atelier) == before


def test_create_an_atelier_it_is_listed_with_the_upcoming_ones(qtbot, people_ctx) -> None:
    dlg = _form(qtbot, people_ctx)
    qtbot.keyClicks(dlg.ui.titre, "Creer son association")
    day = clock.today() + dt.timedelta(days=70)  # upcoming, whatever the suite's day
    dlg.ui.date.setDate(QDate(day.year, day.month, day.day))
    dlg.ui.debut.setTime(QTime(9, 30))
    dlg.ui.fin.setTime(QTime(12, 0))
    qtbot.keyClicks(dlg.ui.capacite, "2")
    dlg.ui.commune_insee.setText("Dijon")
    dlg.ui.dispositif.setCurrentIndex(dlg.ui.dispositif.findData("crdva"))
    _save(qtbot, dlg)
    assert dlg.saved_id
    with people_ctx.db.read() as s:
        a = s.get(Atelier, dlg.saved_id)
        assert (a.titre, a.debut, a.fin, a.capacite, a.commune_insee, a.dispositif) == (
            "Creer son association", dt.datetime.combine(day, dt.time(9, 30)), dt.datetime.combine(day, dt.time(12)),
            2, "21231",
            "crdva")
    screen = AteliersScreen(people_ctx)
    qtbot.addWidget(screen)
    texts = [screen.table.item(i, 0).text() for i in range(screen.table.rowCount())]
    passes = next(i for i, t in enumerate(texts) if t.startswith("Passés"))
    assert texts[0].startswith("À venir")
    row = next(i for i in range(screen.table.rowCount()) if screen.table.item(i, 0).data(ID_ROLE) == dlg.saved_id)
    assert 0 < row < passes


def test_register_people_mark_presence_and_unregister(qtbot, people_ctx) -> None:
    db = people_ctx.db
    with db.session() as s:
        aid = ateliers.save_atelier(s, {"titre": "Gouvernance partagée", "debut": dt.datetime(2027, 3, 2, 14),
                                        "capacite": "2"}).id
        p1 = personnes.save_personne(s, {"nom": "Xavier", "prenom": "Agathe"}).id
        p2 = personnes.save_personne(s, {"nom": "Xavier", "prenom": "Bruno"}).id
        p3 = personnes.save_personne(s, {"nom": "Xavier", "prenom": "Chloe"}).id
    screen = AteliersScreen(people_ctx)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.emargement_button.isVisible() == (emargement_hook() is not None)
    assert select_id(screen.table, aid)
    assert screen.counts.text() == "0 inscrit · 0 présent"

    for name, shown in (("xavier agathe", "Agathe Xavier"), ("xavier bruno", "Bruno Xavier")):
        pick(qtbot, screen.person_search, name, shown)  # Enter on the entry registers
    assert _count(db, AtelierInscription, AtelierInscription.atelier_id == aid) == 2
    assert screen.counts.text() == "2 inscrits · 0 présent"
    # Full: the third one is refused with the reason, nothing saved.
    pick(qtbot, screen.person_search, "xavier chloe", "Chloe Xavier")
    assert screen.error.isVisible() and screen.error.text() == "L'atelier est complet (2 places)."
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AtelierInscription)
                        .where(AtelierInscription.personne_id == p3)) == 0

    assert [screen.inscriptions.item(i, 1).text() for i in range(2)] == ["Agathe", "Bruno"]
    screen.presence_combo(0).setCurrentIndex(1)  # présente
    screen.presence_combo(1).setCurrentIndex(2)  # absent
    with db.read() as s:
        states = dict(s.execute(select(AtelierInscription.personne_id, AtelierInscription.present)
                                .where(AtelierInscription.atelier_id == aid)).all())
    assert states == {p1: True, p2: False}
    assert screen.counts.text() == "2 inscrits · 1 présent"
    screen.presence_combo(1).setCurrentIndex(0)  # back to "non renseigné"
    with db.read() as s:
        assert s.scalar(select(AtelierInscription.present).where(AtelierInscription.personne_id == p2)) is None

    screen.inscriptions.selectRow(0)
    screen.confirm = lambda *_: True
    qtbot.mouseClick(screen.unregister_button, Qt.MouseButton.LeftButton)
    with db.read() as s:
        assert s.scalars(select(AtelierInscription.personne_id)
                         .where(AtelierInscription.atelier_id == aid)).all() == [p2]
    assert screen.counts.text() == "1 inscrit · 0 présent"
