"""The documents of a dossier: what was generated and attached, with « Générer un document… »,
« Joindre un fichier… » and « Ouvrir ».

Self-contained: ``DocumentsPanel(ctx, dossier_id)``; ``set_dossier(id)`` to reuse it. The dossier
page's Documents tab can embed it as is, or call :func:`open_document` / :func:`attach_files` from
its own buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.services.queries.dossier import DocumentRow, document_row, dossier_documents

__all__ = ["DocumentsPanel", "attach_files", "open_document"]

TYPE_LABELS = {
    "compte_rendu": "Compte-rendu",
    "synthese": "Fiche de synthèse",
    "convention": "Convention",
    "attestation": "Attestation",
    "emargement": "Feuille d'émargement",
    "bilan": "Bilan",
    "piece_jointe": "Pièce jointe",
}


def _size(n: int) -> str:
    from pole_desktop.formatting import format_number

    if n < 1024:
        return f"{n} o"
    if n < 1024 * 1024:
        return f"{format_number(n / 1024, 0)} Kio"
    return f"{format_number(n / (1024 * 1024), 1)} Mio"


def _choose_files(parent: QWidget) -> list[str]:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    paths, _ = QFileDialog.getOpenFileNames(parent, "Joindre des fichiers au dossier", folder, "Tous les fichiers (*)")
    return paths


def open_document(ctx: Any, document_id: str, parent: QWidget | None = None) -> Any:
    """PDF → the preview (print / save as); any other file → a temporary copy opened by the system."""
    opened: list[Any] = []
    run_read(ctx, lambda s: document_row(s, document_id), lambda doc: opened.append(_open_row(ctx, doc, parent)),
             parent=parent)
    return opened[0] if opened else None


def _open_row(ctx: Any, doc: DocumentRow | None, parent: QWidget | None) -> Any:
    if doc is None:
        return None
    sha, mime, name, title = doc.sha256, doc.mime, doc.nom_fichier, doc.titre
    pdf = mime == "application/pdf" or name.lower().endswith(".pdf")
    try:
        if pdf:
            data = ctx.db.blob_store().get(sha)  # shown from memory, never written in clear
        else:
            from pole_desktop.documents.attach import copy_for_viewing

            path = copy_for_viewing(ctx.db, sha, name)
    except (OSError, ValueError) as e:
        from pole_desktop.documents.attach import label_of

        QMessageBox.warning(parent, "Ouvrir", f"Le fichier « {label_of(name)} » est introuvable ou endommagé sur ce "
                            f"poste.\n\n{e}\n\nIl sera récupéré à la prochaine synchronisation s'il existe sur le "
                            "partage.")
        return None
    if pdf:
        from pole_desktop.gui.dialogs.pdf_preview import preview_pdf

        return preview_pdf(ctx, data, title, name, parent)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path


def attach_files(ctx: Any, dossier_id: str, paths: list[str], parent: QWidget | None = None) -> int:
    """Copy the files into the blob store as pièces jointes of the dossier; returns how many."""
    from pole_desktop.documents.attach import attach_file

    blobs = ctx.db.blob_store()
    done: list[str] = []
    errors: list[str] = []
    remaining = [len(paths)]

    def finished() -> None:  # after the last file, joined or not
        remaining[0] -= 1
        if remaining[0] == 0 and errors:
            QMessageBox.warning(parent, "Joindre un fichier",
                                "Certains fichiers n'ont pas été joints :\n" + "\n".join(errors))

    def joined(p: str) -> None:
        done.append(p)
        finished()

    def refused(p: str, e: BaseException) -> None:
        from pole_desktop.documents.attach import AttachmentError, label_of
        from pole_desktop.errors import user_message

        errors.append(str(e) if isinstance(e, AttachmentError) else f"{label_of(p)} : {user_message(e)}")
        finished()

    for p in paths:  # one transaction per file: a bad file never blocks the others
        run_write(ctx, lambda s, p=p: attach_file(s, blobs, Path(p), dossier_id=dossier_id),
                  lambda _r, p=p: joined(p), lambda e, p=p: refused(p, e), parent=parent)
    return len(done) if ctx.tasks.synchronous else len(paths)


class DocumentsPanel(QWidget):
    ask_files: Callable[[QWidget], list[str]] = staticmethod(_choose_files)

    COLUMNS = ("Date", "Type", "Titre", "Fichier", "Taille")

    def __init__(self, ctx: Any, dossier_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dossier_id = dossier_id
        self.setObjectName("documents_panel")
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.empty = QLabel("Aucun document pour ce dossier : générez-en un ou joignez un fichier.")
        self.generate_button = QPushButton("Générer un document…")
        self.attach_button = QPushButton("Joindre un fichier…")
        self.open_button = QPushButton("Ouvrir")
        self.generate_button.clicked.connect(self.generate)
        self.attach_button.clicked.connect(self.attach)
        self.open_button.clicked.connect(self.open_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.attach_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.ids: list[str] = []
        ctx.events.changed.connect(self._changed)
        self.refresh()

    def _changed(self, tables: set[str]) -> None:
        if "document" in tables:
            self.refresh()

    def set_dossier(self, dossier_id: str | None) -> None:
        self.dossier_id = dossier_id
        self.refresh()

    def refresh(self) -> None:
        if self.dossier_id:
            run_read(self.ctx, lambda s: dossier_documents(s, self.dossier_id), self._fill, parent=self)
        else:
            self._fill([])

    def _fill(self, docs: list[DocumentRow]) -> None:
        from pole_desktop.formatting import format_datetime

        rows = [(d.id, d.cree_le, d.type, d.titre, d.nom_fichier, d.taille) for d in docs]
        self.ids = [r[0] for r in rows]
        self.table.setRowCount(len(rows))
        for i, (_id, when, type_, titre, fichier, taille) in enumerate(rows):
            cells = [format_datetime(when), TYPE_LABELS.get(type_, type_), titre, fichier, _size(taille)]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.open_button.setEnabled(bool(rows))
        self.generate_button.setEnabled(bool(self.dossier_id))
        self.attach_button.setEnabled(bool(self.dossier_id))
        if rows:
            self.table.selectRow(0)

    def selected_id(self) -> str | None:
        row = self.table.currentRow()
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def generate(self) -> Any:
        from pole_desktop.gui.dialogs.generate_document import open_generate_dialog

        if self.dossier_id:
            return open_generate_dialog(self.ctx, "dossier", self.dossier_id, self)
        return None

    def attach(self) -> int:
        if not self.dossier_id:
            return 0
        paths = type(self).ask_files(self)
        return attach_files(self.ctx, self.dossier_id, paths, self) if paths else 0

    def open_selected(self) -> Any:
        doc_id = self.selected_id()
        return open_document(self.ctx, doc_id, self) if doc_id else None
