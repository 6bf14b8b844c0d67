"""Choose a record list's columns for its width, so what matters is never cut off.

Each column of the registry has a `drop_order` (records/registry.py): 0 columns always show;
when the list is too narrow for every column at its full width, the column with the highest
number goes first (the rightmost first among equals), then the next. The columns left get the
width their contents need; the widest text column (a title or subject) takes what room is
left over, and is the only one cut short ("…", the whole text in the tooltip) when even the
always-shown columns do not fit. Dates, names and roles are never elided.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

from familyrecord.records.registry import Column

PADDING = 16  # room around a cell's text, as the style draws it
MIN_ELIDED_CHARS = 12  # an elided column still shows this much


def columns_to_show(needed: Sequence[int], drop_orders: Sequence[int], available: int) -> list[bool]:
    """Which columns to show: drop the highest drop_order first until the rest fit."""
    shown = [True] * len(needed)
    droppable = sorted((order, index) for index, order in enumerate(drop_orders) if order > 0)
    while sum(n for n, keep in zip(needed, shown, strict=True) if keep) > available and droppable:
        _order, index = droppable.pop()
        shown[index] = False
    return shown


def widths(needed: Sequence[int], shown: Sequence[bool], stretch: int, available: int,
           minimum: int) -> list[int]:
    """Each shown column's width: what it needs, the stretch column taking the rest (or giving
    up its excess, down to `minimum`, when there is not enough)."""
    result = [n if keep else 0 for n, keep in zip(needed, shown, strict=True)]
    if stretch < 0:
        return result
    others = sum(result) - result[stretch]
    result[stretch] = max(available - others, min(minimum, needed[stretch]))
    return result


class ColumnFitter(QObject):
    """Keeps a table's columns fitted to its width (on resize and when rows change)."""

    def __init__(self, table: QTableView, columns: Sequence[Column],
                 sample: Callable[[int], object]) -> None:
        """`sample(column)` gives a raw value of that column (None when the list is empty)."""
        super().__init__(table)
        self._table = table
        self._columns = list(columns)
        self._sample = sample
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setWordWrap(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        table.installEventFilter(self)
        model = table.model()
        for signal in (model.modelReset, model.rowsInserted, model.dataChanged, model.layoutChanged):
            signal.connect(self._timer.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._table and event.type() in (
                QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._timer.start()
        return False

    def needed(self) -> list[int]:
        """The width each column needs for its header and the rows loaded."""
        header = self._table.horizontalHeader()
        result = []
        for index in range(len(self._columns)):
            cells = self._table.sizeHintForColumn(index) if self._table.model().rowCount() else 0
            result.append(max(header.sectionSizeHint(index), cells + PADDING))
        return result

    def fit(self) -> None:
        table = self._table
        available = table.viewport().width()
        if available <= 0 or not self._columns:
            return
        needed = self.needed()
        shown = columns_to_show(needed, [c.drop_order for c in self._columns], available)
        # The stretch column: the widest shown column that is not a date (dates never elide).
        candidates = [i for i, keep in enumerate(shown) if keep and not isinstance(self._sample(i), date)]
        stretch = max(candidates, key=lambda i: needed[i]) if candidates else -1
        minimum = table.fontMetrics().averageCharWidth() * MIN_ELIDED_CHARS
        sizes = widths(needed, shown, stretch, available, minimum)
        for index, keep in enumerate(shown):
            table.setColumnHidden(index, not keep)
            if keep:
                table.setColumnWidth(index, sizes[index])

    def shown_columns(self) -> list[int]:
        return [i for i in range(len(self._columns)) if not self._table.isColumnHidden(i)]
