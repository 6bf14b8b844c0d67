"""Whatever bytes a "recording" holds, reading it ends in audio or in a typed AudioError (a
UserError with a plain message), never in another exception."""

from __future__ import annotations

import functools
import io

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familyrecord.errors import UserError
from familyrecord.transcription import audio, speech, windows

FORMATS = ("wav", "m4a", "mp3", "ogg", "flac", "amr", "webm")
HEADERS = (b"RIFF\x24\x00\x00\x00WAVEfmt ", b"ID3\x03\x00\x00\x00", b"OggS\x00\x02", b"fLaC",
           b"#!AMR\n", b"\x00\x00\x00\x18ftypM4A ", b"\x1aE\xdf\xa3", b"\xff\xfb\x90\x64")


@functools.cache
def sample(fmt: str) -> bytes:
    noise = np.random.default_rng(5).standard_normal(audio.SAMPLE_RATE).astype(np.float32)
    return speech.encode(0.1 * noise, fmt)


def no_speech(samples: audio.Samples) -> np.ndarray:  # type: ignore[type-arg]
    return np.zeros(-(-len(samples) // 512), dtype=np.float32)


def read_everything(data: bytes) -> None:
    """Every way the app reads a recording: probe, the stream (from the start and part-way)
    and the windows; each must end normally or with a typed error."""
    for read in (lambda: audio.probe(io.BytesIO(data)),
                 lambda: sum(len(p) for p in audio.stream(io.BytesIO(data))),
                 lambda: sum(len(p) for p in audio.stream(io.BytesIO(data), start_s=0.4)),
                 lambda: [w.end for w in windows.windows(io.BytesIO(data), detector=no_speech)]):
        try:
            read()
        except audio.AudioError as exc:
            assert isinstance(exc, UserError)
            assert exc.user_message and "Traceback" not in exc.user_message


fuzz = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fuzz
@given(st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    read_everything(data)


@fuzz
@given(st.sampled_from(HEADERS), st.binary(max_size=4096))
def test_random_bytes_behind_a_real_header(header: bytes, tail: bytes) -> None:
    read_everything(header + tail)


@fuzz
@given(st.sampled_from(FORMATS), st.lists(st.tuples(st.floats(0, 1, exclude_max=True),
                                                    st.integers(0, 255)), max_size=12),
       st.floats(0.05, 1.0))
def test_damaged_real_recordings(fmt: str, flips: list[tuple[float, int]], keep: float) -> None:
    data = bytearray(sample(fmt))
    for where, value in flips:
        data[int(where * len(data))] = value
    read_everything(bytes(data[:max(1, int(keep * len(data)))]))


def test_the_errors_are_user_errors_with_plain_words() -> None:
    for error in (audio.AudioError, audio.UnsupportedAudio, audio.CorruptAudio,
                  audio.DecodeCancelled):
        assert issubclass(error, UserError)
        assert error.user_message.endswith(".") and "Error" not in error.user_message
