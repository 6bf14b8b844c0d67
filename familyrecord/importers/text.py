"""Pull searchable text out of a document at import, so search finds letters by their words.

Only the text goes into the vault's search index; the file itself is stored unchanged.
Anything that cannot be read as text (audio, a damaged file) simply gives no text. Pictures and
scanned pages are not read here (that takes seconds a page): `extract.extract` does it, in a
worker, when asked.
"""

from __future__ import annotations

import logging
from pathlib import Path

from familyrecord.errors import UserError
from familyrecord.importers import extract

log = logging.getLogger("familyrecord.importers")

MAX_TEXT_FILE_BYTES = extract.MAX_TEXT_BYTES
MAX_PDF_BYTES = 512 * 1024 * 1024


def extract_text(path: Path) -> str:
    """The text of the file at `path` ("" when it has none that can be read without OCR)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        limit = MAX_PDF_BYTES if path.suffix.lower() == ".pdf" else MAX_TEXT_FILE_BYTES
        if size > limit and path.suffix.lower() not in (".eml", ".msg"):
            return ""
        if not extract.can_extract(path.name, _head(path)):
            return ""
        return extract_text_from_bytes(path.name, path.read_bytes())
    except OSError as exc:
        log.info("no text extracted from a %s file: %s", path.suffix.lower(), type(exc).__name__)
        return ""


def extract_text_from_bytes(file_name: str, data: bytes, *, use_ocr: bool = False) -> str:
    """The text of a file held in memory ("" when none can be read); OCR only when asked."""
    try:
        return extract.extract(file_name, data, use_ocr=use_ocr).text
    except UserError as exc:
        log.info("no text extracted from a %s file: %s", Path(file_name).suffix.lower(),
                 type(exc).__name__)
        return ""


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(4096)
