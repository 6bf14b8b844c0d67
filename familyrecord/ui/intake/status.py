"""Under the review queue: what is happening now (a line of words, a bar, Stop) and what the
background reader is doing with the pictures already saved."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from familyrecord.ui.intake.background import BackgroundReading
from familyrecord.ui.widgets.common import button, named


class WorkStatus(QWidget):
    def __init__(self, background: BackgroundReading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._background = background
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        busy = QHBoxLayout()
        self.progress = named(QProgressBar(self), self.tr("Reading the files"))
        self.progress.setRange(0, 1000)
        self.stop_button = button(self.tr("Stop reading"), self)
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.stop_button)
        layout.addLayout(busy)
        later = QHBoxLayout()
        self.background_note = QLabel(self)
        self.background_note.setWordWrap(True)
        self.background_stop = button(self.tr("Stop reading the pictures"), self, slot=background.cancel)
        self.background_start = button(self.tr("Read them now"), self,
                                       slot=lambda: background.start(again=True))
        later.addWidget(self.background_note, 1)
        later.addWidget(self.background_stop)
        later.addWidget(self.background_start)
        layout.addLayout(later)
        background.changed.connect(self.show_background)
        background.progress.connect(lambda _done, _total: self.show_background())
        self.set_busy(False)
        self.show_background()

    def say(self, text: str) -> None:
        self.status.setText(text)

    def show_progress(self, done: float, total: float) -> None:
        self.progress.setValue(int(1000 * done / total) if total else 0)

    def set_busy(self, busy: bool) -> None:
        """The bar and Stop while files or pictures are being read."""
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)
        if not busy:
            self.progress.setValue(0)

    def show_background(self) -> None:
        """What the background reader is doing, or what waits for it (nothing when all is read)."""
        if self._background.services.is_locked:
            return
        text = self._background.summary()
        running = self._background.running
        self.background_note.setText(text)
        self.background_note.setVisible(bool(text))
        self.background_stop.setVisible(running)
        self.background_start.setVisible(bool(text) and not running)
