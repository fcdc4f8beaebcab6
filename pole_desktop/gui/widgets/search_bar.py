"""The bar above the Personnes and Structures lists: search field, « Nouvelle… », « Doublons… »."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton


def build_search_bar(screen: Any, *, accessible_name: str, placeholder: str, new_label: str) -> QHBoxLayout:
    """Create ``screen.search``, ``screen.new_button`` and ``screen.duplicates_button``, wired to the
    screen's ``reload_list``, ``new_item`` and ``show_duplicates``; returns the layout holding them."""
    bar = QHBoxLayout()
    screen.search = QLineEdit()
    screen.search.setObjectName("search")
    screen.search.setAccessibleName(accessible_name)
    screen.search.setPlaceholderText(placeholder)
    screen.search.setClearButtonEnabled(True)
    screen.search.textChanged.connect(screen.reload_list)
    bar.addWidget(screen.search, 1)
    screen.new_button = QPushButton(new_label)
    screen.new_button.setObjectName("new_button")
    screen.new_button.setToolTip("Ctrl+N")
    screen.new_button.clicked.connect(screen.new_item)
    bar.addWidget(screen.new_button)
    screen.duplicates_button = QPushButton("Doublons…")
    screen.duplicates_button.setObjectName("duplicates_button")
    screen.duplicates_button.clicked.connect(screen.show_duplicates)
    bar.addWidget(screen.duplicates_button)
    return bar
