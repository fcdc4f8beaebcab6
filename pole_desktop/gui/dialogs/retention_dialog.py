"""« Conservation des données… » — closed dossiers past the retention period, to purge or anonymise.

Only what is ticked in the list is touched, after a confirmation (``self.confirm``, replaceable).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.domain.dispositifs import DISPOSITIFS
from pole_desktop.errors import user_message
from pole_desktop.formatting import format_date_short
from pole_desktop.gui.helpers import fit_to_screen
from pole_desktop.safety import retention


class RetentionDialog(QDialog):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.db = ctx.db
        self.confirm = self._confirm
        self.setWindowTitle("Conservation des données")
        fit_to_screen(self, 860, 500)
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("Durée de conservation après le dernier contact :"))
        self.years = QSpinBox()
        self.years.setRange(1, 30)
        self.years.setSuffix(" ans")
        with self.db.read() as s:
            self.years.setValue(retention.retention_years(s))
        self.years.valueChanged.connect(self._years_changed)
        row.addWidget(self.years)
        row.addStretch(1)
        lay.addLayout(row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Dossier", "Dispositif", "Titre", "Clôturé le", "Dernier contact"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(lambda _i: self._update_buttons())
        lay.addWidget(self.table)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        row = QHBoxLayout()
        self.all_button = QPushButton("Tout cocher")
        self.all_button.clicked.connect(lambda: self.check_all(True))
        row.addWidget(self.all_button)
        row.addStretch(1)
        close = QPushButton("Fermer")
        close.clicked.connect(self.accept)
        self.anonymise_button = QPushButton("Anonymiser…")
        self.anonymise_button.clicked.connect(lambda: self.apply("anonymiser"))
        self.purge_button = QPushButton("Purger…")
        self.purge_button.clicked.connect(lambda: self.apply("purger"))
        for b in (close, self.anonymise_button, self.purge_button):
            row.addWidget(b)
        lay.addLayout(row)
        self.reload()

    def _years_changed(self, value: int) -> None:
        with self.db.session() as s:
            retention.set_retention_years(s, value)
        self.reload()

    def reload(self) -> None:
        with self.db.read() as s:
            self.items = retention.review_list(s)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.items))
        for i, it in enumerate(self.items):
            first = QTableWidgetItem(it.reference)
            first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            first.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(i, 0, first)
            disp = DISPOSITIFS.get(it.dispositif)
            for j, text in enumerate([disp.nom if disp else it.dispositif, it.titre,
                                      format_date_short(it.date_cloture), format_date_short(it.dernier_contact)], 1):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        n = len(self.items)
        self.summary.setText(
            "Aucun dossier clôturé n'a dépassé la durée de conservation." if not n else
            f"{n} dossier{'s' if n > 1 else ''} clôturé{'s' if n > 1 else ''} sans contact depuis plus de "
            f"{self.years.value()} ans. Cochez ceux à traiter : « Anonymiser » garde les statistiques et efface "
            "l'identité des bénéficiaires ; « Purger » supprime le dossier et tout ce qui s'y rattache.")
        self._update_buttons()

    def check_all(self, on: bool) -> None:
        for i in range(self.table.rowCount()):
            self.table.item(i, 0).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def checked_ids(self) -> list[str]:
        return [self.items[i].dossier_id for i in range(self.table.rowCount())
                if self.table.item(i, 0).checkState() == Qt.CheckState.Checked]

    def _update_buttons(self) -> None:
        on = bool(self.checked_ids())
        self.anonymise_button.setEnabled(on)
        self.purge_button.setEnabled(on)

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, "Conservation des données", text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def apply(self, what: str) -> int:
        ids = self.checked_ids()
        if not ids:
            return 0
        n = len(ids)
        verb = "anonymiser" if what == "anonymiser" else "purger (supprimer définitivement)"
        if not self.confirm(f"Voulez-vous {verb} {n} dossier{'s' if n > 1 else ''} ? Une sauvegarde est faite "
                            "d'abord. Les autres postes appliqueront la même opération après synchronisation."):
            return 0
        try:
            from pole_desktop.safety.backups import backup_before

            backup_before(self.db, "avant-purge")
            with self.db.session() as s:
                fn = retention.anonymise if what == "anonymiser" else retention.purge
                done = fn(s, ids, blobs=self.db.blob_store())
        except Exception as e:  # noqa: BLE001
            self.message.setText(user_message(e))
            return 0
        self.message.setText(f"{done} dossier{'s' if done > 1 else ''} "
                             f"{'anonymisé' if what == 'anonymiser' else 'purgé'}{'s' if done > 1 else ''}.")
        notify = getattr(self.ctx, "notify", None)
        if notify:
            notify("dossier", "personne", "rendez_vous", "action", "document")
        self.reload()
        return done
