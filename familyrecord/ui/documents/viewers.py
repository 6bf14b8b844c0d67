"""In-app viewers for attachments: the decrypted bytes stay in memory, never in a temp file.

Images go to a QLabel, PDFs to QtPdf (loaded from a QBuffer), plain text to a read-only box.
`clear()` drops the bytes and closes the window (called on lock).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from familyrecord.storage.blobs import Attachment
from familyrecord.ui.widgets.common import button, named

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument

log = logging.getLogger(__name__)
TEXT_TYPES = ("text/plain", "text/csv", "text/markdown", "message/rfc822")


class AttachmentViewer(QDialog):
    """A non-modal window showing one attachment."""

    def __init__(self, attachment: Attachment, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(attachment.file_name)
        self.setAccessibleName(self.tr("Viewer for %1").replace("%1", attachment.file_name))
        self.resize(900, 700)
        self.attachment = attachment
        self._buffer: QBuffer | None = None
        self._document: QPdfDocument | None = None
        layout = QVBoxLayout(self)
        self.kind = self._show(attachment, data, layout)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button(self.tr("Close"), self, slot=self.close))
        layout.addLayout(row)

    def _show(self, attachment: Attachment, data: bytes, layout: QVBoxLayout) -> str:
        media = attachment.media_type
        if media.startswith("image/"):
            image = QImage.fromData(data)
            if not image.isNull():
                picture = QLabel()
                picture.setPixmap(QPixmap.fromImage(image))
                picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
                scroll = named(QScrollArea(), self.tr("Picture"))
                scroll.setWidget(picture)
                scroll.setWidgetResizable(True)
                layout.addWidget(scroll)
                return "image"
        if media == "application/pdf" and self._show_pdf(data, layout):
            return "pdf"
        if media in TEXT_TYPES or media.startswith("text/"):
            box = named(QPlainTextEdit(), self.tr("File text"))
            box.setReadOnly(True)
            box.setPlainText(data.decode("utf-8", errors="replace"))
            layout.addWidget(box)
            return "text"
        note = QLabel(self.tr("This kind of file cannot be shown inside FamilyRecord. It is kept safely "
                              "in your record; use \"Save a copy…\" if you need to open it elsewhere."))
        note.setWordWrap(True)
        layout.addWidget(note)
        return "none"

    def _show_pdf(self, data: bytes, layout: QVBoxLayout) -> bool:
        try:
            from PySide6.QtPdf import QPdfDocument
            from PySide6.QtPdfWidgets import QPdfView
        except ImportError:  # QtPdf is an optional Qt module on some platforms
            log.info("QtPdf not available")
            return False
        self._buffer = QBuffer()
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument(self)
        document.load(self._buffer)
        if document.status() != QPdfDocument.Status.Ready:
            return False
        view = named(QPdfView(self), self.tr("Document pages"))
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setDocument(document)
        self._document = document
        layout.addWidget(view)
        return True

    @property
    def page_count(self) -> int:
        return self._document.pageCount() if self._document is not None else 0

    def clear(self) -> None:
        """Drop the decrypted bytes and close."""
        if self._document is not None:
            self._document.close()
            self._document = None
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer = None
        for child in self.findChildren(QLabel):
            child.clear()
        for box in self.findChildren(QPlainTextEdit):
            box.clear()
        self.close()
        self.deleteLater()
