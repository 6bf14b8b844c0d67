"""The offline reader reads photographed letters, in order, with boxes on the stored picture."""

from __future__ import annotations

import io
import pickle
import socket
from pathlib import Path

import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein

from familyrecord.errors import Cancelled
from familyrecord.importers import ocr
from tests import intake_fixtures as fx

pytestmark = pytest.mark.slow


def _cer(found: str, truth: str) -> float:
    found, truth = " ".join(found.split()), " ".join(truth.split())
    return Levenshtein.distance(found, truth) / len(truth)


@pytest.fixture(scope="module")
def conference_photo() -> bytes:
    return fx.photo(fx.CONFERENCE, angle=-3.0, seed=5)


@pytest.fixture(scope="module")
def conference_pages(conference_photo: bytes) -> list[ocr.OcrPage]:
    return ocr.read_image(conference_photo)


def test_photographed_letter_is_read_in_reading_order(conference_pages: list[ocr.OcrPage]) -> None:
    (page,) = conference_pages
    assert _cer(page.text, fx.CONFERENCE.text) < 0.03
    assert "Re: Child protection conference for Leo and Mia" in page.text
    assert page.text.index("Yours sincerely") < page.text.index("Jane Smith")
    assert "\n\nDear Ms Taylor,\n\n" in page.text  # blocks stay apart
    assert page.skew_degrees == pytest.approx(-3.0, abs=0.4)
    assert page.confidence > 0.9


def test_boxes_are_on_the_stored_photo(conference_pages: list[ocr.OcrPage]) -> None:
    (page,) = conference_pages
    assert (page.width, page.height) == (3000, 4000)
    for line in page.lines:
        for x, y in line.quad:
            assert 0 <= x <= page.width and 0 <= y <= page.height
        assert " ".join(word.text for word in line.words) == line.text
    # The page is turned -3 degrees (clockwise) on the desk: its lines fall to the right.
    first = page.lines[0]
    (x0, y0), (x1, y1) = first.quad[0], first.quad[1]
    assert x1 > x0 and y1 > y0


def test_boxes_sit_where_the_words_were_printed() -> None:
    page_image = fx.scan(fx.SCHOOL, dpi=150)
    (page,) = ocr.read_image(fx.jpeg(page_image))
    scale = page_image.width / fx.A4_300DPI[0]
    line = next(line for line in page.lines if line.text.startswith("Dear Ms Taylor"))
    left = min(x for x, _ in line.quad)
    top = min(y for _, y in line.quad)
    printed_top = (260 + 5 * round(46 * 1.55)) * scale  # the sixth line of the letter
    assert left == pytest.approx(230 * scale, abs=12)
    assert top == pytest.approx(printed_top, abs=15)


def test_upside_down_photo_without_exif_is_turned_and_read() -> None:
    photo = Image.open(io.BytesIO(fx.photo(fx.SCHOOL, angle=1.5, seed=2)))
    upside_down = fx.jpeg(photo.transpose(Image.Transpose.ROTATE_180))
    (page,) = ocr.read_image(upside_down)
    assert _cer(page.text, fx.SCHOOL.text) < 0.05
    # Boxes still refer to the picture as stored (upside down): the letterhead is near the bottom.
    assert min(y for _, y in page.lines[0].quad) > page.height / 2


def test_progress_and_cancel_between_pages() -> None:
    frames = [fx.scan(letter, dpi=80) for letter in (fx.CONFERENCE, fx.SCHOOL)]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    seen: list[tuple[float, float]] = []
    pages = ocr.read_image(out.getvalue(), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 2), (1, 2), (2, 2)]
    assert "Westshire" in pages[0].text and "Hollybrook" in pages[1].text
    with pytest.raises(Cancelled):
        ocr.read_image(out.getvalue(), cancelled=lambda: True)


def test_results_travel_between_processes(conference_pages: list[ocr.OcrPage]) -> None:
    assert pickle.loads(pickle.dumps(conference_pages)) == conference_pages


def test_engine_starts_offline_and_silently(monkeypatch: pytest.MonkeyPatch,
                                            capfd: pytest.CaptureFixture[str]) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the text reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(ocr, "_engine", None)
    import rapidocr

    models = Path(str(rapidocr.__file__)).parent / "models"
    before = sorted(p.name for p in models.iterdir())
    page = ocr.read_image_page(fx.jpeg(fx.scan(fx.REVIEW, dpi=100)))
    assert "Amara" in page.text
    assert sorted(p.name for p in models.iterdir()) == before  # nothing downloaded
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


def test_fields_are_suggested_from_the_photographed_letter(conference_pages: list[ocr.OcrPage]) -> None:
    from datetime import date

    from familyrecord.importers.suggest import suggest_fields

    text = conference_pages[0].text
    found = suggest_fields(text, known_children=("Leo", "Mia", "Amara"))
    assert found.letter_date is not None and found.letter_date.value == date(2025, 1, 6)
    assert found.sender is not None and found.sender.value == "Jane Smith"
    assert found.subject is not None and found.subject.value == "Child protection conference for Leo and Mia"
    assert [c.value for c in found.children] == ["Leo", "Mia"]
    assert found.reply_needed_by is not None and found.reply_needed_by.value == date(2025, 1, 13)
    assert text[found.reply_needed_by.start:found.reply_needed_by.end] == "13/01/2025"
