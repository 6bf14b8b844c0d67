"""The transcription job queue: run a job in a child process, store segments as they arrive.

A job's state lives in the vault (storage/jobs.py). Running a job streams the recording from
the vault's blob in windows cut at pauses (windows.py), sends the windows with speech to the
engine process (feed.py) and stores each settled segment at once. A crash or a cancel keeps
what was stored; running the job again resumes from the end of the last stored segment, so no
segment is written twice. One recording in one meeting has one job: queueing it again gives
back the job it already has.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from familyrecord.progress import CancelCheck, Progress
from familyrecord.storage import jobs as job_states
from familyrecord.storage.blobs import AttachmentStore
from familyrecord.storage.errors import VaultError
from familyrecord.storage.jobs import Job, JobStore
from familyrecord.storage.transcripts import Segment, TranscriptStore
from familyrecord.transcription import audio, windows
from familyrecord.transcription.child import options_to_wire
from familyrecord.transcription.engine import EngineSegment, TranscribeOptions
from familyrecord.transcription.feed import EngineFailed, EngineProcess, Feed

log = logging.getLogger(__name__)

KIND = "transcription"
# Progress is (seconds of audio done, seconds in all).
SegmentsArrived = Callable[[list[Segment]], None]
__all__ = ["KIND", "EngineFailed", "JobOptions", "RemainingTime", "SegmentsArrived",
           "TranscriptionJobs", "reusable_job"]
# Which of a recording's earlier jobs to reuse, best first: one that is under way or done, then
# one that stopped (it resumes where it stopped).
_REUSE_ORDER = (job_states.RUNNING, job_states.QUEUED, job_states.DONE, job_states.CANCELLED,
                job_states.FAILED)


@dataclass(frozen=True)
class JobOptions:
    engine: str = "faster-whisper"
    model: str = "tiny.en"
    transcribe: TranscribeOptions = field(default_factory=TranscribeOptions)

    def to_json(self) -> dict[str, Any]:
        return {"engine": self.engine, "model": self.model, **options_to_wire(self.transcribe)}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> JobOptions:
        fields = set(TranscribeOptions.__dataclass_fields__)
        wire = {k: v for k, v in raw.items() if k in fields}
        return cls(str(raw.get("engine", "faster-whisper")), str(raw.get("model", "tiny.en")),
                   TranscribeOptions(**wire))


class RemainingTime:
    """Estimates time left from the pace so far (the first seconds are too noisy to show)."""

    def __init__(self) -> None:
        self._started = time.monotonic()
        self._first: float | None = None

    def __call__(self, done: float, total: float) -> float | None:
        if self._first is None:
            self._first = done
            self._started = time.monotonic()
            return None
        elapsed = time.monotonic() - self._started
        gained = done - self._first
        if gained <= 0 or elapsed < 1.0 or total <= 0:
            return None
        return max(0.0, (total - done) * elapsed / gained)


def reusable_job(jobs: list[Job], attachment_id: str) -> Job | None:
    """The job a recording already has, if any (best first, see _REUSE_ORDER)."""
    mine = [j for j in jobs if j.attachment_id == attachment_id and j.kind == KIND]
    for state in _REUSE_ORDER:
        for job in mine:
            if job.state == state:
                return job
    return None


class TranscriptionJobs:
    """Transcription jobs kept in the vault, run in a separate engine process."""

    def __init__(self, jobs: JobStore, transcripts: TranscriptStore,
                 attachments: AttachmentStore) -> None:
        self.store = jobs
        self._transcripts = transcripts
        self._attachments = attachments

    def enqueue(self, meeting_id: str, attachment_id: str,
                options: JobOptions | None = None) -> Job:
        """The recording's job in this meeting: the one it has (a stopped one is put back in
        the queue and resumes where it stopped), or a new one. Never a second job."""
        existing = reusable_job(self.store.list(meeting_id=meeting_id, kind=KIND), attachment_id)
        if existing is None:
            return self.store.enqueue(KIND, meeting_id=meeting_id, attachment_id=attachment_id,
                                      options=(options or JobOptions()).to_json())
        if existing.state in (job_states.CANCELLED, job_states.FAILED):
            return self.store.set_state(existing.id, job_states.QUEUED)
        return existing

    def recover(self) -> int:
        """At start-up: jobs left running by a crash go back in the queue."""
        return self.store.requeue_interrupted()

    def run_pending(self, progress: Progress | None = None,
                    cancelled: CancelCheck | None = None) -> list[Job]:
        finished: list[Job] = []
        while (job := self.store.next_queued(KIND)) is not None:
            finished.append(self.run(job.id, progress=progress, cancelled=cancelled))
            if finished[-1].state == job_states.CANCELLED:
                break
        return finished

    def run(self, job_id: str, *, progress: Progress | None = None,
            cancelled: CancelCheck | None = None,
            on_segments: SegmentsArrived | None = None) -> Job:
        """Run (or resume) one job to its end; returns the job in its final state."""
        job = self.store.get(job_id)
        if job.state == job_states.DONE:
            return job
        opts = JobOptions.from_json(job.options)
        transcript_id = str(job.options.get("transcript_id", ""))
        if not transcript_id:
            transcript_id = self._transcripts.create(
                job.meeting_id or "", job.attachment_id, opts.engine, opts.model,
                opts.transcribe.language).id
        self.store.set_state(job_id, job_states.RUNNING, options={"transcript_id": transcript_id})
        is_cancelled = cancelled or (lambda: False)
        tracker = _Tracker(self.store, self._transcripts, job_id, transcript_id, progress,
                           on_segments)
        feed: Feed | None = None
        completed = False
        try:
            with self._attachments.open(job.attachment_id or "") as blob:
                tracker.total = audio.probe(blob).duration_s
                blob.seek(0)
                start = self._transcripts.last_end(transcript_id)
                tracker.reached(start)
                if not tracker.total or start < tracker.total - 0.5:
                    feed = Feed(windows.windows(blob, start_s=start, cancelled=is_cancelled),
                                lambda: EngineProcess(opts.engine, opts.transcribe),
                                tracker.store, tracker.reached, is_cancelled)
                    if not feed.run():
                        return self.store.set_state(job_id, job_states.CANCELLED)
            tracker.finish()
            completed = True
            return self.store.set_state(job_id, job_states.DONE)
        except audio.DecodeCancelled:
            return self.store.set_state(job_id, job_states.CANCELLED)
        except VaultError as exc:
            log.info("transcription job failed: %s", type(exc).__name__)
            return self.store.set_state(job_id, job_states.FAILED, error=exc.user_message)
        finally:
            if feed is not None:
                feed.stop(finished=completed)


class _Tracker:
    """Stores settled segments and reports how far the job has got."""

    def __init__(self, jobs: JobStore, transcripts: TranscriptStore, job_id: str,
                 transcript_id: str, progress: Progress | None,
                 on_segments: SegmentsArrived | None) -> None:
        self._jobs = jobs
        self._transcripts = transcripts
        self._job_id = job_id
        self._transcript_id = transcript_id
        self._progress = progress
        self._on_segments = on_segments
        self.total = 0.0  # the recording's length as its header says (0: not known)
        self._done = 0.0

    def store(self, settled: list[EngineSegment]) -> None:
        rows = [Segment(start=s.start, end=s.end, text=s.text) for s in settled if s.text.strip()]
        if not rows:
            return
        stored = self._transcripts.add_segments(self._transcript_id, rows)
        self.reached(rows[-1].end)
        if self._on_segments is not None:
            self._on_segments(stored)

    def reached(self, seconds: float) -> None:
        self._done = max(self._done, seconds)
        total = max(self.total, self._done)
        if total:
            self._jobs.set_progress(self._job_id, self._done / total)
        if self._progress is not None:
            self._progress(self._done, total)

    def finish(self) -> None:
        self.total = max(self.total, self._done)
        self._jobs.set_progress(self._job_id, 1.0)
        if self._progress is not None:
            self._progress(self.total, self.total)
