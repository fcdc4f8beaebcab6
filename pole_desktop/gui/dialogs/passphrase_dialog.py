"""« Phrase de passe » — asked when this computer has no usable secure keyring.

``ask_passphrase`` is a ``passphrase_provider`` for ``safety.opening.open_database``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.safety.keys import MIN_PASSPHRASE


class PassphraseDialog(QDialog):
    def __init__(self, message: str, new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new = new
        self.setWindowTitle("Pôle Desktop — phrase de passe")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        self.explanation = QLabel(message)
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        form = QFormLayout()
        self.phrase = QLineEdit()
        self.phrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("Phrase de passe :", self.phrase)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        if new:
            form.addRow("Confirmez-la :", self.confirm)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Ouvrir les données" if not new else "Valider")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        text = self.phrase.text()
        if self.new and len(text) < MIN_PASSPHRASE:
            self.error.setText(f"La phrase de passe doit compter au moins {MIN_PASSPHRASE} caractères.")
            return
        if self.new and text != self.confirm.text():
            self.error.setText("Les deux saisies sont différentes.")
            return
        if not text:
            self.error.setText("Saisissez la phrase de passe.")
            return
        self.accept()

    def value(self) -> str:
        return self.phrase.text()


def ask_passphrase(message: str, new: bool) -> str | None:
    """The GUI's provider: ``POLE_DESKTOP_PASSPHRASE`` when set (unattended starts, the demo
    script, benchmarks), else the dialog."""
    import os

    from pole_desktop.safety.keys import PASSPHRASE_ENV

    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    dialog = PassphraseDialog(message, new)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
