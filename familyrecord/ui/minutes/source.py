"""The first step: where the official minutes come from — a file kept with the meeting (PDF, Word,
a photo of the pages) or their words pasted in. They are read on a worker (photos and scans by
OCR, a few seconds a page) with a progress bar and Stop; a review already started can be carried on.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from familyrecord.importers import extract
from familyrecord.progress import CancelCheck, Progress
from familyrecord.records.enums import Verdict
from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.storage.blobs import Attachment
from familyrecord.ui.minutes.words import tr
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.workers import Task, import_task

log = logging.getLogger(__name__)


def readable_files(services: Services, meeting: Meeting) -> list[Attachment]:
    """The meeting's files that can hold minutes (documents, e-mails, pictures; not recordings)."""
    return [a for a in services.attachments_for(meeting) if extract.can_extract(a.file_name)]


class SourcePage(QWidget):
    """Choose the minutes and read them. Signals: ready(review id) once the review is there."""

    ready = Signal(str)

    def __init__(self, services: Services, meeting: Meeting, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.meeting = meeting
        self.task: Task | None = None
        self._build()
        self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        heading = QLabel(tr("Where are the official minutes?"), self)
        heading.setProperty("heading", 2)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        intro = QLabel(tr("Choose the minutes kept with this meeting, or paste their words. They are "
                          "read here, on this computer, and compared with what was said."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.carry_on_note = QLabel(self)
        self.carry_on_note.setWordWrap(True)
        self.carry_on_button = button(tr("Carry on checking"), self, slot=self._carry_on)
        carry_on = QHBoxLayout()
        carry_on.addWidget(self.carry_on_note, 1)
        carry_on.addWidget(self.carry_on_button)
        layout.addLayout(carry_on)

        self.choice = QButtonGroup(self)
        self.use_file = QRadioButton(tr("A file kept with this meeting:"), self)
        self.use_text = QRadioButton(tr("The words of the minutes, pasted here:"), self)
        self.choice.addButton(self.use_file)
        self.choice.addButton(self.use_text)
        layout.addWidget(self.use_file)
        self.files = named(QListWidget(self), tr("Files kept with this meeting"))
        self.files.itemSelectionChanged.connect(lambda: self.use_file.setChecked(True))
        self.files.itemActivated.connect(lambda _item: self.read())
        layout.addWidget(self.files, 1)
        files_row = QHBoxLayout()
        self.no_files = QLabel(tr("No documents or photos are kept with this meeting yet."), self)
        self.no_files.setWordWrap(True)
        self.add_file_button = button(tr("Add the minutes file…"), self, slot=self.choose_file)
        files_row.addWidget(self.no_files, 1)
        files_row.addWidget(self.add_file_button)
        layout.addLayout(files_row)
        layout.addWidget(self.use_text)
        self.pasted = named(QPlainTextEdit(self), tr("The words of the minutes"))
        self.pasted.setPlaceholderText(tr("Paste the minutes here (Ctrl+V)."))
        self.pasted.setTabChangesFocus(True)
        self.pasted.textChanged.connect(self._pasted_changed)
        layout.addWidget(self.pasted, 1)

        actions = QHBoxLayout()
        self.read_button = button(tr("Read the minutes"), self, slot=self.read)
        self.read_button.setDefault(True)
        self.progress = named(QProgressBar(self), tr("Reading the minutes"))
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.stop_button = button(tr("Stop"), self, name=tr("Stop reading the minutes"), slot=self.stop)
        self.stop_button.setVisible(False)
        actions.addWidget(self.read_button)
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.stop_button)
        layout.addLayout(actions)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(tr("What is happening"))
        layout.addWidget(self.status)

    # ---- what there is to choose from ------------------------------------------------------------

    def reload(self, select: str = "") -> None:
        existing = self.services.minutes.review_for(self.meeting.id)
        if existing is not None and existing.statements:
            checked = sum(1 for s in existing.statements if s.verdict is not Verdict.UNMARKED)
            self.carry_on_note.setText(tr(
                "You have started checking these minutes: {0} of {1} checked. Carry on, or read "
                "other minutes below (what you said about statements worded the same is kept)."
            ).format(checked, len(existing.statements)))
        can_carry_on = existing is not None and bool(existing.statements)
        for widget in (self.carry_on_note, self.carry_on_button):
            widget.setVisible(can_carry_on)
        self.files.clear()
        chosen = select or self.meeting.minutes_attachment_id
        for attachment in readable_files(self.services, self.meeting):
            item = QListWidgetItem(attachment.file_name)
            item.setData(Qt.ItemDataRole.UserRole, attachment.id)
            self.files.addItem(item)
            if attachment.id == chosen:
                self.files.setCurrentItem(item)
        has_files = self.files.count() > 0
        self.files.setVisible(has_files)
        self.no_files.setVisible(not has_files)
        self.use_file.setEnabled(has_files)
        if has_files and (self.files.currentItem() is None):
            self.files.setCurrentRow(0)
        if not has_files:
            self.use_text.setChecked(True)

    def _pasted_changed(self) -> None:
        if self.pasted.toPlainText().strip():
            self.use_text.setChecked(True)

    def chosen_attachment(self) -> str | None:
        item = self.files.currentItem()
        if not self.use_file.isChecked() or item is None:
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))

    # ---- adding a file ---------------------------------------------------------------------------

    def choose_file(self) -> None:
        dialog = QFileDialog(self, tr("Add the minutes file"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([tr("Minutes (*.pdf *.docx *.odt *.txt *.eml *.msg *.jpg *.jpeg *.png "
                                  "*.heic *.tif *.tiff *.webp)"), tr("All files (*)")])
        dialog.fileSelected.connect(lambda name: self.add_file(Path(name)))
        dialog.open()

    def add_file(self, path: Path) -> None:
        """Keep the file with the meeting (encrypted, like every file), then offer it."""
        if self.busy:
            return
        self.task = import_task(self.services, path, self.meeting.id, self)
        self.task.finished.connect(lambda attachment: self._file_added(attachment))
        self._start(self.task, tr("Adding the file…"))

    def _file_added(self, attachment: object) -> None:
        self._idle()
        self.reload(select=attachment.id if isinstance(attachment, Attachment) else "")
        self.use_file.setChecked(self.files.count() > 0)
        self.status.setText(tr("The file is kept with the meeting. Now read the minutes."))

    # ---- reading ---------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.is_running

    def read(self) -> None:
        if self.busy:
            return
        attachment_id = self.chosen_attachment()
        text = None if attachment_id else self.pasted.toPlainText()
        if attachment_id is None and not (text or "").strip():
            self.status.setText(tr("Choose the minutes file, or paste the words of the minutes."))
            return
        sibling = self.services.sibling()
        meeting_id = self.meeting.id

        def job(progress: Progress, cancelled: CancelCheck) -> str:
            try:
                return sibling.minutes.start(meeting_id, attachment_id=attachment_id, text=text,
                                             progress=progress, cancelled=cancelled).id
            finally:
                sibling.lock()

        self.task = Task(job, self)
        self.task.finished.connect(self._read)
        self._start(self.task, tr("Reading the minutes… Photos and scans take a few seconds a page."))

    def _carry_on(self) -> None:
        existing = self.services.minutes.review_for(self.meeting.id)
        if existing is not None:
            self.ready.emit(existing.id)

    def _read(self, review_id: object) -> None:
        self._idle()
        self.status.clear()
        self.ready.emit(str(review_id))

    def _start(self, task: Task, message: str) -> None:
        # Widgets closed earlier may wait in reference cycles; collected on the worker (OCR makes
        # plenty of garbage) they would be destroyed off the GUI thread, which Qt aborts on.
        gc.collect()
        task.progress.connect(self._progress)
        task.failed.connect(self._failed)
        task.cancelled.connect(self._stopped)
        self.status.setText(message)
        self.progress.setRange(0, 0)
        for widget in (self.progress, self.stop_button):
            widget.setVisible(True)
        for widget in (self.read_button, self.add_file_button, self.carry_on_button):
            widget.setEnabled(False)
        task.start()

    def _progress(self, done: object, total: object) -> None:
        if isinstance(total, int | float) and total > 0 and isinstance(done, int | float):
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * done / total))

    def _failed(self, exc: object) -> None:
        self._idle()
        log.info("reading the minutes failed: %s", type(exc).__name__)
        self.status.setText(error_text(exc, os_error=tr("The file could not be read: %1.")))

    def _stopped(self) -> None:
        self._idle()
        self.status.setText(tr("Stopped. Nothing was changed."))

    def _idle(self) -> None:
        for widget in (self.progress, self.stop_button):
            widget.setVisible(False)
        for widget in (self.read_button, self.add_file_button, self.carry_on_button):
            widget.setEnabled(True)

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def shut_down(self) -> None:
        """Stop any reading and wait for it (the window is closing or the record locking)."""
        if self.task is not None and self.task.is_running:
            self.task.cancel()
            self.task.wait(10000)
