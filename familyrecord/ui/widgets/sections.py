"""Section tabs that wrap onto a second line instead of scrolling, so no label is ever cut off.

With text at 200% a row of tabs no longer fits; a QTabBar would hide some behind scroll arrows.
Here each section is a checkable button in a flow layout above a stacked widget. The API is the
part of QTabWidget the app uses (addTab, count, currentIndex, setCurrentIndex, currentWidget…).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QLayout,
    QLayoutItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)


class FlowLayout(QLayout):
    """Lays items left to right and wraps them onto new lines."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._laid_out_height = 0  # the height the items took at the last width they were given
        self.setSpacing(spacing)
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        height = self._arrange(rect, move=True)
        if height != self._laid_out_height:
            # The lines wrapped differently: the minimum height changed, so the layouts above
            # (and a splitter, which knows nothing of height-for-width) must ask again.
            self._laid_out_height = height
            self.invalidate()

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        """The widest item; as tall as the lines need at the width it has now (once known)."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        if self._laid_out_height > 0:
            size.setHeight(max(size.height(), self._laid_out_height))
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        gap = self.spacing()
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            line = max(line, hint.height())
        return y + line - rect.y()


class SectionTabs(QWidget):
    currentChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QWidget()
        self.flow = FlowLayout(self.bar, spacing=4)
        layout.addWidget(self.bar)
        self.stack = QStackedWidget()
        self.stack.setFrameShape(QStackedWidget.Shape.StyledPanel)
        layout.addWidget(self.stack, 1)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(self.setCurrentIndex)
        self.buttons: list[QPushButton] = []

    def addTab(self, widget: QWidget, title: str) -> int:
        index = len(self.buttons)
        section = QPushButton(title)
        section.setCheckable(True)
        section.setAutoDefault(False)
        section.setProperty("section", True)
        section.setAccessibleName(self.tr("Section: %1").replace("%1", title))
        self.group.addButton(section, index)
        self.flow.addWidget(section)
        self.buttons.append(section)
        self.stack.addWidget(widget)
        if index == 0:
            section.setChecked(True)
        return index

    def count(self) -> int:
        return len(self.buttons)

    def currentIndex(self) -> int:
        return self.stack.currentIndex()

    def setCurrentIndex(self, index: int) -> None:
        if not 0 <= index < len(self.buttons):
            return
        self.buttons[index].setChecked(True)
        if index != self.stack.currentIndex():
            self.stack.setCurrentIndex(index)
            self.currentChanged.emit(index)

    def currentWidget(self) -> QWidget | None:
        return self.stack.currentWidget()

    def setCurrentWidget(self, widget: QWidget) -> None:
        self.setCurrentIndex(self.stack.indexOf(widget))

    def widget(self, index: int) -> QWidget | None:
        return self.stack.widget(index)

    def indexOf(self, widget: QWidget) -> int:
        return self.stack.indexOf(widget)

    def tabText(self, index: int) -> str:
        return self.buttons[index].text()
