"""Small input widgets the forms share: optional dates and times, enum pickers, editable row lists."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from enum import StrEnum
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from familyrecord.formatting import SHORT_DATE
from familyrecord.ui.widgets.labels import label

E = TypeVar("E", bound=StrEnum)
W = TypeVar("W", bound=QWidget)

# formatting.SHORT_DATE (06/01/2025) as Qt's date widgets spell it.
QT_DATE = SHORT_DATE.replace("%d", "dd").replace("%m", "MM").replace("%Y", "yyyy")
QT_DATE_TIME = QT_DATE + " HH:mm"

# A date this old stands for "not filled in": Qt's date widgets cannot be empty.
_UNSET_DATE = QDate(1900, 1, 1)
_UNSET_DATETIME = QDateTime(_UNSET_DATE, QTime(0, 0))


def named(widget: W, name: str, description: str = "") -> W:
    """Give a widget its accessible name (screen readers and tests rely on it)."""
    widget.setAccessibleName(name)
    if isinstance(widget, QTabWidget):
        widget.tabBar().setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return widget


def scrolled(widget: QWidget) -> QScrollArea:
    """Put a widget in a frameless scroll area, so its minimum size never widens the window."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


def button(text: str, parent: QWidget | None = None, *, name: str = "",
           slot: Callable[[], object] | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setAccessibleName(name or text.replace("&", "").rstrip("…").strip())
    widget.setAutoDefault(False)
    if slot is not None:
        widget.clicked.connect(slot)
    return widget


class OptionalDateEdit(QDateEdit):
    """A date that may be left empty ("Not set")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(QT_DATE)
        self.setMinimumDate(_UNSET_DATE)
        self.setSpecialValueText(self.tr("Not set"))
        self.set_value(None)

    def value(self) -> date | None:
        current = self.date()
        if current == _UNSET_DATE:
            return None
        return date(current.year(), current.month(), current.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(_UNSET_DATE if value is None else QDate(value.year, value.month, value.day))


class OptionalDateTimeEdit(QDateTimeEdit):
    """A date and time that may be left empty; `required` ones start at today 10:00."""

    def __init__(self, parent: QWidget | None = None, *, required: bool = False) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(QT_DATE_TIME)
        self._required = required
        if not required:
            self.setMinimumDateTime(_UNSET_DATETIME)
            self.setSpecialValueText(self.tr("Not set"))
        self.set_value(None)

    def value(self) -> datetime | None:
        current = self.dateTime()
        if not self._required and current == _UNSET_DATETIME:
            return None
        d, t = current.date(), current.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())

    def set_value(self, value: datetime | None) -> None:
        if value is None:
            if self._required:
                self.setDateTime(QDateTime(QDate.currentDate(), QTime(10, 0)))
            else:
                self.setDateTime(_UNSET_DATETIME)
            return
        self.setDateTime(QDateTime(QDate(value.year, value.month, value.day),
                                   QTime(value.hour, value.minute)))


class OptionalTimeEdit(QTimeEdit):
    """A time of day that may be left empty (midnight stands for "Not set")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")
        self.setSpecialValueText(self.tr("Not set"))
        self.set_value(None)

    def value(self) -> time | None:
        current = self.time()
        if current == QTime(0, 0):
            return None
        return time(current.hour(), current.minute())

    def set_value(self, value: time | None) -> None:
        self.setTime(QTime(0, 0) if value is None else QTime(value.hour, value.minute))


class EnumCombo(QComboBox, Generic[E]):
    """Pick one value of an enumeration, shown in plain words."""

    def __init__(self, values: Iterable[E], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values = list(values)
        for value in self._values:
            self.addItem(label(value))
        # Long labels must not widen the window past the screen at large text sizes.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)

    def value(self) -> E:
        return self._values[max(0, self.currentIndex())]

    def set_value(self, value: E) -> None:
        if value in self._values:
            self.setCurrentIndex(self._values.index(value))


class RowListEditor(QWidget, Generic[W]):
    """A list of small row widgets (attendees, actions, disputed points) with add and remove."""

    changed = Signal()

    def __init__(self, make_row: Callable[[], W], add_text: str, empty_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make_row = make_row
        self._rows: list[tuple[QFrame, W]] = []  # (the frame with its Remove button, the row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._empty = QLabel(empty_text, self)
        self._empty.setWordWrap(True)
        layout.addWidget(self._empty)
        self._rows_box = QVBoxLayout()
        layout.addLayout(self._rows_box)
        self.add_button = button(add_text, self, slot=lambda: self.add_row().setFocus())
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)

    def add_row(self) -> W:
        holder = QFrame(self)
        holder.setFrameShape(QFrame.Shape.StyledPanel)
        line = QHBoxLayout(holder)
        line.setContentsMargins(8, 8, 8, 8)
        content = self._make_row()
        content.setParent(holder)
        line.addWidget(content, 1)
        remove = button(self.tr("Remove"), holder, name=self.tr("Remove this row"))
        remove.clicked.connect(lambda: self._remove(holder))
        line.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
        self._rows_box.addWidget(holder)
        self._rows.append((holder, content))
        self._empty.setVisible(False)
        self.changed.emit()
        return content

    def _remove(self, holder: QFrame) -> None:
        self._rows = [(frame, row) for frame, row in self._rows if frame is not holder]
        holder.setParent(None)
        holder.deleteLater()
        self._empty.setVisible(not self._rows)
        self.add_button.setFocus()
        self.changed.emit()

    def clear_rows(self) -> None:
        for holder, _row in self._rows:
            holder.setParent(None)
            holder.deleteLater()
        self._rows.clear()
        self._empty.setVisible(True)

    def contents(self) -> list[W]:
        return [row for _holder, row in self._rows]
