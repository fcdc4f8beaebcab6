"""Preview a PDF (QtPdf), print it through the system dialog, or save the original bytes.

    preview_pdf(ctx, pdf_bytes, "Compte-rendu d'entretien", "compte-rendu.pdf", parent)

"Enregistrer sous…" writes the reportlab bytes unchanged (QPrinter would make a raster PDF); the
printer gets each page rendered at its own resolution. The file dialogs are replaceable
attributes so tests run without a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.gui.helpers import fit_to_screen

__all__ = ["PdfPreviewDialog", "preview_emargement", "preview_pdf", "show_pdf"]


def _default_save_dialog(parent: QWidget, title: str, suggested: str) -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / suggested), "Documents PDF (*.pdf)")
    return path


class PdfPreviewDialog(QDialog):
    """Multi-page preview with zoom, "Imprimer…" and "Enregistrer sous…"."""

    # (parent, title, suggested file name) -> chosen path or "" (tests replace it)
    ask_save_path: Callable[[QWidget, str, str], str] = staticmethod(_default_save_dialog)
    # (printer, parent) -> True to print (tests replace it)
    ask_print: Callable[[QPrinter, QWidget], bool] = staticmethod(
        lambda printer, parent: QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted
    )

    def __init__(self, pdf_bytes: bytes, title: str, suggested_filename: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf_bytes = pdf_bytes
        self.suggested_filename = suggested_filename or "document.pdf"
        self.saved_path: Path | None = None
        self.setWindowTitle(f"Aperçu — {title}")
        self.setObjectName("pdf_preview")
        fit_to_screen(self, 860, 980)

        self._data = QByteArray(pdf_bytes)
        self._buffer = QBuffer(self)
        self._buffer.setData(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        self.pages_label = QLabel(self._pages_text())
        zoom_out = QPushButton("−")
        zoom_out.setToolTip("Zoom arrière (Ctrl+−)")
        zoom_out.setAccessibleName("Zoom arrière")
        zoom_in = QPushButton("+")
        zoom_in.setToolTip("Zoom avant (Ctrl++)")
        zoom_in.setAccessibleName("Zoom avant")
        fit = QPushButton("Pleine largeur")
        for b in (zoom_out, zoom_in):
            b.setFixedWidth(36)
        zoom_out.clicked.connect(lambda: self.zoom(1 / 1.2))
        zoom_in.clicked.connect(lambda: self.zoom(1.2))
        fit.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, activated=lambda: self.zoom(1.2))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, activated=lambda: self.zoom(1 / 1.2))

        self.print_button = QPushButton("Imprimer…")
        self.print_button.setDefault(True)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button = QPushButton("Enregistrer sous…")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        close = QPushButton("Fermer")
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        close.clicked.connect(self.accept)

        bar = QHBoxLayout()
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        bar.addWidget(zoom_out)
        bar.addWidget(zoom_in)
        bar.addWidget(fit)
        bar.addSpacing(16)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)

    # --- facts ---------------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def _pages_text(self) -> str:
        n = self.page_count
        return f"{n} page" + ("s" if n > 1 else "")

    def zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(5.0, self.view.zoomFactor() * factor)))

    # --- actions -------------------------------------------------------------------------------
    def save_as(self) -> Path | None:
        path = type(self).ask_save_path(self, "Enregistrer le document", self.suggested_filename)
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(self.pdf_bytes)
            tmp.replace(target)
        except OSError as e:
            QMessageBox.warning(self, "Enregistrer sous", f"Impossible d'enregistrer le fichier :\n{e.strerror or e}")
            return None
        self.saved_path = target
        return target

    def print_document(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle().removeprefix("Aperçu — "))
        printer.setFromTo(1, self.page_count)
        # The PDF carries its own margins: print the page as is, from the paper's corner, at 100 %.
        printer.setFullPage(True)
        if not type(self).ask_print(printer, self):
            return False
        return render_to_printer(self.document, printer)


RASTER_DPI = 300  # pages are rasterised at most at this resolution, then scaled by the printer


def render_to_printer(document: QPdfDocument, printer: QPrinter) -> bool:
    """Paint each (selected) page into the printer, fitted to the printable area.

    Pages are rendered at min(printer resolution, 300 dpi): a 1200 dpi A4 page would be a
    ~500 MB image; 300 dpi is what office printers resolve for text anyway.
    """
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter

    n = document.pageCount()
    first, last = printer.fromPage() or 1, printer.toPage() or n
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = printer.resolution()
        raster = min(dpi, RASTER_DPI)
        for index in range(first - 1, min(last, n)):
            if index > first - 1:
                printer.newPage()
            size_pt = document.pagePointSize(index)
            area = printer.pageRect(QPrinter.Unit.DevicePixel)
            w_dev, h_dev = size_pt.width() * dpi / 72, size_pt.height() * dpi / 72
            scale = min(area.width() / w_dev, area.height() / h_dev, 1.0)
            target = QRectF(0, 0, w_dev * scale, h_dev * scale)
            image = document.render(index, QSize(int(size_pt.width() * raster / 72),
                                                 int(size_pt.height() * raster / 72)))
            painter.drawImage(target, image)
    finally:
        painter.end()
    return True


def preview_pdf(ctx: Any, pdf_bytes: bytes, title: str, filename: str,
                parent: QWidget | None = None) -> PdfPreviewDialog:
    """Open the preview window (non-modal) and return it. ``ctx`` is the AppContext (unused for now,
    kept so callers need not change when the preview learns to remember the last folder)."""
    dialog = PdfPreviewDialog(pdf_bytes, title, filename, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.show()
    dialog.raise_()
    return dialog


def preview_emargement(ctx: Any, atelier_id: str, parent: QWidget | None = None) -> None:
    """The Ateliers screen's « Feuille d'émargement… »: generate (stored as a Document of the atelier),
    then preview."""
    from pole_desktop.gui.dialogs.generate_document import generate_and_preview

    generate_and_preview(ctx, "emargement", atelier_id, parent)


def show_pdf(parent: QWidget | None, pdf_bytes: bytes, title: str, filename: str = "document.pdf") -> PdfPreviewDialog:
    """Preview without a context (kept for callers that only hold bytes)."""
    return preview_pdf(None, pdf_bytes, title, filename, parent)
