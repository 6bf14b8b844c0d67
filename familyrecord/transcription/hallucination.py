"""Text a speech model makes up: dropped before it can reach a family's record.

Whisper-style models, given noise or a pause, sometimes write words nobody said: "You",
"Thank you.", one phrase looping. Three signs, each from the model's own figures:
- it thought there was no speech and was unsure of its words (no_speech_prob > 0.6 with
  avg_logprob < -1, the thresholds Whisper itself uses to call a window silent);
- the text repeats itself so much it compresses more than 2.4 times (gzip ratio, Whisper's own
  test for a decoding loop);
- the same short line three or more times in a row, as separate segments.

`settle` works on a stream: segments that might still start a run are held back until the
next different line (or the end) shows whether they do. A run is dropped whole: a real
"Thank you." said three times in a row as separate lines is rarer than the made-up kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from familyrecord.transcription.engine import EngineSegment

NO_SPEECH_PROBABILITY = 0.6
LOW_AVG_LOGPROB = -1.0
MAX_COMPRESSION_RATIO = 2.4
REPEAT_RUN = 3
SHORT_LINE_WORDS = 4

_NOT_WORD = re.compile(r"[^\w\s]")


def looks_made_up(segment: EngineSegment) -> bool:
    """True when the model's own figures say this segment is not real speech."""
    if segment.compression_ratio > MAX_COMPRESSION_RATIO:
        return True
    return (segment.no_speech_prob > NO_SPEECH_PROBABILITY
            and segment.avg_logprob < LOW_AVG_LOGPROB)


def short_line(text: str) -> str:
    """The line's words, lower case without punctuation, when it is short; else ''."""
    words = _NOT_WORD.sub("", text).lower().split()
    return " ".join(words) if 0 < len(words) <= SHORT_LINE_WORDS else ""


def settle(pending: Sequence[EngineSegment], *, final: bool) -> tuple[list[EngineSegment], int]:
    """The segments of `pending` that can be kept now, and how many of `pending` were used.

    Unused segments (a possible run at the end) come back in the next call, with whatever has
    arrived since; pass final=True when nothing more will come."""
    kept: list[EngineSegment] = []
    used = 0
    while used < len(pending):
        segment = pending[used]
        if looks_made_up(segment):
            used += 1
            continue
        line = short_line(segment.text)
        if not line:
            kept.append(segment)
            used += 1
            continue
        run = [segment]
        after = used + 1
        while after < len(pending) and (looks_made_up(pending[after])
                                        or short_line(pending[after].text) == line):
            if not looks_made_up(pending[after]):
                run.append(pending[after])
            after += 1
        if after == len(pending) and not final:
            break  # the run may go on in what comes next
        if len(run) < REPEAT_RUN:
            kept.extend(run)
        used = after
    return kept, used
