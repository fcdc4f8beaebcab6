"""Documents tab: the dossier's documents (generated PDFs and attachments).

"Ouvrir" uses the PDF preview dialog (``pole_desktop.gui.dialogs.pdf_preview``) when that
module is present, otherwise writes the blob to a temporary file and opens it with the
system's viewer. A separate module so the documents work can extend it (generate, attach).
"""

from __future__ import annotations

import importlib
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import select

from pole_desktop.domain.models import Document
from pole_desktop.formatting import format_date_short, format_number
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.helpers import error_label, fill_table, read_only_table, row_key, set_error
from pole_desktop.storage.blobs import BlobStore

TYPES = {"compte_rendu": "Compte-rendu", "synthese": "Fiche de synthèse", "convention": "Convention",
         "attestation": "Attestation", "emargement": "Feuille d'émargement", "bilan": "Bilan d'activité",
         "piece_jointe": "Pièce jointe"}


def size_text(n: int) -> str:
    if n < 1024:
        return f"{n} o"
    if n < 1024 * 1024:
        return f"{format_number(n / 1024, 0)} Ko"
    return f"{format_number(n / 1024 / 1024, 1)} Mo"


class DocumentsTab(QWidget):
    def __init__(self, ctx: AppContext, dossier_id: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.dossier_id = dossier_id
        self.table = read_only_table(["Type", "Titre", "Date", "Taille"], "Documents du dossier")
        self.open_button = QPushButton("&Ouvrir")
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.error = error_label()
        self.buttons = QHBoxLayout()  # the documents work adds "Générer un document…" here
        self.buttons.addWidget(self.open_button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        self.opened: list[Path] = []

    def load(self) -> None:
        with self.ctx.db.read() as s:
            docs = s.scalars(select(Document).where(Document.dossier_id == self.dossier_id)
                             .order_by(Document.cree_le.desc())).all()
            self._fill(docs)

    def _fill(self, docs: list[Document]) -> None:
        fill_table(self.table, [[TYPES.get(d.type, d.type), d.titre, format_date_short(d.cree_le),
                                 size_text(d.taille)] for d in docs],
                   [(d.sha256, d.nom_fichier, d.mime, d.titre) for d in docs])

    def open_selected(self) -> None:
        key = row_key(self.table)
        if not key:
            set_error(self.error, "Choisissez d'abord un document.")
            return
        sha, name, mime, titre = key
        try:
            data = BlobStore(self.ctx.db.data_dir.blobs).get(sha)
        except (OSError, ValueError):
            set_error(self.error, "Le fichier de ce document n'est pas (encore) sur ce poste : synchronisez.")
            return
        set_error(self.error, None)
        try:
            preview = importlib.import_module("pole_desktop.gui.dialogs.pdf_preview")
        except ImportError:
            preview = None
        if preview is not None and mime == "application/pdf" and hasattr(preview, "show_pdf"):
            preview.show_pdf(self, data, titre)
            return
        folder = Path(tempfile.mkdtemp(prefix="pole-doc-"))
        path = folder / Path(name).name
        path.write_bytes(data)
        self.opened.append(path)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
