"""Pull searchable text out of a document at import, so search finds letters by their words.

Only the text goes into the vault's search index; the file itself is stored unchanged.
Anything that cannot be read as text (audio, images, a damaged PDF) simply gives no text.
"""

from __future__ import annotations

import email
import email.policy
import logging
from pathlib import Path

log = logging.getLogger("familyrecord.importers")

MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 500
_TEXT_SUFFIXES = {".txt", ".md", ".csv", ".text"}


def extract_text(path: Path) -> str:
    suffix = path.suffix.lower()
    try:
        if path.stat().st_size > MAX_TEXT_FILE_BYTES and suffix != ".pdf":
            return ""
        if suffix in _TEXT_SUFFIXES:
            return path.read_text(encoding="utf-8", errors="replace")
        if suffix == ".eml":
            return _email_text(path.read_bytes())
        if suffix == ".pdf":
            return _pdf_text(path)
    except Exception as exc:  # noqa: BLE001 - no text is a fine answer for an odd file
        log.info("no text extracted from a %s file: %s", suffix, type(exc).__name__)
    return ""


def _email_text(data: bytes) -> str:
    message = email.message_from_bytes(data, policy=email.policy.default)
    parts = [str(message.get("subject", "")), str(message.get("from", "")), str(message.get("to", ""))]
    body = message.get_body(preferencelist=("plain", "html"))
    if body is not None:
        parts.append(body.get_content())
    return "\n".join(parts)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    pages = reader.pages[:MAX_PDF_PAGES]
    return "\n".join(page.extract_text() or "" for page in pages)
