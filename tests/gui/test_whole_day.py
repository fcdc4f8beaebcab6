"""An advisor's whole day through the real widgets, checked in the database: a new person, a new
dossier through « Nouveau dossier », a rendez-vous planned from the dossier page, its compte-rendu
with two actions, an étape change, and the closing with a reason."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from pole_desktop.domain.models import Action, Dossier, DossierBeneficiaire, EtapeHistorique, RendezVous
from pole_desktop.gui.screens.dossier import DossierPage
from pole_desktop.services import personnes
from tests.gui.picking import pick


def _type(widget, text):
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def test_whole_day(window, ctx, qtbot):
    window.show()
    qtbot.waitExposed(window)
    # 1. A person met this morning (the Personnes screen is another module: through the service).
    with ctx.db.session() as s:
        person = personnes.save_personne(s, {"civilite": "Mme", "nom": "Béranger", "prenom": "Maëlle",
                                             "commune_insee": "21154"}).id

    # 2. Dossiers → Ctrl+N → « Nouveau dossier ».
    window.show_page("dossiers")
    screen = window.current_screen()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.last_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.dispositif.setCurrentIndex(dialog.dispositif.findData("puls_actions"))
    dialog.type.setCurrentIndex(dialog.type.findData("creation"))
    _type(dialog.titre, "Café associatif à Châtillon")
    _type(dialog.commune, "chatillon-sur")
    dialog.commune.helper._update(dialog.commune.text())
    dialog.commune.set_code("21154")
    dialog.commune.commune_changed.emit("21154")
    assert not dialog.qpv.isEnabled()  # no QPV in Châtillon-sur-Seine
    pick(qtbot, dialog.person_search, "beranger", "Béranger")
    assert dialog.person_search.selected_id() == person
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    page = window.current_screen()
    assert isinstance(page, DossierPage)
    with ctx.db.read() as s:
        d = s.get(Dossier, page.dossier_id)
        assert (d.dispositif, d.type, d.titre, d.commune_insee, d.etape) == (
            "puls_actions", "creation", "Café associatif à Châtillon", "21154", "accueil")
        assert d.frr_code is not None and d.reference.startswith("PULS-")
        assert s.scalars(select(DossierBeneficiaire.personne_id)
                         .where(DossierBeneficiaire.dossier_id == d.id)).all() == [person]
    dossier_id = page.dossier_id

    # 3. Rendez-vous tab → « Nouveau rendez-vous… ».
    page.tabs.setCurrentWidget(page.rendez_vous)
    page.rendez_vous.new_button.click()
    rdv_dialog = page.rendez_vous.last_dialog
    rdv_dialog.debut.setDateTime(QDateTime(dt.datetime(2026, 12, 3, 10, 0)))
    rdv_dialog.lieu.setCurrentIndex(rdv_dialog.lieu.findData("sur_site"))
    _type(rdv_dialog.adresse, "2 rue du Bourg")
    _type(rdv_dialog.objet, "Étude de marché")
    rdv_dialog.submit()
    assert not rdv_dialog.isVisible()
    assert page.rendez_vous.table.rowCount() == 1
    with ctx.db.read() as s:
        r = s.scalars(select(RendezVous).where(RendezVous.dossier_id == dossier_id)).one()
        rdv_id = r.id
        assert (r.debut, r.fin, r.lieu_type, r.adresse, r.commune_insee, r.statut) == (
            dt.datetime(2026, 12, 3, 10), dt.datetime(2026, 12, 3, 11), "sur_site", "2 rue du Bourg", "21154",
            "prevu")
        assert [p.personne_id for p in r.participants] == [person]

    # 4. « Compte-rendu… » on that rendez-vous, two actions.
    page.rendez_vous.table.selectRow(0)
    page.rendez_vous.cr_button.click()
    cr = window.last_compte_rendu
    assert cr.isVisible()
    _type(cr.ui.notesEdit, "Local repéré, bail à négocier ; 12 bénévoles prêts.")
    cr.add_action_row("Demander le bail", "Maëlle", "15/12/2026")
    cr.add_action_row("Prévisionnel sur 3 ans", "Claire Moreau", "20/12/2026")
    cr.ui.dureeEdit.setText("75")
    cr.ui.buttonBox.button(cr.ui.buttonBox.StandardButton.Save).click()
    with ctx.db.read() as s:
        r = s.get(RendezVous, rdv_id)
        assert (r.compte_rendu, r.statut, r.duree_minutes) == (
            "Local repéré, bail à négocier ; 12 bénévoles prêts.", "realise", 75)
        assert sorted(a.libelle for a in s.scalars(select(Action).where(Action.dossier_id == dossier_id))) == [
            "Demander le bail", "Prévisionnel sur 3 ans"]

    # 5. Étapes → « Changer d'étape… » → Émergence, then close with a reason.
    page.tabs.setCurrentWidget(page.etapes)
    page.etapes.change_button.click()
    ce = page.etapes.last_dialog
    assert ce.allowed() == ["emergence", "cloture"]
    ce.choose("emergence")
    ce.buttons.button(ce.buttons.StandardButton.Ok).click()
    assert page.badge.text() == "Émergence"
    page.etapes.change_button.click()
    ce = page.etapes.last_dialog
    ce.choose("cloture", "abandon")
    ce.buttons.button(ce.buttons.StandardButton.Ok).click()
    with ctx.db.read() as s:
        d = s.get(Dossier, dossier_id)
        assert (d.etape, d.motif_cloture, d.date_cloture is not None) == ("cloture", "abandon", True)
        steps = s.scalars(select(EtapeHistorique.etape).where(EtapeHistorique.dossier_id == dossier_id)).all()
        assert sorted(steps) == ["accueil", "cloture", "emergence"]
    assert page.badge.text() == "Clôture"
    # The history tab tells who did it.
    page.tabs.setCurrentWidget(page.history)
    assert any(r[2] == "Dossier — étape" and r[4] == "Clôture" for r in page.history.rows)
