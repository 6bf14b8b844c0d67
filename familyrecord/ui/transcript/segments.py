"""The list of transcript lines: time, speaker, words (wrapped), marks; the one playing is highlighted.

Double-click or F2 corrects a line's words in place (see inline.py); the table only reports the
new words (`text_committed`), the panel saves them. Columns share the width so the words always
get most of it, and rows grow to show every word: nothing is cut off, even at 200% text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QResizeEvent
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
from familyrecord.ui.transcript.inline import LineTextDelegate

PLAYING = QColor(255, 236, 153)  # a soft yellow that keeps dark text readable
TIME, SPEAKER, TEXT, MARKS = range(4)


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
    text_committed = Signal(int, str)  # the line's segment id, the corrected words

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.segments: list[Segment] = []
        self.playing_row = -1
        self.setAccessibleName(self.tr("Transcript lines"))
        self.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Speaker"), self.tr("What was said"),
                                        self.tr("Marked")])
        # Editing starts only by F2, double-click or the menu (the panel's actions), never by typing:
        # letters are the shortcuts for marks.
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabKeyNavigation(False)  # Tab leaves the list; arrows move inside it
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.delegate = LineTextDelegate(self)
        self.setItemDelegateForColumn(TEXT, self.delegate)
        self.delegate.committed.connect(self._on_committed)
        # Rows are measured again once after a burst of changes (resizing, new lines arriving).
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_rows)

    # ---- filling -------------------------------------------------------------------------------

    def show_segments(self, segments: list[Segment]) -> None:
        current = self.currentRow()
        if self.editing:  # a correction under way stays open while its line stays where it is
            edited = self.segments[current].id if 0 <= current < len(self.segments) else None
            if not (0 <= current < len(segments)) or segments[current].id != edited:
                self.delegate.cancel()
        self.segments = segments
        self.setRowCount(len(segments))
        for row, seg in enumerate(segments):
            self.fill_row(row, seg)
        self.playing_row = -1
        if 0 <= current < len(segments):
            self.setCurrentCell(current, TEXT)
        self.fit_columns()

    def fill_row(self, row: int, seg: Segment) -> None:
        marks = [m for m, on in ((self.tr("disputed"), seg.disputed),
                                 (self.tr("important"), seg.important)) if on]
        if seg.edited:
            marks.append(self.tr("corrected"))
        values = (clock(seg.start), seg.speaker, seg.text, "\n".join(marks))
        heard = self.tr("Corrected. The machine heard: {0}").format(seg.original_text) if seg.edited else ""
        for column, value in enumerate(values):
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            flags = flags | Qt.ItemFlag.ItemIsEditable if column == TEXT else flags
            roles = ((Qt.ItemDataRole.DisplayRole, value), (Qt.ItemDataRole.UserRole, seg.id),
                     (Qt.ItemDataRole.ToolTipRole, heard))  # the machine's words, on hover
            item = self.item(row, column)
            if item is None:
                item = QTableWidgetItem()
                for role, data in roles:
                    item.setData(role, data)
                item.setFlags(flags)
                self.setItem(row, column, item)
                continue
            # Items are kept and only what changed is set: an open editor stays valid, and each
            # change repaints. Every role read here was set above (see view.recording_id on
            # why an unset one is never read).
            for role, data in roles:
                if item.data(role) != data:
                    item.setData(role, data)
            if item.flags() != flags:
                item.setFlags(flags)
        self._fit_timer.start()

    def replace(self, seg: Segment) -> None:
        row = next(i for i, s in enumerate(self.segments) if s.id == seg.id)
        self.segments[row] = seg
        self.fill_row(row, seg)
        self.fit_columns()
        if row == self.playing_row:
            self.playing_row = -1
            self.highlight(row)

    def clear_segments(self) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            self.delegate.cancel()
        self.segments = []
        self.playing_row = -1
        self.setRowCount(0)

    # ---- sizes ---------------------------------------------------------------------------------

    def fit_columns(self) -> None:
        """Time, speaker and marks take what they need (the speaker at most a quarter); the words
        get the rest, wrapped."""
        metrics = self.fontMetrics()
        pad = 3 * metrics.averageCharWidth()

        def widest(column: int, cap: int) -> int:
            heading = self.horizontalHeaderItem(column)
            texts = [heading.text() if heading is not None else ""]
            texts += [line for row in range(self.rowCount()) if (item := self.item(row, column))
                      for line in item.text().splitlines()]
            return min(cap, max(metrics.horizontalAdvance(t) for t in texts) + pad)

        width = self.viewport().width()
        # Marks get a column only once a line has one: until then the words have its room.
        self.setColumnHidden(MARKS, not any(s.disputed or s.important or s.edited
                                            for s in self.segments))
        self.setColumnWidth(TIME, widest(TIME, width // 4))
        self.setColumnWidth(SPEAKER, widest(SPEAKER, width // 4))
        self.setColumnWidth(MARKS, widest(MARKS, width // 5))
        self._fit_timer.start()

    def fit_rows(self) -> None:
        self.resizeRowsToContents()

    def minimumSizeHint(self) -> QSize:
        """Room for the headings and three lines of words, whatever the text size."""
        hint = super().minimumSizeHint()
        lines = 3 * self.fontMetrics().lineSpacing() + self.horizontalHeader().sizeHint().height()
        return QSize(hint.width(), max(hint.height(), lines + 2 * self.frameWidth()))

    def sizeHint(self) -> QSize:
        """Ask for little: the list takes what the rest leaves (its stretch), and a scroll area
        around the editor reads the preferred height as the least it may have."""
        minimum = self.minimumSizeHint()
        return QSize(super().sizeHint().width(), minimum.height() + self.fontMetrics().lineSpacing())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit_columns()

    # ---- the line under the cursor -------------------------------------------------------------

    def current(self) -> Segment | None:
        row = self.currentRow()
        return self.segments[row] if 0 <= row < len(self.segments) else None

    def row_at(self, ms: int) -> int:
        seconds = ms / 1000
        for row, seg in enumerate(self.segments):
            if seg.start <= seconds < seg.end:
                return row
        return -1

    def row_near(self, seconds: float) -> int:
        """The line said at `seconds`, else the last one begun before it (else the first)."""
        row = self.row_at(int(seconds * 1000))
        if row >= 0 or not self.segments:
            return row
        started = [i for i, s in enumerate(self.segments) if s.start <= seconds]
        return started[-1] if started else 0

    @property
    def editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState

    def edit_current(self) -> bool:
        """Open the current line's words for correction, in place."""
        item = self.item(self.currentRow(), TEXT) if self.currentRow() >= 0 else None
        if item is None:
            return False
        self.setCurrentItem(item)
        self.scrollToItem(item)
        self.editItem(item)
        return self.editing

    def move_current(self, step: int) -> None:
        if self.segments:
            row = min(len(self.segments) - 1, max(0, self.currentRow() + step))
            self.setCurrentCell(row, TEXT)
            self.scrollTo(self.model().index(row, TEXT))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Double-click anywhere on a line corrects its words (a single click moves the player)."""
        index = self.indexAt(event.position().toPoint())
        if not index.isValid():
            super().mouseDoubleClickEvent(event)
            return
        self.setCurrentCell(index.row(), TEXT)
        self.edit_current()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_columns()

    def _on_committed(self, row: int, text: str) -> None:
        """Name the line by its id now, report it once the editor has closed (the lines may be
        reloaded in between, when a transcription adds some)."""
        if 0 <= row < len(self.segments):
            segment_id = self.segments[row].id
            QTimer.singleShot(0, self, lambda: self.text_committed.emit(segment_id, text))

    # ---- following the player ------------------------------------------------------------------

    def highlight(self, row: int) -> None:
        """Mark the line being played and keep it in view."""
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
        if first is not None and not self.editing:
            self.scrollToItem(first)

    def find_next(self, text: str) -> bool:
        """Move the cursor to the next line holding `text` (any case), wrapping round."""
        needle = text.strip().lower()
        count = len(self.segments)
        for step in range(1, count + 1) if needle else ():
            row = (self.currentRow() + step) % count
            if needle in self.segments[row].text.lower():
                self.setCurrentCell(row, TEXT)
                return True
        return False
