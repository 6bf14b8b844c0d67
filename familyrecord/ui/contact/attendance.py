"""Attendance per contact arrangement: the figures, a month calendar, the chart and every
session with how the child was. Every count is `services.kinship.attendance` (the bundle's
chart counts the same way), so the app and the bundle cannot disagree."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
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
from familyrecord.ui.contact.status_style import LOOKS, Look, counted, letter, look_words, session_look
from familyrecord.ui.contact.tables import GrowingTable
from familyrecord.ui.widgets.common import named, scrolled
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.labels import label
from familyrecord.views.contact import AttendanceSummary
from familyrecord.views.schedule import describe_rule


def tr(text: str) -> str:
    return QCoreApplication.translate("contact", text)


def notice_words(hours: float | None) -> str:
    if hours is None:
        return ""
    if hours < 1:
        return counted(round(hours * 60), tr("1 minute's notice"), tr("%1 minutes' notice"))
    return counted(round(hours), tr("1 hour's notice"), tr("%1 hours' notice"))


def outcome_words(session: ContactSession, today: date) -> str:
    look = session_look(session, today)
    words = f"{letter(look)}: {look_words(look)}"
    if session.status is SessionStatus.LATE and session.late_minutes:
        words += " " + counted(session.late_minutes, tr("(1 minute late)"), tr("(%1 minutes late)"))
    return words


def cancellation_words(session: ContactSession) -> str:
    if session.status is not SessionStatus.CANCELLED:
        return ""
    parts = [label(session.cancelled_by), notice_words(session.notice_hours), session.notice_given]
    return "; ".join(p for p in parts if p)


class FigureCard(QFrame):
    """One figure: a large number, what it counts, and a line of detail; the outcome's letter
    and colour beside it when it is one of the calendar's."""

    def __init__(self, caption: str, look: Look | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        self.value = QLabel()
        self.value.setProperty("heading", 2)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if look is not None:
            self.setStyleSheet(f"FigureCard {{ border-left: 6px solid {look.colour}; }}")
        self.caption = QLabel(f"{letter(look)}: {caption}" if look is not None else caption)
        self.caption.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        for widget in (self.value, self.caption, self.detail):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.setAccessibleName(caption)

    def show_figure(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setAccessibleDescription(f"{value} {detail}".strip())

    def clear(self) -> None:
        self.show_figure("")


class CardGrid(QWidget):
    """Cards in as many equal columns as fit (seven across on a laptop, three at large text)."""

    def __init__(self, cards: list[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = cards
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.columns = 0
        self._arrange(len(cards))

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        for card in self.cards:
            self.grid.removeWidget(card)
        for column in range(max(self.columns, columns)):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        self.columns = columns
        for index, card in enumerate(self.cards):
            self.grid.addWidget(card, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        narrowest = self.fontMetrics().averageCharWidth() * 14
        self._arrange(max(1, min(len(self.cards), event.size().width() // narrowest)))
        super().resizeEvent(event)


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
        self.schedule = QLabel()
        self.schedule.setWordWrap(True)
        layout.addWidget(self.schedule)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("status", True)
        self.message.hide()
        layout.addWidget(self.message)
        self.figures: dict[str, FigureCard] = {
            "took_place": FigureCard(self.tr("took place")),
            "happened": FigureCard(label(SessionStatus.HAPPENED), LOOKS["happened"]),
            "late": FigureCard(label(SessionStatus.LATE), LOOKS["late"]),
            "cancelled": FigureCard(label(SessionStatus.CANCELLED), LOOKS["cancelled"]),
            "council_short": FigureCard(self.tr("Cancelled by the council with under 24 hours' notice")),
            "no_show": FigureCard(label(SessionStatus.NO_SHOW), LOOKS["no_show"]),
            "to_answer": FigureCard(self.tr("Still to answer"), LOOKS["to_answer"]),
            "coming_up": FigureCard(self.tr("Coming up"), LOOKS["coming_up"]),
        }
        layout.addWidget(CardGrid(list(self.figures.values())))
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
        self.table = named(GrowingTable(
            [self.tr("Date"), self.tr("What happened"), self.tr("Who cancelled, and the notice"),
             self.tr("How the child was"), self.tr("Notes"), self.tr("Time")],
            weights=[3, 4, 4, 5, 4, 3], optional=[5], whole=[0, 5]), self.tr("Every session"))
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
            self.message.show()
            return
        self.message.clear()
        self.message.hide()
        self.summary = found
        today = self._today()
        self.title.setText(self.tr("Contact with %1").replace("%1", found.with_whom))
        self.schedule.setText(_schedule_words(found))
        self._show_figures(found)
        year, month = _first_month_shown(found, today)
        self.calendar.set_source(lambda y, m, t: kinship.month(self.arrangement_id, y, m, t),
                                 year, month, today)
        self.chart.set_summary(found)
        self.chart.setVisible(self.chart.series is not None)
        self.no_chart.setVisible(self.chart.series is None)
        sessions = [s for s in found.sessions if not s.archived]
        self.table.set_rows([
            (short_date(s.session_date), outcome_words(s, today), cancellation_words(s),
             s.child_wellbeing, s.notes,
             " – ".join(t for t in (short_time(s.planned_start), short_time(s.planned_end)) if t))
            for s in sessions], [s.id for s in sessions])

    def _show_figures(self, found: AttendanceSummary) -> None:
        f = self.figures
        share = found.share_happened
        if share is None:
            f["took_place"].show_figure("–", self.tr("No answers yet."))
        else:
            of_answered = self.tr("%1 of the %2 sessions with an answer")
            f["took_place"].show_figure(f"{round(share * 100)}%", of_answered.replace(
                "%1", str(found.took_place)).replace("%2", str(found.answered)))
        f["happened"].show_figure(str(found.happened))
        f["late"].show_figure(str(found.late))
        f["cancelled"].show_figure(str(found.cancelled), "; ".join(
            f"{label(by)}: {n}" for by, n in found.cancelled_by.items()))
        short = found.council_short_notice
        f["council_short"].show_figure(str(len(short)), ", ".join(short_date(s.session_date) for s in short))
        f["no_show"].show_figure(str(found.no_show))
        # Planned sessions (found.planned) split at today: a past one still needs its answer.
        today = self._today()
        to_answer = sum(1 for s in found.sessions if s.status is SessionStatus.PLANNED
                        and s.session_date is not None and s.session_date < today)
        f["to_answer"].show_figure(str(to_answer))
        f["coming_up"].show_figure(str(found.planned - to_answer))

    def clear(self) -> None:
        """Drop what was read from the record (on lock, or when the page is left)."""
        self.summary = None
        self.title.clear()
        self.schedule.clear()
        self.message.clear()
        for card in self.figures.values():
            card.clear()
        self.calendar.clear()
        self.chart.clear()
        self.table.setRowCount(0)


def _schedule_words(found: AttendanceSummary) -> str:
    """What the family wrote, or the schedule's rule in words; and where."""
    arrangement = found.arrangement
    if arrangement is None:
        return ""
    when = arrangement.schedule or (tr(describe_rule(arrangement.repeat_rule, arrangement.starts_on))
                                    if arrangement.repeat_rule else "")
    return " · ".join(part for part in (when, arrangement.place) if part)


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
        width, height = 1200, 820
        if screen is not None:
            room = screen.availableGeometry().size()
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(width, height)


def open_attendance(parent: QWidget, services: Services, arrangement_id: str) -> None:
    """Show one arrangement's attendance in its own window (the arrangement's page opens it).

    The window belongs to the app's window, even when `parent` is a helper widget that is not
    on screen itself (a form whose pages are shown elsewhere), so locking closes it too.
    """
    owner = parent.window()
    if not owner.isVisible():
        active = QApplication.activeWindow()
        owner = active if active is not None else owner
    dialog = AttendanceDialog(services, arrangement_id, owner)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
