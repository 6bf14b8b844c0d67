"""The date and time fields of the app: type, see it spelled out, pick it on a calendar, clear it.

`DateField` shows the parsed date spelled out beside it ("Monday 6 January 2025"); a Calendar
button opens a month calendar under the field at its date, the record's other dates or today;
Clear leaves it "Not set" (a placeholder, never text). `value()` raises `DateEntryError` when the
text is not a date, so a form never saves a date it could not read. `TimeField` does the same
for a time of day, and `DateTimeField` joins the two (no time given is midnight, which is how a
datetime says "time not known").
Keys: Up and Down move a day (a quarter of an hour for times), Page Up and Page Down a month,
Alt+Down or F4 opens the calendar (under the field, never a window that could fall off a small
screen); Escape closes it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from familyrecord.formatting import long_date, short_date, short_time
from familyrecord.ui.widgets.dates.reading import (
    MAX_YEAR,
    MIN_YEAR,
    DateEntryError,
    TimeEntryError,
    add_months,
    parse_date,
    parse_time,
    tr,
)


class _EntryLine(QLineEdit):
    """The text of a date or time, with keys to step it and to open the calendar."""

    stepped = Signal(int, int)  # days (quarter hours for times), months
    calendar_wanted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, alt = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
            self.calendar_wanted.emit()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not alt:
            self.stepped.emit(1 if key == Qt.Key.Key_Up else -1, 0)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.stepped.emit(0, 1 if key == Qt.Key.Key_PageUp else -1)
        else:
            super().keyPressEvent(event)


def _small_button(text: str, parent: QWidget) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setAutoDefault(False)
    widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return widget


class CalendarPanel(QWidget):
    """A month calendar that opens under its field (no window of its own, so it is never off
    screen): a click or Enter picks the day and closes it; Escape closes it."""

    def __init__(self, choose: Callable[[date], None], close: Callable[[], None], parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.calendar = QCalendarWidget(self)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setDateRange(QDate(MIN_YEAR, 1, 1), QDate(MAX_YEAR, 12, 31))
        self.calendar.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.calendar)
        self._choose = choose
        self._close = close
        self.calendar.clicked.connect(self._chosen)
        self.calendar.activated.connect(self._chosen)

    def show_at(self, day: date, name: str) -> None:
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.setAccessibleName(tr("Calendar for %1").replace("%1", name))
        self.show()
        self.calendar.setFocus()

    def _chosen(self, day: QDate) -> None:
        self._choose(date(day.year(), day.month(), day.day()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._close()
        else:
            super().keyPressEvent(event)

    def shown_date(self) -> date:
        day = self.calendar.selectedDate()
        return date(day.year(), day.month(), day.day())


class DateField(QWidget):
    """An optional date, typed or picked; `value()` raises DateEntryError for text it cannot read."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, today: Callable[[], date] = date.today,
                 calendar_hint: Callable[[], date | None] | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._hint = calendar_hint
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.line = _EntryLine(self)
        self.line.setPlaceholderText(tr("Not set"))
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("00/00/00000"))
        self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("0" * 22))
        self.calendar_button = _small_button(tr("Calendar…"), self)
        self.clear_button = _small_button(tr("Clear"), self)
        self.spelled = QLabel(self)
        self.spelled.setWordWrap(True)
        self.spelled.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(self.line, 2)
        row.addWidget(self.calendar_button)
        row.addWidget(self.clear_button)
        row.addWidget(self.spelled, 3)
        column.addLayout(row)
        self.calendar_panel = CalendarPanel(self._picked, self.close_calendar, self)
        self.calendar_panel.hide()
        column.addWidget(self.calendar_panel)
        self.setFocusProxy(self.line)
        self.line.textChanged.connect(self._text_changed)
        self.line.editingFinished.connect(self._tidy)
        self.line.stepped.connect(self._step)
        self.line.calendar_wanted.connect(self.open_calendar)
        self.calendar_button.clicked.connect(self._toggle_calendar)
        self.clear_button.clicked.connect(self.clear)
        self.setAccessibleName(tr("Date"))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)
        self.calendar_button.setAccessibleName(tr("Choose %1 on a calendar").replace("%1", name))
        self.clear_button.setAccessibleName(tr("Clear %1").replace("%1", name))

    def set_calendar_hint(self, hint: Callable[[], date | None] | None) -> None:
        """Where the calendar opens when the field is empty (the record's other dates)."""
        self._hint = hint

    def text(self) -> str:
        return self.line.text()

    def set_text(self, text: str) -> None:
        self.line.setText(text)
        self._tidy()

    def value(self) -> date | None:
        try:
            return parse_date(self.line.text(), self._today())
        except DateEntryError as exc:
            raise DateEntryError(exc.reason, self) from None

    def set_value(self, value: date | None) -> None:
        self.line.setText(short_date(value))
        self._tidy()

    def clear(self) -> None:
        self.set_value(None)
        self.line.setFocus()

    def problem(self) -> str:
        """Why the text is not a date ("" when it is one, or empty)."""
        try:
            parse_date(self.line.text(), self._today())
        except DateEntryError as exc:
            return exc.reason
        return ""

    def _show(self, text: str, *, error: bool) -> None:
        self.spelled.setText(text)
        self.spelled.setProperty("fieldError", error)
        self.spelled.style().unpolish(self.spelled)
        self.spelled.style().polish(self.spelled)
        self.line.setAccessibleDescription(text)

    def _text_changed(self) -> None:
        try:
            self._show(long_date(parse_date(self.line.text(), self._today())), error=False)
        except DateEntryError:
            self._show("", error=False)  # still typing: say nothing until they leave the field
        self.changed.emit()

    def _tidy(self) -> None:
        """Leaving the field: a readable date is written the usual way, anything else explained."""
        try:
            value = parse_date(self.line.text(), self._today())
        except DateEntryError as exc:
            self._show(exc.reason, error=True)
            return
        if value is not None and self.line.text() != short_date(value):
            self.line.setText(short_date(value))
        self._show(long_date(value), error=False)

    def _start(self) -> date:
        try:
            current = parse_date(self.line.text(), self._today())
        except DateEntryError:
            current = None
        return current or (self._hint() if self._hint else None) or self._today()

    def _step(self, days: int, months: int) -> None:
        start = self._start()
        moved = add_months(start, months) if months else start + timedelta(days=days)
        if MIN_YEAR <= moved.year <= MAX_YEAR:
            self.set_value(moved)

    def open_calendar(self) -> CalendarPanel:
        """Show the calendar under the field, at its date, the record's other dates or today."""
        self.calendar_panel.show_at(self._start(), self.accessibleName())
        return self.calendar_panel

    def close_calendar(self) -> None:
        self.calendar_panel.hide()
        self.line.setFocus()

    def _toggle_calendar(self) -> None:
        if self.calendar_panel.isVisible():
            self.close_calendar()
        else:
            self.open_calendar()

    def _picked(self, day: date) -> None:
        self.set_value(day)
        self.close_calendar()


class TimeField(QWidget):
    """An optional time of day: 14:30, 2.30pm, 2pm. `value()` raises TimeEntryError."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.line = _EntryLine(self)
        self.line.setPlaceholderText(tr("No time"))
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("00:00 pm0"))
        self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("0" * 14))
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setProperty("fieldError", True)
        row.addWidget(self.line, 1)
        row.addWidget(self.problem_label, 2)
        self.setFocusProxy(self.line)
        self.line.textChanged.connect(self._text_changed)
        self.line.editingFinished.connect(self._tidy)
        self.line.stepped.connect(lambda quarters, _months: self._step(quarters))
        self.setAccessibleName(tr("Time"))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def text(self) -> str:
        return self.line.text()

    def set_text(self, text: str) -> None:
        self.line.setText(text)
        self._tidy()

    def value(self) -> time | None:
        try:
            return parse_time(self.line.text())
        except TimeEntryError as exc:
            raise TimeEntryError(exc.reason, self) from None

    def set_value(self, value: time | None) -> None:
        self.line.setText(short_time(value))
        self._tidy()

    def _text_changed(self) -> None:
        self.problem_label.clear()
        self.changed.emit()

    def _tidy(self) -> None:
        try:
            value = parse_time(self.line.text())
        except TimeEntryError as exc:
            self.problem_label.setText(exc.reason)
            self.line.setAccessibleDescription(exc.reason)
            return
        self.problem_label.clear()
        self.line.setAccessibleDescription("")
        if value is not None and self.line.text() != short_time(value):
            self.line.setText(short_time(value))

    def _step(self, quarters: int) -> None:
        try:
            current = parse_time(self.line.text())
        except TimeEntryError:
            return
        minutes = (current.hour * 60 + current.minute if current else 10 * 60 - 15 * quarters)
        minutes = (minutes // 15 * 15 + 15 * quarters) % (24 * 60)
        self.set_value(time(minutes // 60, minutes % 60))


class DateTimeField(QWidget):
    """A date with an optional time. No time is saved as midnight, and midnight shows no time.

    `default_day` gives the date when only a time is typed (an end time on the start's day).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, today: Callable[[], date] = date.today,
                 default_day: Callable[[], date | None] | None = None) -> None:
        super().__init__(parent)
        self._default_day = default_day
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.date = DateField(self, today=today)
        row = QHBoxLayout()
        self.at_label = QLabel(tr("Time:"), self)
        self.time = TimeField(self)
        self.at_label.setBuddy(self.time)
        row.addWidget(self.at_label)
        row.addWidget(self.time, 1)
        layout.addWidget(self.date)
        layout.addLayout(row)
        self.setFocusProxy(self.date)
        self.date.changed.connect(self.changed)
        self.time.changed.connect(self.changed)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.date.setAccessibleName(tr("%1 (date)").replace("%1", name))
        self.time.setAccessibleName(tr("%1 (time)").replace("%1", name))

    def set_calendar_hint(self, hint: Callable[[], date | None] | None) -> None:
        self.date.set_calendar_hint(hint)

    def value(self) -> datetime | None:
        day, at = self.date.value(), self.time.value()
        if day is None and at is not None:
            day = self._default_day() if self._default_day else None
            if day is None:
                raise DateEntryError(tr("please give the date as well as the time."), self.date)
        if day is None:
            return None
        return datetime.combine(day, at or time(0, 0))

    def set_value(self, value: datetime | None) -> None:
        self.date.set_value(value.date() if value else None)
        at = value.time() if value else None
        self.time.set_value(at if at != time(0, 0) else None)
