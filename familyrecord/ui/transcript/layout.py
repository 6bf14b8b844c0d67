"""Where the transcript's parts go: side by side when wide, one above the other when narrow, and
a window of its own for the whole editor.

`Adaptive` flips a box layout at a width measured in average characters, so the switch point
follows the text size (100%–200%). `OwnWindow` holds the editor while it is out of the meeting
page; closing it (or locking, which closes every window) puts the editor back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from familyrecord.ui.widgets.common import scrolled


class Adaptive(QWidget):
    """Two parts in a row when at least `chars` average characters wide, else in a column."""

    flipped = Signal(bool)  # True when side by side

    def __init__(self, first: QWidget, second: QWidget, chars: int, *, stretch: tuple[int, int],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chars = chars
        self._stretch = stretch
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addWidget(first)
        self.box.addWidget(second)
        self.beside = True
        self._arrange(beside=False)

    def threshold(self) -> int:
        return self._chars * self.fontMetrics().averageCharWidth()

    def _arrange(self, *, beside: bool) -> None:
        if beside == self.beside:
            return
        self.beside = beside
        self.box.setDirection(QBoxLayout.Direction.LeftToRight if beside
                              else QBoxLayout.Direction.TopToBottom)
        first, second = self._stretch if beside else (1, 0)
        self.box.setStretch(0, first)
        self.box.setStretch(1, second)
        item = self.box.itemAt(1)
        widget = item.widget() if item is not None else None
        if widget is not None:  # beside: at the top, next to the first lines
            self.box.setAlignment(widget, Qt.AlignmentFlag.AlignTop if beside else Qt.AlignmentFlag(0))
        self.flipped.emit(beside)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(beside=event.size().width() >= self.threshold())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._arrange(beside=self.width() >= self.threshold())


ROOMY = QSize(1600, 1000)  # a screen at least this big gets a window of 80%, not all of it


class OwnWindow(QWidget):
    """A top-level window for the transcript editor. Owned by the panel (closed on lock)."""

    def __init__(self, on_close: Callable[[], None], parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._on_close = on_close
        # No meeting title or file name here: window titles show in task bars and window lists.
        self.setWindowTitle(self.tr("Recording and transcript – FamilyRecord"))
        self.setAccessibleName(self.tr("Recording and transcript"))
        self.scroller = scrolled(QWidget())  # scrolls rather than squeezes, at any text size
        QVBoxLayout(self).addWidget(self.scroller)

    def hold(self, editor: QWidget) -> None:
        self.scroller.setWidget(editor)
        editor.show()

    def show_sized(self) -> None:
        """All of a laptop's screen (the point is room for the transcript); most of a big one."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.show()
            return
        area = screen.availableGeometry()
        small = area.width() < ROOMY.width() or area.height() < ROOMY.height()
        size = area.size() if small else area.size() * 0.8
        self.resize(size)
        self.move(area.center() - self.rect().center())
        if small:
            self.showMaximized()
        else:
            self.show()

    def release(self) -> QWidget:
        return self.scroller.takeWidget()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._on_close()
        super().closeEvent(event)
