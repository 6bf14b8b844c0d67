"""One table model for every record type, loaded a page at a time.

The model asks the vault for `PAGE_SIZE` rows at first and more as the view scrolls
(canFetchMore/fetchMore), so a list of 50,000 letters opens at once and scrolls smoothly.
`clear()` drops every decrypted record (called on lock). Sorting and the filter box work
through a QSortFilterProxyModel on the rows loaded so far.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from familyrecord.records.models import (
    Child,
    ContactArrangement,
    ContactSession,
    Correspondence,
    Deadline,
    Event,
    Meeting,
    Person,
    Record,
)
from familyrecord.services import Services
from familyrecord.ui.widgets.labels import label

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("columns", text)


def show_date(value: date | datetime | None, with_time: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")
    return value.strftime("%d/%m/%Y")


def _sort_key(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, int):
        return f"{value:012d}"
    return str(value).casefold()


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    key: Callable[[Any], object] | None = None


def _yes(value: bool) -> str:
    return _tr("Yes") if value else _tr("No")


COLUMNS: dict[type[Record], list[Column]] = {
    Person: [
        Column("Name", lambda r: r.name),
        Column("Role", lambda r: label(r.role)),
        Column("Organisation", lambda r: r.organisation),
        Column("From", lambda r: show_date(r.allocated_from), lambda r: r.allocated_from or ""),
        Column("Until", lambda r: show_date(r.allocated_to), lambda r: r.allocated_to or ""),
    ],
    Child: [
        Column("Name", lambda r: r.name),
        Column("Date of birth", lambda r: show_date(r.date_of_birth), lambda r: r.date_of_birth or ""),
    ],
    Meeting: [
        Column("Date", lambda r: show_date(r.starts_at, True), lambda r: r.starts_at or ""),
        Column("Kind", lambda r: label(r.meeting_type)),
        Column("Title", lambda r: r.title),
        Column("Where", lambda r: r.place),
        Column("Open actions", lambda r: str(sum(1 for a in r.actions if not a.done)),
               lambda r: sum(1 for a in r.actions if not a.done)),
    ],
    Correspondence: [
        Column("Date", lambda r: show_date(r.dated), lambda r: r.dated or ""),
        Column("Received or sent", lambda r: label(r.direction)),
        Column("How", lambda r: label(r.channel)),
        Column("From", lambda r: r.from_name),
        Column("To", lambda r: r.to_name),
        Column("Subject", lambda r: r.subject),
        Column("Reply needed by", lambda r: show_date(r.reply_needed_by), lambda r: r.reply_needed_by or ""),
    ],
    ContactArrangement: [
        Column("With", lambda r: r.with_whom),
        Column("When", lambda r: r.schedule),
        Column("Where", lambda r: r.place),
        Column("Supervised", lambda r: _yes(r.supervised)),
    ],
    ContactSession: [
        Column("Date", lambda r: show_date(r.session_date), lambda r: r.session_date or ""),
        Column("With", lambda r: r.with_whom),
        Column("What happened", lambda r: label(r.status)),
        Column("Supervisor", lambda r: r.supervisor),
    ],
    Event: [
        Column("Date", lambda r: show_date(r.occurred_on), lambda r: r.occurred_on or ""),
        Column("What happened", lambda r: r.title),
        Column("Kind", lambda r: label(r.event_type)),
    ],
    Deadline: [
        Column("Due by", lambda r: show_date(r.due_on), lambda r: r.due_on or ""),
        Column("What is due", lambda r: r.title),
        Column("Kind", lambda r: label(r.deadline_kind)),
        Column("Done", lambda r: show_date(r.done_on) or _tr("Not yet"), lambda r: r.done_on or ""),
    ],
}


class RecordTableModel(QAbstractTableModel):
    def __init__(self, services: Services, record_type: type[Record], *, page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self._services = services
        self.record_type = record_type
        self.columns = COLUMNS[record_type]
        self.page_size = page_size
        self.include_archived = False
        self._rows: list[Record] = []
        self._total = 0

    # ---- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Forget what was loaded and load the first page again."""
        self.beginResetModel()
        self._rows = []
        self._total = 0 if self._services.is_locked else \
            self._services.repo(self.record_type).count(include_archived=self.include_archived)
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def clear(self) -> None:
        """Drop every decrypted record (on lock)."""
        self.beginResetModel()
        self._rows = []
        self._total = 0
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._services.is_locked:
            return
        page = self._services.list_records(self.record_type, include_archived=self.include_archived,
                                   limit=self.page_size, offset=len(self._rows))
        if not page:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    @property
    def total(self) -> int:
        return self._total

    def record_at(self, row: int) -> Record:
        return self._rows[row]

    def row_of(self, record_id: str) -> int:
        for i, record in enumerate(self._rows):
            if record.id == record_id:
                return i
        return -1

    def replace_record(self, record: Record) -> None:
        """Show a saved record's new state without reloading the whole list."""
        row = self.row_of(record.id)
        if row >= 0:
            self._rows[row] = record
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    # ---- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(self.columns[section].title)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = column.text(record)
            if record.archived and index.column() == 0:
                text = _tr("%1 (archived)").replace("%1", text)
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.text(record)
        if role == ID_ROLE:
            return record.id
        if role == SORT_ROLE:
            return _sort_key(column.key(record) if column.key else column.text(record))
        if role == Qt.ItemDataRole.FontRole and record.archived:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class RecordFilterModel(QSortFilterProxyModel):
    """Sorting by each column's own key, and a case-blind filter over every column."""

    def __init__(self, source: RecordTableModel) -> None:
        super().__init__()
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
