"""Sentence boundaries in a paragraph of minutes or notes, without splitting "Mr. Smith" or "1.5"."""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "prof", "cllr", "rev", "vs", "e.g", "i.e", "eg", "ie",
    "approx", "dept", "tel", "ref", "cf", "ca", "incl", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "fig", "para", "pp", "a.m", "p.m", "hon", "sgt", "insp", "pc", "dc",
})
# A full stop, question or exclamation mark, closing quotes/brackets, then space and a new start.
_END = re.compile(r"[.!?]+[\"'’”)\]]*(?=\s+[\"'‘“(\[]?[A-Z0-9•])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, trimmed of surrounding space."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _END.finditer(text):
        if match.group()[0] == "." and _is_abbreviation(text[:match.start()]):
            continue
        _add(spans, text, begin, match.end())
        begin = match.end()
    _add(spans, text, begin, len(text))
    return spans


def _is_abbreviation(before: str) -> bool:
    found = _WORD_BEFORE.search(before)
    if not found:
        return False
    word = found.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. Smith"
    return word.lower().strip(".") in _ABBREVIATIONS


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
