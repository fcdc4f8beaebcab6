"""Personnes: validation next to the fields with nothing saved, search, duplicates, merge and undo."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from pole_desktop.domain.models import (
    Atelier,
    AtelierInscription,
    Dossier,
    DossierBeneficiaire,
    Personne,
    RendezVousParticipant,
    Structure,
    StructureRole,
)
from pole_desktop.gui.dialogs.merge_dialog import MergeDialog
from pole_desktop.gui.dialogs.personne_form import PersonneFormDialog
from pole_desktop.gui.screens.personnes import PersonnesScreen
from pole_desktop.gui.widgets.tables import row_ids
from pole_desktop.services import ateliers, dossiers, personnes, rendez_vous, structures


def _count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Personne))


def _click_save(qtbot, dlg) -> None:
    qtbot.mouseClick(dlg.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def _error(dlg, field: str) -> str:
    label = getattr(dlg.ui, f"err_{field}")
    return label.text() if label.isVisible() else ""


def test_invalid_phone_email_and_postcode_show_next_to_the_fields_and_nothing_is_saved(qtbot, people_ctx) -> None:
    before = _count(people_ctx.db)
    dlg = PersonneFormDialog(people_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.ui.nom, "Durand")
    qtbot.keyClicks(dlg.ui.telephone, "12 34")
    qtbot.keyClicks(dlg.ui.email, "jean.durand@")
    dlg.ui.commune_insee.setText("Dijon")
    qtbot.keyClicks(dlg.ui.code_postal, "75001")
    _click_save(qtbot, dlg)
    assert "téléphone n'est pas valide" in _error(dlg, "telephone")
    assert "e-mail n'est pas valide" in _error(dlg, "email")
    assert _error(dlg, "code_postal") == "Le code postal 75001 ne correspond pas à la commune de Dijon."
    assert _error(dlg, "nom") == ""
    assert dlg.isVisible() and dlg.saved_id is None
    assert _count(people_ctx.db) == before


def test_unknown_commune_is_refused_next_to_the_commune(qtbot, people_ctx) -> None:
    before = _count(people_ctx.db)
    dlg = PersonneFormDialog(people_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.ui.nom, "Durand")
    qtbot.keyClicks(dlg.ui.commune_insee, "Paris")
    _click_save(qtbot, dlg)
    assert _error(dlg, "commune_insee") == "Choisissez une commune de Côte-d'Or dans la liste."
    assert _count(people_ctx.db) == before
    # Once corrected, the error goes away and the person is saved with the commune's code.
    dlg.ui.commune_insee.setText("Beaune")
    dlg.commune.changed.emit(dlg.commune.code_or_none() or "")
    assert dlg.ui.code_postal.text() == "21200"  # filled from the commune's only postcode
    _click_save(qtbot, dlg)
    assert dlg.saved_id is not None
    with people_ctx.db.read() as s:
        p = s.get(Personne, dlg.saved_id)
        assert (p.nom, p.commune_insee, p.code_postal) == ("Durand", "21054", "21200")


def test_missing_name_is_required(qtbot, people_ctx) -> None:
    dlg = PersonneFormDialog(people_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    _click_save(qtbot, dlg)
    assert _error(dlg, "nom") == "Le nom est obligatoire."


def test_search_as_you_type_is_accent_insensitive_and_a_new_person_is_listed(qtbot, people_ctx) -> None:
    screen = PersonnesScreen(people_ctx)
    qtbot.addWidget(screen)
    with people_ctx.db.session() as s:
        pid = personnes.save_personne(s, {"nom": "Ébréard", "prenom": "Zoé", "telephone": "0380509047"}).id
    people_ctx.notify("personne")
    qtbot.keyClicks(screen.search, "ebrea zo")
    assert row_ids(screen.table) == [pid]
    assert screen.table.item(0, 3).text() == "03 80 50 90 47"
    assert screen.detail_title.text() == "Zoé Ébréard"


def test_possible_duplicate_is_announced_and_needs_a_second_save(qtbot, people_ctx) -> None:
    with people_ctx.db.session() as s:
        personnes.save_personne(s, {"nom": "Martin", "prenom": "Lucie", "annee_naissance": "1990"})
    before = _count(people_ctx.db)
    dlg = PersonneFormDialog(people_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.ui.nom, "Martin")
    qtbot.keyClicks(dlg.ui.prenom, "Lucie")
    qtbot.keyClicks(dlg.ui.annee_naissance, "1990")
    _click_save(qtbot, dlg)
    assert dlg.ui.banner.isVisible()
    assert "Cette personne existe peut-être déjà" in dlg.ui.banner.text()
    assert "Lucie Martin" in dlg.ui.banner.text()
    assert _count(people_ctx.db) == before
    _click_save(qtbot, dlg)  # confirmed: it is someone else
    assert dlg.saved_id is not None
    assert _count(people_ctx.db) == before + 1


def _links(db, pid: str) -> dict[str, int]:
    with db.read() as s:
        return {
            m.__tablename__: s.scalar(select(func.count()).select_from(m).where(m.personne_id == pid))
            for m in (DossierBeneficiaire, RendezVousParticipant, AtelierInscription, StructureRole)
        }


def test_merge_two_duplicates_moves_every_link_then_undo_puts_everything_back(qtbot, people_ctx) -> None:
    db = people_ctx.db
    with db.session() as s:
        keep = personnes.save_personne(s, {"nom": "Petit", "prenom": "Anne", "annee_naissance": "1980",
                                           "email": "anne.petit@exemple.fr"}).id
        gone = personnes.save_personne(s, {"nom": "Petit", "prenom": "Anne", "annee_naissance": "1980",
                                           "telephone": "0380509047"}).id
        dossier_id = s.scalars(select(Dossier.id).order_by(Dossier.reference)).first()
        structure_id = s.scalars(select(Structure.id).order_by(Structure.raison_sociale)).first()
        atelier_id = s.scalars(select(Atelier.id).where(Atelier.capacite.is_(None) | (Atelier.capacite > 50))
                               .order_by(Atelier.debut)).first() or ateliers.save_atelier(
            s, {"titre": "Créer son association", "debut": dt.datetime(2026, 12, 10, 14)}).id
        dossiers.add_beneficiaire(s, dossier_id, gone)
        rdv = rendez_vous.plan_rendez_vous(s, {"debut": dt.datetime(2026, 12, 2, 10), "participants": [gone]})
        participant_id = rdv.participants[0].id
        ateliers.register(s, atelier_id, gone)
        structures.add_role(s, structure_id, gone, "Trésorier·e")
    assert _links(db, gone) == {"dossier_beneficiaire": 1, "rendez_vous_participant": 1,
                                "atelier_inscription": 1, "structure_role": 1}
    keep_before, gone_before = _links(db, keep), _links(db, gone)

    screen = PersonnesScreen(people_ctx)
    qtbot.addWidget(screen)
    screen.show()
    assert keep in row_ids(screen.table) and gone in row_ids(screen.table)
    dlg = MergeDialog(people_ctx, "personne", keep, gone)
    qtbot.addWidget(dlg)
    dlg.show()
    assert "1 dossier suivi" in dlg.moves.text() or dlg.keep_index == 1
    button = dlg.keep_buttons[0]  # click on its round indicator (the widget is wider than its text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert dlg.keep_index == 0
    assert "1 dossier suivi" in dlg.moves.text() and "1 rôle dans une structure" in dlg.moves.text()
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert dlg.result() == dlg.DialogCode.Accepted

    assert _links(db, gone) == {k: 0 for k in gone_before}
    assert _links(db, keep) == {k: keep_before[k] + gone_before[k] for k in keep_before}
    with db.read() as s:
        assert s.get(Personne, gone).fusionne_dans_id == keep
        assert s.get(Personne, keep).telephone == "03 80 50 90 47"  # filled from the absorbed record
        assert s.get(RendezVousParticipant, participant_id).personne_id == keep
    # The merged-away person is no longer listed; the survivor offers to undo.
    assert gone not in row_ids(screen.table)
    assert screen.select_personne(keep)
    assert screen.undo_merge_button.isVisible()
    assert "Anne Petit" in screen.merge_info.text()
    assert screen.dossiers.rowCount() == 1

    screen.confirm = lambda *_: True
    qtbot.mouseClick(screen.undo_merge_button, Qt.MouseButton.LeftButton)
    assert _links(db, gone) == gone_before
    assert _links(db, keep) == keep_before
    with db.read() as s:
        assert s.get(Personne, gone).fusionne_dans_id is None
        assert s.get(Personne, keep).telephone is None
    assert gone in row_ids(screen.table)
    screen.select_personne(keep)
    assert not screen.undo_merge_button.isVisible()
