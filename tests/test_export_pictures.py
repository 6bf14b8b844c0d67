"""Pictures in the bundle: turned as the camera meant, shrunk to what a page needs, in memory."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfReader

from familyrecord.export.attached import MAX_PICTURE_PX, picture_page


def _jpeg(size: tuple[int, int], orientation: int = 1) -> bytes:
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.new("RGB", size, "navy").save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def _page_size(pdf: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return float(box.width), float(box.height)


def test_small_jpeg_goes_in_unchanged() -> None:
    original = _jpeg((300, 200))
    pdf = picture_page(original)
    assert _page_size(pdf) == (300, 200)
    assert original in pdf  # the camera's own bytes, not a re-compressed copy


def test_phone_photo_is_turned_and_shrunk() -> None:
    pdf = picture_page(_jpeg((4000, 3000), orientation=6))  # held upright: 90° clockwise
    width, height = _page_size(pdf)
    assert height == MAX_PICTURE_PX and width == 1500
    assert len(pdf) < 1_000_000


def test_png_with_transparency() -> None:
    out = io.BytesIO()
    Image.new("RGBA", (120, 80), (255, 0, 0, 128)).save(out, "PNG")
    assert _page_size(picture_page(out.getvalue())) == (120, 80)
