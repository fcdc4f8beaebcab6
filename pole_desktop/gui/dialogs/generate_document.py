"""« Générer un document » from a dossier, a rendez-vous or an atelier — then the preview.

From a dossier: click "Générer un document…", pick the document (the first is selected), click
"Générer et afficher": two clicks to the preview, where "Imprimer…" is the default button. From a
rendez-vous or an atelier there is only one kind: it is generated at once.

Generation runs on the ``db`` task queue; the PDF is stored as a Document of the dossier (blob
store + row with the journal position it was made from) before the preview opens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pole_desktop import clock
from pole_desktop.documents.generate import KINDS, KINDS_FOR, GeneratedDocument
from pole_desktop.gui.helpers import make_default
from pole_desktop.gui.ops import run_write

__all__ = ["GenerateDocumentDialog", "generate_and_preview", "open_generate_dialog"]

_HINTS = {
    "fiche_synthese": "Identité, projet, territoire, étapes, résultats et rendez-vous du dossier.",
    "convention": "À signer par le bénéficiaire et le Pôle, en deux exemplaires.",
    "attestation": "Certifie l'accompagnement, ses dates et le temps passé.",
    "compte_rendu": "Notes, décisions, actions et prochain rendez-vous.",
    "emargement": "Liste des inscrits avec une colonne pour signer.",
}


def generate_and_preview(
    ctx: Any,
    kind: str,
    target_id: str,
    parent: QWidget | None = None,
    *,
    store: bool = True,
    on_done: Callable[[GeneratedDocument, Any], None] | None = None,
) -> None:
    """Generate in the background, store it as a Document, then open the preview."""
    from pole_desktop.documents.generate import generate_document, store_generated
    from pole_desktop.documents.settings import load_settings

    db = ctx.db
    generated_at = clock.local_now()

    def write(s: Any) -> GeneratedDocument:
        doc = generate_document(s, kind, target_id, generated_at=generated_at, settings=load_settings(db.data_dir))
        if store:
            store_generated(s, db.blob_store(), doc)  # the screens listing documents refresh
        return doc

    def done(doc: GeneratedDocument) -> None:
        from pole_desktop.gui.dialogs.pdf_preview import preview_pdf

        dialog = preview_pdf(ctx, doc.pdf, doc.title, doc.filename, parent)
        if on_done is not None:
            on_done(doc, dialog)

    def failed(error: BaseException) -> None:
        from pole_desktop.errors import user_message

        QMessageBox.warning(parent, "Générer un document",
                            f"Le document n'a pas pu être créé.\n\n{user_message(error)}")

    run_write(ctx, write, done, failed, parent=parent)


class GenerateDocumentDialog(QDialog):
    """Choose which document to generate for a dossier (or a rendez-vous / an atelier)."""

    def __init__(self, ctx: Any, target: str, target_id: str, parent: QWidget | None = None,
                 on_done: Callable[[GeneratedDocument, Any], None] | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.target, self.target_id, self.on_done = ctx, target, target_id, on_done
        self.setWindowTitle("Générer un document")
        self.setObjectName("generate_document")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Quel document voulez-vous générer ?"))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for i, kind in enumerate(KINDS_FOR[target]):
            b = QRadioButton(KINDS[kind][0])
            b.setObjectName(f"kind_{kind}")
            b.setToolTip(_HINTS.get(kind, ""))
            self.group.addButton(b, i)
            self.buttons[kind] = b
            layout.addWidget(b)
            hint = QLabel(_HINTS.get(kind, ""))
            hint.setStyleSheet("color: #5b6873; margin-left: 22px;")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        next(iter(self.buttons.values())).setChecked(True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.setMinimumWidth(380)
        self.generate_button = box.addButton("Générer et afficher", QDialogButtonBox.ButtonRole.AcceptRole)
        make_default(self.generate_button)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    @property
    def kind(self) -> str:
        for kind, b in self.buttons.items():
            if b.isChecked():
                return kind
        return next(iter(self.buttons))

    def accept(self) -> None:
        kind = self.kind
        super().accept()
        generate_and_preview(self.ctx, kind, self.target_id, self.parentWidget(), on_done=self.on_done)


def open_generate_dialog(ctx: Any, target: str, target_id: str, parent: QWidget | None = None,
                         on_done: Callable[[GeneratedDocument, Any], None] | None = None,
                         ) -> GenerateDocumentDialog | None:
    """« Générer un document… »: a choice for a dossier, straight to the preview otherwise.

    ``target`` is "dossier", "rendez_vous" or "atelier". Returns the (open, non-modal) dialog, or
    None when the only possible document was generated at once.
    """
    kinds = KINDS_FOR[target]
    if len(kinds) == 1:
        generate_and_preview(ctx, kinds[0], target_id, parent, on_done=on_done)
        return None
    dialog = GenerateDocumentDialog(ctx, target, target_id, parent, on_done)
    dialog.open()
    return dialog
