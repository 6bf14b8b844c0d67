"""One table model for every record type, loaded a page at a time.

The model asks the vault for `PAGE_SIZE` rows at first and more as the view scrolls
(canFetchMore/fetchMore), so a list of 50,000 letters opens at once and scrolls smoothly.
`clear()` drops every decrypted record (called on lock). Sorting and the filter box work
through a QSortFilterProxyModel on the rows loaded so far. The columns are the record type's
own (familyrecord.records.registry): each gives a raw value that is formatted here and sorted by.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
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

from familyrecord.formatting import short_date
from familyrecord.records.models import Record
from familyrecord.records.registry import Column, by_class
from familyrecord.services import Services
from familyrecord.ui.widgets.labels import label, tr_records

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex

# A column that has nothing to show says this instead of staying blank (keyed by its title):
# "Done" reads "Not yet" until the thing is done.
BLANK_TEXT = {"Done": "Not yet"}
# A record type registered without columns is listed by its one-line summary.
SUMMARY_COLUMN = Column("Entry", lambda record: record.summary())


def _tr(text: str) -> str:
    return QCoreApplication.translate("columns", text)


def cell_text(value: object, *, with_time: bool = False) -> str:
    """A column's raw value as people read it: dates, plain-words enums, yes or no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _tr("Yes") if value else _tr("No")
    if isinstance(value, StrEnum):
        return label(value)
    if isinstance(value, date):  # a datetime is a date too
        return short_date(value, with_time=with_time and isinstance(value, datetime))
    return str(value)


def sort_key(value: object, text: str) -> str:
    """Dates and numbers sort by value, not by how they read; words sort as they are shown."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return f"{value:012d}"
    return text.casefold()


def columns_of(record_type: type[Record]) -> tuple[Column, ...]:
    return by_class(record_type).columns or (SUMMARY_COLUMN,)


class RecordTableModel(QAbstractTableModel):
    def __init__(self, services: Services, record_type: type[Record], *, page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self._services = services
        self.record_type = record_type
        self.columns = columns_of(record_type)
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

    @staticmethod
    def text(record: Record, column: Column) -> str:
        shown = cell_text(column.value(record), with_time=column.with_time)
        blank = BLANK_TEXT.get(column.title)
        return _tr(blank) if not shown and blank else shown

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr_records(self.columns[section].title)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self.text(record, column)
            if record.archived and index.column() == 0:
                text = _tr("%1 (archived)").replace("%1", text)
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.text(record, column)
        if role == ID_ROLE:
            return record.id
        if role == SORT_ROLE:
            return sort_key(column.value(record), self.text(record, column))
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
