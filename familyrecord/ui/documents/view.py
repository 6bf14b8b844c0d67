"""Documents: every file kept in the record, whichever entry it belongs to."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from familyrecord.formatting import short_date
from familyrecord.services import Services
from familyrecord.storage.blobs import Attachment
from familyrecord.ui.documents.attachments import AttachmentOpener, dropped_paths, human_size
from familyrecord.ui.widgets.common import button, named

ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole


class SortedItem(QTableWidgetItem):
    """A cell that sorts by a key of its own: sizes by bytes, dates by date, not by their text."""

    def __init__(self, text: str, key: object) -> None:
        super().__init__(text)
        self.key = key

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, SortedItem) and type(self.key) is type(other.key):
            return bool(self.key < other.key)  # type: ignore[operator]  # same type, known to order
        return super().__lt__(other)


def added_on(imported_at: str) -> str:
    """The local date a file was added, as people read it."""
    try:
        return short_date(datetime.fromisoformat(imported_at).astimezone())
    except ValueError:
        return ""


class DocumentsView(QWidget):
    open_record = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.opener = AttachmentOpener(services, self)
        self.setAccessibleName(self.tr("Documents"))
        self.setAcceptDrops(True)  # letters and e-mails dropped here go to the review queue
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Documents"))
        title.setProperty("heading", 1)
        layout.addWidget(title)
        intro = QLabel(self.tr("Every file you have added: letters, reports, minutes, photos and "
                               "recordings. To add letters and e-mails, drop them here or use \"Add letters "
                               "and e-mails…\". To add a file to a meeting, use the meeting's Files tab."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.empty = QLabel(self.tr("No documents yet."))
        self.empty.setProperty("emptyState", True)
        layout.addWidget(self.empty)
        self.table = named(QTableWidget(0, 4), self.tr("Documents"))
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Kind"), self.tr("Size"),
                                              self.tr("Added")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemActivated.connect(lambda _item: self.open_current())
        layout.addWidget(self.table, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.intake_button = button(self.tr("Add letters and e-mails…"), self, slot=self.add_letters)
        row.addWidget(self.intake_button)
        row.addWidget(button(self.tr("Open"), self, slot=self.open_current))
        row.addWidget(button(self.tr("Show the entry it belongs to"), self, slot=self.show_entry))
        row.addStretch(1)
        layout.addLayout(row)

    def add_letters(self, paths: Sequence[Path] = ()) -> QWidget:
        """The review queue for letters and e-mails (ui/intake), reading `paths` into it."""
        from familyrecord.ui.intake import open_intake

        window = open_intake(self, self._services, paths)
        window.saved.connect(self._letter_saved, Qt.ConnectionType.UniqueConnection)
        return window

    def _letter_saved(self, _record_id: str) -> None:
        self.refresh()  # its files are in the list now

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.add_letters(paths)

    def refresh(self) -> None:
        if self._services.is_locked:
            return
        attachments = self._services.all_attachments()
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(attachments))
        for i, attachment in enumerate(attachments):
            cells = [SortedItem(attachment.file_name, attachment.file_name.casefold()),
                     SortedItem(attachment.media_type, attachment.media_type),
                     SortedItem(human_size(attachment.size), attachment.size),
                     SortedItem(added_on(attachment.imported_at), attachment.imported_at)]
            for column, item in enumerate(cells):
                item.setData(ATTACHMENT_ROLE, attachment)
                self.table.setItem(i, column, item)
        self.table.setSortingEnabled(True)
        self.empty.setVisible(not attachments)

    def _current(self) -> Attachment | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        return item.data(ATTACHMENT_ROLE) if item is not None else None

    def open_current(self) -> None:
        attachment = self._current()
        if attachment is not None and self.opener.open(attachment) is None:
            self.status.setText(self.tr("This file is too large to show here."))

    def show_entry(self) -> None:
        attachment = self._current()
        if attachment is None:
            return
        records = self._services.records_for_attachment(attachment.id)
        if records:
            self.open_record.emit(records[0])
        else:
            self.status.setText(self.tr("This file is not linked to any entry."))

    def clear(self) -> None:
        self.opener.close_all()
        self.table.setRowCount(0)
        self.status.clear()
