"""Trap 4: windows fit the screen. The PDF preview and every dialog fit the available screen
(the offscreen test screen is 800×800, smaller than a 1366×768 laptop's height once the task
bar is taken); opening any page never widens the window the user sized; the window's minimum
width fits 1280 px."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from pole_desktop.domain.models import Dossier, RendezVous
from pole_desktop.gui.navigation import PAGES


def _fits(w) -> None:
    avail = (w.screen() or QApplication.primaryScreen()).availableGeometry()
    size = w.frameGeometry().size() if w.isVisible() else w.size()
    assert size.width() <= avail.width() and size.height() <= avail.height(), (
        f"{type(w).__name__} is {size.width()}×{size.height()}, the screen {avail.width()}×{avail.height()}")
    hint = w.minimumSizeHint()
    assert hint.width() <= avail.width() and hint.height() <= avail.height(), (
        f"{type(w).__name__} needs at least {hint.width()}×{hint.height()}")


def _dialogs(ctx):
    import datetime as dt

    from pole_desktop import clock
    from pole_desktop.documents.generate import generate_document
    from pole_desktop.gui.dialogs.audit_dialog import AuditDialog
    from pole_desktop.gui.dialogs.compte_rendu import CompteRenduDialog
    from pole_desktop.gui.dialogs.duplicates_dialog import DuplicatesDialog
    from pole_desktop.gui.dialogs.new_dossier import NewDossierDialog
    from pole_desktop.gui.dialogs.pdf_preview import PdfPreviewDialog
    from pole_desktop.gui.dialogs.rendez_vous_dialog import RendezVousDialog

    with ctx.db.read() as s:
        rid = s.scalar(select(RendezVous.id).where(RendezVous.dossier_id.is_not(None)).limit(1))
        did = s.scalar(select(Dossier.id).limit(1))
    with ctx.db.read() as s:
        pdf = generate_document(s, "fiche_synthese", did, generated_at=clock.local_now()).pdf
    yield PdfPreviewDialog(pdf, "Fiche de synthèse", "fiche.pdf")
    yield NewDossierDialog(ctx)
    yield CompteRenduDialog(ctx, rid)
    yield RendezVousDialog(ctx, dt.datetime(2027, 1, 12, 9))
    yield DuplicatesDialog(ctx, "personne")
    yield AuditDialog(ctx, "dossier", did, "Dossier")
    from pole_desktop.domain.models import Personne
    from pole_desktop.gui.dialogs.merge_dialog import MergeDialog
    from pole_desktop.gui.dialogs.person_privacy_dialog import PersonPrivacyDialog
    from pole_desktop.gui.dialogs.retention_dialog import RetentionDialog

    with ctx.db.read() as s:
        a, b = s.scalars(select(Personne.id).limit(2)).all()
    yield MergeDialog(ctx, "personne", a, b)
    yield RetentionDialog(ctx)
    yield PersonPrivacyDialog(ctx, a)


def test_every_dialog_fits_the_screen(ctx, qtbot) -> None:
    for d in _dialogs(ctx):
        qtbot.addWidget(d)
        d.show()
        qtbot.waitExposed(d)
        _fits(d)
        d.hide()


@pytest.mark.parametrize("key", [p.key for p in PAGES])
def test_opening_a_page_keeps_the_width_the_user_chose(window, qtbot, key) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.resize(1024, 700)
    QApplication.processEvents()
    assert window.width() == 1024
    window.show_page(key)
    QApplication.processEvents()
    assert window.width() == 1024, f"« {key} » widened the window to {window.width()} px"
    assert window.minimumSizeHint().width() <= 1024


@pytest.mark.parametrize("key", [p.key for p in PAGES if p.key != "rapports"])
def test_every_page_fits_a_1366_by_768_laptop_without_scrolling(window, qtbot, key) -> None:
    """« Rapports » is the reports helper's screen (it scrolls rather than widening the window)."""
    window.show()
    qtbot.waitExposed(window)
    window.resize(1366, 768 - 40)  # maximised above the task bar
    window.show_page(key)
    QApplication.processEvents()
    area = window.page_area
    assert not area.verticalScrollBar().isVisible(), (
        f"« {key} » needs {window.current_screen().minimumSizeHint().height()} px of height, "
        f"{area.viewport().height()} available")
    assert not area.horizontalScrollBar().isVisible()


def test_aujourdhui_never_clips_references_dates_or_counts(ctx, window, qtbot) -> None:
    import datetime as dt

    from pole_desktop import clock
    from pole_desktop.services import rendez_vous as rdv_service

    me = ctx.db.journal.author_id
    with ctx.db.read() as s:
        dossier_ids = s.scalars(select(Dossier.id).limit(15)).all()
    with ctx.db.session() as s:  # enough rows for a vertical scroll bar, various references
        for i, did in enumerate(dossier_ids * 2):
            rdv_service.add_action(s, {"libelle": "Envoyer la convention signée au partenaire financeur",
                                       "responsable_id": me, "dossier_id": did,
                                       "echeance": clock.today() + dt.timedelta(days=-4 if i % 2 else 3)})
    ctx.notify("action")
    window.show()
    qtbot.waitExposed(window)
    window.resize(1366, 768 - 40)
    window.show_page("aujourdhui")
    QApplication.processEvents()
    screen = window.current_screen()
    for table, text_column in ((screen.overdue_table, 1), (screen.upcoming_table, 1), (screen.waiting_table, 1)):
        if table is not screen.waiting_table:
            assert table.rowCount() > 0
        elif table.rowCount() == 0:
            continue
        header = table.horizontalHeader()
        for j in range(table.columnCount()):
            if j == text_column:
                continue
            needed = max(table.sizeHintForColumn(j), header.sectionSizeHint(j))  # text, padding and header
            assert header.sectionSize(j) >= needed, (table.accessibleName(), table.horizontalHeaderItem(j).text(),
                                                     header.sectionSize(j), needed)
        # …and the table shows them all without a horizontal scroll bar.
        assert sum(header.sectionSize(j) for j in range(table.columnCount())) <= table.viewport().width() + 1


def test_dossiers_list_shows_whole_references_and_gives_the_width_to_the_title(ctx, window, qtbot) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.resize(1920, 1040)
    window.show_page("dossiers")
    QApplication.processEvents()
    screen = window.current_screen()
    with ctx.db.read() as s:
        refs = s.scalars(select(Dossier.reference)).all()
    header = screen.table.horizontalHeader()
    fm = screen.table.fontMetrics()
    assert header.sectionSize(0) >= max(fm.horizontalAdvance(r) for r in refs) + 8
    # No empty band on the right: the columns fill the list, the title takes the extra width.
    total = sum(header.sectionSize(j) for j in range(header.count()))
    assert abs(total - screen.table.viewport().width()) <= 2
    assert header.sectionSize(1) > 200


def test_ateliers_titles_get_the_room_at_1366(window, qtbot) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.resize(1366, 768 - 40)
    window.show_page("ateliers")
    QApplication.processEvents()
    table = window.current_screen().table
    header = table.horizontalHeader()
    widths = [header.sectionSize(j) for j in range(header.count())]
    assert widths[1] == max(widths) and widths[1] >= 240, widths
    fm = table.fontMetrics()
    assert widths[0] >= fm.horizontalAdvance("07/12/2026 14:00") + 8  # dates never cut
