"""Choose a record list's columns for its width, so what matters is never cut off.

Each column of the registry has a `drop_order` (records/registry.py): 0 columns always show;
when the list is too narrow for every column at its full width, the column with the highest
number goes first (the rightmost first among equals), then the next. Dates and numbers get the
width they need and are never cut short. Text columns share what is left: each gets all it
needs if it can, and only the longest texts are elided ("…", the whole text in the tooltip),
each to the same width, so a short name or role stays whole beside a long title; rows then
grow to two lines, so a cut column wraps ("Social worker / (allocated)") before it elides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from familyrecord.records.registry import Column

PADDING = 18  # room around a cell's text, as the style draws it
MIN_TEXT_CHARS = 16  # a text column cut short still shows about this much
MEASURED_ROWS = 300  # widths are measured on the first rows loaded
ROW_MARGIN = 4


def columns_to_show(needed: Sequence[int], drop_orders: Sequence[int], available: int) -> list[bool]:
    """Which columns to show: drop the highest drop_order first until the rest fit."""
    shown = [True] * len(needed)
    droppable = sorted((order, index) for index, order in enumerate(drop_orders) if order > 0)
    while sum(n for n, keep in zip(needed, shown, strict=True) if keep) > available and droppable:
        _order, index = droppable.pop()
        shown[index] = False
    return shown


def share_widths(needed: Sequence[int], fixed: Sequence[bool], shown: Sequence[bool], available: int,
                 floor: int) -> list[int]:
    """Widths for the shown columns: fixed ones get what they need; text columns share the rest,
    the narrow ones whole, the widest cut to an equal share (never below `floor`, or below what
    they need when that is less). Room left over goes to the widest text column."""
    result = [n if keep and fix else 0 for n, fix, keep in zip(needed, fixed, shown, strict=True)]
    flexible = sorted((i for i, keep in enumerate(shown) if keep and not fixed[i]), key=lambda i: needed[i])
    room = available - sum(result)
    for position, index in enumerate(flexible):
        share = room // (len(flexible) - position)
        result[index] = needed[index] if needed[index] <= share else max(share, min(floor, needed[index]))
        room -= result[index]
    if flexible and room > 0:
        result[flexible[-1]] += room
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
        table.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        table.installEventFilter(self)
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)  # a scroll bar coming or going narrows it
        model = table.model()
        for signal in (model.modelReset, model.rowsInserted, model.dataChanged, model.layoutChanged):
            signal.connect(self._timer.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self._table or watched is self._viewport) and event.type() in (
                QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._timer.start()
        return False

    def needed(self) -> list[int]:
        """The width each column needs for its header and the rows loaded (hidden ones too)."""
        table, model = self._table, self._table.model()
        header = table.horizontalHeader()
        style = header.style()
        header_extra = (2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
                        + style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize) + PADDING)
        cells, heads = table.fontMetrics(), header.fontMetrics()
        rows = min(model.rowCount(), MEASURED_ROWS)
        result = []
        for column in range(len(self._columns)):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = max((cells.horizontalAdvance(str(model.index(row, column).data() or ""))
                          for row in range(rows)), default=0)
            result.append(max(heads.horizontalAdvance(title) + header_extra, widest + PADDING))
        return result

    def fixed(self) -> list[bool]:
        """Columns never cut short: dates and numbers (by a raw value of the first row)."""
        return [isinstance(self._sample(i), date | int) and not isinstance(self._sample(i), bool)
                for i in range(len(self._columns))]

    def side_by_side_width(self) -> int:
        """The narrowest list that shows every always-shown column well: dates and numbers whole,
        text whole up to about MIN_TEXT_CHARS characters."""
        floor = self._table.fontMetrics().averageCharWidth() * MIN_TEXT_CHARS
        needed, fixed = self.needed(), self.fixed()
        always = [column.drop_order == 0 for column in self._columns]
        width = sum(n if fix else min(n, floor)
                    for n, fix, keep in zip(needed, fixed, always, strict=True) if keep)
        return width + self._table.verticalScrollBar().sizeHint().width() + 2 * self._table.frameWidth()

    def fit(self) -> None:
        table = self._table
        available = table.viewport().width()
        if available <= 0 or not self._columns:
            return
        needed = self.needed()
        shown = columns_to_show(needed, [c.drop_order for c in self._columns], available)
        floor = table.fontMetrics().averageCharWidth() * MIN_TEXT_CHARS
        sizes = share_widths(needed, self.fixed(), shown, available, floor)
        for index, keep in enumerate(shown):
            table.setColumnHidden(index, not keep)
            if keep:
                table.setColumnWidth(index, sizes[index])
        cut = any(keep and sizes[i] < needed[i] for i, keep in enumerate(shown))
        lines = table.fontMetrics()
        one_line = lines.height() + 2 * ROW_MARGIN
        table.verticalHeader().setDefaultSectionSize(one_line + (lines.lineSpacing() if cut else 0))

    def shown_columns(self) -> list[int]:
        return [i for i in range(len(self._columns)) if not self._table.isColumnHidden(i)]
