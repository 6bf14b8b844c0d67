"""Put the text runs the reader found on a page into reading order.

Runs are grouped into rows by their vertical position; a row splits where a wide gap separates
columns (a letterhead's address on the right, the recipient's on the left); segments that sit
directly under one another form a block; blocks are read top to bottom, left to right, with a
blank line between them, so paragraphs stay paragraphs.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

COLUMN_GAP = 1.5  # a gap wider than this many line heights separates columns
LINE_GAP = 0.9  # a vertical gap bigger than this many line heights starts a new block


@dataclass(frozen=True)
class Run:
    """One run of text and its upright box on the straightened page."""

    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def height(self) -> float:
        return max(1.0, self.bottom - self.top)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Segment:
    runs: list[int]
    left: float
    top: float
    right: float
    bottom: float
    height: float


@dataclass
class _Block:
    segments: list[_Segment] = field(default_factory=list)


def reading_order(runs: Sequence[Run]) -> tuple[list[int], str]:
    """The runs' indices in reading order, and the page's text (lines, blank line between blocks)."""
    if not runs:
        return [], ""
    blocks: list[_Block] = []
    for row in _rows(runs):
        for segment in _segments(row, runs):
            block = _block_above(blocks, segment)
            if block is None:
                blocks.append(_Block([segment]))
            else:
                block.segments.append(segment)
    blocks = _top_to_bottom(blocks, statistics.median(run.height for run in runs))
    order: list[int] = []
    texts: list[str] = []
    for block in blocks:
        lines = []
        for segment in block.segments:
            order.extend(segment.runs)
            lines.append(" ".join(runs[i].text.strip() for i in segment.runs))
        texts.append("\n".join(lines))
    return order, "\n\n".join(texts)


def _top_to_bottom(blocks: list[_Block], height: float) -> list[_Block]:
    """Blocks by their first line's top; blocks starting on the same line, left to right."""
    ordered = sorted(blocks, key=lambda b: b.segments[0].top)
    result: list[_Block] = []
    while ordered:
        first_top = ordered[0].segments[0].top
        level = [b for b in ordered if b.segments[0].top - first_top < 0.5 * height]
        result.extend(sorted(level, key=lambda b: b.segments[0].left))
        ordered = ordered[len(level):]
    return result


def _rows(runs: Sequence[Run]) -> list[list[int]]:
    """Indices grouped into rows: each run overlaps the row's last run by half the smaller height."""
    rows: list[list[int]] = []
    for index in sorted(range(len(runs)), key=lambda i: runs[i].middle):
        run = runs[index]
        if rows:
            last = runs[rows[-1][-1]]
            overlap = min(last.bottom, run.bottom) - max(last.top, run.top)
            if overlap >= 0.5 * min(run.height, last.height):
                rows[-1].append(index)
                continue
        rows.append([index])
    return rows


def _segments(row: list[int], runs: Sequence[Run]) -> list[_Segment]:
    ordered = sorted(row, key=lambda i: runs[i].left)
    height = statistics.median(runs[i].height for i in ordered)
    segments: list[_Segment] = []
    for index in ordered:
        run = runs[index]
        last = segments[-1] if segments else None
        if last is not None and run.left - last.right <= COLUMN_GAP * height:
            last.runs.append(index)
            last.right = max(last.right, run.right)
            last.top, last.bottom = min(last.top, run.top), max(last.bottom, run.bottom)
            continue
        segments.append(_Segment([index], run.left, run.top, run.right, run.bottom, height))
    return segments


def _block_above(blocks: list[_Block], segment: _Segment) -> _Block | None:
    """The block whose last line sits just above this segment and overlaps it sideways."""
    best: _Block | None = None
    best_gap = float("inf")
    for block in blocks:
        last = block.segments[-1]
        gap = segment.top - last.bottom
        height = min(last.height, segment.height)
        if gap < -0.5 * height or gap > LINE_GAP * height:
            continue
        if min(last.right, segment.right) - max(last.left, segment.left) <= 0:
            continue
        if gap < best_gap:
            best, best_gap = block, gap
    return best
