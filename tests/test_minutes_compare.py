"""The whole comparison, and the issue's acceptance: a core-group meeting as said and as minuted.

The minutes carry a changed number, frequency, negation and role, and leave out two things said.
The test asks that the right passage is the top candidate for at least 7 of the 8 statements (on
the clean transcript and on an ASR-like one), that each change is flagged, and that both things
left out are among the first five "said but not in the minutes".
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from familyrecord.errors import UserError
from familyrecord.views.minutes import Comparison, MinutesUnreadable, SpokenLine, compare, to_json
from tests.minutes_fixtures import (
    ALTERED,
    MINUTES,
    OMITTED,
    REVIEW_MINUTES,
    REVIEW_OMITTED,
    REVIEW_TARGETS,
    SAID,
    TARGETS,
    asr_transcript,
    review_transcript,
    transcript,
)


def _top_hits(comparison: Comparison) -> list[bool]:
    hits = []
    for match, target in zip(comparison.statements, TARGETS, strict=True):
        top = match.candidates[0].passage if match.candidates else None
        hits.append(top is not None and top.source == "recording" and top.first <= target <= top.last)
    return hits


def _omission_ranks(comparison: Comparison) -> list[int | None]:
    lines = [(o.passage.first, o.passage.last) for o in comparison.omissions]
    return [next((rank for rank, (first, last) in enumerate(lines, start=1) if first <= line <= last), None)
            for line in OMITTED]


def _check_flags(comparison: Comparison) -> None:
    for number, (kind, words) in ALTERED.items():
        flags = comparison.statements[number].differences
        assert any(d.kind == kind and words in d.minutes for d in flags), (number, flags)


def test_acceptance_clean_transcript() -> None:
    comparison = compare(MINUTES, transcript())
    assert len(comparison.statements) == 8
    assert sum(_top_hits(comparison)) >= 7, _top_hits(comparison)
    _check_flags(comparison)
    ranks = _omission_ranks(comparison)
    assert all(rank is not None and rank <= 5 for rank in ranks), ranks


def test_acceptance_asr_like_transcript() -> None:
    lines = asr_transcript()
    assert all(line.text == line.text.lower() and "," not in line.text for line in lines)
    comparison = compare(MINUTES, lines)
    assert sum(_top_hits(comparison)) >= 7, _top_hits(comparison)
    _check_flags(comparison)
    ranks = _omission_ranks(comparison)
    assert all(rank is not None and rank <= 5 for rank in ranks), ranks


def test_unaltered_statements_carry_no_flags() -> None:
    comparison = compare(MINUTES, transcript())
    for number, match in enumerate(comparison.statements):
        if number not in ALTERED:
            assert match.differences == (), (number, match.differences)


def test_what_was_minuted_is_not_listed_as_left_out() -> None:
    comparison = compare(MINUTES, transcript())
    listed = {line for o in comparison.omissions for line in range(o.passage.first, o.passage.last + 1)}
    assert not listed & set(TARGETS)


def test_candidates_carry_times_and_do_not_overlap() -> None:
    lines = transcript()
    comparison = compare(MINUTES, lines)
    for match in comparison.statements:
        scores = [c.score for c in match.candidates]
        assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
        for i, one in enumerate(match.candidates):
            passage = one.passage
            assert passage.start == lines[passage.first].start and passage.end == lines[passage.last].end
            assert passage.line_ids == tuple(line.id for line in lines[passage.first:passage.last + 1])
            assert not any(passage.overlaps(other.passage) for other in match.candidates[i + 1:])


def test_notes_only() -> None:
    notes = ("Core group 5 March.\n\nThe social worker said contact with Dad stays twice a week at the "
             "family centre.\nI told them I got the letter about the parenting course on Monday.\n\n"
             "Hannah promised to refer Maisie to Little Acorns nursery by Friday.")
    comparison = compare(MINUTES, [], notes)
    contact, letter = comparison.statements[2], comparison.statements[3]
    assert contact.candidates[0].passage.source == "notes"
    assert "twice a week" in contact.candidates[0].passage.text
    assert [d.kind for d in contact.differences] == ["frequency"]
    assert "letter" in letter.candidates[0].passage.text
    assert "negation" in [d.kind for d in letter.differences]
    span = contact.candidates[0].passage.notes_span
    assert span is not None and "twice a week" in notes[span.start:span.end]
    assert contact.candidates[0].passage.start is None
    assert any("Little Acorns" in o.passage.text for o in comparison.omissions)


def test_recording_and_notes_together_and_nothing_at_all() -> None:
    both = compare(MINUTES, transcript(), "I got the letter about the parenting course on Monday.")
    sources = {c.passage.source for m in both.statements for c in m.candidates}
    assert sources == {"recording", "notes"}
    bare = compare(MINUTES, [])
    assert len(bare.statements) == 8
    assert all(m.candidates == () and m.differences == () for m in bare.statements)
    assert bare.omissions == ()
    assert compare("", transcript()).statements == ()


def test_json_has_the_documented_shape() -> None:
    document = to_json(compare(MINUTES, transcript()))
    json.dumps(document)  # plain data all the way down
    assert set(document) == {"statements", "omissions", "set_aside"}
    first = document["statements"][0]
    assert {"index", "item", "heading", "text", "source", "candidates", "differences"} <= set(first)
    candidate = first["candidates"][0]
    assert {"start", "end", "text", "score", "source", "speakers", "line_ids"} <= set(candidate)
    assert first["differences"][0]["kind"] == "number"
    assert {"minutes", "recording", "minutes_spans", "recording_spans"} <= set(first["differences"][0])
    omission = document["omissions"][0]
    assert {"start", "end", "text", "score", "reasons"} <= set(omission)


def test_speech_fixture_is_a_real_meeting() -> None:
    # The fixture itself: ~40 lines, paraphrased minutes (no statement copies a line).
    assert 38 <= len(SAID) <= 45
    lowered = MINUTES.lower()
    assert not any(text.lower() in lowered for _, text in SAID if len(text) > 25)


_words = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=120)


@settings(max_examples=80, deadline=None)
@given(minutes=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300),
       said=st.lists(_words, max_size=8), notes=_words)
def test_compare_never_raises(minutes: str, said: list[str], notes: str) -> None:
    lines = [SpokenLine(i, i * 2.0, i * 2.0 + 1.5, text, "Speaker 1") for i, text in enumerate(said)]
    comparison = compare(minutes, lines, notes)
    json.dumps(to_json(comparison))
    for match in comparison.statements:
        for difference in match.differences:
            for span in difference.minutes_spans:
                assert 0 <= span.start <= span.end <= len(match.statement.text)


def test_second_meeting_cut_mid_sentence_without_speakers() -> None:
    comparison = compare(REVIEW_MINUTES, review_transcript())
    assert len(comparison.statements) == len(REVIEW_TARGETS)
    hits = [bool(m.candidates) and any(m.candidates[0].passage.first <= t <= m.candidates[0].passage.last
                                       for t in targets)
            for m, targets in zip(comparison.statements, REVIEW_TARGETS, strict=True)]
    assert sum(hits) >= 6, hits
    counselling = comparison.statements[2].differences
    assert [(d.kind, d.minutes, d.recording) for d in counselling] == [
        ("frequency", "fortnightly", "every Wednesday")]
    others = [m.differences for i, m in enumerate(comparison.statements) if i != 2 and hits[i]]
    assert all(flags == () for flags in others), others
    first_three = {line for o in comparison.omissions[:3]
                   for line in range(o.passage.first, o.passage.last + 1)}
    assert set(REVIEW_OMITTED) <= first_three


def test_a_failure_on_odd_text_reaches_the_person_as_a_user_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> list[tuple[int, int]]:
        raise IndexError("simulated")

    monkeypatch.setattr("familyrecord.views.minutes.split.sentence_spans", broken)
    with pytest.raises(MinutesUnreadable) as caught:
        compare(MINUTES, transcript())
    assert isinstance(caught.value, UserError) and "minutes" in caught.value.user_message
