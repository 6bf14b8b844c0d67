"""Quiet feedback for the record view: a status line that fades, and a title that never grows.

`StatusLine` says "Saved." and fades it out after a few seconds; errors stay until the next
action. Each message is also announced to screen readers (an accessible announcement, and the
label's accessible description). `OneLineTitle` shows a record's title on one line, elided with
"…" when long (the whole title in its tooltip and accessible name), so a long title never
pushes the tabs below it down.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, QSequentialAnimationGroup, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QResizeEvent
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QSizePolicy, QWidget

SHOWN_MS = 3000
FADE_MS = 1200


class StatusLine(QLabel):
    """One line of news about the last action."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setProperty("status", True)
        self._effect = QGraphicsOpacityEffect(self)
        self._effect.setOpacity(1.0)
        self.setGraphicsEffect(self._effect)
        fade = QPropertyAnimation(self._effect, b"opacity", self)
        fade.setStartValue(1.0)
        fade.setEndValue(0.0)
        fade.setDuration(FADE_MS)
        fade.setEasingCurve(QEasingCurve.Type.InQuad)
        self._fading = QSequentialAnimationGroup(self)
        self._fading.addPause(SHOWN_MS)
        self._fading.addAnimation(fade)
        self._fading.finished.connect(self._faded)
        self.announced = ""  # the last message announced (tests read it)

    def say(self, text: str, *, fade: bool = False) -> None:
        """Show `text`; `fade` lets it go after a few seconds (for good news)."""
        self._fading.stop()
        self._effect.setOpacity(1.0)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.announced = text
        if text and QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))
        if text and fade:
            self._fading.start()

    def is_fading(self) -> bool:
        return self._fading.state() == QSequentialAnimationGroup.State.Running

    def _faded(self) -> None:
        self.clear()
        self.setAccessibleDescription("")
        self._effect.setOpacity(1.0)

    def clear(self) -> None:
        self._fading.stop()
        self._effect.setOpacity(1.0)
        super().clear()


class OneLineTitle(QLabel):
    """A heading that stays on one line, elided when it does not fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    def set_title(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    def full_title(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width() - 2, 10)
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width))
