"""Documents in the GUI: generate from a dossier in two clicks, preview, save, print; Rapports screen;
pack du lendemain; attach and open files; letterhead settings; the menu actions."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pypdf
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMainWindow
from sqlalchemy import select

from pole_desktop.demo import generate
from pole_desktop.domain import models as m
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.tasks import TaskRunner
from pole_desktop.paths import DataDir
from pole_desktop.storage.database import Database

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def ctx(tmp_path: Path, qtbot) -> Iterator[AppContext]:  # noqa: ANN001
    db = Database.open(DataDir.at(tmp_path / "data"))
    generate(db, "tiny", seed=1, today=TODAY)
    settings = QSettings(str(tmp_path / "qt.ini"), QSettings.Format.IniFormat)
    context = AppContext(db=db, tasks=TaskRunner(synchronous=True), settings=settings)
    yield context
    for w in QApplication.topLevelWidgets():
        if w.objectName() in ("pdf_preview", "generate_document", "pack_du_lendemain", "letterhead_settings"):
            w.close()
    db.close()


def top_level(name: str):  # noqa: ANN201
    found = [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]
    assert found, f"no visible {name}"
    return found[-1]


def first_dossier(ctx: AppContext) -> str:
    with ctx.db.read() as s:
        return s.scalars(select(m.Dossier.id).order_by(m.Dossier.reference)).first()


def test_generate_from_dossier_in_two_clicks_then_save(ctx: AppContext, qtbot, tmp_path: Path,  # noqa: ANN001
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from pole_desktop.gui.dialogs.pdf_preview import PdfPreviewDialog
    from pole_desktop.gui.widgets.documents_panel import DocumentsPanel

    panel = DocumentsPanel(ctx, first_dossier(ctx))
    qtbot.addWidget(panel)
    assert panel.table.rowCount() == 0
    qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)  # click 1
    dialog = top_level("generate_document")
    assert dialog.kind == "fiche_synthese"
    qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)  # click 2
    preview = top_level("pdf_preview")
    with ctx.db.read() as s:
        doc = s.scalars(select(m.Document)).one()
        assert doc.type == "synthese" and doc.genere and doc.source_hlc
    pdf = preview.pdf_bytes
    assert hashlib.sha256(pdf).hexdigest() == doc.sha256
    assert preview.page_count == len(pypdf.PdfReader(io.BytesIO(pdf)).pages) >= 1
    assert preview.print_button.isDefault()
    # The Documents list was refreshed by ctx.notify("document").
    assert panel.table.rowCount() == 1 and panel.table.item(0, 1).text() == "Fiche de synthèse"

    target = tmp_path / "exports" / "fiche"
    target.parent.mkdir()
    monkeypatch.setattr(PdfPreviewDialog, "ask_save_path", staticmethod(lambda *_a: str(target)))
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "exports" / "fiche.pdf").read_bytes() == pdf

    # "Imprimer…": the system dialog is replaced; pages are painted into a (PDF) printer.
    from PySide6.QtPrintSupport import QPrinter

    out = tmp_path / "printed.pdf"

    def fake_print_dialog(printer: QPrinter, _parent: object) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(72)
        return True

    monkeypatch.setattr(PdfPreviewDialog, "ask_print", staticmethod(fake_print_dialog))
    assert preview.print_document()
    assert len(pypdf.PdfReader(out).pages) == preview.page_count


def test_rendez_vous_compte_rendu_goes_straight_to_preview(ctx: AppContext, qtbot) -> None:  # noqa: ANN001
    from pole_desktop.gui.dialogs.generate_document import open_generate_dialog

    with ctx.db.read() as s:
        rdv = s.scalars(select(m.RendezVous).where(m.RendezVous.statut == "realise").order_by(m.RendezVous.id)).first()
    assert open_generate_dialog(ctx, "rendez_vous", rdv.id) is None
    preview = top_level("pdf_preview")
    assert "Compte-rendu" in preview.windowTitle()
    with ctx.db.read() as s:
        doc = s.scalars(select(m.Document)).one()
        assert (doc.type, doc.rendez_vous_id, doc.dossier_id) == ("compte_rendu", rdv.id, rdv.dossier_id)


def test_attach_and_open_files(ctx: AppContext, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from pole_desktop.gui.widgets import documents_panel as dp

    source = tmp_path / "statuts signés.txt"
    source.write_text("Statuts de l'association « Le Panier d'Œuvres »", encoding="utf-8")
    panel = dp.DocumentsPanel(ctx, first_dossier(ctx))
    qtbot.addWidget(panel)
    monkeypatch.setattr(dp.DocumentsPanel, "ask_files", staticmethod(lambda _p: [str(source)]))
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    with ctx.db.read() as s:
        doc = s.scalars(select(m.Document)).one()
    assert (doc.type, doc.mime, doc.nom_fichier, doc.genere) == ("piece_jointe", "text/plain", source.name, False)
    assert panel.table.rowCount() == 1
    opened: list[str] = []
    monkeypatch.setattr(dp.QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile())))
    path = panel.open_selected()
    assert Path(opened[0]).read_bytes() == source.read_bytes() and Path(opened[0]) == path


def test_reports_screen_computes_and_exports(ctx: AppContext, qtbot, tmp_path: Path,  # noqa: ANN001
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from pole_desktop.gui.screens.reports import ReportsScreen, preset_period
    from pole_desktop.reports.export import format_value, key_figures

    assert preset_period("trimestre_precedent", dt.date(2026, 2, 10)) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    screen = ReportsScreen(ctx)
    qtbot.addWidget(screen)
    assert not screen.pdf_button.isEnabled()
    screen.set_period(dt.date(2025, 3, 1), dt.date(2026, 10, 31))
    assert screen.preset.currentData() == "personnalisee"
    qtbot.mouseClick(screen.compute_button, Qt.MouseButton.LeftButton)
    assert screen.bilan is not None and screen.pdf_button.isEnabled()
    shown = [w.text() for w in screen.findChildren(type(screen.status)) if w.objectName() == "figure_value"]
    assert shown == [format_value(f.value, f.unit) for f in key_figures(screen.bilan)]
    previous = [w.text() for w in screen.findChildren(type(screen.status)) if w.objectName() == "figure_previous"]
    assert previous == [f"Même période N-1 : {format_value(f.previous, f.unit)}" for f in key_figures(screen.bilan)]
    screen.resize(1366, 768)
    screen.show()
    assert screen.grab().save(str(tmp_path / "rapports.png"))
    saved: dict[str, Path] = {}

    def ask(_parent: object, _title: str, suggested: str, _filter: str) -> str:
        saved[suggested.rsplit(".", 1)[1]] = tmp_path / suggested
        return str(tmp_path / suggested)

    monkeypatch.setattr(ReportsScreen, "ask_save_path", staticmethod(ask))
    for button in (screen.pdf_button, screen.csv_button, screen.xlsx_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert set(saved) == {"pdf", "csv", "xlsx"}
    people = screen.bilan.personnes
    assert f"Personnes accompagnées;{people};".encode() in saved["csv"].read_bytes()
    wb = openpyxl.load_workbook(saved["xlsx"])
    assert {r[0]: r[1] for r in wb["Synthèse"].iter_rows(values_only=True) if r[0]}["Personnes accompagnées"] == people
    assert "Bilan d'activité" in pypdf.PdfReader(saved["pdf"]).pages[0].extract_text()
    qtbot.mouseClick(screen.preview_button, Qt.MouseButton.LeftButton)
    assert top_level("pdf_preview").page_count >= 2


def test_pack_du_lendemain_dialog(ctx: AppContext, qtbot) -> None:  # noqa: ANN001
    from pole_desktop.documents.pack import plan_pack
    from pole_desktop.gui.documents_actions import PackDialog, next_working_day

    assert next_working_day(dt.date(2026, 11, 27)) == dt.date(2026, 11, 30)  # Friday → Monday
    tomorrow = TODAY + dt.timedelta(days=1)
    dialog = PackDialog(ctx, day=tomorrow)
    qtbot.addWidget(dialog)
    assert dialog.mine.isChecked()
    dialog.show()
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    preview = dialog.last_preview
    assert preview is not None and preview.isVisible()
    with ctx.db.read() as s:
        plan = plan_pack(s, tomorrow, ctx.db.journal.author_id)
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(preview.pdf_bytes)).pages)
    assert text.count("Préparation du rendez-vous") == len(plan.items) > 0


def test_menu_actions_and_letterhead_settings(ctx: AppContext, qtbot, tmp_path: Path,  # noqa: ANN001
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from pole_desktop.gui.dialogs.letterhead_settings import LetterheadSettingsDialog
    from pole_desktop.gui.documents_actions import install_documents_menu

    window = QMainWindow()
    qtbot.addWidget(window)
    actions = install_documents_menu(window, ctx)
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Documents" in titles
    assert actions["pack_du_lendemain"].text() == "Pack du lendemain…"
    actions["letterhead_settings"].trigger()
    dialog = top_level("letterhead_settings")
    assert isinstance(dialog, LetterheadSettingsDialog)
    assert dialog.edits["name"].text() == "Pôle d'Économie Solidaire"
    dialog.edits["name"].setText("Pôle d'Économie Solidaire 21 — antenne de Montbard")
    dialog.edits["email"].setText("contact@pes21.org")
    from PySide6.QtGui import QColor, QImage

    logo = tmp_path / "logo.png"
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#1b5e66"))
    image.save(str(logo))
    monkeypatch.setattr(LetterheadSettingsDialog, "ask_logo_path", staticmethod(lambda _p: str(logo)))
    dialog.choose_logo()
    dialog.accept()
    saved = json.loads(ctx.db.data_dir.settings.read_text(encoding="utf-8"))["papier_en_tete"]
    assert saved["name"].endswith("antenne de Montbard") and saved["email"] == "contact@pes21.org"
    assert saved["logo"] == "logo.png" and (ctx.db.data_dir.root / "logo.png").exists()
    # The next generated document uses it.
    from pole_desktop.gui.dialogs.generate_document import generate_and_preview

    generate_and_preview(ctx, "attestation", first_dossier(ctx))
    pdf = top_level("pdf_preview").pdf_bytes
    assert "antenne de Montbard" in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_main_window_dossier_page_two_clicks_and_documents_tab(ctx: AppContext, window, qtbot,  # noqa: ANN001
                                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pole_desktop.gui.documents_actions import install_documents_menu
    from pole_desktop.gui.widgets.documents_panel import DocumentsPanel

    actions = install_documents_menu(window, ctx)
    fichier = [a.menu() for a in window.menuBar().actions() if a.text() == "&Fichier"][0]
    assert actions["pack_du_lendemain"] in fichier.actions()
    dossier_id = first_dossier(ctx)
    ctx.open_dossier(dossier_id)
    page = window.current_screen()
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)  # click 1
    qtbot.mouseClick(top_level("generate_document").generate_button, Qt.MouseButton.LeftButton)  # click 2
    preview = top_level("pdf_preview")
    assert preview.page_count >= 1 and "Fiche de synthèse" in preview.windowTitle()
    # The Documents tab lists it (the main window refreshed the page on ctx.notify) and opens it.
    page.show_tab(page.documents)
    assert page.documents.table.rowCount() == 1
    page.documents.table.selectRow(0)
    page.documents.open_selected()
    assert page.documents.last_preview.pdf_bytes == preview.pdf_bytes
    # Joindre un fichier from the tab.
    source = tmp_path / "budget prévisionnel.csv"
    source.write_text("poste;montant\nloyer;1200\n", encoding="utf-8")
    monkeypatch.setattr(DocumentsPanel, "ask_files", staticmethod(lambda _p: [str(source)]))
    qtbot.mouseClick(page.documents.attach_button, Qt.MouseButton.LeftButton)
    assert page.documents.table.rowCount() == 2
    # The rendez-vous tab prints a compte-rendu straight away.
    page.show_tab(page.rendez_vous)
    page.rendez_vous.table.selectRow(page.rendez_vous.table.rowCount() - 1)
    qtbot.mouseClick(page.rendez_vous.print_button, Qt.MouseButton.LeftButton)
    titles = [w.windowTitle() for w in QApplication.topLevelWidgets()
              if w.objectName() == "pdf_preview" and w.isVisible()]
    assert any("Compte-rendu" in t for t in titles)
    with ctx.db.read() as s:
        assert s.scalars(select(m.Document.type).where(m.Document.type == "compte_rendu")).all() == ["compte_rendu"]


def test_ateliers_screen_emargement_hook(ctx: AppContext, qtbot) -> None:  # noqa: ANN001
    from pole_desktop.gui.dialogs.pdf_preview import preview_emargement
    from pole_desktop.gui.screens.ateliers import emargement_hook

    assert emargement_hook() is preview_emargement
    with ctx.db.read() as s:
        atelier_id = s.scalars(select(m.Atelier.id).order_by(m.Atelier.debut)).first()
    preview_emargement(ctx, atelier_id, None)
    titles = [w.windowTitle() for w in QApplication.topLevelWidgets()
              if w.objectName() == "pdf_preview" and w.isVisible()]
    assert any("émargement" in t for t in titles)
    with ctx.db.read() as s:
        doc = s.scalars(select(m.Document)).one()
        assert (doc.type, doc.atelier_id, doc.dossier_id) == ("emargement", atelier_id, None)


def test_letterhead_settings_legal_representative_and_funders(ctx: AppContext, qtbot, tmp_path: Path,  # noqa: ANN001
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The Pôle's legal representative and the funders' logos and mentions, set in the dialog, are
    printed on the next convention (read back from the PDF)."""
    from PySide6.QtGui import QColor, QImage

    from pole_desktop.documents.generate import generate_document
    from pole_desktop.documents.settings import load_settings
    from pole_desktop.gui.dialogs.letterhead_settings import LetterheadSettingsDialog

    dialog = LetterheadSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.signataire_nom.setText("Hélène Marchal")
    dialog.signataire_qualite.setText("présidente")
    dialog.mentions.setPlainText("Cofinancé par l'Union européenne\n\nAvec le soutien de l'État")
    logo = tmp_path / "ue.png"
    image = QImage(200, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#003399"))
    image.save(str(logo))
    monkeypatch.setattr(LetterheadSettingsDialog, "ask_logo_path", staticmethod(lambda _p: str(logo)))
    dialog.add_funder_logo()
    dialog.add_funder_logo()  # the same file twice: kept once
    assert len(dialog.funder_logos) == 1
    dialog.accept()
    settings = load_settings(ctx.db.data_dir)
    assert settings.letterhead.funder_mentions == ("Cofinancé par l'Union européenne", "Avec le soutien de l'État")
    assert len(settings.letterhead.funder_logos) == 1 and settings.letterhead.funder_logos[0].exists()
    with ctx.db.read() as s:
        pdf = generate_document(s, "convention", first_dossier(ctx), generated_at=dt.datetime(2026, 1, 5, 9, 0),
                                settings=settings, letterhead=settings.letterhead).pdf
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join("\n".join(p.extract_text() for p in reader.pages).split())
    assert "représenté par Hélène Marchal, présidente" in text
    assert "Cofinancé par l'Union européenne" in text.replace("\u2019", "'")
    assert sum(len(p.images) for p in reader.pages) >= 1  # the funder's logo is drawn
