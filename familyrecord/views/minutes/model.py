"""Plain, frozen data for the minutes comparison: what goes in and what comes out.

Nothing here knows about storage or Qt. Offsets (`Span`) are character positions, end exclusive,
so a view can highlight exactly the words a flag is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PassageSource = Literal["recording", "notes"]
SetAsideKind = Literal["heading", "attendance", "boilerplate", "page"]
DifferenceKind = Literal["number", "date", "time", "frequency", "negation", "name", "role"]


@dataclass(frozen=True)
class SpokenLine:
    """One transcript segment: what was said, by whom, when (seconds from the recording's start)."""

    id: int
    start: float
    end: float
    text: str
    speaker: str = ""


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Statement:
    """One thing the minutes say.

    `item` is the numbering as written ("3", "3.1", "3(a)"), inherited from a numbered heading or
    item when the sentence has none of its own; `text` has line breaks and end-of-line hyphens
    undone; `source` is where it sits in the minutes text as given.
    """

    index: int
    item: str
    heading: str
    paragraph: int
    text: str
    source: Span


@dataclass(frozen=True)
class SetAside:
    """A part of the minutes that is not a statement: a heading, the attendance list, page furniture."""

    kind: SetAsideKind
    text: str
    source: Span


@dataclass(frozen=True)
class MinutesSplit:
    statements: tuple[Statement, ...]
    set_aside: tuple[SetAside, ...]


@dataclass(frozen=True)
class Passage:
    """A stretch of the recording (1–3 consecutive lines) or of the family's notes.

    `first`/`last` index transcript lines (recording) or note sentences (notes). Times are None for
    notes; `notes_span` is None for the recording.
    """

    source: PassageSource
    first: int
    last: int
    start: float | None
    end: float | None
    text: str
    speakers: tuple[str, ...] = ()
    line_ids: tuple[int, ...] = ()
    notes_span: Span | None = None

    def overlaps(self, other: Passage) -> bool:
        return self.source == other.source and self.first <= other.last and other.first <= self.last


@dataclass(frozen=True)
class Candidate:
    """A passage that may be what a statement is about; `score` runs from 0 (unrelated) to 1."""

    passage: Passage
    score: float


@dataclass(frozen=True)
class Difference:
    """A detail that matters and differs: `minutes` and `recording` are the words on each side.

    `recording` is the passage's side, which is the family's notes when the passage comes from
    them. Spans point into `Statement.text` and `Passage.text`; `recording_spans` is empty when the
    recording's side comes from who was speaking rather than from the words.
    """

    kind: DifferenceKind
    minutes: str
    recording: str
    minutes_spans: tuple[Span, ...]
    recording_spans: tuple[Span, ...]


@dataclass(frozen=True)
class StatementMatch:
    """A statement, its candidates best first, and the differences against the best one (none are
    looked for when even the best is an unlikely match: see `compare.LIKELY_MATCH`)."""

    statement: Statement
    candidates: tuple[Candidate, ...]
    differences: tuple[Difference, ...]


@dataclass(frozen=True)
class Omission:
    """Something said (or noted) that no statement covers, and why it may matter."""

    passage: Passage
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    statements: tuple[StatementMatch, ...]
    omissions: tuple[Omission, ...]
    set_aside: tuple[SetAside, ...]
