"""« Données → Importer… »: the import assistant.

File → sheet/encoding → what the rows are → column mapping (suggested from the headers, a saved
mapping can be loaded or saved) → dry run (creates, updates with their fields, duplicates to
confirm, rejected rows with their reason) → import with a progress bar and a cancel button →
« Annuler cet import ». Every read and write runs on the ``db`` queue of ``gui/tasks.py``
through the core (``pole_desktop.importing``); the window never waits on the file or the database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from pole_desktop.domain.labels import FIELDS as FIELD_LABELS
from pole_desktop.errors import user_message
from pole_desktop.formatting import plural
from pole_desktop.importing import apply, fields, mapping, plan, readers

SHOWN = 2000  # rows listed per table of the dry run (the counts are complete)
DECISIONS = [(plan.UPDATE, "Mettre à jour la fiche existante"), (plan.CREATE, "Créer une nouvelle fiche"),
             (plan.SKIP, "Ignorer la ligne")]
FILE_FILTER = "Tableurs (*.xlsx *.xls *.ods *.csv *.txt);;Tous les fichiers (*)"


def install_import_menu(main_window: Any, ctx: Any) -> QAction:
    """« Importer… » in the « Données » menu."""
    action = QAction("&Importer…", main_window)
    action.triggered.connect(lambda: open_import_wizard(ctx, main_window))
    main_window.add_menu_action("Données", action)
    return action


def open_import_wizard(ctx: Any, parent: QWidget | None = None) -> ImportWizard:
    wizard = ImportWizard(ctx, parent)
    wizard.open()
    return wizard


def _item(text: Any, align_right: bool = False) -> QTableWidgetItem:
    it = QTableWidgetItem("" if text is None else str(text))
    it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if align_right:
        it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return it


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setStretchLastSection(True)
    t.setAlternatingRowColors(True)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    return t


def _show_value(value: Any, column: str = "") -> str:
    if value is None or value == "":
        return "(vide)"
    if column.endswith("_centimes") and isinstance(value, int):
        from pole_desktop.formatting import format_cents

        return format_cents(value)
    if value is True:
        return "oui"
    if value is False:
        return "non"
    return readers.as_text(value)


class ImportWizard(QWizard):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Importer des données")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, "Suivant >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< Précédent")
        self.setButtonText(QWizard.WizardButton.FinishButton, "Fermer")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Annuler")
        self.resize(1000, 640)
        self.source: readers.Source | None = None
        self.mapping: mapping.Mapping | None = None
        self.dry: plan.DryRun | None = None
        self.decisions: dict[int, str] = {}
        self.result: apply.ImportResult | None = None
        self.undo_result: apply.UndoResult | None = None
        self.token: Any = None
        # Replaceable in tests (no native dialog ever blocks a test).
        self.choose_file = lambda: QFileDialog.getOpenFileName(self, "Choisir le fichier à importer", "",
                                                               FILE_FILTER)[0]
        self.choose_mapping_to_load = lambda: QFileDialog.getOpenFileName(
            self, "Charger une correspondance", "", "Correspondance (*.json)")[0]
        self.choose_mapping_to_save = lambda: QFileDialog.getSaveFileName(
            self, "Enregistrer la correspondance", "correspondance.json", "Correspondance (*.json)")[0]
        self.confirm = lambda title, text: QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.dry_page = DryRunPage(self)
        self.import_page = ImportPage(self)
        for page in (self.file_page, self.mapping_page, self.dry_page, self.import_page):
            self.addPage(page)

    @property
    def kind(self) -> str:
        return self.file_page.kind.currentData()

    def run(self, job: Any, on_done: Any, on_error: Any = None, progress: Any = None) -> Any:
        self.token = self.ctx.tasks.run(job, on_done, on_error or self._error, progress=progress)
        return self.token

    def _error(self, exc: BaseException) -> None:
        self.file_page.status.setText(user_message(exc))

    def reject(self) -> None:
        if self.token is not None and not self.token.cancelled:
            self.token.cancel()  # a running dry run or import stops at its next check; nothing is written
        super().reject()


# --------------------------------------------------------------------------- 1. file


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Fichier à importer")
        self.setSubTitle("Choisissez un tableur (.xlsx, .xls, .ods) ou un fichier .csv, puis ce que sont ses lignes.")
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText("Chemin du fichier")
        self.path.editingFinished.connect(self.load)
        browse = QPushButton("Parcourir…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow("Fichier :", row)
        self.kind = QComboBox()
        for key, label in fields.KIND_LABELS.items():
            self.kind.addItem(label, key)
        form.addRow("Les lignes sont des :", self.kind)
        self.sheet = QComboBox()
        self.sheet.setEnabled(False)
        self.sheet.activated.connect(lambda _i: self.load())
        form.addRow("Feuille :", self.sheet)
        self.encoding = QComboBox()
        self.encoding.addItem("Détection automatique", None)
        for code in ("utf-8", "cp1252", "latin-1"):
            self.encoding.addItem(readers.ENCODINGS[code], code)
        self.encoding.setEnabled(False)
        self.encoding.activated.connect(lambda _i: self.load())
        form.addRow("Encodage (CSV) :", self.encoding)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        form.addRow("", self.status)
        note = QLabel("Importez dans l'ordre : personnes et structures, puis dossiers, puis rendez-vous et ateliers "
                      "(ils se rattachent aux fiches déjà présentes).")
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        form.addRow("", note)
        # The team's previous imports (made on any laptop): each can be undone from here.
        self.history = _table(["Date", "Fichier", "Type", "Par", "Créées", "Mises à jour", "État"])
        for i, wd in enumerate((130, 260, 90, 160, 70, 90)):
            self.history.setColumnWidth(i, wd)
        self.history.setMinimumHeight(160)
        form.addRow(QLabel("<b>Imports précédents</b>"))
        form.addRow(self.history)
        row2 = QHBoxLayout()
        self.undo_old = QPushButton("Annuler cet import")
        self.undo_old.setEnabled(False)
        self.undo_old.clicked.connect(self._undo_selected)
        self.history_status = QLabel("")
        self.history_status.setWordWrap(True)
        row2.addWidget(self.undo_old)
        row2.addWidget(self.history_status, 1)
        form.addRow(row2)
        self.history.itemSelectionChanged.connect(self._selection_changed)
        self.batches: list[dict[str, Any]] = []

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        self.refresh_history()

    def refresh_history(self) -> None:
        self.w.run(lambda token, report: apply.batches_db(self.w.ctx.db), self._show_history)

    def _show_history(self, batches: list[dict[str, Any]]) -> None:
        self.batches = batches
        self.history.setRowCount(len(batches))
        for i, b in enumerate(batches):
            state = f"annulé le {b['annule_le']:%d/%m/%Y}" if b["annule_le"] else "en place"
            for j, v in enumerate((f"{b['cree_le']:%d/%m/%Y %H:%M}", b["fichier"], fields.KIND_LABELS.get(b["type"],
                                   b["type"]), b["auteur"], b["crees"], b["modifies"], state)):
                self.history.setItem(i, j, _item(v, align_right=j in (4, 5)))
        self._selection_changed()

    def _selected(self) -> dict[str, Any] | None:
        rows = {i.row() for i in self.history.selectedItems()}
        return self.batches[rows.pop()] if len(rows) == 1 else None

    def _selection_changed(self) -> None:
        b = self._selected()
        self.undo_old.setEnabled(b is not None and b["annule_le"] is None)

    def _undo_selected(self) -> None:
        b = self._selected()
        if b is None or not self.w.confirm(
                "Annuler cet import",
                f"Annuler l'import de « {b['fichier']} » du {b['cree_le']:%d/%m/%Y} ? Les fiches qu'il a créées "
                "seront supprimées et celles qu'il a mises à jour remises dans leur état d'avant, sur tous les "
                "postes après la prochaine synchronisation."):
            return
        self.undo_old.setEnabled(False)

        def done(res: apply.UndoResult) -> None:
            self.history_status.setText(
                f"Import annulé : {plural(res.deleted, 'fiche supprimée', 'fiches supprimées')}, "
                f"{plural(res.restored, 'fiche remise', 'fiches remises')} dans leur état d'avant."
                + ("\n" + "\n".join(res.kept[:5]) if res.kept else ""))
            self.w.ctx.notify("personne", "structure", "import_lot")
            self.refresh_history()

        self.w.run(lambda token, report: apply.undo_import(self.w.ctx.db, b["id"]), done,
                   lambda e: self.history_status.setText(user_message(e)))

    def _browse(self) -> None:
        chosen = self.w.choose_file()
        if chosen:
            self.path.setText(chosen)
            self.load()

    def load(self) -> None:
        path = self.path.text().strip()
        if not path:
            return
        sheet = self.sheet.currentText() if self.sheet.isEnabled() and self._same_file(path) else None
        encoding = self.encoding.currentData() if self._same_file(path) else None
        self.status.setText("Lecture du fichier…")

        def job(token: Any, report: Any) -> readers.Source:
            return readers.open_source(path, sheet=sheet, encoding=encoding)

        self.w.run(job, self._loaded, self._failed)

    def _same_file(self, path: str) -> bool:
        return self.w.source is not None and str(self.w.source.path) == str(Path(path))

    def _loaded(self, src: readers.Source) -> None:
        self.w.source = src
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(src.sheets)
        if src.sheet:
            self.sheet.setCurrentText(src.sheet)
        self.sheet.setEnabled(bool(src.sheets))
        self.sheet.blockSignals(False)
        self.encoding.setEnabled(src.kind == "csv")
        if src.kind == "csv":
            sep = {";": "point-virgule", ",": "virgule", "\t": "tabulation"}.get(src.delimiter or "", src.delimiter)
            detail = f"encodage {src.encoding_label}, séparateur {sep}, "
        else:
            detail = f"feuille « {src.sheet} », "
        self.status.setText(f"« {src.path.name} » : {detail}{len(src.headers)} colonnes "
                            f"({', '.join(src.headers[:6])}{'…' if len(src.headers) > 6 else ''}).")
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.w.source = None
        self.status.setText(user_message(exc))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.w.source is not None


# --------------------------------------------------------------------------- 2. mapping


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Correspondance des colonnes")
        self.setSubTitle("Pour chaque colonne du fichier, le champ de Pôle Desktop qu'elle remplit. Les suggestions "
                         "viennent des en-têtes ; « Ignorer » laisse la colonne de côté.")
        lay = QVBoxLayout(self)
        self.table = _table(["Colonne du fichier", "Exemples", "Champ"])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(2, 300)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        load = QPushButton("Charger une correspondance…")
        load.clicked.connect(self._load)
        save = QPushButton("Enregistrer la correspondance…")
        save.clicked.connect(self._save)
        self.status = QLabel("")
        row.addWidget(load)
        row.addWidget(save)
        row.addWidget(self.status, 1)
        lay.addLayout(row)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        src = self.w.source
        assert src is not None
        given = self.w.mapping if self.w.mapping is not None and self.w.mapping.kind == self.w.kind else None
        m = given if given is not None else mapping.auto_mapping(self.w.kind, src.headers)
        samples: list[list[str]] = [[] for _ in src.headers]

        def job(token: Any, report: Any) -> list[list[str]]:
            for i, (_n, values) in enumerate(src.rows()):
                for j, v in enumerate(values[: len(samples)]):
                    if v not in (None, "") and len(samples[j]) < 3:
                        samples[j].append(readers.as_text(v).replace("\n", " ")[:40])
                if i >= 50:
                    break
            return samples

        self._fill(m)
        self.w.run(job, self._set_samples)

    def _set_samples(self, samples: list[list[str]]) -> None:
        for i, values in enumerate(samples[: self.table.rowCount()]):
            self.table.setItem(i, 1, _item(" · ".join(values)))

    def _fill(self, m: mapping.Mapping) -> None:
        src = self.w.source
        assert src is not None
        self.table.clearContents()  # deletes the previous combo boxes
        self.table.setRowCount(len(src.headers))
        self.combos = []
        specs = fields.KINDS[self.w.kind]
        for i, h in enumerate(src.headers):
            self.table.setItem(i, 0, _item(h))
            self.table.setItem(i, 1, _item(""))
            combo = QComboBox()
            combo.addItem("— Ignorer —", None)
            for f in specs:
                combo.addItem(f.label, f.key)
            idx = combo.findData(m.field_of(h))
            combo.setCurrentIndex(max(idx, 0))
            combo.currentIndexChanged.connect(lambda _i: self.completeChanged.emit())
            self.table.setCellWidget(i, 2, combo)
            self.combos.append(combo)
        self._labels = dict(m.labels)
        self.completeChanged.emit()

    def mapping(self) -> mapping.Mapping:
        src = self.w.source
        assert src is not None
        settled = self.w.mapping.labels if self.w.mapping is not None and self.w.mapping.kind == self.w.kind else None
        m = mapping.Mapping(self.w.kind, labels=dict(settled if settled is not None else getattr(self, "_labels", {})))
        for h, combo in zip(src.headers, self.combos, strict=False):
            m.columns[h] = combo.currentData()
        return m

    def set_field(self, header: str, key: str | None) -> None:
        src = self.w.source
        assert src is not None
        combo = self.combos[src.headers.index(header)]
        combo.setCurrentIndex(combo.findData(key))

    def _load(self) -> None:
        path = self.w.choose_mapping_to_load()
        if not path:
            return
        try:
            m = mapping.coerce(self.w.kind, self.w.source.headers if self.w.source else [], Path(path))
        except mapping.MappingError as e:
            self.status.setText(str(e))
            return
        samples = [[self.table.item(i, 1).text()] for i in range(self.table.rowCount())]
        self._fill(m)
        self._set_samples(samples)
        self.status.setText(f"Correspondance « {Path(path).name} » chargée.")

    def _save(self) -> None:
        path = self.w.choose_mapping_to_save()
        if not path:
            return
        try:
            self.mapping().save(path)
        except OSError as e:
            self.status.setText(user_message(e))
            return
        self.status.setText(f"Correspondance enregistrée dans « {Path(path).name} ».")

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        chosen = {c.currentData() for c in self.combos}
        kind = self.w.kind
        if kind == "personnes":
            message = "" if chosen & {"nom", "nom_complet"} else "Choisissez la colonne du nom (ou « NOM Prénom »)."
        elif kind == "structures":
            message = "" if "raison_sociale" in chosen else "Choisissez la colonne de la raison sociale."
        elif kind == "rendez_vous" and not chosen & {"reference", "participant"}:
            message = "Choisissez la colonne de la référence du dossier ou celle du participant."
        else:
            required = {"dossiers": (("dispositif", "du dispositif"), ("date_ouverture", "de la date d'ouverture")),
                        "rendez_vous": (("date", "de la date"),),
                        "ateliers": (("titre", "de l'atelier"), ("date", "de la date"),
                                     ("participant", "du participant"))}[kind]
            missing = [label for key, label in required if key not in chosen]
            message = f"Choisissez la colonne {' et celle '.join(missing)}." if missing else ""
        self.status.setText(message)
        return not message

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        self.w.mapping = self.mapping()
        self.w.decisions = {}
        return True


# --------------------------------------------------------------------------- 3. dry run


class DryRunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Simulation")
        self.setSubTitle("Ce que fera l'import, avant que rien ne soit écrit. Vérifiez les doublons possibles.")
        self.setButtonText(QWizard.WizardButton.NextButton, "Importer")
        lay = QVBoxLayout(self)
        self.progress = QProgressBar()
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        lay.addWidget(self.progress)
        lay.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.duplicates = _table(["Ligne", "Dans le fichier", "Motif", "Fiche existante ou ligne", "Décision"])
        self.updates = _table(["Ligne", "Fiche mise à jour", "Champs modifiés (avant → après)"])
        self.rejects = _table(["Ligne", "Colonne", "Valeur", "Problème"])
        self.settle = _table(["Colonne", "Valeur du fichier", "Lignes", "Correspondance (retenue pour la suite)"])
        self.settle_keys: list[tuple[str, str, str]] = []
        self.duplicates.horizontalHeader().setStretchLastSection(False)
        self.duplicates.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.duplicates.setColumnWidth(4, 260)
        for t, widths in ((self.duplicates, (60, 240, 260)), (self.updates, (60, 240)),
                          (self.rejects, (60, 170, 170)), (self.settle, (170, 260, 60))):
            for i, wd in enumerate(widths):
                t.setColumnWidth(i, wd)
            self.tabs.addTab(t, "")
        lay.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        self.recompute = QPushButton("Refaire la simulation avec mes décisions")
        self.recompute.clicked.connect(self._start)
        save = QPushButton("Enregistrer la correspondance…")
        save.clicked.connect(self._save_mapping)
        self.save_status = QLabel("")
        row.addWidget(save)
        row.addWidget(self.save_status, 1)
        row.addWidget(self.recompute)
        lay.addLayout(row)
        self.running = False

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        self._start()

    def _start(self) -> None:
        src, m = self.w.source, self.w.mapping
        assert src is not None and m is not None
        decisions = dict(self.w.decisions)
        self.running = True
        self.recompute.setEnabled(False)
        self.summary.setText("Simulation en cours…")
        self.completeChanged.emit()

        def job(token: Any, report: Any) -> plan.DryRun:
            return plan.dry_run_db(self.w.ctx.db, src, m, decisions, cancel=lambda: token.cancelled,
                                   progress=lambda done, total: report(done, total, ""))

        self.w.run(job, self._done, self._failed, progress=self._progress)

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.recompute.setEnabled(True)
        self.summary.setText("La simulation a été interrompue." if isinstance(exc, plan.ImportCancelled)
                             else user_message(exc))
        self.completeChanged.emit()

    def _done(self, dry: plan.DryRun) -> None:
        self.running = False
        self.recompute.setEnabled(True)
        self.w.dry = dry
        self.progress.setMaximum(max(dry.total, 1))
        self.progress.setValue(dry.total)
        self.summary.setText(
            f"{plural(dry.total, 'ligne lue', 'lignes lues')} : <b>{plural(dry.created, 'fiche')}</b> à créer, "
            f"<b>{dry.updated}</b> à mettre à jour, {dry.unchanged} déjà à jour, {dry.skipped} à ignorer, "
            f"<b>{plural(dry.rejected, 'rejetée', 'rejetées')}</b> (écrites dans un fichier à côté de l'original). "
            "Rien n'a encore été écrit.")
        self._fill_duplicates(dry)
        self._fill(self.updates, [(u.row, u.record_label, "; ".join(
            f"{FIELD_LABELS.get(k, k)} : {_show_value(a, k)} → {_show_value(b, k)}" for k, (a, b) in u.fields.items()))
            for u in dry.updates])
        self._fill(self.rejects, [(p.row, p.column, p.value, p.message) for p in dry.problems])
        self.tabs.setTabText(0, f"Doublons possibles ({len(dry.duplicates)})")
        self.tabs.setTabText(1, f"Mises à jour ({dry.updated})")
        self.tabs.setTabText(2, f"Rejets ({len(dry.problems)})")
        self._fill_settle(dry)
        self.tabs.setTabText(3, f"À préciser ({len(dry.to_settle)})")
        self.completeChanged.emit()

    def _fill(self, table: QTableWidget, rows: list[tuple[Any, ...]]) -> None:
        table.setRowCount(min(len(rows), SHOWN))
        for i, r in enumerate(rows[:SHOWN]):
            for j, v in enumerate(r):
                table.setItem(i, j, _item(v, align_right=j == 0))

    def _fill_duplicates(self, dry: plan.DryRun) -> None:
        t = self.duplicates
        t.setRowCount(min(len(dry.duplicates), SHOWN))
        for i, d in enumerate(dry.duplicates[:SHOWN]):
            t.setItem(i, 0, _item(d.row, align_right=True))
            t.setItem(i, 1, _item(d.label))
            t.setItem(i, 2, _item(d.reason))
            t.setItem(i, 3, _item(f"« {d.existing_label} »" if d.existing_id else f"ligne {d.earlier_row}"))
            combo = QComboBox()
            for key, label in DECISIONS:
                if key == plan.UPDATE and not d.existing_id:
                    continue
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(d.action), 0))
            combo.currentIndexChanged.connect(lambda _i, row=d.row, c=combo: self._decide(row, c.currentData()))
            t.setCellWidget(i, 4, combo)

    def _save_mapping(self) -> None:
        """The columns and the labels settled here, for the next file of the same kind."""
        path = self.w.choose_mapping_to_save()
        if not path or self.w.mapping is None:
            return
        try:
            self.w.mapping.save(path)
        except OSError as e:
            self.save_status.setText(user_message(e))
            return
        self.save_status.setText(f"Correspondance enregistrée dans « {Path(path).name} ».")

    def _fill_settle(self, dry: plan.DryRun) -> None:
        """Old labels and ambiguous communes: matched once here, for every row that has them."""
        t = self.settle
        items = sorted(dry.to_settle.items(), key=lambda kv: (-kv[1]["rows"], kv[0]))[:SHOWN]
        t.setRowCount(len(items))
        self.settle_keys = [k for k, _ in items]
        m = self.w.mapping
        for i, ((fkey, column, value), entry) in enumerate(items):
            t.setItem(i, 0, _item(column))
            t.setItem(i, 1, _item(value))
            t.setItem(i, 2, _item(entry["rows"], align_right=True))
            combo = QComboBox()
            combo.addItem("— Laisser ces lignes rejetées —", None)
            for code, label in entry["choices"].items():
                combo.addItem(label, code)
            current = (m.labels.get(fkey) or {}).get(value) if m else None
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.currentIndexChanged.connect(lambda _i, k=(fkey, value), c=combo: self._settle(k, c.currentData()))
            t.setCellWidget(i, 3, combo)

    def _settle(self, key: tuple[str, str], code: str | None) -> None:
        fkey, value = key
        m = self.w.mapping
        assert m is not None
        table = m.labels.setdefault(fkey, {})
        if code is None:
            table.pop(value, None)
        else:
            table[value] = code

    def settle_value(self, value: str, code: str) -> None:
        """Choose the correspondence of a file value as the combo box does (tests, keyboard users)."""
        for i, (_f, _c, v) in enumerate(self.settle_keys):
            if v == value:
                combo = self.settle.cellWidget(i, 3)
                combo.setCurrentIndex(combo.findData(code))
                return
        raise KeyError(value)

    def _decide(self, row: int, action: str) -> None:
        self.w.decisions[row] = action

    def decide(self, row: int, action: str) -> None:
        """Set the decision of a duplicate row as the combo box does (tests, keyboard users)."""
        for i in range(self.duplicates.rowCount()):
            if self.duplicates.item(i, 0).text() == str(row):
                combo = self.duplicates.cellWidget(i, 4)
                combo.setCurrentIndex(combo.findData(action))
                return
        raise KeyError(row)

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return not self.running and self.w.dry is not None


# --------------------------------------------------------------------------- 4. import


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("Import")
        lay = QVBoxLayout(self)
        self.progress = QProgressBar()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        self.stop = QPushButton("Interrompre l'import")
        self.stop.clicked.connect(self._stop)
        self.undo = QPushButton("Annuler cet import")
        self.undo.clicked.connect(self._undo)
        self.undo.setVisible(False)
        row.addWidget(self.stop)
        row.addWidget(self.undo)
        row.addStretch(1)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addLayout(row)
        lay.addStretch(1)
        self.running = False

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        src, m = self.w.source, self.w.mapping
        assert src is not None and m is not None
        decisions = dict(self.w.decisions)
        self.running = True
        self.stop.setEnabled(True)
        self.status.setText("Import en cours… Vous pouvez continuer à travailler dans la fenêtre principale.")
        total = self.w.dry.total if self.w.dry else 0
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(0)
        self.completeChanged.emit()

        def job(token: Any, report: Any) -> apply.ImportResult:
            return apply.apply_import(self.w.ctx.db, src, m, decisions, cancel=lambda: token.cancelled,
                                      progress=lambda done: report(done, total, ""))

        self.w.run(job, self._done, self._failed, progress=lambda d, t, _x: self.progress.setValue(min(d, t)))

    def _stop(self) -> None:
        if self.w.token is not None:
            self.w.token.cancel()
        self.stop.setEnabled(False)
        self.status.setText("Interruption demandée…")

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.stop.setEnabled(False)
        if isinstance(exc, plan.ImportCancelled):
            self.status.setText("Import interrompu : rien n'a été écrit.")
        else:
            self.status.setText(f"L'import a échoué, rien n'a été écrit. {user_message(exc)}")
        self.completeChanged.emit()

    def _done(self, res: apply.ImportResult) -> None:
        self.running = False
        self.w.result = res
        d = res.dry
        self.progress.setValue(self.progress.maximum())
        self.stop.setVisible(False)
        self.undo.setVisible(True)
        text = (f"Import terminé : {plural(d.created, 'fiche créée', 'fiches créées')}, "
                f"{plural(d.updated, 'mise à jour', 'mises à jour')}, {d.unchanged} déjà à jour, "
                f"{plural(d.skipped, 'ligne ignorée', 'lignes ignorées')}, "
                f"{plural(d.rejected, 'rejetée', 'rejetées')}. "
                "Il sera envoyé à l'équipe à la prochaine synchronisation.")
        if d.linked:
            text += (f"\nCréées avec les dossiers : {plural(d.linked.get('personnes', 0), 'personne')}, "
                     f"{plural(d.linked.get('structures', 0), 'structure')}.")
        if res.report_path:
            text += f"\nLignes rejetées : {res.report_path}"
        self.status.setText(text)
        self.w.ctx.notify("personne", "structure", "import_lot")
        self.w.button(QWizard.WizardButton.CancelButton).setVisible(False)  # done: « Fermer » only
        self.completeChanged.emit()

    def _undo(self) -> None:
        res = self.w.result
        if res is None or not self.w.confirm(
                "Annuler cet import",
                "Supprimer les fiches créées par cet import et remettre les fiches mises à jour dans leur état "
                "d'avant ? L'annulation sera envoyée à l'équipe à la prochaine synchronisation."):
            return
        self.undo.setEnabled(False)
        self.running = True
        self.completeChanged.emit()

        def job(token: Any, report: Any) -> apply.UndoResult:
            return apply.undo_import(self.w.ctx.db, res.batch_id)

        self.w.run(job, self._undone, self._failed)

    def _undone(self, res: apply.UndoResult) -> None:
        self.running = False
        self.w.undo_result = res
        text = (f"Import annulé : {plural(res.deleted, 'fiche supprimée', 'fiches supprimées')}, "
                f"{plural(res.restored, 'fiche remise', 'fiches remises')} dans leur état d'avant.")
        if res.kept:
            text += "\n" + "\n".join(res.kept[:10])
        self.status.setText(text)
        self.w.ctx.notify("personne", "structure", "import_lot")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return not self.running
