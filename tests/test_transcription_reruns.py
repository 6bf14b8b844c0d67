"""Adding the same recording again, or re-running `familyrecord transcribe` after a crash, does
not store the file twice or start a second job: it carries on with the one it has."""

from __future__ import annotations

import io
import itertools
import os
import signal
import subprocess
import sys
import time
import wave
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.transcription import speech
from tests.conftest import PASSPHRASE
from tests.speech_samples import FAMILY_LINES
from tests.vault_access import vault_of

ROOT = Path(__file__).resolve().parents[1]


def _meeting(services: Services, title: str = "Core group") -> Meeting:
    return services.save(Meeting(title=title, starts_at=datetime(2026, 2, 3, 13, 30)))


def _wav(path: Path, seconds: float = 2.0, pitch: float = 440.0) -> Path:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        tone = 0.2 * np.sin(2 * np.pi * pitch * np.arange(int(seconds * 8000)) / 8000)
        out.writeframes((tone * 32767).astype("<i2").tobytes())
    path.write_bytes(buffer.getvalue())
    return path


def test_the_same_file_in_the_same_meeting_is_stored_once(services: Services,
                                                           tmp_path: Path) -> None:
    service = services.transcription
    meeting, other = _meeting(services), _meeting(services, "Review")
    recording = _wav(tmp_path / "meeting.wav")
    seen: list[tuple[float, float]] = []
    first = service.import_recording(recording, meeting.id,
                                     progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] > 0
    seen.clear()
    copy = tmp_path / "copy of meeting.wav"
    copy.write_bytes(recording.read_bytes())
    again = service.import_recording(copy, meeting.id, progress=lambda d, t: seen.append((d, t)))
    assert again == first
    assert seen[-1][0] == seen[-1][1] > 0  # the bar still ends full
    assert service.recordings(meeting.id) == [first]
    # Another meeting, or another file, is a new attachment.
    assert service.import_recording(recording, other.id).id != first.id
    different = service.import_recording(_wav(tmp_path / "b.wav", pitch=450.0), meeting.id)
    assert different.id != first.id
    assert len(vault_of(services).attachments.list()) == 3


def test_queueing_again_gives_back_the_recordings_one_job(services: Services,
                                                          tmp_path: Path) -> None:
    service = services.transcription
    meeting = _meeting(services)
    attachment = service.import_recording(_wav(tmp_path / "m.wav"), meeting.id)
    job = service.queue(meeting.id, attachment.id)
    assert service.queue(meeting.id, attachment.id).id == job.id
    store = service.jobs.store
    for stopped in ("cancelled", "failed"):
        store.set_state(job.id, stopped, error="stopped")
        again = service.queue(meeting.id, attachment.id)
        assert (again.id, again.state) == (job.id, "queued")  # it resumes where it stopped
    store.set_state(job.id, "running")  # as a crash leaves it
    assert service.recover() == 1
    assert service.recover() == 0  # requeued once
    assert service.queue(meeting.id, attachment.id).id == job.id
    store.set_state(job.id, "done")
    done = service.queue(meeting.id, attachment.id)
    assert (done.id, done.state) == (job.id, "done")
    assert service.run(done.id).state == "done"  # nothing to do again
    assert [j.id for j in service.jobs_for(meeting.id)] == [job.id]
    other = service.import_recording(_wav(tmp_path / "n.wav", pitch=300.0), meeting.id)
    assert service.queue(meeting.id, other.id).id != job.id


def test_the_command_says_when_it_carries_on_with_a_recording_it_has(
        services: Services, vault_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from familyrecord.cli import main

    meeting = _meeting(services)
    services.lock()
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    quiet = tmp_path / "quiet.wav"
    quiet.write_bytes(_wav(tmp_path / "tone.wav").read_bytes()[:44] + bytes(16000 * 2))
    command = ["transcribe", "--path", str(vault_path), "--meeting", meeting.id, str(quiet)]
    assert main(command) == 0
    assert "already" not in capsys.readouterr().out
    assert main(command) == 0
    assert "already in the meeting" in capsys.readouterr().out
    reopened = Services.open(vault_path, PASSPHRASE)
    try:
        assert len(reopened.transcription.recordings(meeting.id)) == 1
        assert len(reopened.transcription.jobs_for(meeting.id)) == 1
    finally:
        reopened.lock()


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.skipif(not speech.espeak_available(), reason="espeak-ng is not installed")
def test_five_cli_runs_after_kills_leave_one_recording_and_one_job(
        services: Services, vault_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    voices = ("en-gb", "en-us", "en-gb-x-rp")
    recording = tmp_path / "meeting.m4a"
    recording.write_bytes(speech.encode(speech.conversation(
        [(voices[n % 3], text) for n, text in enumerate(FAMILY_LINES)]), "m4a"))
    meeting = _meeting(services)
    monkeypatch.setenv("FAMILYRECORD_PASSPHRASE", PASSPHRASE)
    count = vault_of(services).connection.execute
    command = [sys.executable, "-m", "familyrecord", "transcribe", "--path", str(vault_path),
               "--meeting", meeting.id, str(recording)]
    killed = 0
    for _run in range(4):
        before = count("SELECT count(*) FROM segments").fetchone()[0]
        runner = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, env=os.environ.copy())
        deadline = time.monotonic() + 120
        while runner.poll() is None and time.monotonic() < deadline:
            if count("SELECT count(*) FROM segments").fetchone()[0] > before:
                runner.send_signal(signal.SIGKILL)  # part-way through the transcript
                killed += 1
                break
            time.sleep(0.02)
        runner.wait(30)
    assert killed >= 2
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300,
                              env=os.environ.copy())
    assert finished.returncode == 0, finished.stderr
    assert "already in the meeting" in finished.stdout
    service = services.transcription
    assert len(service.recordings(meeting.id)) == 1
    assert len(vault_of(services).attachments.list()) == 1
    (job,) = service.jobs_for(meeting.id)
    assert job.state == "done"
    (transcript,) = service.transcripts_for(meeting.id)
    segments = service.segments(transcript.id)
    assert [s.idx for s in segments] == list(range(len(segments)))
    assert all(b.start >= a.end - 0.05 for a, b in itertools.pairwise(segments))
    text = " ".join(s.text for s in segments).lower()
    for word in ("nursery", "grandmother", "bicycle", "breakfast"):
        assert text.count(word) == 1, word
