"""One door for every file brought in: `extract(file_name, data)` gives its text, the pages read by
OCR (with their boxes), and whether any text was read by the computer from a picture.

Kinds: plain text (.txt, .md, .csv), HTML, e-mail (.eml, .msg), PDF, pictures (JPEG, PNG,
WebP, TIFF, HEIC, BMP, GIF), Word (.docx) and OpenDocument (.odt). The kind is told from the
file's first bytes where it can be, else from its name. Everything works on bytes in memory.

For a worker process: `page_count(name, data)` and `read_page(name, data, index)` are plain
functions with picklable results, so OCR can run page by page and resume where it stopped.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePath

from familyrecord.importers import documents, email_message, images, ocr, pdfs
from familyrecord.importers.email_message import ParsedEmail
from familyrecord.importers.email_parts import OLE_MAGIC
from familyrecord.importers.errors import FileTooLarge, UnsupportedFile
from familyrecord.importers.html_text import html_to_text
from familyrecord.importers.ocr import OcrPage, PageText
from familyrecord.progress import CancelCheck, Progress

MAX_TEXT_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".md", ".csv", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
KINDS = ("text", "html", "email", "pdf", "image", "word", "odt")


@dataclass(frozen=True)
class Extracted:
    kind: str  # one of KINDS
    text: str
    pages: tuple[PageText, ...] = ()  # PDFs and pictures: each page's text, and its OCR when read
    email: ParsedEmail | None = None

    @property
    def machine_read(self) -> bool:
        """Some of the text was read by the computer from a picture: show "check it"."""
        return any(page.machine_read for page in self.pages)

    @property
    def needs_ocr(self) -> bool:
        """Some pages are pictures of text that were not read (OCR was not asked for)."""
        return any(page.needs_ocr for page in self.pages)

    @property
    def ocr_pages(self) -> tuple[tuple[int, OcrPage], ...]:
        """(page index, what OCR found) for every page read from a picture."""
        return tuple((page.index, page.ocr) for page in self.pages if page.ocr is not None)


def kind_of(file_name: str, data: bytes) -> str | None:
    """What kind of file this is (see KINDS), or None for kinds not read here."""
    suffix = PurePath(file_name).suffix.lower()
    if pdfs.looks_like_pdf(data):
        return "pdf"
    if data.startswith(OLE_MAGIC):
        return "email" if suffix == ".msg" else None  # old .doc/.xls are OLE files too
    if images.looks_like_image(data):
        return "image"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data, suffix)
    by_suffix = {".eml": "email", ".msg": "email", ".pdf": "pdf", ".docx": "word", ".odt": "odt"}
    if suffix in by_suffix:
        return by_suffix[suffix]
    if suffix in images.IMAGE_SUFFIXES:
        return "image"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    return None


def can_extract(file_name: str, data: bytes = b"") -> bool:
    return kind_of(file_name, data) is not None


def extract(file_name: str, data: bytes, *, use_ocr: bool = True, progress: Progress | None = None,
            cancelled: CancelCheck | None = None) -> Extracted:
    """The file's text. Pictures and pages without text are read by OCR unless `use_ocr` is False
    (then `needs_ocr` says so, for a worker to do later). Raises UserError subclasses only."""
    kind = kind_of(file_name, data)
    if kind is None:
        raise UnsupportedFile("no text reader for this kind of file")
    if kind == "pdf":
        pages = tuple(pdfs.read_pdf(data, use_ocr=use_ocr, progress=progress, cancelled=cancelled))
        return Extracted(kind, _join(page.text for page in pages), pages)
    if kind == "image":
        return Extracted(kind, *_image(data, use_ocr, progress, cancelled))
    extracted = _document(kind, data)
    if progress:
        progress(1, 1)
    return extracted


def needs_ocr(file_name: str, data: bytes) -> bool:
    """Whether reading this file needs OCR (pictures; PDFs with pages that have no text)."""
    kind = kind_of(file_name, data)
    if kind == "image":
        return True
    return kind == "pdf" and bool(pdfs.pages_without_text(data))


def page_count(file_name: str, data: bytes) -> int:
    """Pages to read one by one with `read_page` (1 for kinds that are not paged)."""
    kind = kind_of(file_name, data)
    if kind == "pdf":
        return pdfs.page_count(data)
    if kind == "image":
        return images.page_count(data)
    return 1


def read_page(file_name: str, data: bytes, index: int) -> PageText:
    """Page `index` of a PDF or picture, read by OCR where needed: for a worker process."""
    kind = kind_of(file_name, data)
    if kind == "pdf":
        return pdfs.read_pdf_page(data, index)
    if kind == "image":
        result = ocr.read_image_page(data, index)
        return PageText(index, result.text, result)
    if index != 0:
        raise UnsupportedFile("this kind of file has a single page")
    return PageText(0, extract(file_name, data).text)


def email_text(parsed: ParsedEmail) -> str:
    """What search should find an e-mail by: subject, people, and the body."""
    people = [str(parsed.sender)] if parsed.sender else []
    people += [str(a) for a in (*parsed.to, *parsed.cc)]
    return _join([parsed.subject, "\n".join(people), parsed.body])


def _image(data: bytes, use_ocr: bool, progress: Progress | None,
           cancelled: CancelCheck | None) -> tuple[str, tuple[PageText, ...]]:
    if not use_ocr:
        count = images.page_count(data)
        return "", tuple(PageText(i, "", needs_ocr=True) for i in range(count))
    read = ocr.read_image(data, progress=progress, cancelled=cancelled)
    pages = tuple(PageText(i, page.text, page) for i, page in enumerate(read))
    return _join(page.text for page in pages), pages


def _document(kind: str, data: bytes) -> Extracted:
    if kind == "email":
        parsed = email_message.parse_email("message.msg" if data.startswith(
            OLE_MAGIC) else "message.eml", data)
        return Extracted(kind, email_text(parsed), email=parsed)
    if kind == "word":
        return Extracted(kind, documents.docx_text(data))
    if kind == "odt":
        return Extracted(kind, documents.odt_text(data))
    if len(data) > MAX_TEXT_BYTES:
        raise FileTooLarge("text file bigger than the limit")
    text = decode_text(data)
    return Extracted(kind, html_to_text(text) if kind == "html" else text)


def decode_text(data: bytes) -> str:
    """Text of a plain file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _zip_kind(data: bytes, suffix: str) -> str | None:
    if suffix in (".docx", ".odt"):
        return "word" if suffix == ".docx" else "odt"
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return None
    if "word/document.xml" in names:
        return "word"
    if "content.xml" in names and "mimetype" in names:
        return "odt"
    return None


def _join(parts: Iterable[str]) -> str:
    return "\n\n".join(part.strip() for part in parts if part.strip())
