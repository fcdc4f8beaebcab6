"""« Paramètres du papier à en-tête » : the association's name, address, phone, e-mail, logo, and who
signs conventions and attestations. Saved in the data directory's ``parametres.json``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pole_desktop import clock
from pole_desktop.documents.base import Letterhead
from pole_desktop.documents.settings import (
    DocumentSettings,
    SettingsFileError,
    import_funder_logo,
    import_logo,
    load_settings,
    save_settings,
)

__all__ = ["LetterheadSettingsDialog", "open_letterhead_settings"]

_FIELDS = (
    ("name", "Nom affiché en tête"),
    ("address", "Adresse"),
    ("phone", "Téléphone"),
    ("email", "Courriel"),
    ("website", "Site web"),
    ("siret", "SIRET"),
    ("legal_name", "Nom dans les textes"),
    ("city", "Ville (« Fait à … »)"),
)


def _choose_logo(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, "Choisir un logo", "", "Images (*.png *.jpg *.jpeg)")
    return path


class LetterheadSettingsDialog(QDialog):
    ask_logo_path: Callable[[QWidget], str] = staticmethod(_choose_logo)

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data_dir = ctx.db.data_dir
        self.setWindowTitle("Paramètres du papier à en-tête")
        self.setObjectName("letterhead_settings")
        self.settings = load_settings(self.data_dir)
        lh = self.settings.letterhead
        self.logo_path: Path | None = lh.logo_path
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for name, label in _FIELDS:
            edit = QLineEdit(getattr(lh, name) or "")
            edit.setObjectName(name)
            edit.setMinimumWidth(380)
            self.edits[name] = edit
            form.addRow(label, edit)
        self.signataire_nom = QLineEdit(self.settings.signataire_nom)
        self.signataire_nom.setPlaceholderText("vide : nom à compléter à la main")
        self.signataire_qualite = QLineEdit(self.settings.signataire_qualite)
        self.signataire_qualite.setPlaceholderText("vide : président·e")
        form.addRow("Représentant·e légal·e du Pôle", self.signataire_nom)
        form.addRow("Qualité (signe les conventions)", self.signataire_qualite)
        self.mentions = QPlainTextEdit("\n".join(lh.funder_mentions))
        self.mentions.setObjectName("funder_mentions")
        self.mentions.setPlaceholderText("une mention par ligne, ex. « Cofinancé par l'Union européenne »")
        self.mentions.setMaximumHeight(80)
        form.addRow("Mentions des financeurs", self.mentions)
        self.funder_logos: list[Path] = list(lh.funder_logos)
        self.funder_logos_label = QLabel()
        add_funder = QPushButton("Ajouter un logo…")
        add_funder.setObjectName("add_funder_logo")
        clear_funders = QPushButton("Retirer les logos")
        add_funder.clicked.connect(self.add_funder_logo)
        clear_funders.clicked.connect(self.clear_funder_logos)
        funders_row = QHBoxLayout()
        funders_row.addWidget(self.funder_logos_label, 1)
        funders_row.addWidget(add_funder)
        funders_row.addWidget(clear_funders)
        form.addRow("Logos des financeurs", funders_row)
        self._show_funder_logos()
        self.logo_label = QLabel()
        self.logo_label.setMinimumHeight(60)
        choose = QPushButton("Choisir un logo…")
        remove = QPushButton("Retirer")
        choose.clicked.connect(self.choose_logo)
        remove.clicked.connect(self.remove_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(choose)
        logo_row.addWidget(remove)
        form.addRow("Logo", logo_row)
        self._show_logo()

        preview = QPushButton("Aperçu d'un document…")
        preview.clicked.connect(self.preview)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Save).setText("Enregistrer")
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        box.addButton(preview, QDialogButtonBox.ButtonRole.ActionRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)

    def _show_logo(self) -> None:
        if self.logo_path and Path(self.logo_path).exists():
            pix = QPixmap(str(self.logo_path))
            self.logo_label.setPixmap(pix.scaledToHeight(56))
        else:
            self.logo_label.setText("Aucun logo")

    def choose_logo(self) -> None:
        path = type(self).ask_logo_path(self)
        if not path:
            return
        try:
            self.logo_path = import_logo(self.data_dir, Path(path))
        except (OSError, ValueError) as e:
            QMessageBox.warning(self, "Logo", f"Ce logo n'a pas pu être copié : {e}")
            return
        self._show_logo()

    def _show_funder_logos(self) -> None:
        names = ", ".join(p.name for p in self.funder_logos)
        self.funder_logos_label.setText(f"{len(self.funder_logos)} logo(s) : {names}" if names else "Aucun logo")

    def add_funder_logo(self) -> None:
        path = type(self).ask_logo_path(self)
        if not path:
            return
        try:
            logo = import_funder_logo(self.data_dir, Path(path))
        except (OSError, ValueError) as e:
            QMessageBox.warning(self, "Logo", f"Ce logo n'a pas pu être copié : {e}")
            return
        if logo not in self.funder_logos:
            self.funder_logos.append(logo)
        self._show_funder_logos()

    def clear_funder_logos(self) -> None:
        self.funder_logos = []
        self._show_funder_logos()

    def remove_logo(self) -> None:
        self.logo_path = None
        self.logo_label.clear()
        self.logo_label.setText("Aucun logo")

    def current(self) -> DocumentSettings:
        values = {name: edit.text().strip() for name, edit in self.edits.items()}
        if not values["name"]:
            values["name"] = Letterhead().name
        mentions = tuple(line.strip() for line in self.mentions.toPlainText().splitlines() if line.strip())
        lh = replace(Letterhead(), **values, logo_path=self.logo_path, funder_mentions=mentions,
                     funder_logos=tuple(self.funder_logos))
        return DocumentSettings(letterhead=lh, signataire_nom=self.signataire_nom.text().strip(),
                                signataire_qualite=self.signataire_qualite.text().strip())

    def preview(self) -> None:
        from pole_desktop.documents import DocumentMeta, render_attestation
        from pole_desktop.documents.samples import sample_attestation
        from pole_desktop.gui.dialogs.pdf_preview import preview_pdf

        settings = self.current()
        pdf = render_attestation(sample_attestation(), DocumentMeta(
            reference="EXEMPLE", generated_at=clock.local_now(),
            letterhead=settings.letterhead))
        preview_pdf(self.ctx, pdf, "Exemple de papier à en-tête", "exemple.pdf", self)

    def accept(self) -> None:
        try:
            save_settings(self.data_dir, self.current())
        except SettingsFileError as e:
            QMessageBox.warning(
                self, "Paramètres du papier à en-tête",
                f"{e}\n\nLe fichier n'a pas été modifié. Corrigez-le ou supprimez-le, puis recommencez.")
            return
        except OSError as e:
            QMessageBox.warning(self, "Paramètres du papier à en-tête", f"Enregistrement impossible : {e}")
            return
        super().accept()


def open_letterhead_settings(ctx: Any, parent: QWidget | None = None) -> LetterheadSettingsDialog:
    dialog = LetterheadSettingsDialog(ctx, parent)
    dialog.open()
    return dialog
