"""An invisible text layer over pictures and scanned pages, from the text read from them (OCR),
so the bundle can be searched and its words copied, as a scanner's "searchable PDF" does.

Each line read is drawn in text render mode 3 (neither filled nor stroked: invisible) over the
place the line sits in the picture, stretched to its box. Where the family corrected a page,
their text is used: line by line over the lines read when they have as many lines, otherwise
as one block over the area the lines cover. Made in memory with reportlab and merged onto the
bundle page.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pypdf import PageObject, PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from familyrecord.export.pdfstyle import fonts
from familyrecord.importers.ocr import Quad
from familyrecord.importers.ocr_jobs import page_from_json
from familyrecord.storage.errors import VaultError
from familyrecord.storage.stores import Stores

log = logging.getLogger(__name__)

INVISIBLE = 3  # PDF text render mode 3: neither fill nor stroke
DESCENT = 0.2  # of a line's height below its baseline


@dataclass(frozen=True)
class Placed:
    """Where a picture of `width` x `height` pixels sits on the bundle page, in points."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class TextLine:
    text: str
    quad: Quad  # top-left, top-right, bottom-right, bottom-left, in the picture's pixels


def page_lines(stores: Stores, attachment_id: str, page: int) -> tuple[list[TextLine], int, int]:
    """The lines to draw for one page of a file (text as the family left it) and the size in
    pixels their boxes are measured in; ([], 0, 0) when the page was never read."""
    reading = next((r for r in stores.readings.for_attachment(attachment_id) if r.page == page),
                   None)
    if reading is None or not reading.text.strip():
        return [], 0, 0
    try:
        ocr = page_from_json(reading.boxes)
    except VaultError:
        log.warning("stored boxes of a page could not be read; its text layer is left out")
        return [], 0, 0
    if ocr is None or not ocr.lines or ocr.width <= 0 or ocr.height <= 0:
        return [], 0, 0
    read = [TextLine(line.text, line.quad) for line in ocr.lines]
    if not reading.edited:
        return read, ocr.width, ocr.height
    corrected = [line.strip() for line in reading.text.splitlines() if line.strip()]
    if len(corrected) == len(read):
        return [TextLine(text, line.quad) for text, line in zip(corrected, read, strict=True)], \
            ocr.width, ocr.height
    return _block(corrected, [line.quad for line in read]), ocr.width, ocr.height


def _block(lines: Sequence[str], quads: Sequence[Quad]) -> list[TextLine]:
    """The corrected lines stacked evenly over the area every line read covers."""
    xs = [x for quad in quads for x, _ in quad]
    ys = [y for quad in quads for _, y in quad]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    step = (bottom - top) / max(len(lines), 1)
    out = []
    for n, text in enumerate(lines):
        y0, y1 = top + n * step, top + (n + 1) * step
        out.append(TextLine(text, ((left, y0), (right, y0), (right, y1), (left, y1))))
    return out


def overlay(lines: Sequence[TextLine], size: tuple[int, int], placed: Placed,
            page_size: tuple[float, float], redact: Callable[[str], str]) -> PageObject:
    """A page of `page_size` holding only the invisible lines, where the picture is placed."""
    regular = fonts()[0]
    sx, sy = placed.width / size[0], placed.height / size[1]

    def at(point: tuple[float, float]) -> tuple[float, float]:
        return placed.x + point[0] * sx, placed.y + placed.height - point[1] * sy

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=page_size)
    for line in lines:
        text = redact(line.text).strip()
        if not text:
            continue
        top_left, top_right, _, bottom_left = (at(p) for p in line.quad)
        width = math.dist(top_left, top_right)
        height = math.dist(top_left, bottom_left)
        natural = stringWidth(text, regular, 1)
        if not (math.isfinite(width * height) and width > 0.5 and height > 0.5 and natural > 0
                and all(math.isfinite(v) for v in (*top_left, *top_right))):
            continue  # a box of damaged or degenerate size: nothing sensible to draw
        size_pt = height / (1 + DESCENT)
        canvas.saveState()
        canvas.translate(*bottom_left)
        canvas.rotate(math.degrees(math.atan2(top_right[1] - top_left[1],
                                              top_right[0] - top_left[0])))
        drawn = canvas.beginText(0, height * DESCENT / (1 + DESCENT))
        drawn.setTextRenderMode(INVISIBLE)
        drawn.setFont(regular, size_pt)
        drawn.setHorizScale(100 * width / (natural * size_pt))
        drawn.textOut(text)
        canvas.drawText(drawn)
        canvas.restoreState()
    canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(out.getvalue())).pages[0]


def has_text(page: PageObject) -> bool:
    """Whether a PDF page already carries text (a scan without a text layer has none)."""
    try:
        return bool((page.extract_text() or "").strip())
    except Exception:  # noqa: BLE001 - unreadable text is as good as none
        return False


def add_text_layer(stores: Stores, target: PageObject, attachment_id: str, page: int,
                   placed: Placed, redact: Callable[[str], str]) -> bool:
    """Merge the invisible text of page `page` of a file onto `target`, where its picture is
    placed. Returns whether there was any text to add."""
    lines, width, height = page_lines(stores, attachment_id, page)
    if not lines:
        return False
    box = target.mediabox
    layer = overlay(lines, (width, height), placed, (float(box.width), float(box.height)), redact)
    target.merge_page(layer)
    return True
