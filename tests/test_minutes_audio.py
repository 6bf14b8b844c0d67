"""The issue's acceptance with real speech: the core-group meeting of tests/minutes_fixtures.py
spoken by espeak-ng voices (about three minutes), transcribed offline by the bundled model, then
compared with minutes that carry deliberate mistakes and leave two things out.

Where each line was said is known from how the audio was made, so a passage is "the right one"
when it covers the middle of the line the statement reports. Run with -s to see the figures.
"""

from __future__ import annotations

import io
import time
from datetime import date, datetime

import numpy as np
import pytest

from familyrecord.records.enums import Verdict
from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.transcription import speech
from familyrecord.transcription.audio import SAMPLE_RATE
from familyrecord.views.minutes import Comparison, Passage
from tests.minutes_fixtures import ALTERED, HV, MINUTES, MUM, NAN, OMITTED, SAID, SCHOOL, SW, TARGETS

pytestmark = [pytest.mark.slow, pytest.mark.model, pytest.mark.skipif(
    not speech.espeak_available(), reason="espeak-ng is not installed (apt-get install espeak-ng)")]

VOICES = {SW: "en-gb", MUM: "en-us", NAN: "en-gb-x-rp", HV: "en-gb", SCHOOL: "en-us"}
WORDS_PER_MINUTE = 175
PAUSE_S = 0.5


def spoken_meeting() -> tuple[bytes, list[tuple[float, float]]]:
    """The meeting as an m4a recording, and where each line of it was said (seconds)."""
    gap = np.zeros(int(PAUSE_S * SAMPLE_RATE), dtype=np.float32)
    parts: list[np.ndarray] = []
    spans: list[tuple[float, float]] = []
    at = 0.0
    for who, text in SAID:
        voice = speech.speak(text, voice=VOICES[who], words_per_minute=WORDS_PER_MINUTE)
        spans.append((at, at + len(voice) / SAMPLE_RATE))
        at += (len(voice) + len(gap)) / SAMPLE_RATE
        parts += [voice, gap]
    return speech.encode(np.concatenate(parts), "m4a"), spans


def _covers(passage: Passage, span: tuple[float, float]) -> bool:
    middle = (span[0] + span[1]) / 2
    return passage.start is not None and passage.end is not None and passage.start <= middle <= passage.end


def _figures(comparison: Comparison, spans: list[tuple[float, float]]) -> tuple[list[bool], list[bool],
                                                                                  list[int | None]]:
    top = [bool(m.candidates) and _covers(m.candidates[0].passage, spans[target])
           for m, target in zip(comparison.statements, TARGETS, strict=True)]
    flagged = [any(d.kind == kind and words in d.minutes for d in comparison.statements[n].differences)
               for n, (kind, words) in ALTERED.items()]
    ranks = [next((rank for rank, o in enumerate(comparison.omissions, start=1)
                   if _covers(o.passage, spans[line])), None) for line in OMITTED]
    return top, flagged, ranks


def test_spoken_meeting_against_the_minutes(services: Services) -> None:
    made = time.perf_counter()
    audio, spans = spoken_meeting()
    meeting = services.save(Meeting(title="Core group meeting", starts_at=datetime(2024, 3, 5, 10)))
    recording = services.import_attachment_stream(io.BytesIO(audio), "core-group.m4a", link_to=meeting.id)
    spoken = time.perf_counter()
    job = services.transcription.run(services.transcription.queue(meeting.id, recording.id).id)
    assert job.state == "done", job.error
    transcribed = time.perf_counter()
    review = services.minutes.start(meeting.id, text=MINUTES)
    comparison = services.minutes.comparison(review)
    compared = time.perf_counter()

    top, flagged, ranks = _figures(comparison, spans)
    lines = services.minutes.spoken_lines(meeting.id)
    print(f"\naudio {spans[-1][1]:.0f} s, {len(SAID)} lines said, {len(lines)} segments transcribed")
    print(f"speech made in {spoken - made:.1f} s, transcribed in {transcribed - spoken:.1f} s, "
          f"compared in {compared - transcribed:.2f} s")
    print(f"right passage on top: {sum(top)} of {len(top)} {top}")
    flags = {n: [(d.kind, d.minutes, d.recording) for d in comparison.statements[n].differences]
             for n in ALTERED}
    print(f"changed detail flagged: {sum(flagged)} of {len(flagged)} {flags}")
    print(f"things left out, their ranks among 'said but not in the minutes': {ranks}")
    assert sum(top) >= 7
    assert all(flagged)
    assert all(rank is not None and rank <= 5 for rank in ranks)

    # The outcome on the real transcript: the letter quotes the time each point was said.
    for number in ALTERED:
        services.minutes.mark(review.id, number, Verdict.INACCURATE)
    omitted = next(o for o in comparison.omissions if _covers(o.passage, spans[OMITTED[0]]))
    services.minutes.add_omission(review.id, omitted)
    stored, letter = services.minutes.outcome(review.id, today=date(2024, 3, 12))
    assert len(stored.disputed_points) == len(ALTERED) + 1
    for point in stored.disputed_points:
        assert point.recording_at is not None
        label = services.minutes.moment(meeting.id, point.recording_at).label
        assert f"at {label} in my recording" in letter.body
    contact = next(p for p in stored.disputed_points if "once a week" in p.minutes_wording)
    assert contact.recording_at is not None and contact.recording_at <= sum(spans[TARGETS[2]]) / 2
