"""Engine details that need no model: sentence splitting of batched chunks, subtitle clocks."""

from __future__ import annotations

import itertools

import pytest

from familyrecord.transcription.engine import EngineSegment, Word
from familyrecord.transcription.export import UnknownExportFormat, clock, export_transcript
from familyrecord.transcription.faster import split_sentences


def test_a_chunk_is_shared_out_by_sentence_length() -> None:
    chunk = EngineSegment(10.0, 20.0, "I finished the course in March. Good. The nursery place is "
                                      "still not arranged! Will you chase it?", -0.3)
    parts = split_sentences(chunk)
    assert [p.text for p in parts] == [
        "I finished the course in March. Good.",  # a very short sentence joins the one before
        "The nursery place is still not arranged!", "Will you chase it?"]
    assert parts[0].start == 10.0 and parts[-1].end == 20.0
    assert all(a.end == b.start for a, b in itertools.pairwise(parts))
    lengths = [p.end - p.start for p in parts]
    assert lengths[1] > lengths[2]  # longer sentence, longer time
    assert all(p.avg_logprob == -0.3 for p in parts)


def test_word_timings_give_each_sentence_its_own_time() -> None:
    words = tuple(Word(float(n), n + 0.5, w) for n, w in enumerate(
        ["Hello", "there", "everyone.", "Please", "send", "the", "minutes."]))
    parts = split_sentences(EngineSegment(0.0, 9.0, "Hello there everyone. Please send the minutes.",
                                          0.0, words))
    assert [(p.start, p.end, p.text) for p in parts] == [
        (0.0, 2.5, "Hello there everyone."), (3.0, 6.5, "Please send the minutes.")]


def test_unpunctuated_text_is_cut_into_even_rows() -> None:
    text = " ".join(f"word{n}" for n in range(70))
    parts = split_sentences(EngineSegment(0.0, 28.0, text, 0.0))
    assert [len(p.text.split()) for p in parts] == [24, 24, 22]
    assert " ".join(p.text for p in parts) == text
    assert parts[0].start == 0.0 and parts[-1].end == 28.0


def test_one_sentence_stays_whole() -> None:
    chunk = EngineSegment(1.0, 4.0, "Just one sentence here", 0.0)
    assert split_sentences(chunk) == [chunk]


@pytest.mark.parametrize(("seconds", "plain", "srt"), [
    (0, "00:00:00", "00:00:00,000"), (61.5, "00:01:01", "00:01:01,500"),
    (3725.042, "01:02:05", "01:02:05,042")])
def test_clock(seconds: float, plain: str, srt: str) -> None:
    assert clock(seconds) == plain
    assert clock(seconds, millis=True, sep=",") == srt


def test_unknown_export_format(tmp_path: object) -> None:
    from pathlib import Path

    with pytest.raises(UnknownExportFormat):
        export_transcript([], Path(str(tmp_path)) / "t.pdf")
