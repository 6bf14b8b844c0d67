"""Where people speak: Silero VAD, the small ONNX model shipped inside the faster-whisper wheel.

It runs offline with onnxruntime on one thread, several hundred times faster than real time,
so silence can be skipped before the much slower speech engine sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from familyrecord.transcription.audio import Samples

FRAME = 512  # samples per probability: 32 ms at 16 kHz, the size Silero VAD works in
SILENT_PEAK = 1e-3  # below -60 dBFS throughout a block: no speech, no need to ask the model
Probabilities = npt.NDArray[np.float32]
# A detector gives one speech probability (0 to 1) per FRAME samples, the last frame padded.
SpeechDetector = Callable[[Samples], Probabilities]


def frames_in(samples: int) -> int:
    return -(-samples // FRAME)


def _model() -> Callable[[Samples], Any]:
    from faster_whisper.vad import get_vad_model

    model: Callable[[Samples], Any] = get_vad_model()  # loaded once per process
    return model


def silero(samples: Samples) -> Probabilities:
    """Speech probability per 32 ms frame of 16 kHz mono audio."""
    count = frames_in(len(samples))
    if count == 0 or float(np.max(np.abs(samples))) < SILENT_PEAK:
        return np.zeros(count, dtype=np.float32)
    padded = np.pad(samples, (0, count * FRAME - len(samples)))
    probabilities = np.asarray(_model()(padded), dtype=np.float32).reshape(-1)
    return probabilities[:count]
