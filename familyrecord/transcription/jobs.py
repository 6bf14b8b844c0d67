"""The transcription job queue: run a job in a child process, store segments as they arrive.

A job's state lives in the vault (storage/jobs.py). Running a job decodes the recording from
the vault's blob stream in memory, hands the samples to the engine process over a pipe, and
stores each finished segment at once. A crash or a cancel keeps what was stored; running the
job again resumes from the end of the last stored segment, so no segment is written twice.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from familyrecord.progress import CancelCheck, Progress
from familyrecord.storage import jobs as job_states
from familyrecord.storage.blobs import AttachmentStore
from familyrecord.storage.errors import VaultError
from familyrecord.storage.jobs import Job, JobStore
from familyrecord.storage.transcripts import Segment, TranscriptStore
from familyrecord.transcription import audio
from familyrecord.transcription.child import options_to_wire, serve
from familyrecord.transcription.engine import TranscribeOptions

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess


log = logging.getLogger(__name__)

KIND = "transcription"
POLL_S = 0.1
# Progress is (seconds of audio done, seconds in all).
SegmentsArrived = Callable[[list[Segment]], None]


class EngineFailed(VaultError):
    user_message = ("Transcription stopped because of a problem in the speech engine. The recording "
                    "and anything already transcribed are kept; try again.")


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


class _EngineProcess:
    """One spawned engine process and its pipe."""

    def __init__(self, engine: str, options: TranscribeOptions) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child_conn = ctx.Pipe(duplex=True)
        self.process: BaseProcess = ctx.Process(target=serve, args=(child_conn, os.getpid()),
                                                name="familyrecord-engine", daemon=True)
        self.process.start()
        child_conn.close()
        # The model loads while the parent decodes the audio.
        self.conn.send(("load", engine, options_to_wire(options)))

    def stop(self, finished: bool = False) -> None:
        # A finished engine exits by itself; anything else (cancel, error) is ended at once.
        if finished:
            # It is exiting by itself; reap it in the background rather than wait here.
            threading.Thread(target=self.process.join, args=(5.0,), daemon=True).start()
            self.conn.close()
            return
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(1.0)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(1.0)
        self.conn.close()


class TranscriptionJobs:
    """Transcription jobs kept in the vault, run in a separate engine process."""

    def __init__(self, jobs: JobStore, transcripts: TranscriptStore,
                 attachments: AttachmentStore) -> None:
        self.store = jobs
        self._transcripts = transcripts
        self._attachments = attachments

    def enqueue(self, meeting_id: str, attachment_id: str,
                options: JobOptions | None = None) -> Job:
        return self.store.enqueue(KIND, meeting_id=meeting_id, attachment_id=attachment_id,
                                  options=(options or JobOptions()).to_json())

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
        opts = JobOptions.from_json(job.options)
        transcripts = self._transcripts
        transcript_id = str(job.options.get("transcript_id", ""))
        if not transcript_id:
            transcript_id = transcripts.create(job.meeting_id or "", job.attachment_id, opts.engine,
                                               opts.model, opts.transcribe.language).id
        self.store.set_state(job_id, job_states.RUNNING, options={"transcript_id": transcript_id})
        is_cancelled = cancelled or (lambda: False)
        engine: _EngineProcess | None = None
        completed = False
        try:
            engine = _EngineProcess(opts.engine, opts.transcribe)
            with self._attachments.open(job.attachment_id or "") as blob:
                samples = audio.decode(blob, cancelled=is_cancelled)
            total = len(samples) / audio.SAMPLE_RATE
            start = transcripts.last_end(transcript_id)
            if progress is not None:
                progress(start, total)
            if start < total - 0.5 and not self._stream(
                    engine, samples, start, total, transcript_id, job_id, progress, is_cancelled,
                    on_segments):
                return self.store.set_state(job_id, job_states.CANCELLED)
            self.store.set_progress(job_id, 1.0)
            if progress is not None:
                progress(total, total)
            completed = True
            return self.store.set_state(job_id, job_states.DONE)
        except audio.DecodeCancelled:
            return self.store.set_state(job_id, job_states.CANCELLED)
        except VaultError as exc:
            log.info("transcription job failed: %s", type(exc).__name__)
            return self.store.set_state(job_id, job_states.FAILED, error=exc.user_message)
        finally:
            if engine is not None:
                engine.stop(finished=completed)

    def _stream(self, engine: _EngineProcess, samples: audio.Samples, start: float, total: float,
                transcript_id: str, job_id: str, progress: Progress | None,
                cancelled: CancelCheck, on_segments: SegmentsArrived | None) -> bool:
        """Feed the engine and store what it sends; False when cancelled."""
        conn = engine.conn
        if not self._wait_for(conn, engine, cancelled, "ready"):
            return False
        conn.send_bytes(samples[int(start * audio.SAMPLE_RATE):].tobytes())
        conn.send(("go", start))
        while True:
            if cancelled():
                return False
            if not conn.poll(POLL_S):
                if not engine.process.is_alive():
                    raise EngineFailed("engine process ended")
                continue
            batch: list[Segment] = []
            finished = False
            while conn.poll(0):  # store everything that has arrived in one transaction
                message = _recv(conn)
                if message[0] == "segment":
                    _tag, seg_start, seg_end, text, _logprob, _words = message
                    if text.strip():
                        batch.append(Segment(start=seg_start, end=seg_end, text=text))
                elif message[0] == "done":
                    finished = True
                    break
                else:
                    raise _engine_error(message)
            if batch:
                stored = self._transcripts.add_segments(transcript_id, batch)
                self.store.set_progress(job_id, batch[-1].end / total if total else 0.0)
                if progress is not None:
                    progress(min(batch[-1].end, total), total)
                if on_segments is not None:
                    on_segments(stored)
            if finished:
                return True

    @staticmethod
    def _wait_for(conn: Connection, engine: _EngineProcess, cancelled: CancelCheck, tag: str) -> bool:
        while not conn.poll(POLL_S):
            if cancelled():
                return False
            if not engine.process.is_alive():
                raise EngineFailed("engine process ended")
        message = _recv(conn)
        if message[0] != tag:
            raise _engine_error(message)
        return True


def _recv(conn: Connection) -> tuple[Any, ...]:
    try:
        return tuple(conn.recv())
    except (EOFError, OSError):
        raise EngineFailed("engine pipe closed") from None


def _engine_error(message: tuple[Any, ...]) -> VaultError:
    if message[0] == "error":
        error = EngineFailed(str(message[1]))
        if message[2]:
            error.user_message = str(message[2])  # the engine's own typed message (bad model …)
        return error
    return EngineFailed(f"unexpected message {message[0]!r}")
