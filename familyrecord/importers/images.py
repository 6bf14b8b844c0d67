"""Open photos and scans from bytes, safely, one page at a time, ready for reading.

Formats: JPEG (and phones' MPO), PNG, WebP, TIFF (each frame a page), HEIC/HEIF (iPhones, via
pillow-heif), AVIF, BMP and GIF. Sizes are checked from the header before any pixel is decoded, so a
"decompression bomb" (a small file that claims 30000 x 30000 pixels) is refused, not decoded.
EXIF orientation is applied, and big photos are scaled down to what the text reader can use:
a 12-megapixel phone photo decodes at half size straight from the JPEG data.
"""

from __future__ import annotations

import io
import logging
import math
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from familyrecord.importers.errors import ImageTooLarge, UnreadableFile

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".webp", ".tif", ".tiff",
                            ".heic", ".heif", ".hif", ".avif", ".bmp", ".gif"})
FORMATS = ("JPEG", "PNG", "WEBP", "TIFF", "HEIF", "AVIF", "BMP", "GIF")  # JPEG also opens MPO
MAX_PIXELS = 64_000_000  # per page: bigger than any phone photo (48 MP) or A3 scan at 600 dpi
MAX_PAGES = 500
OCR_MAX_SIDE = 2500  # long side in pixels: about 215 dpi for A4, plenty for the text reader

_ROTATED_ORIENTATIONS = {5, 6, 7, 8}  # EXIF orientations that swap width and height
_heif_lock = threading.Lock()
_heif_registered = False


@dataclass
class LoadedPage:
    """One page as pixels (RGB, perhaps scaled down) and the size it has in the file, upright."""

    image: Image.Image
    source_width: int
    source_height: int

    @property
    def scale(self) -> float:
        """Source pixels per pixel of `image` (1.0 when not scaled down)."""
        return self.source_width / self.image.width


def register_heif() -> None:
    """Teach Pillow to open HEIC/HEIF, once per process."""
    global _heif_registered
    with _heif_lock:
        if _heif_registered:
            return
        try:
            import pillow_heif

            pillow_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)
        except ImportError:  # pragma: no cover - a declared dependency; JPEG/PNG still work
            log.warning("HEIC support is not installed")
        _heif_registered = True


def looks_like_image(data: bytes) -> bool:
    """True when the first bytes are those of a picture format read here."""
    head = data[:16]
    return (head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"BM",
                             b"GIF87a", b"GIF89a"))
            or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
            or (head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim",
                                                         b"heis", b"hevc", b"hevx", b"avif", b"avis")))


def page_count(data: bytes) -> int:
    """How many pages (frames) the picture has, without decoding them."""
    with _open(data) as image:
        return min(_frames(image), MAX_PAGES)


def iter_pages(data: bytes, *, start: int = 0, max_side: int = OCR_MAX_SIDE) -> Iterator[LoadedPage]:
    """Each page from `start` on, upright and at most `max_side` pixels on its long side."""
    with _open(data) as image:
        for index in range(start, min(_frames(image), MAX_PAGES)):
            yield _load_frame(image, index, max_side)


def load_page(data: bytes, index: int = 0, *, max_side: int = OCR_MAX_SIDE) -> LoadedPage:
    """One page of a picture (0 for a photo; TIFF scans may have many)."""
    with _open(data) as image:
        if not 0 <= index < min(_frames(image), MAX_PAGES):
            raise UnreadableFile(f"no page {index} in this picture")
        return _load_frame(image, index, max_side)


def to_gray_array(image: Image.Image) -> np.ndarray:
    """8-bit grey pixels as a numpy array (rows, columns)."""
    return np.asarray(image.convert("L"), dtype=np.uint8)


def _open(data: bytes) -> Image.Image:
    register_heif()
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its two bomb limits; treat the warning as the refusal it is.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge("picture header claims too many pixels") from exc
    except UnidentifiedImageError as exc:
        raise UnreadableFile("not a picture this app can read") from exc
    except Exception as exc:  # a damaged header can make any decoder raise anything
        raise UnreadableFile(f"picture header unreadable: {type(exc).__name__}") from exc
    _check_size(image.size)
    return image


def _frames(image: Image.Image) -> int:
    """Pages: each frame of a TIFF (scanners, fax, Outlook); other formats' extra frames are
    animation, depth maps or previews, so only their first frame is the picture."""
    if image.format != "TIFF":
        return 1
    try:
        return max(1, int(getattr(image, "n_frames", 1)))
    except Exception as exc:  # counting frames walks a damaged file's offsets
        raise UnreadableFile(f"picture pages unreadable: {type(exc).__name__}") from exc


def _check_size(size: tuple[int, int]) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise UnreadableFile("picture has no pixels")
    if width * height > MAX_PIXELS:
        raise ImageTooLarge(f"picture is {width} x {height} pixels")


def _load_frame(image: Image.Image, index: int, max_side: int) -> LoadedPage:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            if index:
                image.seek(index)
            _check_size(image.size)
            source_width, source_height = _upright_size(image)
            _draft(image, max_side)
            frame = ImageOps.exif_transpose(image)
            frame = _to_rgb(frame)
    except (ImageTooLarge, UnreadableFile):
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge("picture page claims too many pixels") from exc
    except MemoryError as exc:
        raise ImageTooLarge("picture needs too much memory") from exc
    except Exception as exc:  # a damaged image can make any decoder raise anything
        raise UnreadableFile(f"picture data unreadable: {type(exc).__name__}") from exc
    if max(frame.size) > max_side:
        factor = max_side / max(frame.size)
        size = (max(1, round(frame.width * factor)), max(1, round(frame.height * factor)))
        frame = frame.resize(size, Image.Resampling.LANCZOS)
    return LoadedPage(frame, source_width, source_height)


def _upright_size(image: Image.Image) -> tuple[int, int]:
    orientation = image.getexif().get(0x0112, 1)
    width, height = image.size
    return (height, width) if orientation in _ROTATED_ORIENTATIONS else (width, height)


def _draft(image: Image.Image, max_side: int) -> None:
    """Let JPEG decode straight at 1/2, 1/4 or 1/8 size when that still leaves `max_side`."""
    if image.format not in ("JPEG", "MPO"):
        return
    factor = max_side / max(image.size)
    if factor < 1:
        image.draft("RGB", (math.ceil(image.width * factor), math.ceil(image.height * factor)))


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode in ("I", "I;16", "I;16L", "I;16B", "I;16N", "F"):
        # 16-bit and float scans: stretch to 8 bits, else convert() clips nearly all to white.
        values = np.asarray(image, dtype=np.float32)
        top = float(values.max()) or 1.0
        image = Image.fromarray((values * (255.0 / top)).clip(0, 255).astype(np.uint8), "L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        # Transparent areas of a scan are paper, not black.
        rgba = image.convert("RGBA")
        page = Image.new("RGB", rgba.size, (255, 255, 255))
        page.paste(rgba, mask=rgba.getchannel("A"))
        return page
    return image if image.mode == "RGB" else image.convert("RGB")
