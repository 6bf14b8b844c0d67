"""The window's top bar: a title, everyday buttons, and safety buttons that never leave the screen.

"Lock" and "Hide now" are there for the moment someone walks into the room: they are pinned and
always shown. When large text or a narrow window leaves no room, the other buttons move into a
"More" menu, right to left, and the title is shortened with "…" (its full text is the tooltip).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

# The title keeps at least this many characters before a button goes into "More".
TITLE_CHARS = 10


class ElidedLabel(QLabel):
    """One line that ends in "…" when there is no room. `text()` stays the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setProperty("elidesOnPurpose", True)  # for checks of cut-off text (tests/ui/test_layout.py)

    def shown_text(self) -> str:
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             self.contentsRect().width())

    def is_elided(self) -> bool:
        return self.shown_text() != self.text()

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("M…"), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setToolTip(self.text() if self.is_elided() else "")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()), self.palette(),
                                  self.isEnabled(), self.shown_text(), self.foregroundRole())


class TopBar(QWidget):
    """Title on the left; `add_button` buttons may overflow into More, `add_pinned` ones never."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self.title = ElidedLabel(title, self)
        self.title.setProperty("heading", 1)
        self._row.addWidget(self.title, 1)
        self._optional: list[QPushButton] = []
        self._pinned: list[QPushButton] = []
        self.menu = QMenu(self)
        self.menu.setAccessibleName(self.tr("More"))
        self.menu.aboutToShow.connect(self._fill_menu)
        self.more_button = QToolButton(self)
        self.more_button.setText(self.tr("More…"))
        self.more_button.setAccessibleName(self.tr("More"))
        self.more_button.setToolTip(self.tr("The buttons there is no room for"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.more_button.setMenu(self.menu)
        self.more_button.setProperty("more", True)
        self.more_button.hide()
        self._row.addWidget(self.more_button)

    def add_button(self, button: QPushButton) -> None:
        """A button that may move into More when there is no room (first added, last to go)."""
        self._row.insertWidget(self._row.indexOf(self.more_button), button)
        self._optional.append(button)
        self._fit()

    def add_pinned(self, button: QPushButton) -> None:
        """A button that is always on the bar (Lock, Hide now)."""
        self._row.addWidget(button)
        self._pinned.append(button)
        self._fit()

    def overflowed(self) -> list[QPushButton]:
        """The buttons now reached through More."""
        return [button for button in self._optional if button.isHidden()]

    def _title_room(self) -> int:
        metrics = self.title.fontMetrics()
        return min(self.title.sizeHint().width(), metrics.averageCharWidth() * TITLE_CHARS)

    def _widths(self, widgets: list[QPushButton] | list[QToolButton]) -> int:
        return sum(w.sizeHint().width() + self._row.spacing() for w in widgets)

    def minimumSizeHint(self) -> QSize:
        # Whatever the buttons: the title's few characters, More and the pinned buttons.
        height = max([self.title.sizeHint().height(), self.more_button.sizeHint().height(),
                      *(b.sizeHint().height() for b in self._optional + self._pinned)])
        width = (self.title.minimumSizeHint().width() + self._widths([self.more_button])
                 + self._widths(self._pinned))
        return QSize(width, height)

    def sizeHint(self) -> QSize:
        full = self.title.sizeHint().width() + self._widths(self._optional) + self._widths(self._pinned)
        return QSize(full, self.minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit(event.size().width())
        super().resizeEvent(event)

    def _fit(self, width: int | None = None) -> None:
        room = (self.width() if width is None else width) - self._title_room() - self._widths(self._pinned)
        if self._widths(self._optional) <= room:
            shown = len(self._optional)
        else:
            room -= self._widths([self.more_button])
            shown = 0
            for button in self._optional:
                room -= button.sizeHint().width() + self._row.spacing()
                if room < 0:
                    break
                shown += 1
        for n, button in enumerate(self._optional):
            button.setVisible(n < shown)
        self.more_button.setVisible(shown < len(self._optional))

    def _fill_menu(self) -> None:
        self.menu.clear()
        for button in self.overflowed():
            action = QAction(button.text(), self.menu)
            action.setToolTip(button.toolTip())
            action.triggered.connect(button.click)
            self.menu.addAction(action)

