"""Beside a picture or a scan: the words the computer read from it, page by page, to check and
correct. Saving keeps the computer's reading too ("Show what the computer read" compares them)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from familyrecord.errors import UserError
from familyrecord.services import Services
from familyrecord.services.intake import CHECK_NOTE, PageReading
from familyrecord.storage import jobs as job_states
from familyrecord.storage.blobs import Attachment
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.errors import error_text

log = logging.getLogger(__name__)
PICTURE_TYPES = ("image/", "application/pdf")


def has_pictures(attachment: Attachment) -> bool:
    return attachment.media_type.startswith(PICTURE_TYPES)


class ReadingsPanel(QWidget):
    """The pages' words, one page at a time. Signal page_changed(index) asks the viewer to show it."""

    page_changed = Signal(int)

    def __init__(self, services: Services, attachment: Attachment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.attachment = attachment
        self.readings: list[PageReading] = []
        self.setAccessibleName(self.tr("The words the computer read"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("The words on the page"))
        title.setWordWrap(True)
        title.setProperty("heading", 2)
        layout.addWidget(title)
        self.note = QLabel(QCoreApplication.translate("intake", CHECK_NOTE))
        self.note.setWordWrap(True)
        font = self.note.font()
        font.setBold(True)
        self.note.setFont(font)
        layout.addWidget(self.note)
        self.pages = named(QComboBox(), self.tr("Page"))
        self.pages.currentIndexChanged.connect(self._show_page)
        layout.addWidget(self.pages)
        self.box = named(QPlainTextEdit(), self.tr("The words on this page"),
                         self.tr("Put right any words the computer read wrongly, then save."))
        self.box.textChanged.connect(self._update_buttons)
        layout.addWidget(self.box, 2)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        layout.addWidget(self.status)
        # Two rows of buttons, so the panel stays narrow beside the picture at large text.
        grid = QGridLayout()
        self.save_button = button(self.tr("Save my correction"), self, slot=self.save)
        self.undo_button = button(self.tr("Undo my changes"), self, slot=lambda: self._show_page(
            self.pages.currentIndex()))
        self.compare_button = button(self.tr("Show what the computer read"), self)
        self.compare_button.setCheckable(True)
        self.compare_button.toggled.connect(self._compare)
        grid.addWidget(self.save_button, 0, 0)
        grid.addWidget(self.undo_button, 0, 1)
        grid.addWidget(self.compare_button, 1, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        self.original = named(QPlainTextEdit(), self.tr("What the computer read"))
        self.original.setReadOnly(True)
        self.original.setVisible(False)
        layout.addWidget(self.original, 1)
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        layout.addWidget(self.waiting)
        self.read_button = button(self.tr("Read the words now"), self, slot=self.read_now)
        layout.addWidget(self.read_button)
        from familyrecord.ui.intake.background import reader_for

        reader_for(services).changed.connect(self._reader_changed)
        self.reload()

    # ---- showing --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the pages again from the record (after the background reader stored more)."""
        self.readings = self._services.intake.readings(self.attachment.id)
        shown = self.pages.currentIndex()
        self.pages.blockSignals(True)
        self.pages.clear()
        for reading in self.readings:
            self.pages.addItem(self.tr("Page %1 of %2").replace("%1", str(reading.page + 1))
                               .replace("%2", str(len(self.readings))), reading.page)
        self.pages.blockSignals(False)
        have = bool(self.readings)
        for widget in (self.note, self.box, self.save_button, self.undo_button, self.compare_button):
            widget.setVisible(have)
        self.pages.setVisible(len(self.readings) > 1)
        if have:
            self._show_page(min(max(shown, 0), len(self.readings) - 1))
        self._show_waiting()

    def _show_waiting(self) -> None:
        """Why there are no words (yet), and the way to have them read."""
        from familyrecord.ui.intake.background import reader_for

        state = next((t.job.state for t in self._services.intake.ocr_queue()
                      if t.job.attachment_id == self.attachment.id), "")
        running = reader_for(self._services).running
        text = ""
        if state in (job_states.QUEUED, job_states.RUNNING):
            text = (self.tr("The computer is reading the words in it now.") if running else
                    self.tr("The computer has not read the words in it yet."))
        elif state == job_states.CANCELLED:
            text = self.tr("Reading the words in it was stopped before the end.")
        elif state == job_states.FAILED:
            text = self.tr("The computer could not read the words in it.")
        elif not self.readings:
            text = self.tr("The computer has not read the words in it.")
        self.waiting.setText(text)
        self.waiting.setVisible(bool(text))
        self.read_button.setVisible(bool(text) and not running)
        self.read_button.setText(self.tr("Read the rest now") if self.readings
                                 else self.tr("Read the words now"))

    def current(self) -> PageReading | None:
        index = self.pages.currentIndex()
        return self.readings[index] if 0 <= index < len(self.readings) else None

    def _show_page(self, index: int) -> None:
        if not 0 <= index < len(self.readings):
            return
        if self.pages.currentIndex() != index:
            self.pages.setCurrentIndex(index)  # comes back here through the signal
            return
        reading = self.readings[index]
        self.box.setPlainText(reading.text)
        self.original.setPlainText(reading.original_text)
        self._say(self.tr("Corrected by you. What the computer read is kept as well.")
                  if reading.edited else "")
        self._update_buttons()
        self.page_changed.emit(reading.page)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def has_unsaved(self) -> bool:
        """The words on the page shown were changed and not saved."""
        reading = self.current()
        return reading is not None and self.box.toPlainText() != reading.text

    def _update_buttons(self) -> None:
        changed = self.has_unsaved()
        self.save_button.setEnabled(changed)
        self.undo_button.setEnabled(changed)

    def _compare(self, on: bool) -> None:
        self.original.setVisible(on)
        self.compare_button.setText(self.tr("Hide what the computer read") if on
                                    else self.tr("Show what the computer read"))

    # ---- changing -------------------------------------------------------------------------------

    def save(self) -> PageReading | None:
        reading = self.current()
        if reading is None:
            return None
        try:
            saved = self._services.intake.correct_reading(self.attachment.id, reading.page,
                                                          self.box.toPlainText())
        except UserError as exc:
            self._say(error_text(exc))
            return None
        self.readings[self.pages.currentIndex()] = saved
        self._show_page(self.pages.currentIndex())
        self._say(self.tr("Saved. Search finds your words now; what the computer read is kept as well."))
        return saved

    def read_now(self) -> None:
        """Queue this file's pictures (again) and start the background reader."""
        from familyrecord.ui.intake.background import reader_for

        try:
            job = self._services.intake.queue_ocr(self.attachment.id)
        except UserError as exc:
            self.waiting.setText(error_text(exc))
            return
        if job is None:
            self.waiting.setText(self.tr("There are no pictures of words in this file to read."))
            self.read_button.setVisible(False)
            return
        reader_for(self._services).start(again=True)
        self._show_waiting()

    def _reader_changed(self) -> None:
        """The background reader started or stopped: show new pages, but never over a correction
        being typed."""
        if self._services.is_locked or not self.isVisible():
            return
        if self.has_unsaved():
            self._show_waiting()
        else:
            self.reload()

    def clear(self) -> None:
        self.readings = []
        self.box.clear()
        self.original.clear()
