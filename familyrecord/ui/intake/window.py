""""Add letters and e-mails…": a review queue for many files at once.

Files (or folders) chosen or dropped are read on a worker, one row each, without reading the
words in pictures (that takes seconds a page): rows appear at once. Then, if the person wants,
the pictures are read row by row (OCR), and their suggestions come again. The person checks the
suggested fields beside the queue and accepts or skips each; nothing is saved until accepted.
After saving, pictures and scans not read yet are read in the background (ui/intake/background).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from familyrecord.records.models import Correspondence
from familyrecord.services import Services
from familyrecord.services.intake import IntakeItem
from familyrecord.ui.documents.attachments import dropped_paths
from familyrecord.ui.intake.background import BackgroundReading, reader_for
from familyrecord.ui.intake.details import DownScroll, ItemDetails
from familyrecord.ui.intake.queue_list import ReviewQueue
from familyrecord.ui.intake.rows import ReviewRow, RowState
from familyrecord.ui.intake.status import WorkStatus
from familyrecord.ui.intake.text_pane import SourceText
from familyrecord.ui.intake.work import Accepted, FilesQueue, PicturesQueue, SaveQueue
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.errors import error_text

log = logging.getLogger(__name__)


class IntakeWindow(QDialog):
    """The review queue. Signals: saved(record id) for each entry saved."""

    saved = Signal(str)

    def __init__(self, services: Services, own_addresses: Sequence[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.own_addresses = tuple(own_addresses)
        self.rows: list[ReviewRow] = []
        self._offset = 0  # the first row of the files the reading under way brings
        self._leaving = False
        self._closed = False
        self.question: QMessageBox | None = None
        self.files = FilesQueue(services, self.own_addresses, self)
        self.files.found.connect(self._on_found)
        self.files.read.connect(self._on_read)
        self.files.ended.connect(self._reading_ended)
        self.pictures = PicturesQueue(services, self.own_addresses, self)
        self.pictures.started.connect(self._pictures_started)
        self.pictures.progress.connect(self._pictures_progress)
        self.pictures.ended.connect(self._pictures_ended)
        self.saving = SaveQueue(services, self)
        self.saving.saved.connect(self._on_saved)
        self.saving.refused.connect(self._on_refused)
        self.saving.failed.connect(self._saving_failed)
        self.saving.idle.connect(self._saving_idle)
        self.background: BackgroundReading = reader_for(services)
        self.setWindowTitle(self.tr("Add letters and e-mails"))
        self.setAccessibleName(self.tr("Add letters and e-mails"))
        self.setAcceptDrops(True)
        self._build()
        self.details.form.reload_people()
        self._fit_screen()

    # ---- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        title = QLabel(self.tr("Add letters and e-mails"))
        title.setProperty("heading", 1)
        title.setWordWrap(True)
        top.addWidget(title, 1)
        self.files_button = button(self.tr("Choose files…"), self, slot=self.choose_files)
        self.folder_button = button(self.tr("Choose a folder…"), self, slot=self.choose_folder)
        top.addWidget(self.files_button)
        top.addWidget(self.folder_button)
        layout.addLayout(top)
        intro = QLabel(self.tr("Drop letters, e-mails, photos or scans here, or a folder of them. Check each "
                               "one: nothing is saved until you accept it."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.read_now = named(QCheckBox(self.tr("Read the words in photos and scans now")),
                              self.tr("Read the words in photos and scans now"),
                              self.tr("This takes a few seconds a page. Without it, they are read after "
                                      "saving."))
        self.read_now.setChecked(True)
        self.read_now.toggled.connect(self._read_now_toggled)
        layout.addWidget(self.read_now)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.queue = ReviewQueue(self)
        self.queue.current_changed.connect(self._row_changed)
        self.details = ItemDetails(self.services, self)
        self.details.form.edited.connect(self._remember_edits)
        self.text = SourceText(self)
        self.details.form.span_requested.connect(self.text.show_span)
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(named(DownScroll(self.details), self.tr("The file you are checking")))
        self.splitter.addWidget(self.text)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setChildrenCollapsible(False)
        self._split_sized = False
        layout.addWidget(self.splitter, 1)
        self.work = WorkStatus(self.background, self)
        self.work.stop_button.clicked.connect(self.stop_reading)
        self.status = self.work.status
        layout.addWidget(self.work)
        bottom = QHBoxLayout()
        self.accept_button = button(self.tr("Accept"), self, slot=self.accept_current)
        self.accept_button.setToolTip(self.tr("Save the file you are checking as a letter or e-mail in "
                                              "your record."))
        self.skip_button = button(self.tr("Skip"), self, slot=self.skip_current)
        self.skip_button.setToolTip(self.tr("Leave the file you are checking out. Nothing is saved."))
        bottom.addWidget(self.accept_button)
        bottom.addWidget(self.skip_button)
        self.accept_all_button = button(self.tr("Accept all ready"), self, slot=self.accept_all_ready)
        self.accept_all_button.setToolTip(self.tr("Save every file marked \"Ready to check\", as it is "
                                                  "shown."))
        bottom.addWidget(self.accept_all_button)
        bottom.addStretch(1)
        bottom.addWidget(button(self.tr("Close"), self, slot=self.reject))
        layout.addLayout(bottom)
        self._update_actions()

    def _fit_screen(self) -> None:
        screen = self.screen() if self.screen() is not None else QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width = min(1280, room.width()) if room is not None else 1280
        height = min(860, room.height() - 40) if room is not None else 860
        self.resize(width, height)
        if room is not None:
            self.setMaximumSize(room.size())

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The first real size shares the width out; after that the person's dragging rules.
        if not self._split_sized and self.width() > 0:
            self._split_sized = True
            width = self.width()
            self.splitter.setSizes([width * 24 // 100, width * 42 // 100, width * 34 // 100])
        super().resizeEvent(event)

    # ---- adding files ---------------------------------------------------------------------------

    def choose_files(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose letters and e-mails"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda names: self.add_paths([Path(n) for n in names]))
        dialog.open()

    def choose_folder(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a folder of letters and e-mails"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(lambda name: self.add_paths([Path(name)]))
        dialog.open()

    def add_paths(self, paths: Sequence[Path]) -> None:
        """Read these files (and the letters in these folders) into the queue."""
        if not paths or self._closed or self.services.is_locked:
            return
        self.pictures.stopped = not self.read_now.isChecked()
        self.status.setText(self.tr("Reading the files…"))
        self.files.add(paths)
        self._update_busy()

    def _on_found(self, files: list[Path]) -> None:
        if self._closed:
            return
        self._offset = len(self.rows)
        for path in files:
            self.rows.append(ReviewRow(path))
            self.queue.add_row(self.rows[-1])
        if not files:
            self.status.setText(self.tr("No letters, e-mails or documents were found there."))
        if self.queue.current_index() < 0 and self.rows:
            self.queue.select(self._offset)

    def _on_read(self, position: int, item: IntakeItem) -> None:
        if self._closed:
            return
        index = self._offset + position
        row = self.rows[index]
        row.item = item
        row.settle()
        self._refresh_row(index, reload=True)
        self._next_pictures()

    def _reading_ended(self, outcome: str, exc: object) -> None:
        if self._closed:
            return
        if outcome == "failed":
            self.status.setText(error_text(exc, os_error=self.tr("The files could not be read: %1")))
        elif outcome == "stopped":
            for index, row in enumerate(self.rows):
                if row.state == RowState.READING:
                    row.state = RowState.NOT_READ
                    self._refresh_row(index)
            self.status.setText(self.tr("Reading was stopped. The files read so far are in the list."))
        else:
            self.status.setText(self.tr("Check each file, then press Accept. Nothing is saved until you do."))
        self._update_busy()
        self._update_actions()

    # ---- reading pictures now -------------------------------------------------------------------

    def _read_now_toggled(self, on: bool) -> None:
        if on:  # ticked again: read the pictures left unread, stopped ones too
            for row in self.rows:
                row.pictures_tried = row.pictures_tried and not row.pictures_wait
            self.pictures.stopped = False
            self._next_pictures()
        else:
            self.pictures.stop()

    def _next_pictures(self) -> None:
        if not self._closed and self.read_now.isChecked():
            self.pictures.next(self.rows)
        self._update_busy()

    def _pictures_started(self, index: int) -> None:
        self.rows[index].state = RowState.PICTURES
        self._refresh_row(index)
        self._update_busy()

    def _pictures_progress(self, index: int, done: float, total: float) -> None:
        if not self.files.busy and 0 <= index < len(self.rows):
            pages = int(total or 1)
            self.status.setText(self.tr("Reading the words in “%1”: page %2 of %3.")
                                .replace("%1", self.rows[index].name)
                                .replace("%2", str(min(int(done) + 1, pages))).replace("%3", str(pages)))
            self.work.show_progress(done, total)

    def _pictures_ended(self, index: int, item: IntakeItem | None) -> None:
        if self._closed:
            return
        row = self.rows[index] if 0 <= index < len(self.rows) else None
        if row is not None:
            row.pictures_tried = True
            if row.state == RowState.PICTURES:  # not accepted or skipped meanwhile
                if item is not None:
                    row.item = item
                row.settle()
                self._refresh_row(index, reload=True)
        self._next_pictures()

    def stop_reading(self) -> None:
        """Stop reading files and pictures now; what was read stays in the list."""
        self.pictures.stop()
        self.files.stop()

    # ---- the queue ------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    def current_row(self) -> ReviewRow | None:
        index = self.queue.current_index()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _row_changed(self, index: int, previous: int) -> None:
        if 0 <= previous < len(self.rows) and self.rows[previous].is_open:
            self.rows[previous].edits = self.details.form.edits()
        row = self.rows[index] if 0 <= index < len(self.rows) else None
        self.details.show_row(row)
        self.text.show_item(row.item if row is not None else None)
        self._update_actions()

    def _remember_edits(self) -> None:
        row = self.current_row()
        if row is not None and row.is_open:
            row.edits = self.details.form.edits()

    def _refresh_row(self, index: int, *, reload: bool = False) -> None:
        row = self.rows[index]
        self.queue.update_row(index, row)
        if index == self.queue.current_index():
            if reload:
                self.details.show_row(row)
                self.text.show_item(row.item)
            else:
                self.details.set_actions(row)
        self._update_actions()

    def _select_next_open(self, after: int) -> None:
        order = [*range(after + 1, len(self.rows)), *range(0, after + 1)]
        found = next((i for i in order if self.rows[i].is_open), -1)
        if found >= 0:
            self.queue.select(found)

    # ---- accepting and skipping -----------------------------------------------------------------

    def accept_current(self) -> None:
        index = self.queue.current_index()
        if 0 <= index < len(self.rows) and self.rows[index].is_open:
            self.rows[index].edits = self.details.form.edits()
            self._save([index])
            self._select_next_open(index)

    def accept_all_ready(self) -> None:
        current = self.current_row()
        if current is not None and current.is_open:
            current.edits = self.details.form.edits()
        self._save([i for i, row in enumerate(self.rows) if row.state == RowState.READY])

    def skip_current(self) -> None:
        index = self.queue.current_index()
        if not (0 <= index < len(self.rows)) or not self.rows[index].is_open:
            return
        self.pictures.leave(index)
        self.rows[index].state = RowState.SKIPPED
        self._refresh_row(index)
        self._select_next_open(index)

    def _save(self, indexes: list[int]) -> None:
        batch: list[Accepted] = []
        for index in indexes:
            row = self.rows[index]
            assert row.item is not None
            self.pictures.leave(index)  # its pictures are read after saving
            row.state, row.problem = RowState.SAVING, ""
            batch.append((index, row.item, dict(row.edits)))
            self._refresh_row(index)
        if batch and not self._closed:
            self.saving.add(batch)

    def _on_saved(self, index: int, record: Correspondence) -> None:
        if self._closed:
            return
        row = self.rows[index]
        row.state, row.record_id = RowState.SAVED, record.id
        self._refresh_row(index)
        self.saved.emit(record.id)

    def _on_refused(self, index: int, exc: object) -> None:
        if self._closed:
            return
        row = self.rows[index]
        row.settle()
        row.problem = error_text(exc) if exc is not None else self.tr("saving was stopped.")
        self._refresh_row(index)

    def _saving_idle(self) -> None:
        if self._closed:
            return
        saved = sum(1 for row in self.rows if row.state == RowState.SAVED)
        self.status.setText(self.tr("Saved: %1. They are in Letters and can be found by Search.")
                            .replace("%1", str(saved)))
        self.background.start()  # the pictures and scans not read yet
        self._update_actions()

    def _saving_failed(self, exc: object) -> None:
        for index, row in enumerate(self.rows):
            if row.state == RowState.SAVING:
                row.settle()
                self._refresh_row(index)
        self.status.setText(error_text(exc, os_error=self.tr("Saving failed: %1")))

    # ---- showing where things stand -------------------------------------------------------------

    def _update_busy(self) -> None:
        self.work.set_busy(self.files.busy or self.pictures.busy)

    def _update_actions(self) -> None:
        current = self.current_row()
        self.accept_button.setEnabled(current is not None and current.is_open)
        self.skip_button.setEnabled(current is not None and current.is_open)
        self.accept_all_button.setEnabled(any(row.state == RowState.READY for row in self.rows))

    # ---- closing --------------------------------------------------------------------------------

    def reject(self) -> None:
        """Close (or Escape): ask first when files are read but neither saved nor skipped."""
        open_rows = sum(1 for row in self.rows if row.is_open)
        if not open_rows or self._leaving:
            super().reject()
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Close without saving?"),
                          self.tr("%1 of the files are not saved. Close anyway? They will not be kept.")
                          .replace("%1", str(open_rows)),
                          QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda result: self._leave(result == QMessageBox.StandardButton.Close.value))
        self.question = box
        box.open()

    def _leave(self, yes: bool) -> None:
        if yes:
            self._leaving = True
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop the work under way and forget every word read (also when the record locks)."""
        if event.spontaneous() and not self._leaving and any(row.is_open for row in self.rows):
            event.ignore()  # the window's own close button: ask first, as Close does
            self.reject()
            return
        self._closed = True
        self.files.shutdown()
        self.pictures.shutdown()
        self.saving.shutdown()
        self.rows.clear()
        self.queue.clear()
        self.details.show_row(None)
        self.text.clear()
        super().closeEvent(event)
