"""Text out of Word (.docx) and OpenDocument (.odt) files, from bytes, for search.

Both are zip archives of XML. Sizes inside the archive are checked before anything is
unpacked (a "zip bomb" is refused), and XML that declares a DOCTYPE is refused outright: it is
how entity-expansion attacks ("billion laughs") and external entities get in, and no real
document needs one. The file itself is kept unchanged elsewhere; this only finds its words.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

from familyrecord.importers.errors import FileTooLarge, UnreadableFile

MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 20_000
MAX_RATIO = 200  # unpacked / packed: ordinary XML compresses ~10x; bombs by thousands
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def docx_text(data: bytes) -> str:
    """Paragraphs and tables of a Word document, in order; headers first, footers last."""
    archive = _archive(data)
    try:
        _refuse_doctype(archive, [name for name in archive.namelist()
                                  if name.startswith("word/") and name.endswith(".xml")])
    finally:
        archive.close()
    try:
        import docx
        from docx.document import Document

        document: Document = docx.Document(io.BytesIO(data))
        body = list(_docx_blocks(document))
        heads: list[str] = []
        feet: list[str] = []
        for section in document.sections:
            for text in _docx_blocks(section.header):
                if text not in heads:
                    heads.append(text)
            for text in _docx_blocks(section.footer):
                if text not in feet:
                    feet.append(text)
    except Exception as exc:  # python-docx and lxml raise many kinds of error on damaged files
        raise UnreadableFile(f"Word document could not be read: {type(exc).__name__}") from exc
    return _join([*heads, *body, *feet])


def odt_text(data: bytes) -> str:
    """Headings, paragraphs, lists and tables of an OpenDocument text, in order."""
    archive = _archive(data)
    try:
        _refuse_doctype(archive, ["content.xml"])
        content = archive.read("content.xml")
    except KeyError as exc:
        raise UnreadableFile("OpenDocument file has no content") from exc
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError, zlib.error) as exc:
        raise UnreadableFile(f"OpenDocument file could not be unpacked: {type(exc).__name__}") from exc
    finally:
        archive.close()
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as exc:
        raise UnreadableFile("OpenDocument content is not well-formed") from exc
    body = root.find(f"{{{_ODF_OFFICE}}}body")
    blocks: list[str] = []
    try:
        _odf_blocks(body if body is not None else root, blocks, 0)
    except RecursionError as exc:
        raise UnreadableFile("OpenDocument content is nested too deeply") from exc
    return _join(blocks)


def _archive(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, zlib.error) as exc:
        raise UnreadableFile(f"not a readable document archive: {type(exc).__name__}") from exc
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(
            len(data), 1024):
        archive.close()
        raise FileTooLarge("document archive unpacks too big")
    return archive


def _refuse_doctype(archive: zipfile.ZipFile, names: list[str]) -> None:
    for name in names:
        try:
            with archive.open(name) as part:
                head = part.read(4096)
        except KeyError:
            continue
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError,
                NotImplementedError, zlib.error) as exc:
            raise UnreadableFile(f"document part could not be unpacked: {type(exc).__name__}") from exc
        if _DOCTYPE.search(head):
            raise UnreadableFile("document XML declares a DOCTYPE (refused for safety)")


def _docx_blocks(container: Any) -> Iterator[str]:
    """Text of each paragraph and table row in a body, header, footer or table cell."""
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(block for block in _docx_blocks(cell) if block)
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                if cells:
                    yield "\t".join(cells)
        else:
            text = str(item.text).strip()
            if text:
                yield text


def _odf_blocks(element: ElementTree.Element, blocks: list[str], depth: int) -> None:
    if depth > 100:
        return
    for child in element:
        tag = child.tag
        if tag in (f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"):
            text = _odf_inline(child).strip()
            if text:
                blocks.append(text)
        elif tag == f"{{{_ODF_TEXT}}}list-item":
            inner: list[str] = []
            _odf_blocks(child, inner, depth + 1)
            blocks.extend(f"- {line}" if i == 0 else line for i, line in enumerate(inner))
        elif tag == f"{{{_ODF_TABLE}}}table-row":
            cells = []
            for cell in child:
                parts: list[str] = []
                _odf_blocks(cell, parts, depth + 1)
                if parts:
                    cells.append(" ".join(parts))
            if cells:
                blocks.append("\t".join(cells))
        else:
            _odf_blocks(child, blocks, depth + 1)


def _odf_inline(element: ElementTree.Element) -> str:
    """A paragraph's text, with ODF's encoded spaces, tabs and line breaks spelt out."""
    pieces = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == f"{{{_ODF_TEXT}}}s":
            count = child.get(f"{{{_ODF_TEXT}}}c", "1")
            pieces.append(" " * min(int(count) if count.isdigit() else 1, 100))
        elif tag == f"{{{_ODF_TEXT}}}tab":
            pieces.append("\t")
        elif tag == f"{{{_ODF_TEXT}}}line-break":
            pieces.append("\n")
        elif tag != f"{{{_ODF_OFFICE}}}annotation":
            pieces.append(_odf_inline(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _join(blocks: list[str]) -> str:
    return "\n".join(block for block in blocks if block.strip())
