"""Text as extracted from PDF, Word or a photo, made into clean lines that remember where they came from.

Extraction leaves page numbers, headers and footers repeated on every page, ligatures, soft hyphens,
and hard line breaks in the middle of sentences. `lines` cleans each line and keeps, for every
character, its offset in the text as given, so a statement can point back into the original.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_CHAR_FIXES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
               "\u00ad": "", "\u00a0": " ", "\t": " ", "\u2009": " ", "\u200b": "", "\ufeff": "",
               "\u2010": "-", "\u2011": "-"}
_PAGE_NUMBER = re.compile(r"(?i)^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$"
                          r"|^\d{1,4}\s*/\s*\d{1,4}$")
_TERMINAL = ".!?"


@dataclass
class Mapped:
    """Text and, for each character, its offset in the source."""

    text: str = ""
    offsets: list[int] = field(default_factory=list)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of text[start:end]."""
        if not self.offsets or end <= start:
            return (0, 0)
        return (self.offsets[start], self.offsets[end - 1] + 1)

    def slice(self, start: int, end: int) -> Mapped:
        return Mapped(self.text[start:end], self.offsets[start:end])


@dataclass
class Line:
    mapped: Mapped
    blank_before: bool  # a blank line, a page break or page furniture came before it

    @property
    def text(self) -> str:
        return self.mapped.text


def _clean(source: str, start: int, end: int) -> Mapped:
    chars: list[str] = []
    offsets: list[int] = []
    for i in range(start, end):
        ch = source[i]
        fixed = _CHAR_FIXES.get(ch, ch)
        if fixed and not fixed.isprintable():
            fixed = " "
        for piece in fixed:
            if piece == " " and (not chars or chars[-1] == " "):
                continue  # collapse runs of spaces, none at the start
            chars.append(piece)
            offsets.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return Mapped("".join(chars), offsets)


_PAGE_OF = r"page\s*\d{1,4}\s*(?:of|/)\s*\d{1,4}"
_PAGE_AT_EDGE = re.compile(rf"(?i)^{_PAGE_OF}\b|\b{_PAGE_OF}$")
_PAGE_PART = re.compile(r"(?i)\s*\bpage\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*")


def _shape(text: str) -> str:
    """A line with page numbers dropped and other numbers blanked, so a header repeated on every page
    looks the same whether or not a page number shares its line."""
    return re.sub(r"\d+", "#", _PAGE_PART.sub(" ", text).strip().lower())


_BREAK = re.compile(r"\r\n|[\n\r\f\v\u2028\u2029\x1c\x1d\x1e\x85]")
_MARKER = re.compile(r"^(?:[-•*–·▪●◦o]\s|\(?[0-9a-zA-Z]{1,4}[.)]\s)")


def lines(source: str) -> tuple[list[Line], list[Mapped]]:
    """Non-empty cleaned lines, and apart from them the page numbers and repeated headers/footers."""
    raw: list[Mapped | None] = []  # None marks a blank line or a page break
    begin = 0
    for match in _BREAK.finditer(source):
        cleaned = _clean(source, begin, match.start())
        raw.append(cleaned if cleaned.text else None)
        if match.group() in "\f\x1c\x1d":
            raw.append(None)
        begin = match.end()
    cleaned = _clean(source, begin, len(source))
    raw.append(cleaned if cleaned.text else None)
    shapes = Counter(_shape(m.text) for m in raw if m is not None)
    out: list[Line] = []
    furniture: list[Mapped] = []
    gap = True
    for mapped in raw:
        if mapped is not None and is_page_furniture(mapped.text, shapes):
            furniture.append(mapped)
        if mapped is None or is_page_furniture(mapped.text, shapes):
            gap = True
            continue
        out.append(Line(mapped, gap))
        gap = False
    return out, furniture


def is_page_furniture(text: str, shapes: Counter[str] | None = None) -> bool:
    """A page number, or a short line without a full stop that repeats (a header or footer)."""
    if _PAGE_NUMBER.match(text) or (len(text) <= 100 and _PAGE_AT_EDGE.search(text)):
        return True
    if shapes is None or len(text) > 100 or text[-1] in _TERMINAL or _MARKER.match(text):
        return False
    return shapes[_shape(text)] >= 2 and not re.match(r"^\W*$", text)


def ends_sentence(text: str) -> bool:
    return bool(text) and text.rstrip("\"'’”)]")[-1:] in _TERMINAL


def join(first: Mapped, second: Mapped) -> Mapped:
    """Two wrapped lines as one: "assess-" + "ment" -> "assessment"; otherwise joined with a space."""
    if re.search(r"[^\W\d_]-$", first.text) and second.text[:1].islower():
        return Mapped(first.text[:-1] + second.text, first.offsets[:-1] + second.offsets)
    joint = first.offsets[-1] + 1 if first.offsets else 0
    return Mapped(first.text + " " + second.text, [*first.offsets, joint, *second.offsets])
