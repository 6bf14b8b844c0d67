"""One door for every kind of file; nothing decoded is ever written to a temporary folder."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familyrecord.errors import UserError
from familyrecord.importers import extract, ocr
from familyrecord.importers.errors import PdfLocked, UnsupportedFile
from familyrecord.importers.text import extract_text, extract_text_from_bytes
from tests import intake_fixtures as fx

PDF = fx.text_pdf(["Minutes of the core group meeting"])
PHOTO = fx.jpeg(fx.scan(fx.SCHOOL, dpi=100))


@pytest.mark.parametrize(("name", "data", "kind", "words"), [
    ("notes.txt", "Leo’s visit went well".encode(), "text", "Leo’s visit went well"),
    ("notes.txt", "Café notes".encode("cp1252"), "text", "Café notes"),
    ("page.html", b"<p>Hello <b>there</b></p>", "html", "Hello there"),
    ("minutes.pdf", PDF, "pdf", "Minutes of the core group meeting"),
    ("report.docx", fx.docx(["Parenting assessment"]), "word", "Parenting assessment"),
    ("report.odt", fx.odt_report(), "odt", "Keep the routine"),
    ("message.eml", fx.eml_with_attachments(PDF, PHOTO), "email", "Re: Core group meeting"),
    ("review.msg", fx.outlook_msg(), "email", "Priya Patel <priya.patel@northam.gov.uk>"),
    ("renamed.bin", PDF, "pdf", "core group"),  # told by its first bytes, not its name
])
def test_each_kind_gives_its_text(name: str, data: bytes, kind: str, words: str) -> None:
    result = extract.extract(name, data)
    assert result.kind == kind
    assert words in result.text
    assert not result.machine_read and not result.needs_ocr


def test_email_result_carries_the_parsed_message() -> None:
    result = extract.extract("message.eml", fx.eml_with_attachments(PDF, PHOTO))
    assert result.email is not None and len(result.email.attachments) == 2
    assert "Sarah Taylor <sarah@example.org>" in result.text and "Please reply by 27 January." in result.text


@pytest.mark.slow
def test_photo_is_read_by_ocr_and_says_so() -> None:
    seen: list[tuple[float, float]] = []
    result = extract.extract("letter.jpg", PHOTO, progress=lambda d, t: seen.append((d, t)))
    assert result.kind == "image" and result.machine_read
    assert "Hollybrook Primary School" in result.text
    assert result.ocr_pages[0][0] == 0 and seen[-1] == (1, 1)


def test_without_ocr_a_photo_is_flagged_for_later() -> None:
    result = extract.extract("letter.jpg", PHOTO, use_ocr=False)
    assert result.text == "" and result.needs_ocr and not result.machine_read
    assert extract.needs_ocr("letter.jpg", PHOTO)
    assert not extract.needs_ocr("minutes.pdf", PDF)
    assert extract.page_count("letter.jpg", PHOTO) == 1


def test_unknown_kinds_are_refused_with_a_typed_error() -> None:
    assert not extract.can_extract("recording.m4a", b"\x00\x00\x00\x20ftypM4A ")
    with pytest.raises(UnsupportedFile):
        extract.extract("recording.m4a", b"\x00\x00\x00\x20ftypM4A ")
    with pytest.raises(UnsupportedFile):
        extract.extract("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)


def test_password_pdf_message_reaches_the_caller() -> None:
    with pytest.raises(PdfLocked):
        extract.extract("locked.pdf", fx.locked_pdf())


def test_extract_text_keeps_working_for_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("plain words", encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(PDF)
    (tmp_path / "c.eml").write_bytes(fx.eml_with_attachments(PDF, PHOTO))
    (tmp_path / "d.jpg").write_bytes(PHOTO)
    (tmp_path / "e.pdf").write_bytes(fx.locked_pdf())
    (tmp_path / "f.mp3").write_bytes(b"ID3" + b"\x00" * 100)
    assert extract_text(tmp_path / "a.txt") == "plain words"
    assert "core group meeting" in extract_text(tmp_path / "b.pdf")
    assert "Jane Smith" in extract_text(tmp_path / "c.eml")
    assert extract_text(tmp_path / "d.jpg") == ""  # pictures are read by OCR elsewhere, not here
    assert extract_text(tmp_path / "e.pdf") == ""
    assert extract_text(tmp_path / "f.mp3") == ""
    assert extract_text(tmp_path / "missing.txt") == ""
    assert extract_text_from_bytes("x.docx", fx.docx(["Word words"])) == "Word words"


@pytest.mark.slow
def test_nothing_is_written_to_the_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    watched = tmp_path / "tmp"
    watched.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(watched))
    monkeypatch.setattr(ocr, "_engine", None)  # the models load under watch too
    for variable in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(variable, str(watched))
    scanned = fx.image_pdf([fx.scan(fx.REVIEW, dpi=100)], dpi=100)
    inputs = [("letter.jpg", fx.photo(fx.SCHOOL, angle=2.0, seed=4, size=(1500, 2000))),
              ("scan.pdf", scanned), ("message.eml", fx.eml_with_attachments(scanned, PHOTO)),
              ("review.msg", fx.outlook_msg(html_only=True, attachment=("scan.pdf", scanned))),
              ("report.docx", fx.docx(["Report"])), ("report.odt", fx.odt_report())]
    for name, data in inputs:
        result = extract.extract(name, data)
        assert result.text
        for attachment in result.email.attachments if result.email else ():
            extract.extract(attachment.file_name, attachment.data)
    assert list(watched.iterdir()) == []


_SEEDS = [("a.pdf", PDF), ("a.eml", fx.latin1_eml()), ("a.msg", fx.outlook_msg()),
          ("a.docx", fx.docx(["x"])), ("a.odt", fx.odt_report()), ("a.txt", b"words"),
          ("a.png", fx.png_header(20, 20)), ("a.html", b"<p>x</p>")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(_SEEDS), flips=st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 255)),
                                                    max_size=6), cut=st.integers(0, 100_000))
def test_fuzz_every_kind_only_raises_user_errors(seed: tuple[str, bytes], flips: list[tuple[int, int]],
                                                 cut: int) -> None:
    name, original = seed
    data = bytearray(original[:cut])
    for position, value in flips:
        if data:
            data[position % len(data)] = value
    with contextlib.suppress(UserError):
        extract.extract(name, bytes(data), use_ocr=False)
