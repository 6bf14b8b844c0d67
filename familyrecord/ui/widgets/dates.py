"""The one date field of the app: type a date as people write it, see it spelled out, or pick it.

`DateField` reads 06/01/2025, 6/1/25, 6.1.2025, 6 Jan 2025, Monday 6 January 2025, 2025-01-06,
"today", "yesterday" and "tomorrow" (always day first; a two-digit year is the nearest one no more
than 20 years ahead). Beside it the date is spelled out ("Monday 6 January 2025"); a Calendar
button opens at the date, the record's other dates or today; Clear leaves it "Not set". `value()`
raises `DateEntryError` (an InputError) when the text is not a date, so a form never saves a date
it could not read: the error's `reason` says why, and the form adds the field's name.

`TimeField` does the same for a time of day (14:30, 2.30pm, 2pm, noon) and `DateTimeField` joins
the two (no time given is midnight, which is how a datetime says "time not known").
Keys: Up and Down move a day (a quarter of an hour for times), Page Up and Page Down a month,
Alt+Down or F4 opens the calendar (under the field, never a window that could fall off a small
screen); Escape closes it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
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

from familyrecord.errors import InputError
from familyrecord.formatting import long_date, short_date, short_time

MIN_YEAR, MAX_YEAR = 1900, 2100
TWO_DIGIT_YEARS_AHEAD = 20  # "35" is 2035 in 2025, "46" is 1946
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
_ISO = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d+))?")
_RUN_OF_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{2}|\d{4})")
_TIME = re.compile(r"(\d{1,2})(?:\s*[:.h]\s*(\d{1,2}))?\s*(am|pm)?")
_TIME_DIGITS = re.compile(r"(\d{1,2})(\d{2})\s*(am|pm)?")


def tr(text: str) -> str:
    return QCoreApplication.translate("dates", text)


class EntryError(InputError):
    """A field's text could not be read. `reason` says why, without the field's name (the form
    adds it); `widget` is the field, so the form can point at it."""

    def __init__(self, reason: str, widget: QWidget | None = None) -> None:
        super().__init__("a field's text could not be read", user_message=reason)
        self.reason = reason
        self.widget = widget


class DateEntryError(EntryError):
    """The text of a date field is not a date."""


class TimeEntryError(EntryError):
    """The text of a time field is not a time of day."""


# ---- reading what people type --------------------------------------------------------------------

def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _month(word: str) -> int | None:
    """January from "january", "jan" or "sept" (three letters at least)."""
    if len(word) < 3:
        return None
    found = {n for name, n in _MONTHS.items() if name.startswith(word[:9])}
    return found.pop() if len(found) == 1 else None


def _weekday(word: str) -> int | None:
    if len(word) < 3:
        return None
    found = {n for name, n in _WEEKDAYS.items() if name.startswith(word.rstrip("s") or word)}
    return found.pop() if len(found) == 1 else None


def full_year(digits: str, today: date) -> int:
    """A year as typed: two digits are the nearest such year at most 20 years from now."""
    year = int(digits)
    if len(digits) > 2:
        return year
    year += today.year // 100 * 100
    if year > today.year + TWO_DIGIT_YEARS_AHEAD:
        year -= 100
    elif year <= today.year + TWO_DIGIT_YEARS_AHEAD - 100:
        year += 100
    return year


def _checked(raw: str, day: int, month: int, year: int, weekday: int | None) -> date:
    shown = _shown(raw)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateEntryError(tr("%1 is not a date FamilyRecord can use: please give a year from "
                                "%2 to %3.").replace("%1", shown).replace("%2", str(MIN_YEAR))
                             .replace("%3", str(MAX_YEAR)))
    if not 1 <= month <= 12:
        hint = (tr(" Dates go day first: for %1 %2, write %3.").replace("%1", str(month))
                .replace("%2", calendar.month_name[day]).replace("%3", f"{month:02d}/{day:02d}/{year}")
                if 1 <= day <= 12 and month <= 31 else "")
        raise DateEntryError(tr("%1 is not a real date (there is no month %2).%3")
                             .replace("%1", shown).replace("%2", str(month)).replace("%3", hint))
    days = calendar.monthrange(year, month)[1]
    if day < 1:
        raise DateEntryError(tr("%1 is not a real date (there is no day %2).").replace("%1", shown)
                             .replace("%2", str(day)))
    if day > days:
        which = (tr("%1 has %2 days in %3") if month == 2 else tr("%1 has %2 days")) \
            .replace("%1", calendar.month_name[month]).replace("%2", str(days)).replace("%3", str(year))
        raise DateEntryError(tr("%1 is not a real date (%2).").replace("%1", shown).replace("%2", which))
    result = date(year, month, day)
    if weekday is not None and weekday != result.weekday():
        raise DateEntryError(tr("%1 is a %2, not a %3.").replace("%1", f"{day} {calendar.month_name[month]} "
                                                                       f"{year}")
                             .replace("%2", calendar.day_name[result.weekday()])
                             .replace("%3", calendar.day_name[weekday]))
    return result


def parse_date(text: str, today: date | None = None) -> date | None:
    """The date `text` means (None when empty); `DateEntryError` with the reason when it is none."""
    today = today or date.today()
    raw = " ".join(text.split())
    plain = raw.lower().replace(",", " ").strip(" .")
    if not plain:
        return None
    if plain in _RELATIVE:
        return today + timedelta(days=_RELATIVE[plain])
    weekday = None
    first, _, rest = plain.partition(" ")
    if rest and first.isalpha() and _weekday(first) is not None and _month(first) is None:
        weekday, plain = _weekday(first), rest.strip()
    if match := _ISO.fullmatch(plain):
        return _checked(raw, int(match[3]), int(match[2]), int(match[1]), weekday)
    if match := _NUMERIC.fullmatch(plain) or _RUN_OF_DIGITS.fullmatch(plain):
        year = full_year(match[3], today) if match[3] else today.year
        return _checked(raw, int(match[1]), int(match[2]), year, weekday)
    words = [w for w in re.findall(r"\d+|[^\W\d_]+", plain) if w not in ("st", "nd", "rd", "th", "of", "the")]
    kinds = "".join("n" if w.isdigit() else "m" for w in words)  # 6 Jan 2025 is "nmn"
    if kinds in ("nm", "nmn", "mn", "mnn"):
        day_text, name = (words[0], words[1]) if kinds[0] == "n" else (words[1], words[0])
        named_month, year_text = _month(name), words[2] if len(words) > 2 else ""
        if named_month is not None and len(day_text) <= 2:
            return _checked(raw, int(day_text), named_month,
                            full_year(year_text, today) if year_text else today.year, weekday)
    raise DateEntryError(tr("“%1” is not a date FamilyRecord can read. Try 06/01/2025 or "
                            "6 January 2025.").replace("%1", _shown(raw)))


def parse_time(text: str) -> time | None:
    """The time of day `text` means (None when empty); `TimeEntryError` when it is none."""
    raw = " ".join(text.split())
    plain = raw.lower().replace("a.m.", "am").replace("p.m.", "pm").replace(" ", "").strip(".")
    if not plain:
        return None
    if plain in ("noon", "midday", "12noon"):
        return time(12, 0)
    if plain == "midnight":
        return time(0, 0)
    match = _TIME.fullmatch(plain) or _TIME_DIGITS.fullmatch(plain)
    if match is None:
        raise TimeEntryError(tr("“%1” is not a time FamilyRecord can read. Try 14:30 or 2.30pm.")
                             .replace("%1", _shown(raw)))
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half and not 1 <= hour <= 12:
        raise TimeEntryError(tr("%1 is not a time of day (with am or pm, hours go from 1 to 12).")
                             .replace("%1", _shown(raw)))
    if not 0 <= hour <= 23:
        raise TimeEntryError(tr("%1 is not a time of day (hours go from 0 to 23).")
                             .replace("%1", _shown(raw)))
    if not 0 <= minute <= 59:
        raise TimeEntryError(tr("%1 is not a time of day (minutes go from 0 to 59).")
                             .replace("%1", _shown(raw)))
    if half:
        hour = hour % 12 + (12 if half == "pm" else 0)
    return time(hour, minute)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    year = min(MAX_YEAR, max(MIN_YEAR, year))
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


# ---- widgets ------------------------------------------------------------------------------------

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
