"""Attendance per contact arrangement: the figures, a month calendar, the chart and every
session with how the child was. Every count is `services.kinship.attendance` (the bundle's
chart counts the same way), so the app and the bundle cannot disagree."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from familyrecord.errors import UserError
from familyrecord.formatting import short_date, short_time
from familyrecord.records.enums import SessionStatus
from familyrecord.records.models import ContactSession
from familyrecord.services import Services
from familyrecord.ui.contact.calendar import AttendanceCalendar
from familyrecord.ui.contact.chart import AttendanceChart
from familyrecord.ui.contact.status_style import letter, look_words, session_look
from familyrecord.ui.widgets.common import named, scrolled
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.labels import label
from familyrecord.views.contact import AttendanceSummary


def tr(text: str, count: int = -1) -> str:
    return QCoreApplication.translate("contact", text, None, count)


def notice_words(hours: float | None) -> str:
    if hours is None:
        return ""
    if hours < 1:
        return tr("%n minute(s)' notice", round(hours * 60))
    return tr("%n hour(s)' notice", round(hours))


def outcome_words(session: ContactSession, today: date) -> str:
    look = session_look(session, today)
    words = f"{letter(look)}: {look_words(look)}"
    if session.status is SessionStatus.LATE and session.late_minutes:
        words += " " + tr("(%n minute(s) late)", session.late_minutes)
    return words


def cancellation_words(session: ContactSession) -> str:
    if session.status is not SessionStatus.CANCELLED:
        return ""
    parts = [label(session.cancelled_by), notice_words(session.notice_hours), session.notice_given]
    return "; ".join(p for p in parts if p)


class GrowingTable(QTableWidget):
    """A table as tall as its rows (the page scrolls, not the table), wrapping long notes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit(self) -> None:
        self.resizeRowsToContents()
        extra = self.horizontalScrollBar().sizeHint().height() \
            if self.horizontalScrollBar().isVisible() else 0
        self.setFixedHeight(self.horizontalHeader().height() + self.verticalHeader().length()
                            + 2 * self.frameWidth() + extra + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()


class AttendanceView(QWidget):
    """One arrangement's attendance. `load(arrangement_id)` reads it; `today` may be set."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.today: date | None = None
        self.arrangement_id = ""
        self.summary: AttendanceSummary | None = None
        self.setAccessibleName(self.tr("Attendance"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.title = QLabel()
        self.title.setProperty("heading", 2)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("status", True)
        layout.addWidget(self.message)
        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        captions = {
            "took_place": self.tr("Took place:"),
            "happened": label(SessionStatus.HAPPENED) + ":",
            "late": label(SessionStatus.LATE) + ":",
            "cancelled": label(SessionStatus.CANCELLED) + ":",
            "council_short": self.tr("Cancelled by the council with under 24 hours' notice:"),
            "no_show": label(SessionStatus.NO_SHOW) + ":",
            "waiting": self.tr("Still to answer or coming up:"),
        }
        for row, (key, caption) in enumerate(captions.items()):
            name = QLabel(caption)
            name.setWordWrap(True)
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(caption.rstrip(":"))
            name.setBuddy(value)
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
            self.figures[key] = value
        layout.addLayout(grid)
        self.pictures = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.calendar = AttendanceCalendar()
        self.chart = AttendanceChart()
        self.no_chart = QLabel(self.tr("The chart fills in once you say what happened at a session."))
        self.no_chart.setWordWrap(True)
        self.no_chart.setProperty("emptyState", True)
        self.pictures.addWidget(self.calendar, 1)
        self.pictures.addWidget(self.chart, 1)
        self.pictures.addWidget(self.no_chart, 1)
        layout.addLayout(self.pictures)
        every = QLabel(self.tr("Every session"))
        every.setProperty("heading", 2)
        layout.addWidget(every)
        self.table = named(GrowingTable(), self.tr("Every session"))
        columns = [self.tr("Date"), self.tr("Time"), self.tr("What happened"),
                   self.tr("Who cancelled, and the notice"), self.tr("How the child was"),
                   self.tr("Notes")]
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(3, len(columns)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        layout.addStretch(1)
        self.scroll_area = scrolled(inner)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll_area)

    def _today(self) -> date:
        return self.today or date.today()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Calendar and chart side by side when there is room; one above the other otherwise.
        wide = self.width() >= 110 * self.fontMetrics().averageCharWidth()
        self.pictures.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                   else QBoxLayout.Direction.TopToBottom)
        super().resizeEvent(event)

    def load(self, arrangement_id: str) -> None:
        self.arrangement_id = arrangement_id
        self.refresh()

    def refresh(self) -> None:
        if not self.arrangement_id or self.services.is_locked:
            return
        kinship = self.services.kinship
        try:
            found = kinship.attendance(self.arrangement_id)
        except UserError as exc:
            self.clear()
            self.message.setText(error_text(exc))
            return
        self.message.clear()
        self.summary = found
        today = self._today()
        self.title.setText(self.tr("Contact with %1").replace("%1", found.with_whom))
        self._show_figures(found)
        year, month = _first_month_shown(found, today)
        self.calendar.set_source(lambda y, m, t: kinship.month(self.arrangement_id, y, m, t),
                                 year, month, today)
        self.chart.set_summary(found)
        self.chart.setVisible(self.chart.series is not None)
        self.no_chart.setVisible(self.chart.series is None)
        self._fill_table(found, today)

    def _show_figures(self, found: AttendanceSummary) -> None:
        f = self.figures
        share = found.share_happened
        f["took_place"].setText(
            self.tr("No answers yet.") if share is None else
            self.tr("%1 of %2 sessions with an answer (%3%)").replace("%1", str(found.took_place))
            .replace("%2", str(found.answered)).replace("%3", str(round(share * 100))))
        f["happened"].setText(str(found.happened))
        f["late"].setText(str(found.late))
        by_whom = "; ".join(f"{label(by)}: {n}" for by, n in found.cancelled_by.items())
        f["cancelled"].setText(f"{found.cancelled} ({by_whom})" if by_whom else str(found.cancelled))
        short = found.council_short_notice
        f["council_short"].setText(
            f"{len(short)}: " + ", ".join(short_date(s.session_date) for s in short) if short
            else "0")
        f["no_show"].setText(str(found.no_show))
        f["waiting"].setText(str(found.planned))

    def _fill_table(self, found: AttendanceSummary, today: date) -> None:
        sessions = [s for s in found.sessions if not s.archived]
        self.table.setRowCount(len(sessions))
        for row, s in enumerate(sessions):
            planned = " – ".join(t for t in (short_time(s.planned_start), short_time(s.planned_end)) if t)
            cells = (short_date(s.session_date), planned, outcome_words(s, today),
                     cancellation_words(s), s.child_wellbeing, s.notes)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                self.table.setItem(row, column, item)
        self.table.fit()

    def clear(self) -> None:
        """Drop what was read from the record (on lock, or when the page is left)."""
        self.summary = None
        self.title.clear()
        self.message.clear()
        for value in self.figures.values():
            value.clear()
        self.calendar.clear()
        self.chart.clear()
        self.table.setRowCount(0)


def _first_month_shown(found: AttendanceSummary, today: date) -> tuple[int, int]:
    """This month when it has contact; otherwise the last month with contact before it."""
    this_month = (today.year, today.month)
    months = sorted({(s.session_date.year, s.session_date.month) for s in found.sessions
                     if s.session_date is not None})
    earlier = [m for m in months if m <= this_month]
    if this_month in months or not months:
        return this_month
    return earlier[-1] if earlier else months[0]


class AttendanceDialog(QDialog):
    def __init__(self, services: Services, arrangement_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendance-dialog")
        self.setWindowTitle(self.tr("Attendance"))
        layout = QVBoxLayout(self)
        self.view = AttendanceView(services)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.view.load(arrangement_id)
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else None
        width, height = 1200, 820
        if room is not None:
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(width, height)


def open_attendance(parent: QWidget, services: Services, arrangement_id: str) -> None:
    """Show one arrangement's attendance in its own window (the arrangement's page opens it)."""
    dialog = AttendanceDialog(services, arrangement_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
