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

from pole_desktop.formatting import format_datetime, format_number, plural
from pole_desktop.gui import sync_jobs
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.ops import run_read
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


def format_duration_ms(ms: int | None) -> str:
    if ms is None:
        return "—"
    seconds = ms / 1000
    if seconds < 60:
        return f"{format_number(seconds, 1)} s"
    minutes, sec = divmod(round(seconds), 60)
    return f"{minutes} min {sec:02d} s"


# --------------------------------------------------------------------------------- share form
SECRET_KINDS = ("smb", "s3", "webdav")
STORED_PLACEHOLDER = "enregistré dans le trousseau (laisser vide pour le garder)"


class ShareConfigPanel(QWidget):
    """« Type de partage » : dossier, serveur SMB, stockage S3 or WebDAV (Nextcloud); passwords and
    secret keys go to the keyring only."""

    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._has_stored_password = False
        layout = QVBoxLayout(self)

        intro = QLabel(
            "Indiquez où se trouve le partage de l'équipe : un dossier de l'ordinateur ou du réseau (par "
            "exemple \\\\nas\\pole ou un lecteur réseau), un serveur SMB joint directement, un stockage "
            "objet S3 (SeaweedFS, Garage, hébergeur) ou un dossier WebDAV (Nextcloud)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        kinds = QHBoxLayout()
        kinds.addWidget(QLabel("Type de partage :"))
        self.folder_radio = QRadioButton("Dossier")
        self.folder_radio.setObjectName("kind_folder")
        self.smb_radio = QRadioButton("Serveur SMB")
        self.smb_radio.setObjectName("kind_smb")
        self.s3_radio = QRadioButton("Stockage S3")
        self.s3_radio.setObjectName("kind_s3")
        self.webdav_radio = QRadioButton("WebDAV (Nextcloud)")
        self.webdav_radio.setObjectName("kind_webdav")
        group = QButtonGroup(self)
        for radio in (self.folder_radio, self.smb_radio, self.s3_radio, self.webdav_radio):
            group.addButton(radio)
            kinds.addWidget(radio)
        self.folder_radio.setChecked(True)
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
        self.password_edit = _secret_edit("smb_password")
        sl.addRow("Serveur :", self.server_edit)
        sl.addRow("Port :", self.port_spin)
        sl.addRow("Partage :", self.share_edit)
        sl.addRow("Dossier :", self.folder_edit)
        sl.addRow("Identifiant :", self.user_edit)
        sl.addRow("Domaine :", self.domain_edit)
        sl.addRow("Mot de passe :", self.password_edit)
        sl.addRow("", _note("Le mot de passe est gardé dans le trousseau sécurisé de l'ordinateur, jamais dans un "
                            "fichier."))
        self.smb_page = smb_page
        # S3 page
        s3_page = QWidget()
        s3l = QFormLayout(s3_page)
        self.s3_endpoint_edit = QLineEdit()
        self.s3_endpoint_edit.setObjectName("s3_endpoint")
        self.s3_endpoint_edit.setPlaceholderText("https://s3.exemple.fr ou http://serveur:8333 (vide : AWS)")
        self.s3_region_edit = QLineEdit()
        self.s3_region_edit.setObjectName("s3_region")
        self.s3_region_edit.setPlaceholderText("facultatif, par défaut us-east-1")
        self.s3_bucket_edit = QLineEdit()
        self.s3_bucket_edit.setObjectName("s3_bucket")
        self.s3_bucket_edit.setPlaceholderText("pole-bfc")
        self.s3_prefix_edit = QLineEdit()
        self.s3_prefix_edit.setObjectName("s3_prefix")
        self.s3_prefix_edit.setPlaceholderText("facultatif, par exemple equipe-dijon")
        self.s3_key_edit = QLineEdit()
        self.s3_key_edit.setObjectName("s3_access_key")
        self.s3_secret_edit = _secret_edit("s3_secret")
        s3l.addRow("Point d'accès :", self.s3_endpoint_edit)
        s3l.addRow("Région :", self.s3_region_edit)
        s3l.addRow("Compartiment :", self.s3_bucket_edit)
        s3l.addRow("Dossier :", self.s3_prefix_edit)
        s3l.addRow("Clé d'accès :", self.s3_key_edit)
        s3l.addRow("Clé secrète :", self.s3_secret_edit)
        s3l.addRow("", _note("La clé secrète est gardée dans le trousseau sécurisé de l'ordinateur, jamais dans un "
                             "fichier. Le dossier doit déjà exister dans le compartiment (créé depuis la console "
                             "du stockage)."))
        self.s3_page = s3_page
        # WebDAV page
        dav_page = QWidget()
        dl = QFormLayout(dav_page)
        self.webdav_url_edit = QLineEdit()
        self.webdav_url_edit.setObjectName("webdav_url")
        self.webdav_url_edit.setPlaceholderText("https://cloud.exemple.fr/remote.php/dav/files/identifiant/Pôle")
        self.webdav_user_edit = QLineEdit()
        self.webdav_user_edit.setObjectName("webdav_user")
        self.webdav_password_edit = _secret_edit("webdav_password")
        dl.addRow("Adresse du dossier :", self.webdav_url_edit)
        dl.addRow("Identifiant :", self.webdav_user_edit)
        dl.addRow("Mot de passe :", self.webdav_password_edit)
        dl.addRow("", _note("Avec Nextcloud, créez un « mot de passe d'application » (Paramètres personnels → "
                            "Sécurité). Il est gardé dans le trousseau sécurisé de l'ordinateur, jamais dans un "
                            "fichier."))
        self.webdav_page = dav_page
        self._pages = {"folder": folder_page, "smb": smb_page, "s3": s3_page, "webdav": dav_page}
        self._radios = {"folder": self.folder_radio, "smb": self.smb_radio, "s3": self.s3_radio,
                        "webdav": self.webdav_radio}
        self._secrets = {"smb": self.password_edit, "s3": self.s3_secret_edit, "webdav": self.webdav_password_edit}
        for page in self._pages.values():
            page.setMaximumWidth(760)
            layout.addWidget(page)
            page.hide()
        folder_page.show()  # only the chosen kind's fields are shown (no gap under the short folder form)
        self.port_spin.setMaximumWidth(110)
        for radio in self._radios.values():
            radio.toggled.connect(self._kind_changed)

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
    def kind(self) -> str:
        return next(k for k, radio in self._radios.items() if radio.isChecked())

    def _kind_changed(self, _checked: bool = False) -> None:
        kind = self.kind()
        for k, page in self._pages.items():
            page.setVisible(k == kind)
        self.result.clear()

    def typed_secret(self) -> str:
        edit = self._secrets.get(self.kind())
        return edit.text() if edit is not None else ""

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Choisir le dossier partagé", self.path_edit.text())
        if path:
            self.path_edit.setText(path)

    def config(self) -> Any:
        """The ShareConfig the form describes; ValueError (French) when incomplete."""
        from pole_desktop.sync.config import ShareConfig, s3_config, webdav_config

        kind = self.kind()
        if kind == "folder":
            path = self.path_edit.text().strip()
            if not path:
                raise ValueError("Indiquez le dossier partagé.")
            return ShareConfig(kind="folder", path=path)
        if kind == "s3":
            cfg = s3_config(self.s3_bucket_edit.text(), self.s3_prefix_edit.text(), self.s3_endpoint_edit.text(),
                            self.s3_region_edit.text(), self.s3_key_edit.text())
            if not cfg.user:
                raise ValueError("Indiquez l'identifiant de la clé d'accès S3.")
            return cfg
        if kind == "webdav":
            cfg = webdav_config(self.webdav_url_edit.text(), self.webdav_user_edit.text())
            if not cfg.user:
                raise ValueError("Indiquez l'identifiant qui donne accès au dossier WebDAV.")
            return cfg
        server = self.server_edit.text().strip()
        share = self.share_edit.text().strip().strip("\\/")
        if "://" in server or "@" in server:
            return self._smb_address(server)
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

    def _smb_address(self, text: str) -> Any:
        """An ``smb://[domaine;]identifiant@serveur[:port]/partage[/dossier]`` address pasted in the
        server field. One with a password in it is refused (the French message never repeats it)."""
        from dataclasses import replace

        from pole_desktop.sync.config import parse_share_argument

        cfg = parse_share_argument(text if "://" in text else "smb://" + text)  # ValueError: password inside
        if cfg.kind != "smb":
            raise ValueError("Indiquez ici le nom ou l'adresse du serveur (ou une adresse smb://).")
        if not cfg.user:
            cfg = replace(cfg, user=self.user_edit.text().strip(), domain=self.domain_edit.text().strip())
        if not cfg.user:
            raise ValueError("Indiquez l'identifiant qui donne accès au partage.")
        return cfg

    def load(self) -> None:
        def job(_t: Any, _r: Any) -> tuple[Any, bool]:
            from pole_desktop.sync.config import load_share_config

            cfg = load_share_config(self.ctx.db)
            stored = False
            if cfg is not None and cfg.kind in SECRET_KINDS and cfg.user:
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
        for edit in self._secrets.values():
            edit.clear()
            edit.setPlaceholderText("")
        if cfg is None:
            return
        if cfg.kind in self._secrets and stored:
            self._secrets[cfg.kind].setPlaceholderText(STORED_PLACEHOLDER)
        if cfg.kind == "smb":
            self.server_edit.setText(cfg.server)
            self.port_spin.setValue(int(cfg.port or 445))
            self.share_edit.setText(cfg.share)
            self.folder_edit.setText(cfg.folder)
            self.user_edit.setText(cfg.user)
            self.domain_edit.setText(cfg.domain)
        elif cfg.kind == "s3":
            self.s3_endpoint_edit.setText(cfg.url)
            self.s3_region_edit.setText(cfg.region)
            self.s3_bucket_edit.setText(cfg.bucket)
            self.s3_prefix_edit.setText(cfg.folder)
            self.s3_key_edit.setText(cfg.user)
        elif cfg.kind == "webdav":
            self.webdav_url_edit.setText(cfg.url)
            self.webdav_user_edit.setText(cfg.user)
        else:
            self.path_edit.setText(cfg.path)
        self._radios.get(cfg.kind, self.folder_radio).setChecked(True)

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
        typed = self.typed_secret() or None
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
        typed = self.typed_secret()

        def job(_t: Any, _r: Any) -> str:
            from pole_desktop.sync.config import save_share_config

            save_share_config(self.ctx.db, cfg)
            if cfg.kind in SECRET_KINDS and typed:
                from pole_desktop.sync import credentials

                try:
                    credentials.set_password(cfg, typed)
                except credentials.CredentialStoreUnavailable as e:
                    sync_jobs.remember_for_session(cfg, typed)
                    return (
                        f"Réglages enregistrés, mais pas le mot de passe. {e} Il reste en mémoire jusqu'à "
                        "la fermeture de l'application ; il faudra ensuite le saisir à nouveau."
                    )
                what = "la clé secrète est gardée" if cfg.kind == "s3" else "le mot de passe est gardé"
                return f"Réglages enregistrés ; {what} dans le trousseau de l'ordinateur."
            return "Réglages enregistrés."

        def done(message: str) -> None:
            for edit in self._secrets.values():
                edit.clear()
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


def _ask_new_team_phrase(screen: QWidget) -> tuple[str, str, bool] | None:
    from pole_desktop.gui.dialogs.team_phrase_dialog import ask_new_team_phrase

    return ask_new_team_phrase(screen)


def _confirm_phrase_change(screen: QWidget, rotate: bool) -> bool:
    from PySide6.QtWidgets import QMessageBox

    text = ("Changer la phrase d'équipe du partage ?\n\n"
            + ("Une nouvelle clé chiffrera les données : chaque collègue devra saisir la nouvelle phrase à sa "
               "prochaine synchronisation, et un ordinateur qui ne connaît que l'ancienne ne lira plus rien de "
               "nouveau." if rotate else
               "Les ordinateurs déjà inscrits continuent sans rien faire ; un nouvel ordinateur demandera la "
               "nouvelle phrase. L'ancienne phrase ne permettra plus d'inscrire un ordinateur."))
    answer = QMessageBox.question(screen, "Changer la phrase d'équipe", text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class SyncScreen(Screen):
    key = "synchronisation"
    title = "Synchronisation"

    HISTORY_COLUMNS = [
        "Date", "Résultat", "Envoyées", "Reçues", "Conflits", "Mis à l'écart", "Durée", "Détail",
    ]
    QUARANTINE_COLUMNS = ["Détecté le", "Ordinateur", "État", "Fichier", "Raison"]

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
        self.phrase_button = QPushButton("Changer la phrase d'équipe…")
        self.phrase_button.setObjectName("change_team_phrase")
        self.phrase_button.setToolTip("Réservé à la personne qui gère l'équipe : donner une nouvelle phrase "
                                      "d'équipe (et, si un ordinateur a été perdu, une nouvelle clé).")
        row.addWidget(self.phrase_button)
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

        # --- tab 5: files of the share set aside (quarantine)
        qpage = QWidget()
        ql = QVBoxLayout(qpage)
        ql.addWidget(_note("Fichiers du partage que cet ordinateur a refusés : rien de leur contenu n'a été "
                           "appliqué. Un fichier qui « bloque ce poste » retient les fichiers suivants du même "
                           "ordinateur ; il se débloque dès qu'un fichier valide le remplace (supprimez le fichier "
                           "fautif du partage : son ordinateur d'origine le republie)."))
        self.quarantine = QTableWidget(0, len(self.QUARANTINE_COLUMNS))
        self.quarantine.setObjectName("sync_quarantine")
        self.quarantine.setHorizontalHeaderLabels(self.QUARANTINE_COLUMNS)
        self.quarantine.verticalHeader().setVisible(False)
        self.quarantine.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.quarantine.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.quarantine.setWordWrap(False)
        qh = self.quarantine.horizontalHeader()
        for i in range(len(self.QUARANTINE_COLUMNS) - 1):
            qh.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        qh.setStretchLastSection(True)
        ql.addWidget(self.quarantine, 1)
        self.tabs.addTab(qpage, "Mis à l'écart")
        self.phrase_button.clicked.connect(self.change_team_phrase)

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
        self._load_quarantine()
        if not self.running:
            self.inbox.refresh()

    def _load_state(self) -> None:
        db = self.ctx.db
        device_id = db.device_id

        def read(s: Any) -> tuple[Any, int, dt.datetime | None]:
            from pole_desktop.services.info import pending_changes
            from pole_desktop.services.queries.sync_screen import last_successful_sync
            from pole_desktop.sync.config import load_share_config

            return load_share_config(db), pending_changes(s, device_id), last_successful_sync(s)

        run_read(self.ctx, read, alive(self, self._show_state), on_error=alive(self, self._read_failed))

    def _read_failed(self, error: BaseException) -> None:
        from pole_desktop.errors import user_message

        self.status.setText(user_message(error))

    def _show_state(self, loaded: tuple[Any, int, dt.datetime | None]) -> None:
        cfg, pending, last = loaded
        if pending == 0:
            changes = "Aucune modification à envoyer"
        else:
            changes = f"{plural(pending, 'modification')} à envoyer"
        synced = f"dernière synchronisation réussie le {format_datetime(last)}" if last else "jamais synchronisé"
        where = f"Partage : {cfg.describe()}" if cfg is not None else sync_jobs.NO_SHARE_FR
        self.state.setText(f"{changes} — {synced}.\n{where}")
        self.sync_button.setEnabled(cfg is not None and not self.running)
        self.sync_button.setToolTip("" if cfg is not None else sync_jobs.NO_SHARE_FR)

    def _load_history(self) -> None:
        from pole_desktop.services.queries.sync_screen import sync_history

        run_read(self.ctx, sync_history, alive(self, self._show_history), on_error=alive(self, self._read_failed))

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

    def _load_quarantine(self) -> None:
        from pole_desktop.services.queries.sync_screen import quarantined_files

        run_read(self.ctx, quarantined_files, alive(self, self._show_quarantine),
                 on_error=alive(self, self._read_failed))

    def _show_quarantine(self, rows: list[sync_jobs.QuarantinedFile]) -> None:
        self.quarantine.setRowCount(len(rows))
        for i, q in enumerate(rows):
            cells = [format_datetime(q.detected_at) if q.detected_at else "—", q.laptop, q.state, q.name, q.reason]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j in (3, 4):
                    item.setToolTip(text)
                self.quarantine.setItem(i, j, item)
        blocking = sum(1 for q in rows if q.state == "bloque ce poste")
        self.tabs.setTabText(4, f"Mis à l'écart ({blocking})" if blocking else "Mis à l'écart")

    # ------------------------------------------------------------------ team phrase (head office)
    # Replaceable in tests: (screen) -> (current, new, rotate) | None, and (screen, rotate) -> bool.
    ask_new_team_phrase = staticmethod(_ask_new_team_phrase)
    confirm_phrase_change = staticmethod(_confirm_phrase_change)

    def change_team_phrase(self) -> None:
        if self.running:
            self.status.setText("Attendez la fin de la synchronisation pour changer la phrase d'équipe.")
            return
        answer = self.ask_new_team_phrase(self)
        if answer is None:
            return
        current, new, rotate = answer
        if not self.confirm_phrase_change(self, rotate):
            self.status.setText("La phrase d'équipe n'a pas été changée.")
            return
        self.phrase_button.setEnabled(False)
        self.status.setText("Changement de la phrase d'équipe en cours…")
        db = self.ctx.db

        def done(message: str) -> None:
            self.phrase_button.setEnabled(True)
            self.status.setText(message)

        def failed(error: BaseException) -> None:
            from pole_desktop.errors import user_message

            self.phrase_button.setEnabled(True)
            self.status.setText(f"La phrase d'équipe n'a pas été changée : {user_message(error)}")

        self.ctx.tasks.run(lambda _t, _r: sync_jobs.change_team_phrase(db, current, new, rotate=rotate),
                           alive(self, done), alive(self, failed), queue="net")

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


def _secret_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    # A wrapped label in a form row is given more height than its lines: keep the text under the field.
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def _html(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


__all__ = ["ShareConfigPanel", "SyncScreen", "format_duration_ms"]
