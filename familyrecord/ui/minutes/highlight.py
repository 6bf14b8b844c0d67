"""Text with the words that differ marked, as the rich text a QLabel shows.

The comparison gives character spans (end exclusive) into the statement and the passage; here
they become bold words on a coloured background, readable in the light and the dark theme.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from familyrecord.views.minutes import Span

LIGHT_MARK = ("#fde68a", "#1a1a1a")  # background, text
DARK_MARK = ("#8a6d00", "#ffffff")


def _merged(spans: Iterable[Span], length: int) -> list[tuple[int, int]]:
    """The spans inside the text, sorted, overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        start, end = max(0, span.start), min(length, span.end)
        if start >= end:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _escaped(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def marked_html(text: str, spans: Iterable[Span], colours: tuple[str, str] = LIGHT_MARK) -> str:
    """`text` as HTML with every span marked (bold, on a coloured background)."""
    background, foreground = colours
    parts: list[str] = []
    at = 0
    for start, end in _merged(spans, len(text)):
        parts.append(_escaped(text[at:start]))
        parts.append(f'<span style="background-color:{background}; color:{foreground}; '
                     f'font-weight:600;">{_escaped(text[start:end])}</span>')
        at = end
    parts.append(_escaped(text[at:]))
    return "".join(parts)


def mark_colours(widget: QWidget) -> tuple[str, str]:
    """The marking colours for the widget's theme (a dark window gets a darker mark)."""
    window = widget.palette().color(QPalette.ColorRole.Window)
    return DARK_MARK if window.lightness() < 128 else LIGHT_MARK
