"""Made-up speech for tests, the benchmark and the demo: espeak-ng voices encoded with PyAV.

Everything stays in memory (espeak-ng writes its WAV to a pipe; PyAV encodes into BytesIO), so
making a test recording never leaves audio in the temp folder.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Sequence
from typing import Any

import numpy as np

from familyrecord.transcription.audio import SAMPLE_RATE, Samples, decode

# container format, codec, file suffix
FORMATS: dict[str, tuple[str, str]] = {
    "m4a": ("ipod", "aac"),
    "mp4": ("mp4", "aac"),
    "mp3": ("mp3", "libmp3lame"),
    "wav": ("wav", "pcm_s16le"),
    "ogg": ("ogg", "libopus"),
    "opus": ("opus", "libopus"),
    "flac": ("flac", "flac"),
    "amr": ("amr", "libopencore_amrnb"),
    "webm": ("webm", "libopus"),
}
_RATES = {"libopus": 48_000, "libopencore_amrnb": 8_000}


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def speak(text: str, *, voice: str = "en-gb", words_per_minute: int = 150) -> Samples:
    """One voice saying `text`, as 16 kHz mono float32."""
    wav = subprocess.run(["espeak-ng", "--stdout", "-v", voice, "-s", str(words_per_minute), text],
                         capture_output=True, check=True).stdout
    return decode(io.BytesIO(_fix_stream_wav(wav)))


def _fix_stream_wav(wav: bytes) -> bytes:
    # espeak-ng writing to a pipe leaves the RIFF sizes at 0x7fffffff; set the real ones.
    data_at = wav.find(b"data")
    if wav[:4] != b"RIFF" or data_at < 0:
        return wav
    size = len(wav) - data_at - 8
    return (b"RIFF" + (len(wav) - 8).to_bytes(4, "little") + wav[8:data_at + 4]
            + size.to_bytes(4, "little") + wav[data_at + 8:])


def conversation(lines: Sequence[tuple[str, str]], pause_s: float = 0.6) -> Samples:
    """Several voices taking turns: (voice, text) pairs with a short pause between them."""
    gap = np.zeros(int(pause_s * SAMPLE_RATE), dtype=np.float32)
    parts: list[Samples] = []
    for voice, text in lines:
        parts += [speak(text, voice=voice), gap]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)


def encode(samples: Samples, fmt: str = "m4a", bitrate: int = 32_000) -> bytes:
    """Encode mono float32 samples into a file's bytes, in memory."""
    import av

    container_format, codec = FORMATS[fmt]
    rate = _RATES.get(codec, SAMPLE_RATE)
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16).reshape(1, -1)
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=container_format) as container:
        stream: Any = container.add_stream(codec, rate=rate, layout="mono")
        if codec not in ("pcm_s16le", "flac", "libopencore_amrnb"):
            stream.bit_rate = bitrate
        if codec == "libopencore_amrnb":
            stream.bit_rate = 12_200
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        resampler = av.AudioResampler(format=stream.codec_context.format.name, layout="mono",
                                      rate=rate, frame_size=stream.codec_context.frame_size or None)
        for out in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(out):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()
