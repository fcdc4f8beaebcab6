"""Dossier list: filter as you type (accent-insensitive FTS), filters, SQL sorting, lazy rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from pole_desktop import clock
from pole_desktop.domain.models import Dossier
from pole_desktop.gui.models.dossier_table import COL_REFERENCE, COL_TITRE, DossierTableModel, build_id_query
from pole_desktop.gui.screens.dossiers import DossiersScreen
from pole_desktop.services import dossiers as dossier_service


def _make(ctx, titre, commune="21231", dispositif="dla"):
    with ctx.db.session() as s:
        return dossier_service.create_dossier(s, {"dispositif": dispositif, "titre": titre,
                                                  "commune_insee": commune}).id


def _screen(ctx, qtbot):
    screen = DossiersScreen(ctx)
    qtbot.addWidget(screen)
    screen.refresh()
    return screen


def _type(qtbot, widget, text):
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def _shown_ids(screen):
    return [screen.model.dossier_id(i) for i in range(screen.model.rowCount())]


def test_filter_as_you_type_ignores_accents(ctx, qtbot):
    eco = _make(ctx, "Épicerie de l'Économie circulaire")
    chat = _make(ctx, "Recyclerie du Châtillonnais", commune="21154")  # Châtillon-sur-Seine
    screen = _screen(ctx, qtbot)
    total = screen.model.rowCount()
    assert total > 2
    qtbot.keyClicks(screen.search, "economie")
    qtbot.waitUntil(lambda: _shown_ids(screen) == [eco])
    assert screen.count.text() == "1 dossier"
    screen.search.clear()
    qtbot.waitUntil(lambda: screen.model.rowCount() == total)
    qtbot.keyClicks(screen.search, "chatillon")
    qtbot.waitUntil(lambda: screen.model.rowCount() < total)
    assert chat in _shown_ids(screen) and eco not in _shown_ids(screen)
    screen.search.clear()
    _type(qtbot, screen.search, "Économie circ")  # typed with accents, prefix of a word
    qtbot.waitUntil(lambda: _shown_ids(screen) == [eco])


def test_filters_dispositif_etape_status(ctx, qtbot):
    screen = _screen(ctx, qtbot)
    screen.dispositif.setCurrentIndex(screen.dispositif.findData("dla"))
    with ctx.db.read() as s:
        expected = set(s.scalars(select(Dossier.id).where(Dossier.dispositif == "dla", Dossier.archive.is_(False),
                                                          Dossier.date_cloture.is_(None))))
    assert set(_shown_ids(screen)) == expected
    assert screen.etape.isEnabled() and screen.etape.count() == 1 + 6
    screen.etape.setCurrentIndex(screen.etape.findData("accueil"))
    with ctx.db.read() as s:
        accueil = set(s.scalars(select(Dossier.id).where(Dossier.dispositif == "dla", Dossier.etape == "accueil",
                                                         Dossier.archive.is_(False), Dossier.date_cloture.is_(None))))
    assert set(_shown_ids(screen)) == accueil
    screen.dispositif.setCurrentIndex(0)
    screen.status.setCurrentIndex(screen.status.findData("clos"))
    with ctx.db.read() as s:
        closed = set(s.scalars(select(Dossier.id).where(Dossier.date_cloture.is_not(None),
                                                        Dossier.archive.is_(False))))
    assert closed and set(_shown_ids(screen)) == closed


def test_sorting_is_done_by_the_query(ctx, qtbot):
    screen = _screen(ctx, qtbot)
    screen.status.setCurrentIndex(screen.status.findData("tous"))
    screen.table.sortByColumn(COL_REFERENCE, Qt.SortOrder.AscendingOrder)
    assert "ORDER BY d.reference ASC" in screen.model.last_sql
    with ctx.db.read() as s:
        refs = list(s.scalars(select(Dossier.reference).where(Dossier.archive.is_(False))
                              .order_by(Dossier.reference)))
    shown = [screen.model.data(screen.model.index(i, COL_REFERENCE)) for i in range(screen.model.rowCount())]
    assert shown == refs
    screen.table.sortByColumn(COL_REFERENCE, Qt.SortOrder.DescendingOrder)
    assert "ORDER BY d.reference DESC" in screen.model.last_sql
    assert [screen.model.data(screen.model.index(i, 0)) for i in range(screen.model.rowCount())] == refs[::-1]
    screen.table.sortByColumn(COL_TITRE, Qt.SortOrder.AscendingOrder)
    titles = [screen.model.data(screen.model.index(i, COL_TITRE)) for i in range(screen.model.rowCount())]
    assert titles == sorted(titles, key=str.lower)


def test_rows_are_fetched_lazily_by_page(ctx, qtbot):
    for i in range(250):
        _make(ctx, f"Projet numéro {i:03d}")
    model = DossierTableModel(ctx.db)
    model.reload()
    assert model.rowCount() > 250
    assert model.cached_rows() == 0  # only ids were loaded
    model.data(model.index(0, 0))
    assert model.cached_rows() == 200
    model.data(model.index(260, 0))
    assert model.cached_rows() == 200 + min(200, model.rowCount() - 200)


def test_a_page_of_rows_is_read_on_the_db_queue_then_repainted(ctx, qtbot, monkeypatch):
    # With a real (busy) queue, data() does not wait: the row is blank, the page is asked once,
    # and its arrival repaints exactly those rows.
    _make(ctx, "Atelier vélo partagé")
    model = DossierTableModel(ctx.db, ctx.tasks)
    model.reload()
    later: list = []
    run = ctx.tasks.run
    monkeypatch.setattr(ctx.tasks, "run", lambda *a, **k: later.append((a, k)))
    changed: list = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    assert model.data(model.index(0, COL_TITRE)) == "" and model.data(model.index(1, COL_TITRE)) == ""
    assert len(later) == 1 and model.cached_rows() == 0  # one read for the page, not one per cell
    monkeypatch.undo()
    a, k = later.pop()
    run(*a, **k)
    assert changed == [(0, model.rowCount() - 1)]
    titles = [model.data(model.index(r, COL_TITRE)) for r in range(model.rowCount())]
    assert "Atelier vélo partagé" in titles


def test_id_query_uses_fts_and_raw_sort_values():
    from pole_desktop.gui.models.dossier_table import DossierFilter

    sql, params = build_id_query(DossierFilter(text="chatillon seine", year=2025, qpv=True), 8, True)
    assert "MATCH :q" in sql and params["q"] == '"chatillon"* AND "seine"*'
    assert "ORDER BY d.date_ouverture DESC" in sql
    assert params["y0"] == "2025-01-01"


def test_enter_opens_the_dossier(ctx, qtbot):
    opened = []
    ctx.open_dossier = opened.append
    did = _make(ctx, "Zythologie brassicole solidaire")
    screen = _screen(ctx, qtbot)
    qtbot.keyClicks(screen.search, "zytho brass")
    qtbot.waitUntil(lambda: _shown_ids(screen) == [did])
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert opened == [did]


def test_territory_and_year_filters(ctx, qtbot):

    rural = _make(ctx, "Épicerie rurale de Recey", commune="21519")  # Recey-sur-Ource: FRR
    city = _make(ctx, "Repair café de Dijon", commune="21231")
    with ctx.db.read() as s:
        frr_code = s.get(Dossier, rural).frr_code
    assert frr_code in (4, 5)
    screen = _screen(ctx, qtbot)
    screen.frr.setChecked(True)
    shown = _shown_ids(screen)
    assert rural in shown and city not in shown
    with ctx.db.read() as s:
        for did in shown:
            d = s.get(Dossier, did)
            assert d.frr_code in (4, 5) or d.zrr_statut in ("C", "A")
    screen.frr.setChecked(False)
    screen.year.setCurrentIndex(screen.year.findData(clock.today().year))
    with ctx.db.read() as s:
        this_year = {d.id for d in s.scalars(select(Dossier).where(Dossier.archive.is_(False),
                                                                    Dossier.date_cloture.is_(None)))
                     if d.date_ouverture.year == clock.today().year}
    assert set(_shown_ids(screen)) == this_year and {rural, city} <= this_year


def test_column_layout_and_sort_are_remembered(ctx, qtbot):
    screen = _screen(ctx, qtbot)
    header = screen.table.horizontalHeader()
    screen.table.sortByColumn(COL_TITRE, Qt.SortOrder.AscendingOrder)
    header.resizeSection(COL_TITRE, 333)
    again = _screen(ctx, qtbot)
    h2 = again.table.horizontalHeader()
    assert (h2.sortIndicatorSection(), h2.sortIndicatorOrder()) == (COL_TITRE, Qt.SortOrder.AscendingOrder)
    assert h2.sectionSize(COL_TITRE) == 333
    assert "ORDER BY d.titre COLLATE NOCASE ASC" in again.model.last_sql
