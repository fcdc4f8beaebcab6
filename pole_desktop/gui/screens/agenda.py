"""Agenda: day and week views of rendez-vous; plan one in two clicks, move, cancel; .ics export/import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pole_desktop.clock import today
from pole_desktop.domain.dispositifs import DISPOSITIFS
from pole_desktop.errors import user_message
from pole_desktop.formatting import MONTHS, format_date_long, format_number, format_time
from pole_desktop.gui.context import AppContext
from pole_desktop.gui.dialogs.move_rendez_vous import MoveRendezVousDialog
from pole_desktop.gui.dialogs.rendez_vous_dialog import RendezVousDialog
from pole_desktop.gui.ops import run_read, run_write
from pole_desktop.gui.screens.base import Screen
from pole_desktop.gui.widgets.agenda_view import DISPOSITIF_COLOURS, AgendaItem, AgendaView
from pole_desktop.services import calendar_ics
from pole_desktop.services import undo as undo_service
from pole_desktop.services.queries.agenda import AgendaEntry, agenda_entries, agenda_export
from pole_desktop.services.validation import ValidationError

FILTER_KEY = "agenda/filtre"
VIEW_KEY = "agenda/vue"


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def period_label(days: list[dt.date]) -> str:
    if len(days) == 1:
        text = format_date_long(days[0])
        return text[0].upper() + text[1:]
    a, b = days[0], days[-1]
    if a.month == b.month:
        return f"Semaine du {a.day} au {b.day} {MONTHS[b.month - 1]} {b.year}"
    if a.year == b.year:
        return f"Semaine du {a.day} {MONTHS[a.month - 1]} au {b.day} {MONTHS[b.month - 1]} {b.year}"
    return f"Semaine du {a.day} {MONTHS[a.month - 1]} {a.year} au {b.day} {MONTHS[b.month - 1]} {b.year}"


class AgendaScreen(Screen):
    key = "agenda"
    title = "Agenda"
    tables = frozenset({"rendez_vous", "rendez_vous_participant", "dossier", "personne"})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self._select_next: str | None = None  # a rendez-vous to select once the period is re-read
        # Replaceable in tests: modal dialogs and file pickers would block.
        self.exec_dialog: Callable[[QDialog], int] = lambda dlg: dlg.exec()
        self.confirm = lambda title, text: QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes
        self.inform = lambda title, text: QMessageBox.information(self, title, text)
        self.get_save_path = lambda suggested: QFileDialog.getSaveFileName(
            self, "Exporter l'agenda", suggested, "Calendrier iCalendar (*.ics)")[0]
        self.get_open_path = lambda: QFileDialog.getOpenFileName(
            self, "Importer un calendrier", "", "Calendrier iCalendar (*.ics)")[0]

        self.day = today()
        self.week_mode = (ctx.settings.value(VIEW_KEY, "semaine") or "semaine") == "semaine"

        outer = QHBoxLayout(self)
        side = QVBoxLayout()
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("mini_calendar")
        self.calendar.setAccessibleName("Choisir une date")
        self.calendar.setLocale(QLocale(QLocale.Language.French, QLocale.Country.France))
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setGridVisible(False)
        self.calendar.setMaximumWidth(300)
        self.calendar.clicked.connect(lambda d: self.go_to(dt.date(d.year(), d.month(), d.day())))
        side.addWidget(self.calendar)
        self.filter = QComboBox()
        self.filter.setObjectName("filter")
        self.filter.setAccessibleName("Rendez-vous affichés")
        self.filter.addItem("Mes rendez-vous", "moi")
        self.filter.addItem("Toute l'équipe", "tous")
        self.filter.setCurrentIndex(max(0, self.filter.findData(ctx.settings.value(FILTER_KEY, "moi"))))
        if not ctx.db.journal.author_id:  # no advisor chosen on this laptop yet: "mine" means nothing
            self.filter.setCurrentIndex(1)
            self.filter.setEnabled(False)
            self.filter.setToolTip("Choisissez d'abord l'accompagnateur de cet ordinateur.")
        self.filter.currentIndexChanged.connect(self._filter_changed)
        side.addWidget(self.filter)
        self.detail = QLabel("Double-cliquez sur un créneau libre pour planifier un rendez-vous.")
        self.detail.setObjectName("detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setMaximumWidth(300)
        self.detail.setMinimumHeight(72)
        side.addWidget(self.detail)
        self.move_button = QPushButton("Déplacer…")
        self.move_button.setObjectName("move_button")
        self.move_button.clicked.connect(self.move_selected)
        self.cancel_button = QPushButton("Annuler le rendez-vous")
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.open_button = QPushButton("Compte-rendu…")
        self.open_button.setObjectName("open_button")
        self.open_button.clicked.connect(lambda: self._open(self.view.selected_id))
        for b in (self.open_button, self.move_button, self.cancel_button):
            side.addWidget(b)
        side.addStretch(1)
        side.addWidget(self._legend())
        self.export_button = QPushButton("Exporter .ics…")
        self.export_button.setObjectName("export_button")
        self.export_button.setToolTip("Enregistrer les rendez-vous affichés dans un fichier pour votre propre agenda")
        self.export_button.clicked.connect(self.export_ics)
        self.import_button = QPushButton("Importer .ics…")
        self.import_button.setObjectName("import_button")
        self.import_button.clicked.connect(self.import_ics)
        ics = QHBoxLayout()  # one row: the side column must fit a 768-pixel-high screen
        ics.addWidget(self.export_button)
        ics.addWidget(self.import_button)
        side.addLayout(ics)
        outer.addLayout(side)

        main = QVBoxLayout()
        bar = QHBoxLayout()
        self.prev_button = QPushButton("◀")
        self.prev_button.setObjectName("prev_button")
        self.prev_button.setAccessibleName("Période précédente")
        self.prev_button.setFixedWidth(36)
        self.prev_button.clicked.connect(lambda: self.shift(-1))
        self.today_button = QPushButton("Aujourd'hui")
        self.today_button.setObjectName("today_button")
        self.today_button.clicked.connect(lambda: self.go_to(today()))
        self.next_button = QPushButton("▶")
        self.next_button.setObjectName("next_button")
        self.next_button.setAccessibleName("Période suivante")
        self.next_button.setFixedWidth(36)
        self.next_button.clicked.connect(lambda: self.shift(1))
        self.period = QLabel()
        self.period.setObjectName("period")
        self.period.setStyleSheet("font-size: 14pt; font-weight: 600; margin-left: 8px;")
        self.period.setWordWrap(True)  # « Semaine du 30 novembre au 6 décembre 2026 » on two lines if need be
        self.period.setMinimumWidth(160)
        self.period.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        for w in (self.prev_button, self.today_button, self.next_button):
            bar.addWidget(w)
        bar.addWidget(self.period, 1)  # takes the free width; wraps only when there is none
        self.day_button = QPushButton("Jour")
        self.day_button.setObjectName("day_button")
        self.week_button = QPushButton("Semaine")
        self.week_button.setObjectName("week_button")
        group = QButtonGroup(self)
        for b in (self.day_button, self.week_button):
            b.setCheckable(True)
            group.addButton(b)
            bar.addWidget(b)
        (self.week_button if self.week_mode else self.day_button).setChecked(True)
        self.day_button.clicked.connect(lambda: self.set_week_mode(False))
        self.week_button.clicked.connect(lambda: self.set_week_mode(True))
        main.addLayout(bar)
        self.view = AgendaView()
        self.view.selected.connect(self._show_selected)
        self.view.activated.connect(self._open)
        self.view.slot_activated.connect(self.create_at)
        self.view.move_requested.connect(self.move_to)
        main.addWidget(self.view, 1)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        main.addWidget(self.status)
        outer.addLayout(main, 1)
        self.view.cancel_requested.connect(lambda _id: self.cancel_selected())
        self.view.page_requested.connect(self.shift)
        self.prev_button.setToolTip("Période précédente (Page préc.)")
        self.next_button.setToolTip("Période suivante (Page suiv.)")
        self.cancel_button.setToolTip("Suppr")
        self.refresh()

    def _legend(self) -> QWidget:
        w = QWidget()
        lay = QGridLayout(w)  # two columns: the side column must fit a 768-pixel-high screen
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setHorizontalSpacing(8)
        lay.setVerticalSpacing(2)
        for i, (code, colour) in enumerate(DISPOSITIF_COLOURS.items()):
            name = DISPOSITIFS[code].nom if code else "Sans dossier"
            label = QLabel(f"<span style='background:{colour};'>&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;{name}")
            lay.addWidget(label, i // 2, i % 2)
        lay.addWidget(QLabel("<span style='color:#c62828'>⚠</span> chevauchement · ✓ réalisé · "
                             "<s>annulé</s>"), (len(DISPOSITIF_COLOURS) + 1) // 2, 0, 1, 2)
        return w

    # ------------------------------------------------------------------ Screen
    def days(self) -> list[dt.date]:
        if self.week_mode:
            start = monday(self.day)
            return [start + dt.timedelta(days=i) for i in range(7)]
        return [self.day]

    def refresh(self) -> None:
        days = self.days()
        self.view.today = today()
        self.view.set_days(days)
        self.period.setText(period_label(days))
        self.calendar.setSelectedDate(QDate(self.day.year, self.day.month, self.day.day))
        advisor = self.advisor_filter()
        run_read(self.ctx, lambda s: agenda_entries(s, days[0], days[-1], advisor),
                 lambda entries: self._show_items(days, entries), parent=self)

    def _show_items(self, days: list[dt.date], entries: list[AgendaEntry]) -> None:
        if days != self.days():  # the user moved on meanwhile: a newer read is coming
            return
        items = [AgendaItem(id=e.id, debut=e.debut, fin=e.fin, objet=e.objet, who=e.who, statut=e.statut,
                            detail=e.detail, dispositif=e.dispositif, tooltip=e.tooltip) for e in entries]
        self.view.set_items(items)
        if self._select_next is not None:
            self.view.select(self._select_next)
            self._select_next = None
        active = [i for i in items if i.statut != "annule"]
        n, o = len(active), len(self.view.overlapping_ids)
        text = f"{format_number(n)} rendez-vous" if n else "Aucun rendez-vous sur cette période"
        if o:
            text += f" · {o} se chevauchent"
        self.status.setText(text + " · double-clic sur un créneau libre pour en planifier un")
        self._show_selected(self.view.selected_id)

    def new_item(self) -> None:
        start = dt.datetime.combine(self.day, dt.time(9, 0))
        self.create_at(start)

    def focus_search(self) -> None:
        self.calendar.setFocus()

    # ------------------------------------------------------------------ navigation
    def go_to(self, day: dt.date) -> None:
        self.day = day
        self.refresh()

    def shift(self, direction: int) -> None:
        self.go_to(self.day + dt.timedelta(days=direction * (7 if self.week_mode else 1)))

    def set_week_mode(self, week: bool) -> None:
        self.week_mode = week
        (self.week_button if week else self.day_button).setChecked(True)
        self.ctx.settings.setValue(VIEW_KEY, "semaine" if week else "jour")
        self.refresh()

    def _filter_changed(self) -> None:
        self.ctx.settings.setValue(FILTER_KEY, self.filter.currentData())
        self.refresh()

    def advisor_filter(self) -> str | None:
        return self.ctx.db.journal.author_id if self.filter.currentData() == "moi" else None

    def _show_selected(self, rdv_id: str | None) -> None:
        rdv_id = rdv_id or None
        has = rdv_id is not None
        it = self.view.item(rdv_id) if has else None
        active = it is not None and it.statut != "annule"
        self.move_button.setEnabled(active)
        self.cancel_button.setEnabled(active)
        self.open_button.setEnabled(has)
        if it is None:
            self.detail.setText("Double-cliquez sur un créneau libre pour planifier un rendez-vous ; "
                                "cliquez sur un rendez-vous pour le sélectionner, faites-le glisser "
                                "pour le déplacer.")
            return
        lines = it.tooltip.split("\n")
        text = f"<b>{lines[0]}</b><br>" + "<br>".join(lines[1:])
        if it.overlaps:
            text += "<br><span style='color:#c62828'>⚠ Chevauche un autre rendez-vous.</span>"
        self.detail.setText(text)

    # ------------------------------------------------------------------ actions
    def _open(self, rdv_id: str | None) -> None:
        if rdv_id:
            self.ctx.open_compte_rendu(rdv_id)

    def create_at(self, debut: dt.datetime) -> str | None:
        dlg = RendezVousDialog(self.ctx, debut, self)
        if self.exec_dialog(dlg) and dlg.saved_id:
            self.day = debut.date()
            self._select_next = dlg.saved_id
            self.refresh()
            return dlg.saved_id
        return None

    def move_selected(self) -> None:
        rdv_id = self.view.selected_id
        if rdv_id and self.exec_dialog(MoveRendezVousDialog(self.ctx, rdv_id, self)):
            self._select_next = rdv_id
            self.refresh()

    def move_to(self, rdv_id: str, debut: dt.datetime) -> bool:
        self._select_next = rdv_id  # kept selected once the agenda has re-read the week
        return not run_write(self.ctx, lambda s: undo_service.move_rendez_vous(s, rdv_id, debut),
                             self.ctx.offer_undo, lambda e: self._refused("Déplacer le rendez-vous", e),
                             parent=self).refused

    def _refused(self, title: str, error: BaseException) -> None:
        self._select_next = None
        self.inform(title, "\n".join(error.errors.values()) if isinstance(error, ValidationError)
                    else user_message(error))

    def cancel_selected(self) -> bool:
        rdv_id = self.view.selected_id
        it = self.view.item(rdv_id) if rdv_id else None
        if it is None or not self.confirm(
            "Annuler le rendez-vous",
            f"Annuler le rendez-vous « {it.objet} » du {format_date_long(it.debut.date())} à "
            f"{format_time(it.debut)} ? Il restera visible, barré, dans l'agenda.",
        ):
            return False
        self._select_next = rdv_id
        return not run_write(self.ctx, lambda s: undo_service.cancel_rendez_vous(s, rdv_id), self.ctx.offer_undo,
                             lambda e: self._refused("Annuler le rendez-vous", e), parent=self).refused

    def export_ics(self) -> str | None:
        days = self.days()
        suggested = f"agenda-{days[0].isoformat()}" + (f"-au-{days[-1].isoformat()}" if len(days) > 1 else "") + ".ics"
        path = self.get_save_path(suggested)
        if not path:
            return None
        if not path.lower().endswith(".ics"):
            path += ".ics"
        saved: list[str] = []

        def write(out: tuple[bytes, int]) -> None:
            data, n = out
            try:
                with open(path, "wb") as f:
                    f.write(data)
            except OSError as e:
                self.inform("Exporter l'agenda", f"Le fichier n'a pas pu être enregistré : {e.strerror or e}.")
                return
            self.status.setText(f"{format_number(n)} rendez-vous exportés dans {path}.")
            saved.append(path)

        advisor = self.advisor_filter()
        run_read(self.ctx, lambda s: agenda_export(s, days[0], days[-1], advisor), write, parent=self)
        return saved[0] if saved else (None if self.ctx.tasks.synchronous else path)

    def import_ics(self) -> str | None:
        path = self.get_open_path()
        if not path:
            return None
        try:
            with open(path, "rb") as f:
                data = f.read(calendar_ics.MAX_BYTES + 1)
        except OSError as e:
            self.inform("Importer un calendrier", f"Le fichier n'a pas pu être lu : {e.strerror or e}.")
            return None
        messages: list[str] = []

        def done(result: calendar_ics.ImportResult) -> None:
            messages.append(result.message)
            self.inform("Importer un calendrier", result.message)

        run_write(self.ctx, lambda s: calendar_ics.import_ics(s, data), done,
                  lambda e: self._refused("Importer un calendrier", e), parent=self)
        return messages[0] if messages else None
