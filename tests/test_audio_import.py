"""Recordings of every common phone/recorder format decode from the vault in memory; bad ones
give a typed error and stay in the vault."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.transcription import audio, speech

pytestmark = pytest.mark.skipif(not speech.espeak_available(),
                                reason="espeak-ng is not installed (apt-get install espeak-ng)")


@pytest.fixture(scope="module")
def samples() -> audio.Samples:
    return speech.speak("The core group met at the family centre on Tuesday.")


def _meeting(services: Services) -> Meeting:
    return services.save(Meeting(title="Core group", starts_at=datetime(2026, 2, 3, 13, 30)))


@pytest.mark.parametrize("fmt", sorted(speech.FORMATS))
def test_every_format_decodes_from_the_vault(services: Services, samples: audio.Samples, fmt: str,
                                             tmp_path: Path) -> None:
    path = tmp_path / f"recording.{fmt}"
    path.write_bytes(speech.encode(samples, fmt))
    meeting = _meeting(services)
    attachment = services.transcription.import_recording(path, meeting.id)
    with services.open_attachment(attachment.id) as blob:
        decoded = audio.decode(blob)
    expected = len(samples) / audio.SAMPLE_RATE
    assert decoded.dtype == np.float32
    assert abs(len(decoded) / audio.SAMPLE_RATE - expected) < 0.4
    # The speech survived the codec: loud where the voice is, not silence or noise everywhere.
    assert 0.01 < float(np.sqrt(np.mean(decoded ** 2))) < 0.5
    assert attachment in services.transcription.recordings(meeting.id)


def test_video_with_an_audio_track_decodes(samples: audio.Samples) -> None:
    import av

    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as container:
        video = container.add_stream("mpeg4", rate=5)
        video.width, video.height = 64, 48
        sound = container.add_stream("aac", rate=16_000, layout="mono")
        for n in range(10):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), n * 20, np.uint8), format="rgb24")
            for packet in video.encode(frame):
                container.mux(packet)
        for packet in video.encode(None):
            container.mux(packet)
        pcm = (samples * 32767).astype(np.int16).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = 16_000
        resampler = av.AudioResampler(format="fltp", layout="mono", rate=16_000, frame_size=1024)
        for out in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in sound.encode(out):
                container.mux(packet)
        for packet in sound.encode(None):
            container.mux(packet)
    buffer.seek(0)
    decoded = audio.decode(buffer)
    assert abs(len(decoded) - len(samples)) < audio.SAMPLE_RATE * 0.4


def test_a_file_that_is_not_audio_is_unsupported() -> None:
    with pytest.raises(audio.UnsupportedAudio) as raised:
        audio.decode(io.BytesIO(b"Dear Ms Carter, this is a letter, not a recording. " * 50))
    assert "cannot" in raised.value.user_message


def test_a_damaged_recording_fails_clearly_and_is_kept(services: Services, samples: audio.Samples,
                                                       tmp_path: Path) -> None:
    good = speech.encode(samples, "m4a")
    damaged = tmp_path / "phone.m4a"
    damaged.write_bytes(good[:40] + bytes(len(good) - 40))  # header kept, the rest zeroed
    meeting = _meeting(services)
    service = services.transcription
    attachment = service.import_recording(damaged, meeting.id)
    job = service.run(service.queue(meeting.id, attachment.id).id)
    assert job.state == "failed"
    assert job.error in (audio.CorruptAudio.user_message, audio.UnsupportedAudio.user_message)
    assert service.recordings(meeting.id) == [attachment]
    assert services.read_attachment(attachment.id) == damaged.read_bytes()


def test_probe_reports_duration_and_codec(samples: audio.Samples) -> None:
    info = audio.probe(io.BytesIO(speech.encode(samples, "mp3")))
    assert info.codec.startswith("mp3")
    assert abs(info.duration_s - len(samples) / audio.SAMPLE_RATE) < 0.3
