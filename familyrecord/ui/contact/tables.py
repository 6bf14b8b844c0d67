"""A read-only table for pages that scroll as a whole: as tall as its rows, columns shared out
by weight so long text wraps instead of running off the side, and the less needed columns
left out when the text is large or the window narrow."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

ID_ROLE = Qt.ItemDataRole.UserRole
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# Below this many average characters across, the columns marked optional are left out.
NARROW_CHARS = 100


class GrowingTable(QTableWidget):
    def __init__(self, columns: Sequence[str], weights: Sequence[int], *,
                 optional: Sequence[int] = (), whole: Sequence[int] = (),
                 parent: QWidget | None = None) -> None:
        """`weights` share the width out; `optional` columns are left out when narrow; `whole`
        columns (dates, sums of money) are as wide as their widest cell and never wrap."""
        super().__init__(parent)
        self.weights = list(weights)
        self.optional = set(optional)
        self.whole = set(whole)
        self.setColumnCount(len(columns))
        self.setHorizontalHeaderLabels(list(columns))
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                                   | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value))
        header.setMinimumSectionSize(self.fontMetrics().averageCharWidth() * 4)

    def set_rows(self, rows: Sequence[Sequence[str]], ids: Sequence[str] = (),
                 right_from: int | None = None) -> None:
        """Fill the table; `ids` go in each cell's user data, columns from `right_from` align right."""
        self.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if ids:
                    item.setData(ID_ROLE, ids[row])
                if right_from is not None and column >= right_from:
                    item.setTextAlignment(RIGHT)
                self.setItem(row, column, item)
        self.fit()

    def row_texts(self, column: int) -> list[str]:
        return [(self.item(r, column) or QTableWidgetItem()).text() for r in range(self.rowCount())]

    def fit(self) -> None:
        """Share the width out, let the rows take the height they need, and be that tall."""
        narrow = self.width() < NARROW_CHARS * self.fontMetrics().averageCharWidth()
        shown = [c for c in range(self.columnCount()) if not (narrow and c in self.optional)]
        for column in range(self.columnCount()):
            self.setColumnHidden(column, column not in shown)
        room = self.viewport().width()
        fixed = {c: max(self.sizeHintForColumn(c) + 4, self._longest_word(c)) for c in shown
                 if c in self.whole}
        flexible = [c for c in shown if c not in fixed]
        left = room - sum(fixed.values())
        if left < len(flexible) * self.fontMetrics().averageCharWidth() * 8:
            fixed, flexible, left = {}, shown, room  # too tight: everything shares by weight
        total = sum(self.weights[c] for c in flexible) or 1
        for column, width in fixed.items():
            self.setColumnWidth(column, width)
        for column in flexible:
            self.setColumnWidth(column, left * self.weights[column] // total)
        header = self.horizontalHeader()
        header.setFixedHeight(max(header.sizeHint().height(), self._header_height()))
        self.resizeRowsToContents()
        height = header.height() + self.verticalHeader().length() + 2 * self.frameWidth() + 2
        if height != self.height() or self.minimumHeight() != self.maximumHeight():
            self.setFixedHeight(height)  # only when it changes: each change lays the page out again

    def _longest_word(self, column: int) -> int:
        """Room for the title's longest word, so a narrow column's title wraps but is not cut."""
        title = (self.horizontalHeaderItem(column) or QTableWidgetItem()).text()
        metrics = self.horizontalHeader().fontMetrics()
        return max((metrics.horizontalAdvance(word) for word in title.split()), default=0) + 16

    def _header_height(self) -> int:
        """Tall enough for the longest title wrapped to its column."""
        metrics = self.horizontalHeader().fontMetrics()
        tallest = metrics.height()
        for column in range(self.columnCount()):
            if self.isColumnHidden(column):
                continue
            title = (self.horizontalHeaderItem(column) or QTableWidgetItem()).text()
            box = metrics.boundingRect(0, 0, max(10, self.columnWidth(column) - 12), 10_000,
                                       Qt.TextFlag.TextWordWrap, title)
            tallest = max(tallest, box.height())
        return tallest + 12

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()
