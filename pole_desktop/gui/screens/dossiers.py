"""Dossiers: the list that filters as you type, over the SQL model of models/dossier_table.

Code-built (not a .ui form): the filter bar's choices (dispositifs, étapes, advisors, years)
come from data.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.domain.dispositifs import DISPOSITIFS
from pole_desktop.formatting import plural
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.layout_state import remember_header
from pole_desktop.gui.models.dossier_table import COL_OUVERTURE, STATUSES, DossierFilter, DossierTableModel
from pole_desktop.gui.ops import run_read
from pole_desktop.gui.screens.base import Screen
from pole_desktop.services.queries.dossiers import DossierFilterChoices, dossier_filter_choices

DEBOUNCE_MS = 150


class DossiersScreen(Screen):
    key = "dossiers"
    title = "Dossiers"
    tables = frozenset({"dossier", "dossier_beneficiaire", "personne", "structure", "accompagnateur", "fusion"})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.model = DossierTableModel(ctx.db, ctx.tasks)
        self.model.reloaded.connect(self._on_reloaded)

        self.search = QLineEdit()
        self.search.setObjectName("dossierSearch")
        self.search.setPlaceholderText("Rechercher : référence, personne, structure, commune, titre…  (Ctrl+F)")
        self.search.setAccessibleName("Rechercher un dossier")
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.installEventFilter(self)

        self.dispositif = self._combo("Dispositif", [("Tous les dispositifs", None)]
                                      + [(d.nom, d.code) for d in DISPOSITIFS.values()])
        self.etape = self._combo("Étape", [("Toutes les étapes", None)])
        self.etape.setEnabled(False)
        self.etape.setToolTip("Choisissez d'abord un dispositif")
        self.referent = self._combo("Référent", [("Tous les référents", None)])
        self.year = self._combo("Année d'ouverture", [("Toutes les années", None)])
        self.status = self._combo("Statut", [(label, code) for code, label in STATUSES.items()])
        self.frr = QCheckBox("FRR / ZRR")
        self.frr.setToolTip("Communes en France Ruralités Revitalisation (ou ZRR avant juillet 2024)")
        self.frr.setAccessibleName("Seulement les dossiers en FRR ou ZRR")
        self.qpv = QCheckBox("QPV")
        self.qpv.setAccessibleName("Seulement les dossiers en quartier prioritaire")
        self.dispositif.currentIndexChanged.connect(self._on_dispositif)
        for w in (self.etape, self.referent, self.year, self.status):
            w.currentIndexChanged.connect(self.apply_filters)
        for c in (self.frr, self.qpv):
            c.toggled.connect(self.apply_filters)

        self.count = QLabel()
        self.count.setObjectName("dossierCount")
        self.new_button = QPushButton("Nouveau dossier…")
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.clicked.connect(self.new_item)

        self.table = QTableView()
        self.table.setObjectName("dossierTable")
        self.table.setAccessibleName("Liste des dossiers")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        fm = self.table.fontMetrics()
        # The reference is never cut (the longest dispositif prefix, a "~xxxx" suffix of a merged
        # duplicate aside); the title takes the width a large screen gives.
        reference = fm.horizontalAdvance("GRAINES-2026-K7QF-0042") + 18
        date = fm.horizontalAdvance("00/00/0000") + 24
        for col, width in enumerate((reference, 200, 140, 130, 110, 90, 110, 100, date)):
            header.resizeSection(col, width)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(COL_OUVERTURE, Qt.SortOrder.DescendingOrder)
        remember_header(ctx.settings, "dossiers", header)
        self.model.sort_column = header.sortIndicatorSection()
        self.model.descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        self.table.setSortingEnabled(True)  # header clicks call model.sort → ORDER BY in SQL
        self.table.doubleClicked.connect(lambda idx: self.open_row(idx.row()))
        self.table.installEventFilter(self)

        top = QHBoxLayout()
        title = QLabel("<h2>Dossiers</h2>")
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count)
        top.addSpacing(12)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        for w in (self.dispositif, self.etape, self.referent, self.year, self.status, self.frr, self.qpv):
            filters.addWidget(w)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.search, self.dispositif)
        self._choices_loaded = False
        self.last_dialog: QWidget | None = None

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        for label, data in items:
            combo.addItem(label, data)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _load_choices(self) -> None:
        self._choices_loaded = True
        run_read(self.ctx, dossier_filter_choices, self._show_choices, parent=self)

    def _show_choices(self, choices: DossierFilterChoices) -> None:
        advisors, years = choices.advisors, choices.years
        for w in (self.referent, self.year):
            w.blockSignals(True)
        me = self.ctx.db.journal.author_id
        for aid, prenom, nom in advisors:
            self.referent.addItem(f"{prenom} {nom}" + (" (moi)" if aid == me else ""), aid)
        for y in years:
            self.year.addItem(str(y), y)
        for w in (self.referent, self.year):
            w.blockSignals(False)
        self._choices_loaded = True

    def _on_dispositif(self) -> None:
        code = self.dispositif.currentData()
        self.etape.blockSignals(True)
        self.etape.clear()
        self.etape.addItem("Toutes les étapes", None)
        if code:
            for e in DISPOSITIFS[code].etapes:
                self.etape.addItem(e.libelle, e.code)
        self.etape.setEnabled(bool(code))
        self.etape.blockSignals(False)
        self.apply_filters()

    def current_filter(self) -> DossierFilter:
        return DossierFilter(
            text=self.search.text(),
            dispositif=self.dispositif.currentData(),
            etape=self.etape.currentData(),
            referent_id=self.referent.currentData(),
            frr=self.frr.isChecked(),
            qpv=self.qpv.isChecked(),
            year=self.year.currentData(),
            status=self.status.currentData(),
        )

    def apply_filters(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())

    def _on_reloaded(self, n: int) -> None:
        self.count.setText("Aucun dossier" if n == 0 else plural(n, "dossier"))

    # ------------------------------------------------------------------ Screen

    def refresh(self) -> None:
        if not self._choices_loaded:
            self._load_choices()
        if self.model.rowCount() == 0:
            self.count.setText("Chargement des dossiers…")
        self.model.filter = self.current_filter()
        self.model.reload()

    def new_item(self) -> None:
        from pole_desktop.gui.dialogs.new_dossier import NewDossierDialog

        dialog = NewDossierDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def created() -> None:
            if dialog.created_id:  # the list refreshed from the tables the creation touched
                self.ctx.open_dossier(dialog.created_id)

        dialog.accepted.connect(created)
        self.last_dialog = dialog
        dialog.open()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.ctx.open_dossier(self.model.dossier_id(row))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if obj is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_row(self.table.currentIndex().row())
                return True
            if obj is self.search and key == Qt.Key.Key_Down and self.model.rowCount():
                self.table.setFocus()
                self.table.selectRow(0)
                return True
            if obj is self.search and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.apply_filters()
                if self.model.rowCount() == 1:
                    self.open_row(0)
                return True
        return super().eventFilter(obj, event)
