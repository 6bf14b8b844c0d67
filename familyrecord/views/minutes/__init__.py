"""The minutes against what was said: statements, the passages that speak to them, the differences
that matter, and what was said but left out. Plain data in and out; no storage, no Qt.

    comparison = compare(minutes_text, transcript_lines, notes_text)
    document = to_json(comparison)
"""

from familyrecord.views.minutes.compare import LIKELY_MATCH, compare, to_json
from familyrecord.views.minutes.differences import differences
from familyrecord.views.minutes.guard import MinutesUnreadable
from familyrecord.views.minutes.model import (
    Candidate,
    Comparison,
    Difference,
    DifferenceKind,
    MinutesSplit,
    Omission,
    Passage,
    SetAside,
    Span,
    SpokenLine,
    Statement,
    StatementMatch,
)
from familyrecord.views.minutes.omissions import find_omissions
from familyrecord.views.minutes.people import known_names
from familyrecord.views.minutes.retrieve import PassageIndex
from familyrecord.views.minutes.split import split_minutes

__all__ = [
    "LIKELY_MATCH",
    "Candidate",
    "Comparison",
    "Difference",
    "DifferenceKind",
    "MinutesSplit",
    "MinutesUnreadable",
    "Omission",
    "Passage",
    "PassageIndex",
    "SetAside",
    "Span",
    "SpokenLine",
    "Statement",
    "StatementMatch",
    "compare",
    "differences",
    "find_omissions",
    "known_names",
    "split_minutes",
    "to_json",
]
