"""« Phrase d'équipe » — typed once per laptop to join a sealed share, or chosen when a share is
created or upgraded. The engine unwraps the team key with it and keeps the key in the OS keyring;
the phrase itself is never stored. :class:`ChangeTeamPhraseDialog`: the head office gives the team
a new phrase (the current one is asked first; optionally a new key, to exclude a lost laptop).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.sync.sealing import check_new_phrase


class TeamPhraseDialog(QDialog):
    def __init__(self, message: str, creating: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.creating = creating
        self.setWindowTitle("Pôle Desktop — phrase d'équipe")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = (
            "Les données de l'équipe sont chiffrées sur le partage. "
            + ("Choisissez la phrase d'équipe que vos collègues saisiront une fois sur leur ordinateur ; "
               "gardez-la en lieu sûr : sans elle, un nouvel ordinateur ne pourra pas rejoindre l'équipe."
               if creating else
               "Saisissez la phrase d'équipe une seule fois : cet ordinateur la retiendra dans son trousseau "
               "sécurisé.")
        )
        self.explanation = QLabel(f"{intro}<br><br>{message}")
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        form = QFormLayout()
        self.phrase = QLineEdit()
        self.phrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("Phrase d'équipe :", self.phrase)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        if creating:
            form.addRow("Confirmez-la :", self.confirm)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Synchroniser")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        text = self.phrase.text()
        if not text.strip():
            self.error.setText("Saisissez la phrase d'équipe.")
            return
        if self.creating:
            weak = check_new_phrase(text)
            if weak:
                self.error.setText(weak)
                return
            if text != self.confirm.text():
                self.error.setText("Les deux saisies sont différentes.")
                return
        self.accept()

    def value(self) -> str:
        return self.phrase.text()


def ask_team_phrase(parent: QWidget | None, message: str, creating: bool) -> str | None:
    dialog = TeamPhraseDialog(message, creating, parent)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ChangeTeamPhraseDialog(QDialog):
    """Current phrase, new phrase twice, and whether to make a new team key (lost or stolen laptop)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Pôle Desktop — changer la phrase d'équipe")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        text = QLabel(
            "<b>Réservé à la personne qui gère l'équipe.</b> La nouvelle phrase sera demandée aux nouveaux "
            "ordinateurs ; communiquez-la de vive voix ou par un autre moyen que le partage. Les ordinateurs "
            "déjà inscrits gardent leur accès, sauf si vous créez une nouvelle clé.")
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.current = QLineEdit()
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("Phrase actuelle :", self.current)
        self.phrase = QLineEdit()
        self.phrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("Nouvelle phrase :", self.phrase)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("Confirmez-la :", self.confirm)
        layout.addLayout(form)
        self.rotate = QCheckBox("Créer aussi une nouvelle clé (ordinateur perdu ou volé)")
        layout.addWidget(self.rotate)
        rotate_note = QLabel("Avec une nouvelle clé, un ordinateur qui ne connaît que l'ancienne phrase ne lit plus "
                             "les nouvelles données ; chaque collègue saisira la nouvelle phrase à sa prochaine "
                             "synchronisation.")
        rotate_note.setWordWrap(True)
        rotate_note.setStyleSheet("color: #555")
        layout.addWidget(rotate_note)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Changer la phrase")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.current.text().strip():
            self.error.setText("Saisissez la phrase d'équipe actuelle.")
            return
        weak = check_new_phrase(self.phrase.text())
        if weak:
            self.error.setText(weak)
            return
        if self.phrase.text() != self.confirm.text():
            self.error.setText("Les deux saisies de la nouvelle phrase sont différentes.")
            return
        if self.phrase.text() == self.current.text():
            self.error.setText("La nouvelle phrase est identique à l'actuelle.")
            return
        self.accept()

    def values(self) -> tuple[str, str, bool]:
        return self.current.text(), self.phrase.text(), self.rotate.isChecked()


def ask_new_team_phrase(parent: QWidget | None) -> tuple[str, str, bool] | None:
    dialog = ChangeTeamPhraseDialog(parent)
    return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
