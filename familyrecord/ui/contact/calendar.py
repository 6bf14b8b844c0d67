"""A month of one arrangement's contact: each day with a session coloured by what happened,
with a letter too (the legend says what each means), and buttons to move month by month."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from familyrecord.formatting import long_date, month_label
from familyrecord.ui.contact.status_style import LOOKS, Look, letter, look_words, session_look
from familyrecord.ui.widgets.common import button
from familyrecord.ui.widgets.sections import FlowLayout
from familyrecord.views.contact import CalendarDay, MonthCalendar

# English, through tr(): Monday first, as views.contact.month_calendar lays the weeks.
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# (year, month, today) -> the month's days and sessions (services.kinship.month, bound to one
# arrangement).
MonthSource = Callable[[int, int, date], MonthCalendar]


def _chip_style(look: Look, *, today: bool = False) -> str:
    border = "3px solid #1c1c1c" if today else "1px solid #757575"
    return (f"background: {look.colour}; color: {look.ink}; border: {border}; "
            "border-radius: 4px; padding: 2px;")


class LegendItem(QWidget):
    """A coloured chip with its letter, and the words."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 8, 0)
        chip = QLabel(letter(look))
        chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        chip.setStyleSheet(_chip_style(look))
        chip.setMinimumWidth(chip.fontMetrics().horizontalAdvance("MM"))
        words = QLabel(look_words(look))
        row.addWidget(chip)
        row.addWidget(words)
        self.setAccessibleName(f"{letter(look)}: {look_words(look)}")


class MonthGrid(QWidget):
    """The days of one month in weeks, Monday first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setSpacing(3)
        self.grid.setContentsMargins(0, 0, 0, 0)
        for column, name in enumerate(_WEEKDAYS):
            heading = QLabel(self.tr(name))
            heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.grid.addWidget(heading, 0, column)
            self.grid.setColumnStretch(column, 1)
        self.cells: dict[date, QLabel] = {}

    def show_month(self, month: MonthCalendar, today: date) -> None:
        for cell in self.cells.values():
            self.grid.removeWidget(cell)
            cell.hide()  # at once: deleteLater waits for the event loop, and the grid repaints first
            cell.deleteLater()
        self.cells = {}
        for row, week in enumerate(month.weeks, start=1):
            for column, day in enumerate(week):
                cell = self._cell(day, today)
                self.grid.addWidget(cell, row, column)
                self.cells[day.day] = cell

    def _cell(self, day: CalendarDay, today: date) -> QLabel:
        cell = QLabel()
        cell.setAlignment(Qt.AlignmentFlag.AlignCenter)
        cell.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        lines = cell.fontMetrics().height()
        cell.setMinimumHeight(lines * 2 + 8)
        if not day.in_month:
            # The days of the months before and after that fill the weeks: greyed.
            cell.setStyleSheet("color: palette(mid);")
            cell.setText(str(day.day.day))
            return cell
        looks = [session_look(s, today) for s in day.sessions]
        marks = " ".join(letter(look) for look in looks)
        cell.setText(f"{day.day.day}\n{marks}" if marks else str(day.day.day))
        if looks:
            cell.setStyleSheet(_chip_style(looks[0], today=day.day == today))
        elif day.day == today:
            cell.setStyleSheet("border: 3px solid palette(window-text); border-radius: 4px;")
        words = ", ".join(look_words(look) for look in looks) or self.tr("No contact")
        cell.setAccessibleName(f"{long_date(day.day)}: {words}")
        cell.setToolTip(cell.accessibleName())
        return cell


class AttendanceCalendar(QWidget):
    """Month grid with Previous and Next, and the legend. `load` fetches one month."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.previous_button = button(self.tr("◀ Previous month"), self,
                                      name=self.tr("Previous month"), slot=lambda: self.step(-1))
        self.title = QLabel()
        self.title.setProperty("heading", 2)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = button(self.tr("Next month ▶"), self, name=self.tr("Next month"),
                                  slot=lambda: self.step(1))
        bar.addWidget(self.previous_button)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.next_button)
        layout.addLayout(bar)
        self.grid = MonthGrid(self)
        layout.addWidget(self.grid)
        legend = QWidget(self)
        flow = FlowLayout(legend, spacing=6)
        for look in LOOKS.values():
            flow.addWidget(LegendItem(look, legend))
        self.legend = legend
        layout.addWidget(legend)
        self.year, self.month = 1, 1
        self.today = date.min
        self.month_calendar: MonthCalendar | None = None
        self._source: MonthSource | None = None

    def set_source(self, source: MonthSource, year: int, month: int, today: date) -> None:
        self._source = source
        self.today = today
        self.show_month(year, month)

    def show_month(self, year: int, month: int) -> None:
        if self._source is None:
            return
        self.year, self.month = year, month
        self.month_calendar = self._source(year, month, self.today)
        self.title.setText(month_label(date(year, month, 1)))
        self.grid.show_month(self.month_calendar, self.today)

    def step(self, months: int) -> None:
        index = self.year * 12 + (self.month - 1) + months
        self.show_month(index // 12, index % 12 + 1)

    def clear(self) -> None:
        self._source = None
        self.month_calendar = None
        self.grid.show_month(MonthCalendar(1, 1, ()), self.today)
        self.title.clear()
