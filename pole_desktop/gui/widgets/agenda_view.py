"""The agenda grid: one column per day (1 or 7), rendez-vous as coloured blocks.

Custom-painted QWidget. The rows run from 7:00 to 20:00, extended to the earliest start and the
latest end of the rendez-vous shown (an evening board meeting is a block like any other).
Overlapping rendez-vous of a day are laid out side by side and flagged (red border, "⚠"), up to
three columns; beyond, the third column is a « +N » chip whose tooltip and click list the others
(choosing one selects it). Cancelled ones are grey and struck through.

Signals: ``selected(id | None)``, ``activated(id)`` (double-click on a block),
``slot_activated(datetime)`` (double-click on an empty slot, rounded down to the half hour),
``move_requested(id, datetime)`` (a block dragged to another slot, snapped to 15 minutes).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolTip, QWidget

from pole_desktop import clock
from pole_desktop.formatting import format_time

FIRST_HOUR = 7  # the grid shows at least 7:00–20:00…
LAST_HOUR = 20
MAX_COLUMNS = 3  # …and at most three overlapping blocks side by side, then « +N »
SHORT_DAYS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")

# Fill colour by dispositif; None = rendez-vous without dossier.
DISPOSITIF_COLOURS = {
    "puls_actions": "#cfe3f7",
    "dla": "#d7efd2",
    "generateur_bfc": "#f6e2c4",
    "crdva": "#e6dcf5",
    "graines_actions": "#f7d6df",
    None: "#e4e7eb",
}
BORDER = {"prevu": "#3b6ea5", "realise": "#4d7d46", "absent": "#b7791f", "annule": "#9aa0a6"}
OVERLAP = QColor("#c62828")


def day_header(day: dt.date) -> str:
    return f"{SHORT_DAYS[day.weekday()]} {day.day:02d}/{day.month:02d}"


@dataclass
class AgendaItem:
    id: str
    debut: dt.datetime
    fin: dt.datetime
    objet: str
    who: str = ""
    statut: str = "prevu"
    dispositif: str | None = None
    tooltip: str = ""
    detail: str = ""  # dossier reference, place: shown when the block is tall enough
    # Layout, computed by the view.
    column: int = 0
    columns: int = 1
    overlaps: bool = False
    rect: QRectF = field(default_factory=QRectF)  # empty when folded into a « +N » chip


@dataclass
class OverflowChip:
    """« +N »: the rendez-vous of an overlap that do not fit in the columns."""

    day: dt.date
    ids: list[str]
    rect: QRectF
    tooltip: str = ""

    @property
    def label(self) -> str:
        return f"+{len(self.ids)}"


class AgendaView(QWidget):
    selected = Signal(str)  # "" when nothing is selected (emitting None through Signal(object) corrupts
    # None's refcount in PySide6 on Python 3.11)
    activated = Signal(str)
    slot_activated = Signal(object)
    move_requested = Signal(str, object)
    cancel_requested = Signal(str)  # Suppr on the selected block
    page_requested = Signal(int)  # Page préc. (-1) / Page suiv. (+1)

    GUTTER = 52
    HEADER = 30
    HOUR_PX = 46

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda_view")
        self.setAccessibleName("Grille de l'agenda")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.days: list[dt.date] = [clock.today()]
        self.items: list[AgendaItem] = []
        self.selected_id: str | None = None
        self.today: dt.date = clock.today()
        self._press: tuple[str, QPointF, dt.datetime] | None = None
        self._drag_to: dt.datetime | None = None
        self.first_hour, self.last_hour = FIRST_HOUR, LAST_HOUR
        self.overflow: list[OverflowChip] = []
        self.overflow_menu: QMenu | None = None

    # ------------------------------------------------------------------ data
    def set_days(self, days: list[dt.date]) -> None:
        self.days = list(days)
        self._hours()
        self._layout()
        self.update()

    def set_items(self, items: list[AgendaItem]) -> None:
        self.items = sorted(items, key=lambda i: (i.debut, i.fin, i.id))
        if self.selected_id not in {i.id for i in self.items}:
            self.selected_id = None
        self._hours()
        self._layout()
        self.update()

    def select(self, item_id: str | None) -> None:
        self.selected_id = item_id
        self.update()
        self.selected.emit(item_id or "")

    @property
    def overlapping_ids(self) -> set[str]:
        return {i.id for i in self.items if i.overlaps}

    def item(self, item_id: str) -> AgendaItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    # ------------------------------------------------------------------ geometry
    def _hours(self) -> None:
        """7:00–20:00, widened to the earliest start and latest end shown (whole hours)."""
        shown = [i for i in self.items if i.debut.date() in self.days]
        first = min([FIRST_HOUR] + [i.debut.hour for i in shown])
        last = LAST_HOUR
        for i in shown:
            end = i.fin if i.fin.date() == i.debut.date() else dt.datetime.combine(i.debut.date(), dt.time(23, 59))
            last = max(last, math.ceil(end.hour + end.minute / 60))
        if (first, min(last, 24)) != (self.first_hour, self.last_hour):
            self.first_hour, self.last_hour = first, min(last, 24)
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(900, self.HEADER + (self.last_hour - self.first_hour) * self.HOUR_PX + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(400, self.HEADER + (self.last_hour - self.first_hour) * 24)

    def _hour_px(self) -> float:
        return max(24.0, (self.height() - self.HEADER - 2) / (self.last_hour - self.first_hour))

    def _day_width(self) -> float:
        return (self.width() - self.GUTTER - 1) / max(1, len(self.days))

    def _y(self, t: dt.datetime) -> float:
        hours = t.hour + t.minute / 60 - self.first_hour
        hours = min(max(hours, 0.0), self.last_hour - self.first_hour)
        return self.HEADER + hours * self._hour_px()

    def slot_point(self, day: dt.date, time: dt.time) -> QPoint:
        """The centre of the 15-minute slot starting at ``time`` on ``day`` (for tests and keyboard)."""
        i = self.days.index(day)
        x = self.GUTTER + (i + 0.5) * self._day_width()
        y = self._y(dt.datetime.combine(day, time)) + self._hour_px() / 8
        return QPoint(int(x), int(y))

    def time_at(self, pos: QPointF, step: int = 30) -> dt.datetime | None:
        """The slot start under ``pos``, rounded down to ``step`` minutes."""
        if pos.x() < self.GUTTER or pos.y() < self.HEADER or not self.days:
            return None
        i = int((pos.x() - self.GUTTER) // self._day_width())
        if not 0 <= i < len(self.days):
            return None
        minutes = (pos.y() - self.HEADER) / self._hour_px() * 60
        minutes = int(minutes // step * step)
        minutes = min(max(minutes, 0), (self.last_hour - self.first_hour) * 60 - step)
        return dt.datetime.combine(self.days[i], dt.time(self.first_hour)) + dt.timedelta(minutes=minutes)

    def item_at(self, pos: QPointF) -> AgendaItem | None:
        for it in reversed(self.items):
            if not it.rect.isEmpty() and it.rect.contains(pos):
                return it
        return None

    def chip_at(self, pos: QPointF) -> OverflowChip | None:
        return next((c for c in self.overflow if c.rect.contains(pos)), None)

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt API
        super().resizeEvent(event)
        self._layout()

    def _layout(self) -> None:
        """Columns of overlapping blocks, day by day (greedy interval partitioning)."""
        dw = self._day_width()
        self.overflow = []
        for it in self.items:
            it.overlaps, it.column, it.columns = False, 0, 1
        for di, day in enumerate(self.days):
            todays = [it for it in self.items if it.debut.date() == day]
            cluster: list[AgendaItem] = []
            cluster_end: dt.datetime | None = None

            def close(group: list[AgendaItem], di: int = di, day: dt.date = day) -> None:
                ends: list[dt.datetime] = []
                for it in group:
                    for c, end in enumerate(ends):
                        if end <= it.debut:
                            it.column, ends[c] = c, it.fin
                            break
                    else:
                        it.column = len(ends)
                        ends.append(it.fin)
                for it in group:
                    it.columns = len(ends)
                if len(ends) > MAX_COLUMNS:  # two columns of blocks, the third is « +N »
                    hidden = [it for it in group if it.column >= MAX_COLUMNS - 1]
                    for it in group:
                        it.columns = MAX_COLUMNS
                    x0 = self.GUTTER + di * dw + 2
                    w = (dw - 5) / MAX_COLUMNS
                    y0 = self._y(min(it.debut for it in hidden))
                    y1 = self._y(max(it.fin for it in hidden))
                    tip = "\n".join(f"{format_time(it.debut)}–{format_time(it.fin)} {it.objet}" for it in hidden)
                    self.overflow.append(OverflowChip(day, [it.id for it in hidden],
                                                      QRectF(x0 + (MAX_COLUMNS - 1) * w, y0 + 1, w - 2,
                                                             max(y1 - y0 - 2, 18)),
                                                      f"{len(hidden)} autres rendez-vous en même temps :\n{tip}"))

            for it in todays:
                if cluster and cluster_end is not None and it.debut >= cluster_end:
                    close(cluster)
                    cluster, cluster_end = [], None
                cluster.append(it)
                cluster_end = max(cluster_end, it.fin) if cluster_end else it.fin
            if cluster:
                close(cluster)
            active = [it for it in todays if it.statut != "annule"]
            for a in active:
                a.overlaps = any(b is not a and b.debut < a.fin and a.debut < b.fin for b in active)
            folded = {i for c in self.overflow if c.day == day for i in c.ids}
            for it in todays:
                if it.id in folded:
                    it.rect = QRectF()
                    continue
                x0 = self.GUTTER + di * dw + 2
                w = (dw - 5) / it.columns
                y0, y1 = self._y(it.debut), self._y(it.fin)
                it.rect = QRectF(x0 + it.column * w, y0 + 1, w - 2, max(y1 - y0 - 2, 14))

    # ------------------------------------------------------------------ painting
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), QColor("#ffffff"))
        dw, hp = self._day_width(), self._hour_px()
        bottom = self.HEADER + (self.last_hour - self.first_hour) * hp
        # Weekend and today backgrounds.
        for i, day in enumerate(self.days):
            x = self.GUTTER + i * dw
            if day == self.today:
                p.fillRect(QRectF(x, self.HEADER, dw, bottom - self.HEADER), QColor("#fffbe6"))
            elif day.weekday() >= 5:
                p.fillRect(QRectF(x, self.HEADER, dw, bottom - self.HEADER), QColor("#f5f6f7"))
        # Hour lines and labels.
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        p.setFont(small)
        for h in range(self.first_hour, self.last_hour + 1):
            y = self.HEADER + (h - self.first_hour) * hp
            p.setPen(QPen(QColor("#d0d4d9"), 1))
            p.drawLine(QPointF(self.GUTTER, y), QPointF(self.width(), y))
            if h < self.last_hour:
                p.setPen(QPen(QColor("#eceef0"), 1, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(self.GUTTER, y + hp / 2), QPointF(self.width(), y + hp / 2))
                p.setPen(pal.color(pal.ColorRole.WindowText))
                p.drawText(QRectF(0, y + 1, self.GUTTER - 6, 16),
                           Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, f"{h}:00")
        # Day columns and headers.
        bold = QFont(self.font())
        bold.setBold(True)
        for i, day in enumerate(self.days):
            x = self.GUTTER + i * dw
            p.setPen(QPen(QColor("#c4c9cf"), 1))
            p.drawLine(QPointF(x, 0), QPointF(x, bottom))
            p.setFont(bold if day == self.today else self.font())
            p.setPen(QColor("#1a5fb4") if day == self.today else pal.color(pal.ColorRole.WindowText))
            p.drawText(QRectF(x, 0, dw, self.HEADER), Qt.AlignmentFlag.AlignCenter, day_header(day))
        p.setPen(QPen(QColor("#c4c9cf"), 1))
        p.drawLine(QPointF(self.width() - 1, 0), QPointF(self.width() - 1, bottom))
        # Blocks.
        for it in self.items:
            if not it.rect.isEmpty():
                self._paint_item(p, it)
        for chip in self.overflow:
            self._paint_chip(p, chip)
        if self._press and self._drag_to is not None:
            it = self.item(self._press[0])
            if it is not None and self._drag_to.date() in self.days:
                ghost = AgendaItem(it.id, self._drag_to, self._drag_to + (it.fin - it.debut), it.objet)
                di = self.days.index(self._drag_to.date())
                y0, y1 = self._y(ghost.debut), self._y(ghost.fin)
                r = QRectF(self.GUTTER + di * dw + 2, y0, dw - 5, max(y1 - y0, 14))
                p.setPen(QPen(QColor("#1a5fb4"), 2, Qt.PenStyle.DashLine))
                p.setBrush(QColor(26, 95, 180, 40))
                p.drawRoundedRect(r, 4, 4)
                p.setPen(QColor("#1a5fb4"))
                p.drawText(r.adjusted(4, 2, -4, -2), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                           f"{format_time(ghost.debut)} – {format_time(ghost.fin)}")
        p.end()

    def _paint_chip(self, p: QPainter, chip: OverflowChip) -> None:
        selected = self.selected_id in chip.ids
        p.setBrush(QColor("#fdecea"))
        p.setPen(QPen(OVERLAP, 3.0 if selected else 2.0))
        p.drawRoundedRect(chip.rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        font = QFont(self.font())
        font.setBold(True)
        p.setFont(font)
        p.setPen(OVERLAP)
        p.drawText(chip.rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, f"\n{chip.label}"
                   if chip.rect.height() > 3 * p.fontMetrics().height() else chip.label)

    def show_overflow(self, chip: OverflowChip) -> QMenu:
        """The list behind « +N »: choosing one selects it (details beside, Entrée opens it)."""
        if self.overflow_menu is not None:
            self.overflow_menu.deleteLater()
        menu = QMenu(self)
        menu.setObjectName("agenda_overflow")
        menu.setAccessibleName("Rendez-vous qui se chevauchent")
        for rid in chip.ids:
            it = self.item(rid)
            if it is None:
                continue
            text = f"{format_time(it.debut)}–{format_time(it.fin)}  {it.objet}" + (f" — {it.who}" if it.who else "")
            action = menu.addAction(text)
            action.triggered.connect(lambda _=False, r=rid: self.select(r))
        self.overflow_menu = menu
        menu.popup(self.mapToGlobal(chip.rect.bottomLeft().toPoint()))
        return menu

    def _paint_item(self, p: QPainter, it: AgendaItem) -> None:
        r = it.rect
        cancelled = it.statut == "annule"
        fill = QColor("#f1f3f4") if cancelled else QColor(DISPOSITIF_COLOURS.get(it.dispositif, "#e4e7eb"))
        border = QColor(BORDER.get(it.statut, "#3b6ea5"))
        width = 1.0
        if it.overlaps:
            border, width = OVERLAP, 2.0
        if it.id == self.selected_id:
            width = 3.0
            border = border.darker(140)
        p.setBrush(fill)
        p.setPen(QPen(border, width, Qt.PenStyle.DashLine if it.statut == "absent" else Qt.PenStyle.SolidLine))
        p.drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        # Status stripe on the left.
        p.fillRect(QRectF(r.left() + 1, r.top() + 1, 4, r.height() - 2), QColor(BORDER.get(it.statut, "#3b6ea5")))
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        font.setStrikeOut(cancelled)
        p.setFont(font)
        p.setPen(QColor("#80868b") if cancelled else QColor("#202124"))
        mark = "⚠ " if it.overlaps else ("✓ " if it.statut == "realise" else "")
        fm = p.fontMetrics()
        inner = r.adjusted(8, 1, -3, -1)
        if fm.horizontalAdvance(mark + "00:00") > inner.width():
            mark = ""  # too narrow: the red border is the flag
        wide = inner.width() >= fm.horizontalAdvance("00:00 Présentation")
        lines = [f"{mark}{format_time(it.debut)} {it.objet}"] if wide else [f"{mark}{format_time(it.debut)}", it.objet]
        lines += [it.who] if it.who else []
        lines += [it.detail] if it.detail else []
        y = inner.top()
        for line in lines:
            if y + fm.height() > inner.bottom() + 2:
                break
            p.drawText(QRectF(inner.left(), y, inner.width(), fm.height()),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                       fm.elidedText(line, Qt.TextElideMode.ElideRight, int(inner.width())))
            y += fm.height()

    # ------------------------------------------------------------------ mouse
    def mousePressEvent(self, e: QMouseEvent) -> None:  # noqa: N802 - Qt API
        pos = e.position()
        chip = self.chip_at(pos)
        if chip is not None and e.button() == Qt.MouseButton.LeftButton:
            self.show_overflow(chip)
            return
        it = self.item_at(pos)
        if e.button() == Qt.MouseButton.LeftButton:
            self.select(it.id if it else None)
            if it is not None and it.statut != "annule":
                self._press = (it.id, pos, it.debut)
        super().mousePressEvent(e)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:  # noqa: N802 - Qt API
        pos = e.position()
        if self._press and e.buttons() & Qt.MouseButton.LeftButton:
            it_id, start, debut = self._press
            if (pos - start).manhattanLength() >= 6:
                grabbed = self.time_at(start, step=15)
                here = self.time_at(pos, step=15)
                if grabbed and here:
                    offset = debut - grabbed.replace(minute=grabbed.minute - grabbed.minute % 15)
                    self._drag_to = self._snap(here + offset)
                    self.update()
        else:
            it = self.item_at(pos)
            chip = self.chip_at(pos)
            self.setToolTip(chip.tooltip if chip else it.tooltip if it else "")
        super().mouseMoveEvent(e)

    @staticmethod
    def _snap(t: dt.datetime) -> dt.datetime:
        return t.replace(minute=t.minute - t.minute % 15, second=0, microsecond=0)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:  # noqa: N802 - Qt API
        press, target = self._press, self._drag_to
        self._press, self._drag_to = None, None
        if press and target is not None and target != press[2]:
            self.move_requested.emit(press[0], target)
        self.update()
        super().mouseReleaseEvent(e)

    def mouseDoubleClickEvent(self, e: QMouseEvent) -> None:  # noqa: N802 - Qt API
        pos = e.position()
        it = self.item_at(pos)
        if it is not None:
            self.activated.emit(it.id)
        else:
            t = self.time_at(pos)
            if t is not None:
                self.slot_activated.emit(t)
        super().mouseDoubleClickEvent(e)

    def keyPressEvent(self, e) -> None:  # noqa: N802, ANN001 - Qt API
        """Enter opens the selected rendez-vous, Suppr cancels it, Up/Down move the selection in time
        order, Page Up/Down change the period."""
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_id:
            self.activated.emit(self.selected_id)
            return
        if e.key() == Qt.Key.Key_Delete and self.selected_id:
            self.cancel_requested.emit(self.selected_id)
            return
        if e.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.page_requested.emit(-1 if e.key() == Qt.Key.Key_PageUp else 1)
            return
        if e.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.items:
            ids = [i.id for i in self.items]
            i = ids.index(self.selected_id) if self.selected_id in ids else -1
            i = min(i + 1, len(ids) - 1) if e.key() == Qt.Key.Key_Down else max(i - 1, 0)
            self.select(ids[i])
            return
        super().keyPressEvent(e)

    def event(self, e) -> bool:  # noqa: ANN001 - Qt API
        if e.type() == e.Type.ToolTip:
            it = self.item_at(QPointF(e.pos()))
            chip = self.chip_at(QPointF(e.pos()))
            if chip is not None:
                QToolTip.showText(e.globalPos(), chip.tooltip, self)
            elif it and it.tooltip:
                QToolTip.showText(e.globalPos(), it.tooltip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)
