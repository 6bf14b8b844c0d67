"""Read the text on pictures of pages, offline, with RapidOCR (PP-OCR models run by onnxruntime).

The models ship inside the rapidocr wheel; they are named explicitly, so the library never tries
to download anything, and its logger is silenced (it could otherwise print what it read). One
engine is made per process and reused. Results are plain frozen dataclasses, so a worker process
can send them back through a pipe: `read_image_page(data, index)` is the entry point for that.
"""

from __future__ import annotations

import ctypes
import logging
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from familyrecord.errors import Cancelled
from familyrecord.importers import images, layout, pagefix
from familyrecord.importers.errors import OcrUnavailable
from familyrecord.progress import CancelCheck, Progress

log = logging.getLogger(__name__)

Point = tuple[float, float]
Quad = tuple[Point, Point, Point, Point]  # top-left, top-right, bottom-right, bottom-left

MIN_CONFIDENCE = 0.5
DET_MAX_PIXELS = 1_200_000  # size of the copy text is found on: A4 at ~110 dpi (memory, speed)
DET_MIN_SIDE = 736  # small pictures are enlarged to this short side to find their text
REC_BATCH = 2  # lines read at once: 6 (the default) doubles peak memory for no gain in speed
UPRIGHT_CONFIDENCE = 0.8  # below this mean confidence, try the page upside down
_MODEL_FILES = {"Det": "PP-OCRv6_det_small.onnx", "Rec": "PP-OCRv6_rec_small.onnx",
                "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx"}
_engine: Any = None
_libc: Any = None  # glibc, for malloc_trim; False where there is none
_engine_lock = threading.RLock()  # one engine; its settings change per page


@dataclass(frozen=True)
class OcrWord:
    text: str
    quad: Quad  # in pixels of the stored picture (upright), estimated from the line's box
    confidence: float


@dataclass(frozen=True)
class OcrLine:
    """One run of text as the reader found it, with its box in the stored picture's pixels."""

    text: str
    quad: Quad
    confidence: float
    words: tuple[OcrWord, ...]


@dataclass(frozen=True)
class OcrPage:
    """The text read from one page, in reading order, and where each line sits on the page.

    `width` and `height` are the page's size in pixels as stored (after EXIF orientation; for a
    PDF page, of the picture rendered from it), the unit of every quad.
    """

    text: str
    lines: tuple[OcrLine, ...]
    width: int
    height: int
    skew_degrees: float = 0.0

    @property
    def confidence(self) -> float:
        """Mean confidence, weighted by length (1.0 for a page with no text)."""
        total = sum(len(line.text) for line in self.lines)
        if not total:
            return 1.0
        return sum(line.confidence * len(line.text) for line in self.lines) / total


@dataclass(frozen=True)
class PageText:
    """One page's text (page `index` from 0); `ocr` holds what the reader found when the text
    came from reading a picture of the page rather than from the file itself."""

    index: int
    text: str
    ocr: OcrPage | None = None
    needs_ocr: bool = False  # a picture of text, not read because reading was not asked for

    @property
    def machine_read(self) -> bool:
        return self.ocr is not None


def engine() -> Any:
    """The process's one RapidOCR engine, made on first use from the models in the wheel."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = _make_engine()
        return _engine


def read_prepared(page: pagefix.PreparedPage) -> OcrPage:
    """Read one straightened page; a page lying sideways or upside down is turned and read again."""
    result, vertical = _read(page)
    if len(result.lines) >= 3 and (vertical or result.confidence < UPRIGHT_CONFIDENCE):
        turns = (1, 3) if vertical else (2,)
        for turn in turns:
            candidate, _ = _read(pagefix.turned(page, turn))
            if candidate.confidence > result.confidence and len(candidate.text) >= len(result.text) // 2:
                result = candidate
    return result


def _read(page: pagefix.PreparedPage) -> tuple[OcrPage, bool]:
    """What the engine reads, in reading order, and whether most lines run up and down."""
    reader = engine()
    with _engine_lock:
        _limit_detection(reader, page.image.size)
        result = reader(page.image)
    boxes = getattr(result, "boxes", None)
    texts = getattr(result, "txts", None)
    scores = getattr(result, "scores", None)
    if boxes is None or texts is None or scores is None or len(texts) == 0:
        return OcrPage("", (), page.source_width, page.source_height, page.skew_degrees), False
    quads = [np.asarray(box, dtype=np.float64).reshape(4, 2) for box in boxes]
    runs = [layout.Run(str(text), float(q[:, 0].min()), float(q[:, 1].min()), float(q[:, 0].max()),
                       float(q[:, 1].max())) for q, text in zip(quads, texts, strict=True)]
    vertical = sum(run.bottom - run.top > 1.5 * (run.right - run.left) for run in runs) > len(runs) / 2
    order, text = layout.reading_order(runs)
    lines = tuple(_line(page, str(texts[i]).strip(), quads[i], float(scores[i])) for i in order)
    return OcrPage(text, lines, page.source_width, page.source_height, page.skew_degrees), vertical


def read_page(page: images.LoadedPage) -> OcrPage:
    """Straighten (crop, deskew) and read one page."""
    try:
        return read_prepared(pagefix.prepare(page))
    finally:
        _release_memory()


def read_image(data: bytes, *, progress: Progress | None = None,
               cancelled: CancelCheck | None = None) -> list[OcrPage]:
    """Read every page of a picture file (a photo is one page; a TIFF scan may be many).

    Reports (pages done, pages) and checks `cancelled` before each page.
    """
    total = images.page_count(data)
    pages: list[OcrPage] = []
    if progress:
        progress(0, total)
    for page in images.iter_pages(data):
        if cancelled and cancelled():
            raise Cancelled("picture reading stopped")
        pages.append(read_page(page))
        if progress:
            progress(len(pages), total)
    return pages


def read_image_page(data: bytes, index: int = 0) -> OcrPage:
    """Read page `index` of a picture file: a plain function for a worker process."""
    return read_page(images.load_page(data, index))


def _line(page: pagefix.PreparedPage, text: str, quad: np.ndarray, confidence: float) -> OcrLine:
    source = _to_source(page, quad)
    return OcrLine(text, source, confidence, _words(page, text, quad, confidence))


def _words(page: pagefix.PreparedPage, text: str, quad: np.ndarray,
           confidence: float) -> tuple[OcrWord, ...]:
    """Split the line's box among its words in proportion to their length (good enough to
    place an invisible text layer, and far cheaper than asking the model for word boxes)."""
    if not text:
        return ()
    top_left, top_right, bottom_right, bottom_left = quad
    words: list[OcrWord] = []
    position = 0
    length = len(text)
    for word in text.split(" "):
        if word:
            start, end = position / length, (position + len(word)) / length
            corners = np.array([top_left + (top_right - top_left) * start,
                                top_left + (top_right - top_left) * end,
                                bottom_left + (bottom_right - bottom_left) * end,
                                bottom_left + (bottom_right - bottom_left) * start])
            words.append(OcrWord(word, _to_source(page, corners), confidence))
        position += len(word) + 1
    return tuple(words)


def _to_source(page: pagefix.PreparedPage, quad: np.ndarray) -> Quad:
    points = [page.map_point(float(x), float(y)) for x, y in quad]
    return (_round(points[0]), _round(points[1]), _round(points[2]), _round(points[3]))


def _round(point: Point) -> Point:
    return (round(point[0], 1), round(point[1], 1))


def _limit_detection(reader: Any, size: tuple[int, int]) -> None:
    """Find text on a copy of at most DET_MAX_PIXELS (the finder needs ~300 MB per megapixel);
    words are still read from the full-size page. Small pictures are enlarged instead."""
    detector = reader._load_det_model()
    width, height = size
    if width * height > DET_MAX_PIXELS:
        detector.limit_type = "max"
        detector.limit_side_len = int(max(size) * math.sqrt(DET_MAX_PIXELS / (width * height)))
    else:
        detector.limit_type, detector.limit_side_len = "min", DET_MIN_SIDE


def _make_engine() -> Any:
    _silence_library_logging()
    try:
        import onnxruntime
        import rapidocr
        from rapidocr import RapidOCR

        onnxruntime.disable_telemetry_events()  # an offline app records and sends nothing

        models = Path(rapidocr.__file__).resolve().parent / "models"
        missing = [name for name in _MODEL_FILES.values() if not (models / name).is_file()]
        if missing:
            raise OcrUnavailable(f"text reader model files missing: {', '.join(missing)}")
        params: dict[str, Any] = {f"{part}.model_path": str(models / name)
                                  for part, name in _MODEL_FILES.items()}
        params.update({"Global.log_level": "critical", "Global.text_score": MIN_CONFIDENCE,
                       "Global.max_side_len": images.OCR_MAX_SIDE,
                       "Global.use_cls": False, "Rec.rec_batch_num": REC_BATCH})
        made = RapidOCR(params=params)
    except OcrUnavailable:
        raise
    except Exception as exc:  # any failure to start the models means: no reading here
        raise OcrUnavailable(f"text reader could not start: {type(exc).__name__}") from exc
    _silence_library_logging()
    return made


def _release_memory() -> None:
    """Give the few hundred megabytes the text finder used on a page back to the system (glibc
    keeps freed memory otherwise): a worker that read a long PDF then sits at ~150 MB, not ~500."""
    global _libc
    if _libc is None:
        try:
            _libc = ctypes.CDLL(None)  # the process's own symbols: libc's, on Linux
            _libc.malloc_trim.argtypes = [ctypes.c_size_t]
        except (OSError, AttributeError, TypeError):
            _libc = False  # not glibc (macOS, Windows, musl): nothing to do
    if _libc:
        _libc.malloc_trim(0)


def _silence_library_logging() -> None:
    """RapidOCR logs through its own handler (and may echo what it read): keep it quiet."""
    library = logging.getLogger("RapidOCR")
    library.setLevel(logging.CRITICAL + 1)
    library.disabled = True


def plain_text(pages: Sequence[OcrPage]) -> str:
    """All pages' text, a blank line apart."""
    return "\n\n".join(page.text for page in pages if page.text)
