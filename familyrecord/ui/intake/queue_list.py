"""The list of files in the review queue: one row each, its name and where it stands."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from familyrecord.ui.intake.hints import breakable
from familyrecord.ui.intake.rows import ReviewRow, RowState
from familyrecord.ui.widgets.common import named


class ReviewQueue(QListWidget):
    current_changed = Signal(int, int)  # (row now, row before); -1 for none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, self.tr("Files to check"),
              self.tr("One row a file. Choose one to check what the computer suggests for it."))
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(14 * self.fontMetrics().averageCharWidth())
        self.setUniformItemSizes(False)
        self.setSpacing(2)
        self._previous = -1
        self.currentRowChanged.connect(self._changed)

    def _changed(self, index: int) -> None:
        previous, self._previous = self._previous, index
        self.current_changed.emit(index, previous)

    def add_row(self, row: ReviewRow) -> None:
        self.addItem(QListWidgetItem())
        self.update_row(self.count() - 1, row)

    def update_row(self, index: int, row: ReviewRow) -> None:
        item = self.item(index)
        if item is None:
            return
        item.setText(f"{breakable(row.name)}\n{row.short_text()}")
        item.setToolTip(row.state_text())
        done = row.state in (RowState.SAVED, RowState.SKIPPED)
        item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText if done
                                                else QPalette.ColorRole.Text))

    def current_index(self) -> int:
        return self.currentRow()

    def select(self, index: int) -> None:
        self.setCurrentRow(index)

    def clear(self) -> None:
        self.blockSignals(True)
        super().clear()
        self.blockSignals(False)
        self._previous = -1
