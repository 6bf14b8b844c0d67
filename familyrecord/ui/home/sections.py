"""Home's sections: short lists that open their record, and deadline rows with what to do."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from familyrecord.formatting import long_date
from familyrecord.records.enums import DeadlineWho
from familyrecord.records.models import Deadline
from familyrecord.ui.home.words import due_words
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.sections import FlowLayout
from familyrecord.views.due import DueItem

ID_ROLE = Qt.ItemDataRole.UserRole
# The deadline notes the core appends when a deadline moves with its record or is chased.
_NEWS = ("Moved from ", "Chase letter drafted ")


def tr_due(text: str) -> str:
    """The core's advice (views/due.py), translated as a whole sentence."""
    return QCoreApplication.translate("due", text)


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("heading", 2)
    label.setWordWrap(True)
    return label


def wrapped(text: str = "", *, empty_state: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if empty_state:
        label.setProperty("emptyState", True)
    return label


class FittedList(QListWidget):
    """A list as tall as its rows, wrapped to its width: Home scrolls as one page, so a list
    with its own scroll bar would hide rows inside a box (worst at large text sizes)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.setAlternatingRowColors(True)  # rows of two lines stay apart
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for policy in (self.setHorizontalScrollBarPolicy, self.setVerticalScrollBarPolicy):
            policy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def fit(self) -> None:
        if self.count() == 0:
            self.setFixedHeight(2 * self.frameWidth())
            return
        self.doItemsLayout()
        last = self.visualItemRect(self.item(self.count() - 1))
        content = last.bottom() + self.verticalOffset() + self.spacing() + 1
        self.setFixedHeight(content + 2 * self.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()  # rows wrap differently at another width


class HomeSection(QWidget):
    """A heading, a short list of entries that open on Enter or double-click, and an empty text.

    An entry marked urgent (overdue) is shown in bold; its words say so too."""

    def __init__(self, title: str, empty: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(title))
        self.empty_text = empty
        self.empty = wrapped(empty, empty_state=True)
        layout.addWidget(self.empty)
        self.list = named(FittedList(), title)
        layout.addWidget(self.list)

    def set_items(self, items: list[tuple[str, str]], urgent: set[int] | None = None) -> None:
        """(text, record id) rows; `urgent` holds the positions to show in bold."""
        self.list.clear()
        for position, (text, record_id) in enumerate(items):
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, record_id)
            if urgent and position in urgent:
                font = QFont(self.list.font())
                font.setBold(True)
                item.setFont(font)
            self.list.addItem(item)
        self.empty.setVisible(not items)
        self.list.setVisible(bool(items))
        self.list.fit()

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


class DueRow(QFrame):
    """One deadline: what, by when, how it stands in working days, what to do when late."""

    open_requested = Signal(str)
    chase_requested = Signal(object)  # the Deadline

    def __init__(self, item: DueItem, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("late", item.late)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        self.title = wrapped(item.deadline.title)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.status = wrapped(QCoreApplication.translate("home", "By %1: %2").replace(
            "%1", long_date(item.due_on)).replace("%2", due_words(item.due_on, today)))
        if item.late:
            self.status.setFont(font)
        layout.addWidget(self.status)
        self.whose = wrapped(QCoreApplication.translate(
            "home", "Not marked as yours or the council's: open it to say whose step it is."))
        self.whose.setVisible(item.who is DeadlineWho.UNSAID)
        layout.addWidget(self.whose)
        self.news = wrapped(latest_news(item.deadline))
        self.news.setVisible(bool(self.news.text()))
        layout.addWidget(self.news)
        self.advice = wrapped(tr_due(item.advice))
        self.advice.setVisible(bool(item.advice))
        layout.addWidget(self.advice)
        buttons_box = QWidget()
        buttons = FlowLayout(buttons_box, spacing=8)
        self.open_button = button(QCoreApplication.translate("home", "Open"), self,
                                  name=QCoreApplication.translate("home", "Open %1").replace(
                                      "%1", item.deadline.title),
                                  slot=lambda: self.open_requested.emit(item.deadline.id))
        buttons.addWidget(self.open_button)
        self.chase_button = None
        if item.can_chase:
            self.chase_button = button(
                QCoreApplication.translate("home", "Draft a letter to chase this"), self,
                slot=lambda: self.chase_requested.emit(item.deadline))
            buttons.addWidget(self.chase_button)
        layout.addWidget(buttons_box)


def latest_news(deadline: Deadline) -> str:
    """The last note the app added (moved with its record, chase letter drafted), or ""."""
    for line in reversed(deadline.notes.splitlines()):
        if line.startswith(_NEWS):
            return line.strip()
    return ""


class DueSection(QWidget):
    """A heading and the deadline rows of one side (the family's, or the council's and court's)."""

    open_requested = Signal(str)
    chase_requested = Signal(object)

    def __init__(self, title: str, empty: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(title))
        self.empty = wrapped(empty, empty_state=True)
        layout.addWidget(self.empty)
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(8)
        layout.addLayout(self._rows_box)
        self.rows: list[DueRow] = []

    def set_items(self, items: list[DueItem], today: date) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        for item in items:
            row = DueRow(item, today, self)
            row.open_requested.connect(self.open_requested)
            row.chase_requested.connect(self.chase_requested)
            self._rows_box.addWidget(row)
            self.rows.append(row)
        self.empty.setVisible(not items)
