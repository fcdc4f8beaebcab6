"""Trap 1: the person/structure picker picks the HIGHLIGHTED entry (arrows + Enter), never
silently the first suggestion; homonyms are told apart by commune and birth year."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from pole_desktop.domain.models import AtelierInscription, DossierBeneficiaire
from pole_desktop.services import ateliers, personnes
from tests.gui.picking import pick


def _two_lemaire(db) -> tuple[str, str]:
    with db.session() as s:
        maelle = personnes.save_personne(s, {"nom": "Lemaire", "prenom": "Maëlle", "commune_insee": "21231",
                                             "annee_naissance": "1990", "sexe": "F"}).id
        camille = personnes.save_personne(s, {"nom": "Lemaire", "prenom": "Camille", "commune_insee": "21166",
                                              "annee_naissance": "1985", "sexe": "F"}).id
    return maelle, camille


def test_new_dossier_records_the_highlighted_homonym(ctx, qtbot) -> None:
    from pole_desktop.gui.dialogs.new_dossier import NewDossierDialog

    maelle, camille = _two_lemaire(ctx.db)
    dialog = NewDossierDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.dispositif.setCurrentIndex(dialog.dispositif.findData("crdva"))
    dialog.titre.setText("Jardin partagé")
    dialog.commune.set_code("21231")
    dialog.commune.commune_changed.emit("21231")
    # The homonyms are told apart in the list by commune and birth year.
    pick(qtbot, dialog.person_search, "Lemaire", "Chenôve, née en 1985")
    assert dialog.isVisible(), "Enter in the list picks a person; it must not create the dossier yet"
    qtbot.keyClick(dialog.titre, Qt.Key.Key_Return)  # now Enter creates the dossier
    assert dialog.created_id
    with ctx.db.read() as s:
        people = s.scalars(select(DossierBeneficiaire.personne_id)
                           .where(DossierBeneficiaire.dossier_id == dialog.created_id)).all()
    assert people == [camille] and maelle not in people


def test_new_dossier_refuses_a_typed_name_not_picked(ctx, qtbot) -> None:
    from pole_desktop.gui.dialogs.new_dossier import NewDossierDialog

    _two_lemaire(ctx.db)
    dialog = NewDossierDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.dispositif.setCurrentIndex(dialog.dispositif.findData("crdva"))
    dialog.titre.setText("Jardin partagé")
    dialog.commune.set_code("21231")
    dialog.commune.commune_changed.emit("21231")
    qtbot.keyClicks(dialog.person_search, "Lemaire")
    dialog.person_search.search_now()
    dialog.submit()
    assert dialog.created_id is None
    assert "liste" in dialog.errors["beneficiaires"].text()


def test_atelier_registers_the_highlighted_homonym(ctx, qtbot) -> None:
    import datetime as dt

    from pole_desktop import clock
    from pole_desktop.gui.screens.ateliers import AteliersScreen
    from pole_desktop.gui.widgets.tables import select_id

    maelle, camille = _two_lemaire(ctx.db)
    with ctx.db.session() as s:
        aid = ateliers.save_atelier(s, {"titre": "Gouvernance partagée",
                                        "debut": dt.datetime.combine(clock.today() + dt.timedelta(days=10),
                                                                     dt.time(14))}).id
    screen = AteliersScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    assert select_id(screen.table, aid)
    pick(qtbot, screen.person_search, "lemaire", "Camille")
    with ctx.db.read() as s:
        registered = s.scalars(select(AtelierInscription.personne_id)
                               .where(AtelierInscription.atelier_id == aid)).all()
    assert registered == [camille]


def test_rendez_vous_dialog_records_the_highlighted_dossier(ctx, qtbot) -> None:
    import datetime as dt

    from pole_desktop import clock
    from pole_desktop.domain.models import RendezVous
    from pole_desktop.gui.dialogs.rendez_vous_dialog import RendezVousDialog
    from pole_desktop.services import dossiers

    with ctx.db.session() as s:
        first = dossiers.create_dossier(s, {"dispositif": "dla", "titre": "Jardin partagé des Grésilles",
                                            "date_ouverture": clock.today()})
        second = dossiers.create_dossier(s, {"dispositif": "crdva", "titre": "Jardin partagé de Talant",
                                             "date_ouverture": clock.today()})
        wanted = second.reference
        second_id, first_id = second.id, first.id
    dialog = RendezVousDialog(ctx, dt.datetime(2027, 1, 12, 9))
    qtbot.addWidget(dialog)
    dialog.show()
    pick(qtbot, dialog.dossier_search, "jardin partage", wanted)
    assert dialog.isVisible() and dialog.dossier_id == second_id
    assert dialog.save()
    with ctx.db.read() as s:
        assert s.get(RendezVous, dialog.saved_id).dossier_id == second_id != first_id


def test_rendez_vous_dialog_refuses_a_dossier_typed_but_not_picked(ctx, qtbot) -> None:
    import datetime as dt

    from pole_desktop.gui.dialogs.rendez_vous_dialog import RendezVousDialog

    dialog = RendezVousDialog(ctx, dt.datetime(2027, 1, 12, 9))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.dossier_search, "jardin")
    dialog.dossier_search.search_now()
    assert not dialog.save()
    assert "Choisissez le dossier dans la liste" in dialog.error.text() and dialog.saved_id is None
