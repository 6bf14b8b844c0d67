"""Files linked to a record: drag and drop or "Add file…", imported off the GUI thread, opened in memory."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from familyrecord.errors import UserError
from familyrecord.records.models import Record
from familyrecord.services import Services
from familyrecord.storage.blobs import Attachment
from familyrecord.ui.documents.viewers import AttachmentViewer
from familyrecord.ui.widgets.common import button, named
from familyrecord.ui.widgets.errors import error_text
from familyrecord.ui.widgets.workers import Task, import_task

log = logging.getLogger(__name__)
MAX_VIEW_BYTES = 150 * 1024 * 1024


def human_size(size: int) -> str:
    """900 bytes, 5.0 KB, 1.2 MB, 3.4 GB."""
    if size < 1024:
        return QCoreApplication.translate("sizes", "%1 bytes").replace("%1", str(size))
    amount = float(size)
    for unit in ("%1 KB", "%1 MB", "%1 GB"):
        amount /= 1024
        if amount < 1024 or unit == "%1 GB":
            break
    return QCoreApplication.translate("sizes", unit).replace("%1", f"{amount:.1f}")


def dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()
            and Path(url.toLocalFile()).is_file()]


def dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """Local files and folders being dragged in."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()
            and Path(url.toLocalFile()).exists()]


class AttachmentOpener:
    """Decrypts an attachment into memory and shows it; remembers the windows so lock can close them."""

    def __init__(self, services: Services, parent: QWidget) -> None:
        self._services = services
        self._parent = parent
        self.viewers: list[AttachmentViewer] = []

    def open(self, attachment: Attachment) -> AttachmentViewer | None:
        if attachment.size > MAX_VIEW_BYTES:
            return None
        viewer = AttachmentViewer(attachment, self._services.read_attachment(attachment.id), self._parent,
                                  services=self._services)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.finished.connect(lambda _result: self._forget(viewer))
        self.viewers.append(viewer)
        viewer.show()
        return viewer

    def _forget(self, viewer: AttachmentViewer) -> None:
        if viewer in self.viewers:
            self.viewers.remove(viewer)

    def close_all(self) -> None:
        for viewer in list(self.viewers):
            viewer.clear()
        self.viewers.clear()


class AttachmentsPanel(QWidget):
    """The "Files" tab of a record."""

    imported = Signal(object)  # Attachment

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._record: Record | None = None
        self._queue: list[Path] = []
        self.task: Task | None = None
        self.opener = AttachmentOpener(services, self)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Letters, reports, photos and recordings for this entry. Drag files here, "
                               "or use \"Add file…\". They are kept encrypted inside your record."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = named(QListWidget(), self.tr("Files"))
        self.list.itemActivated.connect(lambda item: self.open_current())
        layout.addWidget(self.list, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.progress = named(QProgressBar(), self.tr("Adding file"))
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        row = QHBoxLayout()
        self.add_button = button(self.tr("Add file…"), self, slot=self.choose_files)
        self.open_button = button(self.tr("Open"), self, slot=self.open_current)
        self.save_button = button(self.tr("Save a copy…"), self, slot=self.save_copy)
        self.cancel_button = button(self.tr("Stop adding"), self, slot=self.cancel)
        self.cancel_button.setVisible(False)
        for widget in (self.add_button, self.open_button, self.save_button, self.cancel_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)

    # ---- showing ---------------------------------------------------------------------------

    def set_record(self, record: Record | None) -> None:
        self._record = record
        self.list.clear()
        self.status.clear()
        saved = record is not None and record.created_at is not None
        if record is None or not saved:
            self.status.setText(self.tr("Save this entry first, then you can add files to it."))
        elif not self._services.is_locked:
            for attachment in self._services.attachments_for(record):
                item = QListWidgetItem(f"{attachment.file_name}  ({human_size(attachment.size)})")
                item.setData(Qt.ItemDataRole.UserRole, attachment)
                self.list.addItem(item)
            if self.list.count() == 0:
                self.status.setText(self.tr("No files yet."))
        self.add_button.setEnabled(saved)

    def attachments(self) -> list[Attachment]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def open_current(self) -> AttachmentViewer | None:
        item = self.list.currentItem()
        if item is None:
            return None
        attachment: Attachment = item.data(Qt.ItemDataRole.UserRole)
        viewer = self.opener.open(attachment)
        if viewer is None:
            self.status.setText(self.tr("This file is too large to show here. Use \"Save a copy…\"."))
        return viewer

    def save_copy(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        attachment: Attachment = item.data(Qt.ItemDataRole.UserRole)
        dialog = QFileDialog(self, self.tr("Save a copy"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(attachment.file_name)
        dialog.fileSelected.connect(lambda path: self._save_to(attachment, Path(path)))
        dialog.open()

    def _save_to(self, attachment: Attachment, path: Path) -> None:
        try:
            self._services.save_attachment_as(attachment.id, path)
        except (UserError, OSError) as exc:
            self.status.setText(error_text(exc, os_error=self.tr("The copy could not be saved there.")))
        else:
            self.status.setText(self.tr("A copy was saved. Remember it is not encrypted."))

    # ---- adding ----------------------------------------------------------------------------

    def choose_files(self) -> None:
        dialog = QFileDialog(self, self.tr("Add files"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda names: self.add_files([Path(n) for n in names]))
        dialog.open()

    def add_files(self, files: list[Path]) -> None:
        if self._record is None or self._record.created_at is None:
            self.status.setText(self.tr("Save this entry first, then you can add files to it."))
            return
        self._queue.extend(files)
        if self.task is None:
            self._next()

    def _next(self) -> None:
        if not self._queue or self._record is None or self._services.is_locked:
            self._queue.clear()
            self._busy(False)
            return
        path = self._queue.pop(0)
        self.status.setText(self.tr("Adding %1…").replace("%1", path.name))
        self.task = import_task(self._services, path, self._record.id, self)
        self.task.progress.connect(self._on_progress)
        self.task.finished.connect(self._on_finished)
        self.task.failed.connect(self._on_failed)
        self.task.cancelled.connect(self._on_cancelled)
        task = self.task
        for signal in (task.finished, task.failed, task.cancelled):
            signal.connect(lambda *_: task.deleteLater())
        self._busy(True)
        self.task.start()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        self.cancel_button.setVisible(busy)

    def _on_progress(self, done: float, total: float) -> None:
        self.progress.setMaximum(1000)
        self.progress.setValue(int(1000 * done / total) if total else 0)

    def _on_finished(self, attachment: Attachment) -> None:
        self.task = None
        self.imported.emit(attachment)
        self.set_record(self._record)
        self.status.setText(self.tr("Added %1.").replace("%1", attachment.file_name))
        self._read_pictures(attachment)
        self._next()

    def _read_pictures(self, attachment: Attachment) -> None:
        """A photo or scan just added is read in the background (its words become searchable)."""
        from familyrecord.ui.intake.background import reader_for

        if self._services.is_locked:
            return
        if any(t.job.attachment_id == attachment.id for t in self._services.intake.ocr_queue()):
            reader_for(self._services).start()
            self.status.setText(self.tr("Added %1. The computer reads the words in it in the background.")
                                .replace("%1", attachment.file_name))

    def _on_failed(self, exc: object) -> None:
        self.task = None
        self._queue.clear()
        self._busy(False)
        # Anything but a UserError or an OSError is a bug: error_text raises it for the crash reporter.
        self.status.setText(error_text(exc, os_error=self.tr(
            "That file could not be read. Nothing was added.")))

    def _on_cancelled(self) -> None:
        self.task = None
        self._queue.clear()
        self._busy(False)
        self.status.setText(self.tr("Stopped. The file was not added; nothing was changed."))

    def cancel(self) -> None:
        self._queue.clear()
        if self.task is not None:
            self.task.cancel()

    def clear(self) -> None:
        """Stop imports, close viewers and forget the list (on lock)."""
        self.cancel()
        if self.task is not None:
            self.task.wait()
        self.opener.close_all()
        self._record = None
        self.list.clear()
        self.status.clear()

    # ---- drag and drop ---------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.add_files(files)
