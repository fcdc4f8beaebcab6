"""The import assistant driven end to end: file → sheet → kind → mapping → dry run → duplicates
confirmed → import with progress → « Annuler cet import »; and the same in the background."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pole_desktop.domain import models as m
from pole_desktop.importing import plan
from pole_desktop.services import personnes
from tests.unit.import_samples import HEADERS, ROWS, people_rows, write_csv, write_xlsx


def _count(db) -> int:  # noqa: ANN001
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(m.Personne))


def _open(ctx, qtbot):  # noqa: ANN001, ANN202
    from pole_desktop.gui.dialogs.import_wizard import ImportWizard

    w = ImportWizard(ctx)
    qtbot.addWidget(w)
    w.confirm = lambda *_: True
    w.open()
    return w


def test_menu_entry_opens_the_assistant(ctx, qtbot) -> None:  # noqa: ANN001
    from pole_desktop.gui.application import build_main_window

    win = build_main_window(ctx)
    qtbot.addWidget(win)
    donnees = next(a.menu() for a in win.menuBar().actions() if a.menu() and a.text().replace("&", "") == "Données")
    action = next(a for a in donnees.actions() if a.text().replace("&", "") == "Importer…")
    action.trigger()
    from pole_desktop.gui.dialogs.import_wizard import ImportWizard

    wizard = next(w for w in win.findChildren(ImportWizard))
    assert wizard.isVisible() and wizard.currentPage().title() == "Fichier à importer"
    wizard.reject()


def test_assistant_end_to_end(ctx, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    db = ctx.db
    with db.session() as s:
        known = personnes.save_personne(s, {"nom": "MARTIN", "prenom": "ELODIE", "email": "elodie.martin@exemple.fr"})
    before = _count(db)
    rows = [[*r] for r in ROWS] + people_rows(30, invalid_every=15)
    path = write_xlsx(tmp_path / "anciens.xlsx", {"Sommaire": [["Classeur des porteurs"]],
                                                  "Porteurs": [HEADERS, *rows]})
    w = _open(ctx, qtbot)
    page = w.file_page
    w.choose_file = lambda: str(path)
    page._browse()
    assert w.source is not None and w.source.sheets == ["Sommaire", "Porteurs"]
    page.sheet.setCurrentText("Porteurs")
    page.sheet.activated.emit(1)
    assert w.source.sheet == "Porteurs" and w.source.headers == HEADERS
    assert "7 colonnes" not in page.status.text() and "8 colonnes" in page.status.text()
    page.kind.setCurrentIndex(page.kind.findData("personnes"))
    _shot(w, "1_file")
    w.next()

    mp = w.mapping_page
    assert w.currentPage() is mp
    assert [c.currentData() for c in mp.combos] == ["nom_complet", "telephone", "email", "annee_naissance",
                                                    "code_postal", "commune", "situation", "notes"]
    assert "LEFÈVRE-DUPONT Hélène" in mp.table.item(0, 1).text()  # examples from the file
    _shot(w, "2_mapping")
    mp.set_field("Observations", None)  # the user leaves the notes out
    saved = tmp_path / "correspondance.json"
    w.choose_mapping_to_save = lambda: str(saved)
    mp._save()
    assert json.loads(saved.read_text())["colonnes"]["Observations"] is None
    w.next()

    dr = w.dry_page
    assert w.currentPage() is dr and w.dry is not None
    assert (w.dry.created, w.dry.updated, w.dry.rejected) == (30, 1, 2)
    assert dr.tabs.tabText(0) == "Doublons possibles (1)" and dr.tabs.tabText(2) == "Rejets (2)"
    assert dr.duplicates.item(0, 2).text() == "même adresse e-mail"
    assert dr.rejects.item(0, 1).text() == "Tél." and "téléphone" in dr.rejects.item(0, 3).text()
    assert "année de naissance : (vide) → 1985" in dr.updates.item(0, 2).text()
    assert _count(db) == before  # nothing written by the dry run
    _shot(w, "3_dry_run")
    dr.decide(3, plan.CREATE)  # the user says: not the same Élodie
    dr.recompute.click()
    assert (w.dry.created, w.dry.updated) == (31, 0)
    w.next()

    ip = w.import_page
    assert w.currentPage() is ip and w.result is not None
    assert "Import terminé : 31 fiches créées" in ip.status.text()
    assert ip.progress.value() == ip.progress.maximum()
    assert _count(db) == before + 31
    assert w.result.report_path.exists() and w.result.report_path.parent == tmp_path
    with db.read() as s:
        helene = s.scalars(select(m.Personne).where(m.Personne.nom == "LEFÈVRE-DUPONT")).one()
        assert helene.notes is None  # the column the user ignored
        assert s.get(m.Personne, known.id).annee_naissance is None

    assert ip.undo.isVisible()
    ip.undo.click()
    assert "Import annulé : 31 fiches supprimées" in ip.status.text()
    assert _count(db) == before
    _shot(w, "4_import")


def _shot(w, name: str) -> None:  # noqa: ANN001
    """With POLE_DESKTOP_SCREENSHOTS=<folder>, the page as the user sees it at 1366×768."""
    import os

    out = os.environ.get("POLE_DESKTOP_SCREENSHOTS")
    if out:
        w.resize(1366, 768)
        w.grab().save(str(Path(out) / f"import_wizard_{name}.png"))


def test_import_runs_in_the_background_and_can_be_cancelled(ctx, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from pole_desktop.gui.tasks import TaskRunner

    ctx.tasks = TaskRunner()  # real background threads for this test
    try:
        before = _count(ctx.db)
        path = write_csv(tmp_path / "gros.csv", people_rows(10000))
        w = _open(ctx, qtbot)
        w.file_page.path.setText(str(path))
        w.file_page.load()
        qtbot.waitUntil(lambda: w.source is not None, timeout=20000)
        w.next()
        qtbot.waitUntil(lambda: w.mapping_page.table.item(0, 1).text() != "", timeout=20000)
        w.next()
        qtbot.waitUntil(lambda: w.dry is not None and not w.dry_page.running, timeout=60000)
        assert w.dry.created == 10000
        w.next()
        # While it runs the GUI thread is free: the cancel button is clickable and the bar moves.
        assert w.import_page.running and w.import_page.stop.isEnabled()
        qtbot.waitUntil(lambda: w.import_page.progress.value() > 0, timeout=60000)
        w.import_page.stop.click()
        qtbot.waitUntil(lambda: not w.import_page.running, timeout=60000)
        assert w.import_page.status.text() == "Import interrompu : rien n'a été écrit."
        assert _count(ctx.db) == before and w.result is None
    finally:
        ctx.tasks.wait_idle()
        ctx.tasks.shutdown()


def test_old_labels_and_homonym_communes_are_asked_once(ctx, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from pole_desktop.territory import get_territory

    rows = [["DURAND Luc", "", "", "", "", "Magny", "DE", ""], ["ROUX Anne", "", "", "", "", "Magny", "DE", ""],
            ["PETIT Jean", "", "", "", "", "Dijon", "Etudiant", ""]]
    path = write_csv(tmp_path / "vieux.csv", rows, encoding="cp1252")
    w = _open(ctx, qtbot)
    w.file_page.path.setText(str(path))
    w.file_page.load()
    assert w.source.encoding in ("cp1252", "latin-1")
    w.next()
    w.next()
    dr = w.dry_page
    assert (w.dry.created, w.dry.rejected) == (1, 2)
    assert dr.tabs.tabText(3) == "À préciser (2)"
    assert {dr.settle.item(i, 1).text(): dr.settle.item(i, 2).text() for i in range(2)} == {"Magny": "2", "DE": "2"}
    magny_sur_tille = next(c.code_insee for c in get_territory().communes() if c.nom == "Magny-sur-Tille")
    dr.settle_value("Magny", magny_sur_tille)
    dr.settle_value("DE", "demandeur_emploi")
    saved = tmp_path / "corr.json"
    w.choose_mapping_to_save = lambda: str(saved)
    dr._save_mapping()
    assert json.loads(saved.read_text())["libelles"] == {"commune": {"Magny": magny_sur_tille},
                                                         "situation": {"DE": "demandeur_emploi"}}
    dr.recompute.click()
    assert (w.dry.created, w.dry.rejected) == (3, 0) and dr.tabs.tabText(3) == "À préciser (0)"
    w.next()
    with ctx.db.read() as s:
        luc = s.scalars(select(m.Personne).where(m.Personne.nom == "DURAND", m.Personne.prenom == "Luc")).one()
        assert (luc.commune_insee, luc.situation) == (magny_sur_tille, "demandeur_emploi")


def test_dossiers_through_the_assistant(ctx, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    headers = ["Référence", "Dispositif", "Projet", "Porteur", "Date d'ouverture", "Étape"]
    path = write_xlsx(tmp_path / "suivi.xlsx", {"DLA": [headers, ["X-1", "DLA", "Ressourcerie", "DURAND Luc",
                                                                  "04/03/2019", "Diagnostic partagé"]]})
    with ctx.db.read() as s:
        before = s.scalar(select(func.count()).select_from(m.Dossier))
    w = _open(ctx, qtbot)
    w.file_page.kind.setCurrentIndex(w.file_page.kind.findData("dossiers"))
    w.file_page.path.setText(str(path))
    w.file_page.load()
    w.next()
    mp = w.mapping_page
    assert mp.isComplete()
    mp.set_field("Date d'ouverture", None)
    assert not mp.isComplete() and mp.status.text() == "Choisissez la colonne de la date d'ouverture."
    mp.set_field("Date d'ouverture", "date_ouverture")
    w.next()
    assert w.dry.created == 1
    w.next()
    assert "Créées avec les dossiers : 1 personne, 0 structure." in w.import_page.status.text()
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.Dossier)) == before + 1


def test_undo_an_earlier_import_from_the_history(ctx, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from pole_desktop.importing import apply, mapping, readers

    before = _count(ctx.db)
    src = readers.open_source(write_csv(tmp_path / "hier.csv", people_rows(12)))
    res = apply.apply_import(ctx.db, src, mapping.auto_mapping("personnes", src.headers))  # e.g. synced from A
    assert _count(ctx.db) == before + 12
    w = _open(ctx, qtbot)
    page = w.file_page
    assert page.history.rowCount() == 1
    assert page.history.item(0, 1).text() == "hier.csv" and page.history.item(0, 6).text() == "en place"
    assert not page.undo_old.isEnabled()
    page.history.selectRow(0)
    assert page.undo_old.isEnabled()
    page.undo_old.click()
    assert "Import annulé : 12 fiches supprimées" in page.history_status.text()
    assert page.history.item(0, 6).text().startswith("annulé le ")
    assert _count(ctx.db) == before and not page.undo_old.isEnabled()
    _shot(w, "0_history")
    assert res.batch_id


@pytest.fixture(autouse=True)
def _no_native_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: pytest.fail("native file dialog"))
