"""The dossier page: header + one tab per module (synthèse, bénéficiaires, étapes, rendez-vous,
actions, documents, historique). Opened by the main window as its own page."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from pole_desktop.formatting import format_date_short
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.ops import Write, run_read
from pole_desktop.gui.screens.base import Screen
from pole_desktop.gui.screens.dossier.actions_tab import ActionsTab
from pole_desktop.gui.screens.dossier.beneficiaires_tab import BeneficiairesTab
from pole_desktop.gui.screens.dossier.documents_tab import DocumentsTab
from pole_desktop.gui.screens.dossier.etapes_tab import EtapesTab
from pole_desktop.gui.screens.dossier.history_tab import HistoryTab
from pole_desktop.gui.screens.dossier.rendez_vous_tab import RendezVousTab
from pole_desktop.gui.screens.dossier.synthese_tab import SyntheseTab
from pole_desktop.services.queries.dossier import DossierHeader, dossier_header


class DossierPage(Screen):
    key = "dossier"
    # What the page and its tabs show: a write touching one of these refreshes it (see Screen).
    tables = frozenset({"dossier", "dossier_beneficiaire", "dossier_conseiller", "personne", "structure",
                        "accompagnateur", "etape_historique", "rendez_vous", "rendez_vous_participant", "action",
                        "document", "fusion"})
    close_requested = Signal()
    titled = Signal(str)  # the reference, once read (the navigation item shows it)

    # The tabs after the synthesis, in order: attribute name -> (class, label).
    LAZY_TABS: dict[str, tuple[type[QWidget], str]] = {
        "beneficiaires": (BeneficiairesTab, "&Bénéficiaires"),
        "etapes": (EtapesTab, "Éta&pes"),
        "rendez_vous": (RendezVousTab, "&Rendez-vous"),
        "actions": (ActionsTab, "A&ctions"),
        "documents": (DocumentsTab, "&Documents"),
        "history": (HistoryTab, "&Historique"),
    }

    def __init__(self, ctx: AppContext, dossier_id: str) -> None:
        self.dossier_id = dossier_id
        self.reference = ""
        self.title = "Dossier"
        super().__init__(ctx)
        self.header = QLabel()
        self.header.setObjectName("dossierHeader")
        self.header.setWordWrap(True)
        self.badge = QLabel()
        self.badge.setObjectName("etapeBadge")
        self.close_button = QPushButton("Fermer le dossier")
        self.close_button.setToolTip("Ctrl+W")
        self.close_button.clicked.connect(self.close_requested.emit)
        # Two clicks to a printed document: this button, then "Générer et afficher".
        self.generate_button = QPushButton("Générer un document…")
        self.generate_button.setObjectName("generate_document_button")
        self.generate_button.clicked.connect(self.generate_document)
        # A lasting sign while a sync conflict on this dossier waits in the inbox (main window).
        self.conflict_banner = QLabel()
        self.conflict_banner.setObjectName("conflictBanner")
        self.conflict_banner.setStyleSheet(
            "background: #fff4e5; color: #7a4100; border: 1px solid #f0b46c; border-radius: 4px; padding: 4px 8px;")
        self.conflict_banner.setTextFormat(Qt.TextFormat.RichText)
        self.conflict_banner.linkActivated.connect(lambda _l: ctx.navigate and ctx.navigate("synchronisation"))
        self.conflict_banner.hide()
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.generate_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

        self.synthese = SyntheseTab(ctx, dossier_id)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Onglets du dossier")
        # Unselected tabs are drawn lower: without room above, the accent of "É" is clipped.
        self.tabs.tabBar().setStyleSheet(
            "QTabBar::tab { padding: 5px 12px 4px 12px; margin-right: 2px; border: 1px solid #c4c4c4;"
            " border-bottom: none; border-top-left-radius: 4px; border-top-right-radius: 4px; background: #e9e9e9; }"
            " QTabBar::tab:selected { background: #ffffff; color: #1d5c40; }"
        )
        # Only the synthesis is built now; every other tab is an empty stand-in until first shown
        # (or first asked for, e.g. ``page.rendez_vous``): opening a dossier builds one tab, not seven.
        self._built: dict[str, QWidget] = {"synthese": self.synthese}
        self.tabs.addTab(self.synthese, "&Synthèse")
        for name, (_cls, label) in self.LAZY_TABS.items():
            stand_in = QWidget()
            stand_in.setObjectName(f"tab_{name}")
            self.tabs.addTab(stand_in, label)
        self.tabs.currentChanged.connect(lambda _i: self._load_tab())
        self.synthese.dirty_changed.connect(self._on_dirty)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.conflict_banner)
        layout.addWidget(self.tabs, 1)
        self.synthese.installEventFilter(self)
        self._loaded: set[int] = set()
        self.refresh()

    def _tab(self, name: str) -> QWidget:
        """The tab ``name``, built now if it is still a stand-in (it takes the stand-in's place)."""
        built = self._built
        if name in built:
            return built[name]
        cls, label = self.LAZY_TABS[name]
        widget = cls(self.ctx, self.dossier_id)  # type: ignore[call-arg]
        built[name] = widget
        index = 1 + list(self.LAZY_TABS).index(name)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        try:
            stand_in = self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, widget, label)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        stand_in.deleteLater()
        return widget

    # ``page.rendez_vous`` & co.: the tab, built on first use. (``actions`` shadows QWidget.actions(),
    # as the instance attribute it replaces did.)
    beneficiaires = property(lambda self: self._tab("beneficiaires"))
    etapes = property(lambda self: self._tab("etapes"))
    rendez_vous = property(lambda self: self._tab("rendez_vous"))
    actions = property(lambda self: self._tab("actions"))  # type: ignore[assignment]
    documents = property(lambda self: self._tab("documents"))
    history = property(lambda self: self._tab("history"))

    def _tab_at(self, index: int) -> QWidget:
        if index <= 0:
            return self.synthese
        return self._tab(list(self.LAZY_TABS)[index - 1])

    def _on_dirty(self, dirty: bool) -> None:
        self.tabs.setTabText(0, "&Synthèse *" if dirty else "&Synthèse")

    def refresh(self) -> None:
        run_read(self.ctx, lambda s: dossier_header(s, self.dossier_id), self._show_header, parent=self)
        self._reload_tabs()

    def _show_header(self, d: DossierHeader | None) -> None:
        if d is None:
            return
        if d.reference != self.reference:
            self.reference, self.title = d.reference, f"Dossier {d.reference}"
            self.setObjectName(f"dossier_{d.reference}")
            self.setAccessibleName(self.title)
            self.titled.emit(d.reference)
        self.header.setText(
            f"<h2 style='margin:0'>{d.reference} — {d.titre}</h2>"
            f"{d.dispositif} · {d.type} · référent : {d.referent}"
            f" · {d.commune or 'commune non renseignée'}"
            f" · ouvert le {format_date_short(d.ouverture)}"
            + (f" · clos le {format_date_short(d.cloture)}" if d.cloture else "")
        )
        self.badge.setText(d.etape)
        color = "#6b6b6b" if d.closed else "#2e7d5b"
        self.badge.setStyleSheet(f"background:{color}; color:white; border-radius:9px; padding:3px 10px;"
                                 " font-weight:bold;")

    def _reload_tabs(self) -> None:
        self._loaded.clear()
        if not self.synthese.dirty:
            self.synthese.load()
            self._loaded.add(0)
        self._load_tab()

    def _load_tab(self) -> None:
        i = self.tabs.currentIndex()
        if i in self._loaded:
            return
        w = self._tab_at(i)
        if w is not self.synthese or not self.synthese.dirty:
            w.load()  # type: ignore[attr-defined]
        self._loaded.add(i)

    def generate_document(self) -> object:
        from pole_desktop.gui.dialogs.generate_document import open_generate_dialog

        return open_generate_dialog(self.ctx, "dossier", self.dossier_id, self)

    def show_tab(self, widget: object) -> None:
        self.tabs.setCurrentWidget(widget)  # type: ignore[arg-type]
        self._load_tab()

    # ------------------------------------------------------------------ Screen

    def has_unsaved_changes(self) -> bool:
        return self.synthese.dirty

    def save(self) -> bool:
        return self.synthese.save() if self.synthese.dirty else True

    def saving(self) -> Write | None:
        return self.synthese.saving()

    def discard_changes(self) -> None:
        self.synthese.revert()

    def new_item(self) -> None:
        self.tabs.setCurrentWidget(self.rendez_vous)
        self.rendez_vous.new_rendez_vous()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (obj is self.synthese and event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape and self.synthese.dirty):
            event.accept()
            return True
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape and self.synthese.dirty:
            self.synthese.revert()  # Échap reverts the synthesis to what is saved
            return
        super().keyPressEvent(event)

    def set_conflicts(self, count: int) -> None:
        """Show (or clear) the sign of ``count`` open sync conflicts on this dossier."""
        if count:
            self.conflict_banner.setText(
                f"⚠ {count} conflit{'s' if count > 1 else ''} de synchronisation sur ce dossier : deux "
                "personnes ont modifié la même information. <a href='conflits'>Voir et choisir la valeur "
                "à garder…</a>")
        self.conflict_banner.setVisible(bool(count))
