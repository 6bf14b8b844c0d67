"""The Qt table model of chronology rows, and the horizontal timeline that draws them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHeaderView, QSizePolicy, QTableView, QWidget

from familyrecord.formatting import short_date
from familyrecord.records.enums import Significance
from familyrecord.views.chronology import ChronologyRow

Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("Chronology", text)


SIGNIFICANCE_TEXT = {Significance.LOW: "Low", Significance.NORMAL: "Normal", Significance.HIGH: "High"}


class ChronologyModel(QAbstractTableModel):
    """Columns: number, date, what happened (editable), who, source, importance, in export."""

    COL_NO, COL_DATE, COL_TEXT, COL_WHO, COL_SOURCE, COL_IMPORTANCE, COL_INCLUDED = range(7)

    def __init__(self, on_text: Callable[[ChronologyRow, str], None] | None = None,
                 on_included: Callable[[ChronologyRow, bool], None] | None = None,
                 parent: QWidget | None = None) -> None:
        """Without the two callbacks the model is read-only (the export wizard's preview)."""
        super().__init__(parent)
        self._rows: list[ChronologyRow] = []
        self._on_text, self._on_included = on_text, on_included
        self._headers = [tr("No."), tr("Date"), tr("What happened"), tr("Who"), tr("Source"),
                         tr("Importance"), tr("In export")]

    def set_rows(self, rows: Sequence[ChronologyRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ChronologyRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[ChronologyRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.COL_TEXT and self._on_text is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() == self.COL_INCLUDED and self._on_included is not None:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row())
        if row is None:
            return None
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            values = [str(row.serial) if row.serial else "–", row.date_text, row.text, row.people,
                      row.source_label, tr(SIGNIFICANCE_TEXT[row.significance]), ""]
            if col == self.COL_TEXT and row.disputed and role == Qt.ItemDataRole.DisplayRole:
                return tr("Disputed.") + " " + row.text
            return values[col]
        if role == Qt.ItemDataRole.CheckStateRole and col == self.COL_INCLUDED:
            return Qt.CheckState.Checked if row.included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and row.significance is Significance.HIGH:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not row.included:
            return QColor("#777777")
        if role == Qt.ItemDataRole.ToolTipRole:
            # Everything about the row, also when narrow columns are hidden.
            said = [tr("Who: %1.").replace("%1", row.people) if row.people else "",
                    tr("Source: %1.").replace("%1", row.source_label) if row.source_label else "",
                    tr("Importance: %1.").replace("%1", tr(SIGNIFICANCE_TEXT[row.significance])),
                    tr("You changed this row's wording.") if row.edited else ""]
            return " ".join(part for part in said if part)
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index.row())
        if row is None:
            return False
        if index.column() == self.COL_TEXT and role == Qt.ItemDataRole.EditRole and self._on_text:
            self._on_text(row, str(value))
            return True
        if (index.column() == self.COL_INCLUDED and role == Qt.ItemDataRole.CheckStateRole
                and self._on_included):
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
            self._on_included(row, bool(checked))
            return True
        return False


class Timeline(QWidget):
    """A horizontal line of the chronology: one mark per row, taller for important ones."""

    row_clicked = Signal(int)

    COLOURS: ClassVar[dict[Significance, str]] = {
        Significance.LOW: "#7a9cc6", Significance.NORMAL: "#1f5f99", Significance.HIGH: "#b3261e"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ChronologyRow] = []
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr("Timeline"))
        self.setAccessibleDescription(tr("Each mark is a row of the chronology; red marks are important."))

    def set_rows(self, rows: Sequence[ChronologyRow]) -> None:
        self._rows = list(rows)
        self.update()

    def _span(self) -> tuple[date, int]:
        first = min(r.on for r in self._rows)
        last = max(r.on for r in self._rows)
        return first, max(1, (last - first).days)

    def _x(self, row: ChronologyRow) -> float:
        first, days = self._span()
        return 20 + (self.width() - 40) * (row.on - first).days / days

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        mid = self.height() // 2
        painter.setPen(QPen(QColor("#444444"), 2))
        painter.drawLine(20, mid, self.width() - 20, mid)
        if not self._rows:
            painter.drawText(20, mid - 10, tr("Nothing to show yet."))
            return
        for row in self._rows:
            height = 28 if row.significance is Significance.HIGH else 16
            painter.setPen(QPen(QColor(self.COLOURS[row.significance]), 3))
            x = int(self._x(row))
            painter.drawLine(x, mid - height, x, mid + height // 3)
        first, _days = self._span()
        painter.setPen(QColor("#222222"))
        painter.drawText(20, self.height() - 6, short_date(first))
        last = short_date(max(r.on for r in self._rows))
        painter.drawText(self.width() - 20 - painter.fontMetrics().horizontalAdvance(last),
                         self.height() - 6, last)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self._rows:
            return
        x = event.position().x()
        nearest = min(range(len(self._rows)), key=lambda i: abs(self._x(self._rows[i]) - x))
        self.row_clicked.emit(nearest)


def configure_table(table: QTableView, who: int = 200, source: int = 220) -> None:
    """Wrapped wording gets the room; who and source keep a readable, fixed share."""
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(ChronologyModel.COL_TEXT, QHeaderView.ResizeMode.Stretch)
    for column, width in ((ChronologyModel.COL_WHO, who), (ChronologyModel.COL_SOURCE, source)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().hide()
