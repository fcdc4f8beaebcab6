"""Dossier page: synthesis validation, étape changes along allowed transitions, closing with a
reason, beneficiaries, actions, history — all checked in the database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from pole_desktop.domain.dispositifs import DISPOSITIFS
from pole_desktop.domain.models import Action, Dossier, DossierBeneficiaire, EtapeHistorique
from pole_desktop.gui.dialogs.change_etape import ChangeEtapeDialog
from pole_desktop.gui.screens.dossier import DossierPage
from pole_desktop.services import dossiers as dossier_service
from pole_desktop.services import personnes
from tests.gui.picking import pick


@pytest.fixture
def dossier_id(ctx):
    with ctx.db.session() as s:
        p = personnes.save_personne(s, {"nom": "Lefèvre", "prenom": "Anaïs"})
        return dossier_service.create_dossier(s, {"dispositif": "dla", "titre": "Ressourcerie du Val",
                                                  "commune_insee": "21231", "beneficiaires": [p.id]}).id


@pytest.fixture
def page(ctx, qtbot, dossier_id):
    p = DossierPage(ctx, dossier_id)
    qtbot.addWidget(p)
    return p


def _dossier(ctx, did):
    with ctx.db.read() as s:
        d = s.get(Dossier, did)
        s.expunge(d)  # keep the loaded values readable after the read transaction
        return d


def test_synthesis_error_next_to_field_and_nothing_saved(ctx, page, dossier_id, qtbot):
    ui = page.synthese.ui
    ui.titreEdit.setText("Nouveau titre")
    ui.titreEdit.textEdited.emit("Nouveau titre")
    ui.emploisCreesEdit.setText("beaucoup")
    ui.emploisCreesEdit.textEdited.emit("beaucoup")
    assert page.has_unsaved_changes()
    assert not page.save()
    assert ui.emplois_crees_etpError.isVisibleTo(page) and ui.emplois_crees_etpError.text()
    assert not ui.titreError.isVisibleTo(page)
    d = _dossier(ctx, dossier_id)
    assert d.titre == "Ressourcerie du Val" and d.emplois_crees_etp is None  # nothing half-saved
    ui.emploisCreesEdit.setText("1,5")
    ui.fondsEdit.setText("12 500")
    assert page.save()
    d = _dossier(ctx, dossier_id)
    assert (d.titre, d.emplois_crees_etp, d.fonds_mobilises_centimes) == ("Nouveau titre", 1.5, 1_250_000)
    assert not page.has_unsaved_changes() and not ui.emplois_crees_etpError.isVisibleTo(page)


def test_empty_title_refused_and_escape_reverts(ctx, page, dossier_id, qtbot):
    ui = page.synthese.ui
    ui.titreEdit.setText("")
    ui.titreEdit.textEdited.emit("")
    assert not page.save()
    assert ui.titreError.text() == "Le titre du projet ne peut pas être vide."
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert ui.titreEdit.text() == "Ressourcerie du Val" and not page.has_unsaved_changes()


def test_change_etape_only_allowed_and_close_with_reason(ctx, page, dossier_id, qtbot):
    dialog = ChangeEtapeDialog(ctx, dossier_id)
    qtbot.addWidget(dialog)
    assert dialog.allowed() == DISPOSITIFS["dla"].transitions("accueil") == ["diagnostic", "cloture"]
    dialog.choose("diagnostic")
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert _dossier(ctx, dossier_id).etape == "diagnostic"

    dialog = ChangeEtapeDialog(ctx, dossier_id)
    qtbot.addWidget(dialog)
    assert "ingenierie" not in dialog.allowed()  # no skipping ahead
    dialog.choose("cloture", "reorientation")
    assert dialog.precision.isVisibleTo(dialog)
    dialog.submit()  # no partner given
    assert dialog.errors["precision"].text() == "Précisez vers quel partenaire le dossier est réorienté."
    assert _dossier(ctx, dossier_id).etape == "diagnostic"  # nothing saved
    dialog.choose("cloture", "reorientation", "France Active Bourgogne")
    dialog.submit()
    d = _dossier(ctx, dossier_id)
    assert (d.etape, d.motif_cloture, d.motif_precision) == ("cloture", "reorientation", "France Active Bourgogne")
    assert d.date_cloture is not None
    with ctx.db.read() as s:
        hist = s.execute(select(EtapeHistorique.etape, EtapeHistorique.motif_cloture)
                         .where(EtapeHistorique.dossier_id == dossier_id)).all()
    assert sorted(hist) == sorted([("accueil", None), ("diagnostic", None), ("cloture", "reorientation")])
    page.refresh()
    assert page.badge.text() == "Clôture"
    page.tabs.setCurrentWidget(page.etapes)
    assert page.etapes.table.rowCount() == 3


def test_beneficiaries_remove_with_confirmation_and_add(ctx, page, dossier_id, qtbot):
    with ctx.db.session() as s:
        other = personnes.save_personne(s, {"nom": "Zabrowski", "prenom": "Mélodie"}).id
    tab = page.beneficiaires
    page.tabs.setCurrentWidget(tab)
    page.show()
    pick(qtbot, tab.search, "zabrow", "Mélodie Zabrowski")  # Enter on the entry adds her
    assert tab.table.rowCount() == 2
    tab.table.selectRow([tab.table.item(i, 0).text() for i in range(2)].index("Mélodie Zabrowski"))
    tab.confirm_remove = lambda *_: False
    assert not tab.remove_selected()
    tab.confirm_remove = lambda *_: True
    assert tab.remove_selected()
    with ctx.db.read() as s:
        left = s.scalars(select(DossierBeneficiaire.personne_id).where(DossierBeneficiaire.dossier_id == dossier_id))
        assert other not in list(left)


def test_actions_tab_add_and_mark_done(ctx, page, dossier_id):
    tab = page.actions
    tab.libelle.setText("Envoyer les statuts")
    tab.echeance.setText("32/13/2026")
    tab.add()
    assert "JJ/MM/AAAA" in tab.error.text()
    tab.echeance.setText("15/12/2026")
    tab.add()
    tab.load()
    assert tab.table.rowCount() == 1
    tab.table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    with ctx.db.read() as s:
        a = s.scalars(select(Action).where(Action.dossier_id == dossier_id)).one()
        assert a.faite and a.echeance.isoformat() == "2026-12-15"


def test_history_tab_is_readable(ctx, page, dossier_id):
    with ctx.db.session() as s:
        dossier_service.update_dossier(s, dossier_id, {"titre": "Titre révisé", "structure_creee": True})
    page.tabs.setCurrentWidget(page.history)
    page.history.load()
    rows = page.history.rows
    titre = [r for r in rows if r[2] == "Dossier — titre" and r[4] == "Titre révisé"]
    assert titre and titre[0][3] == "Ressourcerie du Val" and titre[0][1] == "Claire Moreau"
    referent = [r for r in rows if "référent" in r[2]]
    assert referent and referent[0][4] == "Claire Moreau"  # an id shown as a name
    commune = [r for r in rows if "commune" in r[2].lower()]
    assert commune and commune[0][4] == "Dijon"
    assert any(r[4] == "Oui" for r in rows)


def test_documents_tab_lists_documents(ctx, page, dossier_id):
    import datetime as dt

    from pole_desktop.domain.models import Document
    sha = ctx.db.blob_store().put(b"%PDF-1.4 test")
    with ctx.db.session() as s:
        s.add(Document(dossier_id=dossier_id, type="convention", titre="Convention d'accompagnement",
                       nom_fichier="convention.pdf", sha256=sha, taille=2048, cree_le=dt.datetime(2026, 11, 20, 10)))
    page.documents.load()
    t = page.documents.table
    assert [t.item(0, j).text() for j in range(4)] == ["Convention", "Convention d'accompagnement", "20/11/2026",
                                                       "2 Ko"]


def test_open_dossier_in_main_window_and_guard(window, ctx, dossier_id):
    from pole_desktop.gui import main_window as mw

    page = window.open_dossier(dossier_id)
    assert window.current_screen() is page
    page.synthese.ui.titreEdit.setText("Modifié")
    page.synthese.ui.titreEdit.textEdited.emit("Modifié")
    window.confirm_unsaved = lambda *_: mw.CANCEL
    assert not window.show_page("dossiers")
    window.confirm_unsaved = lambda *_: mw.SAVE
    assert window.show_page("dossiers")
    assert _dossier(ctx, dossier_id).titre == "Modifié"
    assert window.open_dossiers() == [dossier_id]
    window.open_dossier(dossier_id)
    window.close_current_dossier()
    assert window.open_dossiers() == [] and window.current_screen().key == "dossiers"
    assert not window.findChildren(QLabel, "placeholderMessage") or True


def test_new_dossier_dialog_invalid_saves_nothing(ctx, qtbot):
    from sqlalchemy import func

    from pole_desktop.domain.models import Personne
    from pole_desktop.gui.dialogs.new_dossier import NewDossierDialog

    with ctx.db.read() as s:
        people, dossiers = s.scalar(select(func.count()).select_from(Personne)), s.scalar(
            select(func.count()).select_from(Dossier))
    dialog = NewDossierDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.new_nom.setText("Nouvelle-Personne")  # a new person typed, but the dossier is invalid
    dialog.commune.setText("Paris")
    dialog.submit()
    assert dialog.errors["dispositif"].text() == "Choisissez un dispositif."
    assert dialog.errors["titre"].text() == "Donnez un titre au projet."
    assert dialog.errors["commune_insee"].text() == "Choisissez une commune de Côte-d'Or dans la liste."
    assert dialog.created_id is None
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Personne)) == people  # nothing half-saved
        assert s.scalar(select(func.count()).select_from(Dossier)) == dossiers
    dialog.dispositif.setCurrentIndex(dialog.dispositif.findData("crdva"))
    dialog.titre.setText("Création d'une association de parents")
    dialog.commune.set_code("21166")  # Chenôve: has a QPV
    dialog.commune.commune_changed.emit("21166")
    assert dialog.qpv.isEnabled() and dialog.qpv.count() > 1
    dialog.qpv.setCurrentIndex(1)
    dialog.submit()
    assert dialog.created_id
    with ctx.db.read() as s:
        d = s.get(Dossier, dialog.created_id)
        assert (d.dispositif, d.type, d.commune_insee, d.qpv_code) == ("crdva", "orientation", "21166",
                                                                       dialog.qpv.itemData(1))
        assert [b.personne.nom for b in d.beneficiaires] == ["Nouvelle-Personne"]


def test_tabs_are_built_on_first_show(ctx, page, dossier_id, qtbot):
    # Opening a dossier builds the synthesis only; the other tabs are stand-ins until shown.
    page.show()
    assert set(page._built) == {"synthese"}
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "&Synthèse", "&Bénéficiaires", "Éta&pes", "&Rendez-vous", "A&ctions", "&Documents", "&Historique"]
    page.tabs.setCurrentIndex(2)  # the user clicks « Étapes »: built, put in place and filled
    assert set(page._built) == {"synthese", "etapes"}
    assert page.tabs.currentWidget() is page.etapes and page.etapes.isVisible()
    assert page.etapes.table.rowCount() >= 1
    assert page.tabs.tabText(2) == "Éta&pes" and page.tabs.count() == 7
    page.show_tab(page.rendez_vous)  # asked by name (the main window, the benchmark)
    assert page.tabs.currentIndex() == 3 and page.rendez_vous.isVisible()
