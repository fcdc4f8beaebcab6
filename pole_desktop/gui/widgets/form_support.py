"""Helpers shared by the edit dialogs built from ui/*.ui forms.

Convention of those forms: the widget of field ``x`` is named ``x`` and the red label under it
``err_x``; ``banner`` shows warnings (possible duplicates) and errors that belong to no field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QLineEdit, QWidget

from pole_desktop.formatting import format_date_short
from pole_desktop.territory import get_territory
from pole_desktop.territory.text import fold

ERROR_STYLE = "color: #b00020;"


def show_errors(root: QWidget, errors: Mapping[str, str], banner: QLabel | None = None) -> list[str]:
    """Put each French message in the ``err_<field>`` label next to its field (hiding the others).

    Messages for fields without a label go to ``banner``. Returns the fields shown; the first
    invalid field gets the focus.
    """
    shown: list[str] = []
    rest: list[str] = []
    for label in root.findChildren(QLabel):
        name = label.objectName()
        if name.startswith("err_"):
            message = errors.get(name[4:], "")
            label.setText(message)
            label.setVisible(bool(message))
            if message:
                shown.append(name[4:])
    for field, message in errors.items():
        if field not in shown:
            rest.append(message)
    if banner is not None:
        if rest:
            banner.setText("<span style='color:#b00020'>" + "<br>".join(_html(m) for m in rest) + "</span>")
            banner.setVisible(True)
        elif banner.property("errorMode"):
            banner.clear()
            banner.setVisible(False)
        banner.setProperty("errorMode", bool(rest))
    for field in shown:
        w = root.findChild(QWidget, field)
        if w is not None:
            w.setFocus(Qt.FocusReason.OtherFocusReason)
            break
    return shown


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fill_combo(combo: QComboBox, items: Mapping[str, str] | list[tuple[str, str]], empty: str | None = "—") -> None:
    """Items are (code, French label); the code is the item data. ``empty`` adds a 'none' first item."""
    combo.clear()
    if empty is not None:
        combo.addItem(empty, None)
    pairs = items.items() if isinstance(items, Mapping) else items
    for code, label in pairs:
        combo.addItem(label, code)


def set_combo(combo: QComboBox, code: Any) -> None:
    i = combo.findData(code)
    combo.setCurrentIndex(i if i >= 0 else 0)


def text_or_none(edit: QLineEdit) -> str | None:
    t = edit.text().strip()
    return t or None


def date_text(value: Any) -> str:
    return format_date_short(value) if value else ""


def qdate(value: Any) -> QDate:
    return QDate(value.year, value.month, value.day)


class CommuneField(QObject):
    """A QLineEdit turned into a commune picker: completer over Côte-d'Or communes.

    ``code()`` is the INSEE code of the typed commune, or the raw text when it matches none
    (the service then says "Choisissez une commune de Côte-d'Or dans la liste.").
    """

    changed = Signal(str)  # INSEE code, or "" (never None through a signal: PySide6 refcount bug)

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        territory = get_territory()
        self._by_name: dict[str, str] = {}
        names = []
        for c in territory.communes():
            self._by_name.setdefault(fold(c.nom), c.code_insee)
            names.append(c.nom)
        completer = QCompleter(sorted(names), edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        edit.setCompleter(completer)
        completer.activated.connect(lambda _t: self.changed.emit(self.code_or_none() or ""))
        edit.editingFinished.connect(lambda: self.changed.emit(self.code_or_none() or ""))

    def code_or_none(self) -> str | None:
        text = self.edit.text().strip()
        if not text:
            return None
        code = self._by_name.get(fold(text))
        if code is None:
            c = get_territory().commune(text) if text.isdigit() else None
            code = c.code_insee if c else None
        return code

    def code(self) -> str | None:
        """The INSEE code, or the raw text if it is not a known commune (None if empty)."""
        text = self.edit.text().strip()
        return self.code_or_none() or (text or None)

    def set_code(self, code: str | None) -> None:
        c = get_territory().commune(code) if code else None
        self.edit.setText(c.nom if c else (code or ""))
