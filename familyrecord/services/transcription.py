"""The transcription verbs the GUI and the CLI use (reached as `services.transcription`).

Created once when the record is unlocked; it holds the stores it needs, never the vault.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from familyrecord.progress import CancelCheck, Progress
from familyrecord.storage.jobs import Job
from familyrecord.storage.stores import Stores
from familyrecord.storage.transcripts import Segment, Transcript
from familyrecord.transcription import audio, models
from familyrecord.transcription.engine import TranscribeOptions
from familyrecord.transcription.hashing import file_sha256
from familyrecord.transcription.jobs import KIND, JobOptions, SegmentsArrived, TranscriptionJobs

if TYPE_CHECKING:
    from familyrecord.settings import AppSettings
    from familyrecord.storage.blobs import Attachment


class TranscriptionService:
    def __init__(self, stores: Stores) -> None:
        self._stores = stores
        self._attachments = stores.attachments
        self._transcripts = stores.transcripts
        self.jobs = TranscriptionJobs(stores.jobs, stores.transcripts, stores.attachments)

    # ---- recordings and jobs ---------------------------------------------------------------

    def import_recording(self, path: Path, meeting_id: str, *, progress: Progress | None = None,
                         cancelled: CancelCheck | None = None) -> Attachment:
        """Add a recording to a meeting, as it is: even one we cannot decode is kept as evidence.

        The same file (same SHA-256) added to the same meeting again is not stored twice: the
        meeting's copy is returned. Whether it can be transcribed shows when the transcription
        job runs (a typed AudioError). Progress covers hashing the file, then copying it in.
        """
        path = Path(path)
        size = path.stat().st_size
        halves = _Halves(progress, size)
        digest = file_sha256(path, progress=halves.first, cancelled=cancelled)
        for attachment in self._attachments.list(meeting_id):
            if attachment.sha256 == digest and attachment.size == size:
                halves.done()
                return attachment
        return self._attachments.import_file(path, link_to=meeting_id, progress=halves.second,
                                             cancelled=cancelled)

    def recordings(self, meeting_id: str) -> list[Attachment]:
        return [a for a in self._attachments.list(meeting_id)
                if a.media_type.startswith(("audio/", "video/")) or audio.is_audio_file(Path(a.file_name))]

    def options_from_settings(self, settings: AppSettings) -> JobOptions:
        model = models.selected_model(settings)
        prompt = settings.initial_prompt or models.names_to_expect(self._stores.records)
        language = settings.language if model.multilingual else "en"
        return JobOptions(engine=settings.transcription_engine or "faster-whisper",
                          model=model.label if not model.bundled else "tiny.en",
                          transcribe=TranscribeOptions(model_path=str(model.path), language=language,
                                                       initial_prompt=prompt,
                                                       batched=bool(prompt.strip())))

    def queue(self, meeting_id: str, attachment_id: str, options: JobOptions | None = None) -> Job:
        """The recording's transcription job: the one it already has, else a new one."""
        return self.jobs.enqueue(meeting_id, attachment_id, options)

    def jobs_for(self, meeting_id: str, *, active_only: bool = False) -> list[Job]:
        states = ("queued", "running") if active_only else ()
        return self.jobs.store.list(states=states, meeting_id=meeting_id, kind=KIND)

    def run(self, job_id: str, *, progress: Progress | None = None,
            cancelled: CancelCheck | None = None, on_segments: SegmentsArrived | None = None) -> Job:
        return self.jobs.run(job_id, progress=progress, cancelled=cancelled, on_segments=on_segments)

    def run_pending(self, progress: Progress | None = None,
                    cancelled: CancelCheck | None = None) -> list[Job]:
        return self.jobs.run_pending(progress, cancelled)

    def recover(self) -> int:
        return self.jobs.recover()

    def unfinished(self) -> list[Job]:
        """Recordings not yet fully written out: waiting, stopped part-way or failed.

        A recording drops off this list once any of its jobs has finished."""
        jobs = self.jobs.store.list(kind=KIND)
        done = {(j.meeting_id, j.attachment_id) for j in jobs if j.state == "done"}
        return [j for j in jobs if j.state in ("queued", "cancelled", "failed")
                and (j.meeting_id, j.attachment_id) not in done]

    def retry(self, job_id: str) -> Job:
        """Put a failed or cancelled job back in the queue; it resumes where it stopped."""
        return self.jobs.store.set_state(job_id, "queued")

    # ---- transcripts -------------------------------------------------------------------------

    def transcripts_for(self, meeting_id: str) -> list[Transcript]:
        return self._transcripts.for_meeting(meeting_id)

    def segments(self, transcript_id: str) -> list[Segment]:
        return self._transcripts.segments(transcript_id)

    def edit_segment(self, segment_id: int, *, text: str | None = None, speaker: str | None = None,
                     disputed: bool | None = None, important: bool | None = None) -> Segment:
        return self._transcripts.edit_segment(
            segment_id, text=text, speaker=speaker, disputed=disputed, important=important)

    def rename_speaker(self, transcript_id: str, old: str, new: str) -> int:
        return self._transcripts.rename_speaker(transcript_id, old, new)

    def replace_text(self, transcript_id: str, find: str, replacement: str, *,
                     case_sensitive: bool = False) -> int:
        """Find and replace across a transcript; each changed segment keeps its original."""
        import re

        if not find:
            return 0
        pattern = re.compile(re.escape(find), 0 if case_sensitive else re.IGNORECASE)
        changed = 0
        with self._stores.records.together():  # one change in the history, or none
            for seg in self.segments(transcript_id):
                new_text = pattern.sub(lambda _m: replacement, seg.text)
                if new_text != seg.text:
                    self.edit_segment(seg.id, text=new_text)
                    changed += 1
        return changed

    def speakers(self, transcript_id: str) -> list[str]:
        return sorted({s.speaker for s in self.segments(transcript_id) if s.speaker})

    def export(self, transcript_id: str, destination: Path, fmt: str | None = None) -> Path:
        """Write the transcript where the user chose (a deliberate plaintext copy)."""
        from familyrecord.transcription.export import export_transcript

        transcript = self._transcripts.get(transcript_id)
        meeting = self._stores.records.get(transcript.meeting_id)
        return export_transcript(self.segments(transcript_id), Path(destination), fmt,
                                 title=meeting.summary())


class _Halves:
    """One progress bar for two passes over a file: hashing it, then copying it in."""

    def __init__(self, progress: Progress | None, size: int) -> None:
        self._progress = progress
        self._size = size

    def first(self, done: float, _total: float) -> None:
        if self._progress is not None:
            self._progress(done, 2 * self._size)

    def second(self, done: float, _total: float) -> None:
        if self._progress is not None:
            self._progress(self._size + done, 2 * self._size)

    def done(self) -> None:
        if self._progress is not None:
            self._progress(2 * self._size, 2 * self._size)
