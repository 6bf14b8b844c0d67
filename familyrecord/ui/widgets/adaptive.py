"""A master/detail split that fits the room: side by side when wide, list above detail when narrow.

With text at 200% on a laptop, a list beside a form leaves both too narrow to read; one above
the other keeps every word whole. The switch follows the width measured in characters of the
current font, so the same rule holds at every text size. (A view with its own rule for the
switch, such as the record lists, passes `arrange_itself=False` and sets the orientation.)

A plain QSplitter knows nothing of height-for-width: it gives a pane the minimum height of its
unwrapped words, and wrapped labels and buttons are then squeezed until they are cut. This one
gives each pane at least the height its layout needs at the width the pane has.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QStackedWidget, QWidget

# Below this many average characters across, the panes stack (a list of ~45 characters
# beside a form of ~70 is the least that reads well side by side).
WIDE_CHARS = 120
# Lines of the list kept in sight above the detail when stacked.
LIST_LINES = 5


def needed_height(pane: QWidget, width: int) -> int:
    """The height `pane` needs at `width` with its words wrapped (0 when it does not wrap)."""
    shown = pane.currentWidget() if isinstance(pane, QStackedWidget) else pane
    layout = shown.layout() if shown is not None else None
    if layout is None or not layout.hasHeightForWidth() or width <= 0:
        return 0
    return max(0, layout.totalMinimumHeightForWidth(width))


class AdaptiveSplitter(QSplitter):
    """Two panes (the list first). Emits `arranged(wide)` after it switches or first sizes."""

    arranged = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, wide_chars: int = WIDE_CHARS,
                 list_lines: int = LIST_LINES, arrange_itself: bool = True) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._wide_chars = wide_chars
        self._list_lines = list_lines
        self._arrange_itself = arrange_itself
        self._sized = False  # the first real size sets the split; after that the person's drag rules
        self.setChildrenCollapsible(False)
        self._heights = QTimer(self)
        self._heights.setSingleShot(True)
        self._heights.setInterval(0)
        self._heights.timeout.connect(self.fit_heights)

    def is_wide_enough(self, width: int) -> bool:
        return width >= self._wide_chars * self.fontMetrics().averageCharWidth()

    @property
    def wide(self) -> bool:
        return self.orientation() == Qt.Orientation.Horizontal

    def fit_heights(self) -> None:
        """Each pane that wraps its words gets at least the height it needs at its width."""
        for index in range(self.count()):
            pane = self.widget(index)
            if pane is None:
                continue
            width = pane.width() if self.wide else self.width()
            needed = needed_height(pane, width)
            if needed or pane.property("heightForWidthMinimum"):
                pane.setProperty("heightForWidthMinimum", bool(needed))
                pane.setMinimumHeight(needed)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self._heights.start()  # a pane's contents changed (another section, another entry)
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._heights.start()
        if not self._arrange_itself or self.count() < 2:
            return
        wide = self.is_wide_enough(event.size().width())
        if self._sized and wide == self.wide:
            return
        self._sized = True
        self.setOrientation(Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical)
        first = self.widget(0)
        if first is not None:
            first.setMinimumHeight(0 if wide else self.fontMetrics().lineSpacing() * self._list_lines)
        total = event.size().width() if wide else event.size().height()
        self.setSizes([total * 2 // 5, total * 3 // 5] if wide else [total // 3, total * 2 // 3])
        self.arranged.emit(wide)
