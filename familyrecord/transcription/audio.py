"""Meeting recordings: check and decode audio in memory, never through a temp file.

PyAV reads straight from the vault's decrypted blob stream (a seekable file-like object), so
the plaintext audio only ever exists in this process's memory. `stream` yields the recording
as 16 kHz mono float32 pieces of about GROUP_S seconds, from any point in it, so a six-hour
recording never sits whole in memory; `decode` joins the pieces and is meant for short clips.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from familyrecord.storage.errors import VaultError

if TYPE_CHECKING:
    from av.audio.frame import AudioFrame
    from av.audio.resampler import AudioResampler
    from av.audio.stream import AudioStream
    from av.container import InputContainer

    from familyrecord.progress import CancelCheck, Progress

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
GROUP_S = 10.0  # frames are resampled in groups this long: several times faster than one by one
SEEK_SLACK_S = 0.05  # a seek that lands this far past the point asked for is not trusted
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


def _errors() -> tuple[type[Exception], ...]:
    import av

    # What PyAV raises for damaged input: its own errors, and plain ones from its Python layer.
    return (av.error.FFmpegError, ValueError, EOFError, OSError, IndexError, OverflowError,
            UnicodeDecodeError, AttributeError)


def _open(source: IO[bytes]) -> tuple[InputContainer, AudioStream]:
    import av

    try:
        container = av.open(source, mode="r")
    except av.error.InvalidDataError as exc:
        raise UnsupportedAudio(type(exc).__name__) from None
    except _errors() as exc:
        raise CorruptAudio(type(exc).__name__) from None
    if not isinstance(container, av.container.InputContainer) or not container.streams.audio:
        container.close()
        raise UnsupportedAudio("no audio track")
    return container, container.streams.audio[0]


def _duration(container: InputContainer, stream: AudioStream) -> float:
    if stream.duration is not None and stream.time_base is not None:
        return max(0.0, float(stream.duration * stream.time_base))
    if container.duration is not None:
        return max(0.0, container.duration / 1_000_000)
    return 0.0


def probe(source: IO[bytes]) -> AudioInfo:
    """Duration and codec of a recording; raises a typed AudioError for anything unreadable."""
    container, stream = _open(source)
    try:
        # A damaged header can leave the stream without a codec context at all.
        codec = getattr(stream.codec_context, "name", None) or ""
        return AudioInfo(_duration(container, stream), str(codec), str(container.format.name or ""))
    except _errors() as exc:
        raise CorruptAudio(type(exc).__name__) from None
    finally:
        container.close()


def _origin(stream: AudioStream) -> float:
    """The stream's first timestamp: time 0 of the recording as segments count it."""
    if stream.start_time is None or stream.time_base is None:
        return 0.0
    return float(stream.start_time * stream.time_base)


def _seek(container: InputContainer, stream: AudioStream, at: float) -> bool:
    if stream.time_base is None:
        return False
    try:
        container.seek(int(at / stream.time_base), stream=stream, backward=True)
    except _errors():
        return False
    return True


class _Pieces:
    """Resamples decoded frames to 16 kHz mono in groups, dropping `skip` samples at the start."""

    def __init__(self, skip: int) -> None:
        import av

        self.skip = skip
        self.made = 0  # samples made so far, after the skip
        self._resampler: AudioResampler = av.AudioResampler(format="s16", layout="mono",
                                                            rate=SAMPLE_RATE)
        self._fifo = av.AudioFifo()

    def add(self, frame: AudioFrame) -> Iterator[Samples]:
        frame.pts = None  # the fifo joins frames by count; timestamps would only get in the way
        self._fifo.write(frame)
        if self._fifo.samples >= frame.sample_rate * GROUP_S:
            yield from self.drain(final=False)

    def drain(self, *, final: bool) -> Iterator[Samples]:
        group = self._fifo.read() if self._fifo.samples else None
        outs = [*self._resampler.resample(group), *(self._resampler.resample(None) if final else [])]
        for out in outs:
            pcm = out.to_ndarray().reshape(-1)
            if self.skip:
                dropped = min(self.skip, len(pcm))
                pcm, self.skip = pcm[dropped:], self.skip - dropped
            if len(pcm):
                self.made += len(pcm)
                yield pcm.astype(np.float32) / np.float32(32768.0)


class _Overshoot(Exception):
    """The seek landed after the point asked for (or gave no time): decode from the start."""


def stream(source: IO[bytes], *, start_s: float = 0.0,
           cancelled: CancelCheck | None = None) -> Iterator[Samples]:
    """The recording from `start_s` seconds on, as 16 kHz mono float32 pieces (~GROUP_S each).

    The first piece starts at `start_s` (a resumed job carries on there). Raises a typed
    AudioError when nothing can be read; a recording cut short gives what it holds."""
    container, audio_stream = _open(source)
    try:
        origin = _origin(audio_stream)
        if start_s > 0 and _seek(container, audio_stream, origin + start_s):
            try:
                yield from _decode_from(container, audio_stream, origin, start_s, True, cancelled)
                return
            except _Overshoot:
                # Some containers seek only roughly; decoding from the start and dropping
                # everything before start_s is slower but gives the same samples.
                container.close()
                source.seek(0)
                container, audio_stream = _open(source)
        yield from _decode_from(container, audio_stream, origin, start_s, False, cancelled)
    finally:
        container.close()


def _decode_from(container: InputContainer, audio_stream: AudioStream, origin: float,
                 start_s: float, seeking: bool, cancelled: CancelCheck | None) -> Iterator[Samples]:
    import av

    pieces = _Pieces(0 if seeking else max(0, round(start_s * SAMPLE_RATE)))
    aligned = not seeking
    frames = container.decode(audio_stream)
    read_any = False
    while True:
        try:
            frame = next(frames)
        except StopIteration:
            break
        except av.error.InvalidDataError:
            continue  # one bad packet: skip it, as players do
        except _errors() as exc:
            if not read_any:
                raise CorruptAudio(type(exc).__name__) from None
            log.info("recording ends early: %s", type(exc).__name__)  # e.g. the battery died
            break
        read_any = True
        if not aligned:
            if frame.time is None or frame.time - origin > start_s + SEEK_SLACK_S:
                raise _Overshoot()
            frame_start = frame.time - origin
            if frame_start + frame.samples / max(1, frame.sample_rate) <= start_s:
                continue  # wholly before the resume point
            pieces.skip = max(0, round((start_s - frame_start) * SAMPLE_RATE))
            aligned = True
        try:
            yield from pieces.add(frame)
        except _errors() as exc:  # a frame in another format half-way: a damaged file
            log.info("recording ends early: %s", type(exc).__name__)
            break
        if cancelled is not None and cancelled():
            raise DecodeCancelled()
    if not read_any:
        raise CorruptAudio("no audio decoded")
    try:
        yield from pieces.drain(final=True)
    except _errors() as exc:
        log.info("recording ends early: %s", type(exc).__name__)


def decode(source: IO[bytes], *, progress: Progress | None = None,
           cancelled: CancelCheck | None = None) -> Samples:
    """All of a short recording as one array (clips, tests); long ones go through `stream`."""
    pieces: list[Samples] = []
    done = 0
    for piece in stream(source, cancelled=cancelled):
        pieces.append(piece)
        done += len(piece)
        if progress is not None:
            progress(done / SAMPLE_RATE, 0.0)
    if not pieces:
        raise CorruptAudio("no audio decoded")
    return np.concatenate(pieces)
