"""In-app viewers for attachments: the decrypted bytes stay in memory, never in a temp file.

Images go to a QLabel, PDFs to QtPdf (loaded from a QBuffer), plain text to a read-only box.
Pictures and scans show the words the computer read beside them, to check and correct
(documents/readings.py). `clear()` drops the bytes and closes the window (called on lock).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from familyrecord.errors import UserError
from familyrecord.storage.blobs import Attachment
from familyrecord.ui.documents.readings import ReadingsPanel, has_pictures
from familyrecord.ui.widgets.common import button, named

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    from familyrecord.services import Services

log = logging.getLogger(__name__)
TEXT_TYPES = ("text/plain", "text/csv", "text/markdown", "message/rfc822")
PAGE_SIDE = 2000  # pixels: a page picture sharp enough to check its words against


class PictureView(QScrollArea):
    """A picture as wide as its pane at most (never enlarged); scroll down for the rest of a page."""

    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = image
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self._fit()

    def set_image(self, image: QImage) -> None:
        self._image = image
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._image.isNull():
            return
        width = max(1, self.viewport().width())
        shown = (self._image if self._image.width() <= width else
                 self._image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))
        self.label.setPixmap(QPixmap.fromImage(shown))

    def clear(self) -> None:
        self._image = QImage()
        self.label.clear()


class AttachmentViewer(QDialog):
    """A non-modal window showing one attachment (and, given `services`, the words read from it)."""

    def __init__(self, attachment: Attachment, data: bytes, parent: QWidget | None = None,
                 services: Services | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(attachment.file_name)
        self.setAccessibleName(self.tr("Viewer for %1").replace("%1", attachment.file_name))
        self.attachment = attachment
        self._services = services
        self._buffer: QBuffer | None = None
        self._document: QPdfDocument | None = None
        self._pdf_view: QPdfView | None = None
        self.picture_view: PictureView | None = None
        self.readings: ReadingsPanel | None = None
        layout = QVBoxLayout(self)
        self.kind, content = self._show(attachment, data)
        if services is not None and self.kind in ("image", "pdf") and has_pictures(attachment):
            self.readings = ReadingsPanel(services, attachment, self)
            self.readings.page_changed.connect(self.show_page)
            splitter = QSplitter(Qt.Orientation.Horizontal, self)
            splitter.addWidget(content)
            splitter.addWidget(self.readings)
            splitter.setChildrenCollapsible(False)
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 2)
            content = splitter
            first = self.readings.current()
            if first is not None and self.kind == "image":
                self.show_page(first.page)  # drawn upright, as the computer read it
        layout.addWidget(content, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button(self.tr("Close"), self, slot=self.close))
        layout.addLayout(row)
        wide = self.readings is not None  # the picture and its words side by side
        self._fit_screen(1200 if wide else 900, 760 if wide else 700)

    def _fit_screen(self, width: int, height: int) -> None:
        screen = self.screen() if self.screen() is not None else QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        if room is not None:
            width, height = min(width, room.width()), min(height, room.height() - 40)
        self.resize(width, height)

    def _show(self, attachment: Attachment, data: bytes) -> tuple[str, QWidget]:
        media = attachment.media_type
        if media.startswith("image/"):
            image = QImage.fromData(data)
            if not image.isNull():
                self.picture_view = named(PictureView(image), self.tr("Picture"))
                return "image", self.picture_view
        if media == "application/pdf":
            view = self._show_pdf(data)
            if view is not None:
                return "pdf", view
        if media in TEXT_TYPES or media.startswith("text/"):
            box = named(QPlainTextEdit(), self.tr("File text"))
            box.setReadOnly(True)
            box.setPlainText(data.decode("utf-8", errors="replace"))
            return "text", box
        note = QLabel(self.tr("This kind of file cannot be shown inside FamilyRecord. It is kept safely "
                              "in your record; use \"Save a copy…\" if you need to open it elsewhere."))
        note.setWordWrap(True)
        return "none", note

    def _show_pdf(self, data: bytes) -> QWidget | None:
        try:
            from PySide6.QtPdf import QPdfDocument
            from PySide6.QtPdfWidgets import QPdfView
        except ImportError:  # QtPdf is an optional Qt module on some platforms
            log.info("QtPdf not available")
            return None
        self._buffer = QBuffer()
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument(self)
        document.load(self._buffer)
        if document.status() != QPdfDocument.Status.Ready:
            return None
        view = named(QPdfView(self), self.tr("Document pages"))
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setDocument(document)
        self._document = document
        self._pdf_view = view
        return view

    def show_page(self, page: int) -> None:
        """Show page `page` (from 0) beside its words: the PDF scrolls there; a picture is drawn
        upright (its EXIF turn applied) and, for a scanner's TIFF, its own frame."""
        if self._pdf_view is not None:
            self._pdf_view.pageNavigator().jump(page, QPointF(), 0)
            return
        if self.picture_view is None or self._services is None:
            return
        try:
            png = self._services.intake.page_picture(self.attachment.id, page, max_side=PAGE_SIDE)
        except UserError as exc:  # the picture as stored is shown as it is
            log.info("page picture not drawn: %s", type(exc).__name__)
            return
        image = QImage.fromData(png)
        if not image.isNull():
            self.picture_view.set_image(image)

    @property
    def picture(self) -> QLabel | None:
        """The label the picture is drawn in (None for other kinds of file)."""
        return self.picture_view.label if self.picture_view is not None else None

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
        if self.readings is not None:
            self.readings.clear()
        if self.picture_view is not None:
            self.picture_view.clear()
        for child in self.findChildren(QLabel):
            child.clear()
        for box in self.findChildren(QPlainTextEdit):
            box.clear()
        self.close()
        self.deleteLater()
