"""Transcription jobs: cancel is quick and keeps what was done; a killed process resumes
without duplicate segments; jobs left running by a crash go back in the queue."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from familyrecord.records.models import Meeting
from familyrecord.services import Services
from familyrecord.storage.transcripts import Segment
from familyrecord.transcription import speech
from tests.conftest import PASSPHRASE
from tests.speech_samples import FAMILY_LINES
from tests.vault_access import vault_of

pytestmark = [pytest.mark.model, pytest.mark.slow, pytest.mark.skipif(
    not speech.espeak_available(), reason="espeak-ng is not installed (apt-get install espeak-ng)")]

ROOT = Path(__file__).resolve().parents[1]
KEYWORDS = ("nursery", "school", "doctor", "dentist", "grandmother", "holiday", "bedroom",
            "football", "swimming", "birthday", "library", "garden", "kitchen", "bicycle", "piano",
            "museum", "hospital", "breakfast")
LINES = FAMILY_LINES


@pytest.fixture(scope="module")
def long_recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 65 seconds of speech: three of the engine's 30-second windows."""
    voices = ("en-gb", "en-us", "en-gb-x-rp")
    lines = [(voices[n % 3], text) for n, text in enumerate(LINES)]
    path = tmp_path_factory.mktemp("audio") / "long.m4a"
    path.write_bytes(speech.encode(speech.conversation(lines), "m4a"))
    return path


def _queued(services: Services, recording: Path) -> str:
    meeting = services.save(Meeting(title="Core group", starts_at=datetime(2026, 2, 3, 13, 30)))
    service = services.transcription
    attachment = service.import_recording(recording, meeting.id)
    return service.queue(meeting.id, attachment.id).id


def _assert_no_duplicates(segments: list[Segment]) -> None:
    assert [s.idx for s in segments] == list(range(len(segments)))
    for before, after in itertools.pairwise(segments):
        assert after.start >= before.end - 0.05, (before, after)
        assert after.text != before.text


def test_cancel_stops_quickly_keeps_segments_and_resumes(services: Services,
                                                         long_recording: Path) -> None:
    service = services.transcription
    job_id = _queued(services, long_recording)
    cancel = threading.Event()
    cancelled_at: list[float] = []

    def first_segments(_stored: list[Segment]) -> None:
        if not cancel.is_set():
            cancelled_at.append(time.monotonic())
            cancel.set()

    job = service.run(job_id, cancelled=cancel.is_set, on_segments=first_segments)
    stopped_after = time.monotonic() - cancelled_at[0]
    assert job.state == "cancelled"
    assert stopped_after < 2.0  # acceptance 3: cancel takes effect within 2 s
    transcript_id = str(job.options["transcript_id"])
    kept = service.segments(transcript_id)
    assert kept and kept[-1].end < 40  # finished segments kept, the rest not done
    assert 0 < service.jobs.store.get(job_id).progress < 1

    job = service.run(service.retry(job_id).id)
    assert job.state == "done"
    assert job.options["transcript_id"] == transcript_id
    segments = service.segments(transcript_id)
    assert [s.id for s in segments[:len(kept)]] == [s.id for s in kept]
    assert segments[-1].end > 58
    _assert_no_duplicates(segments)
    assert len(service.transcripts_for(str(job.meeting_id))) == 1


def test_killed_process_resumes_without_duplicates(services: Services, long_recording: Path,
                                                   vault_path: Path) -> None:
    service = services.transcription
    job_id = _queued(services, long_recording)
    runner = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from familyrecord.services import Services;"
         "s = Services.open(Path(sys.argv[1]), sys.argv[2]); s.transcription.run(sys.argv[3])",
         str(vault_path), PASSPHRASE, job_id], cwd=ROOT)
    count = vault_of(services).connection.execute
    try:
        deadline = time.monotonic() + 120
        while count("SELECT count(*) FROM segments").fetchone()[0] == 0:
            assert runner.poll() is None, "the job process ended before it was killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        runner.send_signal(signal.SIGKILL)
        runner.wait(10)
    job = service.jobs.store.get(job_id)
    assert job.state == "running"  # as a crash leaves it
    before = service.segments(str(job.options["transcript_id"]))
    assert before and before[-1].end < 40

    assert service.recover() == 1  # what the app does at start-up
    assert service.jobs.store.get(job_id).state == "queued"
    finished = service.run_pending()
    assert [j.state for j in finished] == ["done"]
    segments = service.segments(str(job.options["transcript_id"]))
    assert [(s.id, s.text) for s in segments[:len(before)]] == [(s.id, s.text) for s in before]
    assert len(segments) > len(before) and segments[-1].end > 58
    _assert_no_duplicates(segments)
    text = " ".join(s.text for s in segments).lower()
    counts = [text.count(word) for word in KEYWORDS]
    assert max(counts) == 1 and sum(counts) >= 14, counts  # each line once, none twice


def test_engine_process_exits_when_the_app_dies(services: Services, long_recording: Path,
                                                vault_path: Path) -> None:
    job_id = _queued(services, long_recording)
    runner = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, multiprocessing; from pathlib import Path;"
         "from familyrecord.services import Services;"
         "s = Services.open(Path(sys.argv[1]), sys.argv[2]);"
         "s.transcription.run(sys.argv[3], on_segments=lambda _s: print("
         "[p.pid for p in multiprocessing.active_children()][0], flush=True))",
         str(vault_path), PASSPHRASE, job_id], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert runner.stdout is not None
    engine_pid = int(runner.stdout.readline())
    runner.send_signal(signal.SIGKILL)
    runner.wait(10)
    runner.stdout.close()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(engine_pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the engine process outlived the app")
