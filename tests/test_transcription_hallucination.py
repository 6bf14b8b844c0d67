"""Made-up text is dropped: the model's own doubts, loops, and runs of the same short line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from familyrecord.transcription.engine import EngineSegment
from familyrecord.transcription.hallucination import looks_made_up, settle, short_line


def seg(text: str, at: float = 0.0, *, logprob: float = -0.3, no_speech: float = 0.05,
        ratio: float = 1.2) -> EngineSegment:
    return EngineSegment(at, at + 1.0, text, logprob, (), no_speech, ratio)


def texts(segments: list[EngineSegment]) -> list[str]:
    return [s.text for s in segments]


def test_unsure_and_silent_is_made_up_but_either_alone_is_not() -> None:
    assert looks_made_up(seg("You", no_speech=0.9, logprob=-1.4))
    assert not looks_made_up(seg("Yes, I agree.", no_speech=0.9, logprob=-0.4))  # quiet but sure
    assert not looks_made_up(seg("Priya Shah", no_speech=0.1, logprob=-1.6))  # an odd name, heard
    assert not looks_made_up(seg("Unknown figures", no_speech=0.0, logprob=0.0, ratio=0.0))


def test_a_looping_line_is_made_up() -> None:
    assert looks_made_up(seg("the the the the the the the the the the the the", ratio=3.1))
    assert not looks_made_up(seg("We will meet again on Tuesday.", ratio=2.4))


def test_short_line_ignores_case_and_punctuation_and_long_lines() -> None:
    assert short_line("Thank you.") == short_line("thank you!") == "thank you"
    assert short_line("  You ") == "you"
    assert short_line("The nursery place is still not arranged.") == ""
    assert short_line("...") == ""


def test_runs_of_three_identical_short_lines_are_dropped_whole() -> None:
    stream = [seg("The meeting started late."), *[seg("You", n) for n in range(1, 6)],
              seg("Mia's school sent a letter.", 7)]
    kept, used = settle(stream, final=True)
    assert texts(kept) == ["The meeting started late.", "Mia's school sent a letter."]
    assert used == len(stream)


def test_two_in_a_row_are_real_speech() -> None:
    stream = [seg("Yes."), seg("Yes.", 1), seg("We agree to that.", 2), seg("Thank you.", 3)]
    kept, used = settle(stream, final=True)
    assert texts(kept) == texts(stream) and used == 4


def test_made_up_segments_inside_a_run_do_not_break_it() -> None:
    stream = [seg("Thank you."), seg("Thank you.", 1), seg("Hmm", 2, no_speech=0.95, logprob=-2.0),
              seg("thank you", 3), seg("Goodbye everyone, see you soon.", 4)]
    kept, _used = settle(stream, final=True)
    assert texts(kept) == ["Goodbye everyone, see you soon."]


def test_a_possible_run_at_the_end_waits_for_what_comes_next() -> None:
    first, used = settle([seg("We will start the meeting now."), seg("You", 1), seg("You", 2)],
                         final=False)
    assert texts(first) == ["We will start the meeting now."] and used == 1  # the two "You" are held back
    later, used = settle([seg("You", 1), seg("You", 2), seg("You", 3), seg("The next item is school.", 4)],
                         final=False)
    assert texts(later) == ["The next item is school."] and used == 4


def test_at_the_end_what_was_held_back_is_decided() -> None:
    kept, used = settle([seg("Okay."), seg("Okay.", 1)], final=True)
    assert texts(kept) == ["Okay.", "Okay."] and used == 2
    assert settle([], final=True) == ([], 0)


LINES = ["You", "Thank you.", "Yes.", "The nursery place is not arranged.", "Okay"]
segments = st.lists(st.builds(
    lambda text, no_speech, ratio, at: seg(text, at, no_speech=no_speech,
                                           logprob=-1.5 if no_speech > 0.6 else -0.2, ratio=ratio),
    st.sampled_from(LINES), st.sampled_from([0.05, 0.9]), st.sampled_from([1.1, 3.0]),
    st.floats(0, 100)), max_size=25)


@settings(max_examples=300)
@given(segments, st.lists(st.integers(1, 5), max_size=10))
def test_streaming_in_any_pieces_keeps_the_same_as_all_at_once(
        stream: list[EngineSegment], sizes: list[int]) -> None:
    expected, _used = settle(stream, final=True)
    pending: list[EngineSegment] = []
    kept: list[EngineSegment] = []
    position = 0
    for size in sizes:
        pending += stream[position:position + size]
        position += size
        out, used = settle(pending, final=False)
        kept += out
        del pending[:used]
    pending += stream[position:]
    out, used = settle(pending, final=True)
    assert used == len(pending)
    assert kept + out == expected
    assert all(not looks_made_up(s) for s in expected)
