"""Structures: validation next to the fields with nothing saved, duplicates, roles, merge and undo."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from pole_desktop.domain.models import Dossier, Personne, Structure, StructureRole
from pole_desktop.gui.dialogs.duplicates_dialog import DuplicatesDialog
from pole_desktop.gui.dialogs.merge_dialog import MergeDialog
from pole_desktop.gui.dialogs.structure_form import StructureFormDialog
from pole_desktop.gui.screens.structures import StructuresScreen
from pole_desktop.gui.widgets.tables import row_ids
from pole_desktop.services import dossiers, personnes, structures
from tests.gui.picking import pick

VALID_SIRET = "73282932000074"


def _count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Structure))


def _form(qtbot, ctx, structure_id=None) -> StructureFormDialog:
    dlg = StructureFormDialog(ctx, structure_id)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def _save(qtbot, dlg) -> None:
    qtbot.mouseClick(dlg.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def _error(dlg, field: str) -> str:
    label = getattr(dlg.ui, f"err_{field}")
    return label.text() if label.isVisible() else ""


def test_bad_siret_rna_and_budget_show_next_to_the_fields_and_nothing_is_saved(qtbot, people_ctx) -> None:
    before = _count(people_ctx.db)
    dlg = _form(qtbot, people_ctx)
    qtbot.keyClicks(dlg.ui.raison_sociale, "Les Jardins partages")
    qtbot.keyClicks(dlg.ui.siret, "732 829 320 00075")
    qtbot.keyClicks(dlg.ui.rna, "W12345")
    qtbot.keyClicks(dlg.ui.budget, "douze mille")
    _save(qtbot, dlg)
    assert "SIRET n'est pas valide" in _error(dlg, "siret")
    assert _error(dlg, "rna") != ""
    assert "montant" in _error(dlg, "budget")
    assert _error(dlg, "raison_sociale") == ""
    assert dlg.saved_id is None and _count(people_ctx.db) == before


def test_valid_structure_is_saved_with_legal_form_naf_and_budget_in_cents(qtbot, people_ctx) -> None:
    dlg = _form(qtbot, people_ctx)
    qtbot.keyClicks(dlg.ui.raison_sociale, "Les Jardins partages de Talant")
    dlg.ui.forme_juridique.setEditText("Association déclarée")
    qtbot.keyClicks(dlg.ui.naf, "8899B")
    assert "Action sociale sans hébergement" in dlg.ui.naf_libelle.text()
    qtbot.keyClicks(dlg.ui.budget, "12 500,50")
    dlg.ui.commune_insee.setText("Talant")
    qtbot.mouseClick(dlg.ui.esus, Qt.MouseButton.LeftButton, pos=QPoint(5, dlg.ui.esus.height() // 2))
    _save(qtbot, dlg)
    assert dlg.saved_id, dlg.ui.banner.text()
    with people_ctx.db.read() as s:
        st = s.get(Structure, dlg.saved_id)
        assert (st.forme_juridique, st.naf, st.budget_centimes, st.commune_insee, st.esus) == (
            "9220", "88.99B", 1_250_050, "21617", True)


def test_same_siret_is_announced_as_a_possible_duplicate(qtbot, people_ctx) -> None:
    with people_ctx.db.session() as s:
        structures.save_structure(s, {"raison_sociale": "Épicerie solidaire", "siret": VALID_SIRET})
    before = _count(people_ctx.db)
    dlg = _form(qtbot, people_ctx)
    qtbot.keyClicks(dlg.ui.raison_sociale, "Epicerie du quartier")
    qtbot.keyClicks(dlg.ui.siret, VALID_SIRET)
    _save(qtbot, dlg)
    assert dlg.ui.banner.isVisible() and "Cette structure existe peut-être déjà" in dlg.ui.banner.text()
    assert "Épicerie solidaire" in dlg.ui.banner.text()
    assert _count(people_ctx.db) == before


def test_add_and_remove_a_role_from_the_detail_panel(qtbot, people_ctx) -> None:
    with people_ctx.db.session() as s:
        sid = structures.save_structure(s, {"raison_sociale": "Zéro Déchet Auxonne"}).id
        pid = personnes.save_personne(s, {"nom": "Quillot", "prenom": "Yves"}).id
    screen = StructuresScreen(people_ctx)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.select_structure(sid)
    pick(qtbot, screen.role_person, "quillot", "Yves Quillot")
    screen.role_choice.setCurrentText("Trésorier·e")
    qtbot.mouseClick(screen.add_role_button, Qt.MouseButton.LeftButton)
    with people_ctx.db.read() as s:
        roles = s.execute(select(StructureRole.personne_id, StructureRole.role)
                          .where(StructureRole.structure_id == sid)).all()
    assert roles == [(pid, "Trésorier·e")]
    assert [screen.roles.item(i).text() for i in range(screen.roles.count())] == ["Yves Quillot — Trésorier·e"]
    screen.roles.setCurrentRow(0)
    screen.confirm = lambda *_: True
    qtbot.mouseClick(screen.remove_role_button, Qt.MouseButton.LeftButton)
    with people_ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(StructureRole).where(StructureRole.structure_id == sid)) == 0
    assert screen.roles.count() == 0


def test_merge_two_structures_from_the_duplicates_list_then_undo(qtbot, people_ctx) -> None:
    db = people_ctx.db
    with db.session() as s:
        a = structures.save_structure(s, {"raison_sociale": "La Ressourcerie du Val", "siret": VALID_SIRET}).id
        b = structures.save_structure(s, {"raison_sociale": "Ressourcerie du Val (doublon)",
                                          "siret": VALID_SIRET, "rna": "W212001234"}).id
        pid = s.scalars(select(Personne.id).order_by(Personne.nom)).first()
        role_id = structures.add_role(s, b, pid, "Président·e").id
        dossier_id = s.scalars(select(Dossier.id).order_by(Dossier.reference)).first()
        dossiers.update_dossier(s, dossier_id, {"structure_id": b})
    dd = DuplicatesDialog(people_ctx, "structure")
    qtbot.addWidget(dd)
    pair = next(p for p in dd.pairs if {p[0], p[1]} == {a, b})
    assert pair[2] == "même SIRET"
    dlg = MergeDialog(people_ctx, "structure", a, b)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.keep_buttons[0].setChecked(True)
    assert "1 dossier" in dlg.moves.text() and "1 rôle dans une structure" in dlg.moves.text()
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    with db.read() as s:
        assert s.get(StructureRole, role_id).structure_id == a
        assert s.get(Dossier, dossier_id).structure_id == a
        assert s.get(Structure, a).rna == "W212001234"
    screen = StructuresScreen(people_ctx)
    qtbot.addWidget(screen)
    screen.show()
    assert b not in row_ids(screen.table)
    assert screen.select_structure(a) and screen.undo_merge_button.isVisible()
    screen.confirm = lambda *_: True
    qtbot.mouseClick(screen.undo_merge_button, Qt.MouseButton.LeftButton)
    with db.read() as s:
        assert s.get(StructureRole, role_id).structure_id == b
        assert s.get(Dossier, dossier_id).structure_id == b
        assert s.get(Structure, a).rna is None
    assert b in row_ids(screen.table)
