"""Long recordings: decoded in windows cut at pauses, in memory that does not grow with length;
silence is skipped before the engine; a resumed stream starts on the same samples."""

from __future__ import annotations

import io
import itertools
import os
import subprocess
import sys
import threading
import time
import tracemalloc
import wave
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pytest

from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.transcription import audio, feed, jobs, speech, vad, windows
from familyrecord.transcription.audio import SAMPLE_RATE, Samples
from tests.speech_samples import FAMILY_LINES
from tests.vault_access import vault_of

ROOT = Path(__file__).resolve().parents[1]
RATE = 8_000  # a cheap voice recorder's rate, as in the issue


def wav_8k(signal: Samples) -> bytes:
    """An 8 kHz 16-bit mono WAV, made in memory."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((np.clip(signal, -1, 1) * 32767).astype("<i2").tobytes())
    return buffer.getvalue()


def tone_bursts(seconds: float, seed: int = 3) -> tuple[Samples, list[tuple[float, float]]]:
    """Tone bursts ("speech"): three minutes with only short gaps (longer than any window, so
    windows must be cut between bursts), then now and then a long silence."""
    rng = np.random.default_rng(seed)
    signal = np.zeros(int(seconds * RATE), dtype=np.float32)
    bursts: list[tuple[float, float]] = []
    at = 5.0
    while at < seconds - 10:
        length = rng.uniform(1.0, 6.0)
        first, last = int(at * RATE), int((at + length) * RATE)
        signal[first:last] = 0.3 * np.sin(2 * np.pi * 440 * np.arange(last - first) / RATE)
        bursts.append((at, at + length))
        talking = at < 180 or rng.random() < 0.85
        at += length + (rng.uniform(0.3, 1.0) if talking else rng.uniform(10, 40))
    return signal, bursts


def loud_frames(samples: Samples) -> vad.Probabilities:
    """A plain energy detector: a frame is "speech" when it is louder than -40 dBFS."""
    count = vad.frames_in(len(samples))
    frames = np.pad(samples, (0, count * vad.FRAME - len(samples))).reshape(count, vad.FRAME)
    return (np.sqrt(np.mean(frames ** 2, axis=1)) > 0.01).astype(np.float32)


class Outline(NamedTuple):
    start: float
    samples_end: float
    end: float
    samples: int


def faint_noise(seconds: float, seed: int = 0) -> Samples:
    """Room hiss at about -50 dBFS: what a recorder left running in a quiet room picks up."""
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(int(seconds * RATE)) * 0.003).astype(np.float32)


@pytest.mark.parametrize("fmt", ["wav", "m4a", "mp3", "ogg", "flac", "amr", "webm"])
def test_a_stream_started_part_way_gives_the_same_samples(fmt: str) -> None:
    signal = (np.random.default_rng(1).standard_normal(SAMPLE_RATE * 30) * 0.1).astype(np.float32)
    data = speech.encode(signal, fmt)
    whole = audio.decode(io.BytesIO(data))
    for start in (7.3, 21.01):
        part = np.concatenate(list(audio.stream(io.BytesIO(data), start_s=start)))
        at = round(start * SAMPLE_RATE)
        lags = range(-32, 33)  # within 2 ms
        error = [float(np.mean(np.abs(whole[at + lag:at + lag + 8000] - part[:8000])))
                 for lag in lags]
        assert min(error) < 0.07, (fmt, start, min(error))
        assert abs(lags[int(np.argmin(error))]) <= 8
        assert abs((len(whole) - at) - len(part)) <= 16


def _outlines(data: bytes) -> tuple[list[Outline], int]:
    """The windows' outlines and the peak memory used making them."""
    tracemalloc.start()
    try:
        # Only each window's outline is kept here, as the job keeps nothing of a window it sent.
        found = [Outline(w.start, w.samples_end, w.end, len(w.samples)) for w in
                 windows.windows(io.BytesIO(data), detector=loud_frames, max_window_s=60)]
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return found, peak


def test_twenty_minutes_are_windowed_at_pauses_in_bounded_memory() -> None:
    short_peak = _outlines(wav_8k(tone_bursts(5 * 60)[0]))[1]
    signal, bursts = tone_bursts(20 * 60)
    found, peak = _outlines(wav_8k(signal))
    whole_size = len(signal) * 2 * 4  # one float32 array of it all, at 16 kHz
    # Memory does not grow with the length: four times the audio, the same peak.
    assert peak < 1.25 * short_peak, (peak, short_peak)
    assert peak < whole_size / 3, f"peak {peak / 1e6:.1f} MB"
    spoken = [w for w in found if w.samples]
    assert all(w.samples <= 60 * SAMPLE_RATE for w in found)
    assert all(a.end <= b.start + 1e-6 for a, b in itertools.pairwise(found))
    assert found[-1].end == pytest.approx(20 * 60, abs=0.05)
    # Every burst lies whole inside one window: nothing is cut through, doubled or lost.
    for first, last in bursts:
        holders = [w for w in spoken if w.start <= first + 0.05 and w.samples_end >= last - 0.05]
        assert len(holders) == 1, (first, last)
    # Long silences are left out of what would go to the engine.
    sent = sum(w.samples for w in spoken) / SAMPLE_RATE
    voiced = sum(last - first for first, last in bursts)
    assert voiced < sent < voiced * 1.6 + 60


def test_windows_resume_at_the_point_asked_for() -> None:
    signal, bursts = tone_bursts(6 * 60)
    data = wav_8k(signal)
    resumed = list(windows.windows(io.BytesIO(data), start_s=200.0, detector=loud_frames,
                                   max_window_s=60))
    assert resumed[0].start >= 200.0
    assert resumed[-1].end == pytest.approx(6 * 60, abs=0.05)
    spoken = [w for w in resumed if w.has_speech]
    for first, last in [b for b in bursts if b[0] >= 200.0]:
        holders = [w for w in spoken if w.start <= first + 0.05 and w.samples_end >= last - 0.05]
        assert len(holders) == 1, (first, last)
    # The samples are those of the recording at that time, not shifted.
    whole = audio.decode(io.BytesIO(data))
    window = spoken[1]
    at = round(window.start * SAMPLE_RATE)
    assert np.allclose(whole[at:at + len(window.samples)], window.samples, atol=2e-3)


needs_espeak = pytest.mark.skipif(not speech.espeak_available(),
                                  reason="espeak-ng is not installed (apt-get install espeak-ng)")


@needs_espeak
def test_silero_finds_the_speech_in_a_quiet_room() -> None:
    said = speech.speak("Leo has settled well at the nursery this month.")
    said_8k = said[::2]  # 16 kHz to 8 kHz (espeak has nothing above 4 kHz worth keeping)
    signal = np.concatenate([faint_noise(60), said_8k, faint_noise(90, 1), said_8k,
                             faint_noise(30, 2)])
    speech_at = (60.0, 60 + len(said_8k) / RATE + 90)
    found = list(windows.windows(io.BytesIO(wav_8k(signal))))
    spoken = [w for w in found if w.has_speech]
    for at in speech_at:
        assert any(w.start <= at + 0.1 and w.samples_end >= at + len(said) / SAMPLE_RATE - 0.1
                   for w in spoken), at
    sent = sum(len(w.samples) for w in spoken) / SAMPLE_RATE
    assert sent < 3 * 2 * len(said) / SAMPLE_RATE  # the minutes of hiss stay behind


class NoEngine:
    """Stands in for the engine process where none may be started."""

    started = 0

    def __init__(self, *_args: object) -> None:
        NoEngine.started += 1
        raise AssertionError("the engine was started for a recording with no speech")


@pytest.mark.parametrize("noise", [True, False], ids=["room-hiss", "digital-silence"])
def test_ten_silent_minutes_give_no_text_without_the_engine(
        services: Services, noise: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs, "EngineProcess", NoEngine)
    signal = faint_noise(600) if noise else np.zeros(600 * RATE, dtype=np.float32)
    meeting = services.save(Meeting(title="Core group", starts_at=datetime(2026, 2, 3, 13, 30)))
    stored = vault_of(services).attachments.import_stream(io.BytesIO(wav_8k(signal)), "quiet.wav",
                                                          link_to=meeting.id)
    service = services.transcription
    seen: list[tuple[float, float]] = []
    started = time.monotonic()
    job = service.run(service.queue(meeting.id, stored.id).id,
                      progress=lambda done, total: seen.append((done, total)))
    took = time.monotonic() - started
    assert job.state == "done", job.error
    assert service.segments(str(job.options["transcript_id"])) == []
    assert NoEngine.started == 0
    assert seen[-1] == (pytest.approx(600.0), pytest.approx(600.0))
    assert len(seen) > 5  # progress moved through the silence, not only at the end
    assert took < 60, f"{took:.1f} s for 10 minutes of silence"


# ---- through the real engine -------------------------------------------------------------------

KEYWORDS = ("nursery", "school", "doctor", "dentist", "grandmother", "holiday", "bedroom",
            "football", "swimming", "birthday", "library", "garden", "kitchen", "bicycle", "piano",
            "museum", "hospital", "breakfast")


@pytest.fixture
def sent_windows(monkeypatch: pytest.MonkeyPatch) -> list[tuple[float, float]]:
    """(start, end) of every window the job hands to the engine process."""
    sent: list[tuple[float, float]] = []

    class WatchedEngine(feed.EngineProcess):
        def send(self, window: windows.Window) -> None:
            sent.append((window.start, window.samples_end))
            super().send(window)

    monkeypatch.setattr(jobs, "EngineProcess", WatchedEngine)
    return sent


def _hiss_16k(seconds: float, seed: int) -> Samples:
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(int(seconds * SAMPLE_RATE)) * 0.003).astype(np.float32)


def _job_for(services: Services, data: bytes) -> tuple[str, str]:
    meeting = services.save(Meeting(title="Core group", starts_at=datetime(2026, 2, 3, 13, 30)))
    stored = vault_of(services).attachments.import_stream(io.BytesIO(data), "meeting.m4a",
                                                          link_to=meeting.id)
    return meeting.id, services.transcription.queue(meeting.id, stored.id).id


@needs_espeak
@pytest.mark.model
def test_only_windows_with_speech_reach_the_engine(services: Services,
                                                   sent_windows: list[tuple[float, float]]) -> None:
    first = speech.conversation([("en-gb", FAMILY_LINES[0]), ("en-us", FAMILY_LINES[1])])
    second = speech.conversation([("en-gb-x-rp", FAMILY_LINES[4]), ("en-gb", FAMILY_LINES[13])])
    parts = [_hiss_16k(45, 1), first, _hiss_16k(70, 2), second, _hiss_16k(20, 3)]
    bounds = np.cumsum([0] + [len(p) for p in parts]) / SAMPLE_RATE
    spoken = [(bounds[1], bounds[2]), (bounds[3], bounds[4])]
    _meeting, job_id = _job_for(services, speech.encode(np.concatenate(parts), "m4a"))
    job = services.transcription.run(job_id)
    assert job.state == "done", job.error
    segments = services.transcription.segments(str(job.options["transcript_id"]))
    text = " ".join(s.text for s in segments).lower()
    for word in ("nursery", "reading", "grandmother", "bicycle"):
        assert word in text
    for seg in segments:
        assert any(a - 1.0 <= seg.start and seg.end <= b + 1.0 for a, b in spoken), seg
    assert sent_windows and all(any(a - 1.0 <= s and e <= b + 1.0 for a, b in spoken)
                                for s, e in sent_windows)
    assert sum(e - s for s, e in sent_windows) < 0.4 * bounds[-1]


@needs_espeak
@pytest.mark.model
@pytest.mark.slow
def test_a_job_resumes_across_windows_without_gaps_or_doubles(
        services: Services, sent_windows: list[tuple[float, float]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(windows, "MAX_WINDOW_S", 20.0)  # the 65 s below become four windows
    starts: list[float] = []
    real_windows = windows.windows

    def watched(*args: Any, **kwargs: Any) -> Iterator[windows.Window]:
        starts.append(float(kwargs.get("start_s", 0.0)))
        return real_windows(*args, **kwargs)

    monkeypatch.setattr(windows, "windows", watched)
    voices = ("en-gb", "en-us", "en-gb-x-rp")
    recording = speech.conversation([(voices[n % 3], t) for n, t in enumerate(FAMILY_LINES)])
    _meeting, job_id = _job_for(services, speech.encode(recording, "m4a"))
    service = services.transcription
    stop = threading.Event()
    job = service.run(job_id, cancelled=stop.is_set, on_segments=lambda _s: stop.set())
    assert job.state == "cancelled"
    transcript_id = str(job.options["transcript_id"])
    kept = service.segments(transcript_id)
    assert kept and kept[-1].end < 30

    job = service.run(service.retry(job_id).id)
    assert job.state == "done", job.error
    assert starts == [0.0, pytest.approx(kept[-1].end)]  # it carried on where the text stopped
    assert len(sent_windows) >= 4 and all(e - s <= 20.0 for s, e in sent_windows)
    segments = service.segments(transcript_id)
    assert [s.id for s in segments[:len(kept)]] == [s.id for s in kept]
    assert all(b.start >= a.end - 0.05 and a.text != b.text
               for a, b in itertools.pairwise(segments))
    text = " ".join(s.text for s in segments).lower()
    counts = [text.count(word) for word in KEYWORDS]
    assert max(counts) == 1 and sum(counts) >= 15, counts  # each line once: none lost, none twice


def test_the_voice_detector_leaves_no_files_in_home_or_temp(tmp_path: Path) -> None:
    """ONNX Runtime's telemetry (a device id and an event cache in ~/.cache) stays off."""
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    env.update(HOME=str(home), TMPDIR=str(temp), XDG_CACHE_HOME=str(home / ".cache"))
    code = ("import numpy as np; from familyrecord.transcription import vad;"
            "noise = np.random.default_rng(0).standard_normal(16000 * 5).astype(np.float32);"
            "print(len(vad.silero(0.1 * noise)))")
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == vad.frames_in(16000 * 5)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
