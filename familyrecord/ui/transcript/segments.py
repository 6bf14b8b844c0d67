"""The list of transcript segments: time, speaker, words, marks; the one playing is highlighted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from familyrecord.storage.transcripts import Segment
from familyrecord.transcription.export import clock

PLAYING = QColor(255, 236, 153)  # a soft yellow that keeps dark text readable


class StatusNote(QLabel):
    """A wrapped message line that takes no room while it has nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.setVisible(False)


class SegmentTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.segments: list[Segment] = []
        self.playing_row = -1
        self.setAccessibleName(self.tr("Transcript segments"))
        self.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Speaker"), self.tr("What was said"),
                                         self.tr("Marked")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def show_segments(self, segments: list[Segment]) -> None:
        current = self.currentRow()
        self.segments = segments
        self.setRowCount(len(segments))
        for row, seg in enumerate(segments):
            self.fill_row(row, seg)
        self.playing_row = -1
        if 0 <= current < len(segments):
            self.setCurrentCell(current, 2)

    def fill_row(self, row: int, seg: Segment) -> None:
        marks = [m for m, on in ((self.tr("disputed"), seg.disputed),
                                 (self.tr("important"), seg.important)) if on]
        if seg.edited:
            marks.append(self.tr("corrected"))
        for column, value in enumerate((clock(seg.start), seg.speaker, seg.text, ", ".join(marks))):
            item = QTableWidgetItem(value)
            item.setData(Qt.ItemDataRole.UserRole, seg.id)
            self.setItem(row, column, item)

    def replace(self, seg: Segment) -> None:
        row = next(i for i, s in enumerate(self.segments) if s.id == seg.id)
        self.segments[row] = seg
        self.fill_row(row, seg)
        if row == self.playing_row:
            self.playing_row = -1
            self.highlight(row)

    def current(self) -> Segment | None:
        row = self.currentRow()
        return self.segments[row] if 0 <= row < len(self.segments) else None

    def row_at(self, ms: int) -> int:
        seconds = ms / 1000
        for row, seg in enumerate(self.segments):
            if seg.start <= seconds < seg.end:
                return row
        return -1

    def highlight(self, row: int) -> None:
        """Mark the segment being played and keep it in view."""
        if row == self.playing_row:
            return
        for changing, brush in ((self.playing_row, QBrush()), (row, QBrush(PLAYING))):
            for column in range(self.columnCount()):
                item = self.item(changing, column) if changing >= 0 else None
                if item is not None:
                    item.setBackground(brush)
                    item.setForeground(QBrush(QColor(0, 0, 0)) if changing == row else QBrush())
        self.playing_row = row
        first = self.item(row, 0) if row >= 0 else None
        if first is not None:
            self.scrollToItem(first)

    def find_next(self, text: str) -> bool:
        """Move the cursor to the next segment holding `text` (any case), wrapping round."""
        needle = text.strip().lower()
        count = len(self.segments)
        for step in range(1, count + 1) if needle else ():
            row = (self.currentRow() + step) % count
            if needle in self.segments[row].text.lower():
                self.setCurrentCell(row, 2)
                return True
        return False

    def clear_segments(self) -> None:
        self.segments = []
        self.playing_row = -1
        self.setRowCount(0)
