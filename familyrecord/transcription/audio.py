"""Meeting recordings: check and decode audio in memory, never through a temp file.

PyAV reads straight from the vault's decrypted blob stream (a seekable file-like object), so
the plaintext audio only ever exists in this process's memory. Decoding yields 16 kHz mono
float32 samples, the form every speech engine here wants.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from familyrecord.storage.errors import VaultError

if TYPE_CHECKING:
    from familyrecord.progress import CancelCheck

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
GROUP_SAMPLES = 500_000  # frames are resampled in groups this size (about 10 s at 48 kHz)
AUDIO_SUFFIXES = frozenset({".m4a", ".aac", ".mp3", ".wav", ".ogg", ".oga", ".opus", ".flac",
                            ".amr", ".webm", ".mp4", ".m4v", ".mov", ".3gp", ".wma", ".mkv"})
Samples = npt.NDArray[np.float32]


class AudioError(VaultError):
    user_message = "That recording could not be read."


class UnsupportedAudio(AudioError):
    user_message = ("FamilyRecord cannot play or transcribe this kind of file. It has been kept; "
                    "try saving the recording as MP3 or M4A on your phone and add it again.")


class CorruptAudio(AudioError):
    user_message = ("This recording seems to be damaged, so it cannot be transcribed. It has been "
                    "kept as it is; if you still have the original, try adding it again.")


class DecodeCancelled(AudioError):
    user_message = "Reading the recording was stopped."


@dataclass(frozen=True)
class AudioInfo:
    duration_s: float
    codec: str
    container: str


def is_audio_file(path: Path) -> bool:
    return path.suffix.lower() in AUDIO_SUFFIXES


def _open(source: IO[bytes]):  # type: ignore[no-untyped-def]
    import av

    try:
        container = av.open(source, mode="r")
    except av.error.InvalidDataError as exc:
        raise UnsupportedAudio(type(exc).__name__) from None
    except av.error.FFmpegError as exc:
        raise CorruptAudio(type(exc).__name__) from None
    if not container.streams.audio:
        container.close()
        raise UnsupportedAudio("no audio track")
    return container


def probe(source: IO[bytes]) -> AudioInfo:
    """Duration and codec of a recording; raises a typed AudioError for anything unreadable."""
    container = _open(source)
    try:
        stream = container.streams.audio[0]
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        elif container.duration is not None:
            duration = container.duration / 1_000_000
        else:
            duration = 0.0
        return AudioInfo(duration, stream.codec_context.name, container.format.name)
    finally:
        container.close()


def decode(source: IO[bytes], *, progress: Callable[[float, float], None] | None = None,
           cancelled: CancelCheck | None = None) -> Samples:
    """All of a recording as 16 kHz mono float32 (what Whisper models take), decoded in memory."""
    import av

    container = _open(source)
    try:
        stream = container.streams.audio[0]
        total = (float(stream.duration * stream.time_base)
                 if stream.duration is not None and stream.time_base is not None else 0.0)
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        fifo = av.AudioFifo()
        pieces: list[npt.NDArray[Any]] = []
        done = 0

        def drain(final: bool) -> None:
            # Resampling in large groups of frames is several times faster than frame by frame.
            nonlocal done
            group = fifo.read() if fifo.samples else None
            for out in [*resampler.resample(group), *(resampler.resample(None) if final else [])]:
                pieces.append(out.to_ndarray().reshape(-1))
                done += out.samples
            if cancelled is not None and cancelled():
                raise DecodeCancelled()
            if progress is not None:
                progress(done / SAMPLE_RATE, total)

        frames = container.decode(stream)
        while True:
            try:
                frame = next(frames)
            except StopIteration:
                break
            except av.error.InvalidDataError:
                continue  # one bad packet: skip it, as players do
            except av.error.FFmpegError as exc:
                if not pieces and not fifo.samples:
                    raise CorruptAudio(type(exc).__name__) from None
                # A recording cut short (phone battery died) still gives what it holds.
                log.info("recording ends early: %s", type(exc).__name__)
                break
            frame.pts = None
            fifo.write(frame)
            if fifo.samples >= GROUP_SAMPLES:
                drain(final=False)
        drain(final=True)
    finally:
        container.close()
    if not pieces:
        raise CorruptAudio("no audio decoded")
    samples: Samples = np.concatenate(pieces).astype(np.float32) / np.float32(32768.0)
    return samples

