"""Documents tab: the dossier's documents (generated PDFs and attachments).

"Générer un document…" (fiche de synthèse, convention, attestation → stored, then previewed),
"Joindre un fichier…" (copied into the blob store as a pièce jointe), "Ouvrir" (PDF → the preview
with "Imprimer…" and "Enregistrer sous…"; other files → a temporary copy opened by the system).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from pole_desktop.formatting import format_date_short, format_number
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.helpers import error_label, fill_table, read_only_table, row_key, set_error
from pole_desktop.gui.ops import run_read
from pole_desktop.services.queries.dossier import DocumentRow, dossier_documents

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
        self.generate_button = QPushButton("&Générer un document…")
        self.generate_button.clicked.connect(self.generate)
        self.attach_button = QPushButton("&Joindre un fichier…")
        self.attach_button.clicked.connect(self.attach)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.generate_button)
        self.buttons.addWidget(self.attach_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        self.opened: list[Path] = []

    def load(self) -> None:
        run_read(self.ctx, lambda s: dossier_documents(s, self.dossier_id), self._fill, parent=self)

    def _fill(self, docs: list[DocumentRow]) -> None:
        fill_table(self.table, [[TYPES.get(d.type, d.type), d.titre, format_date_short(d.cree_le),
                                 size_text(d.taille)] for d in docs],
                   [(d.sha256, d.nom_fichier, d.mime, d.titre) for d in docs])

    def generate(self) -> object:
        from pole_desktop.gui.dialogs.generate_document import open_generate_dialog

        return open_generate_dialog(self.ctx, "dossier", self.dossier_id, self)

    def attach(self) -> int:
        from pole_desktop.gui.widgets.documents_panel import DocumentsPanel, attach_files

        paths = DocumentsPanel.ask_files(self)
        return attach_files(self.ctx, self.dossier_id, paths, self) if paths else 0

    def open_selected(self) -> None:
        key = row_key(self.table)
        if not key:
            set_error(self.error, "Choisissez d'abord un document.")
            return
        sha, name, mime, titre = key
        pdf = mime == "application/pdf" or name.lower().endswith(".pdf")
        try:
            if pdf:
                data = self.ctx.db.blob_store().get(sha)  # shown from memory, never written in clear
            else:
                from pole_desktop.documents.attach import copy_for_viewing

                path = copy_for_viewing(self.ctx.db, sha, name)
        except (OSError, ValueError):
            set_error(self.error, "Le fichier de ce document n'est pas (encore) sur ce poste : synchronisez.")
            return
        set_error(self.error, None)
        if pdf:
            from pole_desktop.gui.dialogs.pdf_preview import preview_pdf

            self.last_preview = preview_pdf(self.ctx, data, titre, name, self)
            return
        self.opened.append(path)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
