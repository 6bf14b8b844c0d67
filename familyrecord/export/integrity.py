"""Page fingerprints: how a bundle, or any extract of its pages, can be checked.

A file's SHA-256 cannot be printed inside the same file (printing it changes the file). So the
bundle is fingerprinted by what its pages show, not by its bytes:

1. Each page's *body* (everything on it except the one-line "stamp" added last) is hashed:
   SHA-256 over its content streams, decoded, and over every resource they draw with (fonts,
   pictures, embedded page drawings), decoded and walked in name order. Nothing that changes
   when pages are copied into another file (object numbers, compression, encryption, page
   order, the file's other pages) goes into it, so a page extracted with any PDF tool keeps
   its fingerprint, while any change to what it shows changes it.
2. The bundle fingerprint is SHA-256 over the page fingerprints in page order. It is known
   only once every page is final, so it cannot be inside any page's body.
3. Each page then gets a stamp: its page label, the export id and the bundle fingerprint, as a
   separate content stream in a standard font. The stamp is made from those three values
   alone, so a checker rebuilds it byte for byte and sees at once if it was altered.

The appendix prints the fingerprint of every page before it, by page label, and the manifest
(in the file's document information) and the record's journal keep the full list. A checker
names each changed page by the label in its stamp, and accepts an extract (a subset of pages
copied into a new file) when each of its pages matches the fingerprint listed for its label.
Without the record this proves the pages are those of the bundle with that fingerprint;
that the fingerprint is the family's comes from the record (`verify-export`) or from the
family telling the solicitor the fingerprint themselves.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pypdf import PageObject
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    PdfObject,
    StreamObject,
)

STAMP_MARK = b"%FamilyRecord stamp\n"
COVER_MARK = b"%FamilyRecord cover stamp\n"
STAMP_FONT = "/FRStampFont"
MONO_FONT = "/FRStampMono"
COVER_LABEL = "i"  # the cover's page label; its stamp does not print it
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's: no I, L, O or U
# The stamp's own fonts, and links back up the page tree, are not part of a page's body.
_NOT_HASHED = frozenset((STAMP_FONT, MONO_FONT, "/Parent", "/P"))
_STAMP_TEXT = re.compile(rb"\((.*?)(?<!\\)\) Tj")


def new_export_id() -> str:
    """A random id such as 7K3M-Q9XD-2PZA (60 bits), unambiguous when copied by hand."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def bundle_fingerprint(page_hashes: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(page_hashes).encode("ascii")).hexdigest()


# ---- hashing a page's body -------------------------------------------------------------------

def _streams(page: PageObject) -> list[StreamObject]:
    contents = page.get("/Contents")
    if contents is None:
        return []
    contents = contents.get_object()
    items = contents if isinstance(contents, ArrayObject) else [contents]
    return [item.get_object() for item in items]


def is_stamp(stream: StreamObject) -> bool:
    return stream.get_data().startswith((STAMP_MARK, COVER_MARK))


class PageHasher:
    """Hashes page bodies; resources shared by many pages (fonts) are hashed once."""

    def __init__(self) -> None:
        self._done: dict[int, bytes] = {}

    def page(self, page: PageObject) -> str:
        digest = hashlib.sha256(b"page/1\n")
        box = [round(float(v), 2) for v in page.mediabox]
        digest.update(repr((box, int(page.get("/Rotate", 0)))).encode())
        for stream in _streams(page):
            if not is_stamp(stream):
                digest.update(self._chunk(b"content", stream.get_data()))
        resources = page.get("/Resources")
        if resources is not None:
            digest.update(self._value(resources, depth=0))
        return digest.hexdigest()

    @staticmethod
    def _chunk(tag: bytes, data: bytes) -> bytes:
        return tag + len(data).to_bytes(8, "big") + hashlib.sha256(data).digest()

    def _value(self, value: PdfObject, depth: int) -> bytes:
        if depth > 12:
            return b"deep"
        if isinstance(value, IndirectObject):
            key = value.idnum
            if key not in self._done:
                self._done[key] = b"..."  # a cycle (a /Parent link) hashes as a marker
                self._done[key] = self._value(value.get_object() or NullObject(), depth + 1)
            return self._done[key]
        if isinstance(value, StreamObject):
            inner = self._dictionary(value, depth, ("/Length", "/Filter", "/DecodeParms"))
            return self._chunk(b"stream", inner + value.get_data())
        if isinstance(value, DictionaryObject):
            return self._dictionary(value, depth, ())
        if isinstance(value, ArrayObject):
            return b"[" + b",".join(self._value(v, depth + 1) for v in value) + b"]"
        return repr(value).encode("utf-8", "replace")

    def _dictionary(self, value: DictionaryObject, depth: int, skip: Sequence[str]) -> bytes:
        parts = [str(k).encode() + b"=" + self._value(value.raw_get(k) or NullObject(), depth + 1)
                 for k in sorted(value) if k not in skip and k not in _NOT_HASHED]
        return hashlib.sha256(b"{" + b";".join(parts) + b"}").digest()


# ---- the stamp -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Stamp:
    label: str
    export_id: str
    fingerprint: str
    cover: bool = False

    def lines(self) -> list[str]:
        if self.cover:
            return [f"Export id: {self.export_id}",
                    "Bundle fingerprint (SHA-256 of every page's content):", self.fingerprint]
        return [f"{self.label}  \u00b7  Export {self.export_id}  \u00b7  Bundle fingerprint "
                f"(SHA-256) {self.fingerprint}"]

    def content(self, width: float) -> bytes:
        """The stamp's content stream: made from the stamp's values and the page width only."""
        out = [(COVER_MARK if self.cover else STAMP_MARK).decode()]
        if self.cover:
            sizes = ((11, STAMP_FONT), (10, STAMP_FONT), (10, MONO_FONT))
            for n, (line, (size, font)) in enumerate(zip(self.lines(), sizes, strict=True)):
                x = (width - _width(line, size, font)) / 2
                out.append(_text(line, font, size, x, 96 - 16 * n))
        else:
            out.append(_text(self.lines()[0], STAMP_FONT, 6.5, 51.02, 14))
        return "\n".join(out).encode("latin-1")


def _width(text: str, size: float, font: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, "Courier" if font == MONO_FONT else "Helvetica", size))


def _text(line: str, font: str, size: float, x: float, y: float) -> str:
    escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    escaped = escaped.replace("\u00b7", "\\267")  # the middle dot in WinAnsi
    return f"q 0.3 g BT {font} {size:g} Tf {x:.2f} {y:.2f} Td ({escaped}) Tj ET Q"


def stamp_font(base: str) -> DictionaryObject:
    return DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject(base),
                             NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})


def read_stamp(page: PageObject) -> Stamp | None:
    """The stamp a page carries, if it is exactly as made (else None)."""
    for stream in _streams(page):
        data = stream.get_data()
        if not data.startswith((STAMP_MARK, COVER_MARK)):
            continue
        texts = [t.replace(b"\\267", "\u00b7".encode("latin-1")).replace(b"\\(", b"(")
                 .replace(b"\\)", b")").replace(b"\\\\", b"\\").decode("latin-1")
                 for t in _STAMP_TEXT.findall(data)]
        stamp = _parse(texts, cover=data.startswith(COVER_MARK))
        width = float(page.mediabox.width)
        if stamp is not None and stamp.content(width) == data:
            return stamp
        return None
    return None


def _parse(texts: list[str], cover: bool) -> Stamp | None:
    if cover and len(texts) == 3 and texts[0].startswith("Export id: "):
        return Stamp(COVER_LABEL, texts[0].removeprefix("Export id: "), texts[2], cover=True)
    found = re.fullmatch(r"(.+?)  \u00b7  Export (\S+)  \u00b7  Bundle fingerprint \(SHA-256\) "
                         r"([0-9a-f]{64})", texts[0]) if len(texts) == 1 else None
    return Stamp(found.group(1), found.group(2), found.group(3)) if found else None
