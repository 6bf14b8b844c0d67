"""Text out of PDFs, from bytes: each page's own text when it has some, else the page is read.

Scanned reports and letters saved as PDF are pictures with no text layer: such a page is
rendered (about 200 dpi, grey) and read by OCR, one page at a time, each bitmap released before
the next, so a 50-page scan never sits in memory whole. PDFium is not thread-safe: every call
into it takes one lock.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from familyrecord.errors import Cancelled
from familyrecord.importers import images, ocr
from familyrecord.importers.errors import PdfLocked, UnreadableFile
from familyrecord.importers.ocr import PageText
from familyrecord.progress import CancelCheck, Progress

log = logging.getLogger(__name__)

MAX_PAGES = 500
RENDER_DPI = 300  # upper bound; the long side is also held to images.OCR_MAX_SIDE pixels
MIN_SCAN_DPI = 100  # a coarser scan is drawn finer than it was made, or the text is too small
MIN_TEXT_CHARACTERS = 16  # letters or digits that make a page's own text worth trusting

_pdfium_lock = threading.RLock()
T = TypeVar("T")


def looks_like_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def page_count(data: bytes) -> int:
    return _with_document(data, _count)


def pages_without_text(data: bytes) -> list[int]:
    """Indices of the pages that have no text of their own (they need reading by OCR)."""
    def scan(document: pdfium.PdfDocument) -> list[int]:
        return [i for i in range(_count(document)) if not _has_text(_page_text(document, i))]
    return _with_document(data, scan)


def read_pdf(data: bytes, *, use_ocr: bool = True, start: int = 0, progress: Progress | None = None,
             cancelled: CancelCheck | None = None) -> list[PageText]:
    """Each page's text from `start` on: its own text, or (when `use_ocr`) what OCR reads.

    Reports (pages done, pages) and checks `cancelled` before each page.
    """
    def run(document: pdfium.PdfDocument) -> list[PageText]:
        total = _count(document)
        pages: list[PageText] = []
        if progress:
            progress(start, total)
        for index in range(start, total):
            if cancelled and cancelled():
                raise Cancelled("PDF reading stopped")
            pages.append(_read_page(document, index, use_ocr))
            if progress:
                progress(index + 1, total)
        return pages
    return _with_document(data, run)


def read_pdf_page(data: bytes, index: int, *, use_ocr: bool = True) -> PageText:
    """One page: a plain function for a worker process (resume by asking for the next page)."""
    def run(document: pdfium.PdfDocument) -> PageText:
        if not 0 <= index < _count(document):
            raise UnreadableFile(f"no page {index} in this PDF")
        return _read_page(document, index, use_ocr)
    return _with_document(data, run)


def render_page(data: bytes, index: int) -> images.LoadedPage:
    """Page `index` drawn for reading (a scan at its own resolution, else ~200 dpi; at most
    OCR_MAX_SIDE pixels long). For a worker that reads pages itself."""
    def run(document: pdfium.PdfDocument) -> images.LoadedPage:
        if not 0 <= index < _count(document):
            raise UnreadableFile(f"no page {index} in this PDF")
        loaded = _render(document, index)
        if loaded is None:
            raise UnreadableFile("PDF page could not be drawn")
        return loaded
    return _with_document(data, run)


def _read_page(document: pdfium.PdfDocument, index: int, use_ocr: bool) -> PageText:
    own = _page_text(document, index)
    if _has_text(own):
        return PageText(index, own.strip())
    if not use_ocr:
        return PageText(index, own.strip(), needs_ocr=True)
    loaded = _render(document, index)
    if loaded is None:
        return PageText(index, own.strip())
    result = ocr.read_page(loaded)  # outside the PDFium lock: other PDFs can be read meanwhile
    loaded.image.close()
    return PageText(index, result.text, result)


def _count(document: pdfium.PdfDocument) -> int:
    with _pdfium_lock:
        return min(len(document), MAX_PAGES)


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    with _pdfium_lock:
        return _page_text_locked(document, index)


def _page_text_locked(document: pdfium.PdfDocument, index: int) -> str:
    try:
        page = document[index]
        try:
            textpage = page.get_textpage()
            try:
                return str(textpage.get_text_bounded())
            finally:
                textpage.close()
        finally:
            page.close()
    except Exception as exc:  # noqa: BLE001 - one damaged page gives no text; the others count
        log.info("a PDF page's text could not be read: %s", type(exc).__name__)
        return ""


def _render(document: pdfium.PdfDocument, index: int) -> images.LoadedPage | None:
    with _pdfium_lock:
        return _render_locked(document, index)


def _render_locked(document: pdfium.PdfDocument, index: int) -> images.LoadedPage | None:
    """The page as an RGB picture, at most OCR_MAX_SIDE pixels long, or None when it cannot be drawn.

    A scanned page is drawn at its scan's own resolution: resampling it finer blurs the gaps
    between words, and the reader then runs words together.
    """
    try:
        page = document[index]
        try:
            width, height = page.get_size()
            if width <= 0 or height <= 0:
                return None
            scale = min(_scan_scale(page, width * height) or RENDER_DPI / 72,
                        images.OCR_MAX_SIDE / max(width, height))
            bitmap = page.render(scale=scale, grayscale=True)
            try:
                picture = bitmap.to_pil().convert("RGB")  # convert() copies out of PDFium's buffer
            finally:
                bitmap.close()
        finally:
            page.close()
    except Exception as exc:  # noqa: BLE001 - a page PDFium cannot draw gives no text
        log.info("a PDF page could not be drawn: %s", type(exc).__name__)
        return None
    return images.LoadedPage(picture, picture.width, picture.height)


def _scan_scale(page: pdfium.PdfPage, page_area: float) -> float | None:
    """Pixels per point of a picture covering most of the page (a scan), else None."""
    for picture in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = picture.get_bounds()
        area = (right - left) * (top - bottom)
        if area < 0.5 * page_area:
            continue
        px_width, px_height = picture.get_px_size()
        return max(MIN_SCAN_DPI / 72, math.sqrt(px_width * px_height / area))
    return None


def _has_text(text: str) -> bool:
    return sum(ch.isalnum() for ch in text) >= MIN_TEXT_CHARACTERS


def _with_document(data: bytes, work: Callable[[pdfium.PdfDocument], T]) -> T:
    """Open, work, close. PDFium itself is taken under the lock call by call (not for the
    whole work), so a long OCR of one PDF does not hold up reading another."""
    with _pdfium_lock:
        document = _open(data)
    try:
        return work(document)
    finally:
        with _pdfium_lock:
            document.close()


def _open(data: bytes) -> pdfium.PdfDocument:
    if not looks_like_pdf(data):
        raise UnreadableFile("not a PDF")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code: Any = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise PdfLocked("PDF needs a password") from exc
        raise UnreadableFile(f"PDF could not be opened (code {code})") from exc
    except Exception as exc:  # PDFium parses untrusted bytes; any failure means: unreadable
        raise UnreadableFile(f"PDF could not be opened: {type(exc).__name__}") from exc
