"""Documents: every file kept in the record, whichever entry it belongs to."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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

from familyrecord.services import Services
from familyrecord.storage.blobs import Attachment
from familyrecord.ui.documents.attachments import AttachmentOpener, human_size
from familyrecord.ui.widgets.common import button, named

ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole


class DocumentsView(QWidget):
    open_record = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.opener = AttachmentOpener(services, self)
        self.setAccessibleName(self.tr("Documents"))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Documents"))
        title.setProperty("heading", 1)
        layout.addWidget(title)
        intro = QLabel(self.tr("Every file you have added: letters, reports, minutes, photos and "
                               "recordings. To add a file, open the meeting or letter it belongs to and "
                               "use its Files tab."))
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
        row.addWidget(button(self.tr("Open"), self, slot=self.open_current))
        row.addWidget(button(self.tr("Show the entry it belongs to"), self, slot=self.show_entry))
        row.addStretch(1)
        layout.addLayout(row)

    def refresh(self) -> None:
        if self._services.is_locked:
            return
        attachments = self._services.all_attachments()
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(attachments))
        for i, attachment in enumerate(attachments):
            cells = [attachment.file_name, attachment.media_type, human_size(attachment.size),
                     attachment.imported_at[:10]]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
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
