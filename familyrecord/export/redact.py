"""Redact chosen names to initials in every piece of text before it is typeset.

Text is changed before rendering, so the name is really absent from the PDF (not hidden under
a black box). A full name becomes its initials ("Sarah Ahmed" -> "S.A."); each part of the name
on its own becomes its initial too (parts of two letters or more), so "Sarah said" does not
give the name away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def initials(name: str) -> str:
    return "".join(f"{part[0].upper()}." for part in name.split() if part)


class Redactor:
    def __init__(self, names: Iterable[str] = ()) -> None:
        pairs: dict[str, str] = {}
        for name in names:
            name = " ".join(name.split())
            if not name:
                continue
            pairs[name] = initials(name)
            for part in name.split():
                if len(part) >= 2:
                    pairs.setdefault(part, initials(part))
        # Longest first so a full name is replaced before its parts.
        self._pairs = sorted(pairs.items(), key=lambda kv: -len(kv[0]))
        self._patterns = [(re.compile(rf"(?<!\w){_flexible(name)}(?!\w)", re.IGNORECASE), short)
                          for name, short in self._pairs]

    @property
    def active(self) -> bool:
        return bool(self._patterns)

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self._pairs]

    def __call__(self, text: str) -> str:
        for pattern, short in self._patterns:
            text = pattern.sub(short, text)
        return text


def _flexible(name: str) -> str:
    """Match the name with any run of spaces (or a line break) between its parts."""
    return r"\s+".join(re.escape(part) for part in name.split())
