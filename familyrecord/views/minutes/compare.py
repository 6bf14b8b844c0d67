"""The minutes against what was said: one call, plain data back, and the same as JSON."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from familyrecord.views.minutes.differences import differences
from familyrecord.views.minutes.guard import readable
from familyrecord.views.minutes.model import (
    Candidate,
    Comparison,
    Difference,
    Omission,
    Passage,
    SetAside,
    SpokenLine,
    Statement,
    StatementMatch,
)
from familyrecord.views.minutes.omissions import find_omissions
from familyrecord.views.minutes.people import known_names, listed_names
from familyrecord.views.minutes.retrieve import PassageIndex
from familyrecord.views.minutes.split import split_minutes

log = logging.getLogger(__name__)

# Below this the best passage is more likely another topic than the statement's (the statement may
# not have been discussed): its differences would be noise, so none are looked for.
LIKELY_MATCH = 0.45


@readable
def compare(minutes_text: str, transcript: Sequence[SpokenLine], notes: str = "", *, candidates: int = 5,
            omissions: int = 20) -> Comparison:
    """Each statement of the minutes with the passages that speak to it (recording and notes, best
    first) and the differences against the best one when it is a likely match (score at least
    `LIKELY_MATCH`); then what was said but is not in the minutes.

    Works with an empty transcript (notes only) and with empty notes; with neither, statements come
    back without candidates. Raises `MinutesUnreadable` (a `UserError`) if the text cannot be read.
    """
    split = split_minutes(minutes_text)
    index = PassageIndex(transcript, notes)
    listed = [name for aside in split.set_aside if aside.kind in ("attendance", "boilerplate")
              for name in listed_names(aside.text)]
    speakers = dict.fromkeys(line.speaker for line in transcript if line.speaker)
    names = known_names([*(s.text for s in split.statements), notes, *(line.text for line in transcript)],
                        labels=[*listed, *speakers])
    name_words = frozenset(names)
    matches: list[StatementMatch] = []
    for statement in split.statements:
        found = index.candidates(statement.text, candidates, name_words)
        flags: tuple[Difference, ...] = ()
        if found and found[0].score >= LIKELY_MATCH:
            best = found[0].passage
            flags = differences(statement.text, best.text, best.speakers, names, index.context(best))
        matches.append(StatementMatch(statement, found, flags))
    said = find_omissions(index, transcript, split.statements, matches, omissions)
    log.debug("compared %d statements with %d lines", len(matches), len(transcript))
    return Comparison(tuple(matches), said, split.set_aside)


def _statement_json(statement: Statement) -> dict[str, Any]:
    return {"index": statement.index, "item": statement.item, "heading": statement.heading,
            "paragraph": statement.paragraph, "text": statement.text,
            "source": [statement.source.start, statement.source.end]}


def _passage_json(passage: Passage) -> dict[str, Any]:
    out: dict[str, Any] = {"source": passage.source, "first": passage.first, "last": passage.last,
                           "start": passage.start, "end": passage.end, "text": passage.text,
                           "speakers": list(passage.speakers), "line_ids": list(passage.line_ids)}
    if passage.notes_span is not None:
        out["notes_span"] = [passage.notes_span.start, passage.notes_span.end]
    return out


def _candidate_json(candidate: Candidate) -> dict[str, Any]:
    return {**_passage_json(candidate.passage), "score": candidate.score}


def _difference_json(difference: Difference) -> dict[str, Any]:
    return {"kind": difference.kind, "minutes": difference.minutes, "recording": difference.recording,
            "minutes_spans": [[s.start, s.end] for s in difference.minutes_spans],
            "recording_spans": [[s.start, s.end] for s in difference.recording_spans]}


def _omission_json(omission: Omission) -> dict[str, Any]:
    return {**_passage_json(omission.passage), "score": omission.score, "reasons": list(omission.reasons)}


def _set_aside_json(item: SetAside) -> dict[str, Any]:
    return {"kind": item.kind, "text": item.text, "source": [item.source.start, item.source.end]}


def to_json(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data: statements (each with candidates and differences),
    omissions, and what was set aside."""
    return {
        "statements": [{**_statement_json(m.statement),
                        "candidates": [_candidate_json(c) for c in m.candidates],
                        "differences": [_difference_json(d) for d in m.differences]}
                       for m in comparison.statements],
        "omissions": [_omission_json(o) for o in comparison.omissions],
        "set_aside": [_set_aside_json(s) for s in comparison.set_aside],
    }
