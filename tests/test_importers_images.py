"""Pictures open safely from bytes; pages are straightened and cropped; runs go into reading order."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from familyrecord.errors import UserError
from familyrecord.importers import images, layout, pagefix
from familyrecord.importers.errors import ImageTooLarge, UnreadableFile
from tests import intake_fixtures as fx


def _encode(image: Image.Image, format: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format, **options)
    return out.getvalue()


def _marked(size: tuple[int, int] = (400, 300)) -> Image.Image:
    """A picture with a black square near its top-left corner, to see where "up" went."""
    picture = Image.new("RGB", size, (255, 255, 255))
    ImageDraw.Draw(picture).rectangle((20, 20, 80, 80), fill=(0, 0, 0))
    return picture


@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP", "BMP", "GIF", "HEIF"])
def test_each_format_opens_as_one_rgb_page(format: str) -> None:
    data = _encode(_marked(), format)
    assert images.looks_like_image(data)
    assert images.page_count(data) == 1
    page = images.load_page(data)
    assert page.image.mode == "RGB"
    assert page.image.size == (400, 300) == (page.source_width, page.source_height)
    assert np.asarray(page.image.convert("L"))[50, 50] < 80  # the black square survived


def test_multi_page_tiff_gives_each_frame_as_a_page() -> None:
    frames = [Image.new("L", (200, 100), shade) for shade in (0, 128, 255)]
    data = _encode(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    assert images.page_count(data) == 3
    shades = [int(np.asarray(page.image)[50, 50, 0]) for page in images.iter_pages(data)]
    assert shades == [0, 128, 255]
    assert int(np.asarray(images.load_page(data, 2).image)[0, 0, 0]) == 255
    with pytest.raises(UnreadableFile):
        images.load_page(data, 3)


def test_animated_gif_is_one_page() -> None:
    frames = [Image.new("L", (50, 50), shade) for shade in (0, 255, 128)]
    assert images.page_count(_encode(frames[0], "GIF", save_all=True, append_images=frames[1:])) == 1


def test_exif_orientation_is_applied() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: show turned 90 degrees clockwise
    data = _encode(_marked(), "JPEG", exif=exif)
    page = images.load_page(data)
    assert page.image.size == (300, 400) == (page.source_width, page.source_height)
    gray = np.asarray(page.image.convert("L"))
    assert gray[50, 250] < 80 and gray[50, 50] > 200  # the top-left square is now top-right


def test_transparent_png_is_laid_on_white_paper() -> None:
    picture = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    page = images.load_page(_encode(picture, "PNG"))
    assert page.image.getpixel((10, 10)) == (255, 255, 255)


def test_sixteen_bit_scan_is_stretched_not_clipped() -> None:
    values = np.full((40, 40), 20_000, dtype=np.uint16)
    values[:, :20] = 5_000
    page = images.load_page(_encode(Image.fromarray(values), "PNG"))
    gray = np.asarray(page.image.convert("L"))
    assert gray[0, 0] < gray[0, 30] == 255


def test_big_photo_is_scaled_down_and_remembers_its_size() -> None:
    data = _encode(Image.new("RGB", (6000, 4000), (200, 200, 200)), "JPEG")
    page = images.load_page(data, max_side=2500)
    assert max(page.image.size) == 2500
    assert (page.source_width, page.source_height) == (6000, 4000)
    assert page.scale == pytest.approx(2.4)


def test_decompression_bomb_is_refused_from_its_header() -> None:
    data = fx.png_header(30000, 30000)
    assert len(data) < 200  # nothing like 2.7 GB was ever made
    with pytest.raises(ImageTooLarge) as caught:
        images.load_page(data)
    assert "too big to open safely" in caught.value.user_message


def test_picture_over_our_own_limit_is_refused_before_decoding() -> None:
    with pytest.raises(ImageTooLarge):
        images.page_count(fx.png_header(9000, 9000))  # 81 MP: under Pillow's limit, over ours


@pytest.mark.parametrize("data", [b"", b"not a picture at all", b"\xff\xd8\xff\xe0" + b"\x00" * 40,
                                  fx.png_header(100, 100)[:30]])
def test_damaged_pictures_give_a_typed_error(data: bytes) -> None:
    with pytest.raises(UnreadableFile) as caught:
        images.load_page(data)
    assert "could not be read" in caught.value.user_message


def test_truncated_jpeg_gives_a_typed_error_not_a_traceback() -> None:
    data = fx.jpeg(Image.effect_noise((300, 300), 60))
    with pytest.raises(UnreadableFile):
        images.load_page(data[: len(data) // 2])


_SEEDS = [_encode(_marked((60, 40)), f) for f in ("PNG", "JPEG", "GIF", "BMP", "WEBP")]
_SEEDS.append(_encode(Image.new("L", (30, 20)), "TIFF", save_all=True,
                      append_images=[Image.new("L", (30, 20))]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(_SEEDS), flips=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)),
                                                    max_size=6), cut=st.integers(0, 10_000))
def test_fuzz_damaged_pictures_only_raise_user_errors(seed: bytes, flips: list[tuple[int, int]],
                                                      cut: int) -> None:
    data = bytearray(seed)
    for position, value in flips:
        data[position % len(data)] = value
    try:
        for page in images.iter_pages(bytes(data[: max(1, cut)] if cut < len(data) else data)):
            pagefix.prepare(page)
    except UserError:
        pass


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2048))
def test_fuzz_random_bytes_only_raise_user_errors(data: bytes) -> None:
    try:
        images.page_count(data)
        images.load_page(data)
    except UserError:
        pass


# ---- straightening --------------------------------------------------------------------------

@pytest.mark.parametrize("angle", [-6.0, -2.5, 1.5, 4.0])
def test_skew_is_measured_and_removed(angle: float) -> None:
    page = fx.scan(fx.CONFERENCE, dpi=100, angle=angle).convert("RGB")
    measured = pagefix.skew_angle(np.asarray(page.convert("L")))
    assert measured == pytest.approx(angle, abs=0.3)
    prepared = pagefix.prepare(images.LoadedPage(page, page.width, page.height))
    assert abs(pagefix.skew_angle(np.asarray(prepared.image.convert("L")))) < 0.3


def test_level_page_and_blank_page_are_not_rotated() -> None:
    level = np.asarray(fx.scan(fx.SCHOOL, dpi=100))
    assert pagefix.skew_angle(level) == 0.0
    assert pagefix.skew_angle(np.full((500, 400), 250, dtype=np.uint8)) == 0.0


def test_photo_is_cropped_to_the_page_and_maps_back_to_the_photo() -> None:
    photo = images.load_page(fx.photo(fx.CONFERENCE, angle=0.0, seed=1))
    prepared = pagefix.prepare(photo)
    assert prepared.cropped
    assert prepared.image.width < photo.image.width * 0.8
    # Every corner of the straightened page lands inside the photo as stored.
    for x, y in ((0, 0), (prepared.image.width, prepared.image.height)):
        sx, sy = prepared.map_point(x, y)
        assert 0 <= sx <= photo.source_width and 0 <= sy <= photo.source_height


def test_page_on_a_white_scanner_bed_is_not_cropped_to_nothing() -> None:
    bounds = pagefix.page_bounds(np.full((800, 600), 245, dtype=np.uint8))
    assert bounds == (0, 0, 600, 800)


def test_mapping_back_follows_the_rotation() -> None:
    picture = Image.new("RGB", (1200, 1600), (250, 250, 250))
    draw = ImageDraw.Draw(picture)
    for row in range(12):
        draw.rectangle((100, 100 + row * 60, 1000, 130 + row * 60), fill=(20, 20, 20))
    turned = picture.rotate(5.0, resample=Image.Resampling.BICUBIC, fillcolor=(250, 250, 250))
    prepared = pagefix.prepare(images.LoadedPage(turned, 2400, 3200))  # stored at twice the size
    assert prepared.skew_degrees == pytest.approx(5.0, abs=0.3)
    gray = np.asarray(prepared.image.convert("L"))
    ys, xs = np.nonzero(gray < 100)
    # The first bar's left end, found in the straightened page, maps back onto the rotated bar.
    top_left = (float(xs[ys == ys.min()].min()), float(ys.min()))
    sx, sy = prepared.map_point(*top_left)
    radians = math.radians(5.0)
    cx, cy = 600, 800
    ex = cx + (100 - cx) * math.cos(radians) + (100 - cy) * math.sin(radians)
    ey = cy - (100 - cx) * math.sin(radians) + (100 - cy) * math.cos(radians)
    assert sx == pytest.approx(2 * ex, abs=16) and sy == pytest.approx(2 * ey, abs=16)


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_turned_page_maps_back_to_the_same_pixels(turns: int) -> None:
    prepared = pagefix.PreparedPage(_marked(), (1.0, 0.0, 0.0, 0.0, 1.0, 0.0), 400, 300)
    turned = pagefix.turned(prepared, turns)
    gray = np.asarray(turned.image.convert("L"))
    ys, xs = np.nonzero(gray < 80)
    centre = turned.map_point(float(xs.mean()) + 0.5, float(ys.mean()) + 0.5)
    assert centre == pytest.approx((50.5, 50.5), abs=1.0)


# ---- reading order --------------------------------------------------------------------------

def _run(text: str, left: float, top: float, width: float = 300, height: float = 30) -> layout.Run:
    return layout.Run(text, left, top, left + width, top + height)


def test_reading_order_rows_columns_and_paragraphs() -> None:
    runs = [
        _run("Children's Services", 900, 100), _run("Westshire Council", 100, 102),
        _run("County Hall", 900, 140),
        _run("Dear Ms Taylor,", 100, 300),
        _run("I am writing to", 100, 400, 200), _run("invite you.", 320, 401, 150),
        _run("Please reply", 100, 440),
    ]
    order, text = layout.reading_order(runs)
    assert text == ("Westshire Council\n\nChildren's Services\nCounty Hall\n\nDear Ms Taylor,\n\n"
                    "I am writing to invite you.\nPlease reply")
    assert sorted(order) == list(range(len(runs)))


def test_reading_order_of_nothing_is_empty() -> None:
    assert layout.reading_order([]) == ([], "")
