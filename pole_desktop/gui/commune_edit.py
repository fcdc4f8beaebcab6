"""A commune field: type a name or a postcode (accents optional), pick from the completer."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit

from pole_desktop.territory import get_territory


def commune_label(code: str | None) -> str:
    if not code:
        return ""
    c = get_territory().commune(code)
    return f"{c.nom} ({c.codes_postaux[0] if c.codes_postaux else c.code_insee})" if c else code


class CommuneCompleter:
    """Attach a territory-search completer to an existing QLineEdit (e.g. one from a .ui form)."""

    def __init__(self, edit: QLineEdit) -> None:
        self.edit = edit
        self._labels: dict[str, str] = {}
        self.model = QStringListModel()
        self.completer = QCompleter(self.model, edit)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        edit.setCompleter(self.completer)
        edit.textEdited.connect(self._update)

    def _update(self, text: str) -> None:
        found = get_territory().search(text, 15) if len(text.strip()) >= 2 else []
        self._labels = {commune_label(c.code_insee): c.code_insee for c in found}
        self.model.setStringList(list(self._labels))

    def set_code(self, code: str | None) -> None:
        label = commune_label(code)
        if code:
            self._labels[label] = code
        self.edit.setText(label)

    def code(self) -> str:
        """The INSEE code of what is shown ("" when empty; the raw text if not a commune, so
        that validation says so next to the field)."""
        text = self.edit.text().strip()
        if not text:
            return ""
        if text in self._labels:
            return self._labels[text]
        found = get_territory().search(text, 1)
        if found and commune_label(found[0].code_insee).lower() == text.lower():
            return found[0].code_insee
        if text.isdigit() and get_territory().commune(text):
            return text
        return text


class CommuneEdit(QLineEdit):
    """A QLineEdit with the commune completer built in."""

    commune_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setPlaceholderText("nom ou code postal")
        self.helper = CommuneCompleter(self)
        self.editingFinished.connect(lambda: self.commune_changed.emit(self.code()))
        self.helper.completer.activated.connect(lambda _t: self.commune_changed.emit(self.code()))

    def set_code(self, code: str | None) -> None:
        self.helper.set_code(code)

    def code(self) -> str:
        return self.helper.code()
