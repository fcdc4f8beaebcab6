"""Minimal main window (foundation): lists the dossiers to prove the wiring."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget
from sqlalchemy import select

from pole_desktop.domain.dispositifs import DISPOSITIFS
from pole_desktop.domain.models import Dossier
from pole_desktop.storage.database import Database


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle("Pôle Desktop")
        self.resize(1100, 700)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(QLabel("<h2>Dossiers</h2>"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Référence", "Dispositif", "Titre", "Étape"])
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.reload()

    def reload(self) -> None:
        with self.db.read() as s:
            rows = s.execute(
                select(Dossier.reference, Dossier.dispositif, Dossier.titre, Dossier.etape)
                .order_by(Dossier.date_ouverture.desc()).limit(500)
            ).all()
        self.table.setRowCount(len(rows))
        for i, (ref, disp, titre, etape) in enumerate(rows):
            d = DISPOSITIFS[disp]
            for j, text in enumerate([ref, d.nom, titre, d.libelle_etape(etape)]):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.statusBar().showMessage(f"{len(rows)} dossiers")
