"""Rapports: the bilan d'activité for a period, a dispositif and an EPCI — numbers and charts on
screen, then PDF (with charts), CSV or Excel for the funder.

The charts are the very reportlab drawings of the PDF (rendered through QtPdf), so what the
advisor sees is what the funder gets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, QSize, QStandardPaths, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pole_desktop import clock
from pole_desktop.gui.ops import run_read
from pole_desktop.gui.screens.base import Screen

__all__ = ["PRESETS", "ReportsScreen", "preset_period"]

PRESETS = (
    ("annee", "Année en cours"),
    ("annee_precedente", "Année précédente"),
    ("trimestre", "Trimestre en cours"),
    ("trimestre_precedent", "Trimestre précédent"),
    ("personnalisee", "Personnalisée"),
)


def preset_period(key: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    if key == "annee":
        return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    if key == "annee_precedente":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    if key in ("trimestre", "trimestre_precedent"):
        q = (today.month - 1) // 3
        year = today.year
        if key == "trimestre_precedent":
            q -= 1
            if q < 0:
                q, year = 3, year - 1
        start = dt.date(year, 3 * q + 1, 1)
        end = (dt.date(year + 1, 1, 1) if q == 3 else dt.date(year, 3 * q + 4, 1)) - dt.timedelta(days=1)
        return start, end
    return None


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def _default_save(parent: QWidget, title: str, suggested: str, filter_: str) -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / suggested), filter_)
    return path


def drawing_to_image(drawing: Any, width_px: int) -> QImage:
    """A reportlab Drawing as a QImage (through a one-page PDF and QtPdf: no renderPM needed)."""
    from reportlab.graphics import renderPDF

    pdf = renderPDF.drawToString(drawing)
    data = QByteArray(pdf)
    buf = QBuffer()
    buf.setData(data)
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buf)
    size = doc.pagePointSize(0)
    height = int(width_px * size.height() / max(1.0, size.width()))
    image = doc.render(0, QSize(width_px, max(1, height)))
    doc.close()
    return image


class ReportsScreen(Screen):
    key = "rapports"
    title = "Rapports"

    # (parent, title, suggested name, filter) -> path or "" (tests replace it)
    ask_save_path: Callable[[QWidget, str, str, str], str] = staticmethod(_default_save)

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.bilan = None
        today = clock.today()

        self.preset = QComboBox()
        for key, label in PRESETS:
            self.preset.addItem(label, key)
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.dispositif = QComboBox()
        self.dispositif.addItem("Tous les dispositifs", None)
        from pole_desktop.domain.dispositifs import DISPOSITIFS
        from pole_desktop.territory import get_territory

        for code, d in DISPOSITIFS.items():
            self.dispositif.addItem(d.nom, code)
        self.epci = QComboBox()
        self.epci.addItem("Tous les EPCI", None)
        for siren, nom in get_territory().epcis():
            self.epci.addItem(nom, siren)
        self.epci.setMinimumContentsLength(28)
        self.compute_button = QPushButton("Calculer")
        self.compute_button.setDefault(True)
        self.compute_button.clicked.connect(self.compute)
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.date_from.dateChanged.connect(self._dates_edited)
        self.date_to.dateChanged.connect(self._dates_edited)
        self._setting_preset = False
        self.preset.setCurrentIndex(0)
        self._apply_preset()

        row1 = QHBoxLayout()
        row1.addWidget(QLabel("Période"))
        row1.addWidget(self.preset)
        row1.addWidget(QLabel("du"))
        row1.addWidget(self.date_from)
        row1.addWidget(QLabel("au"))
        row1.addWidget(self.date_to)
        row1.addSpacing(16)
        row1.addWidget(QLabel("Dispositif"))
        row1.addWidget(self.dispositif)
        row1.addWidget(QLabel("EPCI"))
        row1.addWidget(self.epci, 1)
        row1.addWidget(self.compute_button)
        params = QVBoxLayout()
        params.addLayout(row1)

        self.status = QLabel("Choisissez la période puis « Calculer ».")
        self.status.setObjectName("reports_status")
        self.figures = QGridLayout()
        self.figures.setHorizontalSpacing(12)
        self.figures.setVerticalSpacing(10)
        self.charts_box = QVBoxLayout()
        self.tables_box = QVBoxLayout()
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #5b6873;")

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.status)
        body_layout.addLayout(self.figures)
        body_layout.addLayout(self.charts_box)
        body_layout.addLayout(self.tables_box)
        body_layout.addWidget(self.notes)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.preview_button = QPushButton("Aperçu PDF")
        self.pdf_button = QPushButton("Exporter en PDF…")
        self.csv_button = QPushButton("Exporter en CSV…")
        self.xlsx_button = QPushButton("Exporter en Excel…")
        self.preview_button.clicked.connect(self.preview)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.export_buttons = (self.preview_button, self.pdf_button, self.csv_button, self.xlsx_button)
        for b in self.export_buttons:
            b.setEnabled(False)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for b in self.export_buttons:
            actions.addWidget(b)

        heading = QLabel("<h2>Bilan d'activité</h2>")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(params)
        layout.addWidget(scroll, 1)
        layout.addLayout(actions)
        self._today = today

    # --- parameters ----------------------------------------------------------------------------
    def _apply_preset(self) -> None:
        period = preset_period(self.preset.currentData(), clock.today())
        if period is None:
            return
        self._setting_preset = True
        self.date_from.setDate(_qdate(period[0]))
        self.date_to.setDate(_qdate(period[1]))
        self._setting_preset = False

    def _dates_edited(self) -> None:
        if not self._setting_preset:
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(len(PRESETS) - 1)
            self.preset.blockSignals(False)

    def set_period(self, date_from: dt.date, date_to: dt.date) -> None:
        self.date_from.setDate(_qdate(date_from))
        self.date_to.setDate(_qdate(date_to))

    def parameters(self) -> tuple[dt.date, dt.date, str | None, str | None]:
        return (_pydate(self.date_from.date()), _pydate(self.date_to.date()),
                self.dispositif.currentData(), self.epci.currentData())

    # --- computing -----------------------------------------------------------------------------
    def compute(self) -> None:
        date_from, date_to, disp, epci = self.parameters()
        if date_to < date_from:
            self.status.setText("La date de fin précède la date de début.")
            return
        self.compute_button.setEnabled(False)
        self.status.setText("Calcul en cours…")
        from pole_desktop.reports.bilan import compute_bilan

        def failed(error: BaseException) -> None:
            from pole_desktop.errors import user_message

            self.compute_button.setEnabled(True)
            self.status.setText(f"Le calcul a échoué : {user_message(error)}")

        run_read(self.ctx, lambda s: compute_bilan(s, date_from, date_to, disp, epci), self.show_bilan, on_error=failed)

    def show_bilan(self, bilan: Any) -> None:
        from pole_desktop.reports.export import (
            PREVIOUS_HEADER,
            charts,
            format_value,
            key_figures,
            period_label,
            tables,
        )

        self.bilan = bilan
        self.compute_button.setEnabled(True)
        for b in self.export_buttons:
            b.setEnabled(True)
        self.status.setText(
            f"<b>{period_label(bilan)[0].upper()}{period_label(bilan)[1:]}</b> · {bilan.dispositif_libelle} · "
            f"{bilan.epci_nom}"
        )
        _clear(self.figures)
        for i, f in enumerate(key_figures(bilan)):
            card = QFrame()
            card.setFrameShape(QFrame.Shape.StyledPanel)
            card.setObjectName("figure_card")
            v = QVBoxLayout(card)
            value = QLabel(format_value(f.value, f.unit))
            value.setObjectName("figure_value")
            value.setStyleSheet("font-size: 16pt; font-weight: bold; color: #1b5e66;")
            label = QLabel(f.label)
            label.setWordWrap(True)
            v.addWidget(value)
            v.addWidget(label)
            if f.previous is not None:
                previous = QLabel(f"{PREVIOUS_HEADER} : {format_value(f.previous, f.unit)}")
                previous.setObjectName("figure_previous")
                previous.setStyleSheet("color: #5f6b6d;")
                v.addWidget(previous)
            self.figures.addWidget(card, i // 4, i % 4)
        _clear(self.charts_box)
        for title, drawing in charts(bilan, width=520):
            heading = QLabel(f"<b>{title}</b>")
            image = QLabel()
            image.setPixmap(QPixmap.fromImage(drawing_to_image(drawing, 760)))
            image.setAlignment(Qt.AlignmentFlag.AlignLeft)
            self.charts_box.addWidget(heading)
            self.charts_box.addWidget(image)
        _clear(self.tables_box)
        for t in tables(bilan):
            self.tables_box.addWidget(QLabel(f"<b>{t.title}</b>"))
            table = QTableWidget(len(t.rows), len(t.headers))
            table.setHorizontalHeaderLabels(list(t.headers))
            table.verticalHeader().setVisible(False)
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            for r, row in enumerate(t.rows):
                for c, (cell, unit) in enumerate(zip(row, t.units, strict=True)):
                    item = QTableWidgetItem(cell if unit == "text" else format_value(cell, unit))
                    if unit != "text":
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    table.setItem(r, c, item)
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            table.setMinimumHeight(min(420, 30 + 26 * max(1, len(t.rows))))
            self.tables_box.addWidget(table)
        self.notes.setText("<b>Méthode</b><br>" + "<br>".join(bilan.notes()))

    # --- exports -------------------------------------------------------------------------------
    def _pdf(self) -> bytes:
        from pole_desktop.documents.settings import load_letterhead
        from pole_desktop.reports.export import bilan_meta, to_pdf

        meta = bilan_meta(self.bilan, clock.local_now(), load_letterhead(self.ctx.db.data_dir))
        return to_pdf(self.bilan, meta)

    def _suggested(self, ext: str) -> str:
        from pole_desktop.reports.export import bilan_reference

        return f"bilan-{bilan_reference(self.bilan).removeprefix('BILAN-')}.{ext}"

    def preview(self) -> None:
        if self.bilan is None:
            return
        from pole_desktop.gui.dialogs.pdf_preview import preview_pdf
        from pole_desktop.reports.export import period_label

        self.last_preview = preview_pdf(self.ctx, self._pdf(), f"Bilan d'activité {period_label(self.bilan)}",
                                        self._suggested("pdf"), self)

    def export(self, fmt: str) -> Path | None:
        if self.bilan is None:
            return None
        from pole_desktop.reports.export import to_csv, to_xlsx

        filters = {"pdf": "Documents PDF (*.pdf)", "csv": "Fichiers CSV (*.csv)", "xlsx": "Classeurs Excel (*.xlsx)"}
        path = type(self).ask_save_path(self, "Exporter le bilan", self._suggested(fmt), filters[fmt])
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != f".{fmt}":
            target = target.with_name(f"{target.name}.{fmt}")
        data = self._pdf() if fmt == "pdf" else to_csv(self.bilan) if fmt == "csv" else to_xlsx(self.bilan)
        try:
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(data)
            tmp.replace(target)
        except OSError as e:
            QMessageBox.warning(self, "Exporter le bilan", f"Impossible d'écrire le fichier :\n{e.strerror or e}")
            return None
        self.status.setText(f"Bilan exporté : {target}")
        return target

    def refresh(self) -> None:
        pass  # computing is explicit ("Calculer"): a bilan is a snapshot, not a live view


def _clear(layout: Any) -> None:
    while layout.count():
        item = layout.takeAt(0)
        w = item.widget()
        if w is not None:
            w.deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())
