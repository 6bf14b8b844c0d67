"""PDFs: their own text where they have it, OCR for scanned pages, clear errors for locked or broken files."""

from __future__ import annotations

import contextlib
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from familyrecord.errors import Cancelled, UserError
from familyrecord.importers import pdfs
from familyrecord.importers.errors import PdfLocked, UnreadableFile
from tests import intake_fixtures as fx

TEXT_PAGE = "Minutes of the core group meeting held on 3 February 2025 at County Hall."


@pytest.fixture(scope="module")
def scanned_pdf() -> bytes:
    return fx.image_pdf([fx.scan(fx.CONFERENCE, dpi=150, angle=1.0), fx.scan(fx.REVIEW, dpi=150)], dpi=150)


def test_pdf_with_a_text_layer_is_not_read_by_ocr() -> None:
    pages = pdfs.read_pdf(fx.text_pdf([TEXT_PAGE, "Second page: actions and owners."]))
    assert [page.text for page in pages] == [TEXT_PAGE, "Second page: actions and owners."]
    assert not any(page.machine_read or page.needs_ocr for page in pages)


@pytest.mark.slow
def test_image_only_pdf_is_read_page_by_page(scanned_pdf: bytes) -> None:
    assert pdfs.pages_without_text(scanned_pdf) == [0, 1]
    seen: list[tuple[float, float]] = []
    pages = pdfs.read_pdf(scanned_pdf, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 2), (1, 2), (2, 2)]
    assert all(page.machine_read for page in pages)
    assert "Please let me know by 13/01/2025" in pages[0].text
    assert "Re: Child in need review for Amara" in pages[1].text
    ocr_page = pages[1].ocr
    assert ocr_page is not None and ocr_page.width < ocr_page.height  # boxes in the rendered page's pixels


def test_without_ocr_scanned_pages_are_flagged_not_read(scanned_pdf: bytes) -> None:
    pages = pdfs.read_pdf(scanned_pdf, use_ocr=False)
    assert [page.needs_ocr for page in pages] == [True, True]
    assert all(page.text == "" for page in pages)


def test_cancel_stops_before_the_next_page(scanned_pdf: bytes) -> None:
    with pytest.raises(Cancelled):
        pdfs.read_pdf(scanned_pdf, cancelled=lambda: True)


@pytest.mark.slow
def test_mixed_pdf_reads_only_the_scanned_page() -> None:
    writer = PdfWriter()
    for source in (fx.text_pdf([TEXT_PAGE]), fx.image_pdf([fx.scan(fx.SCHOOL, dpi=100)], dpi=100)):
        for page in PdfReader(io.BytesIO(source)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    first, second = pdfs.read_pdf(out.getvalue())
    assert first.text == TEXT_PAGE and not first.machine_read
    assert second.machine_read and "Hollybrook Primary School" in second.text
    # A worker can ask for one page at a time (and so resume after a stop).
    assert pdfs.read_pdf_page(out.getvalue(), 0).text == TEXT_PAGE
    assert pdfs.read_pdf(out.getvalue(), start=1)[0].index == 1


def test_password_pdf_says_it_is_locked() -> None:
    with pytest.raises(PdfLocked) as caught:
        pdfs.read_pdf(fx.locked_pdf())
    assert caught.value.user_message.startswith("This PDF is locked with a password")


def test_pdf_with_only_an_owner_password_just_opens() -> None:
    (page,) = pdfs.read_pdf(fx.locked_pdf(user_password=""))
    assert "locked letter about the review meeting" in page.text


@pytest.mark.parametrize("data", [b"", b"%PDF-1.7\n", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF",
                                  b"plain text, not a PDF"])
def test_broken_pdfs_give_a_typed_error(data: bytes) -> None:
    with pytest.raises(UnreadableFile):
        pdfs.read_pdf(data)


def test_truncated_pdf_gives_a_typed_error_or_its_pages() -> None:
    data = fx.text_pdf([TEXT_PAGE])
    try:
        pages = pdfs.read_pdf(data[: len(data) // 2], use_ocr=False)
    except UnreadableFile:
        return
    assert all(isinstance(page.text, str) for page in pages)  # PDFium may repair it: also fine


def test_page_index_out_of_range_is_a_typed_error() -> None:
    with pytest.raises(UnreadableFile):
        pdfs.read_pdf_page(fx.text_pdf([TEXT_PAGE]), 5)
    with pytest.raises(UnreadableFile):
        pdfs.render_page(fx.text_pdf([TEXT_PAGE]), 1)


def test_scanned_page_is_drawn_at_its_scan_resolution(scanned_pdf: bytes) -> None:
    page = pdfs.render_page(scanned_pdf, 0)
    scan = fx.scan(fx.CONFERENCE, dpi=150)
    assert abs(page.image.width - scan.width) <= 2 and abs(page.image.height - scan.height) <= 2
    text_page = pdfs.render_page(fx.text_pdf([TEXT_PAGE]), 0)
    assert max(text_page.image.size) == 2500  # no scan inside: drawn finely, to the reader's limit


_SEED = fx.text_pdf([TEXT_PAGE])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flips=st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 255)), max_size=8),
       cut=st.integers(10, 100_000))
def test_fuzz_damaged_pdfs_only_raise_user_errors(flips: list[tuple[int, int]], cut: int) -> None:
    data = bytearray(_SEED[:cut])
    for position, value in flips:
        data[position % len(data)] = value
    try:
        pdfs.read_pdf(bytes(data), use_ocr=False)
        pdfs.pages_without_text(bytes(data))
    except UserError:
        pass


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2048))
def test_fuzz_random_bytes_only_raise_user_errors(data: bytes) -> None:
    with contextlib.suppress(UserError):
        pdfs.read_pdf(b"%PDF-1.4\n" + data, use_ocr=False)
