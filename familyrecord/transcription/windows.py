"""A recording as a stream of windows cut at pauses, with the silence left out.

The decoded audio arrives in blocks of BLOCK_S seconds; each block's speech probability is
measured (vad.py), and the audio is cut into windows:
- a pause of SKIP_PAUSE_S or more ends a window, and the silence after it is not sent on;
- a window never grows past MAX_WINDOW_S: it is cut in the longest pause of its second half
  (speech rarely runs minutes without a breath, so a word is almost never split);
- a window is trimmed to its speech plus PAD_S either side; a stretch with no speech is
  passed on empty, only so progress can move.
Cutting in pauses means no overlap is needed: no word is sent twice or lost at an edge.
At most MAX_WINDOW_S + BLOCK_S seconds of audio are held at once, whatever the length.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from familyrecord.transcription import audio, vad
from familyrecord.transcription.audio import SAMPLE_RATE, Samples

if TYPE_CHECKING:
    from familyrecord.progress import CancelCheck

BLOCK_S = 30.0
# Four of Whisper's 30-second chunks. Longer windows let the batched engine fill bigger batches,
# but its memory grows with the batch (each hypothesis keeps its own copy of the audio's
# encoding): with tiny.en a 240 s window took the engine to 1.1 GB, a 120 s one to about 0.7 GB.
MAX_WINDOW_S = 120.0
SKIP_PAUSE_S = 8.0
PAD_S = 0.4
LEAD_IN_S = 1.0  # silence kept back before the next speech, so its first word keeps its padding
MIN_SPEECH_S = 0.25
SPEECH_PROBABILITY = 0.5
QUIET_PROBABILITY = 0.35  # Silero's own end-of-speech level


@dataclass(frozen=True)
class Window:
    start: float  # where `samples` begins, in seconds from the start of the recording
    end: float  # where the stretch of recording this window covers ends (for progress)
    samples: Samples  # empty when the stretch held no speech

    @property
    def has_speech(self) -> bool:
        return self.samples.size > 0

    @property
    def samples_end(self) -> float:
        return self.start + len(self.samples) / SAMPLE_RATE


def blocks(pieces: Iterator[Samples], size: int) -> Iterator[Samples]:
    """Decoded pieces regrouped into blocks of exactly `size` samples (the last may be shorter)."""
    held: list[Samples] = []
    count = 0
    for piece in pieces:
        held.append(piece)
        count += len(piece)
        while count >= size:
            joined = np.concatenate(held) if len(held) > 1 else held[0]
            yield joined[:size]
            rest = joined[size:]
            held, count = ([rest] if len(rest) else []), len(rest)
    if count:
        yield np.concatenate(held) if len(held) > 1 else held[0]


def _runs(mask: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """(start, end) of each run of True in a mask."""
    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(),
                    strict=True))


def cut_frame(probabilities: vad.Probabilities, low: int, high: int) -> int:
    """The frame in [low, high) to cut at: the middle of the longest pause, else the quietest."""
    quiet = probabilities[low:high] < QUIET_PROBABILITY
    runs = _runs(quiet)
    if runs:
        start, end = max(runs, key=lambda run: (run[1] - run[0], run[0]))
        return low + (start + end) // 2
    return low + int(np.argmin(probabilities[low:high]))


class _Cutter:
    """Holds the audio not yet passed on, and decides where windows end."""

    def __init__(self, start: float, max_window_s: float) -> None:
        self.start = start  # time of the first held sample
        self.audio: Samples = np.zeros(0, dtype=np.float32)
        self.probabilities: vad.Probabilities = np.zeros(0, dtype=np.float32)
        self.max_frames = max(1, round(max_window_s * SAMPLE_RATE / vad.FRAME))

    def add(self, block: Samples, probabilities: vad.Probabilities) -> Iterator[Window]:
        # Blocks are whole frames (BLOCK_S is), so frame n always covers samples n*FRAME onward.
        self.audio = np.concatenate((self.audio, block))
        self.probabilities = np.concatenate((self.probabilities, probabilities))
        while (cut := self._next_cut()) is not None:
            yield self._take(cut)

    def finish(self) -> Iterator[Window]:
        if len(self.audio):
            yield self._take(vad.frames_in(len(self.audio)))

    def _next_cut(self) -> int | None:
        speech = np.flatnonzero(self.probabilities >= SPEECH_PROBABILITY)
        frames = len(self.probabilities)
        if not len(speech):
            lead_in = round(LEAD_IN_S * SAMPLE_RATE / vad.FRAME)
            return frames - lead_in if frames > lead_in + self.max_frames // 8 else None
        pause = round(SKIP_PAUSE_S * SAMPLE_RATE / vad.FRAME)
        pad = round(PAD_S * SAMPLE_RATE / vad.FRAME) + 1
        quiet = self.probabilities < QUIET_PROBABILITY
        for run_start, run_end in _runs(quiet[speech[0]:]):
            cut = int(speech[0]) + run_start + pad
            if run_end - run_start >= pause and cut <= self.max_frames:
                return cut
        if frames >= self.max_frames:
            return cut_frame(self.probabilities, self.max_frames // 2, self.max_frames)
        return None

    def _take(self, cut: int) -> Window:
        samples, probabilities = self.audio[:cut * vad.FRAME], self.probabilities[:cut]
        start = self.start
        self.audio, self.probabilities = self.audio[cut * vad.FRAME:], self.probabilities[cut:]
        self.start = start + len(samples) / SAMPLE_RATE
        return _trimmed(start, samples, probabilities)


def _trimmed(start: float, samples: Samples, probabilities: vad.Probabilities) -> Window:
    end = start + len(samples) / SAMPLE_RATE
    speech = np.flatnonzero(probabilities >= SPEECH_PROBABILITY)
    if len(speech) * vad.FRAME < MIN_SPEECH_S * SAMPLE_RATE:
        return Window(start, end, np.zeros(0, dtype=np.float32))
    pad = round(PAD_S * SAMPLE_RATE)
    first = max(0, int(speech[0]) * vad.FRAME - pad)
    last = min(len(samples), (int(speech[-1]) + 1) * vad.FRAME + pad)
    # A copy, so the window does not keep the whole held buffer alive.
    return Window(start + first / SAMPLE_RATE, end, samples[first:last].copy())


def windows(source: IO[bytes], *, start_s: float = 0.0, cancelled: CancelCheck | None = None,
            detector: vad.SpeechDetector = vad.silero,
            max_window_s: float | None = None) -> Iterator[Window]:
    """The recording from `start_s` on, as windows in time order (see the module's note)."""
    size = round(BLOCK_S * SAMPLE_RATE / vad.FRAME) * vad.FRAME
    cutter = _Cutter(start_s, MAX_WINDOW_S if max_window_s is None else max_window_s)
    for block in blocks(audio.stream(source, start_s=start_s, cancelled=cancelled), size):
        yield from cutter.add(block, detector(block))
    yield from cutter.finish()
