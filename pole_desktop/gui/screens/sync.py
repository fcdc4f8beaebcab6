"""Synchronisation: sync now (in the background, with progress and cancel), the receipt, the
conflict inbox, the history of past syncs, and the share configuration.

Every I/O runs through ``ctx.tasks``: share access on the ``net`` queue, database reads and
writes on the ``db`` queue; the window never freezes and the advisor can keep working.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.formatting import format_datetime, format_number
from pole_desktop.gui import sync_jobs
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.screens.base import Screen
from pole_desktop.gui.sync_alive import alive
from pole_desktop.gui.tasks import CancelToken
from pole_desktop.gui.widgets.conflict_inbox import ConflictInbox
from pole_desktop.sync.receipt import Receipt

OK_STYLE = "color: #1b5e20;"
ERROR_STYLE = "color: #b00020;"

# Every synced table may change during a sync: views displaying any of them refresh.
def _synced_table_names() -> list[str]:
    from pole_desktop.domain import synced_tables

    return sorted(synced_tables())


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n <= 1 else (plural or word + 's')}"


def format_duration_ms(ms: int | None) -> str:
    if ms is None:
        return "—"
    seconds = ms / 1000
    if seconds < 60:
        return f"{format_number(seconds, 1)} s"
    minutes, sec = divmod(round(seconds), 60)
    return f"{minutes} min {sec:02d} s"


# --------------------------------------------------------------------------------- share form
class ShareConfigPanel(QWidget):
    """« Dossier » or « Serveur SMB »; the password goes to the keyring only."""

    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._has_stored_password = False
        layout = QVBoxLayout(self)

        intro = QLabel(
            "Indiquez où se trouve le dossier partagé du bureau. Il peut s'agir d'un dossier de "
            "l'ordinateur ou du réseau (par exemple \\\\nas\\pole ou un lecteur réseau), ou d'un "
            "serveur SMB joint directement, avec un identifiant et un mot de passe."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        kinds = QHBoxLayout()
        self.folder_radio = QRadioButton("Dossier")
        self.folder_radio.setObjectName("kind_folder")
        self.smb_radio = QRadioButton("Serveur SMB")
        self.smb_radio.setObjectName("kind_smb")
        group = QButtonGroup(self)
        group.addButton(self.folder_radio)
        group.addButton(self.smb_radio)
        self.folder_radio.setChecked(True)
        kinds.addWidget(self.folder_radio)
        kinds.addWidget(self.smb_radio)
        kinds.addStretch(1)
        layout.addLayout(kinds)

        # Folder page
        folder_page = QWidget()
        fl = QFormLayout(folder_page)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("share_path")
        self.path_edit.setPlaceholderText("\\\\serveur\\partage\\dossier ou Z:\\Pôle")
        self.browse_button = QPushButton("Parcourir…")
        self.browse_button.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        fl.addRow("Dossier partagé :", row)
        self.folder_page = folder_page
        # SMB page
        smb_page = QWidget()
        sl = QFormLayout(smb_page)
        self.server_edit = QLineEdit()
        self.server_edit.setObjectName("smb_server")
        self.server_edit.setPlaceholderText("nas ou 192.168.1.10")
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("smb_port")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(445)
        self.share_edit = QLineEdit()
        self.share_edit.setObjectName("smb_share")
        self.share_edit.setPlaceholderText("pole")
        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("smb_folder")
        self.folder_edit.setPlaceholderText("facultatif, par exemple synchro")
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("smb_user")
        self.domain_edit = QLineEdit()
        self.domain_edit.setObjectName("smb_domain")
        self.domain_edit.setPlaceholderText("facultatif")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("smb_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        sl.addRow("Serveur :", self.server_edit)
        sl.addRow("Port :", self.port_spin)
        sl.addRow("Partage :", self.share_edit)
        sl.addRow("Dossier :", self.folder_edit)
        sl.addRow("Identifiant :", self.user_edit)
        sl.addRow("Domaine :", self.domain_edit)
        sl.addRow("Mot de passe :", self.password_edit)
        note = QLabel(
            "Le mot de passe est gardé dans le trousseau sécurisé de l'ordinateur, jamais dans un fichier."
        )
        note.setWordWrap(True)
        sl.addRow("", note)
        self.smb_page = smb_page
        for page in (folder_page, smb_page):
            page.setMaximumWidth(720)
            layout.addWidget(page)
        smb_page.hide()  # only the chosen kind's fields are shown (no gap under the short folder form)
        self.port_spin.setMaximumWidth(110)
        self.folder_radio.toggled.connect(self._kind_changed)

        buttons = QHBoxLayout()
        self.test_button = QPushButton("Tester la connexion")
        self.test_button.setObjectName("test_connection")
        self.save_button = QPushButton("Enregistrer")
        self.save_button.setObjectName("save_share")
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.result = QLabel("")
        self.result.setObjectName("share_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result)
        layout.addStretch(1)

        self.test_button.clicked.connect(self.test_connection)
        self.save_button.clicked.connect(self.save)

    # ------------------------------------------------------------------ form <-> config
    def _kind_changed(self, folder: bool) -> None:
        self.folder_page.setVisible(folder)
        self.smb_page.setVisible(not folder)
        self.result.clear()

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Choisir le dossier partagé", self.path_edit.text())
        if path:
            self.path_edit.setText(path)

    def config(self) -> Any:
        """The ShareConfig the form describes; ValueError (French) when incomplete."""
        from pole_desktop.sync.config import ShareConfig

        if self.folder_radio.isChecked():
            path = self.path_edit.text().strip()
            if not path:
                raise ValueError("Indiquez le dossier partagé.")
            return ShareConfig(kind="folder", path=path)
        server = self.server_edit.text().strip()
        share = self.share_edit.text().strip().strip("\\/")
        if not server:
            raise ValueError("Indiquez le nom ou l'adresse du serveur.")
        if not share:
            raise ValueError("Indiquez le nom du partage.")
        if not self.user_edit.text().strip():
            raise ValueError("Indiquez l'identifiant qui donne accès au partage.")
        return ShareConfig(
            kind="smb",
            server=server,
            port=self.port_spin.value(),
            share=share,
            folder=self.folder_edit.text().strip().strip("\\/"),
            user=self.user_edit.text().strip(),
            domain=self.domain_edit.text().strip(),
        )

    def load(self) -> None:
        def job(_t: Any, _r: Any) -> tuple[Any, bool]:
            from pole_desktop.sync.config import load_share_config

            cfg = load_share_config(self.ctx.db)
            stored = False
            if cfg is not None and cfg.kind == "smb":
                from pole_desktop.sync import credentials

                try:
                    stored = credentials.get_password(cfg) is not None
                except credentials.CredentialStoreUnavailable:
                    stored = False
            return cfg, stored

        self.ctx.tasks.run(job, alive(self, self._fill), queue="db")

    def _fill(self, loaded: tuple[Any, bool]) -> None:
        cfg, stored = loaded
        self._has_stored_password = stored
        self.password_edit.clear()
        self.password_edit.setPlaceholderText(
            "enregistré dans le trousseau (laisser vide pour le garder)" if stored else ""
        )
        if cfg is None:
            return
        if cfg.kind == "smb":
            self.smb_radio.setChecked(True)
            self.server_edit.setText(cfg.server)
            self.port_spin.setValue(int(cfg.port or 445))
            self.share_edit.setText(cfg.share)
            self.folder_edit.setText(cfg.folder)
            self.user_edit.setText(cfg.user)
            self.domain_edit.setText(cfg.domain)
        else:
            self.folder_radio.setChecked(True)
            self.path_edit.setText(cfg.path)

    def _say(self, text: str, ok: bool) -> None:
        self.result.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.result.setText(text)

    # ------------------------------------------------------------------ actions
    def test_connection(self) -> None:
        try:
            cfg = self.config()
        except ValueError as e:
            self._say(str(e), False)
            return
        typed = self.password_edit.text() or None
        self._say("Connexion au partage en cours…", True)
        self.test_button.setEnabled(False)

        def job(_t: Any, _r: Any) -> sync_jobs.CheckResult:
            return sync_jobs.check_share(self.ctx.db, cfg, typed)

        def done(result: sync_jobs.CheckResult) -> None:
            self.test_button.setEnabled(True)
            self._say(result.message, result.ok)

        def failed(error: BaseException) -> None:
            from pole_desktop.errors import user_message

            self.test_button.setEnabled(True)
            self._say(f"Le test a échoué : {user_message(error)}", False)

        self.ctx.tasks.run(job, alive(self, done), alive(self, failed), queue="net")

    def save(self) -> None:
        try:
            cfg = self.config()
        except ValueError as e:
            self._say(str(e), False)
            return
        typed = self.password_edit.text()

        def job(_t: Any, _r: Any) -> str:
            from pole_desktop.sync.config import save_share_config

            save_share_config(self.ctx.db, cfg)
            if cfg.kind == "smb" and typed:
                from pole_desktop.sync import credentials

                try:
                    credentials.set_password(cfg, typed)
                except credentials.CredentialStoreUnavailable as e:
                    sync_jobs.remember_for_session(cfg, typed)
                    return (
                        f"Réglages enregistrés, mais pas le mot de passe. {e} Il reste en mémoire jusqu'à "
                        "la fermeture de l'application ; il faudra ensuite le saisir à nouveau."
                    )
                return "Réglages enregistrés ; le mot de passe est gardé dans le trousseau de l'ordinateur."
            return "Réglages enregistrés."

        def done(message: str) -> None:
            self.password_edit.clear()
            self._say(message, not message.startswith("Réglages enregistrés, mais"))
            self.ctx.notify("local_state")
            self.load()
            self.saved.emit()

        def failed(error: BaseException) -> None:
            from pole_desktop.errors import user_message

            self._say(f"Impossible d'enregistrer : {user_message(error)}", False)

        self.ctx.tasks.run(job, alive(self, done), alive(self, failed), queue="db")


# --------------------------------------------------------------------------------- the screen
def _ask_team_phrase(screen: QWidget, message: str, creating: bool) -> str | None:
    from pole_desktop.gui.dialogs.team_phrase_dialog import ask_team_phrase

    return ask_team_phrase(screen, message, creating)


def _confirm_mass_changes(screen: QWidget, receipt: Receipt) -> bool:
    from PySide6.QtWidgets import QMessageBox

    text = "\n\n".join(w for w in receipt.warnings if "supprimerait" in w)
    answer = QMessageBox.question(
        screen, "Lot inhabituel reçu",
        f"{text}\n\nAppliquer ce lot maintenant ? (Une sauvegarde a déjà été faite.)",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class SyncScreen(Screen):
    key = "synchronisation"
    title = "Synchronisation"

    HISTORY_COLUMNS = [
        "Date", "Résultat", "Envoyées", "Reçues", "Conflits", "Mis à l'écart", "Durée", "Détail",
    ]

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self._token: CancelToken | None = None
        self.last_receipt: Receipt | None = None
        outer = QVBoxLayout(self)

        heading = QLabel("<h2>Synchronisation</h2>")
        outer.addWidget(heading)
        self.state = QLabel("")
        self.state.setObjectName("sync_state")
        self.state.setWordWrap(True)
        outer.addWidget(self.state)

        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)

        # --- tab 1: sync now + receipt
        page = QWidget()
        pl = QVBoxLayout(page)
        row = QHBoxLayout()
        self.sync_button = QPushButton("Synchroniser maintenant")
        self.sync_button.setObjectName("sync_now")
        self.sync_button.setDefault(True)
        self.cancel_button = QPushButton("Annuler")
        self.cancel_button.setObjectName("sync_cancel")
        self.cancel_button.setEnabled(False)
        row.addWidget(self.sync_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        pl.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setObjectName("sync_progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        pl.addWidget(self.progress)
        self.status = QLabel("Vous pouvez continuer à travailler pendant la synchronisation.")
        self.status.setObjectName("sync_status")
        self.status.setWordWrap(True)
        pl.addWidget(self.status)

        self.receipt_box = QGroupBox("Dernière synchronisation")
        rl = QVBoxLayout(self.receipt_box)
        self.receipt_title = QLabel("Pas encore de synchronisation depuis l'ouverture de l'application.")
        self.receipt_title.setObjectName("receipt_title")
        self.receipt_title.setWordWrap(True)
        rl.addWidget(self.receipt_title)
        form = QFormLayout()
        self.receipt_fields: dict[str, QLabel] = {}
        for key, label in (
            ("sent", "Modifications envoyées :"),
            ("received", "Modifications reçues :"),
            ("conflicts", "Conflits à examiner :"),
            ("quarantined", "Fichiers mis à l'écart :"),
            ("duration", "Durée :"),
            ("share", "Partage :"),
        ):
            value = QLabel("—")
            value.setObjectName(f"receipt_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.receipt_fields[key] = value
            form.addRow(label, value)
        rl.addLayout(form)
        self.receipt_details = QLabel("")
        self.receipt_details.setObjectName("receipt_details")
        self.receipt_details.setWordWrap(True)
        self.receipt_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rl.addWidget(self.receipt_details)
        self.receipt_box.hide()
        pl.addWidget(self.receipt_box)
        pl.addStretch(1)
        self.tabs.addTab(page, "Synchroniser")

        # --- tab 2: conflicts
        self.inbox = ConflictInbox(ctx)
        self.tabs.addTab(self.inbox, "Conflits")
        self.inbox.count_changed.connect(self._conflict_count)

        # --- tab 3: history
        self.history = QTableWidget(0, len(self.HISTORY_COLUMNS))
        self.history.setObjectName("sync_history")
        self.history.setHorizontalHeaderLabels(self.HISTORY_COLUMNS)
        self.history.verticalHeader().setVisible(False)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.history.setWordWrap(False)
        header = self.history.horizontalHeader()
        for i in range(len(self.HISTORY_COLUMNS) - 1):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tabs.addTab(self.history, "Historique")

        # --- tab 4: share configuration
        self.share_panel = ShareConfigPanel(ctx)
        self.tabs.addTab(self.share_panel, "Partage")

        self.sync_button.clicked.connect(lambda: self.start_sync())
        self.cancel_button.clicked.connect(self.cancel_sync)
        self.share_panel.saved.connect(self.refresh)
        self.share_panel.load()
        self.refresh()

    # ------------------------------------------------------------------ refresh
    @property
    def running(self) -> bool:
        return self._token is not None

    def refresh(self) -> None:
        self._load_state()
        self._load_history()
        if not self.running:
            self.inbox.refresh()

    def _load_state(self) -> None:
        db = self.ctx.db

        def job(_t: Any, _r: Any) -> tuple[Any, int, dt.datetime | None]:
            from sqlalchemy import select

            from pole_desktop.domain.local import SyncRun
            from pole_desktop.sync.config import load_share_config

            cfg = load_share_config(db)
            pending = sync_jobs.pending_changes(db)
            with db.read() as s:
                last = s.scalar(
                    select(SyncRun.finished_at).where(SyncRun.ok.is_(True), SyncRun.finished_at.is_not(None))
                    .order_by(SyncRun.finished_at.desc()).limit(1)
                )
            return cfg, pending, last

        self.ctx.tasks.run(job, alive(self, self._show_state), queue="db")

    def _show_state(self, loaded: tuple[Any, int, dt.datetime | None]) -> None:
        cfg, pending, last = loaded
        if pending == 0:
            changes = "Aucune modification à envoyer"
        else:
            changes = f"{_plural(pending, 'modification')} à envoyer"
        synced = f"dernière synchronisation réussie le {format_datetime(last)}" if last else "jamais synchronisé"
        where = f"Partage : {cfg.describe()}" if cfg is not None else sync_jobs.NO_SHARE_FR
        self.state.setText(f"{changes} — {synced}.\n{where}")
        self.sync_button.setEnabled(cfg is not None and not self.running)
        self.sync_button.setToolTip("" if cfg is not None else sync_jobs.NO_SHARE_FR)

    def _load_history(self) -> None:
        db = self.ctx.db

        def job(_t: Any, _r: Any) -> list[tuple]:
            from sqlalchemy import select

            from pole_desktop.domain.local import SyncRun

            with db.read() as s:
                runs = s.scalars(select(SyncRun).order_by(SyncRun.id.desc()).limit(100)).all()
                return [
                    (r.started_at, r.finished_at, r.ok, r.sent, r.received, r.conflicts, r.quarantined,
                     r.duration_ms, r.message)
                    for r in runs
                ]

        self.ctx.tasks.run(job, alive(self, self._show_history), queue="db")

    def _show_history(self, rows: list[tuple]) -> None:
        self.history.setRowCount(len(rows))
        for i, row in enumerate(rows):
            started, finished, ok, sent, received, conflicts, quarantined, duration, message = row
            if finished is None:
                result = "Interrompue"
            else:
                result = "Réussie" if ok else "Échec"
            # Successes: the numbers are in their columns, show only the warnings; failures: the reason.
            lines = (message or "").splitlines()
            if ok:
                detail = " ".join(line for line in lines[1:] if line.strip()) or "—"
            else:
                detail = (lines[0] if lines else "").removeprefix("La synchronisation a échoué : ") or "—"
            cells = [
                format_datetime(started) if started else "—",
                result,
                str(sent or 0),
                str(received or 0),
                str(conflicts or 0),
                str(quarantined or 0),
                format_duration_ms(duration),
                detail,
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j in (2, 3, 4, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if j == 7 and message:
                    item.setToolTip(message)
                self.history.setItem(i, j, item)

    def _conflict_count(self, n: int) -> None:
        self.tabs.setTabText(1, f"Conflits ({n})" if n else "Conflits")

    # ------------------------------------------------------------------ sync
    # Replaceable so tests never block: (screen, message, creating) -> phrase | None.
    ask_team_phrase = staticmethod(_ask_team_phrase)
    # Replaceable too: (screen, receipt) -> True to apply a batch the mass-change guard stopped.
    confirm_mass_changes = staticmethod(_confirm_mass_changes)

    def start_sync(self, **options: Any) -> None:
        if self.running:
            return
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first report
        self.status.setText("Synchronisation en cours… Vous pouvez continuer à travailler.")
        self._token = CancelToken()
        self.ctx.tasks.run(
            sync_jobs.sync_job(self.ctx.db, **options),
            alive(self, self._sync_done),
            alive(self, self._sync_failed),
            queue="net",
            token=self._token,
            progress=alive(self, self._on_progress),
        )

    def cancel_sync(self) -> None:
        if self._token is not None:
            self._token.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Annulation demandée : la synchronisation s'arrête après l'étape en cours…")

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)
        if text and not (self._token is not None and self._token.cancelled):
            self.status.setText(text)

    def _finish(self) -> None:
        self._token = None
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)

    def _sync_done(self, receipt: Receipt) -> None:
        self._finish()
        self.show_receipt(receipt)
        tables = ["sync_run", "conflict", "local_state"]
        if receipt.received or receipt.conflicts:
            tables += _synced_table_names()
        self.ctx.notify(*tables)
        self.refresh()
        if receipt.needs_team_phrase:  # sealed share: the phrase, typed once, then the keyring
            phrase = self.ask_team_phrase(self, receipt.error or "", receipt.needs_team_phrase == "choisir")
            if phrase:
                self.start_sync(team_phrase=phrase)
        elif receipt.needs_confirmation and self.confirm_mass_changes(self, receipt):
            self.start_sync(allow_mass_changes=True)  # a backup was taken before asking

    def _sync_failed(self, error: BaseException) -> None:
        from pole_desktop.errors import user_message

        self._finish()
        self.show_receipt(Receipt(ok=False, error=user_message(error)))
        self.ctx.notify("sync_run")
        self.refresh()

    def show_receipt(self, r: Receipt) -> None:
        self.last_receipt = r
        self.receipt_box.show()
        if r.ok and (r.blob_failures or r.needs_confirmation):
            self.receipt_title.setStyleSheet(ERROR_STYLE)
            self.receipt_title.setText("<b>Synchronisation incomplète</b> : voir le détail ci-dessous.")
            self.status.setText("Synchronisation terminée, mais incomplète.")
        elif r.ok:
            self.receipt_title.setStyleSheet(OK_STYLE)
            self.receipt_title.setText("<b>Synchronisation réussie.</b>")
            self.status.setText("Synchronisation terminée.")
        else:
            self.receipt_title.setStyleSheet(ERROR_STYLE)
            self.receipt_title.setText(f"<b>La synchronisation n'a pas abouti.</b><br>{_html(r.error or '')}")
            self.status.setText("La synchronisation n'a pas abouti : voir le détail ci-dessous.")
        f = self.receipt_fields
        f["sent"].setText(str(r.sent))
        f["received"].setText(str(r.received))
        f["conflicts"].setText(
            str(r.conflicts) + (" — voir l'onglet « Conflits »" if r.conflicts else "")
        )
        f["quarantined"].setText(str(len(r.quarantined)))
        f["duration"].setText(format_duration_ms(r.duration_ms))
        f["share"].setText(r.share or "—")
        details = []
        if r.quarantined:
            details.append(
                "<b>Fichiers mis à l'écart</b> (ils n'ont pas été appliqués ; les autres l'ont été) :"
            )
            details += [f"• {_html(name)} : {_html(reason)}" for name, reason in r.quarantined]
        details += [f"<b>Pièce jointe :</b> {_html(b)}" for b in r.blob_failures]
        for w in r.warnings:
            details.append(f"<b>Attention :</b> {_html(w)}")
        self.receipt_details.setText("<br>".join(details))
        self.receipt_details.setVisible(bool(details))


def _html(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


__all__ = ["ShareConfigPanel", "SyncScreen", "format_duration_ms"]
