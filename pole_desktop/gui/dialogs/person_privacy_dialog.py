"""« Données personnelles » of one person: consent, export (JSON + PDF), erasure, history.

The file dialog is held in ``self.choose_pdf_path`` (replaceable in tests); the erasure needs
the person's name typed and a motif — the button stays disabled until both are given — and, when
free texts the erasure keeps still contain the name (``gdpr.name_mentions``, listed with where
they are), the advisor's tick that they were reviewed.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pole_desktop import clock
from pole_desktop.errors import user_message
from pole_desktop.gui.dialogs.audit_dialog import AuditTable
from pole_desktop.gui.helpers import fit_to_screen
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.gui.sync_alive import alive
from pole_desktop.safety import gdpr
from pole_desktop.services.queries.personnes import PersonPrivacy, person_privacy

MOYENS = ["Formulaire papier signé", "Oral, noté par l'accompagnateur", "Courriel", "Formulaire en ligne"]
MOTIFS = ["Demande de la personne", "Durée de conservation dépassée", "Données saisies par erreur"]


def _file_stem(name: str) -> str:
    return re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-") or "personne"


class PersonPrivacyDialog(QDialog):
    def __init__(self, ctx: Any, personne_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.db = ctx.db
        self.personne_id = personne_id
        self.choose_pdf_path = self._choose_pdf_path
        self.exported: list[Path] = []
        self.setWindowTitle("Données personnelles")
        fit_to_screen(self, 860, 560)
        lay = QVBoxLayout(self)
        self.heading = QLabel()
        lay.addWidget(self.heading)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs)
        self.tabs.addTab(self._consent_tab(), "Consentement")
        self.tabs.addTab(self._export_tab(), "Accès (export)")
        self.tabs.addTab(self._erase_tab(), "Effacement")
        self.audit = AuditTable()
        self.tabs.addTab(self.audit, "Historique")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        close = QPushButton("Fermer")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        lay.addLayout(row)
        self.reload()

    # ---------------------------------------------------------------- tabs
    def _consent_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.consent_known = QCheckBox("Consentement recueilli")
        form.addRow(self.consent_known)
        self.consent_date = QDateEdit()
        self.consent_date.setCalendarPopup(True)
        self.consent_date.setDisplayFormat("dd/MM/yyyy")
        form.addRow("Date :", self.consent_date)
        self.consent_scope = QLineEdit()
        self.consent_scope.setPlaceholderText("ex. : suivi de l'accompagnement et statistiques anonymes")
        form.addRow("Portée :", self.consent_scope)
        self.consent_how = QComboBox()
        self.consent_how.setEditable(True)
        self.consent_how.addItems(MOYENS)
        form.addRow("Recueilli par :", self.consent_how)
        self.consent_save = QPushButton("Enregistrer le consentement")
        self.consent_save.clicked.connect(self.save_consent)
        form.addRow(self.consent_save)
        self.consent_known.toggled.connect(self._consent_enabled)
        return w

    def _export_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        text = QLabel("Droit d'accès : un fichier PDF lisible et un fichier JSON complet avec toutes les "
                      "informations enregistrées sur cette personne (fiche, dossiers, rendez-vous et "
                      "comptes-rendus, actions, ateliers, structures, documents, consentement, historique).")
        text.setWordWrap(True)
        lay.addWidget(text)
        self.export_button = QPushButton("Exporter les données de cette personne…")
        self.export_button.clicked.connect(self.export)
        lay.addWidget(self.export_button)
        lay.addStretch(1)
        return w

    def _erase_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        warn = QLabel("<b>Effacement définitif.</b> L'identité de la personne est effacée partout : sur ce "
                      "poste, sur les autres postes et sur le dossier partagé après synchronisation, y compris "
                      "dans l'historique. Les dossiers gardent leurs statistiques (sexe, commune, QPV, tranche "
                      "d'âge) mais perdent leurs textes s'ils ne concernent que cette personne. Les documents "
                      "de la personne sont supprimés. Cette opération ne peut pas être annulée.")
        warn.setWordWrap(True)
        lay.addWidget(warn)
        form = QFormLayout()
        self.erase_motif = QComboBox()
        self.erase_motif.setEditable(True)
        self.erase_motif.addItems(MOTIFS)
        form.addRow("Motif :", self.erase_motif)
        self.erase_confirm = QLineEdit()
        self.erase_confirm_label = QLabel("Pour confirmer, tapez le nom :")
        form.addRow(self.erase_confirm_label, self.erase_confirm)
        lay.addLayout(form)
        # Free texts the erasure does not change that still name the person (read on the db queue).
        self.mentions_label = QLabel("Recherche du nom dans les textes libres…")
        self.mentions_label.setWordWrap(True)
        lay.addWidget(self.mentions_label)
        self.mentions = QTreeWidget()
        self.mentions.setHeaderLabels(["Où", "Champ", "Extrait"])
        self.mentions.setRootIsDecorated(False)
        self.mentions.setColumnWidth(0, 430)
        self.mentions.setColumnWidth(1, 160)
        self.mentions.hide()
        lay.addWidget(self.mentions, 1)
        self.mentions_reviewed = QCheckBox("J'ai relu ces textes (l'effacement ne les modifie pas : corrigez-les "
                                           "d'abord si besoin)")
        self.mentions_reviewed.hide()
        self.mentions_reviewed.toggled.connect(self._erase_enabled)
        lay.addWidget(self.mentions_reviewed)
        self.found_mentions: list[gdpr.Mention] | None = None
        self.erase_button = QPushButton("Effacer cette personne")
        self.erase_button.setStyleSheet("QPushButton:enabled { color: white; background: #b00020; padding: 4px 10px; }")
        self.erase_button.setEnabled(False)
        self.erase_button.clicked.connect(self.erase)
        self.erase_confirm.textChanged.connect(self._erase_enabled)
        row = QHBoxLayout()
        row.addWidget(self.erase_button)
        row.addStretch(1)
        lay.addLayout(row)
        return w

    # ---------------------------------------------------------------- data
    def reload(self) -> None:
        run_read(self.ctx, lambda s: person_privacy(s, self.personne_id), alive(self, self._show),
                 on_error=alive(self, lambda e: self.message.setText(user_message(e))), parent=self)

    def _show(self, p: PersonPrivacy | None) -> None:
        if p is None:
            self.message.setText("Cette personne n'existe plus sur ce poste.")
            return
        self.person_name, self.full_name, self.erased = p.nom, p.nom_complet, p.anonymise
        consent = (p.consentement_date, p.consentement_portee, p.consentement_moyen)
        entries = p.history
        self.heading.setText(f"<h3>{self.full_name}</h3>")
        self.erase_confirm_label.setText(f"Pour confirmer, tapez le nom « {self.person_name} » :")
        self.consent_known.setChecked(consent[0] is not None)
        d = consent[0] or clock.today()
        self.consent_date.setDate(QDate(d.year, d.month, d.day))
        self.consent_scope.setText(consent[1] or "")
        self.consent_how.setCurrentText(consent[2] or "")
        self._consent_enabled(self.consent_known.isChecked())
        self.audit.load(entries)
        self.tabs.setTabText(3, f"Historique ({len(entries)})")
        for widget in (self.consent_known, self.consent_save, self.erase_confirm, self.erase_motif):
            widget.setEnabled(not self.erased)
        self._erase_enabled()
        self._load_mentions()

    def _load_mentions(self) -> None:
        """List, on the db queue, the free texts that will still name the person after the erasure."""
        self.found_mentions = None
        self.mentions_reviewed.setChecked(False)
        if self.erased:
            self.mentions_label.setText("")
            self.mentions.hide()
            self.mentions_reviewed.hide()
            return
        pid = self.personne_id

        def failed(e: BaseException) -> None:
            self.mentions_label.setText(f"La recherche du nom dans les textes a échoué : {user_message(e)}")

        run_read(self.ctx, lambda s: gdpr.name_mentions(s, pid), alive(self, self._show_mentions),
                 on_error=alive(self, failed))

    def _show_mentions(self, found: list[gdpr.Mention]) -> None:
        self.found_mentions = found
        self.mentions.clear()
        for x in found:
            item = QTreeWidgetItem([x.lieu, x.champ, x.extrait])
            item.setToolTip(2, x.extrait)
            self.mentions.addTopLevelItem(item)
        if found:
            n = len(found)
            self.mentions_label.setText(
                f"<b>Le nom « {html.escape(self.person_name)} » apparaît encore dans {n} texte{'s' if n > 1 else ''} "
                f"que l'effacement ne modifie pas</b> (dossiers suivis avec d'autres personnes, comptes-rendus, "
                "actions, étapes, brouillons, documents). Relisez-les avant de confirmer :")
        else:
            self.mentions_label.setText("Aucun autre texte libre ne contient le nom de cette personne.")
        self.mentions.setVisible(bool(found))
        self.mentions_reviewed.setVisible(bool(found))
        self._erase_enabled()

    def _consent_enabled(self, on: bool) -> None:
        for widget in (self.consent_date, self.consent_scope, self.consent_how):
            widget.setEnabled(on and not getattr(self, "erased", False))

    def _erase_enabled(self) -> None:
        typed = self.erase_confirm.text().strip().casefold()
        found = getattr(self, "found_mentions", None)
        reviewed = found is not None and (not found or self.mentions_reviewed.isChecked())
        self.erase_button.setEnabled(not self.erased and reviewed and bool(typed)
                                     and typed == self.person_name.strip().casefold())

    def save_consent(self) -> None:
        q = self.consent_date.date()
        date = dt.date(q.year(), q.month(), q.day()) if self.consent_known.isChecked() else None
        scope = self.consent_scope.text() if date else None
        how = self.consent_how.currentText() if date else None

        def done(_r: object) -> None:
            self.message.setText("Consentement enregistré.")
            self.reload()

        run_write(self.ctx, lambda s: gdpr.record_consent(s, self.personne_id, date, scope, how), alive(self, done),
                  alive(self, lambda e: self.message.setText(user_message(e))), parent=self)

    def _choose_pdf_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, "Exporter les données de cette personne", suggested,
                                              "Document PDF (*.pdf)")
        return path or None

    def export(self) -> list[Path]:
        from pole_desktop.safety.gdpr_pdf import export_pdf

        suggested = str(Path.home() / f"donnees-{_file_stem(self.full_name)}-{clock.today():%Y%m%d}.pdf")
        chosen = self.choose_pdf_path(suggested)
        if not chosen:
            return []
        pdf_path = Path(chosen).with_suffix(".pdf")
        json_path = pdf_path.with_suffix(".json")
        self.exported = []

        def write(data: Any) -> None:
            try:
                pdf_path.write_bytes(export_pdf(data))
                json_path.write_text(gdpr.export_json(data), encoding="utf-8")
            except Exception as e:  # noqa: BLE001
                failed(e)
                return
            self.exported = [pdf_path, json_path]
            self.message.setText(f"Données exportées : {pdf_path.name} et {json_path.name} (dans {pdf_path.parent}).")

        def failed(e: BaseException) -> None:
            self.message.setText(f"L'export a échoué : {user_message(e)}")

        run_read(self.ctx, lambda s: gdpr.export_person(s, self.personne_id), alive(self, write),
                 on_error=alive(self, failed))
        return self.exported  # filled once written (at once with the tests' synchronous runner)

    def erase(self) -> None:
        if not self.erase_button.isEnabled():
            return
        motif, blobs = self.erase_motif.currentText(), self.db.blob_store()

        def done(_r: object) -> None:
            self.erase_confirm.clear()
            self.message.setText("La personne a été effacée sur ce poste ; l'effacement sera transmis aux autres "
                                 "postes à la prochaine synchronisation.")
            self.reload()

        # Every screen showing what the erasure wrote refreshes (run_write, from the journal's tables).
        run_write(self.ctx, lambda s: gdpr.erase_person(s, self.personne_id, motif, blobs), alive(self, done),
                  alive(self, lambda e: self.message.setText(user_message(e))), parent=self)
